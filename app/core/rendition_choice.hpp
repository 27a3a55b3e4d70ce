#pragma once
// Which file of a picture a kiosk fetches (content/FORMAT.md "Renditions"): the
// smallest rendition that covers the box the picture is drawn into on the kiosk's
// screen, never one that would be enlarged. Pure: no I/O. The kiosk's sync and the
// publisher's preview both go through here, so both draw from the same file.
#include "core/model.hpp"
#include "core/screen_size.hpp"

namespace bangvang::core {

// The rendition to fetch on a screen of `screen`, or nullptr for the original: when
// the entry has no rendition, no box measured for this screen, or none covers the box
// (both sides at least the box's: the cover crop then only shrinks). A rendition cut
// for one screen (Rendition::crop) is a candidate on that screen only.
const Rendition* choose_rendition(const MediaRef& media, ScreenSize screen);

// The manifest as a kiosk of `screen` keeps it: each picture's entry becomes the file
// chosen for it and the items name that file; renditions and boxes are dropped (they
// served the choice). Pictures without a covering rendition keep their original; an
// unknown screen chooses no rendition.
Manifest with_chosen_renditions(const Manifest& manifest, ScreenSize screen);

}  // namespace bangvang::core
