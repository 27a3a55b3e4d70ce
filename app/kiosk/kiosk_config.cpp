#include "kiosk/kiosk_config.hpp"

#include <regex>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/clock_time.hpp"
#include "core/text.hpp"
#include "kiosk/config_fields.hpp"
#include "kiosk/screen_schedule_config.hpp"
#include "kiosk/source_config.hpp"
#include "files/bounded_read.hpp"

namespace bangvang::kiosk {

using core::Problem;
using core::Result;

int KioskConfig::screen_width() const {
    return screen.orientation == Orientation::portrait ? screen.height : screen.width;
}

int KioskConfig::screen_height() const {
    return screen.orientation == Orientation::portrait ? screen.width : screen.height;
}

int KioskConfig::output_width() const { return screen.rotation % 180 == 0 ? screen_width() : screen_height(); }

int KioskConfig::output_height() const { return screen.rotation % 180 == 0 ? screen_height() : screen_width(); }

namespace {

constexpr std::size_t max_config_bytes = 1024 * 1024;  // a config is a few kilobytes

Result<int> parse_utc_offset(std::string_view text) {
    // "+07:00" / "-03:30" / "Z"
    if (text == "Z") return 0;
    static const std::regex pattern("([+-])([0-9]{2}):([0-9]{2})");
    std::match_results<std::string_view::const_iterator> match;
    if (!std::regex_match(text.begin(), text.end(), match, pattern)) {
        return Problem{"", "utc_offset", "must look like \"+07:00\""};
    }
    int hours = std::stoi(match[2].str());
    int minutes = std::stoi(match[3].str());
    if (hours > 14 || minutes > 59) return Problem{"", "utc_offset", "is out of range"};
    int total = hours * 60 + minutes;
    return match[1].str() == "-" ? -total : total;
}

// "screen": size, orientation, rotation, transition.
void read_screen(const core::JsonFieldReader& reader, const Json& document, KioskConfig& config) {
    const Json* screen = reader.optional_object(document, "screen", "screen");
    if (screen == nullptr) return;
    config.screen.width = config_integer(reader, *screen, "width", "screen.width", 1920, 320, 7680);
    config.screen.height = config_integer(reader, *screen, "height", "screen.height", 1080, 240, 4320);
    config.screen.transition_milliseconds = config_integer(reader, *screen, "transition_milliseconds",
                                                           "screen.transition_milliseconds", 700, 0, 5000);
    config.screen.transition_frames_per_second = config_integer(
        reader, *screen, "transition_frames_per_second", "screen.transition_frames_per_second", 30, 0, 240);
    std::string orientation = config_text(reader, *screen, "orientation", "screen.orientation", false);
    if (orientation == "portrait") {
        config.screen.orientation = Orientation::portrait;
    } else if (!orientation.empty() && orientation != "landscape") {
        reader.reject("screen.orientation", "must be \"landscape\" or \"portrait\"");
    }
    config.screen.rotation = config_integer(reader, *screen, "rotation", "screen.rotation", 0, 0, 270);
    if (config.screen.rotation % 90 != 0) reader.reject("screen.rotation", "must be 0, 90, 180 or 270");
    if (config.screen.rotation % 180 == 90 && orientation.empty()) config.screen.orientation = Orientation::portrait;
}

// "ticker": the strip along the bottom and its messages.
void read_ticker(const core::JsonFieldReader& reader, const Json& document, KioskConfig& config) {
    const Json* ticker = reader.optional_object(document, "ticker", "ticker");
    if (ticker == nullptr) return;
    config.ticker.enabled = reader.boolean_or(*ticker, "enabled", "ticker.enabled", true);
    config.ticker.announcements = reader.boolean_or(*ticker, "announcements", "ticker.announcements", true);
    const Json* messages = reader.find(*ticker, "messages");
    if (messages == nullptr) return;
    if (!messages->is_array() || messages->size() > 50) {
        reader.reject("ticker.messages", "must be an array of at most 50 strings");
    }
    for (std::size_t index = 0; index < messages->size(); ++index) {
        const std::string field = core::element_path("ticker.messages", index);
        std::string message = reader.text(&(*messages)[index], field, {.max_graphemes = core::unlimited_graphemes,
                                                                        .single_line = false, .required = false});
        if (message.size() > 400) reader.reject(field, "is longer than 400 bytes");
        if (!message.empty()) config.ticker.messages.push_back(std::move(message));
    }
}

// "sync": polling intervals and TLS settings.
void read_sync(const core::JsonFieldReader& reader, const Json& document, const std::filesystem::path& config_directory,
               KioskConfig& config) {
    const Json* sync = reader.optional_object(document, "sync", "sync");
    if (sync == nullptr) return;
    config.sync.interval_seconds = config_integer(reader, *sync, "interval_seconds", "sync.interval_seconds", 300, 5, 86400);
    config.sync.max_backoff_seconds =
        config_integer(reader, *sync, "max_backoff_seconds", "sync.max_backoff_seconds", 3600, 5, 7 * 86400);
    if (std::string ca = config_text(reader, *sync, "ca_file", "sync.ca_file", false); !ca.empty()) {
        config.sync.ca_file = resolve(config_directory, ca);
    }
    config.sync.pinned_public_key = config_text(reader, *sync, "pinned_public_key", "sync.pinned_public_key", false);
    if (!config.sync.pinned_public_key.empty() && config.sync.pinned_public_key.rfind("sha256//", 0) != 0) {
        reader.reject("sync.pinned_public_key", "must look like \"sha256//<base64 of the key's SHA-256>\"");
    }
}

// Who the kiosk is: its id, site, place name and tags (all nameable by a feed's audience).
void read_identity(const core::JsonFieldReader& reader, const Json& document, KioskConfig& config) {
    config.identity.kiosk_id = config_identifier(reader, document, "kiosk_id", "kiosk_id");
    config.identity.site = config_identifier(reader, document, "site", "site");
    config.place_name = config_text(reader, document, "place_name", "place_name", false);
    if (config.place_name.empty()) config.place_name = config.identity.site;
    const Json* tags = reader.find(document, "tags");
    if (tags == nullptr) return;
    if (!tags->is_array()) reader.reject("tags", "must be an array of strings");
    for (std::size_t index = 0; index < tags->size(); ++index) {
        config.identity.tags.push_back(config_identifier(reader, (*tags)[index], core::element_path("tags", index)));
    }
}

// The files and clock: utc offset, cache folder, clock file, theme.
void read_files(const core::JsonFieldReader& reader, const Json& document, const std::filesystem::path& config_directory,
                KioskConfig& config) {
    if (std::string offset = config_text(reader, document, "utc_offset", "utc_offset", false); !offset.empty()) {
        auto minutes = parse_utc_offset(offset);
        if (!minutes) reader.reject("utc_offset", minutes.problem().reason);
        config.utc_offset_minutes = *minutes;
    }
    std::string cache = config_text(reader, document, "cache_directory", "cache_directory", true);
    if (!cache.empty()) config.cache_directory = resolve(config_directory, cache);
    if (const Json* clock_file = reader.find(document, "clock_synchronized_file")) {
        if (!clock_file->is_string()) {
            reader.reject("clock_synchronized_file", "must be a path, or \"\" to always believe the clock");
        }
        const std::string& path = clock_file->get_ref<const std::string&>();
        config.clock_synchronized_file = path.empty() ? std::filesystem::path() : resolve(config_directory, path);
    }
    if (std::string theme = config_text(reader, document, "theme", "theme", false); !theme.empty()) {
        config.theme_file = resolve(config_directory, theme);
    }
}

}  // namespace

Result<KioskConfig> parse_kiosk_config(std::string_view json, std::string_view origin,
                                        const std::filesystem::path& config_directory) {
    const Result<Json> root = core::read_json(json, origin, core::JsonLimits{.max_bytes = max_config_bytes});
    if (!root) return root.problem();
    const Json& document = *root;
    if (!document.is_object()) return Problem{std::string(origin), "", "must be a JSON object"};

    const core::JsonFieldReader reader{std::string(origin)};
    return core::read_fields([&] {
        KioskConfig config;
        read_identity(reader, document, config);
        read_files(reader, document, config_directory, config);
        read_screen(reader, document, config);
        read_ticker(reader, document, config);
        read_sources(reader, document, config_directory, config.sources);
        read_sync(reader, document, config_directory, config);
        if (const Json* schedule = reader.find(document, "screen_schedule")) {
            config.screen_schedule = read_screen_schedule(reader, *schedule);
        }
        return config;
    });
}

Result<KioskConfig> load_kiosk_config(const std::filesystem::path& file) {
    std::string contents;
    try {
        contents = files::read_whole_file(file, max_config_bytes);
    } catch (const files::FileError& failure) {
        return Problem{file.string(), "", "cannot be opened or read (" + std::string(failure.what()) + ")"};
    }
    std::filesystem::path directory = std::filesystem::absolute(file).parent_path();
    return parse_kiosk_config(contents, file.string(), directory);
}

}  // namespace bangvang::kiosk
