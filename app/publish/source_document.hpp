#pragma once
// The authoring form of a feed, content/<folder>/source.json: a manifest without
// version, issued_at, expires_at and media, whose pictures are paths relative to the
// folder. Pure: bytes in, the document and its picture references out.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace bangvang::publish {

// One place where an item names a picture, e.g. items[0].story.photo.
struct MediaReference {
    std::string json_pointer;   // "/items/0/story/photo", to rewrite it with the hash
    std::string where;          // "source.json: items[0] (id \"story-lan\")"
    std::string field;          // "story.photo"
    std::string relative_path;  // "photos/story-lan.jpg", as written
};

struct SourceDocument {
    nlohmann::ordered_json json;  // ordered, so the built manifest keeps the author's layout
    std::vector<MediaReference> media_references;
};

// `origin` names the file ("noi-dung/source.json") and prefixes every Problem.
core::Result<SourceDocument> parse_source_document(std::string_view json_bytes, std::string_view origin);

// A picture path must stay inside the content folder: relative, no "..", no backslash.
bool is_safe_relative_path(std::string_view path);

}  // namespace bangvang::publish
