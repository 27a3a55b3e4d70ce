#pragma once
// Whether the kiosk's wall clock can be believed (README "The clock"). A Raspberry Pi has
// no battery clock: it boots at the last time it saved (on a read-only root, the image's
// build or provisioning date) until systemd-timesyncd reaches a time server and creates
// /run/systemd/timesync/synchronized. That file's folder is timesyncd's runtime folder: it
// exists while timesyncd runs. So:
//   the file exists                 -> synchronized
//   only its folder exists          -> waiting: timesyncd runs but no server answered yet
//   neither exists                  -> not_watched: timesyncd does not run here (a PC with
//                                      a battery clock, chrony or ntpd, a container sharing
//                                      its host's clock): the clock is believed
// An empty path (no "clock_synchronized_file" wanted) is not_watched too.
#include <filesystem>
#include <string>

namespace bangvang::kiosk {

enum class ClockTrust { synchronized, waiting, not_watched };

ClockTrust read_clock_trust(const std::filesystem::path& synchronized_file);

// Everything but `waiting` lets the kiosk judge expiry by its clock.
inline bool is_believed(ClockTrust trust) { return trust != ClockTrust::waiting; }

// The status panel's words: "đã đồng bộ", "chưa đồng bộ (chờ máy chủ giờ)", ...
std::string describe_clock_trust(ClockTrust trust);

}  // namespace bangvang::kiosk
