#pragma once
// What the portal tests share: a kiosk with its own report key, signed report bodies
// as the kiosk writes them, a registry and a config in a scratch folder, and the real
// bangvang-portal binary on a loopback port.
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "portal/kiosk_registry.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::portal::testing {

inline constexpr core::UnixSeconds test_now = 1'733'018'400;  // 2024-12-01T09:00:00+07:00

struct TestKiosk {
    std::string kiosk_id;
    std::string site;
    std::string place;
    sync::SecretKey key;

    EnrolledKiosk enrolled() const;
};

TestKiosk make_kiosk(const std::string& kiosk_id, const std::string& site, const std::string& place = "");

struct PlaySpec {
    std::string item;
    core::UnixSeconds started_at = 0;
    std::int64_t duration_milliseconds = 15'000;
    std::string source = "quan-thanh-xuan";
};

struct CountSpec {
    std::string item;
    std::string day;  // "2024-11-20"
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
    std::string source = "quan-thanh-xuan";
};

// A bangvang.report/1 body as report_json writes it (one heartbeat when `heartbeat_at` is set).
std::string report_body(const TestKiosk& kiosk, const std::vector<PlaySpec>& plays, const std::vector<CountSpec>& counts = {},
                        std::optional<core::UnixSeconds> heartbeat_at = std::nullopt, std::int64_t source_version = 7);

// "kiosk=..., t=..., ed25519=..." (the header's value).
std::string signature_value(const TestKiosk& kiosk, std::int64_t timestamp_milliseconds, const std::string& body);

KioskRegistry registry_of(const std::vector<TestKiosk>& kiosks);

struct HttpResult {
    long status = 0;  // 0: no answer (connection refused, reset or timed out)
    std::string body;
    std::map<std::string, std::string> headers;  // lowercase names
    std::string error;
};

// One request with libcurl; `headers` as "Name: value" lines.
HttpResult http_request(const std::string& method, const std::string& url, const std::string& body = "",
                        const std::vector<std::string>& headers = {}, const std::string& ca_file = "",
                        const std::string& user_password = "");

std::int64_t wall_milliseconds();

struct PortalOptions {
    std::filesystem::path folder;               // config, registry, database, log
    std::vector<std::string> feeds_json{};      // entries of "feeds"
    int connection_timeout_seconds = 15;
    int poll_interval_seconds = 300;
    std::string district_name = "Quận Thanh Xuân";
};

PortalOptions portal_options(const std::filesystem::path& folder, int connection_timeout_seconds = 15);

// The real bangvang-portal on 127.0.0.1, port chosen by the system.
class PortalProcess {
public:
    explicit PortalProcess(PortalOptions options);
    ~PortalProcess();
    PortalProcess(const PortalProcess&) = delete;
    PortalProcess& operator=(const PortalProcess&) = delete;

    std::string url(const std::string& path = "") const;
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::filesystem::path registry_file() const { return options_.folder / "kiosks.json"; }
    std::filesystem::path database_file() const { return options_.folder / "portal.sqlite3"; }
    std::string log() const;
    void kill_now();            // SIGKILL
    int terminate_and_wait();   // SIGTERM; the exit status

private:
    PortalOptions options_;
    pid_t pid_ = -1;
    int port_ = 0;
};

std::filesystem::path portal_binary();

}  // namespace bangvang::portal::testing
