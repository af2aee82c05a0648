// Random small games with small denominators on purpose: they produce ties, duplicate targets and
// degenerate faces. Shared by the cross-check and the differential tests.
#pragma once

#include <random>
#include <sstream>
#include <string>

namespace bigcert::testing {

class RandomGames {
  public:
    explicit RandomGames(unsigned seed) : rng_(seed) {}

    std::string number(int range, int max_den) {
        int den = 1 + static_cast<int>(rng_() % static_cast<unsigned>(max_den));
        int num = static_cast<int>(rng_() % static_cast<unsigned>(2 * range * den + 1)) - range * den;
        return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
    }
    std::string weight() {
        unsigned kind = rng_() % 10;
        if (kind == 0) return "0";
        if (kind == 1) return "\"-1/2\"";
        return number(2, 4);
    }
    int below(int k) { return static_cast<int>(rng_() % static_cast<unsigned>(k)); }

    std::string interval_game(int n) {
        std::ostringstream out;
        out << R"({"bias": {"weight": )" << number(1, 3) << R"(, "point": [)" << number(2, 2)
            << R"(]}, "players": [)";
        for (int i = 0; i < n; ++i) {
            int lo = below(5) - 3, width = below(4);
            out << (i ? "," : "") << R"({"target": )" << number(4, 3) << R"(, "weight": )" << weight()
                << R"(, "action_set": {"interval": [)" << lo << "," << lo + width << "]}}";
        }
        out << "]}";
        return out.str();
    }

    std::string polygon_game(int n) {
        std::ostringstream out;
        out << R"({"dimension": 2, "bias": {"weight": 1, "point": [)" << number(1, 2) << "," << number(1, 2)
            << R"(]}, "players": [)";
        for (int i = 0; i < n; ++i) {
            out << (i ? "," : "") << R"({"target": [)" << number(3, 3) << "," << number(3, 3)
                << R"(], "weight": )" << weight() << R"(, "action_set": {"vertices": [)";
            int points = 1 + below(6);
            for (int k = 0; k < points; ++k)
                out << (k ? "," : "") << "[" << below(5) - 2 << "," << below(5) - 2 << "]";
            out << "]}}";
        }
        out << "]}";
        return out.str();
    }

    std::string polyhedron_game(int n) {
        std::ostringstream out;
        out << R"({"dimension": 3, "bias": {"weight": 1, "point": [)" << number(1, 2) << "," << number(1, 2)
            << "," << number(1, 2) << R"(]}, "players": [)";
        for (int i = 0; i < n; ++i) {
            out << (i ? "," : "") << R"({"target": [)" << number(3, 3) << "," << number(3, 3) << ","
                << number(3, 3) << R"(], "weight": )" << weight() << R"(, "action_set": {"vertices": [)";
            int points = 1 + below(8);
            for (int k = 0; k < points; ++k)
                out << (k ? "," : "") << "[" << below(5) - 2 << "," << below(5) - 2 << "," << below(5) - 2
                    << "]";
            out << "]}}";
        }
        out << "]}";
        return out.str();
    }

  private:
    std::mt19937 rng_;
};

}  // namespace bigcert::testing
