#pragma once
// `bangvang-publish init DIR`: a content folder with one example of every kind, a
// placeholder photo beside each picture field, and HUONG-DAN.md, a short guide in
// Vietnamese. The examples pass `validate` as they are.
#include <filesystem>
#include <vector>

namespace bangvang::publish {

// Returns the files written. Refuses (PublishError) a folder that already holds
// files, so nobody's work is overwritten.
std::vector<std::filesystem::path> scaffold_content_folder(const std::filesystem::path& directory);

}  // namespace bangvang::publish
