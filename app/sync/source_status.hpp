#pragma once
// What the sync worker knows about each remote source: what the status overlay, the
// footer's freshness notice and the heartbeats say about it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock_time.hpp"

namespace bangvang::sync {

struct SourceStatus {
    std::string source_id;
    std::optional<core::UnixSeconds> last_success{};
    std::optional<core::UnixSeconds> last_attempt{};
    std::string last_error{};            // empty after a success
    int consecutive_failures = 0;
    std::int64_t version = 0;            // the version playing (0: none)
    core::UnixSeconds expires_at = 0;
    std::size_t held_back_items = 0;
    core::UnixSeconds next_poll = 0;     // for display: the wall time the next poll is due at
    std::size_t last_poll_bytes = 0;
    std::optional<core::UnixSeconds> last_report{};  // last acknowledged report POST
    std::string last_report_error{};               // empty after a delivered report
};

enum class SyncLogLevel { info, warning, error };

}  // namespace bangvang::sync
