#include "core/item_reader.hpp"

#include <algorithm>

#include "core/manifest_parser.hpp"

namespace bangvang::core {

namespace {

using nlohmann::json;

constexpr TextRules name_rules{.max_graphemes = max_name_graphemes, .single_line = true, .required = false};
constexpr TextRules title_rules{.max_graphemes = max_title_graphemes, .single_line = true, .required = false};
constexpr TextRules paragraph_rules{.max_graphemes = max_paragraph_graphemes, .single_line = false, .required = true};

TextRules required(TextRules rules) {
    rules.required = true;
    return rules;
}

// Reads the members of one kind object ("story": {...}); `prefix` is its field path.
class KindReader {
public:
    KindReader(const JsonFieldReader& reader, const json& object, std::string prefix,
               const std::set<std::string>* listed_media)
        : reader_(reader), object_(object), prefix_(std::move(prefix)), listed_media_(listed_media) {}

    std::string text(std::string_view key, TextRules rules) const {
        return reader_.text(reader_.find(object_, key), path(key), rules);
    }

    std::vector<std::string> paragraphs(std::string_view key, bool required_member) const {
        const json* member = reader_.find(object_, key);
        std::vector<std::string> result;
        if (member == nullptr) {
            if (required_member) reader_.reject(path(key), "is required but missing");
            return result;
        }
        const json& list = reader_.array(*member, path(key), required_member ? 1 : 0, max_paragraphs);
        for (std::size_t index = 0; index < list.size(); ++index) {
            result.push_back(reader_.text(&list[index], element_path(path(key), index), paragraph_rules));
        }
        return result;
    }

    std::optional<CivilDate> optional_date(std::string_view key) const {
        const json* member = reader_.find(object_, key);
        if (member == nullptr) return std::nullopt;
        return reader_.date(*member, path(key));
    }

    CivilDate required_date(std::string_view key) const {
        return reader_.date(reader_.require(object_, key, path(key)), path(key));
    }

    std::optional<std::string> media(std::string_view key) const {
        return media_in(object_, key, path(key));
    }

    std::optional<std::string> media_in(const json& object, std::string_view key, const std::string& field) const {
        const json* member = reader_.find(object, key);
        if (member == nullptr) return std::nullopt;
        std::string hash = reader_.sha256(*member, field);
        if (listed_media_ != nullptr && !listed_media_->contains(hash)) {
            reader_.reject(field, "refers to media " + hash.substr(0, 12) + "… which is not listed in \"media\"");
        }
        return hash;
    }

    const json& list(std::string_view key, std::size_t max_count) const {
        return reader_.array(reader_.require(object_, key, path(key)), path(key), 1, max_count);
    }

