#include "render/colour_contrast.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {

namespace {

double linear_channel(Uint8 value) {
    const double channel = value / 255.0;
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

}  // namespace

double relative_luminance(SDL_Color colour) {
    return 0.2126 * linear_channel(colour.r) + 0.7152 * linear_channel(colour.g) + 0.0722 * linear_channel(colour.b);
}

double contrast_ratio(SDL_Color first, SDL_Color second) {
    const double a = relative_luminance(first);
    const double b = relative_luminance(second);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

std::vector<TextColourPairing> text_colour_pairings(const ThemeColours& colours) {
    struct Named {
        const char* name;
        SDL_Color colour;
    };
    const std::vector<Named> paper{{"background", colours.background},
                                   {"background_shade", colours.background_shade},
                                   {"card", colours.card}};
    const std::vector<Named> red_band{{"header_top", colours.header_top}, {"header_bottom", colours.header_bottom}};
    const std::vector<Named> gold_fill{{"gold", colours.gold}, {"gold_light", colours.gold_light}};
    // Texts on paper: headings, body, muted lines, gold lettering, rank changes.
    const std::vector<Named> on_paper{{"title", colours.title}, {"text", colours.text},
                                      {"text_muted", colours.text_muted}, {"gold_dark", colours.gold_dark},
                                      {"rise", colours.rise}, {"fall", colours.fall}};
    // Texts on the red header, labels and the commemoration panel: place, date, clock, countdown.
    // (plain gold is for stars and rules there, never for letters: it is too light on red.)
    const std::vector<Named> on_red{{"header_text", colours.header_text}, {"gold_light", colours.gold_light}};
    // Texts on gold: the award label and the podium rank numbers.
    const std::vector<Named> on_gold{{"header_bottom", colours.header_bottom}};

    std::vector<TextColourPairing> pairings;
    auto add = [&](const std::vector<Named>& texts, const std::vector<Named>& backgrounds) {
        for (const Named& text : texts) {
            for (const Named& background : backgrounds) {
                pairings.push_back({std::string(text.name) + " on " + background.name, text.colour, background.colour});
            }
        }
    };
    add(on_paper, paper);
    add(on_red, red_band);
    add(on_gold, gold_fill);
    return pairings;
}

}  // namespace bangvang::render
