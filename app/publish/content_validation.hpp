#pragma once
// `bangvang-publish validate DIR`: everything that would stop a build or look poor on a
// screen, all at once, each with its file and line, in Vietnamese: the folder form's own
// checks (fields, dates, numbers, ids, missing photos), the kiosk's feed rules applied to
// every item and to nguon.txt (lengths, counts, characters; run even when the folder has
// other errors), photos too small to look sharp, and text too long for the screens
// (drawn through the kiosk's renderer at every screen shape). `build` and `preview` run
// the same checks and refuse whatever they call an error.
#include <filesystem>
#include <optional>
#include <vector>

#include "core/clock_time.hpp"
#include "publish/content_findings.hpp"
#include "publish/feed_builder.hpp"

namespace bangvang::publish {

// Photos smaller than this on their shorter side look soft on a 1080p screen.
inline constexpr int min_sharp_photo_side = 600;

struct ValidationOptions {
    bool check_text_fits = true;  // renders every slide at every shape: a few seconds
};

std::vector<Finding> validate_content(const std::filesystem::path& source_directory, core::UnixSeconds now,
                                      const ValidationOptions& options = {});

struct CheckedBuild {
    std::vector<Finding> findings;  // everything validate_content says
    std::optional<BuiltFeed> built;  // written only when there is no error
};

// What `build` and `preview` run: the checks of validate_content, then, when none is an
// error, the feed written to options.feed_directory (signed with options.key_files).
CheckedBuild build_checked_feed(const BuildOptions& options, core::UnixSeconds now,
                                const ValidationOptions& validation = {});

}  // namespace bangvang::publish
