#include "core/manifest_writer.hpp"

#include <cstdio>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace bangvang::core {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::uint8_t every_weekday = 0x7f;

std::string hour_minute(int minutes_since_midnight) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes_since_midnight / 60, minutes_since_midnight % 60);
    return text;
}

std::string instant(UnixSeconds seconds) {
    return format_rfc3339(seconds, vietnam_utc_offset_minutes);
}

// Text in the feed is read through clean_text, which strips markup and decodes
// entities. Cleaned text can still hold a literal "<b>" or "&amp;" (it arrived as
// "&lt;b&gt;" or "&amp;amp;"); writing those as entities makes reading it back give
// the same text. Everything else is written as is, so the feed stays readable.
std::string feed_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t position = 0; position < text.size(); ++position) {
        const char character = text[position];
        if (character == '&' && starts_markup(text, position)) out += "&amp;";
        else if (character == '<' && starts_markup(text, position)) out += "&lt;";
        else out += character;
    }
    return out;
}

void put_text(Json& object, const char* key, const std::string& text) {
    if (!text.empty()) object[key] = feed_text(text);
}

void put_paragraphs(Json& object, const char* key, const std::vector<std::string>& paragraphs) {
    if (paragraphs.empty()) return;
    Json list = Json::array();
    for (const std::string& paragraph : paragraphs) list.push_back(feed_text(paragraph));
    object[key] = std::move(list);
}

void put_optional_text(Json& object, const char* key, const std::optional<std::string>& text) {
    if (text && !text->empty()) object[key] = *text;
}

void put_optional_date(Json& object, const char* key, const std::optional<CivilDate>& date) {
    if (date) object[key] = format_iso_date(*date);
}

Json schedule_json(const Schedule& schedule) {
    const Schedule defaults;
    Json object = Json::object();
    if (schedule.valid_from) object["valid_from"] = instant(*schedule.valid_from);
    if (schedule.valid_until) object["valid_until"] = instant(*schedule.valid_until);
    if (schedule.weekdays != every_weekday) {
        Json days = Json::array();
        for (int weekday = 1; weekday <= 7; ++weekday) {
            if (schedule.weekdays & (1u << (weekday - 1))) days.push_back(weekday);
        }
        object["days"] = std::move(days);
    }
    if (!schedule.hours.empty()) {
        Json hours = Json::array();
        for (const HourWindow& window : schedule.hours) {
            hours.push_back({{"from", hour_minute(window.from_minute)}, {"to", hour_minute(window.to_minute)}});
        }
        object["hours"] = std::move(hours);
    }
    if (schedule.duration_seconds != defaults.duration_seconds) object["duration"] = schedule.duration_seconds;
    if (schedule.weight != defaults.weight) object["weight"] = schedule.weight;
    if (schedule.priority != defaults.priority) object["priority"] = "urgent";
    return object;
}

Json audience_json(const Audience& audience) {
    Json object = Json::object();
    if (!audience.sites.empty()) object["sites"] = audience.sites;
    if (!audience.tags.empty()) object["tags"] = audience.tags;
    return object;
}

Json content_json(const Story& story) {
    Json object = Json::object();
    put_text(object, "name", story.person_name);
    put_text(object, "role", story.role);
    put_text(object, "unit", story.unit);
    put_text(object, "headline", story.headline);
    put_paragraphs(object, "body", story.body);
    put_text(object, "award", story.award);
    put_text(object, "movement", story.movement);
    put_optional_date(object, "date", story.date);
    put_text(object, "portal_url", story.portal_url);
    put_optional_text(object, "photo", story.photo);
    return object;
}

Json content_json(const Standings& standings) {
    Json object = Json::object();
    put_text(object, "title", standings.title);
    put_text(object, "cluster", standings.cluster);
    put_text(object, "period", standings.period);
    put_optional_date(object, "updated", standings.updated);
    object["max_score"] = standings.max_score;
    Json rows = Json::array();
    for (const StandingRow& row : standings.rows) {
        Json row_object = {{"rank", row.rank}, {"unit", feed_text(row.unit)}, {"score", row.score}};
        if (row.rank_change) row_object["rank_change"] = *row.rank_change;
        rows.push_back(std::move(row_object));
    }
    object["rows"] = std::move(rows);
    return object;
}

