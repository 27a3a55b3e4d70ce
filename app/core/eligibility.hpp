#pragma once
// Which items a kiosk may play at a given instant: validity window, weekday,
// hours of the day, audience.
#include <string>
#include <vector>

#include "model.hpp"

namespace bangvang::core {

struct KioskIdentity {
    std::string kiosk_id;
    std::string site;
    std::vector<std::string> tags;
};

bool is_in_audience(const Audience& audience, const KioskIdentity& kiosk);
// valid_from is inclusive, valid_until exclusive; weekdays and hours are read on the
// kiosk's wall clock at `utc_offset_minutes`. An hour window whose "to" is before its
// "from" runs past midnight, and its after-midnight part belongs to the weekday it
// started on (Friday 22:00–02:00 plays at 01:00 on Saturday, not on Sunday morning).
// A window with from == to covers the whole day.
bool is_scheduled_at(const Schedule& schedule, UnixSeconds now, int utc_offset_minutes);
bool is_playable(const Item& item, const KioskIdentity& kiosk, UnixSeconds now, int utc_offset_minutes);

}  // namespace bangvang::core
