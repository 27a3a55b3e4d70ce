// bangvang-bench: the player's figures on this machine, one "figure: value unit" line
// each, for the sample feed and a generated large feed (500 items, 500 photos of
// 4000x3000, generated once and kept). Software renderer, offscreen video driver,
// no framebuffer acceleration: what a Pi without GPU drivers does.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <jpeglib.h>
#include <sodium.h>

#include "core/manifest_writer.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/memory_tuning.hpp"
#include "kiosk/player.hpp"
#include "kiosk/slide_deck.hpp"
#include "render/crossfade.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "store/content_cache.hpp"
#include "store/feed_directory.hpp"

using namespace bangvang;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int screen_width = 1920;
constexpr int screen_height = 1080;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU time of this thread: a frame's own work, without the time other processes had the core.
double thread_cpu_milliseconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

double peak_rss_megabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in kilobytes on Linux
}

void figure(const std::string& feed, const std::string& name, double value, const char* unit) {
    std::printf("%s %s: %.2f %s\n", feed.c_str(), name.c_str(), value, unit);
    std::fflush(stdout);
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : digest) {
        hex += digits[byte >> 4];
        hex += digits[byte & 15];
    }
    return hex;
}

// A 4000x3000 camera-sized JPEG: a sky-to-ground gradient tinted per photo, so every file differs.
std::string camera_photo(int index) {
    constexpr int width = 4000, height = 3000;
    jpeg_compress_struct info{};
    jpeg_error_mgr errors{};
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = width;
    info.image_height = height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 80, TRUE);
    info.dct_method = JDCT_IFAST;
    jpeg_start_compress(&info, TRUE);
    std::vector<unsigned char> row(width * 3);
    while (info.next_scanline < height) {
        const int y = static_cast<int>(info.next_scanline);
        for (int x = 0; x < width; ++x) {
            row[x * 3] = static_cast<unsigned char>((x / 16 + index * 37) & 255);
            row[x * 3 + 1] = static_cast<unsigned char>((y / 12 + index * 11) & 255);
            row[x * 3 + 2] = static_cast<unsigned char>(((x + y) / 28 + index + (index >> 8) * 53) & 255);
        }
        JSAMPROW pointer = row.data();
        jpeg_write_scanlines(&info, &pointer, 1);
    }
    jpeg_finish_compress(&info);
    std::string bytes(reinterpret_cast<char*>(buffer), size);
    std::free(buffer);
    jpeg_destroy_compress(&info);
    return bytes;
}

void generate_large_feed(const std::filesystem::path& feed) {
    if (std::filesystem::exists(feed / "manifest.json")) return;
    std::fprintf(stderr, "bangvang-bench: generating the large feed in %s (once)\n", feed.c_str());
    std::filesystem::create_directories(feed / "media");
    core::Manifest manifest;
    manifest.source_id = "bench-large";
    manifest.source_name = "Nguồn thử tải lớn";
    manifest.version = 1;
    manifest.issued_at = 1704067200;   // 2024-01-01
    manifest.expires_at = 4102444800;  // 2100-01-01
    for (int index = 0; index < 500; ++index) {
        const std::string photo = camera_photo(index);
        const std::string hash = sha256_hex(photo);
        std::ofstream(feed / "media" / hash, std::ios::binary) << photo;
        manifest.media.push_back(core::MediaRef{.sha256 = hash,
                                                .size_bytes = static_cast<std::int64_t>(photo.size()),
                                                .width = 4000,
                                                .height = 3000,
                                                .mime_type = "image/jpeg"});
        core::Story story;
        story.person_name = "Người tốt số " + std::to_string(index + 1);
        story.role = "Tổ trưởng tổ dân phố số " + std::to_string(index % 40 + 1);
        story.unit = "Phường Nhân Chính";
        story.headline = "Gương người tốt, việc tốt thứ " + std::to_string(index + 1) + " của phong trào thi đua";
        story.body = {"Hơn mười năm làm tổ trưởng tổ dân phố, bà thuộc từng ngõ nhỏ, nhớ từng hộ gia đình. "
                      "Mỗi khi có việc chung, bà đến tận nhà vận động, lắng nghe ý kiến của bà con."};
        story.award = "Giấy khen của Chủ tịch UBND quận";
        story.portal_url = "https://thanhxuan.hanoi.gov.vn/guong/" + std::to_string(index + 1);
        story.photo = hash;
        core::Item item;
        item.id = "story-" + std::to_string(index + 1);
        item.kind = core::ItemKind::story;
        item.content = std::move(story);
        manifest.items.push_back(std::move(item));
    }
    std::ofstream(feed / "manifest.json", std::ios::binary) << core::write_manifest(manifest);
}

