#include "render/theme.hpp"

#include <array>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/json_field_reader.hpp"
#include "files/bounded_read.hpp"

namespace bangvang::render {
namespace {

using Json = nlohmann::json;

constexpr std::size_t max_theme_bytes = 1024 * 1024;  // a theme is a few kilobytes

constexpr std::string_view theme_format = "bangvang.theme/1";

template <typename Owner, typename Field>
using Member = std::pair<std::string_view, Field Owner::*>;

constexpr std::array<Member<ThemeColours, SDL_Color>, 19> colour_members{{
    {"background", &ThemeColours::background},
    {"background_shade", &ThemeColours::background_shade},
    {"card", &ThemeColours::card},
    {"header_top", &ThemeColours::header_top},
    {"header_bottom", &ThemeColours::header_bottom},
    {"header_text", &ThemeColours::header_text},
    {"gold", &ThemeColours::gold},
    {"gold_light", &ThemeColours::gold_light},
    {"gold_dark", &ThemeColours::gold_dark},
    {"title", &ThemeColours::title},
    {"text", &ThemeColours::text},
    {"text_muted", &ThemeColours::text_muted},
    {"rule", &ThemeColours::rule},
    {"bar", &ThemeColours::bar},
    {"bar_end", &ThemeColours::bar_end},
    {"rise", &ThemeColours::rise},
    {"fall", &ThemeColours::fall},
    {"placeholder", &ThemeColours::placeholder},
    {"placeholder_figure", &ThemeColours::placeholder_figure},
}};

constexpr std::array<Member<ThemeMetrics, double>, 5> metric_members{{
    {"margin", &ThemeMetrics::margin},
    {"header_height", &ThemeMetrics::header_height},
    {"footer_height", &ThemeMetrics::footer_height},
    {"gap", &ThemeMetrics::gap},
    {"corner_radius", &ThemeMetrics::corner_radius},
}};

constexpr std::array<Member<ThemeTextSizes, double>, 10> text_members{{
    {"header", &ThemeTextSizes::header},
    {"footer", &ThemeTextSizes::footer},
    {"display", &ThemeTextSizes::display},
    {"title", &ThemeTextSizes::title},
    {"name", &ThemeTextSizes::name},
    {"headline", &ThemeTextSizes::headline},
    {"subtitle", &ThemeTextSizes::subtitle},
    {"body", &ThemeTextSizes::body},
    {"body_min", &ThemeTextSizes::body_min},
    {"caption", &ThemeTextSizes::caption},
}};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "#RRGGBB" or "#RRGGBBAA".
std::optional<SDL_Color> parse_colour(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text.front() != '#') return std::nullopt;
    std::array<Uint8, 4> channels{0, 0, 0, 255};
    for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        int high = hex_digit(text[1 + i * 2]);
        int low = hex_digit(text[2 + i * 2]);
        if (high < 0 || low < 0) return std::nullopt;
        channels[i] = static_cast<Uint8>(high * 16 + low);
    }
    return SDL_Color{channels[0], channels[1], channels[2], channels[3]};
}

// A section of the theme ("colours", "metrics", ...): its object, or nullptr when not given.
const Json* section(const core::JsonFieldReader& reader, const Json& root, std::string_view name) {
    const Json* found = reader.find(root, name);
    if (found != nullptr && !found->is_object()) reader.reject(std::string(name), "must be a JSON object");
    return found;
}

void read_colours(const core::JsonFieldReader& reader, const Json& root, ThemeColours& colours) {
    const Json* given = section(reader, root, "colours");
    if (given == nullptr) return;
    for (const auto& [name, member] : colour_members) {
        const Json* found = reader.find(*given, name);
        if (found == nullptr) continue;
        const std::string field = core::member_path("colours", name);
        if (!found->is_string()) reader.reject(field, "must be a string like \"#A50F15\"");
        auto colour = parse_colour(found->get_ref<const std::string&>());
        if (!colour) reader.reject(field, "is not a colour of the form #RRGGBB or #RRGGBBAA");
        colours.*member = *colour;
    }
}

