// Z3's independent confirmation of a curved enclosure (docs/internals.md): "no equilibrium outside this box".
#include <catch2/catch.hpp>

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

TEST_CASE("Z3 confirms that no equilibrium lies outside the enclosure, and finds one outside a wrong box",
          "[curved][z3]") {
    Instance instance =
        load_instance_text(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})");
    SolveOptions options;
    options.precision = 20;
    Solution s = solve(instance, options);
    EnclosureZ3Result ok = certify_enclosure_with_z3(instance, s);
    INFO(ok.reason);
    CHECK(ok.answer == "unsat");
    CHECK(ok.query.find("QF_NRA") != std::string::npos);
    // Shift the box off the true receiver: Z3 must find the equilibrium outside it.
    s.receiver_enclosure[1] = {s.receiver_enclosure[1].hi + 1, s.receiver_enclosure[1].hi + 2};
    CHECK(certify_enclosure_with_z3(instance, s).answer == "sat");
}
