#include "portal/portal_service.hpp"

#include <chrono>
#include <cstdio>

#include "core/identifier.hpp"
#include "portal/fleet_page.hpp"
#include "portal/page_text.hpp"
#include "portal/publicity_report.hpp"
#include "portal/report_receiver.hpp"
#include "portal/served_feeds.hpp"

namespace bangvang::portal {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";
constexpr const char* json_type = "application/json; charset=utf-8";
// Pages hold no script; inline style only.
const std::pair<std::string, std::string> page_policy{"Content-Security-Policy",
                                                      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"};

HttpAnswer message_page(unsigned status, const std::string& title, const std::string& text) {
    return HttpAnswer{.status = status,
                      .content_type = html_type,
                      .body = page_head(title, "") + "<h1>" + escape_html(title) + "</h1>\n<p>" + escape_html(text) +
                              "</p>\n</body>\n</html>\n",
                      .headers = {page_policy}};
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return static_cast<double>(
               std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count()) /
           1000.0;
}

// Where a report's time went besides the whole (app;dur, added by the HTTP server):
// checking it (signature, parsing) on the HTTP thread, waiting for its batch, and the
// batch's transaction with its fsync; desc: how many reports shared that commit.
std::string report_timing(double checked_ms, const BatchFacts& batch) {
    char text[160];
    std::snprintf(text, sizeof text, "check;dur=%.3f, queue;dur=%.3f, commit;dur=%.3f;desc=\"%zu\"", checked_ms,
                  static_cast<double>(batch.queued.count()) / 1000.0, static_cast<double>(batch.written.count()) / 1000.0,
                  batch.reports);
    return text;
}

}  // namespace

PortalService::PortalService(PortalConfig config, PortalDatabase& database, PortalLog log, MillisecondClock clock)
    : config_(std::move(config)), database_(database), log_(std::move(log)), clock_(std::move(clock)), writer_(database_, log_) {}

std::shared_ptr<const KioskRegistry> PortalService::registry() {
    std::lock_guard lock(registry_mutex_);
    std::error_code error;
    const auto time = std::filesystem::last_write_time(config_.registry_file, error);
    const bool exists = !error;
    if (registry_read_ && exists == registry_existed_ && (!exists || time == registry_time_)) return registry_;
    core::Result<KioskRegistry> loaded = load_kiosk_registry(config_.registry_file);
    if (loaded) {
        registry_ = std::make_shared<const KioskRegistry>(std::move(*loaded));
        log_("sổ máy " + config_.registry_file.string() + ": " + std::to_string(registry_->kiosks.size()) + " máy đã đăng ký" +
             (exists ? "" : " (chưa có tệp: bangvang-portal enroll tạo nó)"));
    } else {
        log_("sổ máy không đọc được, vẫn dùng bản trước: " + problem_text(loaded.problem()));
    }
    registry_time_ = exists ? time : std::filesystem::file_time_type{};
    registry_existed_ = exists;
    registry_read_ = true;
    return registry_;
}

void PortalService::handle(const HttpRequest& request, const Respond& respond) {
    if (request.path == "/api/report" && request.method == "POST") {
        receive(request, respond);
        return;
    }
    respond(answer(request));
}

HttpAnswer PortalService::answer(const HttpRequest& request) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (request.path == "/api/report") {
        return HttpAnswer{.status = 405, .content_type = json_type, .body = "{\"error\": \"chỉ nhận POST\"}",
                          .headers = {{"Allow", "POST"}}};
    }
    if (request.path == "/healthz" && get) return HttpAnswer{.status = 200, .content_type = "text/plain; charset=utf-8", .body = "ok\n"};
    if (request.path == "/fleet" || request.path == "/fleet.json" || request.path == "/report" || request.path == "/report.csv") {
        if (!get) return message_page(405, "Không hỗ trợ", "Trang này chỉ để xem (GET).");
        if (request.path == "/fleet") return fleet(request, false);
        if (request.path == "/fleet.json") return fleet(request, true);
        return publicity(request, request.path == "/report.csv");
    }
    if (request.path == "/" && get) {
        return HttpAnswer{.status = 303, .content_type = html_type, .body = "", .headers = {{"Location", "fleet"}}};
    }
    return message_page(404, "Không có trang này", "Các trang: /fleet (tình trạng màn hình), /report (báo cáo tuyên truyền).");
}

