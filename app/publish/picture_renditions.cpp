#include "publish/picture_renditions.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "publish/atomic_file.hpp"
#include "publish/slide_preview.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "render/theme.hpp"
#include "store/media_store.hpp"

namespace bangvang::publish {

namespace fs = std::filesystem;

namespace {

void widen(std::vector<core::MediaBox>& boxes, const ScreenShape& shape, const SDL_Rect& drawn) {
    for (core::MediaBox& box : boxes) {
        if (box.screen_width == shape.width && box.screen_height == shape.height) {
            box.width = std::max(box.width, drawn.w);
            box.height = std::max(box.height, drawn.h);
            return;
        }
    }
    boxes.push_back(core::MediaBox{.screen_width = shape.width, .screen_height = shape.height,
                                   .width = drawn.w, .height = drawn.h});
}

// Every page of every item that shows a picture, drawn at `shape`.
void measure_shape(const core::Manifest& manifest, const fs::path& media_directory, const ScreenShape& shape,
                   std::map<std::string, std::vector<core::MediaBox>>& boxes) {
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
    SDL_SetRenderTarget(renderer.get(), target.get());
    for (const core::Item& item : manifest.items) {
        if (core::media_used_by(item).empty()) continue;
        const int pages = slide_renderer.page_count(item);
        for (int page = 0; page < pages; ++page) {
            for (const render::PictureReport& picture : slide_renderer.draw(item, page, frame).pictures) {
                widen(boxes[picture.sha256], shape, picture.box);
            }
        }
    }
    SDL_SetRenderTarget(renderer.get(), nullptr);
}

std::string read_bytes(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

}  // namespace

std::map<std::string, std::vector<core::MediaBox>> measure_picture_boxes(const core::Manifest& manifest,
                                                                         const fs::path& media_directory) {
    std::map<std::string, std::vector<core::MediaBox>> boxes;
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

core::Result<std::vector<core::MediaRef>> add_renditions(std::vector<core::MediaRef> media,
                                                         const core::Manifest& manifest,
                                                         const fs::path& media_directory, int jpeg_quality,
                                                         const std::function<void(const std::string&)>& progress) {
    const auto boxes = measure_picture_boxes(manifest, media_directory);
    std::size_t done = 0;
    for (core::MediaRef& entry : media) {
        const auto found = boxes.find(entry.sha256);
        if (found == boxes.end()) continue;
        entry.boxes = found->second;
        const std::vector<PixelSize> sizes = rendition_sizes(PixelSize{entry.width, entry.height}, entry.boxes);
        if (sizes.empty()) continue;
        const std::string original = read_bytes(media_directory / entry.sha256);
        for (const PixelSize size : sizes) {
            core::Result<std::string> bytes = shrink_picture(original, size.width, size.height, jpeg_quality);
            if (!bytes) return core::Problem{(media_directory / entry.sha256).string(), "", bytes.problem().reason};
            const std::string sha256 = store::sha256_hex(*bytes);
            const fs::path target = media_directory / sha256;
            if (!fs::exists(target)) write_file_atomically(target, *bytes);
            entry.renditions.push_back(core::Rendition{.sha256 = sha256,
                                                       .size_bytes = static_cast<std::int64_t>(bytes->size()),
                                                       .width = size.width,
                                                       .height = size.height});
        }
        if (progress) progress("ảnh thu nhỏ " + std::to_string(++done) + ": " + entry.sha256.substr(0, 12) + "…");
    }
    return media;
}

}  // namespace bangvang::publish
