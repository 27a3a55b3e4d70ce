#pragma once
// After a media file is verified: when the image is larger than the kiosk's screen,
// decode it once more at screen size and keep that copy beside it
// (screen_copy.hpp names it), written like the originals: a temporary file,
// fsynced, renamed, the folder fsynced. The player then decodes a screen's worth of
// pixels instead of a camera original.
#include <filesystem>
#include <optional>
#include <string>

#include "core/model.hpp"
#include "media/screen_copy.hpp"

namespace bangvang::media {

enum class ScreenCopyOutcome { not_needed, already_there, written };

struct ScreenCopyResult {
    ScreenCopyOutcome outcome = ScreenCopyOutcome::not_needed;
    std::string failure;  // non-empty: no copy (the original is drawn); why
};

// Never throws for a bad image or a full disk: a copy is an optimisation, and the
// original stays usable either way.
ScreenCopyResult write_screen_copy(const std::filesystem::path& original, const core::MediaRef& media,
                                   ScreenSize screen);

}  // namespace bangvang::media
