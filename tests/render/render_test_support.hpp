#pragma once
// A headless screen for render tests (dummy video driver, software renderer, a
// slide-sized target texture), sample items with long Vietnamese text, and a
// generated portrait photo.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "core/model.hpp"
#include "render/png_writer.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "support/build_paths.hpp"

namespace bangvang::render::testing {

inline std::filesystem::path render_output_dir() {
    std::filesystem::path dir = std::filesystem::path(bangvang::testing::paths::build) / "render-test";
    std::filesystem::create_directories(dir);
    return dir;
}

// The environment variable is what SDL reads first; the session's hint says the same.
inline SdlSessionOptions headless_session_options() {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    return SdlSessionOptions{.video_driver = "dummy", .software_framebuffer = true};
}

class HeadlessScreen {
public:
    HeadlessScreen(int width, int height)
        : session_(headless_session_options()),
          window_(create_window(WindowOptions{.width = width, .height = height, .hidden = true})),
          renderer_(create_renderer(window_.get(), RendererOptions{.software = true, .vsync = false})),
          target_(create_target_texture(renderer_.get(), width, height)),
          width_(width),
          height_(height) {
        if (SDL_SetRenderTarget(renderer_.get(), target_.get()) != 0) throw_sdl_error("SDL_SetRenderTarget");
    }

    SDL_Renderer* renderer() const { return renderer_.get(); }
    SDL_Texture* target() const { return target_.get(); }
    int width() const { return width_; }
    int height() const { return height_; }

    // ARGB of one pixel of the current target.
    Uint32 pixel(int x, int y) const {
        Uint32 value = 0;
        SDL_Rect one{x, y, 1, 1};
        SDL_RenderReadPixels(renderer_.get(), &one, SDL_PIXELFORMAT_ARGB8888, &value, 4);
        return value;
    }

private:
    SdlSession session_;
    WindowPtr window_;
    RendererPtr renderer_;
    TexturePtr target_;
    int width_;
    int height_;
};

// A 600x750 "portrait": a sky gradient, a face-coloured head and dark shoulders,
// written as PNG so the renderer loads it through IMG_Load like a real photo.
inline std::filesystem::path write_sample_portrait(const std::filesystem::path& path, int width = 600,
                                                   int height = 750) {
    SurfacePtr surface = create_rgba_surface(width, height);
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < width; ++x) {
            double fx = (x - width / 2.0) / width;
            double fy = static_cast<double>(y) / height;
            Uint8 r = static_cast<Uint8>(120 + 80 * fy), g = static_cast<Uint8>(160 + 50 * fy), b = 215;
            double head = (fx * fx) / (0.16 * 0.16) + ((fy - 0.38) * (fy - 0.38)) / (0.17 * 0.17);
            double shoulders = (fx * fx) / (0.42 * 0.42) + ((fy - 1.0) * (fy - 1.0)) / (0.36 * 0.36);
            if (shoulders < 1.0) {
                r = 40, g = 52, b = 90;
            } else if (head < 1.0) {
                r = 232, g = 190, b = 160;
            }
            row[x] = (0xFFu << 24) | (Uint32{r} << 16) | (Uint32{g} << 8) | b;
        }
    }
    std::filesystem::create_directories(path.parent_path());
    if (IMG_SavePNG(surface.get(), path.c_str()) != 0) throw RenderError("IMG_SavePNG " + path.string());
    return path;
}

// Media found by hash in a map, like the cache would.
inline MediaLocator locator_for(std::map<std::string, std::filesystem::path> media) {
    return [media = std::move(media)](const std::string& sha256) -> std::optional<std::filesystem::path> {
        auto found = media.find(sha256);
        if (found == media.end()) return std::nullopt;
        return found->second;
    };
}

inline SlideFrame sample_frame() {
    return SlideFrame{
        .place_name = "Phường Nhân Chính",
        .kiosk_id = "kiosk-nhan-chinh-01",
        .source_name = "UBND quận Thanh Xuân — Hội đồng Thi đua – Khen thưởng",
        .now = core::WallClock{.date = {2024, 11, 25}, .hour = 8, .minute = 5, .second = 0, .weekday = 1},
    };
}

inline const std::string portrait_hash = std::string(64, 'a');
inline const std::string missing_hash = std::string(64, 'b');
inline const std::string broken_hash = std::string(64, 'c');

