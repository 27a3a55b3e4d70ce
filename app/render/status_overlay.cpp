#include "render/status_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/vietnamese_dates.hpp"
#include "render/slide_parts.hpp"

namespace bangvang::render {

namespace {

// The panel is read from arm's length by a technician, not across the hall: smaller
// than slide text, but never below what the 7" screen shows crisply.
constexpr double row_text_size = 0.028;
constexpr double heading_text_size = 0.042;
constexpr double section_text_size = 0.032;

std::string two_digits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

std::string decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    std::string result = text;
    std::replace(result.begin(), result.end(), '.', ',');
    return result;
}

// Lines of the panel, each a muted label and its value, in one column.
class Rows {
public:
    Rows(SlideCanvas& canvas, SDL_Rect column, int text_size)
        : canvas_(canvas), column_(column), y_(column.y), size_(text_size),
          height_(static_cast<int>(std::lround(text_size * line_height_ratio))) {}

    int remaining() const { return column_.y + column_.h - y_; }
    int row_height() const { return height_; }
    bool fits(int rows) const { return remaining() >= rows * height_; }
    void skip(int pixels) { y_ += pixels; }

    void heading(const std::string& text, int size) {
        const int height = static_cast<int>(std::lround(size * line_height_ratio));
        canvas_.text(text,
                     TextStyle{.weight = FontWeight::bold, .size = size, .min_size = size * 8 / 10,
                               .colour = canvas_.colours().title, .vertical = VerticalAlign::middle,
                               .paragraph_gap = 0, .max_lines = 1},
                     SDL_Rect{column_.x, y_, column_.w, height});
        y_ += height;
        draw_gold_rule(canvas_, column_.x, y_ + height_ / 8, std::min(column_.w, canvas_.px(0.12)));
        y_ += height_ / 3;
    }

    // "Mã kiosk      tx-nhan-chinh-01"
    void pair(const std::string& label, const std::string& value, SDL_Color value_colour) {
        const int label_width = column_.w * 36 / 100;
        const int gap = size_ / 2;
        canvas_.text(label, style(FontWeight::regular, canvas_.colours().text_muted),
                     SDL_Rect{column_.x, y_, label_width - gap, height_});
        canvas_.text(value.empty() ? std::string("—") : value, style(FontWeight::bold, value_colour),
                     SDL_Rect{column_.x + label_width, y_, column_.w - label_width, height_});
        y_ += height_;
    }

    // A whole-width line; `lines` > 1 lets a long error wrap.
    void line(const std::string& text, FontWeight weight, SDL_Color colour, int lines = 1, int indent = 0) {
        TextStyle text_style = style(weight, colour);
        text_style.max_lines = lines;
        canvas_.text(text, text_style, SDL_Rect{column_.x + indent, y_, column_.w - indent, height_ * lines});
        y_ += height_ * lines;
    }

private:
    TextStyle style(FontWeight weight, SDL_Color colour) const {
        return TextStyle{.weight = weight, .size = size_, .min_size = size_ * 8 / 10, .colour = colour,
                         .vertical = VerticalAlign::middle, .paragraph_gap = 0, .max_lines = 1};
    }

