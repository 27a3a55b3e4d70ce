// A camera photo stored on its side (EXIF orientation 2..8) is decoded upright by the
// kiosk's JPEG decoder: the corners of a known picture land where a viewer expects.
#include <catch2/catch.hpp>

#include <SDL_image.h>

#include <fstream>
#include <sstream>

#include "core/exif_orientation.hpp"
#include "media/scaled_jpeg.hpp"
#include "render/sdl_handles.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;

namespace {

struct Colour {
    int red = 0;
    int green = 0;
    int blue = 0;
};

constexpr Colour red{230, 20, 20};
constexpr Colour green{20, 200, 20};
constexpr Colour blue{20, 20, 230};
constexpr Colour white{250, 250, 250};

std::filesystem::path scratch_file(const std::string& name) {
    const auto folder = std::filesystem::path(bangvang::testing::paths::build) / "render-test" / "jpeg-orientation";
    std::filesystem::create_directories(folder);
    return folder / name;
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream input(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << input.rdbuf();
    return bytes.str();
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream output(file, std::ios::binary | std::ios::trunc);
    output << bytes;
}

// A stored picture of 64x32: white, with a 16x16 red block at the stored top left,
// green at the top right and blue at the bottom left.
std::string stored_jpeg() {
    render::SurfacePtr surface = render::create_rgba_surface(64, 32);
    const auto fill = [&](int x, int y, Colour colour) {
        SDL_Rect block{x, y, 16, 16};
        SDL_FillRect(surface.get(), &block,
                     SDL_MapRGB(surface->format, Uint8(colour.red), Uint8(colour.green), Uint8(colour.blue)));
    };
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGB(surface->format, 250, 250, 250));
    fill(0, 0, red);
    fill(48, 0, green);
    fill(0, 16, blue);
    const auto file = scratch_file("stored.jpg");
    REQUIRE(IMG_SaveJPG(surface.get(), file.c_str(), 95) == 0);
    return read_bytes(file);
}

// An APP1 EXIF segment (little-endian TIFF, IFD0 holding only the orientation) right after SOI.
std::string with_orientation(const std::string& jpeg, int orientation) {
    std::string tiff("II*\0\x08\0\0\0", 8);
    tiff += std::string("\x01\0", 2);                                  // one entry
    tiff += std::string("\x12\x01\x03\0\x01\0\0\0", 8);                // tag 0x0112, SHORT, count 1
    tiff += std::string{static_cast<char>(orientation), '\0', '\0', '\0'};
    tiff += std::string(4, '\0');                                      // no next IFD
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const std::size_t length = payload.size() + 2;
    const std::string segment = std::string("\xFF\xE1") + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) + payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

Colour pixel(const SDL_Surface& surface, int x, int y) {
    Uint32 value = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface.pixels) + y * surface.pitch)[x];
    Uint8 r = 0, g = 0, b = 0;
    SDL_GetRGB(value, surface.format, &r, &g, &b);
    return {r, g, b};
}

bool near(Colour found, Colour wanted) {
    return std::abs(found.red - wanted.red) < 40 && std::abs(found.green - wanted.green) < 40 &&
           std::abs(found.blue - wanted.blue) < 40;
}

// The colour at the centre of the 16x16 block in a corner of the upright picture.
Colour corner(const SDL_Surface& surface, bool right, bool bottom) {
    return pixel(surface, right ? surface.w - 8 : 8, bottom ? surface.h - 8 : 8);
}

}  // namespace

