#pragma once
// The pictures of the sample feed: head-and-shoulders placeholders for people and
// collectives, and emblems (flag, star, lotus, book…) for announcements and
// commemorations. Placeholders on purpose: the sample's people are invented.
#include <string>

#include "photo_canvas.hpp"

namespace bangvang::tools {

enum class Figure { woman, man };

struct Fonts {
    TTF_Font& initials;  // large, bold: a portrait's initials
    TTF_Font& banner;    // medium, bold: an emblem's caption
    TTF_Font& caption;   // small, bold: the "placeholder" mark
};

struct PortraitSpec {
    std::string initials;  // "NTH"
    Figure figure = Figure::woman;
    int palette = 0;       // picks the background colours
};

struct GroupSpec {
    std::string initials;  // a short mark of the collective, e.g. "MN"
    int palette = 0;
};

enum class Emblem {
    victory_flag,      // Điện Biên Phủ: the flag on the hill
    lotus,             // Giải phóng Thủ đô
    army_star,         // Quân đội nhân dân
    laurel_star,       // Quốc phòng toàn dân
    book_and_pen,      // writing contest
    house_and_heart,   // Vì người nghèo
    light_bulb,        // Sáng kiến, sáng tạo
};

struct EmblemSpec {
    Emblem emblem = Emblem::army_star;
    std::string caption;  // drawn along the bottom, e.g. "1954 – 2024"
};

void draw_portrait(Canvas& canvas, const PortraitSpec& spec, const Fonts& fonts);
void draw_group(Canvas& canvas, const GroupSpec& spec, const Fonts& fonts);
void draw_emblem(Canvas& canvas, const EmblemSpec& spec, const Fonts& fonts);

}  // namespace bangvang::tools
