#include "photo_scenes.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace bangvang::tools {

namespace {

constexpr double pi = std::numbers::pi;

struct Palette {
    Color top;
    Color bottom;
    Color figure;
    Color hair;
};

// Soft studio backdrops; the figure is a deeper shade of the same family.
const std::array<Palette, 6> portrait_palettes{{
    {rgb(214, 228, 240), rgb(150, 180, 208), rgb(58, 82, 112), rgb(34, 44, 60)},    // blue
    {rgb(238, 226, 206), rgb(204, 172, 132), rgb(104, 74, 52), rgb(52, 38, 30)},    // sand
    {rgb(212, 232, 222), rgb(142, 188, 166), rgb(46, 96, 80), rgb(28, 50, 44)},     // sage
    {rgb(242, 218, 220), rgb(206, 150, 160), rgb(120, 58, 74), rgb(58, 30, 40)},    // rose
    {rgb(226, 222, 240), rgb(168, 158, 206), rgb(74, 64, 120), rgb(38, 34, 62)},    // lavender
    {rgb(222, 236, 238), rgb(140, 190, 198), rgb(36, 92, 104), rgb(22, 48, 56)},    // teal
}};

const Palette& palette_at(int index) {
    const auto count = static_cast<int>(portrait_palettes.size());
    return portrait_palettes[static_cast<std::size_t>(((index % count) + count) % count)];
}

// One head-and-shoulders figure; `scale` 1 fills an 800x1000 portrait.
void draw_figure(Canvas& canvas, Point head, double scale, Figure figure, const Palette& palette,
                 Color collar) {
    const Box below_frame{0, 0, static_cast<double>(canvas.width()), static_cast<double>(canvas.height())};
    const double head_radius_x = 138 * scale;
    const double head_radius_y = 172 * scale;
    if (figure == Figure::woman) {
        // Long hair falls behind the neck to the shoulders.
        canvas.fill(united(ellipse({head.x, head.y + 30 * scale}, 178 * scale, 232 * scale),
                           rounded_rectangle({head.x - 172 * scale, head.y, head.x + 172 * scale,
                                              head.y + 330 * scale},
                                             70 * scale)),
                    palette.hair);
    }
    canvas.fill(clipped(ellipse({head.x, head.y + 590 * scale}, 352 * scale, 340 * scale), below_frame),
                palette.figure);
    canvas.fill(rounded_rectangle({head.x - 62 * scale, head.y + 100 * scale, head.x + 62 * scale,
                                   head.y + 300 * scale},
                                  28 * scale),
                mix(palette.figure, palette.hair, 0.15));
    canvas.fill(polygon({{head.x - 74 * scale, head.y + 262 * scale},
                         {head.x + 74 * scale, head.y + 262 * scale},
                         {head.x, head.y + 380 * scale}}),
                collar, 0.9);
    canvas.fill(ellipse(head, head_radius_x, head_radius_y), mix(palette.figure, palette.hair, 0.1));
    // Hair on top of the head: a cap whose lower edge is the curved hairline of the face.
    const double forehead = (figure == Figure::woman ? 62 : 44) * scale;
    canvas.fill(subtracted(ellipse({head.x, head.y - 8 * scale}, head_radius_x + 10 * scale, head_radius_y + 14 * scale),
                           ellipse({head.x, head.y + forehead}, head_radius_x - 6 * scale, head_radius_y)),
                palette.hair);
}

void draw_placeholder_caption(Canvas& canvas, const Fonts& fonts, Color colour) {
    canvas.draw_text_centred(fonts.caption, "ẢNH MINH HỌA", {canvas.width() / 2.0, 52}, colour, 0.7);
}

std::vector<Point> wave(double left, double right, double base, double amplitude, double wavelength,
                        double phase, double bottom) {
    std::vector<Point> corners{{left, bottom}};
    for (double x = left; x <= right + 0.5; x += 20) {
        corners.push_back({x, base + amplitude * std::sin(2 * pi * x / wavelength + phase) +
                                  0.5 * amplitude * std::sin(2 * pi * x / (wavelength * 0.37) + 2 * phase)});
    }
    corners.push_back({right, bottom});
    return corners;
}

void draw_rays(Canvas& canvas, Point centre, int count, double length, Color colour, double opacity) {
    for (int i = 0; i < count; ++i) {
        const double start = 2 * pi * i / count;
        const double end = start + pi / count;
        canvas.fill(polygon({centre,
                             {centre.x + length * std::cos(start), centre.y + length * std::sin(start)},
                             {centre.x + length * std::cos(end), centre.y + length * std::sin(end)}}),
                    colour, opacity);
    }
}

Shape heart(Point centre, double size) {
    const double lobe = size * 0.3;
    return united(united(circle({centre.x - lobe, centre.y - lobe * 0.6}, lobe * 1.08),
                         circle({centre.x + lobe, centre.y - lobe * 0.6}, lobe * 1.08)),
                  polygon({{centre.x - lobe * 2.02, centre.y - lobe * 0.3},
                           {centre.x + lobe * 2.02, centre.y - lobe * 0.3},
                           {centre.x, centre.y + size * 0.62}}));
}

const Color flag_red = rgb(218, 37, 29);
const Color star_yellow = rgb(255, 205, 0);
const Color ivory = rgb(255, 248, 228);

void draw_victory_flag(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(246, 178, 107), rgb(255, 229, 170));
    canvas.add_glow({1120, 560}, 520, rgb(255, 244, 214), 0.8);
    canvas.fill(polygon(wave(0, 1600, 560, 60, 900, 0.4, 900)), rgb(122, 140, 96));
    canvas.fill(polygon(wave(0, 1600, 660, 45, 700, 2.1, 900)), rgb(76, 104, 64));
    // The front hill rises to a peak where the flag stands.
    canvas.fill(polygon({{0, 900}, {0, 800}, {300, 740}, {560, 610}, {700, 560}, {860, 620}, {1200, 760},
                         {1600, 790}, {1600, 900}}),
                rgb(44, 66, 40));
    canvas.fill(rounded_rectangle({692, 230, 706, 575}, 5), rgb(60, 46, 36));
    std::vector<Point> cloth;
    for (double x = 706; x <= 1046; x += 10) cloth.push_back({x, 240 + 14 * std::sin((x - 706) / 60)});
    for (double x = 1046; x >= 706; x -= 10) cloth.push_back({x, 460 + 14 * std::sin((x - 706) / 60)});
    canvas.fill(polygon(cloth), flag_red);
    canvas.fill(star({876, 352}, 78, 31, 5, 0.05), star_yellow);
}

