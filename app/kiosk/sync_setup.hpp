#pragma once
// Wires the sync worker into the kiosk: remote sources from the config, the kiosk's
// log, an SDL user event for "content changed", and SIGUSR1 for "sync now".
#include <SDL.h>

#include <functional>
#include <memory>

#include "core/play_record.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/kiosk_config.hpp"
#include "store/report_outbox.hpp"
#include "sync/sync_worker.hpp"

namespace bangvang::kiosk {

struct KioskSync {
    std::unique_ptr<sync::SyncWorker> worker;  // null when no source is remote
    Uint32 content_changed_event = 0;          // 0 when no worker
};

// Call after SDL is initialised (the event type is registered with SDL). The worker's
// thread is not started yet: worker->start() does (the windowed player after its first
// frame, a headless run at once), so that the first frame does not wait for a poll.
KioskSync start_sync(const KioskConfig& config, const KioskClock& clock);

// Proof of play into `outbox` (the main thread's, on its own connection) for the plays of
// sources that have a report URL; a failure to record one is logged, never fatal.
std::function<void(const core::PlayRecord&)> play_recorder(const KioskConfig& config, store::ReportOutbox& outbox);

}  // namespace bangvang::kiosk
