// User text (player, instance and set names, file paths, an external receiver's output) as shown in text
// output and messages: one line, no terminal control. JSON output keeps the exact text (nlohmann escapes it).
#pragma once

#include <string>

namespace bigcert {

// `text` with every control character escaped as in JSON: C0 as \n, \r, \t, \b, \f or \u00XX, DEL as \u007f,
// C1 (U+0080..U+009F) and the line/paragraph separators U+2028, U+2029 as \uXXXX, and bytes that are not
// UTF-8 as \xHH. Other text (a backslash too) is kept.
std::string display_text(const std::string& text);

}  // namespace bigcert