kiosk::KioskConfig bench_config(const std::filesystem::path& cache_directory) {
    kiosk::KioskConfig config;
    config.identity = core::KioskIdentity{.kiosk_id = "bench", .site = "phuong-nhan-chinh", .tags = {}};
    config.place_name = "UBND phường Nhân Chính";
    config.cache_directory = cache_directory;
    return config;
}

struct Screen {
    render::WindowPtr window;
    render::RendererPtr renderer;
};

Screen open_screen() {
    Screen screen;
    screen.window = render::create_window(render::WindowOptions{.width = screen_width, .height = screen_height});
    screen.renderer = render::create_renderer(screen.window.get(), render::RendererOptions{.software = true, .vsync = false});
    return screen;
}

render::MediaLocator locator(const store::ContentCache& cache) {
    return [&cache](const std::string& sha256) -> std::optional<std::filesystem::path> {
        auto path = cache.media_path(sha256);
        if (std::filesystem::exists(path)) return path;
        return std::nullopt;
    };
}

struct MeasureOptions {
    double static_seconds = 30;
    double ticker_seconds = 10;
    bool first_frame_only = false;  // for profilers: stop after the first frame
};

struct PlayerRun {
    double cpu_percent = 0;
    double frames_per_second = 0;
    double last_frame_milliseconds = 0;
};

// The real player loop for `seconds` after a 2 s warm-up, paused (no slide change).
PlayerRun run_paused_player(SDL_Renderer* renderer, kiosk::SlideDeck& deck, const kiosk::KioskClock& clock,
                            double seconds) {
    struct Sample {
        double cpu = 0;
        Clock::time_point at;
        std::uint64_t frames = 0;
    };
    struct Shared {
        const kiosk::Player* player = nullptr;
        Sample begin, end;  // written by SDL's timer thread, read after the player returns
    };
    static Shared shared;
    kiosk::PlayerOptions options;
    options.width = screen_width;
    options.height = screen_height;
    kiosk::Player player(renderer, deck, clock, options);
    shared = Shared{.player = &player, .begin = {}, .end = {}};
    SDL_Event pause{};
    pause.type = SDL_KEYDOWN;
    pause.key.keysym.sym = SDLK_SPACE;
    SDL_PushEvent(&pause);
    const auto warm_up_ms = Uint32(2000);
    SDL_AddTimer(warm_up_ms, [](Uint32, void*) -> Uint32 {
        shared.begin = Sample{cpu_seconds(), Clock::now(), shared.player->frame_statistics().frames};
        return 0;
    }, nullptr);
    SDL_AddTimer(warm_up_ms + static_cast<Uint32>(seconds * 1000), [](Uint32, void*) -> Uint32 {
        shared.end = Sample{cpu_seconds(), Clock::now(), shared.player->frame_statistics().frames};
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
        return 0;
    }, nullptr);
    player.run();
    const double wall = std::chrono::duration<double>(shared.end.at - shared.begin.at).count();
    return PlayerRun{.cpu_percent = 100.0 * (shared.end.cpu - shared.begin.cpu) / wall,
                     .frames_per_second = static_cast<double>(shared.end.frames - shared.begin.frames) / wall,
                     .last_frame_milliseconds = player.frame_statistics().last_frame_milliseconds};
}

