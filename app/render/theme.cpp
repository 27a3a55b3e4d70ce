#include "render/theme.hpp"

#include <array>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
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

class ThemeReader {
public:
    ThemeReader(std::string_view origin, Theme& theme) : origin_(origin), theme_(theme) {}

    std::optional<core::Problem> read(const Json& root) {
        if (!root.is_object()) return problem("", "is not a JSON object");
        if (auto found = root.find("format"); found != root.end()) {
            if (!found->is_string() || found->get<std::string>() != theme_format) {
                return problem("format", "must be \"" + std::string(theme_format) + "\"");
            }
        }
        if (auto found = root.find("name"); found != root.end()) {
            if (!found->is_string()) return problem("name", "must be a string");
            theme_.name = found->get<std::string>();
        }
        if (auto failure = read_colours(root)) return failure;
        if (auto failure = read_fonts(root)) return failure;
        if (auto failure = read_fractions(root, "metrics", metric_members, theme_.metrics, 0.3)) return failure;
        if (auto failure = read_fractions(root, "text", text_members, theme_.text, 0.5)) return failure;
        if (theme_.text.body_min > theme_.text.body) {
            return problem("text.body_min", "must not be larger than text.body");
        }
        if (theme_.metrics.header_height + theme_.metrics.footer_height + 2 * theme_.metrics.margin > 0.6) {
            return problem("metrics", "header, footer and margins leave less than 40% of the screen for content");
        }
        return std::nullopt;
    }

private:
    core::Problem problem(std::string field, std::string reason) const {
        return core::Problem{std::string(origin_), std::move(field), std::move(reason)};
    }

    const Json* section(const Json& root, std::string_view name, std::optional<core::Problem>& failure) const {
        auto found = root.find(std::string(name));
        if (found == root.end()) return nullptr;
        if (!found->is_object()) failure = problem(std::string(name), "must be a JSON object");
        return found->is_object() ? &*found : nullptr;
    }

    std::optional<core::Problem> read_colours(const Json& root) {
        std::optional<core::Problem> failure;
        const Json* colours = section(root, "colours", failure);
        if (!colours) return failure;
        for (const auto& [name, member] : colour_members) {
            auto found = colours->find(std::string(name));
            if (found == colours->end()) continue;
            std::string field = "colours." + std::string(name);
            if (!found->is_string()) return problem(field, "must be a string like \"#A50F15\"");
            auto colour = parse_colour(found->get<std::string>());
            if (!colour) return problem(field, "is not a colour of the form #RRGGBB or #RRGGBBAA");
            theme_.colours.*member = *colour;
        }
        return std::nullopt;
    }

    std::optional<core::Problem> read_fonts(const Json& root) {
        std::optional<core::Problem> failure;
        const Json* fonts = section(root, "fonts", failure);
        if (!fonts) return failure;
        for (auto [name, member] : {std::pair{"regular", &ThemeFonts::regular}, std::pair{"bold", &ThemeFonts::bold}}) {
            auto found = fonts->find(name);
            if (found == fonts->end()) continue;
            std::string field = std::string("fonts.") + name;
            if (!found->is_string() || found->get<std::string>().empty()) {
                return problem(field, "must be a non-empty path to a TrueType font");
            }
            theme_.fonts.*member = found->get<std::string>();
        }
        return std::nullopt;
    }

    template <typename Owner, std::size_t count>
    std::optional<core::Problem> read_fractions(const Json& root, std::string_view name,
                                                const std::array<Member<Owner, double>, count>& members, Owner& owner,
                                                double largest) {
        std::optional<core::Problem> failure;
        const Json* values = section(root, name, failure);
        if (!values) return failure;
        for (const auto& [member_name, member] : members) {
            auto found = values->find(std::string(member_name));
            if (found == values->end()) continue;
            std::string field = std::string(name) + "." + std::string(member_name);
            if (!found->is_number()) return problem(field, "must be a number (a fraction of the shorter screen side)");
            double value = found->get<double>();
            if (!(value > 0 && value <= largest)) {
                return problem(field, "must be greater than 0 and at most " + std::to_string(largest).substr(0, 3));
            }
            owner.*member = value;
        }
        return std::nullopt;
    }

    std::string_view origin_;
    Theme& theme_;
};

}  // namespace

Theme default_theme() { return Theme{}; }

core::Result<Theme> parse_theme(std::string_view json, std::string_view origin) {
    core::Result<Json> root = core::read_json(json, origin, core::JsonLimits{.max_bytes = max_theme_bytes});
    if (!root) return root.problem();
    Theme theme = default_theme();
    ThemeReader reader(origin, theme);
    if (auto failure = reader.read(*root)) return *failure;
    return theme;
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

}  // namespace bangvang::render
