#include <catch2/catch.hpp>

#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/core/polytope.hpp"

using namespace bigcert;

static Rational q(const char* text) { return *parse_rational(text); }
static Vector v(std::initializer_list<const char*> xs) {
    Vector r;
    for (const char* x : xs) r.push_back(q(x));
    return r;
}

TEST_CASE("linear systems: unique, underdetermined and inconsistent", "[linear-algebra]") {
    Matrix a = Matrix::from_rows({v({"2", "1"}), v({"1", "3"})}, 2);
    auto s = solve_linear_system(a, v({"3", "5"}));
    REQUIRE(s);
    CHECK(s->null_space.empty());
    CHECK(s->particular == v({"4/5", "7/5"}));
    Matrix b = Matrix::from_rows({v({"1", "1", "1"})}, 3);
    auto t = solve_linear_system(b, v({"1"}));
    REQUIRE(t);
    CHECK(t->null_space.size() == 2);
    Matrix c = Matrix::from_rows({v({"1", "1"}), v({"2", "2"})}, 2);
    CHECK_FALSE(solve_linear_system(c, v({"1", "3"})));
    CHECK(rank(c) == 1);
}

TEST_CASE("the exact simplex method", "[linear-algebra]") {
    // max x + y  s.t. x + 2y + s1 = 4, 3x + y + s2 = 6
    Matrix a = Matrix::from_rows({v({"1", "2", "1", "0"}), v({"3", "1", "0", "1"})}, 4);
    auto lp = solve_linear_program(a, v({"4", "6"}), v({"1", "1", "0", "0"}));
    REQUIRE(lp.status == LinearProgramResult::Status::optimal);
    CHECK(lp.value == q("14/5"));
    CHECK(lp.x[0] == q("8/5"));
    CHECK(lp.x[1] == q("6/5"));
    // infeasible: x = -1 with x >= 0
    auto infeasible = solve_linear_program(Matrix::from_rows({v({"1"})}, 1), v({"-1"}), v({"0"}));
    CHECK(infeasible.status == LinearProgramResult::Status::infeasible);
    // unbounded: max x s.t. x - y = 0
    auto unbounded = solve_linear_program(Matrix::from_rows({v({"1", "-1"})}, 2), v({"0"}), v({"1", "0"}));
    CHECK(unbounded.status == LinearProgramResult::Status::unbounded);
    // redundant rows are tolerated
    auto redundant = solve_linear_program(Matrix::from_rows({v({"1", "1"}), v({"2", "2"})}, 2), v({"1", "2"}),
                                          v({"1", "0"}));
    REQUIRE(redundant.status == LinearProgramResult::Status::optimal);
    CHECK(redundant.value == 1);
}

TEST_CASE("vertex descriptions: duplicates, interior and collinear points are removed", "[polytope]") {
    Polytope p = Polytope::from_vertices({v({"0", "0"}), v({"2", "0"}), v({"2", "2"}), v({"0", "2"}),
                                          v({"1", "1"}), v({"1", "0"}), v({"0", "0"})},
                                         2);
    CHECK(p.vertices().size() == 4);
    CHECK(p.facets().size() == 4);
    CHECK(p.affine_dimension() == 2);
    CHECK(p.in_interior(v({"1", "1"})));
    CHECK_FALSE(p.in_interior(v({"1", "0"})));
    CHECK(p.contains(v({"1", "0"})));
    CHECK_FALSE(p.contains(v({"3", "0"})));
    CHECK(p.support_value(v({"1", "1"})) == 4);
    CHECK(p.support_face(v({"1", "0"})).size() == 2);
}

TEST_CASE("halfspace descriptions convert exactly to vertices", "[polytope]") {
    std::vector<Halfspace> triangle{
        {v({"-1", "0"}), 0}, {v({"0", "-1"}), 0}, {v({"1", "1"}), 1}, {v({"1", "1"}), 2}};
    Polytope p = Polytope::from_halfspaces(triangle, 2);
    CHECK(p.vertices().size() == 3);
    CHECK(p.facets().size() == 3);  // the redundant halfspace is gone
    CHECK(p.contains(v({"1/3", "1/3"})));
    std::vector<Halfspace> open{{v({"-1", "0"}), 0}, {v({"0", "-1"}), 0}};
    CHECK_THROWS_AS(Polytope::from_halfspaces(open, 2), GeometryError);
    std::vector<Halfspace> empty{
        {v({"1", "0"}), -1}, {v({"-1", "0"}), -1}, {v({"0", "1"}), 1}, {v({"0", "-1"}), 1}};
    CHECK_THROWS_AS(Polytope::from_halfspaces(empty, 2), GeometryError);
}

TEST_CASE("lower-dimensional polytopes: a segment in the plane and a point", "[polytope]") {
    Polytope segment = Polytope::from_vertices({v({"0", "0"}), v({"2", "2"}), v({"1", "1"})}, 2);
    CHECK(segment.affine_dimension() == 1);
    CHECK(segment.vertices().size() == 2);
    CHECK(segment.equations().size() == 1);
    CHECK_FALSE(segment.in_interior(v({"1", "1"})));
    CHECK(segment.in_relative_interior(v({"1", "1"})));
    CHECK_FALSE(segment.contains(v({"1", "0"})));
    Polytope point = Polytope::from_vertices({v({"1", "2"})}, 2);
    CHECK(point.affine_dimension() == 0);
    CHECK(point.contains(v({"1", "2"})));
    CHECK_FALSE(point.contains(v({"1", "1"})));
    // a flat set given by halfspaces (an implicit equation)
    std::vector<Halfspace> flat{
        {v({"0", "1"}), 0}, {v({"0", "-1"}), 0}, {v({"1", "0"}), 1}, {v({"-1", "0"}), 1}};
    Polytope f = Polytope::from_halfspaces(flat, 2);
    CHECK(f.affine_dimension() == 1);
    CHECK(f.vertices().size() == 2);
}

TEST_CASE("a cube in three dimensions", "[polytope]") {
    Polytope cube = Polytope::box(v({"0", "0", "0"}), v({"1", "1", "1"}));
    CHECK(cube.vertices().size() == 8);
    CHECK(cube.facets().size() == 6);
    CHECK(cube.support_face(v({"1", "0", "0"})).size() == 4);
}
