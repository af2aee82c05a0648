// The page's files (src/serve/page/), compiled into the binary by cmake/embed_page.cmake: the page works
// offline and the server reads nothing from the file system.
#pragma once

#include <optional>
#include <string_view>

namespace bigcert::serve {

struct PageAsset {
    std::string_view content_type;
    std::string_view bytes;
};

// The asset served at `path` ("/" is index.html); nothing for any other path.
std::optional<PageAsset> page_asset(std::string_view path);

}  // namespace bigcert::serve
