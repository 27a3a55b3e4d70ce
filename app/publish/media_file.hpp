#pragma once
// What the manifest says about a picture: its hash, size, pixel size and type,
// measured from the file itself.
#include <filesystem>

#include "core/model.hpp"
#include "core/result.hpp"

namespace bangvang::publish {

// A file that is missing, too large, or not a decodable JPEG/PNG is a Problem whose
// `where` is the file's path. A file that exists but cannot be read throws PublishError.
core::Result<core::MediaRef> describe_media_file(const std::filesystem::path& file);

// Copies `file` into `media_directory` as <media.sha256>, through a temporary name and
// a rename so a reader never sees half a file. Throws PublishError when the copy fails
// or the file changed since it was described.
void copy_media_file(const std::filesystem::path& file, const core::MediaRef& media,
                     const std::filesystem::path& media_directory);

}  // namespace bangvang::publish
