// bangvang: the kiosk player. Loads its sources' feeds into the cache, then plays
// from the cache only.
#include <cstdio>
#include <exception>
#include <memory>
#include <string_view>

#include "kiosk/command_line.hpp"
#include "kiosk/content_loader.hpp"
#include "kiosk/full_screen_window.hpp"
#include "kiosk/headless_runner.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/log.hpp"
#include "kiosk/memory_tuning.hpp"
#include "kiosk/player.hpp"
#include "kiosk/service_notifier.hpp"
#include "kiosk/screen_power.hpp"
#include "kiosk/session_bus.hpp"
#include "kiosk/slide_deck.hpp"
#include "kiosk/status_report.hpp"
#include "kiosk/sync_setup.hpp"
#include "kiosk/window_prefault.hpp"
#include "render/theme.hpp"
#include "store/cache_lock.hpp"
#include "store/cache_repair.hpp"
#include "store/version_ledger.hpp"

using namespace bangvang;

namespace {

render::Theme choose_theme(const kiosk::KioskConfig& config) {
    if (config.theme_file.empty()) return render::default_theme();
    try {
        return render::load_theme_file(config.theme_file);
    } catch (const render::ThemeError& error) {
        // A bad theme must not darken the screen: fall back and say why.
        kiosk::log(kiosk::LogLevel::warning, "theme", std::string(error.what()) + "; using the built-in theme");
        return render::default_theme();
    }
}

// Held until the process ends: a second kiosk on the same cache would download every
// medium twice and fight over its versions. nullopt (and logged) when another holds it.
std::optional<store::CacheLock> lock_cache(const kiosk::KioskConfig& config) {
    std::optional<store::CacheLock> lock = store::CacheLock::try_lock(config.cache_directory);
    if (!lock) {
        kiosk::log(kiosk::LogLevel::error, "cache",
                   config.cache_directory.string() +
                       " is in use by another bangvang process (it holds the folder's lock): only one kiosk may use a "
                       "cache folder. Stop the other one, or give this one its own cache_directory in its config");
    }
    return lock;
}

// Opens the cache, repairing it when an SD card damaged it, and says what it found.
store::ContentCache open_cache(const kiosk::KioskConfig& config) {
    const std::filesystem::path database_file = config.cache_directory / "content.sqlite3";
    store::OpenedCache opened = store::open_cache_repairing(database_file, config.cache_directory / "media");
    if (opened.repaired) kiosk::log(kiosk::LogLevel::warning, "cache", *opened.repaired);
    const std::filesystem::path ledger = store::version_ledger_file(database_file);
    if (core::Result<store::VersionLedger> read = store::read_version_ledger(ledger); !read) {
        kiosk::log(kiosk::LogLevel::warning, "cache",
                   read.problem().message() + "; the versions its other lines name stay protected, and it is written "
                                              "again at the next accepted version");
    }
    return std::move(opened.cache);
}

// The SDL session, the window and its renderer, in the order they must be destroyed.
struct Display {
    render::SdlSession session;
    render::WindowPtr window;
    render::RendererPtr renderer;
    kiosk::WindowPrefault prefault{};  // done long before the window goes
};

std::unique_ptr<Display> open_display(const kiosk::CommandLine& options, const kiosk::KioskConfig& config) {
    const bool headless = options.headless_directory.has_value();
    // Held while SDL_Init runs (session_bus.hpp).
    const kiosk::NoSessionBusAutolaunch no_autolaunch;
    // SdlSession neither copies nor moves: built in place, then the window and renderer after it.
    std::unique_ptr<Display> display(new Display{
        .session = render::SdlSession(render::SdlSessionOptions{
            .video_driver = headless ? std::optional<std::string>("dummy") : std::nullopt,
            .software_framebuffer = true,
        }),
        .window = {},
        .renderer = {},
        .prefault = {}});
    const char* video_driver = SDL_GetCurrentVideoDriver();
    const bool full_screen = !headless && !options.windowed;
    if (full_screen && video_driver && std::string_view(video_driver) == "x11") {
        display->window = kiosk::show_x11_full_screen_window("bangvang");
    } else {
        display->window = render::create_window(render::WindowOptions{
            .title = "bangvang",
            // A rotated screen's output is the slides' shape turned; screenshots keep the slides' shape.
            .width = headless ? config.screen_width() : config.output_width(),
            .height = headless ? config.screen_height() : config.output_height(),
            .fullscreen = full_screen,
            .hidden = headless,
        });
    }
    const bool software = headless || render::software_renderer_suits(video_driver ? video_driver : "");
    display->renderer = render::create_renderer(display->window.get(),
                                                render::RendererOptions{.software = software, .vsync = !headless});
    if (!headless) {
        display->prefault = kiosk::WindowPrefault(display->window.get(), display->renderer.get());
        SDL_ShowCursor(SDL_DISABLE);
        SDL_RendererInfo info{};
        SDL_GetRendererInfo(display->renderer.get(), &info);
        kiosk::log(kiosk::LogLevel::info, "display",
                   std::string("video driver ") + (video_driver ? video_driver : "?") + ", renderer " +
                       (info.name ? info.name : "?"));
    }
    return display;
}

render::MediaLocator media_locator(const store::ContentCache& cache, const kiosk::KioskSync& sync) {
    return [&cache, &sync](const std::string& sha256) -> std::optional<std::filesystem::path> {
        auto path = cache.media_path(sha256);
        if (std::filesystem::exists(path)) return path;
        // Deleted under the kiosk's feet: the sync worker fetches the version's lost files again.
        if (sync.worker) sync.worker->media_missing();
        return std::nullopt;
    };
}

// What play() made that the windowed player uses too.
struct WindowedParts {
    SDL_Renderer* renderer;
    const render::Theme& theme;
    const render::RendererBudgets& budgets;
    render::SlideRenderer& slides;
    kiosk::SlideDeck& deck;
    kiosk::KioskClock& clock;
    kiosk::KioskSync& sync;
    const kiosk::StatusReporter& status_reporter;
    store::ReportOutbox& outbox;
};

// The status overlay's figures only the player and the renderer know; `shown_by` is
// null until the player exists.
kiosk::PlayerFigures player_figures(const WindowedParts& parts, const render::StatusOverlayPainter& painter,
                                    const kiosk::Player* shown_by) {
    kiosk::PlayerFigures figures{
        .playable_items = parts.deck.item_count(),
        .texture_bytes = parts.slides.text_cache_statistics().bytes + parts.slides.image_cache_bytes() +
                         painter.texture_bytes(),
        .texture_budget_bytes = parts.budgets.text_bytes + parts.budgets.image_bytes + parts.budgets.shape_bytes};
    if (shown_by && shown_by->frame_statistics().last_transition_frames > 0) {
        const kiosk::FrameStatistics& frames = shown_by->frame_statistics();
        figures.last_transition = render::TransitionTiming{.frames = frames.last_transition_frames,
                                                           .mean_milliseconds = frames.last_transition_mean_milliseconds,
                                                           .worst_milliseconds = frames.last_transition_worst_milliseconds};
    }
    return figures;
}

// The on-screen player with the watchdog, office hours and the status overlay.
int play_windowed(const kiosk::CommandLine& options, const kiosk::KioskConfig& config, WindowedParts parts) {
    const int width = config.screen_width();
    const int height = config.screen_height();
    kiosk::ServiceNotifier notifier;
    kiosk::ScreenPower screen_power(config.screen_schedule, config.utc_offset_minutes);
    // The status overlay (F1, I, long press) reads the player's frame figures, and the
    // player takes the overlay as an option: the pointer is set once the player exists.
    const kiosk::Player* shown_by = nullptr;
    render::StatusOverlayPainter status_painter(parts.renderer, parts.theme, width, height);
    kiosk::StatusPanel status_panel(parts.status_reporter, status_painter, [&parts] { return parts.clock.read(); },
                                    [&] { return player_figures(parts, status_painter, shown_by); });
    kiosk::KioskSync& sync = parts.sync;
    kiosk::Player player(parts.renderer, parts.deck, parts.clock,
                         kiosk::PlayerOptions{.width = width,
                                              .height = height,
                                              .rotation = config.screen.rotation,
                                              .transition_milliseconds = config.screen.transition_milliseconds,
                                              .transition_frames_per_second = config.screen.transition_frames_per_second,
                                              .once = options.once,
                                              .service_notifier = &notifier,
                                              .content_changed_event = sync.content_changed_event,
                                              .on_sync_key = [&sync] {
                                                  if (sync.worker) sync.worker->sync_now();
                                              },
                                              .after_first_frame = [&sync] {
                                                  if (sync.worker) sync.worker->start();
                                              },
                                              .on_slide_shown = kiosk::play_recorder(config, parts.outbox),
                                              .draw_overlay = [&status_panel](SDL_Renderer* target) {
                                                  status_panel.draw(target);
                                              },
                                              .screen_power = &screen_power});
    shown_by = &player;
    notifier.ready();
    int exit_code = player.run();
    notifier.stopping();
    return exit_code;
}

int play(const kiosk::CommandLine& options, const kiosk::KioskConfig& config) {
    kiosk::KioskClock clock(options.start_at, config.clock_synchronized_file);
    const std::optional<store::CacheLock> cache_lock = lock_cache(config);
    if (!cache_lock) return 1;
    store::ContentCache cache = open_cache(config);
    const kiosk::LoadSummary loaded = kiosk::load_sources(config, cache, clock.read());
    store::ReportOutbox outbox(cache);  // proof of play, on this thread's connection

    const bool headless = options.headless_directory.has_value();
    const int width = config.screen_width();
    const int height = config.screen_height();
    const std::unique_ptr<Display> display = open_display(options, config);
    SDL_Renderer* const renderer = display->renderer.get();
    // Remote sources sync on their own thread, which the windowed player starts after its
    // first frame; a headless run starts it now and waits for one round, so that its
    // pictures show what the portal serves.
    kiosk::KioskSync sync = kiosk::start_sync(config, clock);
    if (headless && sync.worker) {
        kiosk::install_headless_stop_handlers();
        sync.worker->start();
        sync.worker->wait_for_first_round(kiosk::headless_stop_requested);
    }

    const render::MediaLocator locate_media = media_locator(cache, sync);
    const render::Theme theme = choose_theme(config);
    const render::RendererBudgets budgets{};
    render::SlideRenderer slides(renderer, theme, locate_media, width, height, budgets,
                                 render::GeometryOptions{.ticker = config.ticker.enabled});
    kiosk::SlideDeck deck(cache, slides, config);
    // The status overlay's figures, and the footer's word on stale content.
    kiosk::StatusReporter status_reporter(config, cache, sync.worker.get(), loaded.statuses, clock.now());
    deck.set_notice_provider([&status_reporter, &clock, &deck](const std::string& source_id, core::UnixSeconds now) {
        return status_reporter.notice_for(source_id, core::ClockReading(now, kiosk::is_believed(clock.trust())),
                                          deck.source_states());
    });

    if (headless) {
        return kiosk::run_headless(renderer, deck, clock, width, height,
                                   kiosk::HeadlessOptions{.output_directory = *options.headless_directory,
                                                          .once = options.once,
                                                          .on_slide_shown = kiosk::play_recorder(config, outbox)});
    }
    return play_windowed(options, config,
                         WindowedParts{.renderer = renderer, .theme = theme, .budgets = budgets, .slides = slides,
                                       .deck = deck, .clock = clock, .sync = sync, .status_reporter = status_reporter,
                                       .outbox = outbox});
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::keep_large_buffers_outside_the_heap();
    kiosk::keep_large_sdl_buffers_in_huge_pages();
    int exit_code = 0;
    auto options = kiosk::parse_command_line(argc, argv, exit_code);
    if (!options) return exit_code;

    auto config = kiosk::load_kiosk_config(options->config_file);
    if (!config) {
        kiosk::log(kiosk::LogLevel::error, "config", config.problem().message());
        return 2;
    }
    try {
        return play(*options, *config);
    } catch (const std::exception& error) {
        kiosk::log(kiosk::LogLevel::error, "kiosk", error.what());
        return 1;
    }
}
