#pragma once
// Media files are content-addressed: stored as <media folder>/<sha256>, written
// through a temporary file that is fsynced and renamed, so after a power cut a file
// under its hash name is always complete.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "core/result.hpp"
#include "store/content_cache.hpp"

namespace bangvang::store {

bool is_sha256_hex(std::string_view text);  // 64 lowercase hex digits

std::string sha256_hex(std::string_view bytes);
// Throws StoreError when the file cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);

// Copies `source_file` into `media_directory` as <expected.sha256> after checking its
// size and hash against the manifest's entry. A file that does not match is a bad feed:
// a Problem naming the file and the reason (size or hash mismatch). Failures of the
// disk throw StoreError. Returns the stored path; an already stored file is kept.
core::Result<std::filesystem::path> import_media_file(const std::filesystem::path& source_file,
                                                      const core::MediaRef& expected,
                                                      const std::filesystem::path& media_directory);

struct MediaCleanup {
    std::size_t files_removed = 0;
    std::uintmax_t bytes_removed = 0;
};

// The file a media download goes to (in the media folder) until it is checked and stored:
// one name per file, so that an interrupted download is resumed where it stopped.
std::string partial_download_name(const std::string& sha256);

// Deletes media files no current source version lists, with the files derived from
// them (<sha256>.screen.jpg, named <sha256>.<anything>), and leftover temporary files
// except the partial downloads of `still_wanted` (sha256s to fetch at the next poll).
// Call it from the thread that imports and applies, never between an import and its
// apply: media imported for a manifest not yet applied is unreferenced until then.
MediaCleanup remove_unreferenced_media(const ContentCache& cache, const std::set<std::string>& still_wanted = {});

}  // namespace bangvang::store
