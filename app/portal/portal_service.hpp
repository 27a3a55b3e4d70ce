#pragma once
// The portal's requests, routed: POST /api/report (kiosks), GET /fleet, /fleet.json,
// /report, /report.csv (staff: nginx asks for their password), GET /healthz. The
// registry file is read again whenever it changes, so an enrolment takes effect at once;
// a registry that no longer parses keeps the last good one (and says so in the log).
// Reports and refusals are written through the group commit (ReportWriter) and answered
// after their commit, from the writer's thread.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "portal/http_server.hpp"
#include "portal/kiosk_registry.hpp"
#include "portal/portal_config.hpp"
#include "portal/portal_database.hpp"
#include "portal/report_writer.hpp"

namespace bangvang::portal {

using PortalLog = std::function<void(const std::string&)>;
using MillisecondClock = std::function<std::int64_t()>;  // Unix milliseconds

class PortalService {
public:
    PortalService(PortalConfig config, PortalDatabase& database, PortalLog log, MillisecondClock clock);

    // Answers through `respond`: at once, or (reports) after their commit.
    void handle(const HttpRequest& request, const Respond& respond);
    // The registry as of now (read again when its file changed); shared, never copied per request.
    std::shared_ptr<const KioskRegistry> registry();

private:
    HttpAnswer answer(const HttpRequest& request);  // everything but receiving reports
    void receive(const HttpRequest& request, const Respond& respond);
    HttpAnswer fleet(const HttpRequest& request, bool json);
    HttpAnswer publicity(const HttpRequest& request, bool csv);

    PortalConfig config_;
    PortalDatabase& database_;
    PortalLog log_;
    MillisecondClock clock_;
    std::mutex registry_mutex_;
    std::shared_ptr<const KioskRegistry> registry_ = std::make_shared<KioskRegistry>();
    std::filesystem::file_time_type registry_time_{};
    bool registry_read_ = false;
    bool registry_existed_ = false;
    ReportWriter writer_;  // last: its thread stops (after writing what is queued) first
};

}  // namespace bangvang::portal
