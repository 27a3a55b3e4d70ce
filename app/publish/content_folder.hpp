#pragma once
// The folder form staff author (created by `bangvang-publish init`):
//   nguon.txt                    "Mã nguồn: quan-thanh-xuan", "Tên nguồn: UBND quận Thanh Xuân"
//   guong-dien-hinh/*.txt        stories, each with its photo beside it
//   bang-xep-hang/*.csv          standings
//   bang-vang/*.csv              honour rolls
//   thong-bao/*.txt              announcements
//   ky-niem/*.txt                commemorations
// read_content_files turns it into the same SourceDocument as source.json (pictures
// as paths relative to the folder), listing every problem with its file and line.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "publish/content_findings.hpp"
#include "publish/field_rules.hpp"
#include "publish/source_document.hpp"

namespace bangvang::publish {

inline constexpr std::string_view source_file_name = "nguon.txt";

struct ContentFolderLayout {
    std::string_view folder;
    core::ItemKind kind;
    std::string_view extension;
};
inline constexpr ContentFolderLayout content_folder_layout[] = {
    {"guong-dien-hinh", core::ItemKind::story, ".txt"},
    {"bang-xep-hang", core::ItemKind::standings, ".csv"},
    {"bang-vang", core::ItemKind::honor_roll, ".csv"},
    {"thong-bao", core::ItemKind::announcement, ".txt"},
    {"ky-niem", core::ItemKind::commemoration, ".txt"},
};

struct ContentFiles {
    std::map<std::string, std::string> texts;  // relative path -> bytes of every .txt and .csv
    std::set<std::string> other_files;         // relative paths of every other file (pictures)
};

struct ContentFolder {
    SourceDocument document;
    std::vector<std::string> item_files;  // items[i] came from item_files[i]
    // items[i]'s members and the lines they came from: "story.name" -> 2,
    // "story.body[0]" -> 9, "standings.rows[3]" -> 11 (a row's members share its line).
    std::vector<std::map<std::string, int>> item_lines;
    std::map<std::string, int> source_lines;  // "source.id", "source.name" in nguon.txt
    std::vector<Finding> findings;
};

// Pure: the files' bytes in, the document and every finding out. Text in another
// encoding than UTF-8 is converted or refused per file (text_encoding.hpp).
ContentFolder read_content_files(const ContentFiles& files);

// True when `directory` is in the folder form (has nguon.txt or one of the kind folders).
bool is_content_folder(const std::filesystem::path& directory);

// Reads the .txt and .csv files and lists the others. Throws PublishError when the
// folder cannot be read.
ContentFiles load_content_files(const std::filesystem::path& directory);

}  // namespace bangvang::publish