    SlideCanvas& canvas_;
    SDL_Rect column_;
    int y_;
    int size_;
    int height_;
};

// A rounded panel as two hard-edged rectangles and four anti-aliased corner discs: a
// screen-sized rounded_rect would be a texture too large for the shape cache, and
// rasterising it again on every frame of a crossfade cost ~200 ms a frame.
void rounded_panel(SlideCanvas& canvas, SDL_Rect rect, int radius, SDL_Color colour) {
    radius = std::clamp(radius, 1, std::min(rect.w, rect.h) / 2);
    canvas.shapes.rect(SDL_Rect{rect.x + radius, rect.y, rect.w - 2 * radius, rect.h}, colour);
    canvas.shapes.rect(SDL_Rect{rect.x, rect.y + radius, radius, rect.h - 2 * radius}, colour);
    canvas.shapes.rect(SDL_Rect{rect.x + rect.w - radius, rect.y + radius, radius, rect.h - 2 * radius}, colour);
    for (const SDL_Point corner : {SDL_Point{rect.x + radius, rect.y + radius},
                                   SDL_Point{rect.x + rect.w - radius, rect.y + radius},
                                   SDL_Point{rect.x + radius, rect.y + rect.h - radius},
                                   SDL_Point{rect.x + rect.w - radius, rect.y + rect.h - radius}}) {
        // Each disc is drawn in its corner's quarter only, so the edge stays one colour deep.
        SDL_Rect quarter{corner.x < rect.x + rect.w / 2 ? rect.x : corner.x,
                         corner.y < rect.y + rect.h / 2 ? rect.y : corner.y, radius, radius};
        SDL_RenderSetClipRect(canvas.renderer, &quarter);
        canvas.shapes.circle(corner, radius, solid(colour));
    }
    SDL_RenderSetClipRect(canvas.renderer, nullptr);
}

std::string source_title(const StatusSourceLine& source) {
    if (source.name.empty()) return source.id;
    return source.name + " (" + source.id + ")";
}

void draw_kiosk_column(SlideCanvas& canvas, Rows& rows, const StatusOverlayData& data, int section_size) {
    const ThemeColours& colours = canvas.colours();
    rows.heading("Kiosk", section_size);
    rows.pair("Mã kiosk", data.kiosk_id, colours.text);
    rows.pair("Địa điểm", data.site, colours.text);
    rows.pair("Nơi đặt", data.place_name, colours.text);
    rows.pair("Phiên bản", data.program_version.empty() ? "" : "bangvang " + data.program_version, colours.text);
    const core::WallClock now = core::to_wall_clock(data.now, data.utc_offset_minutes);
    rows.pair("Giờ kiosk", two_digits(now.hour) + ":" + two_digits(now.minute) + " " + core::vietnamese_long_date(now),
              colours.text);
    if (!data.clock_state.empty()) {
        rows.pair("Đồng hồ", data.clock_state, data.clock_synchronized ? colours.text : colours.fall);
    }
    rows.pair("Đã chạy", format_duration(data.uptime_seconds), colours.text);
    rows.pair("Mục phát được", std::to_string(data.playable_items) + " mục", colours.text);
    rows.skip(rows.row_height() / 2);
    rows.heading("Bộ nhớ", section_size);
    rows.pair("Bộ nhớ (RSS)", format_bytes(data.resident_bytes), colours.text);
    rows.pair("Đệm: CSDL", format_bytes(data.database_bytes), colours.text);
    rows.pair("Đệm: ảnh", format_bytes(data.media_bytes) + " (" + std::to_string(data.media_files) + " tệp)",
              colours.text);
    rows.pair("Đệm: texture", format_bytes(data.texture_bytes) + " / " + format_bytes(data.texture_budget_bytes),
              colours.text);
    if (data.last_transition && data.last_transition->frames > 0) {
        const TransitionTiming& timing = *data.last_transition;
        rows.pair("Chuyển cảnh cuối",
                  std::to_string(timing.frames) + " khung · TB " + decimal(timing.mean_milliseconds) +
                      " ms · tối đa " + decimal(timing.worst_milliseconds) + " ms",
                  colours.text);
    } else {
        rows.pair("Chuyển cảnh cuối", "chưa có", colours.text_muted);
    }
}

// Four rows a source, six when its last attempt failed (the reason may take two).
int source_rows(const StatusSourceLine& source) { return source.last_error.empty() ? 4 : 6; }

void draw_source(SlideCanvas& canvas, Rows& rows, const StatusOverlayData& data, const StatusSourceLine& source) {
    const ThemeColours& colours = canvas.colours();
    const int indent = rows.row_height();
    rows.line(source_title(source), FontWeight::bold, colours.text);
    if (source.version == 0) {
        rows.line("Phiên bản: chưa có nội dung", FontWeight::regular, colours.fall, 1, indent);
    } else {
        std::string version = "Phiên bản " + std::to_string(source.version) + " · " +
                              std::to_string(source.item_count) + " mục";
        if (source.held_back_items > 0) version += " · " + std::to_string(source.held_back_items) + " chờ ảnh";
        rows.line(version, FontWeight::regular, colours.text, 1, indent);
    }
    if (source.expires_at == 0) {
        rows.line("Hết hạn: —", FontWeight::regular, colours.text_muted, 1, indent);
    } else if (data.clock_synchronized && source.expires_at <= data.now) {
        rows.line("Đã hết hạn: " + format_status_time(source.expires_at, data.now, data.utc_offset_minutes),
                  FontWeight::bold, colours.fall, 1, indent);
    } else {
        rows.line("Hết hạn: " + format_status_time(source.expires_at, data.now, data.utc_offset_minutes),
                  FontWeight::regular, colours.text, 1, indent);
    }
    const std::string how = source.remote ? "Lần đồng bộ cuối: " : "Nạp từ thư mục: ";
    if (source.last_success) {
        rows.line(how + format_status_time(*source.last_success, data.now, data.utc_offset_minutes),
                  FontWeight::regular, colours.text, 1, indent);
    } else {
        rows.line(how + "chưa lần nào thành công", FontWeight::regular, colours.fall, 1, indent);
    }
    if (!source.last_error.empty()) {
        std::string error = "Lỗi";
        if (source.consecutive_failures > 1) error += " (" + std::to_string(source.consecutive_failures) + " lần liền)";
        if (source.last_attempt) {
            error += ", " + format_status_time(*source.last_attempt, data.now, data.utc_offset_minutes);
        }
        rows.line(error + ": " + source.last_error, FontWeight::regular, colours.fall, 2, indent);
    }
}

void draw_sources_column(SlideCanvas& canvas, Rows& rows, const StatusOverlayData& data, int section_size) {
    rows.heading("Nguồn nội dung (" + std::to_string(data.sources.size()) + ")", section_size);
    if (data.sources.empty()) {
        rows.line("Chưa cấu hình nguồn nào", FontWeight::regular, canvas.colours().text_muted);
        return;
    }
    for (std::size_t index = 0; index < data.sources.size(); ++index) {
        const StatusSourceLine& source = data.sources[index];
        const std::size_t left_after = data.sources.size() - index - 1;
        // Room for this source and, when more follow, the line that counts them.
        if (!rows.fits(source_rows(source) + (left_after > 0 ? 1 : 0))) {
            rows.line("… và " + std::to_string(data.sources.size() - index) + " nguồn khác", FontWeight::regular,
                      canvas.colours().text_muted);
            return;
        }
        draw_source(canvas, rows, data, source);
        rows.skip(rows.row_height() / 2);
    }
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
    constexpr double kilo = 1024.0;
    if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " kB";
    if (bytes < std::uint64_t{1024} * 1024 * 1024) return decimal(static_cast<double>(bytes) / (kilo * kilo)) + " MB";
    return decimal(static_cast<double>(bytes) / (kilo * kilo * kilo)) + " GB";
}

std::string format_duration(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(seconds, 0);
    if (seconds < 60) return std::to_string(seconds) + " giây";
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60) return std::to_string(minutes) + " phút";
    const std::int64_t hours = minutes / 60;
    if (hours < 24) return std::to_string(hours) + " giờ " + two_digits(static_cast<int>(minutes % 60)) + " phút";
    const std::int64_t days = hours / 24;
    std::string text = std::to_string(days) + " ngày";
    if (hours % 24 != 0) text += " " + std::to_string(hours % 24) + " giờ";
    return text;
}

