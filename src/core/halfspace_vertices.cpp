#include "bigcert/core/halfspace_vertices.hpp"

#include <algorithm>
#include <cstdint>

#include "bigcert/core/vertex_game.hpp"

namespace bigcert {
namespace {

// Entries of a halfspace in integers are below this: every product below stays under 2^127 (see
// integer_vertices and bounded).
constexpr std::int64_t entry_limit = std::int64_t{1} << 30;

// Halfspace h as integers a_0 .. a_{d-1}, b (d + 1 per halfspace): the fractions times the common
// denominator of the halfspace, divided by the gcd of the results (a positive scale: the same halfspace).
// False when an entry stays at or above 2^30 in magnitude.
bool integer_halfspaces(const std::vector<SmallFraction>& normals, const std::vector<SmallFraction>& offsets,
                        std::size_t d, std::vector<std::int64_t>& integers) {
    const std::size_t count = offsets.size();
    integers.resize((d + 1) * count);
    for (std::size_t h = 0; h < count; ++h) {
        const SmallFraction* entry[4];
        for (std::size_t j = 0; j < d; ++j) entry[j] = &normals[d * h + j];
        entry[d] = &offsets[h];
        std::int64_t common = 1;  // the lcm of the denominators, kept below 2^62
        for (std::size_t j = 0; j <= d; ++j) {
            const auto g = static_cast<std::int64_t>(
                gcd64(static_cast<std::uint64_t>(common), static_cast<std::uint64_t>(entry[j]->den)));
            const __int128 lcm = static_cast<__int128>(common / g) * entry[j]->den;
            if (lcm > small_fraction_limit) return false;
            common = static_cast<std::int64_t>(lcm);
        }
        // |num| <= 2^62 and common / den <= 2^62: each product is below 2^124; the gcd is taken in 64 bits.
        __int128 scaled[4];
        std::uint64_t g = 0;
        for (std::size_t j = 0; j <= d; ++j) {
            scaled[j] = static_cast<__int128>(entry[j]->num) * (common / entry[j]->den);
            const __int128 magnitude = scaled[j] < 0 ? -scaled[j] : scaled[j];
            if (magnitude > INT64_MAX) return false;
            g = gcd64(g, static_cast<std::uint64_t>(magnitude));
        }
        for (std::size_t j = 0; j <= d; ++j) {
            const __int128 x = g > 1 ? scaled[j] / static_cast<__int128>(g) : scaled[j];
            if (x >= entry_limit || x <= -entry_limit) return false;
            integers[(d + 1) * h + j] = static_cast<std::int64_t>(x);
        }
    }
    return true;
}

// u × v of integer 3-vectors with entries below 2^30: each entry below 2^61, in 64 bits.
void cross(const std::int64_t* u, const std::int64_t* v, std::int64_t* out) {
    out[0] = u[1] * v[2] - u[2] * v[1];
    out[1] = u[2] * v[0] - u[0] * v[2];
    out[2] = u[0] * v[1] - u[1] * v[0];
}

// Appends y = (D_1, .., D_d) / D to `vertices` unless it violates a halfspace or is already there; false
// when a coordinate does not fit a SmallFraction. With D > 0 (the caller negates both otherwise),
// a·y <= b is a·(D_1, .., D_d) <= b·D. |a|, |b| < 2^30 and |D_j|, |D| < 3·2^91 (d = 3; far less for
// d = 2): a·(D_1, .., D_d) < 9·2^121, b·D < 3·2^121, their difference below 2^125.
bool add_if_vertex(const std::int64_t* integers, std::size_t count, std::size_t d, const __int128* numerators,
                   __int128 denominator, std::vector<SmallFraction>& vertices) {
    for (std::size_t h = 0; h < count; ++h) {
        const std::int64_t* a = &integers[(d + 1) * h];
        __int128 side = -static_cast<__int128>(a[d]) * denominator;
        for (std::size_t j = 0; j < d; ++j) side += a[j] * numerators[j];
        if (side > 0) return true;  // outside halfspace h: not a point of the set
    }
    SmallFraction y[3];
    for (std::size_t j = 0; j < d; ++j)
        if (!make_small_fraction(numerators[j], denominator, y[j])) return false;
    for (std::size_t k = 0; k < vertices.size(); k += d)
        if (std::equal(y, y + d, &vertices[k])) return true;  // found before: kept at its first place
    vertices.insert(vertices.end(), y, y + d);
    return true;
}

// Polytope::from_halfspaces's vertex enumeration: every d-subset of halfspaces in lexicographic order (as
// for_each_subset), the unique point where all d are tight (D != 0, Cramer's rule), kept when it satisfies
// every halfspace and is new.
bool integer_vertices(const std::vector<std::int64_t>& integers, std::size_t count, std::size_t d,
                      std::vector<SmallFraction>& vertices) {
    const std::int64_t* at = integers.data();
    auto row = [&](std::size_t h) { return at + (d + 1) * h; };
    if (d == 2) {
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t k = i + 1; k < count; ++k) {
                const std::int64_t *r = row(i), *s = row(k);
                // |D| < 2^61; y·D = (b_i s_1 - b_k r_1, b_k r_0 - b_i s_0), entries below 2^61.
                __int128 denominator =
                    static_cast<__int128>(r[0]) * s[1] - static_cast<__int128>(r[1]) * s[0];
                if (denominator == 0) continue;
                __int128 numerators[2] = {
                    static_cast<__int128>(r[2]) * s[1] - static_cast<__int128>(s[2]) * r[1],
                    static_cast<__int128>(s[2]) * r[0] - static_cast<__int128>(r[2]) * s[0]};
                if (denominator < 0)
                    denominator = -denominator, numerators[0] = -numerators[0],
                    numerators[1] = -numerators[1];
                if (!add_if_vertex(at, count, d, numerators, denominator, vertices)) return false;
            }
        return true;
    }
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t k = i + 1; k < count; ++k) {
            std::int64_t ik[3];
            cross(row(i), row(k), ik);
            for (std::size_t l = k + 1; l < count; ++l) {
                const std::int64_t *r = row(i), *s = row(k), *t = row(l);
                // The rows' inverse is [s × t, t × r, r × s] / D with D = r·(s × t): entries of the cross
                // products below 2^61, D and each D_j below 3·2^91.
                std::int64_t kl[3], li[3];
                cross(s, t, kl);
                __int128 denominator = 0;
                for (std::size_t j = 0; j < 3; ++j) denominator += static_cast<__int128>(r[j]) * kl[j];
                if (denominator == 0) continue;
                cross(t, r, li);
                __int128 numerators[3];
                for (std::size_t j = 0; j < 3; ++j)
                    numerators[j] = static_cast<__int128>(r[3]) * kl[j] +
                                    static_cast<__int128>(s[3]) * li[j] + static_cast<__int128>(t[3]) * ik[j];
                if (denominator < 0) {
                    denominator = -denominator;
                    for (__int128& x : numerators) x = -x;
                }
                if (!add_if_vertex(at, count, d, numerators, denominator, vertices)) return false;
            }
        }
    return true;
}

