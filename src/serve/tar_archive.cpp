#include "serve/tar_archive.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace bigcert::serve {
namespace {

void put_octal(char* field, std::size_t width, unsigned long long value) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value);
}

// One member: a 512-byte ustar header, then the content padded to a multiple of 512 bytes.
void append_member(std::string& archive, const std::string& name, const std::string& content) {
    if (name.size() >= 100) throw std::runtime_error("archive member name too long: " + name);
    std::array<char, 512> header{};
    std::memcpy(header.data(), name.data(), name.size());
    put_octal(&header[100], 8, 0644);
    put_octal(&header[108], 8, 0);
    put_octal(&header[116], 8, 0);
    put_octal(&header[124], 12, content.size());
    put_octal(&header[136], 12, 0);
    header[156] = '0';
    std::memcpy(&header[257], "ustar", 6);
    std::memcpy(&header[263], "00", 2);
    std::memset(&header[148], ' ', 8);  // the checksum counts its own field as spaces
    unsigned sum = 0;
    for (char c : header) sum += static_cast<unsigned char>(c);
    std::snprintf(&header[148], 8, "%06o", sum);
    archive.append(header.data(), header.size());
    archive += content;
    archive.append((512 - content.size() % 512) % 512, '\0');
}

std::string read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string tar_directory(const std::string& directory, const std::string& prefix,
                          const std::string& extra_name, const std::string& extra_content) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::string archive;
    if (!extra_content.empty()) append_member(archive, extra_name, extra_content);
    for (const auto& file : files)
        append_member(archive, prefix + "/" + std::filesystem::relative(file, directory).string(),
                      read_whole(file));
    archive.append(1024, '\0');  // two zero blocks end the archive
    return archive;
}

}  // namespace bigcert::serve