std::string format_status_time(core::UnixSeconds at, core::UnixSeconds now, int utc_offset_minutes) {
    const core::WallClock clock = core::to_wall_clock(at, utc_offset_minutes);
    std::string text = two_digits(clock.hour) + ":" + two_digits(clock.minute) + " " +
                       core::vietnamese_short_date(clock.date);
    if (at <= now) {
        text += now - at < 60 ? " (vừa xong)" : " (" + format_duration(now - at) + " trước)";
    } else {
        text += " (còn " + format_duration(at - now) + ")";
    }
    return text;
}

StatusOverlayPainter::StatusOverlayPainter(SDL_Renderer* renderer, const Theme& theme, int width, int height)
    : renderer_(renderer),
      theme_(theme),
      geometry_(make_slide_geometry(theme_, width, height)),
      fonts_(theme_.fonts.regular, theme_.fonts.bold),
      text_textures_(renderer, fonts_, 3u << 20),
      text_painter_(renderer, fonts_, text_textures_),
      shapes_(renderer, 1u << 20),
      images_(renderer, [](const std::string&) { return std::optional<std::filesystem::path>{}; }, 0,
              std::min(width, height)),
      qr_codes_(renderer) {
    fonts_.get(FontWeight::regular, geometry_.px(row_text_size));
}

