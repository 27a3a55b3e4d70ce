// Draws the placeholder photos of the sample content (content/sample/, each beside its text file).
// Deterministic: the same build writes the same bytes every run, so the committed
// files only change when this program does. Usage: see --help.
#include <CLI/CLI.hpp>
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "photo_canvas.hpp"
#include "photo_scenes.hpp"

namespace {

using namespace bangvang::tools;

constexpr int portrait_width = 800;
constexpr int portrait_height = 1000;
constexpr int picture_width = 1600;
constexpr int picture_height = 900;
constexpr int jpeg_quality = 85;

struct Photo {
    std::string file_name;
    std::variant<PortraitSpec, GroupSpec, EmblemSpec> scene;
};

// Paths match the "Ảnh:" lines of content/sample's text files (pictures live beside them).
std::vector<Photo> sample_photos() {
    return {
        {"guong-dien-hinh/story-nguyen-thi-hoa.jpg", PortraitSpec{"NTH", Figure::woman, 1}},
        {"guong-dien-hinh/story-tran-van-minh.jpg", PortraitSpec{"TVM", Figure::man, 0}},
        {"guong-dien-hinh/story-le-thu-trang.jpg", PortraitSpec{"LTT", Figure::woman, 4}},
        {"guong-dien-hinh/story-pham-quoc-hung.jpg", PortraitSpec{"PQH", Figure::man, 5}},
        {"guong-dien-hinh/story-hoang-thi-lan.jpg", PortraitSpec{"HTL", Figure::woman, 3}},
        {"guong-dien-hinh/story-to-nuoi-duong-mn-khuong-mai.jpg", GroupSpec{"MN", 2}},
        {"guong-dien-hinh/story-nguyen-duc-anh.jpg", PortraitSpec{"NĐA", Figure::man, 4}},
        {"guong-dien-hinh/story-vu-thi-mai.jpg", PortraitSpec{"VTM", Figure::woman, 5}},
        {"guong-dien-hinh/story-do-van-thang.jpg", PortraitSpec{"ĐVT", Figure::man, 2}},
        {"guong-dien-hinh/story-doi-thanh-nien-nhan-chinh.jpg", GroupSpec{"TN", 0}},
        {"thong-bao/cuoc-thi-viet-2024.jpg", EmblemSpec{Emblem::book_and_pen, "Cuộc thi viết về gương điển hình 2024"}},
        {"thong-bao/vi-nguoi-ngheo.jpg", EmblemSpec{Emblem::house_and_heart, "Vì người nghèo"}},
        {"thong-bao/sang-kien-sang-tao.jpg", EmblemSpec{Emblem::light_bulb, "Sáng kiến, sáng tạo Thủ đô"}},
        {"ky-niem/dien-bien-phu-70-nam.jpg", EmblemSpec{Emblem::victory_flag, "07/5/1954 – 07/5/2024"}},
        {"ky-niem/giai-phong-thu-do-70-nam.jpg", EmblemSpec{Emblem::lotus, "10/10/1954 – 10/10/2024"}},
        {"ky-niem/quan-doi-nhan-dan-80-nam.jpg", EmblemSpec{Emblem::army_star, "22/12/1944 – 22/12/2024"}},
        {"ky-niem/quoc-phong-toan-dan-35-nam.jpg", EmblemSpec{Emblem::laurel_star, "22/12/1989 – 22/12/2024"}},
    };
}

struct SdlTtfSession {
    SdlTtfSession() {
        if (TTF_Init() != 0) throw PhotoError(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    }
    ~SdlTtfSession() { TTF_Quit(); }
    SdlTtfSession(const SdlTtfSession&) = delete;
    SdlTtfSession& operator=(const SdlTtfSession&) = delete;
};

Canvas draw(const Photo& photo, const Fonts& fonts) {
    return std::visit(
        [&](const auto& scene) {
            using Scene = std::decay_t<decltype(scene)>;
            if constexpr (std::is_same_v<Scene, EmblemSpec>) {
                Canvas canvas(picture_width, picture_height);
                draw_emblem(canvas, scene, fonts);
                return canvas;
            } else {
                Canvas canvas(portrait_width, portrait_height);
                if constexpr (std::is_same_v<Scene, PortraitSpec>) {
                    draw_portrait(canvas, scene, fonts);
                } else {
                    draw_group(canvas, scene, fonts);
                }
                return canvas;
            }
        },
        photo.scene);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Draws the placeholder photos of the bangvang sample feed."};
    std::filesystem::path output_directory = "content/sample";
    std::filesystem::path font_file = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    app.add_option("output", output_directory, "the sample folder; pictures go into its kind folders")->capture_default_str();
    app.add_option("--font", font_file, "a bold TrueType font with Vietnamese glyphs")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    try {
        SdlTtfSession ttf;
        const FontPtr initials_font = open_font(font_file, 120);
        const FontPtr banner_font = open_font(font_file, 64);
        const FontPtr caption_font = open_font(font_file, 26);
        const Fonts fonts{*initials_font, *banner_font, *caption_font};
        for (const Photo& photo : sample_photos()) {
            const std::filesystem::path file = output_directory / photo.file_name;
            std::filesystem::create_directories(file.parent_path());
            draw(photo, fonts).save_jpeg(file, jpeg_quality);
            std::printf("%s\n", file.c_str());
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bangvang-sample-photos: %s\n", error.what());
        return 1;
    }
    return 0;
}
