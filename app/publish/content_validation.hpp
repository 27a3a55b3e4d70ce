#pragma once
// `bangvang-publish validate DIR`: everything that would stop a build or look poor on a
// screen, all at once, each with its file and line: the folder form's own checks
// (fields, dates, numbers, ids, missing photos), the kiosk's manifest rules, photos too
// small to look sharp, and text too long for the screens (drawn through the kiosk's
// renderer at every screen shape).
#include <filesystem>
#include <vector>

#include "core/clock_time.hpp"
#include "publish/content_findings.hpp"

namespace bangvang::publish {

// Photos smaller than this on their shorter side look soft on a 1080p screen.
inline constexpr int min_sharp_photo_side = 600;

struct ValidationOptions {
    bool check_text_fits = true;  // renders every slide at every shape: a few seconds
};

std::vector<Finding> validate_content(const std::filesystem::path& source_directory, core::UnixSeconds now,
                                      const ValidationOptions& options = {});

}  // namespace bangvang::publish