SlideReport StatusOverlayPainter::draw(const StatusOverlayData& data) {
    SlideReport report;
    SlideCanvas canvas{renderer_, theme_, geometry_, text_painter_, shapes_, images_, qr_codes_, report};
    draw_status_overlay(canvas, data);
    return report;
}

void StatusOverlayPainter::forget_textures() {
    text_textures_.clear();
    shapes_.clear();
}

void draw_status_overlay(SlideCanvas& canvas, const StatusOverlayData& data) {
    const SlideGeometry& geometry = canvas.geometry;
    const ThemeColours& colours = canvas.colours();

    // The slide stays visible but dimmed, so nobody mistakes the panel for content.
    SDL_SetRenderDrawBlendMode(canvas.renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(canvas.renderer, 0, 0, 0, 150);
    SDL_RenderFillRect(canvas.renderer, nullptr);

    const int inset = canvas.px(0.035);
    const SDL_Rect panel{inset, inset, geometry.width - 2 * inset, geometry.height - 2 * inset};
    const int border = std::max(2, canvas.px(0.004));
    rounded_panel(canvas, panel, geometry.radius, colours.gold);
    rounded_panel(canvas, SDL_Rect{panel.x + border, panel.y + border, panel.w - 2 * border, panel.h - 2 * border},
                  std::max(1, geometry.radius - border), colours.card);

    const int padding = canvas.px(0.03);
    const SDL_Rect inside{panel.x + padding, panel.y + padding, panel.w - 2 * padding, panel.h - 2 * padding};
    const int heading_size = canvas.px(heading_text_size);
    const int heading_height = static_cast<int>(std::lround(heading_size * line_height_ratio));
    const int row_size = canvas.px(row_text_size);
    const int row_height = static_cast<int>(std::lround(row_size * line_height_ratio));

    canvas.text("Trạng thái kiosk",
                TextStyle{.weight = FontWeight::bold, .size = heading_size, .min_size = heading_size * 7 / 10,
                          .colour = colours.title, .vertical = VerticalAlign::middle, .paragraph_gap = 0,
                          .max_lines = 1},
                SDL_Rect{inside.x, inside.y, inside.w * 45 / 100, heading_height});
    canvas.text("F1, I hoặc nhấn giữ để đóng · tự ẩn sau " + std::to_string(data.hides_after_seconds) + " giây",
                TextStyle{.weight = FontWeight::regular, .size = row_size, .min_size = row_size * 7 / 10,
                          .colour = colours.text_muted, .align = TextAlign::right, .vertical = VerticalAlign::middle,
                          .paragraph_gap = 0, .max_lines = 1},
                SDL_Rect{inside.x + inside.w * 47 / 100, inside.y, inside.w - inside.w * 47 / 100, heading_height});
    const int body_top = inside.y + heading_height + geometry.gap / 2;
    const SDL_Rect body{inside.x, body_top, inside.w, inside.y + inside.h - body_top};
    const int section_size = canvas.px(section_text_size);

    if (geometry.portrait) {
        // One column: the kiosk's rows, then the sources under them.
        Rows rows(canvas, body, row_size);
        draw_kiosk_column(canvas, rows, data, section_size);
        rows.skip(row_height / 2);
        draw_sources_column(canvas, rows, data, section_size);
        return;
    }
    const int column_gap = canvas.px(0.045);
    const int left_width = (body.w - column_gap) * 44 / 100;
    Rows left(canvas, SDL_Rect{body.x, body.y, left_width, body.h}, row_size);
    draw_kiosk_column(canvas, left, data, section_size);
    const int rule_x = body.x + left_width + column_gap / 2;
    canvas.shapes.rect(SDL_Rect{rule_x, body.y, std::max(1, canvas.px(0.002)), body.h - row_height / 2}, colours.rule);
    Rows right(canvas, SDL_Rect{body.x + left_width + column_gap, body.y, body.w - left_width - column_gap, body.h},
               row_size);
    draw_sources_column(canvas, right, data, section_size);
}

}  // namespace bangvang::render