inline core::Item make_item(std::string id, core::ItemKind kind, core::ItemContent content) {
    core::Item item;
    item.id = std::move(id);
    item.kind = kind;
    item.content = std::move(content);
    return item;
}

inline core::Item story_item(std::optional<std::string> photo = portrait_hash) {
    core::Story story;
    story.person_name = "Nguyễn Thị Hồng Nhung";
    story.role = "Tổ trưởng tổ dân phố số 5, Chiến sĩ thi đua cơ sở";
    story.unit = "phường Thượng Đình";
    story.award = "Bằng khen của Chủ tịch UBND Thành phố";
    story.headline = "Hai mươi năm gõ cửa từng nhà: người tổ trưởng giữ lửa phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”";
    story.body = {
        "Nguyễn Thị Hồng Nhung — Chiến sĩ thi đua cơ sở, phường Thượng Đình — đã vận động các hộ gia đình trong tổ "
        "hiến hơn 120 mét vuông đất để mở rộng ngõ 82, lắp đặt hệ thống đèn chiếu sáng và camera an ninh.",
        "Bà còn thành lập câu lạc bộ dưỡng sinh cho người cao tuổi, tổ chức lớp học tiếng Việt miễn phí cho con em "
        "người lao động nhập cư, và mỗi năm quyên góp hàng chục suất quà tặng các gia đình chính sách dịp Tết.",
        "Nhờ những đóng góp bền bỉ ấy, tổ dân phố số 5 nhiều năm liền đạt danh hiệu “Tổ dân phố văn hóa” và là "
        "điểm sáng trong phong trào thi đua “Thanh Xuân chung sức xây dựng nông thôn mới, đô thị văn minh”. Bà chia "
        "sẻ: “Việc gì có lợi cho dân thì mình cứ kiên trì làm, bà con sẽ đồng lòng.” Ngoài ra, bà thường xuyên "
        "tham gia hòa giải các mâu thuẫn nhỏ trong khu dân cư, giúp giữ gìn tình làng nghĩa xóm bền chặt.",
    };
    story.movement = "Phong trào “Người tốt, việc tốt”";
    story.date = core::CivilDate{2024, 5, 7};
    story.portal_url = "https://thanhxuan.hanoi.gov.vn/guong-dien-hinh/nguyen-thi-hong-nhung";
    story.photo = std::move(photo);
    return make_item("story-nguyen-thi-hong-nhung", core::ItemKind::story, std::move(story));
}

inline core::Item standings_item(int rows = 10) {
    static const char* const units[] = {
        "Phường Nhân Chính", "Phường Thượng Đình", "Phường Khương Trung", "Phường Khương Mai",
        "Phường Thanh Xuân Trung", "Phường Phương Liệt", "Phường Hạ Đình", "Phường Khương Đình",
        "Phường Thanh Xuân Bắc", "Phường Thanh Xuân Nam", "Phường Kim Giang", "Phường Thượng Đình mở rộng"};
    core::Standings standings;
    standings.title = "Bảng xếp hạng thi đua cụm phường";
    standings.cluster = "Cụm thi đua số 1 — các phường";
    standings.period = "6 tháng đầu năm 2024";
    standings.updated = core::CivilDate{2024, 7, 5};
    standings.max_score = 100;
    for (int i = 0; i < rows; ++i) {
        core::StandingRow row;
        row.rank = i + 1;
        row.unit = units[i % 12];
        row.score = 97.5 - i * 3.25;
        if (i % 3 == 0) row.rank_change = 2;
        if (i % 3 == 1) row.rank_change = -1;
        if (i % 3 == 2) row.rank_change = 0;
        standings.rows.push_back(row);
    }
    return make_item("standings-cum-1", core::ItemKind::standings, std::move(standings));
}