void PortalService::receive(const HttpRequest& request, const Respond& respond) {
    const auto started = std::chrono::steady_clock::now();
    const std::shared_ptr<const KioskRegistry> known = registry();
    CheckedReport checked = check_report(request.body, request.header("x-bangvang-signature"), *known,
                                         ReceiveSettings{.clock_tolerance_seconds = config_.clock_tolerance_seconds}, clock_());
    if (ReceiveAnswer* refusal = std::get_if<ReceiveAnswer>(&checked)) {
        log_(refusal->log_line);
        // Answered once counted (group commit too), so what the fleet page shows is current.
        writer_.count_refusal(refusal->refusal_reason,
                              [this, respond, status = refusal->status, body = std::move(refusal->body)](const std::string& failure) {
                                  if (!failure.empty()) log_("không đếm được lần từ chối: " + failure);
                                  respond(HttpAnswer{.status = status, .content_type = json_type, .body = body, .headers = {}});
                              });
        return;
    }
    const double checked_ms = milliseconds_since(started);
    writer_.store(std::get<ReportToStore>(std::move(checked)),
                  [this, respond, checked_ms](const ReportToStore& report, const StoreOutcome& outcome, const BatchFacts& batch) {
                      // After the commit: an acknowledgement means the report is on disk.
                      const ReceiveAnswer answer = outcome.failure.empty() ? stored_answer(report, outcome.figures)
                                                                           : failed_answer(report, outcome.failure);
                      log_(answer.log_line);
                      respond(HttpAnswer{.status = answer.status, .content_type = json_type, .body = answer.body,
                                         .headers = {{"Server-Timing", report_timing(checked_ms, batch)}}});
                  });
}

HttpAnswer PortalService::fleet(const HttpRequest& request, bool json) {
    const std::string site = request.query_value("site");
    if (!site.empty() && !core::is_identifier(site)) return message_page(400, "Điểm không hợp lệ", "Mã điểm chỉ gồm chữ thường, số và '-'.");
    FleetView view = fleet_view(*registry(), database_.kiosk_states(), read_served_feeds(config_.feeds), clock_() / 1000,
                                config_.poll_interval_seconds, config_.utc_offset_minutes, site);
    view.refusals = database_.refusals();
    if (json) return HttpAnswer{.status = 200, .content_type = json_type, .body = fleet_json(view)};
    return HttpAnswer{.status = 200, .content_type = html_type, .body = fleet_html(view), .headers = {page_policy}};
}

HttpAnswer PortalService::publicity(const HttpRequest& request, bool csv) {
    const core::CivilDate today = core::to_wall_clock(clock_() / 1000, config_.utc_offset_minutes).date;
    core::CivilDate from{.year = today.year, .month = today.month, .day = 1};
    core::CivilDate to = today;
    for (const auto& [name, target] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
        const std::string given = request.query_value(name);
        if (given.empty()) continue;
        core::Result<core::CivilDate> parsed = core::parse_iso_date(given);
        if (!parsed) {
            return message_page(400, "Ngày không hợp lệ",
                                std::string("Tham số ") + name + "=" + given + " phải có dạng NĂM-THÁNG-NGÀY, ví dụ 2024-12-01.");
        }
        *target = *parsed;
    }
    if (to < from) return message_page(400, "Kỳ báo cáo không hợp lệ", "Ngày bắt đầu (from) phải trước ngày kết thúc (to).");
    const PublicityReport report = build_publicity_report(database_.play_totals(from, to), read_served_feeds(config_.feeds),
                                                          config_.district_name, from, to);
    if (csv) {
        const std::string file = "bao-cao-" + core::format_iso_date(from) + "-" + core::format_iso_date(to) + ".csv";
        return HttpAnswer{.status = 200, .content_type = "text/csv; charset=utf-8", .body = report_csv(report),
                          .headers = {{"Content-Disposition", "attachment; filename=\"" + file + "\""}}};
    }
    return HttpAnswer{.status = 200, .content_type = html_type, .body = report_html(report), .headers = {page_policy}};
}

}  // namespace bangvang::portal
