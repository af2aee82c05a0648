// The alphabet of the SMT-LIB text bigcert writes (proof logs, `--z3-query`, what Z3 parses). User text
// (instance and player names, file paths, any string of an input) never enters a query: queries refer to
// players by their 0-based index, and names live in manifest.json, JSON-escaped. These predicates make that
// structural: SmtQuery (smt_query.hpp) rejects, as an InternalError (a bug in bigcert, never a different
// query), any comment, symbol or term outside them, so that no text can end a comment, close an assertion
// early or open a quoted symbol.
#pragma once

#include <string_view>

namespace bigcert {

// One comment line: no control character (a line break would end the comment and start a command).
bool is_smt_comment_text(std::string_view text);
// A simple symbol of the form [A-Za-z_][A-Za-z0-9_]* (no quoted |symbols|, no keywords).
bool is_smt_symbol(std::string_view text);
// A term or formula: simple symbols, decimal numerals, spaces and ( ) + - * / < = >, with parentheses that
// balance and never close more than they opened (no string literal, comment, quoted symbol or keyword).
bool is_smt_term(std::string_view text);

}  // namespace bigcert
