#pragma once
// Writes a whole file so that readers see the old content or the new, never a mix:
// the bytes go to a temporary file in the same folder, are flushed to disk, then
// renamed over the target. Throws PublishError naming the file and the cause.
#include <filesystem>
#include <string_view>

namespace bangvang::publish {

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace bangvang::publish