// Whether the set, known to have a vertex, is bounded. A non-empty {y : a·y <= b} is bounded iff its
// recession cone C = {u : a·u <= 0 for all halfspaces} is {0} (the general path asks the equivalent: the
// normals positively span R^d, whose polar cone is C). A vertex means the normals have rank d, so C is
// pointed, and a pointed cone other than {0} has an extreme ray: a u != 0 in C on which d − 1 linearly
// independent normals vanish. So C = {0} iff for each such (d − 1)-subset, both directions ±u of its null
// line leave C (some a·u > 0). d = 2: u = (−a_1, a_0), a·u below 2^61; d = 3: u = a × a', entries below
// 2^61, a·u below 3·2^91.
bool bounded(const std::vector<std::int64_t>& integers, std::size_t count, std::size_t d) {
    auto leaves_cone_both_ways = [&](const std::int64_t* u) {
        bool up = false, down = false;
        for (std::size_t h = 0; h < count && !(up && down); ++h) {
            __int128 side = 0;
            for (std::size_t j = 0; j < d; ++j)
                side += static_cast<__int128>(integers[(d + 1) * h + j]) * u[j];
            up = up || side > 0, down = down || side < 0;
        }
        return up && down;
    };
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t* r = &integers[(d + 1) * i];
        if (d == 2) {
            const std::int64_t u[2] = {-r[1], r[0]};
            if ((u[0] != 0 || u[1] != 0) && !leaves_cone_both_ways(u)) return false;
            continue;
        }
        for (std::size_t k = i + 1; k < count; ++k) {
            std::int64_t u[3];
            cross(r, &integers[(d + 1) * k], u);
            if ((u[0] != 0 || u[1] != 0 || u[2] != 0) && !leaves_cone_both_ways(u)) return false;
        }
    }
    return true;
}

}  // namespace

bool halfspace_vertices(const std::vector<SmallFraction>& normals, const std::vector<SmallFraction>& offsets,
                        std::size_t d, const PolytopeLimits& limits, std::vector<SmallFraction>& vertices) {
    const std::size_t count = offsets.size();
    vertices.clear();
    if ((d != 2 && d != 3) || count == 0 || normals.size() != d * count ||
        binomial_saturating(count, d) > limits.max_subsets)
        return false;
    thread_local std::vector<std::int64_t> integers;  // a set costs no allocation (one per player)
    if (!integer_halfspaces(normals, offsets, d, integers) || !integer_vertices(integers, count, d, vertices))
        return false;
    // No vertex: empty (or unbounded, which the general path reports first); either way its error.
    if (vertices.empty() || !bounded(integers, count, d)) return false;
    // Polytope::from_vertices's order; false when the set is flat (the general path describes it).
    return d == 2 ? convex_polygon(vertices) : convex_polyhedron(vertices, limits);
}

}  // namespace bigcert
