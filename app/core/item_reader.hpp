#pragma once
// Reads one member of a manifest's "items" into an Item (content/FORMAT.md).
// Shared by parse_manifest and parse_item; throws RejectedInput (see json_field_reader).
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "json_field_reader.hpp"
#include "model.hpp"

namespace bangvang::core {

// `reader.where()` names the item's place ("feed x: items[3]"); once the id is read it
// is appended (" (id \"story-lan\")") so later problems name both. When `listed_media`
// is given, every photo or image the item references must be in it.
Item read_item(const nlohmann::json& value, JsonFieldReader& reader, const std::set<std::string>* listed_media);

}  // namespace bangvang::core
