#pragma once
// What an identifier is, everywhere in bangvang: item ids, source ids, audience sites
// and tags in a feed, and the kiosk id, site, tags and source ids of a kiosk's config
// (which must be nameable by a feed's audience), the ids staff give in a content
// folder, and provision.sh's --kiosk-id/--site/--tag/--source checks (tested against
// this rule). Pure.
#include <string_view>

namespace bangvang::core {

// [a-z0-9][a-z0-9-]{0,63}: 1 to 64 lowercase letters, digits and '-', not starting with '-'.
bool is_identifier(std::string_view text);

// How staff are told the rule, after "must be ".
inline constexpr std::string_view identifier_rule =
    "1-64 lowercase letters, digits or '-', not starting with '-' (a-z, 0-9, -)";

}  // namespace bangvang::core
