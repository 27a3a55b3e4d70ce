#pragma once
// The portal's SQLite schema as ordered steps (store::Migration, PRAGMA user_version):
// a database made by an older bangvang-portal is upgraded in place when it is opened,
// each step in one transaction, nothing lost.
//   1  the first schema (02a6db8): names as text in every row
//   2  kiosks, sites and items stored once (kiosk_names, site_names, item_names) and
//      referred to by number; plays keyed by start time first, without the two
//      secondary indexes; days as numbers (days since 1970-01-01)
//   3  kiosk_status: the clock state and the last unattended update of the newest heartbeat
//      (NULL: the kiosk did not say, as kiosks before these members)
#include <span>

#include "store/schema.hpp"

namespace bangvang::portal {

std::span<const store::Migration> portal_schema_steps();

}  // namespace bangvang::portal
