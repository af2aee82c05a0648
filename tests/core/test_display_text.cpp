// display_text: user text in text output and messages stays on one line (docs/cli.md "Player numbering").
#include <catch2/catch.hpp>
#include <string>

#include "bigcert/core/display_text.hpp"

using namespace bigcert;

TEST_CASE("display_text escapes control characters as JSON does and keeps other text", "[core][display]") {
    CHECK(display_text("left") == "left");
    CHECK(display_text("a\nb") == "a\\nb");
    CHECK(display_text("x\r\x1b[2J") == "x\\r\\u001b[2J");
    CHECK(display_text(std::string("nul\0byte", 8)) == "nul\\u0000byte");
    CHECK(display_text("tab\there\b\f") == "tab\\there\\b\\f");
    CHECK(display_text("del\x7f") == "del\\u007f");
    CHECK(display_text("c1\u0085\u009b") == "c1\\u0085\\u009b");
    CHECK(display_text("line\u2028para\u2029") == "line\\u2028para\\u2029");
    CHECK(display_text("é名🎲 \"quote\\backslash") == "é名🎲 \"quote\\backslash");
    CHECK(display_text("bad\xff\xc3") == "bad\\xff\\xc3");  // not UTF-8 (a path may be anything)
    CHECK(display_text("\xc0\xaf") == "\\xc0\\xaf");        // an overlong '/'
    CHECK(display_text(display_text("a\nb")) == "a\\nb");   // escaping twice changes nothing
}