void measure_feed(const std::string& label, const std::filesystem::path& feed, const std::filesystem::path& work,
                  const MeasureOptions& measure) {
    const double static_seconds = measure.static_seconds;
    const auto cache_directory = work / ("cache-" + label);
    {
        store::ContentCache cache(cache_directory / "content.sqlite3", cache_directory / "media");
        auto imported = store::import_feed_directory(feed, cache, kiosk::KioskClock().now());
        if (!imported) throw std::runtime_error(imported.problem().message());
    }
    const kiosk::KioskConfig config = bench_config(cache_directory);
    kiosk::KioskClock clock;

    // Time to first frame with a warm cache: what a kiosk restart costs.
    const auto start = Clock::now();
    const double cpu_at_start = cpu_seconds();
    Screen screen = open_screen();
    store::ContentCache cache(cache_directory / "content.sqlite3", cache_directory / "media");
    render::SlideRenderer slides(screen.renderer.get(), render::default_theme(), locator(cache), screen_width, screen_height);
    kiosk::SlideDeck deck(cache, slides, config);
    render::TexturePtr first = render::create_target_texture(screen.renderer.get(), screen_width, screen_height);
    deck.refresh(clock.now());
    SDL_SetRenderTarget(screen.renderer.get(), first.get());
    deck.draw(deck.advance(clock.now()), clock.now());
    SDL_SetRenderTarget(screen.renderer.get(), nullptr);
    SDL_RenderCopy(screen.renderer.get(), first.get(), nullptr, nullptr);
    SDL_RenderPresent(screen.renderer.get());
    figure(label, "time to first frame", milliseconds_since(start), "ms");
    // The player makes its second slide texture at the first change of slide, as here.
    render::TexturePtr second = render::create_target_texture(screen.renderer.get(), screen_width, screen_height);
    // The CPU time of it: what the wall time would be on a quiet machine with these 2 cores.
    figure(label, "CPU time to first frame", 1000 * (cpu_seconds() - cpu_at_start), "ms");
    if (measure.first_frame_only) return;

    // Slide changes: the next slide drawn off-screen (its photo decoded), then the crossfade frames.
    std::vector<double> draw_times;
    std::vector<double> frame_times;
    std::vector<double> frame_cpu_times;
    const int slide_changes = label == "large" ? 40 : 12;
    for (int change = 0; change < slide_changes; ++change) {
        auto drawn_at = Clock::now();
        SDL_SetRenderTarget(screen.renderer.get(), second.get());
        deck.draw(deck.advance(clock.now()), clock.now());
        SDL_SetRenderTarget(screen.renderer.get(), nullptr);
        draw_times.push_back(milliseconds_since(drawn_at));
        for (int frame = 1; frame <= 24; ++frame) {
            auto frame_start = Clock::now();
            const double cpu_start = thread_cpu_milliseconds();
            render::draw_crossfade(screen.renderer.get(), first.get(), second.get(), frame / 24.0);
            SDL_RenderPresent(screen.renderer.get());
            frame_times.push_back(milliseconds_since(frame_start));
            frame_cpu_times.push_back(thread_cpu_milliseconds() - cpu_start);
        }
        std::swap(first, second);
    }
    figure(label, "slide draw median", percentile(draw_times, 0.5), "ms");
    figure(label, "slide draw p99", percentile(draw_times, 0.99), "ms");
    figure(label, "crossfade frame median 1920x1080", percentile(frame_times, 0.5), "ms");
    figure(label, "crossfade frame p99 1920x1080", percentile(frame_times, 0.99), "ms");
    // The same frames' own CPU time: where wall p99 is far above it, other processes took the core.
    figure(label, "crossfade frame CPU median", percentile(frame_cpu_times, 0.5), "ms");
    figure(label, "crossfade frame CPU p99", percentile(frame_cpu_times, 0.99), "ms");
    const auto text = slides.text_cache_statistics();
    figure(label, "text texture cache", static_cast<double>(text.bytes) / (1 << 20), "MB");
    figure(label, "image texture cache", static_cast<double>(slides.image_cache_bytes()) / (1 << 20), "MB");
    first.reset();
    second.reset();

    // Before the ticker's measurement below, which makes a second renderer with caches of its own.
    figure(label, "peak RSS", peak_rss_megabytes(), "MB");

    // CPU of the real player loop while a slide stands still (paused, so no slide change).
    if (static_seconds > 0) {
        const PlayerRun run = run_paused_player(screen.renderer.get(), deck, clock, static_seconds);
        figure(label, "static slide CPU over " + std::to_string(static_cast<int>(static_seconds)) + " s",
               run.cpu_percent, "% of a core");
    }
    // The same with the ticker scrolling: a frame at every refresh (60 Hz here), its strip
    // repainted and copied; the rest of the frame stays on the output.
    if (measure.ticker_seconds > 0 && label == "sample") {
        kiosk::KioskConfig ticker_config = config;
        ticker_config.ticker = kiosk::TickerConfig{
            .enabled = true,
            .messages = {"Lịch tiếp công dân: thứ Năm hằng tuần, 8 giờ – 11 giờ 30",
                         "Đường dây nóng của UBND phường: 024 3858 0000"}};
        render::SlideRenderer ticker_slides(screen.renderer.get(), render::default_theme(), locator(cache), screen_width,
                                            screen_height, render::RendererBudgets{},
                                            render::GeometryOptions{.ticker = true});
        kiosk::SlideDeck ticker_deck(cache, ticker_slides, ticker_config);
        const PlayerRun run = run_paused_player(screen.renderer.get(), ticker_deck, clock, measure.ticker_seconds);
        figure(label, "ticker CPU over " + std::to_string(static_cast<int>(measure.ticker_seconds)) + " s",
               run.cpu_percent, "% of a core");
        figure(label, "ticker frames per second", run.frames_per_second, "fps");
        figure(label, "ticker frame composing", run.last_frame_milliseconds, "ms");
    }
}

}  // namespace

