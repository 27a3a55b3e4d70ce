#pragma once
// Reading a whole file with a cap, so that a staff file, a config or a theme that is
// far larger than it could sensibly be (a 2 GB "source.json") is refused before it
// fills the memory. Throws FileError naming the file and the reason.
#include <cstddef>
#include <filesystem>
#include <string>

#include "files/durable_file.hpp"  // FileError

namespace bangvang::files {

// Reasons: "cannot open: …", "is larger than N bytes", "cannot read: …".
std::string read_whole_file(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace bangvang::files
