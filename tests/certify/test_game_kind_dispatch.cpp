// certify() and check() (certification.hpp) reach the one certifier and checker of each game kind
// (docs/internals.md "Game kinds"), and refuse what does not apply to it before any work.
#include <catch2/catch.hpp>

#include "bigcert/certify/certification.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "load_any_instance.hpp"

using namespace bigcert;

namespace {

Instance load(const std::string& json) { return load_any_instance(json); }

const char* finite_game = R"({"dimension": 1, "action_set": {"items": [-4, -8, 4, 8], "choose": 2},
    "players": [{"target": "-1/4", "weight": "1/4"}, {"target": "1/4", "weight": "1/4"}]})";
const char* inner_game = R"({"dimension": 2, "loss": "inner", "action_set": {"box": {"lo": [-1, -1],
    "hi": [1, 1]}}, "players": [{"target": [1, 0], "weight": 0.5}, {"target": [0, 1], "weight": 0.5}]})";
const char* interval_game = R"({"action_set": {"interval": [0, 6]},
    "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]})";
const char* receivers_game = R"({"dimension": 1, "action_set": {"interval": [0, 1]},
    "receivers": [{"name": "A", "weights": [1, 2]}, {"name": "B", "weights": [2, 1]}],
    "players": [{"target": "3/2", "care": [1, 0]}, {"target": "3/2", "care": [0, 1]}]})";

}  // namespace

TEST_CASE("certify() answers every kind with its own certificate", "[kind]") {
    CertifyRequest request;
    CertifyResult finite = certify(load(finite_game), request);
    CHECK(finite.kind == GameKind::finite);
    CHECK(std::holds_alternative<FiniteCertificate>(finite.detail));
    CertifyResult inner = certify(load(inner_game), request);
    CHECK(inner.kind == GameKind::inner_loss);
    CHECK(std::holds_alternative<DominanceCertificate>(inner.detail));
    CertifyResult polytope = certify(load(interval_game), request);
    CHECK(polytope.kind == GameKind::polytope);
    CHECK(polytope.verdict == "certified");
    CHECK(polytope.actions == std::vector<Vector>{Vector{Rational(0)}, Vector{Rational(6)}});  // Example 1
    CertifyResult receivers = certify(load(receivers_game), request);
    CHECK(receivers.kind == GameKind::several_receivers);
    CHECK(receivers.verdict == "certified");
    REQUIRE(std::holds_alternative<ReceiversCertificate>(receivers.detail));
    CHECK(std::get<ReceiversCertificate>(receivers.detail).player_verdicts.size() == 2);
}

TEST_CASE("certify() and check() refuse what does not apply to the kind", "[kind]") {
    CertifyRequest request;
    request.given.insert("max-deviations");
    CHECK_THROWS_AS(certify(load(receivers_game), request), InputError);
    CHECK_THROWS_AS(certify(load(interval_game), request), InputError);
    CertifyRequest with_latex;
    with_latex.given.insert("latex");
    CHECK_THROWS_AS(certify(load(receivers_game), with_latex), UnsupportedError);
    CheckRequest check_request{{"count"}, "", "", {}};
    CHECK_THROWS_AS(check(load(finite_game), check_request), UnsupportedError);
    CHECK_THROWS_AS(check(load(inner_game), check_request), UnsupportedError);
    CheckResult receivers = check(load(receivers_game), check_request);
    REQUIRE(receivers.verdicts.size() == 1);
    CHECK(receivers.verdicts[0].value == "several");  // three isolated equilibria (docs/model.md §8.6)
    check_request.proof_log = "unused-bundle";
    CHECK_THROWS_AS(check(load(receivers_game), check_request), UnsupportedError);
}