inline core::Item honor_roll_item(int entries = 30) {
    static const char* const names[] = {
        "Nguyễn Thị Hồng Nhung", "Trần Minh Đức", "Lê Hoàng Yến", "Phạm Quốc Việt", "Đặng Thùy Dương",
        "Vũ Ngọc Ánh", "Bùi Đức Thắng", "Hoàng Phương Thảo", "Ngô Gia Huy", "Đỗ Khánh Linh",
        "Lý Thành Trung", "Dương Thị Mỹ Hạnh", "Phan Nhật Quỳnh", "Trịnh Tuấn Kiệt", "Võ Hải Đăng"};
    static const char* const achievements[] = {
        "Học sinh giỏi cấp Thành phố môn Toán", "Giải Nhất Olympic Tiếng Anh cấp quận",
        "Huy chương Vàng Hội khỏe Phù Đổng", "Giải Ba Khoa học kỹ thuật cấp Thành phố",
        "Học sinh xuất sắc tiêu biểu năm học 2023 – 2024"};
    core::HonorRoll roll;
    roll.title = "Bảng vàng thành tích học sinh";
    roll.unit = "Trường THCS Nhân Chính";
    roll.period = "Năm học 2023 – 2024";
    for (int i = 0; i < entries; ++i) {
        core::HonorEntry entry;
        entry.name = names[i % 15];
        entry.class_name = "Lớp " + std::to_string(6 + i % 4) + "A" + std::to_string(1 + i % 5);
        entry.achievement = achievements[i % 5];
        roll.entries.push_back(entry);
    }
    return make_item("honor-roll-thcs-nhan-chinh", core::ItemKind::honor_roll, std::move(roll));
}

inline core::Item announcement_item(std::optional<std::string> image = std::nullopt) {
    core::Announcement announcement;
    announcement.title = "Phát động phong trào thi đua “Thanh Xuân chung sức xây dựng đô thị văn minh, hiện đại” năm 2024";
    announcement.movement = "Phong trào thi đua yêu nước";
    announcement.body = {
        "Ủy ban nhân dân quận Thanh Xuân phát động đợt thi đua cao điểm chào mừng kỷ niệm 70 năm Ngày Giải phóng "
        "Thủ đô (10/10/1954 – 10/10/2024), hướng tới các mục tiêu: chỉnh trang đô thị, giữ gìn vệ sinh môi trường, "
        "bảo đảm trật tự an toàn giao thông và xây dựng nếp sống văn minh nơi công cộng.",
        "Các phường, trường học, cơ quan, đơn vị đăng ký giao ước thi đua trước ngày 15/3/2024 và báo cáo kết quả "
        "về Hội đồng Thi đua – Khen thưởng quận (qua phòng Nội vụ) trước ngày 15/11/2024.",
    };
    announcement.image = std::move(image);
    return make_item("announcement-phat-dong", core::ItemKind::announcement, std::move(announcement));
}

inline core::Item commemoration_item(core::CivilDate anniversary = {2024, 10, 10},
                                     std::optional<std::string> image = std::nullopt) {
    core::Commemoration commemoration;
    commemoration.event = "Ngày Giải phóng Thủ đô";
    commemoration.origin = core::CivilDate{1954, 10, 10};
    commemoration.anniversary = anniversary;
    commemoration.body = {
        "Ngày 10/10/1954, đoàn quân chiến thắng từ Điện Biên Phủ tiến về tiếp quản Thủ đô trong niềm hân hoan "
        "của hàng vạn người dân Hà Nội. Kỷ niệm 70 năm là dịp để mỗi người dân Thanh Xuân ôn lại truyền thống "
        "vẻ vang, thi đua lao động, học tập, xây dựng Thủ đô “Văn hiến – Văn minh – Hiện đại”."};
    commemoration.image = std::move(image);
    return make_item("commemoration-giai-phong-thu-do", core::ItemKind::commemoration, std::move(commemoration));
}

// Every text block has all its glyphs and stays inside its box.
inline void check_report(const SlideReport& report) {
    REQUIRE_FALSE(report.text_blocks.empty());
    for (const TextBlockReport& block : report.text_blocks) {
        INFO("text block: \"" << block.text << "\" box " << block.box.x << "," << block.box.y << " " << block.box.w
                              << "x" << block.box.h << " drawn " << block.drawn.x << "," << block.drawn.y << " "
                              << block.drawn.w << "x" << block.drawn.h);
        CHECK(block.missing_glyphs == 0);
        if (block.drawn.w == 0 && block.drawn.h == 0) continue;
        CHECK(block.drawn.x >= block.box.x);
        CHECK(block.drawn.y >= block.box.y);
        CHECK(block.drawn.x + block.drawn.w <= block.box.x + block.box.w);
        CHECK(block.drawn.y + block.drawn.h <= block.box.y + block.box.h);
    }
}

}  // namespace bangvang::render::testing
