#include "publish/glyph_check.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include <utf8proc.h>

#include "core/model.hpp"
#include "core/utf8.hpp"
#include "publish/field_rules.hpp"
#include "publish/markup_lookalike.hpp"
#include "render/fallback_text.hpp"
#include "render/font_fallback.hpp"
#include "render/theme.hpp"

namespace bangvang::publish {
namespace {

// Members that are never drawn as text: links (a QR code), pictures, hashes.
bool drawn_as_text(const std::string& key) {
    return key != "portal_url" && key != "photo" && key != "image" && key != "media" && key != "media_hash";
}

// Only fonts are opened here (no window): SDL_ttf's own reference count keeps this
// beside an SdlSession.
class TtfLibrary {
public:
    TtfLibrary() {
        if (TTF_Init() != 0) throw render::RenderError(std::string("TTF_Init: ") + TTF_GetError());
    }
    ~TtfLibrary() { TTF_Quit(); }
    TtfLibrary(const TtfLibrary&) = delete;
    TtfLibrary& operator=(const TtfLibrary&) = delete;
};

std::string code_point_name(char32_t c) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(c));
    return text;
}

std::string what_character(char32_t c) {
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    if (category == UTF8PROC_CATEGORY_CO) return "ký tự dùng riêng của một phần mềm, không có trong bảng mã chung";
    if (category == UTF8PROC_CATEGORY_CN) return "ký tự chưa có trong bảng mã Unicode của máy";
    if (c >= 0x1F000 && c <= 0x1FAFF) return "biểu tượng cảm xúc (emoji)";
    return "";
}

std::string script_of(char32_t c) {
    if ((c >= 0x0590 && c <= 0x05FF) || (c >= 0xFB1D && c <= 0xFB4F)) return "Do Thái";
    if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
        return "Ả Rập";
    }
    return "viết từ phải sang trái";
}

// The line of text[offset] of member `path`: a paragraph of several lines left
// "path@offset" entries where its later lines start (item_builder.hpp).
int line_for(const std::map<std::string, int>& lines, const std::string& path, std::size_t offset) {
    int line = 0;
    std::size_t longest = 0;
    for (const auto& [member, member_line] : lines) {
        const bool covers = path == member || (path.starts_with(member) && (path[member.size()] == '.' ||
                                                                             path[member.size()] == '['));
        if (covers && member.size() >= longest) {
            longest = member.size();
            line = member_line;
        }
    }
    std::size_t latest = 0;
    const std::string continued = path + "@";
    for (const auto& [member, member_line] : lines) {
        if (!member.starts_with(continued)) continue;
        const std::size_t start = std::stoul(member.substr(continued.size()));
        if (start <= offset && start >= latest) {
            latest = start;
            line = member_line;
        }
    }
    return line;
}

class GlyphChecker {
public:
    GlyphChecker(const GlyphFonts& fonts, const ItemOrigins& origins, std::vector<Finding>& findings)
        : fonts_(fonts.regular, fonts.bold, fonts.fallbacks), chain_(fonts_), origins_(origins), findings_(findings) {}

    void item(std::size_t index, const nlohmann::ordered_json& item) {
        if (!item.is_object() || !item.contains("kind") || !item["kind"].is_string()) return;
        const std::string kind_name = item["kind"].get<std::string>();
        const auto kind = core::item_kind_from_string(kind_name);
        const auto content = item.find(kind_name);
        if (!kind || content == item.end()) return;
        index_ = index;
        kind_ = *kind;
        item_id_ = item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>() : "";
        walk(*content, kind_name);
    }

private:
    bool json_form() const { return !origins_.item_files || index_ >= origins_.item_files->size(); }

    void walk(const nlohmann::ordered_json& value, const std::string& path) {
        if (value.is_string()) return text(value.get_ref<const std::string&>(), path);
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], path + "[" + std::to_string(i) + "]");
        } else if (value.is_object()) {
            for (const auto& [key, member] : value.items()) {
                if (drawn_as_text(key)) walk(member, path + "." + key);
            }
        }
    }

    void report(const std::string& path, std::size_t offset, StaffMessage said) {
        std::string file = origins_.fallback_file;
        int line = 0;
        if (!json_form()) {
            file = (*origins_.item_files)[index_];
            if (origins_.item_lines && index_ < origins_.item_lines->size()) {
                line = line_for((*origins_.item_lines)[index_], path, offset);
            }
        } else {
            said = say::in_json_item(item_id_, std::move(said));
        }
        findings_.push_back(Finding::error(std::move(file), line, std::move(said)));
    }

    bool drawable(char32_t c) {
        return chain_.font_for(render::FontWeight::regular, probe_size, c) != render::no_font &&
               chain_.font_for(render::FontWeight::bold, probe_size, c) != render::no_font;
    }

    void text(const std::string& value, const std::string& path);

    static constexpr int probe_size = 40;  // coverage does not depend on the size
    static constexpr int most_per_text = 5;
    render::FontCache fonts_;
    render::FallbackText chain_;
    const ItemOrigins& origins_;
    std::vector<Finding>& findings_;
    std::size_t index_ = 0;
    core::ItemKind kind_ = core::ItemKind::story;
    std::string item_id_;
};

void GlyphChecker::text(const std::string& value, const std::string& path) {
    const std::string label = json_form() ? path : feed_field_label(kind_, path);
    if (json_form()) {
        const std::string lookalike = markup_lookalike(value);
        if (!lookalike.empty()) {
            findings_.push_back(Finding::warning(origins_.fallback_file, 0,
                                                 say::in_json_item(item_id_, say::markup_shown(path, lookalike))));
        }
    }
    std::set<char32_t> told;
    bool right_to_left_told = false;
    std::size_t offset = 0;
    while (offset < value.size() && static_cast<int>(told.size()) < most_per_text) {
        const core::Utf8Character decoded = core::decode_utf8_at(value, offset);
        if (!decoded.valid) return;  // not UTF-8: the folder's reader has said so
        const char32_t character = decoded.code_point;
        const std::string_view written(value.data() + offset, decoded.length);
        if (render::is_right_to_left(character)) {
            if (!right_to_left_told) {
                // The run of such letters (and the spaces between them), at most 30 bytes.
                std::size_t end = offset;
                while (end < value.size() && end - offset < 30) {
                    const core::Utf8Character next = core::decode_utf8_at(value, end);
                    if (!next.valid || !(render::is_right_to_left(next.code_point) || next.code_point == ' ')) break;
                    end += next.length;
                }
                while (end > offset && value[end - 1] == ' ') --end;
                report(path, offset, say::right_to_left_text(label, script_of(character), value.substr(offset, end - offset),
                                                             code_point_name(character)));
                right_to_left_told = true;
            }
        } else if (!drawable(character) && told.insert(character).second) {
            report(path, offset, say::glyph_missing(label, written, code_point_name(character), what_character(character)));
        }
        offset += decoded.length;
    }
}

}  // namespace

GlyphFonts kiosk_fonts() {
    const render::Theme theme = render::default_theme();
    return GlyphFonts{.regular = theme.fonts.regular, .bold = theme.fonts.bold,
                      .fallbacks = render::default_fallback_fonts()};
}

void check_glyphs(const nlohmann::ordered_json& document, const ItemOrigins& origins, const GlyphFonts& fonts,
                  std::vector<Finding>& findings) {
    const auto items = document.find("items");
    if (items == document.end() || !items->is_array()) return;
    TtfLibrary library;
    GlyphChecker checker(fonts, origins, findings);
    for (std::size_t index = 0; index < items->size(); ++index) checker.item(index, (*items)[index]);
}

}  // namespace bangvang::publish