void draw_lotus(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(120, 18, 30), rgb(196, 40, 44));
    canvas.add_glow({800, 330}, 620, rgb(255, 214, 120), 0.45);
    canvas.fill(star({800, 180}, 82, 33, 5, 0), star_yellow);
    canvas.fill(ellipse({560, 700}, 250, 60, -0.08), rgb(46, 110, 74));
    canvas.fill(ellipse({1060, 705}, 230, 56, 0.1), rgb(38, 96, 64));
    const Point base{800, 690};
    const Color petal_outer = rgb(240, 150, 170);
    const Color petal_inner = rgb(252, 204, 214);
    for (int i = -3; i <= 3; ++i) {
        const double angle = i * 0.36;
        const double reach = (std::abs(i) == 3) ? 170 : 215;
        canvas.fill(ellipse({base.x + reach * std::sin(angle), base.y - reach * std::cos(angle)}, 74, 190,
                            angle),
                    std::abs(i) % 2 == 0 ? petal_inner : petal_outer);
    }
    canvas.fill(ellipse({800, 520}, 64, 170), petal_inner);
    canvas.fill(ellipse({800, 700}, 150, 40), rgb(236, 128, 150));
}

void draw_army_star(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(58, 84, 46), rgb(96, 124, 66));
    draw_rays(canvas, {800, 420}, 24, 1100, star_yellow, 0.12);
    canvas.fill(circle({800, 420}, 250), star_yellow);
    canvas.fill(circle({800, 420}, 222), flag_red);
    canvas.fill(star({800, 428}, 190, 76, 5, 0), star_yellow);
}

