#pragma once
// A small software canvas for drawing placeholder photos from primitives.
// Shapes are "inside" tests sampled 4x4 per pixel, which gives smooth edges
// without any randomness, so the same program always writes the same bytes.
#include <SDL.h>
#include <SDL_ttf.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace bangvang::tools {

struct PhotoError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct SurfaceDeleter {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

struct FontDeleter {
    void operator()(TTF_Font* font) const { TTF_CloseFont(font); }
};
using FontPtr = std::unique_ptr<TTF_Font, FontDeleter>;

FontPtr open_font(const std::filesystem::path& file, int point_size);

struct Color {
    double red = 0;  // sRGB components, 0..1
    double green = 0;
    double blue = 0;
};

Color rgb(int red, int green, int blue);
Color mix(Color from, Color to, double amount);

struct Point {
    double x = 0;
    double y = 0;
};

struct Box {
    double left = 0;
    double top = 0;
    double right = 0;
    double bottom = 0;
};

// A shape: a region of the plane given by a membership test and a box that holds it.
struct Shape {
    std::function<bool(Point)> contains;
    Box bounds;
};

Shape circle(Point centre, double radius);
Shape ellipse(Point centre, double radius_x, double radius_y, double rotation_radians = 0);
Shape polygon(std::vector<Point> corners);
Shape rounded_rectangle(Box box, double corner_radius);
Shape star(Point centre, double outer_radius, double inner_radius, int points, double rotation_radians);
// Both shapes together.
Shape united(Shape first, Shape second);
// The part of `shape` that lies inside `clip`.
Shape clipped(Shape shape, Box clip);
// The part of `shape` outside `hole`.
Shape subtracted(Shape shape, Shape hole);

class Canvas {
public:
    Canvas(int width, int height);

    int width() const { return width_; }
    int height() const { return height_; }

    void fill_vertical_gradient(Color top, Color bottom);
    // A soft light that fades from `colour` at the centre to nothing at `radius`.
    void add_glow(Point centre, double radius, Color colour, double strength);
    void fill(const Shape& shape, Color colour, double opacity = 1.0);
    // Draws UTF-8 text centred on `centre`, blending the glyph coverage.
    void draw_text_centred(TTF_Font& font, const std::string& text, Point centre, Color colour,
                           double opacity = 1.0);

    SurfacePtr to_surface() const;
    void save_jpeg(const std::filesystem::path& file, int quality) const;

private:
    void blend_pixel(int x, int y, Color colour, double amount);

    int width_;
    int height_;
    std::vector<Color> pixels_;
};

}  // namespace bangvang::tools
