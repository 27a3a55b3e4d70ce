#pragma once
// N simulated kiosks in one process, for the fleet benchmark (tools/fleet/fleet_bench.py).
// Each polls one feed with the kiosk's own code: sync::poll_remote_feed (conditional GET
// of manifest.json, its .sig, the signature check, media downloads with their size, hash
// and image checks, the one-transaction apply into a store::ContentCache of its own),
// sync::record_poll for its status, and sync::wait_before_next_poll for when it polls
// next (interval ±20 %, doubling backoff after errors, as the kiosk's sync worker does).
//
// What differs from a real kiosk, and why:
// - a small pool of threads runs whichever polls are due (a poll holds a thread only while
//   it runs), so 10,000 kiosks need no 10,000 threads;
// - each poll opens the kiosk's cache and closes it after (no 10,000 open SQLite files),
//   and by default uses a new HttpClient: a new connection and a full TLS handshake per
//   poll (a kiosk polling less often than nginx's keepalive_timeout reconnects too, but
//   resumes its TLS session: the nginx CPU measured is an upper bound); with
//   client_per_kiosk each kiosk keeps its client as the real one does;
// - media files are shared by hash across kiosks (hard links into SCRATCH/shared-media
//   after each poll that fetched some), so 10,000 kiosks do not need 10,000 copies on
//   disk; every kiosk still downloads and checks each of them itself;
// - each kiosk has a screen size (FleetOptions::screens, taken in turn), and chooses the
//   feed's renditions for it with the kiosk's own code (core::with_chosen_renditions, in
//   sync's apply); without screens, none is known and every kiosk fetches the originals;
//   screen-sized copies are made as a kiosk makes them (only of pictures larger than its
//   screen: with renditions, hardly any);
// - the first poll of each kiosk is at a random point of its first interval: a fleet
//   that has been running for a while, not 10,000 kiosks switched on in the same second;
// - optionally (seed_from_first) the kiosks start with a copy of one kiosk's cache.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/screen_size.hpp"
#include "sync/feed_verifier.hpp"
#include "sync/http_client.hpp"
#include "sync/sync_worker.hpp"

namespace bangvang::fleet {

using SteadyTime = std::chrono::steady_clock::time_point;

struct FleetOptions {
    std::string feed_url;   // base of the feed, as in a kiosk's config
    sync::SourceTrust trust;
    sync::HttpClientOptions http;
    sync::SyncWorkerOptions schedule;  // interval, first_retry, max_backoff, first_sync_max_wait
    std::size_t kiosks = 100;
    // Kiosk i has screens[i % screens.size()]; empty: no screen known (originals only).
    std::vector<core::ScreenSize> screens;
    std::size_t threads = 8;
    std::filesystem::path scratch;     // one folder per kiosk, and the shared media
    // The run ends once every kiosk has applied this version complete (0: at the deadline).
    std::int64_t target_version = 0;
    std::chrono::seconds max_duration{600};
    // The first kiosk of each screen size polls once before the others start, and every
    // other kiosk starts with a copy of the cache of the first with its screen (database
    // and version ledger copied, media hard-linked): a fleet that
    // has the current version already, without N full downloads and image checks that
    // would cost the simulator far more CPU than the server (10,000 kiosks).
    bool seed_from_first = false;
    // Each kiosk keeps its HttpClient (one libcurl handle) from poll to poll, as the real
    // sync worker does: its TLS session is resumed when it reconnects. Off: a new client per
    // poll, a full handshake each time (the upper bound of nginx's CPU) and fewer open files.
    bool client_per_kiosk = false;
    // Called once (from a pool thread, no lock held) when every kiosk has some complete version.
    std::function<void()> on_all_synced;
};

struct KioskRecord {
    core::ScreenSize screen;  // unknown (0x0) without FleetOptions::screens
    std::optional<SteadyTime> first_version_at;  // its first complete version applied
    std::optional<SteadyTime> target_at;         // target_version applied, complete
    std::int64_t version = 0;
    // Bytes are HTTP headers and bodies as libcurl counts them (TLS records not included).
    std::uint64_t install_bytes = 0;  // on the wire, from nothing to its first complete version
    std::uint64_t update_bytes = 0;   // on the wire, every later version (non-304 polls)
    std::uint64_t not_modified_bytes = 0;  // on the wire, the polls answered 304
    std::size_t polls = 0;
    std::size_t not_modified = 0;
    std::size_t failures = 0;
    bool seeded = false;  // started from a copy of another's cache (seed_from_first): nothing installed
    std::string last_error;
};

struct FleetReport {
    std::vector<KioskRecord> kiosks;
    SteadyTime started{};
    std::chrono::steady_clock::duration elapsed{};
    // How late polls started after they were due: the pool keeping up (or not).
    std::chrono::steady_clock::duration max_lag{};
    std::size_t late_polls = 0;  // started more than a second late
    bool reached_target = false;
};

FleetReport run_fleet(const FleetOptions& options);

}  // namespace bangvang::fleet
