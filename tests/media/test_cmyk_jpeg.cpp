// Issue #12, point 3: CMYK and YCCK photos (print shops, Photoshop) decode to their
// colours in the kiosk's decoder: Adobe-inverted CMYK, plain CMYK, Adobe YCCK, from a
// file (the kiosk) and from memory (the publisher), at full size and scaled.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "media/jpeg_decoder.hpp"
#include "media/scaled_jpeg.hpp"
#include "support/cmyk_jpeg.hpp"
#include "support/cmyk_pixels.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using testing::CmykJpeg;
using testing::Rgb;

using testing::check_halves;

TEST_CASE("CMYK and YCCK JPEGs, Adobe-inverted or not, decode to red and yellow", "[display][jpeg]") {
    const auto folder = std::filesystem::path(bangvang::testing::paths::build) / "render-test" / "cmyk";
    const std::pair<CmykJpeg, const char*> kinds[] = {
        {CmykJpeg::adobe_cmyk, "adobe-cmyk"}, {CmykJpeg::plain_cmyk, "plain-cmyk"}, {CmykJpeg::adobe_ycck, "adobe-ycck"}};
    for (const auto& [kind, name] : kinds) {
        INFO(name);
        const auto file = folder / (std::string(name) + ".jpg");
        testing::write_cmyk_jpeg(file, kind, 96, 64);

        auto scaled = media::load_scaled_jpeg(file, 64);  // the kiosk: from the file
        REQUIRE(scaled);
        CHECK((*scaled)->w == 96);
        check_halves(**scaled);
        auto eighth = media::load_scaled_jpeg(file, 8);  // DCT-scaled to 1/8
        REQUIRE(eighth);
        CHECK((*eighth)->w == 12);
        check_halves(**eighth);

        std::ifstream stream(file, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
        const auto decoded = media::decode_jpeg(media::JpegInput{.file = nullptr, .bytes = bytes}, name, 0);  // publish
        CHECK(decoded.orientation == 1);
        check_halves(*decoded.surface);
    }
}

TEST_CASE("a JPEG cut short is a MediaError naming it, from memory too", "[display][jpeg]") {
    const std::string bytes = "\xFF\xD8\xFF\xE0 not a real JPEG";
    CHECK_THROWS_AS(media::decode_jpeg(media::JpegInput{.file = nullptr, .bytes = bytes}, "anh.jpg", 0),
                    media::MediaError);
    CHECK_THROWS_WITH(media::decode_jpeg(media::JpegInput{.file = nullptr, .bytes = bytes}, "anh.jpg", 0),
                      Catch::Contains("anh.jpg"));
}