    std::string path(std::string_view key) const { return member_path(prefix_, key); }
    const JsonFieldReader& reader() const { return reader_; }
    const json& object() const { return object_; }

private:
    const JsonFieldReader& reader_;
    const json& object_;
    std::string prefix_;
    const std::set<std::string>* listed_media_;
};

Story read_story(const KindReader& kind) {
    Story story;
    story.person_name = kind.text("name", required(name_rules));
    story.role = kind.text("role", title_rules);
    story.unit = kind.text("unit", title_rules);
    story.headline = kind.text("headline", required(title_rules));
    story.body = kind.paragraphs("body", true);
    story.award = kind.text("award", title_rules);
    story.movement = kind.text("movement", title_rules);
    story.date = kind.optional_date("date");
    if (const json* url = kind.reader().find(kind.object(), "portal_url")) {
        story.portal_url = kind.reader().web_url(*url, kind.path("portal_url"));
    }
    story.photo = kind.media("photo");
    return story;
}

Standings read_standings(const KindReader& kind) {
    const JsonFieldReader& reader = kind.reader();
    Standings standings;
    standings.title = kind.text("title", required(title_rules));
    standings.cluster = kind.text("cluster", title_rules);
    standings.period = kind.text("period", title_rules);
    standings.updated = kind.optional_date("updated");
    if (const json* max_score = reader.find(kind.object(), "max_score")) {
        standings.max_score = reader.finite_number(*max_score, kind.path("max_score"));
        if (standings.max_score <= 0) reader.reject(kind.path("max_score"), "must be greater than 0");
    }
    const json& rows = kind.list("rows", max_standings_rows);
    for (std::size_t index = 0; index < rows.size(); ++index) {
        const std::string row_path = element_path(kind.path("rows"), index);
        const json& row_object = reader.object(rows[index], row_path);
        StandingRow row;
        row.rank = static_cast<int>(
            reader.integer(reader.require(row_object, "rank", member_path(row_path, "rank")), member_path(row_path, "rank"),
                           1, static_cast<std::int64_t>(max_standings_rows) * 100));
        row.unit = reader.text(reader.find(row_object, "unit"), member_path(row_path, "unit"), required(title_rules));
        row.score = reader.finite_number(reader.require(row_object, "score", member_path(row_path, "score")),
                                         member_path(row_path, "score"));
        if (const json* change = reader.find(row_object, "rank_change")) {
            row.rank_change = static_cast<int>(reader.integer(*change, member_path(row_path, "rank_change"), -100000, 100000));
        }
        standings.rows.push_back(std::move(row));
    }
    std::stable_sort(standings.rows.begin(), standings.rows.end(),
                     [](const StandingRow& left, const StandingRow& right) { return left.rank < right.rank; });
    return standings;
}

HonorRoll read_honor_roll(const KindReader& kind) {
    const JsonFieldReader& reader = kind.reader();
    HonorRoll honor_roll;
    honor_roll.title = kind.text("title", required(title_rules));
    honor_roll.unit = kind.text("unit", title_rules);
    honor_roll.period = kind.text("period", title_rules);
    const json& entries = kind.list("entries", max_honor_entries);
    for (std::size_t index = 0; index < entries.size(); ++index) {
        const std::string entry_path = element_path(kind.path("entries"), index);
        const json& entry_object = reader.object(entries[index], entry_path);
        HonorEntry entry;
        entry.name = reader.text(reader.find(entry_object, "name"), member_path(entry_path, "name"), required(name_rules));
        entry.class_name = reader.text(reader.find(entry_object, "class"), member_path(entry_path, "class"), name_rules);
        entry.achievement =
            reader.text(reader.find(entry_object, "achievement"), member_path(entry_path, "achievement"), title_rules);
        entry.photo = kind.media_in(entry_object, "photo", member_path(entry_path, "photo"));
        honor_roll.entries.push_back(std::move(entry));
    }
    return honor_roll;
}

Announcement read_announcement(const KindReader& kind) {
    Announcement announcement;
    announcement.title = kind.text("title", required(title_rules));
    announcement.body = kind.paragraphs("body", false);
    announcement.movement = kind.text("movement", title_rules);
    announcement.image = kind.media("image");
    return announcement;
}

Commemoration read_commemoration(const KindReader& kind) {
    Commemoration commemoration;
    commemoration.event = kind.text("event", required(title_rules));
    commemoration.origin = kind.required_date("origin");
    commemoration.anniversary = kind.required_date("anniversary");
    if (commemoration.anniversary <= commemoration.origin) {
        kind.reader().reject(kind.path("anniversary"), "must be after " + kind.path("origin"));
    }
    commemoration.body = kind.paragraphs("body", false);
    commemoration.image = kind.media("image");
    return commemoration;
}

Schedule read_schedule(const json& value, const JsonFieldReader& reader) {
    const json& object = reader.object(value, "schedule");
    Schedule schedule;
    if (const json* from = reader.find(object, "valid_from")) schedule.valid_from = reader.instant(*from, "schedule.valid_from");
    if (const json* until = reader.find(object, "valid_until")) {
        schedule.valid_until = reader.instant(*until, "schedule.valid_until");
        if (schedule.valid_from && *schedule.valid_until <= *schedule.valid_from) {
            reader.reject("schedule.valid_until", "must be after schedule.valid_from");
        }
    }
    if (const json* days = reader.find(object, "days")) {
        const json& list = reader.array(*days, "schedule.days", 1, 7);
        schedule.weekdays = 0;
        for (std::size_t index = 0; index < list.size(); ++index) {
            const auto day = reader.integer(list[index], element_path("schedule.days", index), 1, 7);
            schedule.weekdays = static_cast<std::uint8_t>(schedule.weekdays | (1U << (day - 1)));
        }
    }
    if (const json* hours = reader.find(object, "hours")) {
        const json& list = reader.array(*hours, "schedule.hours", 0, max_hour_windows);
        for (std::size_t index = 0; index < list.size(); ++index) {
            const std::string window_path = element_path("schedule.hours", index);
            const json& window_object = reader.object(list[index], window_path);
            const std::string from_path = member_path(window_path, "from");
            const std::string to_path = member_path(window_path, "to");
            schedule.hours.push_back(HourWindow{
                .from_minute = reader.hour_minute(reader.require(window_object, "from", from_path), from_path),
                .to_minute = reader.hour_minute(reader.require(window_object, "to", to_path), to_path),
            });
        }
    }
    if (const json* duration = reader.find(object, "duration")) {
        schedule.duration_seconds = static_cast<int>(reader.integer(*duration, "schedule.duration", 3, 600));
    }
    if (const json* weight = reader.find(object, "weight")) {
        schedule.weight = static_cast<int>(reader.integer(*weight, "schedule.weight", 1, 100));
    }
    if (const json* priority = reader.find(object, "priority")) {
        if (!priority->is_string()) reader.reject("schedule.priority", "must be a string, not " + std::string(json_type_name(*priority)));
        const auto& name = priority->get_ref<const std::string&>();
        if (name == "normal") schedule.priority = Priority::normal;
        else if (name == "urgent") schedule.priority = Priority::urgent;
        else reader.reject("schedule.priority", "must be \"normal\" or \"urgent\"");
    }
    return schedule;
}

std::vector<std::string> read_identifier_list(const json& object, std::string_view key, const std::string& field,
                                              const JsonFieldReader& reader) {
    std::vector<std::string> values;
    const json* member = reader.find(object, key);
    if (member == nullptr) return values;
    const json& list = reader.array(*member, field, 0, max_audience_entries);
    for (std::size_t index = 0; index < list.size(); ++index) {
        values.push_back(reader.identifier(list[index], element_path(field, index)));
    }
    return values;
}

Audience read_audience(const json& value, const JsonFieldReader& reader) {
    const json& object = reader.object(value, "audience");
    return Audience{
        .sites = read_identifier_list(object, "sites", "audience.sites", reader),
        .tags = read_identifier_list(object, "tags", "audience.tags", reader),
    };
}

std::string kind_list() {
    std::string names;
    for (ItemKind kind : {ItemKind::story, ItemKind::standings, ItemKind::honor_roll, ItemKind::announcement,
                          ItemKind::commemoration}) {
        names += (names.empty() ? "\"" : ", \"") + std::string(to_string(kind)) + "\"";
    }
    return names;
}

}  // namespace

Item read_item(const json& value, JsonFieldReader& reader, const std::set<std::string>* listed_media) {
    if (!value.is_object()) reader.reject("", "an item must be an object, not " + std::string(json_type_name(value)));
    Item item;
    item.id = reader.identifier(reader.require(value, "id", "id"), "id");
    reader.set_where(reader.where() + " (id \"" + item.id + "\")");

    const json& kind_value = reader.require(value, "kind", "kind");
    if (!kind_value.is_string()) reader.reject("kind", "must be a string, not " + std::string(json_type_name(kind_value)));
    const auto& kind_name = kind_value.get_ref<const std::string&>();
    const std::optional<ItemKind> kind = item_kind_from_string(kind_name);
    if (!kind) reader.reject("kind", "must be one of " + kind_list());
    item.kind = *kind;

    if (const json* schedule = reader.find(value, "schedule")) item.schedule = read_schedule(*schedule, reader);
    if (const json* audience = reader.find(value, "audience")) item.audience = read_audience(*audience, reader);

    const json* content = reader.find(value, kind_name);
    if (content == nullptr) reader.reject(kind_name, "is required for an item of kind \"" + kind_name + "\"");
    const KindReader kind_reader(reader, reader.object(*content, kind_name), kind_name, listed_media);
    switch (item.kind) {
        case ItemKind::story: item.content = read_story(kind_reader); break;
        case ItemKind::standings: item.content = read_standings(kind_reader); break;
        case ItemKind::honor_roll: item.content = read_honor_roll(kind_reader); break;
        case ItemKind::announcement: item.content = read_announcement(kind_reader); break;
        case ItemKind::commemoration: item.content = read_commemoration(kind_reader); break;
    }
    return item;
}

}  // namespace bangvang::core