void read_fonts(const core::JsonFieldReader& reader, const Json& root, ThemeFonts& fonts) {
    const Json* given = section(reader, root, "fonts");
    if (given == nullptr) return;
    for (auto [name, member] : {std::pair{"regular", &ThemeFonts::regular}, std::pair{"bold", &ThemeFonts::bold}}) {
        const Json* found = reader.find(*given, name);
        if (found == nullptr) continue;
        if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
            reader.reject(core::member_path("fonts", name), "must be a non-empty path to a TrueType font");
        }
        fonts.*member = found->get<std::string>();
    }
}

// Sizes are fractions of the shorter screen side, each in (0, largest].
template <typename Owner, std::size_t count>
void read_fractions(const core::JsonFieldReader& reader, const Json& root, std::string_view name,
                    const std::array<Member<Owner, double>, count>& members, Owner& owner, double largest) {
    const Json* given = section(reader, root, name);
    if (given == nullptr) return;
    for (const auto& [member_name, member] : members) {
        const Json* found = reader.find(*given, member_name);
        if (found == nullptr) continue;
        const std::string field = core::member_path(name, member_name);
        if (!found->is_number()) reader.reject(field, "must be a number (a fraction of the shorter screen side)");
        const double value = found->get<double>();
        if (!(value > 0 && value <= largest)) {
            reader.reject(field, "must be greater than 0 and at most " + std::to_string(largest).substr(0, 3));
        }
        owner.*member = value;
    }
}

Theme read_theme(const core::JsonFieldReader& reader, const Json& root) {
    if (!root.is_object()) reader.reject("", "is not a JSON object");
    Theme theme = default_theme();
    if (const Json* format = reader.find(root, "format")) {
        if (!format->is_string() || format->get_ref<const std::string&>() != theme_format) {
            reader.reject("format", "must be \"" + std::string(theme_format) + "\"");
        }
    }
    if (const Json* name = reader.find(root, "name")) theme.name = reader.string(*name, "name");
    read_colours(reader, root, theme.colours);
    read_fonts(reader, root, theme.fonts);
    read_fractions(reader, root, "metrics", metric_members, theme.metrics, 0.3);
    read_fractions(reader, root, "text", text_members, theme.text, 0.5);
    if (theme.text.body_min > theme.text.body) reader.reject("text.body_min", "must not be larger than text.body");
    if (theme.metrics.header_height + theme.metrics.footer_height + 2 * theme.metrics.margin > 0.6) {
        reader.reject("metrics", "header, footer and margins leave less than 40% of the screen for content");
    }
    return theme;
}

}  // namespace

Theme default_theme() { return Theme{}; }

core::Result<Theme> parse_theme(std::string_view json, std::string_view origin) {
    core::Result<Json> root = core::read_json(json, origin, core::JsonLimits{.max_bytes = max_theme_bytes});
    if (!root) return root.problem();
    const core::JsonFieldReader reader{std::string(origin)};
    return core::read_fields([&] { return read_theme(reader, *root); });
}

Theme load_theme_file(const std::filesystem::path& path) {
    std::string contents;
    try {
        contents = files::read_whole_file(path, max_theme_bytes);
    } catch (const files::FileError& failure) {
        throw ThemeError("cannot read theme file " + std::string(failure.what()));
    }
    auto parsed = parse_theme(contents, path.string());
    if (!parsed) throw ThemeError("invalid theme: " + parsed.problem().message());
    // Relative font paths are relative to the theme file, so a theme folder can ship its fonts.
    Theme theme = std::move(parsed).value();
    for (auto* font : {&theme.fonts.regular, &theme.fonts.bold}) {
        if (font->is_relative()) *font = path.parent_path() / *font;
    }
    return theme;
}

Theme shaped_theme(Theme theme, int width, int height) {
    if (height <= width) return theme;
    for (double* size : {&theme.text.body, &theme.text.body_min, &theme.text.headline, &theme.text.subtitle,
                         &theme.text.caption}) {
        *size *= portrait_text_scale;
    }
    return theme;
}

}  // namespace bangvang::render
