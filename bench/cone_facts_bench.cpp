// The two forms of the grouped polytope claims side by side in one binary (bench/REPORT.md, docs/model.md §3i
// and §3a′): cone facts (the default) against the earlier direction form (disjunctions over y, faces by the
// direction of g_i). One form per process, so that /usr/bin/time -v reports each one's peak memory:
//   bigcert_cone_facts_bench certify|check cone|direction INSTANCE.json
// Prints the verdict(s) and the seconds of the certification step (after solving).
#include <chrono>
#include <iostream>
#include <string>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

int main(int argc, char** argv) {
    using namespace bigcert;
    const std::string task = argc == 4 ? argv[1] : "", form = argc == 4 ? argv[2] : "";
    if ((task != "certify" && task != "check") || (form != "cone" && form != "direction")) {
        std::cerr << "usage: bigcert_cone_facts_bench certify|check cone|direction INSTANCE.json\n";
        return 2;
    }
    const Instance instance = load_instance_file(argv[3]);
    const bool cone = form == "cone";
    ProofLog no_log("", "", instance.name);
    const auto start = std::chrono::steady_clock::now();
    if (task == "certify") {
        CertifyOptions options;
        options.cone_facts = cone;
        std::cout << "certify "
                  << certify_profile(instance, solve(instance).actions, no_log, options).verdict;
    } else {
        CheckOptions options;
        options.method = "structure";
        options.cone_facts = cone;
        std::cout << "check";
        for (const PropertyVerdict& v :
             check_properties(instance, {"exaggeration", "receiver-unique", "count"}, no_log, options))
            std::cout << " " << v.property << "=" << v.verdict << (v.value.empty() ? "" : "/" + v.value);
    }
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    std::cout << " (" << form << ", " << seconds.count() << " s)\n";
    return 0;
}
