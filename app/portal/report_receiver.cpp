#include "portal/report_receiver.hpp"

#include <nlohmann/json.hpp>

#include "core/report_parser.hpp"
#include "core/report_signature.hpp"
#include "sync/report_signing.hpp"

namespace bangvang::portal {

namespace {

using Json = nlohmann::json;

ReceiveAnswer refuse(unsigned status, std::string reason, std::string message, std::string_view kiosk) {
    ReceiveAnswer answer;
    answer.status = status;
    answer.refusal_reason = std::move(reason);
    answer.body = Json{{"error", message}, {"reason", answer.refusal_reason}}.dump(-1, ' ', false, Json::error_handler_t::replace);
    answer.log_line = "từ chối báo cáo (" + std::to_string(status) + " " + answer.refusal_reason + ")" +
                      (kiosk.empty() ? "" : " của máy " + std::string(kiosk)) + ": " + message;
    return answer;
}

}  // namespace

CheckedReport check_report(std::string_view body, std::optional<std::string_view> signature_header,
                           const KioskRegistry& registry, const ReceiveSettings& settings, std::int64_t now_milliseconds) {
    if (!signature_header) {
        return refuse(401, "unsigned", "thiếu tiêu đề X-Bangvang-Signature: chỉ máy đã đăng ký mới được gửi báo cáo", "");
    }
    core::Result<core::ReportSignatureHeader> header = core::parse_report_signature_header(*signature_header);
    if (!header) return refuse(401, "malformed-signature", "chữ ký sai dạng: " + header.problem().message(), "");
    const EnrolledKiosk* kiosk = registry.find(header->kiosk_id);
    if (kiosk == nullptr) {
        return refuse(401, "unknown-kiosk",
                      "máy \"" + header->kiosk_id + "\" chưa được đăng ký (bangvang-portal enroll)", header->kiosk_id);
    }
    if (!sync::verify_report_signature(kiosk->public_key, *header, body)) {
        return refuse(401, "bad-signature", "chữ ký không khớp với khóa đã đăng ký của máy", header->kiosk_id);
    }
    const std::int64_t skew = header->timestamp_milliseconds - now_milliseconds;
    if (skew > settings.clock_tolerance_seconds * 1000LL || -skew > settings.clock_tolerance_seconds * 1000LL) {
        return refuse(401, "stale-timestamp",
                      "thời điểm ký lệch " + std::to_string(skew / 1000) + " giây so với đồng hồ cổng (cho phép ±" +
                          std::to_string(settings.clock_tolerance_seconds) + " giây): chỉnh đồng hồ máy",
                      header->kiosk_id);
    }
    core::Result<core::Report> report = core::parse_report(body);
    if (!report) return refuse(400, "invalid-report", report.problem().message(), header->kiosk_id);
    if (report->kiosk_id != header->kiosk_id) {
        return refuse(401, "kiosk-mismatch",
                      "báo cáo ghi máy \"" + report->kiosk_id + "\" nhưng được ký bởi máy \"" + header->kiosk_id + "\"",
                      header->kiosk_id);
    }
    if (std::optional<core::Problem> future =
            core::check_report_times(*report, now_milliseconds / 1000, settings.clock_tolerance_seconds)) {
        return refuse(422, "future-times", future->message(), header->kiosk_id);
    }
    return ReportToStore{.report = std::move(*report),
                         .origin = ReportOrigin{.kiosk_id = kiosk->kiosk_id,
                                                .site = kiosk->site,
                                                .signature_milliseconds = header->timestamp_milliseconds,
                                                .received_at = now_milliseconds / 1000}};
}

ReceiveAnswer stored_answer(const ReportToStore& stored_report, const StoredFigures& stored) {
    const core::Report& report = stored_report.report;
    const std::string& kiosk_id = stored_report.origin.kiosk_id;
    if (stored.replayed) {
        return refuse(409, "replayed", "chữ ký này đã được dùng: báo cáo gửi lại y nguyên bị bỏ qua", kiosk_id);
    }
    ReceiveAnswer answer;
    answer.body = Json{{"stored",
                        {{"plays", stored.new_plays},
                         {"repeated_plays", stored.repeated_plays},
                         {"play_counts", stored.new_counts},
                         {"repeated_play_counts", stored.repeated_counts},
                         {"heartbeats", stored.heartbeats}}}}
                      .dump();
    answer.log_line = "báo cáo của máy " + kiosk_id + " (nguồn " + report.source_id + "): " +
                      std::to_string(stored.new_plays) + " lượt mới, " + std::to_string(stored.repeated_plays) +
                      " lượt đã có, " + std::to_string(stored.new_counts) + " dòng đếm, " +
                      std::to_string(stored.heartbeats) + " nhịp" +
                      (report.damaged_heartbeats > 0
                           ? ", " + std::to_string(report.damaged_heartbeats) + " nhịp hỏng do máy gửi null"
                           : "");
    return answer;
}

ReceiveAnswer failed_answer(const ReportToStore& report, const std::string& failure) {
    ReceiveAnswer answer;
    answer.status = 500;
    answer.body = Json{{"error", "chưa lưu được báo cáo, máy sẽ gửi lại; xem nhật ký của bangvang-portal"},
                       {"reason", "internal"}}
                      .dump(-1, ' ', false, Json::error_handler_t::replace);
    answer.log_line = "không lưu được báo cáo của máy " + report.origin.kiosk_id + " (chưa xác nhận, máy sẽ gửi lại): " + failure;
    return answer;
}

ReceiveAnswer receive_report(std::string_view body, std::optional<std::string_view> signature_header,
                             const KioskRegistry& registry, PortalDatabase& database, const ReceiveSettings& settings,
                             std::int64_t now_milliseconds) {
    CheckedReport checked = check_report(body, signature_header, registry, settings, now_milliseconds);
    if (ReceiveAnswer* refusal = std::get_if<ReceiveAnswer>(&checked)) return std::move(*refusal);
    const ReportToStore& accepted = std::get<ReportToStore>(checked);
    return stored_answer(accepted, database.store_report(accepted.report, accepted.origin));
}

}  // namespace bangvang::portal