Json content_json(const HonorRoll& honor_roll) {
    Json object = Json::object();
    put_text(object, "title", honor_roll.title);
    put_text(object, "unit", honor_roll.unit);
    put_text(object, "period", honor_roll.period);
    Json entries = Json::array();
    for (const HonorEntry& entry : honor_roll.entries) {
        Json entry_object = Json::object();
        put_text(entry_object, "name", entry.name);
        put_text(entry_object, "class", entry.class_name);
        put_text(entry_object, "achievement", entry.achievement);
        put_optional_text(entry_object, "photo", entry.photo);
        entries.push_back(std::move(entry_object));
    }
    object["entries"] = std::move(entries);
    return object;
}

Json content_json(const Announcement& announcement) {
    Json object = Json::object();
    put_text(object, "title", announcement.title);
    put_paragraphs(object, "body", announcement.body);
    put_text(object, "movement", announcement.movement);
    put_optional_text(object, "image", announcement.image);
    return object;
}

Json content_json(const Commemoration& commemoration) {
    Json object = Json::object();
    put_text(object, "event", commemoration.event);
    object["origin"] = format_iso_date(commemoration.origin);
    object["anniversary"] = format_iso_date(commemoration.anniversary);
    put_paragraphs(object, "body", commemoration.body);
    put_optional_text(object, "image", commemoration.image);
    return object;
}

template <typename Content>
constexpr ItemKind kind_of() {
    if constexpr (std::is_same_v<Content, Story>) return ItemKind::story;
    else if constexpr (std::is_same_v<Content, Standings>) return ItemKind::standings;
    else if constexpr (std::is_same_v<Content, HonorRoll>) return ItemKind::honor_roll;
    else if constexpr (std::is_same_v<Content, Announcement>) return ItemKind::announcement;
    else return ItemKind::commemoration;
}

Json item_json(const Item& item) {
    Json object = Json::object();
    object["id"] = item.id;
    // The kind is taken from the content itself so that "kind" and the key of the
    // kind object can never disagree in what we write.
    std::visit(
        [&](const auto& content) {
            const std::string kind_name(to_string(kind_of<std::decay_t<decltype(content)>>()));
            object["kind"] = kind_name;
            Json schedule = schedule_json(item.schedule);
            if (!schedule.empty()) object["schedule"] = std::move(schedule);
            Json audience = audience_json(item.audience);
            if (!audience.empty()) object["audience"] = std::move(audience);
            object[kind_name] = content_json(content);
        },
        item.content);
    return object;
}

Json media_json(const MediaRef& media) {
    Json entry = {{"sha256", media.sha256},
                  {"size", media.size_bytes},
                  {"width", media.width},
                  {"height", media.height},
                  {"type", media.mime_type}};
    if (!media.renditions.empty()) {
        Json renditions = Json::array();
        for (const Rendition& rendition : media.renditions) {
            Json written = {{"sha256", rendition.sha256},
                            {"size", rendition.size_bytes},
                            {"width", rendition.width},
                            {"height", rendition.height}};
            if (rendition.crop) {
                written["screen"] = std::to_string(rendition.screen_width) + "x" + std::to_string(rendition.screen_height);
                written["crop"] = {{"x", rendition.crop->x},
                                   {"y", rendition.crop->y},
                                   {"width", rendition.crop->width},
                                   {"height", rendition.crop->height}};
            }
            renditions.push_back(std::move(written));
        }
        entry["renditions"] = std::move(renditions);
    }
    if (!media.boxes.empty()) {
        Json boxes = Json::array();
        for (const MediaBox& box : media.boxes) {
            boxes.push_back({{"screen", std::to_string(box.screen_width) + "x" + std::to_string(box.screen_height)},
                             {"width", box.width},
                             {"height", box.height}});
        }
        entry["boxes"] = std::move(boxes);
    }
    return entry;
}

}  // namespace

std::string write_manifest(const Manifest& manifest) {
    Json document = Json::object();
    document["format"] = "bangvang.feed/1";
    document["source"] = {{"id", manifest.source_id}, {"name", feed_text(manifest.source_name)}};
    document["version"] = manifest.version;
    document["issued_at"] = instant(manifest.issued_at);
    document["expires_at"] = instant(manifest.expires_at);
    Json media = Json::array();
    for (const MediaRef& reference : manifest.media) media.push_back(media_json(reference));
    document["media"] = std::move(media);
    Json items = Json::array();
    for (const Item& item : manifest.items) items.push_back(item_json(item));
    document["items"] = std::move(items);
    if (!manifest.next_keys.empty()) document["next_keys"] = manifest.next_keys;
    return document.dump(2) + "\n";
}

std::string write_item(const Item& item) {
    return item_json(item).dump();
}

}  // namespace bangvang::core
