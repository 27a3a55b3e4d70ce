#include "publish/slide_preview.hpp"

#include <charconv>
#include <random>
#include <cstdio>

#include "core/eligibility.hpp"
#include "core/rendition_choice.hpp"
#include "media/screen_copy_writer.hpp"
#include "render/png_writer.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "render/theme.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

// The kiosk's own audience rule, so a preview for a site shows what its screens show.
bool shown_at(const core::Item& item, const PreviewOptions& options) {
    if (!options.site) return true;
    return core::is_in_audience(item.audience,
                                core::KioskIdentity{.kiosk_id = "preview", .site = *options.site, .tags = options.tags});
}

}  // namespace

namespace {

// The kiosk draws a photo larger than its screen from the screen-sized copy its sync
// made (media/screen_copy_writer.hpp), so the preview does the same: per screen shape,
// the feed's media linked into a scratch folder with their copies beside them.
class PreviewMediaCopies {
public:
    PreviewMediaCopies(const core::Manifest& manifest, const fs::path& media_directory, const ScreenShape& shape)
        : folder_(fs::temp_directory_path() / ("bangvang-preview-media-" + std::to_string(std::random_device{}()))) {
        fs::create_directories(folder_);
        for (const core::MediaRef& media : manifest.media) {
            const fs::path original = media_directory / media.sha256;
            std::error_code error;
            if (!fs::is_regular_file(original, error)) continue;
            fs::create_symlink(fs::absolute(original), folder_ / media.sha256, error);
            if (error) continue;
            media::write_screen_copy(folder_ / media.sha256, media,
                                    core::ScreenSize{.width = shape.width, .height = shape.height});
        }
    }
    ~PreviewMediaCopies() {
        std::error_code ignored;
        fs::remove_all(folder_, ignored);
    }
    PreviewMediaCopies(const PreviewMediaCopies&) = delete;
    PreviewMediaCopies& operator=(const PreviewMediaCopies&) = delete;
    const fs::path& folder() const { return folder_; }

private:
    fs::path folder_;
};

}  // namespace

std::optional<ScreenShape> parse_screen_shape(std::string_view text) {
    const auto separator = text.find('x');
    if (separator == std::string_view::npos) return std::nullopt;
    ScreenShape shape;
    const auto width_text = text.substr(0, separator);
    const auto height_text = text.substr(separator + 1);
    const auto [width_end, width_error] = std::from_chars(width_text.data(), width_text.data() + width_text.size(), shape.width);
    const auto [height_end, height_error] =
        std::from_chars(height_text.data(), height_text.data() + height_text.size(), shape.height);
    if (width_error != std::errc() || height_error != std::errc() || width_end != width_text.data() + width_text.size() ||
        height_end != height_text.data() + height_text.size()) {
        return std::nullopt;
    }
    if (shape.width < 320 || shape.width > 4096 || shape.height < 320 || shape.height > 4096) return std::nullopt;
    return shape;
}

std::vector<PreviewSlide> render_preview(const core::Manifest& feed_manifest, const PreviewOptions& options) {
    render::SdlSession session(render::SdlSessionOptions{.video_driver = "dummy", .software_framebuffer = true});
    const fs::path media_directory = options.feed_directory / "media";
    const render::Theme theme =
        options.theme_file.empty() ? render::default_theme() : render::load_theme_file(options.theme_file);
    if (!options.output_directory.empty()) fs::create_directories(options.output_directory);

    std::vector<PreviewSlide> slides;
    for (const ScreenShape& shape : options.shapes) {
        // The files a kiosk of this shape fetches (the renditions chosen for it, else the
        // originals): the kiosk and the preview draw the same pixels.
        const core::Manifest manifest =
            core::with_chosen_renditions(feed_manifest, core::ScreenSize{.width = shape.width, .height = shape.height});
        render::WindowPtr window = render::create_window(
            render::WindowOptions{.title = "bangvang-publish preview", .width = shape.width, .height = shape.height,
                                  .fullscreen = false, .hidden = true});
        render::RendererPtr renderer =
            render::create_renderer(window.get(), render::RendererOptions{.software = true, .vsync = false});
        const PreviewMediaCopies copies(manifest, media_directory, shape);
        const render::MediaLocator locate = [&copies](const std::string& sha256) -> std::optional<fs::path> {
            fs::path file = copies.folder() / sha256;
            if (fs::exists(file)) return file;
            return std::nullopt;
        };
        render::SlideRenderer slide_renderer(renderer.get(), theme, locate, shape.width, shape.height);
        render::TexturePtr target = render::create_target_texture(renderer.get(), shape.width, shape.height);
        const render::SlideFrame frame{.place_name = options.place_name,
                                       .kiosk_id = "preview",
                                       .source_name = manifest.source_name,
                                       .now = core::to_wall_clock(options.now, core::vietnam_utc_offset_minutes)};
        int number = 0;
        for (std::size_t index = 0; index < manifest.items.size(); ++index) {
            const core::Item& item = manifest.items[index];
            if (!shown_at(item, options)) continue;
            const int pages = slide_renderer.page_count(item);
            for (int page = 0; page < pages; ++page) {
                SDL_SetRenderTarget(renderer.get(), target.get());
                const render::SlideReport report = slide_renderer.draw(item, page, frame);
                // What is cut is what the renderer itself left out: the kiosk draws the same.
                PreviewSlide slide{.file = {}, .item_index = index, .item_id = item.id, .page = page, .shape = shape,
                                   .text_cut = !report.cuts.empty(), .cuts = report.cuts,
                                   .qr_codes = report.qr_codes, .text_blocks = report.text_blocks,
                                   .images = report.images};
                if (!options.output_directory.empty()) {
                    char prefix[32];
                    std::snprintf(prefix, sizeof prefix, "%03d-", ++number);
                    std::string name = shape.name() + "/" + prefix + item.id;
                    if (pages > 1) name += "-p" + std::to_string(page + 1);
                    slide.file = options.output_directory / (name + ".png");
                    fs::create_directories(slide.file.parent_path());
                    render::save_png(renderer.get(), slide.file);
                }
                SDL_SetRenderTarget(renderer.get(), nullptr);
                slides.push_back(std::move(slide));
            }
        }
    }
    return slides;
}

}  // namespace bangvang::publish
