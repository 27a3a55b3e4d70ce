#pragma once
// Renditions at publish time (#15, content/FORMAT.md "Renditions"): the box each picture
// is drawn into at each kiosk screen shape, measured by drawing the items with the
// kiosk's own renderer (render::SlideReport::pictures, default theme), and the smaller
// copies worth making for those boxes, written to FEED/media like any picture.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"
#include "publish/media_file.hpp"
#include "publish/pixel_image.hpp"

namespace bangvang::publish {

// The one box a picture is drawn into on a screen of screen_width x screen_height, when
// every item and page that draws it there uses the same box and focus, and the box's
// size does not follow the picture's shape: a rendition cut to it is drawn 1:1.
struct PictureCut {
    int screen_width = 0;
    int screen_height = 0;
    int width = 0;
    int height = 0;
    double focus_y = 0.5;  // render::cover_source's
};

struct PictureBoxes {
    // The largest box (component-wise, over every item and page that draws it) per shape.
    std::vector<core::MediaBox> boxes;
    std::vector<PictureCut> cuts;
};

// sha256 -> its boxes at each of kiosk_screen_shapes. Throws render::RenderError when SDL fails.
std::map<std::string, PictureBoxes> measure_picture_boxes(const core::Manifest& manifest,
                                                          const std::filesystem::path& media_directory);

// The sizes worth making for a picture of `size` drawn into `boxes`: per box, the
// smallest size of the picture's aspect ratio covering it, its width rounded up to 16;
// sizes within 10 % of a larger one merged into it; none that is not under 70 % of the
// original's pixels (the saving would not pay for a second file on the server).
std::vector<PixelSize> rendition_sizes(PixelSize size, const std::vector<core::MediaBox>& boxes);

// A rendition cut for `cut` (core::Rendition::crop), when worth one: the part of a
// picture of `size` that the kiosk's cover crop keeps, if that is not the whole picture,
// not smaller than the box, and the box has at most 4/5 of the pixels of `whole` (the
// whole-picture copy a kiosk of that screen would fetch otherwise). nullopt otherwise.
std::optional<core::MediaCrop> worth_cutting(PixelSize size, const PictureCut& cut, PixelSize whole);

// For each picture with boxes: its renditions (whole, then cut) written to
// media_directory (named by hash, written once) and listed in its entry with its
// boxes. `progress` may be empty.
core::Result<std::vector<core::MediaRef>> add_renditions(std::vector<core::MediaRef> media,
                                                         const core::Manifest& manifest,
                                                         const std::filesystem::path& media_directory,
                                                         const PictureOptions& options,
                                                         const std::function<void(const std::string&)>& progress);

}  // namespace bangvang::publish