void draw_laurel_star(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(170, 28, 30), rgb(120, 16, 24));
    canvas.add_glow({800, 420}, 560, rgb(255, 200, 90), 0.35);
    // Two laurel branches rise from below the star, one up each side.
    const Point centre{800, 430};
    constexpr double radius = 285;
    constexpr int leaves = 10;
    for (int side = -1; side <= 1; side += 2) {
        for (int leaf = 0; leaf < leaves; ++leaf) {
            const double sweep = pi * (0.08 + 0.075 * leaf);  // from the bottom towards the top
            const double angle = pi / 2 - side * sweep;        // screen angle, y down
            const double offset = (leaf % 2 == 0) ? 22 : -22;
            const Point at{centre.x + (radius + offset) * std::cos(angle), centre.y + (radius + offset) * std::sin(angle)};
            const double tangent = angle + side * (pi / 2) + ((leaf % 2 == 0) ? 0.45 : -0.45) * -side;
            canvas.fill(ellipse(at, 48, 19, tangent), star_yellow, 0.95);
        }
    }
    canvas.fill(star({800, 430}, 210, 84, 5, 0), star_yellow);
}

void draw_book_and_pen(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(28, 70, 120), rgb(52, 112, 170));
    canvas.add_glow({800, 400}, 700, rgb(170, 210, 250), 0.35);
    canvas.fill(polygon({{800, 300}, {440, 250}, {430, 640}, {800, 690}}), ivory);
    canvas.fill(polygon({{800, 300}, {1160, 250}, {1170, 640}, {800, 690}}), rgb(244, 236, 212));
    for (int line = 0; line < 6; ++line) {
        const double y = 330 + line * 52;
        canvas.fill(polygon({{490, y - 6}, {760, y + 28}, {760, y + 34}, {490, y}}), rgb(150, 160, 180));
        canvas.fill(polygon({{840, y + 28}, {1110, y - 6}, {1110, y}, {840, y + 34}}), rgb(150, 160, 180));
    }
    canvas.fill(rounded_rectangle({794, 296, 806, 692}, 4), rgb(120, 90, 60));
    // The pen lies across the right page, nib down.
    const double angle = -0.9;
    const Point nib{1000, 600};
    const Point direction{std::cos(angle), std::sin(angle)};
    const Point across{-direction.y, direction.x};
    auto along = [&](double distance, double offset) {
        return Point{nib.x + direction.x * distance + across.x * offset, nib.y + direction.y * distance + across.y * offset};
    };
    canvas.fill(polygon({along(0, 0), along(70, -22), along(70, 22)}), rgb(230, 190, 90));
    canvas.fill(polygon({along(70, -22), along(420, -22), along(420, 22), along(70, 22)}), rgb(196, 38, 44));
    canvas.fill(polygon({along(380, -24), along(400, -24), along(400, 24), along(380, 24)}), star_yellow);
}

void draw_house_and_heart(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(255, 214, 170), rgb(244, 160, 110));
    canvas.add_glow({800, 360}, 600, rgb(255, 246, 220), 0.6);
    canvas.fill(polygon({{520, 430}, {800, 200}, {1080, 430}}), rgb(176, 52, 40));
    canvas.fill(rounded_rectangle({570, 420, 1030, 720}, 10), ivory);
    canvas.fill(rounded_rectangle({740, 560, 860, 720}, 12), rgb(150, 96, 60));
    canvas.fill(rounded_rectangle({620, 480, 710, 560}, 8), rgb(120, 170, 210));
    canvas.fill(rounded_rectangle({890, 480, 980, 560}, 8), rgb(120, 170, 210));
    canvas.fill(heart({800, 345}, 120), flag_red);
    canvas.fill(ellipse({800, 740}, 420, 26), rgb(200, 120, 80), 0.6);
}