// Each feed is measured in a process of its own, so that its peak RSS is its own and
// not what the other feed (or generating the large feed) left in the heap.
int measure_in_own_process(const std::string& label, std::vector<std::string> arguments) {
    arguments.push_back("--only");
    arguments.push_back(label);
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    pid_t child = 0;
    if (posix_spawn(&child, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0) {
        throw std::runtime_error("cannot start the measuring process for the " + label + " feed");
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char** argv) {
    CLI::App app{"bangvang-bench: first frame, crossfade frame times, static CPU and memory of the player"};
    std::filesystem::path sample_feed;
    std::filesystem::path work = "build/bench";
    double static_seconds = 30;
    bool large = true;
    std::string only;
    MeasureOptions measure;
    app.add_option("--sample-feed", sample_feed, "the sample feed folder (bangvang-publish build content/sample)")->required();
    app.add_option("--work", work, "where the large feed (generated once) and the caches live");
    app.add_option("--static-seconds", static_seconds, "how long to measure the CPU of a static slide (0: skip)");
    app.add_option("--ticker-seconds", measure.ticker_seconds, "how long to measure the CPU of the scrolling ticker (0: skip)");
    app.add_flag("!--no-large", large, "skip the large feed");
    app.add_flag("--first-frame-only", measure.first_frame_only, "stop after the sample's first frame (for profilers)");
    app.add_option("--only", only, "measure this feed in this process (sample or large)")->check(CLI::IsMember({"sample", "large"}));
    CLI11_PARSE(app, argc, argv);

    try {
        if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
        std::filesystem::create_directories(work);
        if (only.empty()) {
            if (const char* tunables = std::getenv("GLIBC_TUNABLES")) std::printf("GLIBC_TUNABLES=%s\n", tunables);
            if (large && !measure.first_frame_only) generate_large_feed(work / "large-feed");
            const std::vector<std::string> arguments(argv, argv + argc);
            int status = measure_in_own_process("sample", arguments);
            if (status == 0 && large && !measure.first_frame_only) status = measure_in_own_process("large", arguments);
            return status;
        }
        kiosk::keep_large_buffers_outside_the_heap();  // as the kiosk's main does
        // Software rendering into a plain window surface, as on a Pi without GPU drivers.
        render::SdlSession session(render::SdlSessionOptions{.video_driver = "offscreen", .software_framebuffer = true});
        measure.static_seconds = only == "sample" ? static_seconds : 0;
        measure_feed(only, only == "sample" ? sample_feed : work / "large-feed", work, measure);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bangvang-bench: %s\n", error.what());
        return 1;
    }
}
