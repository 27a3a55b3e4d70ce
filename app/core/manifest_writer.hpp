#pragma once
// Writes the feed format (content/FORMAT.md) back out: the publisher's output and
// the store's per-item record. parse_manifest(write_manifest(m)) gives back m.
// Instants are written at Việt Nam's offset (+07:00), date-only fields as YYYY-MM-DD,
// and optional members that are empty or at their default are left out.
#include <string>

#include "model.hpp"

namespace bangvang::core {

std::string write_manifest(const Manifest& manifest);

// One member of "items", as a JSON object on its own.
std::string write_item(const Item& item);

}  // namespace bangvang::core