void draw_light_bulb(Canvas& canvas) {
    canvas.fill_vertical_gradient(rgb(14, 60, 78), rgb(24, 110, 120));
    draw_rays(canvas, {800, 360}, 20, 1000, rgb(255, 236, 150), 0.10);
    canvas.add_glow({800, 360}, 420, rgb(255, 236, 150), 0.55);
    canvas.fill(circle({800, 350}, 180), rgb(255, 222, 110));
    canvas.fill(polygon({{690, 470}, {910, 470}, {870, 560}, {730, 560}}), rgb(255, 222, 110));
    for (int band = 0; band < 3; ++band) {
        const double top = 568 + band * 34;
        canvas.fill(rounded_rectangle({724, top, 876, top + 26}, 12), rgb(170, 180, 190));
    }
    canvas.fill(rounded_rectangle({770, 670, 830, 700}, 14), rgb(120, 130, 140));
    canvas.fill(polygon({{760, 420}, {780, 300}, {800, 380}, {820, 300}, {840, 420}, {830, 420}, {820, 330},
                         {800, 410}, {780, 330}, {770, 420}}),
                rgb(230, 140, 40));
}

}  // namespace

void draw_portrait(Canvas& canvas, const PortraitSpec& spec, const Fonts& fonts) {
    const Palette& palette = palette_at(spec.palette);
    canvas.fill_vertical_gradient(palette.top, palette.bottom);
    canvas.add_glow({canvas.width() / 2.0, canvas.height() * 0.38}, canvas.width() * 0.7, rgb(255, 255, 255), 0.5);
    draw_figure(canvas, {canvas.width() / 2.0, 400}, 1.0, spec.figure, palette, palette.top);
    canvas.draw_text_centred(fonts.initials, spec.initials, {canvas.width() / 2.0, 880}, palette.top, 0.9);
    draw_placeholder_caption(canvas, fonts, palette.figure);
}

void draw_group(Canvas& canvas, const GroupSpec& spec, const Fonts& fonts) {
    const Palette& palette = palette_at(spec.palette);
    canvas.fill_vertical_gradient(palette.top, palette.bottom);
    canvas.add_glow({canvas.width() / 2.0, canvas.height() * 0.4}, canvas.width() * 0.8, rgb(255, 255, 255), 0.5);
    const double middle = canvas.width() / 2.0;
    draw_figure(canvas, {middle - 215, 390}, 0.62, Figure::woman, palette, palette.top);
    draw_figure(canvas, {middle + 215, 390}, 0.62, Figure::man, palette, palette.top);
    Palette front = palette;
    front.figure = mix(palette.figure, palette.hair, 0.35);
    draw_figure(canvas, {middle, 470}, 0.74, Figure::woman, front, palette.top);
    canvas.draw_text_centred(fonts.initials, spec.initials, {middle, 895}, palette.top, 0.9);
    draw_placeholder_caption(canvas, fonts, palette.figure);
}

void draw_emblem(Canvas& canvas, const EmblemSpec& spec, const Fonts& fonts) {
    switch (spec.emblem) {
        case Emblem::victory_flag: draw_victory_flag(canvas); break;
        case Emblem::lotus: draw_lotus(canvas); break;
        case Emblem::army_star: draw_army_star(canvas); break;
        case Emblem::laurel_star: draw_laurel_star(canvas); break;
        case Emblem::book_and_pen: draw_book_and_pen(canvas); break;
        case Emblem::house_and_heart: draw_house_and_heart(canvas); break;
        case Emblem::light_bulb: draw_light_bulb(canvas); break;
    }
    if (!spec.caption.empty()) {
        canvas.fill(rounded_rectangle({0, canvas.height() - 130.0, static_cast<double>(canvas.width()),
                                       static_cast<double>(canvas.height())},
                                      0),
                    rgb(0, 0, 0), 0.28);
        canvas.draw_text_centred(fonts.banner, spec.caption, {canvas.width() / 2.0, canvas.height() - 65.0},
                                 ivory);
    }
}

}  // namespace bangvang::tools
