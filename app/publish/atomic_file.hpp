#pragma once
// Writes a whole file so that readers see the old content or the new, never a mix
// (files/durable_file.hpp: temporary file beside it, fsync, rename, fsync of the
// folder). Throws PublishError naming the file and the cause.
#include <filesystem>
#include <string_view>

namespace bangvang::publish {

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace bangvang::publish
