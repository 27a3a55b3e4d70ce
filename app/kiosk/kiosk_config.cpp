#include "kiosk/kiosk_config.hpp"

#include <regex>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/clock_time.hpp"
#include "core/text.hpp"
#include "kiosk/config_reader.hpp"
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
void read_screen(ConfigReader& reader, const Json& document, KioskConfig& config) {
    if (auto screen = document.find("screen"); screen != document.end()) {
        if (!screen->is_object()) {
            reader.fail("screen", "must be an object");
        } else {
            config.screen.width = reader.integer(*screen, "width", "screen.width", 1920, 320, 7680);
            config.screen.height = reader.integer(*screen, "height", "screen.height", 1080, 240, 4320);
            config.screen.transition_milliseconds = reader.integer(
                *screen, "transition_milliseconds", "screen.transition_milliseconds", 700, 0, 5000);
            config.screen.transition_frames_per_second = reader.integer(
                *screen, "transition_frames_per_second", "screen.transition_frames_per_second", 30, 0, 240);
            std::string orientation = reader.text(*screen, "orientation", "screen.orientation", false);
            if (orientation == "portrait") {
                config.screen.orientation = Orientation::portrait;
            } else if (!orientation.empty() && orientation != "landscape") {
                reader.fail("screen.orientation", "must be \"landscape\" or \"portrait\"");
            }
            config.screen.rotation = reader.integer(*screen, "rotation", "screen.rotation", 0, 0, 270);
            if (config.screen.rotation % 90 != 0) reader.fail("screen.rotation", "must be 0, 90, 180 or 270");
            if (config.screen.rotation % 180 == 90 && orientation.empty()) {
                config.screen.orientation = Orientation::portrait;
            }
        }
    }
}

// "ticker": the strip along the bottom and its messages.
void read_ticker(ConfigReader& reader, const Json& document, KioskConfig& config) {
    if (auto ticker = document.find("ticker"); ticker != document.end()) {
        if (!ticker->is_object()) {
            reader.fail("ticker", "must be an object");
        } else {
            auto flag = [&](const char* key, bool fallback) {
                auto found = ticker->find(key);
                if (found == ticker->end()) return fallback;
                if (!found->is_boolean()) reader.fail(std::string("ticker.") + key, "must be true or false");
                return found->is_boolean() ? found->get<bool>() : fallback;
            };
            config.ticker.enabled = flag("enabled", true);
            config.ticker.announcements = flag("announcements", true);
            if (auto messages = ticker->find("messages"); messages != ticker->end()) {
                if (!messages->is_array() || messages->size() > 50) {
                    reader.fail("ticker.messages", "must be an array of at most 50 strings");
                } else {
                    for (std::size_t index = 0; index < messages->size(); ++index) {
                        Json holder = {{"message", (*messages)[index]}};
                        std::string message =
                            reader.text(holder, "message", "ticker.messages[" + std::to_string(index) + "]", true);
                        if (message.size() > 400) {
                            reader.fail("ticker.messages[" + std::to_string(index) + "]", "is longer than 400 bytes");
                        }
                        if (!message.empty()) config.ticker.messages.push_back(std::move(message));
                    }
                }
            }
        }
    }
}

// "sync": polling intervals and TLS settings.
void read_sync(ConfigReader& reader, const Json& document, const std::filesystem::path& config_directory,
               KioskConfig& config) {
    if (auto sync = document.find("sync"); sync != document.end()) {
        if (!sync->is_object()) {
            reader.fail("sync", "must be an object");
        } else {
            config.sync.interval_seconds =
                reader.integer(*sync, "interval_seconds", "sync.interval_seconds", 300, 5, 86400);
            config.sync.max_backoff_seconds =
                reader.integer(*sync, "max_backoff_seconds", "sync.max_backoff_seconds", 3600, 5, 7 * 86400);
            if (std::string ca = reader.text(*sync, "ca_file", "sync.ca_file", false); !ca.empty()) {
                config.sync.ca_file = resolve(config_directory, ca);
            }
            config.sync.pinned_public_key = reader.text(*sync, "pinned_public_key", "sync.pinned_public_key", false);
            if (!config.sync.pinned_public_key.empty() && config.sync.pinned_public_key.rfind("sha256//", 0) != 0) {
                reader.fail("sync.pinned_public_key", "must look like \"sha256//<base64 of the key's SHA-256>\"");
            }
        }
    }
}

}  // namespace

Result<KioskConfig> parse_kiosk_config(std::string_view json, std::string_view origin,
                                        const std::filesystem::path& config_directory) {
    const Result<Json> root = core::read_json(json, origin, core::JsonLimits{.max_bytes = max_config_bytes});
    if (!root) return root.problem();
    const Json& document = *root;
    if (!document.is_object()) return Problem{std::string(origin), "", "must be a JSON object"};

    ConfigReader reader{std::string(origin)};
    KioskConfig config;
    config.identity.kiosk_id = reader.identifier(document, "kiosk_id", "kiosk_id", true);
    config.identity.site = reader.identifier(document, "site", "site", true);
    config.place_name = reader.text(document, "place_name", "place_name", false);
    if (config.place_name.empty()) config.place_name = config.identity.site;

    if (auto tags = document.find("tags"); tags != document.end()) {
        if (!tags->is_array()) {
            reader.fail("tags", "must be an array of strings");
        } else {
            for (std::size_t index = 0; index < tags->size(); ++index) {
                Json holder = {{"tag", (*tags)[index]}};
                config.identity.tags.push_back(
                    reader.identifier(holder, "tag", "tags[" + std::to_string(index) + "]", true));
            }
        }
    }

    if (std::string offset = reader.text(document, "utc_offset", "utc_offset", false); !offset.empty()) {
        auto minutes = parse_utc_offset(offset);
        if (minutes) {
            config.utc_offset_minutes = *minutes;
        } else {
            reader.fail("utc_offset", minutes.problem().reason);
        }
    }

    std::string cache = reader.text(document, "cache_directory", "cache_directory", true);
    if (!cache.empty()) config.cache_directory = resolve(config_directory, cache);

    if (auto clock_file = document.find("clock_synchronized_file"); clock_file != document.end()) {
        if (!clock_file->is_string()) {
            reader.fail("clock_synchronized_file", "must be a path, or \"\" to always believe the clock");
        } else {
            const std::string path = clock_file->get<std::string>();
            config.clock_synchronized_file = path.empty() ? std::filesystem::path() : resolve(config_directory, path);
        }
    }

    if (std::string theme = reader.text(document, "theme", "theme", false); !theme.empty()) {
        config.theme_file = resolve(config_directory, theme);
    }

    read_screen(reader, document, config);
    read_ticker(reader, document, config);
    read_sources(reader, document, config_directory, config.sources);
    read_sync(reader, document, config_directory, config);

    if (auto schedule = document.find("screen_schedule"); schedule != document.end()) {
        auto parsed = parse_screen_schedule(*schedule, origin);
        if (!parsed) {
            reader.fail(parsed.problem().field, parsed.problem().reason);
        } else {
            config.screen_schedule = std::move(*parsed);
        }
    }

    if (reader.failed()) return reader.problem();
    return config;
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
