#pragma once
// Proof of play: one slide of an item that really was on screen, and for how long.
// The player makes these; the report outbox keeps them until the portal has them.
#include <cstdint>
#include <string>

#include "core/clock_time.hpp"

namespace bangvang::core {

struct PlayRecord {
    std::string item_id;
    std::string source_id;
    UnixSeconds started_at = 0;
    std::int64_t duration_milliseconds = 0;  // measured, not the scheduled duration
};

}  // namespace bangvang::core
