// Cover-cropping: frames are filled without distortion, faces kept in view.
#include <catch2/catch.hpp>

#include "render/image_frame.hpp"

using namespace bangvang::render;

TEST_CASE("a wide image is cropped at the sides, centred", "[render][image]") {
    SDL_Rect source = cover_source(1600, 900, 400, 500, face_focus);
    CHECK(source.h == 900);
    CHECK(source.w == 720);  // 900 * 4/5
    CHECK(source.x == 440);
    CHECK(source.y == 0);
}

TEST_CASE("a tall image keeps the focus row near the middle of the frame", "[render][image]") {
    // A 600x750 portrait in a 16:9 frame: 337 rows of 750 survive.
    SDL_Rect source = cover_source(600, 750, 1600, 900, face_focus);
    CHECK(source.w == 600);
    CHECK(source.h == 338);
    const double centre = source.y + source.h / 2.0;
    CHECK(centre == Approx(750 * face_focus).margin(1));
    // Near the top edge the crop stops at the image's first row.
    CHECK(cover_source(600, 750, 1600, 900, 0.0).y == 0);
    CHECK(cover_source(600, 750, 1600, 900, 1.0).y == 750 - 338);
}

TEST_CASE("an image of the frame's shape is used whole", "[render][image]") {
    SDL_Rect source = cover_source(800, 1000, 400, 500, face_focus);
    CHECK(source.x == 0);
    CHECK(source.y == 0);
    CHECK(source.w == 800);
    CHECK(source.h == 1000);
    CHECK(cover_source(0, 100, 10, 10, 0.5).w == 0);
}
