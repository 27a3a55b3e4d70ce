#pragma once
// One item of the folder form while its file is read: its JSON (the kind's members, its
// schedule and audience) and every finding, each with the file and line it came from.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "publish/content_findings.hpp"
#include "publish/field_rules.hpp"
#include "publish/markup_lookalike.hpp"
#include "publish/schedule_fields.hpp"
#include "publish/source_document.hpp"
#include "publish/staff_messages.hpp"
#include "publish/staff_text.hpp"

namespace bangvang::publish {

// "thong-bao/a.txt" -> "thong-bao/"; "" for a file at the top.
std::string parent_of(const std::string& relative_path);
// "thong-bao/le-khai-giang.txt" -> "le-khai-giang".
std::string stem_of(const std::string& relative_path);

// Collects one item's JSON and findings while its file is read.
class ItemBuilder {
public:
    ItemBuilder(std::string file, core::ItemKind kind, std::vector<Finding>& findings,
                const std::set<std::string>& other_files)
        : file_(std::move(file)), kind_(kind), findings_(findings), other_files_(other_files) {
        item_["id"] = slug_of(stem_of(file_));
        item_["kind"] = std::string(core::to_string(kind));
        content_ = nlohmann::ordered_json::object();
    }

    void error(int line, StaffMessage said) { findings_.push_back(Finding::error(file_, line, std::move(said))); }
    void warning(int line, StaffMessage said) { findings_.push_back(Finding::warning(file_, line, std::move(said))); }

    // Text with something like a tag that the kiosk will show as written.
    void check_markup(std::string_view field, std::string_view value, int line) {
        const std::string lookalike = markup_lookalike(value);
        if (!lookalike.empty()) warning(line, say::markup_shown(field, lookalike));
    }

    // Where a member of the item came from, so the kiosk's own checks can name the line:
    // "story.name" -> 2, "story.body[0]" -> 9, "standings.rows[3]" -> 11.
    void remember_line(std::string member_path, int line) { lines_[std::move(member_path)] = line; }
    const std::map<std::string, int>& lines() const { return lines_; }

    template <std::size_t Count>
    void apply_fields(const std::vector<HeaderField>& fields, const FieldRule (&rules)[Count]) {
        std::set<std::string_view> seen;
        for (const HeaderField& field : fields) {
            const FieldRule* rule = find_rule(field.folded_key, rules);
            if (!rule) {
                std::vector<std::string_view> names;
                for (const FieldRule& candidate : rules) names.push_back(candidate.name);
                for (const FieldRule& candidate : common_fields) {
                    if (std::find(names.begin(), names.end(), candidate.name) == names.end()) names.push_back(candidate.name);
                }
                std::string known;
                for (std::string_view candidate : names) known += (known.empty() ? "" : ", ") + std::string(candidate);
                warning(field.line, say::unknown_field(field.key, known));
                continue;
            }
            if (!seen.insert(rule->folded).second) {
                warning(field.line, say::field_twice(rule->name));
            }
            apply(*rule, field.value, field.line);
        }
        for (const FieldRule& rule : rules) {
            if (rule.required && !seen.contains(rule.folded)) {
                const int line = fields.empty() ? 1 : fields.front().line;
                error(line, say::field_missing(rule.name));
                remember_line(member_path(rule), line);
            }
        }
    }

    void set_body(const std::vector<Paragraph>& paragraphs) {
        nlohmann::ordered_json body = nlohmann::ordered_json::array();
        for (const Paragraph& paragraph : paragraphs) {
            const std::string path =
                std::string(core::to_string(kind_)) + ".body[" + std::to_string(body.size()) + "]";
            remember_line(path, paragraph.line);
            // "story.body[0]@57" -> 12: the line a later line of the paragraph starts at
            // (byte 57 of its text), for the checks that point inside it (glyph_check.hpp).
            for (const auto& [offset, line] : paragraph.continued) {
                remember_line(path + "@" + std::to_string(offset), line);
            }
            const std::string lookalike = markup_lookalike(paragraph.text);
            if (!lookalike.empty()) {
                warning(paragraph.line_at(paragraph.text.find(lookalike)), say::markup_shown("Nội dung", lookalike));
            }
            body.push_back(paragraph.text);
        }
        content_["body"] = std::move(body);
    }

    nlohmann::ordered_json& content() { return content_; }

    // A picture path relative to this file's folder, checked to exist.
    std::optional<std::string> picture_path(std::string_view value, int line, std::string_view field_name);

    void reference_picture(std::string json_pointer, std::string field, std::string relative_path, int line) {
        references_.push_back(MediaReference{.json_pointer = std::move(json_pointer),
                                             .where = file_ + ":" + std::to_string(line),
                                             .field = std::move(field),
                                             .relative_path = std::move(relative_path)});
    }

    nlohmann::ordered_json finish() {
        if (!schedule_.empty()) item_["schedule"] = schedule_;
        if (!audience_.empty()) item_["audience"] = audience_;
        item_[std::string(core::to_string(kind_))] = std::move(content_);
        return std::move(item_);
    }
    std::string id() const { return item_.at("id").get<std::string>(); }
    int id_line() const { return id_line_; }
    std::vector<MediaReference>& references() { return references_; }
    const std::string& file() const { return file_; }

private:
    template <std::size_t Count>
    static const FieldRule* find_rule(std::string_view folded, const FieldRule (&rules)[Count]) {
        for (const FieldRule& rule : rules) {
            if (rule.folded == folded) return &rule;
        }
        for (const FieldRule& rule : common_fields) {
            if (rule.folded == folded) return &rule;
        }
        return nullptr;
    }

    std::string member_path(const FieldRule& rule) const { return feed_member_path(kind_, rule); }

    void apply(const FieldRule& rule, const std::string& value, int line);
    // Returns false when the rule's type is not one of an item's own members.
    bool apply_content_value(const FieldRule& rule, const std::string& value, int line);
    void apply_schedule_value(const FieldRule& rule, const std::string& value, int line);

    std::string file_;
    core::ItemKind kind_;
    std::vector<Finding>& findings_;
    const std::set<std::string>& other_files_;
    nlohmann::ordered_json item_ = nlohmann::ordered_json::object();
    nlohmann::ordered_json content_;
    nlohmann::ordered_json schedule_ = nlohmann::ordered_json::object();
    nlohmann::ordered_json audience_ = nlohmann::ordered_json::object();
    std::vector<MediaReference> references_;
    std::map<std::string, int> lines_;
    int id_line_ = 0;
};

}  // namespace bangvang::publish