TEST_CASE("the JPEG decoder turns every EXIF orientation upright", "[display][jpeg]") {
    const std::string stored = stored_jpeg();
    // Where the stored top-left (red), top-right (green) and bottom-left (blue) corners
    // are seen, by the EXIF definitions (1 as stored … 6 "turn 90° clockwise to view").
    struct Expected {
        int orientation;
        bool swaps;
        std::pair<bool, bool> red_at, green_at, blue_at;  // (right, bottom)
    };
    const Expected cases[] = {
        {1, false, {false, false}, {true, false}, {false, true}},
        {2, false, {true, false}, {false, false}, {true, true}},
        {3, false, {true, true}, {false, true}, {true, false}},
        {4, false, {false, true}, {true, true}, {false, false}},
        {5, true, {false, false}, {false, true}, {true, false}},
        {6, true, {true, false}, {true, true}, {false, false}},
        {7, true, {true, true}, {true, false}, {false, true}},
        {8, true, {false, true}, {false, false}, {true, true}},
    };
    for (const Expected& expected : cases) {
        INFO("orientation " << expected.orientation);
        const std::string bytes = with_orientation(stored, expected.orientation);
        REQUIRE(core::jpeg_orientation(bytes) == expected.orientation);
        const auto file = scratch_file("orientation-" + std::to_string(expected.orientation) + ".jpg");
        write_bytes(file, bytes);
        auto decoded = media::load_scaled_jpeg(file, 1000);  // at full size
        REQUIRE(decoded);
        const SDL_Surface& upright = **decoded;
        CHECK(upright.w == (expected.swaps ? 32 : 64));
        CHECK(upright.h == (expected.swaps ? 64 : 32));
        CHECK(near(corner(upright, expected.red_at.first, expected.red_at.second), red));
        CHECK(near(corner(upright, expected.green_at.first, expected.green_at.second), green));
        CHECK(near(corner(upright, expected.blue_at.first, expected.blue_at.second), blue));
        // The stored bottom-right corner is white: the one corner none of the three took.
        int white_corners = 0;
        for (bool right : {false, true}) {
            for (bool bottom : {false, true}) white_corners += near(corner(upright, right, bottom), white) ? 1 : 0;
        }
        CHECK(white_corners == 1);
    }
}

TEST_CASE("Pillow's hopper_orientation_6.jpg is decoded turned as its EXIF says", "[display][jpeg][corpus]") {
    const auto file = std::filesystem::path(bangvang::testing::paths::corpora) / "jpeg-odd/pillow/hopper_orientation_6.jpg";
    const std::string bytes = read_bytes(file);
    const int orientation = core::jpeg_orientation(bytes);
    CHECK(orientation != 1);
    render::SurfacePtr stored(IMG_Load(file.c_str()));  // SDL_image ignores EXIF: the stored pixels
    REQUIRE(stored);
    render::SurfacePtr stored_argb(SDL_ConvertSurfaceFormat(stored.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    auto decoded = media::load_scaled_jpeg(file, 1000);
    REQUIRE(decoded);
    const SDL_Surface& upright = **decoded;
    const bool swaps = core::orientation_swaps_sides(orientation);
    REQUIRE(upright.w == (swaps ? stored_argb->h : stored_argb->w));
    REQUIRE(upright.h == (swaps ? stored_argb->w : stored_argb->h));
    int mismatches = 0;
    for (int y = 0; y < upright.h; y += 3) {
        for (int x = 0; x < upright.w; x += 3) {
            const core::PixelPosition from = core::stored_position(orientation, x, y, stored_argb->w, stored_argb->h);
            if (!near(pixel(upright, x, y), pixel(*stored_argb, from.x, from.y))) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    // And not merely as stored: the picture is not symmetric under its own turn.
    int unchanged = 0;
    for (int y = 0; y < upright.h; y += 3) {
        for (int x = 0; x < upright.w; x += 3) {
            if (near(pixel(upright, x, y), pixel(*stored_argb, x, y))) ++unchanged;
        }
    }
    CHECK(unchanged < (upright.w / 3) * (upright.h / 3) / 2);
}

TEST_CASE("CMYK JPEGs (Adobe, inverted) decode to their colours, not to a negative", "[display][jpeg][corpus]") {
    const auto file = std::filesystem::path(bangvang::testing::paths::corpora) / "jpeg-odd/odd-edge/mozilla_jpg-cmyk-2.jpg";
    auto decoded = media::load_scaled_jpeg(file, 1000);
    REQUIRE(decoded);
    const SDL_Surface& picture = **decoded;
    // Coloured words on white paper: the corners are paper.
    for (bool right : {false, true}) {
        for (bool bottom : {false, true}) CHECK(near(corner(picture, right, bottom), white));
    }
}
