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
bool is_scheduled_at(const Schedule& schedule, UnixSeconds now, int utc_offset_minutes);
bool is_playable(const Item& item, const KioskIdentity& kiosk, UnixSeconds now, int utc_offset_minutes);

}  // namespace bangvang::core
