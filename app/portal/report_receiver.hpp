#pragma once
// POST /api/report: what a kiosk sends (content/FORMAT.md "Reports") is checked in this
// order, and the first failure answers without storing anything:
//   no or malformed X-Bangvang-Signature, kiosk not enrolled, bad signature,
//   timestamp outside the clock tolerance                      -> 401
//   body not a bangvang.report/1 document, or values no kiosk sends -> 400
//   body names another kiosk                                   -> 401
//   plays, heartbeats or days in the future                    -> 422
//   signature timestamp already used (a replayed request)      -> 409
// and only then the report is stored in one transaction and answered 200. Every
// refusal is logged and counted by reason (PortalDatabase::refusals).
// The portal runs the checks (check_report) on its HTTP threads and stores through the
// group commit (ReportWriter), answering with stored_answer after the commit;
// receive_report does it all at once (tests).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <string_view>

#include "core/clock_time.hpp"
#include "portal/kiosk_registry.hpp"
#include "portal/portal_database.hpp"

namespace bangvang::portal {

struct ReceiveSettings {
    int clock_tolerance_seconds = 300;
};

struct ReceiveAnswer {
    unsigned status = 200;
    std::string body;            // JSON: {"stored": {...}} or {"error": "..."}
    std::string refusal_reason;  // empty when stored: "unknown-kiosk", "bad-signature", ...
    std::string log_line;        // what the portal's log says about it
};

// A refusal (nothing to store), or the report to store.
using CheckedReport = std::variant<ReceiveAnswer, ReportToStore>;

CheckedReport check_report(std::string_view body, std::optional<std::string_view> signature_header,
                           const KioskRegistry& registry, const ReceiveSettings& settings, std::int64_t now_milliseconds);

// The answer once the report was stored: 200 with what was new, or 409 for a replay.
ReceiveAnswer stored_answer(const ReportToStore& stored, const StoredFigures& figures);

// What the database failed at: 500, nothing acknowledged, the kiosk sends it again.
ReceiveAnswer failed_answer(const ReportToStore& report, const std::string& failure);

ReceiveAnswer receive_report(std::string_view body, std::optional<std::string_view> signature_header,
                             const KioskRegistry& registry, PortalDatabase& database, const ReceiveSettings& settings,
                             std::int64_t now_milliseconds);

}  // namespace bangvang::portal
