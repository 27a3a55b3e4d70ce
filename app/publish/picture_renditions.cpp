#include "publish/picture_renditions.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "publish/atomic_file.hpp"
#include "publish/slide_preview.hpp"
#include "render/image_frame.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "render/theme.hpp"
#include "store/media_store.hpp"

namespace bangvang::publish {

namespace fs = std::filesystem;

namespace {

// Every page of every item that shows a picture, drawn at `shape`: per picture, its
// largest box there, and the box a rendition may be cut for when it has only one.
void measure_shape(const core::Manifest& manifest, const fs::path& media_directory, const ScreenShape& shape,
                   std::map<std::string, PictureBoxes>& boxes) {
    render::WindowPtr window = render::create_window(render::WindowOptions{
        .title = "bangvang-publish build", .width = shape.width, .height = shape.height, .fullscreen = false, .hidden = true});
    render::RendererPtr renderer =
        render::create_renderer(window.get(), render::RendererOptions{.software = true, .vsync = false});
    const render::MediaLocator locate = [&media_directory](const std::string& sha256) -> std::optional<fs::path> {
        fs::path file = media_directory / sha256;
        if (fs::exists(file)) return file;
        return std::nullopt;
    };
    render::SlideRenderer slide_renderer(renderer.get(), render::default_theme(), locate, shape.width, shape.height);
    render::TexturePtr target = render::create_target_texture(renderer.get(), shape.width, shape.height);
    const render::SlideFrame frame{.place_name = "", .kiosk_id = "build", .source_name = manifest.source_name, .now = {}};
    std::map<std::string, std::vector<render::PictureReport>> drawn;
    SDL_SetRenderTarget(renderer.get(), target.get());
    for (const core::Item& item : manifest.items) {
        if (core::media_used_by(item).empty()) continue;
        const int pages = slide_renderer.page_count(item);
        for (int page = 0; page < pages; ++page) {
            for (render::PictureReport& picture : slide_renderer.draw(item, page, frame).pictures) {
                drawn[picture.sha256].push_back(std::move(picture));
            }
        }
    }
    SDL_SetRenderTarget(renderer.get(), nullptr);
    for (const auto& [sha256, reports] : drawn) {
        const render::PictureReport& first = reports.front();
        core::MediaBox box{.screen_width = shape.width, .screen_height = shape.height};
        bool one_box = true;
        for (const render::PictureReport& report : reports) {
            box.width = std::max(box.width, report.box.w);
            box.height = std::max(box.height, report.box.h);
            one_box = one_box && !report.box_follows_picture && report.box.w == first.box.w &&
                      report.box.h == first.box.h && report.focus_y == first.focus_y;
        }
        PictureBoxes& picture = boxes[sha256];
        picture.boxes.push_back(box);
        if (one_box) {
            picture.cuts.push_back(PictureCut{.screen_width = shape.width, .screen_height = shape.height,
                                              .width = first.box.w, .height = first.box.h, .focus_y = first.focus_y});
        }
    }
}

// The whole-picture copy a kiosk fetches for a box: the smallest of `sizes` covering it, else the original.
PixelSize covering(const std::vector<PixelSize>& sizes, const PictureCut& cut, PixelSize original) {
    for (const PixelSize size : sizes) {  // smallest first
        if (size.width >= cut.width && size.height >= cut.height) return size;
    }
    return original;
}

// A rendition to make: the whole picture at `size`, or `cut` of it for one screen.
struct Wanted {
    PixelSize size;
    std::optional<core::MediaCrop> crop{};
    int screen_width = 0;
    int screen_height = 0;
};

std::string read_bytes(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

}  // namespace

std::map<std::string, PictureBoxes> measure_picture_boxes(const core::Manifest& manifest,
                                                          const fs::path& media_directory) {
    std::map<std::string, PictureBoxes> boxes;
    const bool any_picture = std::any_of(manifest.items.begin(), manifest.items.end(),
                                         [](const core::Item& item) { return !core::media_used_by(item).empty(); });
    if (!any_picture) return boxes;
    render::SdlSession session(render::SdlSessionOptions{.video_driver = "dummy", .software_framebuffer = true});
    for (const ScreenShape& shape : kiosk_screen_shapes) measure_shape(manifest, media_directory, shape, boxes);
    return boxes;
}

std::vector<PixelSize> rendition_sizes(PixelSize size, const std::vector<core::MediaBox>& boxes) {
    std::vector<PixelSize> sizes;
    const double original_pixels = static_cast<double>(size.width) * size.height;
    for (const core::MediaBox& box : boxes) {
        const double scale = std::max(static_cast<double>(box.width) / size.width,
                                      static_cast<double>(box.height) / size.height);
        const int width = (static_cast<int>(std::ceil(size.width * scale - 1e-9)) + 15) / 16 * 16;
        if (width >= size.width) continue;
        // Height from the rounded width keeps the aspect ratio and still covers the box.
        const int height = std::min(size.height, static_cast<int>(std::ceil(static_cast<double>(width) * size.height /
                                                                             size.width - 1e-9)));
        if (static_cast<double>(width) * height > 0.7 * original_pixels) continue;
        sizes.push_back(PixelSize{width, height});
    }
    std::sort(sizes.begin(), sizes.end(), [](PixelSize a, PixelSize b) { return a.width > b.width; });
    std::vector<PixelSize> kept;
    for (const PixelSize candidate : sizes) {
        // Sorted largest first: a size within 10 % of the last kept one is served by it.
        if (!kept.empty() && candidate.width * 11 >= kept.back().width * 10) continue;
        kept.push_back(candidate);
    }
    std::reverse(kept.begin(), kept.end());
    return kept;
}

std::optional<core::MediaCrop> worth_cutting(PixelSize size, const PictureCut& cut, PixelSize whole) {
    const SDL_Rect part = render::cover_source(size.width, size.height, cut.width, cut.height, cut.focus_y);
    if (part.w <= 0 || part.h <= 0) return std::nullopt;
    if (part.w == size.width && part.h == size.height) return std::nullopt;  // nothing is cut away
    if (part.w < cut.width || part.h < cut.height) return std::nullopt;      // it would be enlarged
    const double pixels = static_cast<double>(cut.width) * cut.height;
    if (pixels * 5 > static_cast<double>(whole.width) * whole.height * 4) return std::nullopt;
    return core::MediaCrop{.x = part.x, .y = part.y, .width = part.w, .height = part.h};
}

core::Result<std::vector<core::MediaRef>> add_renditions(std::vector<core::MediaRef> media,
                                                         const core::Manifest& manifest,
                                                         const fs::path& media_directory, const PictureOptions& options,
                                                         const std::function<void(const std::string&)>& progress) {
    const auto measured = measure_picture_boxes(manifest, media_directory);
    const int jpeg_quality = options.rendition_jpeg_quality > 0 ? options.rendition_jpeg_quality : options.jpeg_quality;
    std::size_t done = 0;
    for (core::MediaRef& entry : media) {
        const auto found = measured.find(entry.sha256);
        if (found == measured.end()) continue;
        entry.boxes = found->second.boxes;
        const PixelSize original_size{entry.width, entry.height};
        const std::vector<PixelSize> sizes = rendition_sizes(original_size, entry.boxes);
        std::vector<Wanted> wanted;
        for (const PixelSize size : sizes) wanted.push_back(Wanted{.size = size});
        for (const PictureCut& cut : found->second.cuts) {
            if (!options.cut_renditions) break;
            if (auto crop = worth_cutting(original_size, cut, covering(sizes, cut, original_size))) {
                wanted.push_back(Wanted{.size = {cut.width, cut.height}, .crop = crop,
                                        .screen_width = cut.screen_width, .screen_height = cut.screen_height});
            }
        }
        if (wanted.empty()) continue;
        const std::string original = read_bytes(media_directory / entry.sha256);
        for (const Wanted& copy : wanted) {
            core::Result<std::string> bytes =
                shrink_picture(original, copy.size.width, copy.size.height, jpeg_quality, copy.crop);
            if (!bytes) return core::Problem{(media_directory / entry.sha256).string(), "", bytes.problem().reason};
            const std::string sha256 = store::sha256_hex(*bytes);
            const fs::path target = media_directory / sha256;
            if (!fs::exists(target)) write_file_atomically(target, *bytes);
            entry.renditions.push_back(core::Rendition{.sha256 = sha256,
                                                       .size_bytes = static_cast<std::int64_t>(bytes->size()),
                                                       .width = copy.size.width,
                                                       .height = copy.size.height,
                                                       .screen_width = copy.screen_width,
                                                       .screen_height = copy.screen_height,
                                                       .crop = copy.crop});
        }
        if (progress) progress("ảnh thu nhỏ " + std::to_string(++done) + ": " + entry.sha256.substr(0, 12) + "…");
    }
    return media;
}

}  // namespace bangvang::publish
