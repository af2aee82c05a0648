// Exact values across the Python boundary: bigcert's JSON objects become Python dicts whose numbers are
// fractions.Fraction (built from the exact "p/q" text, never through float), and Python profiles become
// FORMAT.md's solution JSON text so that the library's loader checks them and names the JSON path.
#pragma once

#include <pybind11/pybind11.h>

#include <set>
#include <string>

#include "bigcert/core/rational.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert::python {

// `value` as Python objects; strings under a key in `numeric_keys` (at any depth below it) that parse as
// exact rationals become Fractions, every other string stays a str.
pybind11::object to_python(const Json& value, const std::set<std::string>& numeric_keys);

pybind11::object fraction(const Rational& q);
pybind11::list fractions(const Vector& v);

// A profile given from Python as a solution dict (its equilibrium.actions is read), as a list of actions, or
// as JSON text, turned into solution JSON text. Numbers may be int, Fraction or exact "p/q"/decimal strings;
// a float is refused (InputError naming its path): its binary value is rarely the number the user meant.
std::string profile_json_text(const pybind11::handle& profile);

}  // namespace bigcert::python
