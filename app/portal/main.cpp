// bangvang-portal: the district's receiving end (README "The district's portal").
//   bangvang-portal --config /etc/bangvang-portal/portal.json     serve on loopback, behind nginx
//   bangvang-portal enroll --registry FILE --kiosk ID --public-key KEY --site SITE [--place TEXT]
//   bangvang-portal check-config --config FILE
//   bangvang-portal roll-up --config FILE [--days N]                 single plays -> daily counts now
#include <CLI/CLI.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>

#include "core/identifier.hpp"
#include "core/report_parser.hpp"
#include "portal/http_server.hpp"
#include "portal/kiosk_registry.hpp"
#include "portal/portal_config.hpp"
#include "portal/portal_database.hpp"
#include "portal/portal_service.hpp"
#include "portal/wal_checkpointer.hpp"

namespace {

using namespace bangvang;

void log_line(const std::string& line) {
    std::fprintf(stderr, "bangvang-portal: %s\n", line.c_str());
    std::fflush(stderr);
}

std::int64_t now_milliseconds() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// 1000 clients at once need more than the usual 1024 descriptors.
void raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// Opening upgrades a database an older bangvang-portal made; said in the log.
void log_schema_upgrade(const portal::PortalDatabase& database, const portal::PortalConfig& config) {
    if (database.opened_schema_version() != database.schema_version()) {
        log_line("cơ sở dữ liệu " + config.database_file.string() + ": đã nâng cấp cấu trúc từ phiên bản " +
                 std::to_string(database.opened_schema_version()) + " lên " + std::to_string(database.schema_version()) +
                 ", không mất dữ liệu");
    }
}

// Staff (before a backup) and the benchmark: what the hourly roll-up does, now, with
// `days` instead of raw_play_days. Fewer days than the kiosks may re-send after means a
// re-sent play is counted again: README "The district's portal".
int roll_up(const std::filesystem::path& config_file, std::optional<int> days) {
    core::Result<portal::PortalConfig> config = portal::load_portal_config(config_file);
    if (!config) {
        log_line("cấu hình sai: " + portal::problem_text(config.problem()));
        return 2;
    }
    portal::PortalDatabase database(config->database_file, config->utc_offset_minutes);
    log_schema_upgrade(database, *config);
    const std::size_t rolled = database.roll_up(now_milliseconds() / 1000, days.value_or(config->raw_play_days));
    std::printf("đã gộp %zu lượt nhận trước %d ngày thành số đếm theo ngày (%s)\n", rolled,
                days.value_or(config->raw_play_days), config->database_file.c_str());
    return 0;
}

int serve(const std::filesystem::path& config_file, const std::filesystem::path& port_file) {
    core::Result<portal::PortalConfig> config = portal::load_portal_config(config_file);
    if (!config) {
        log_line("cấu hình sai, không chạy: " + portal::problem_text(config.problem()));
        return 2;
    }
    raise_descriptor_limit();
    // SIGTERM, SIGINT and SIGHUP are waited for below; blocked before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    portal::PortalDatabase database(config->database_file, config->utc_offset_minutes);
    log_schema_upgrade(database, *config);
    database.leave_checkpoints_to_another_connection();
    const portal::WalCheckpointer checkpointer(config->database_file, log_line);
    portal::PortalService service(*config, database, log_line, now_milliseconds);
    (void)service.registry();
    portal::HttpServer server(
        portal::HttpServerOptions{.address = config->listen_address,
                                  .port = config->port,
                                  .max_body_bytes = core::max_report_bytes,
                                  .max_connections = config->max_connections,
                                  .timeout_seconds = config->connection_timeout_seconds,
                                  .threads = 2,
                                  .log = log_line},
        [&service](const portal::HttpRequest& request, const portal::Respond& respond) { service.handle(request, respond); });
    log_line("nghe tại http://" + config->listen_address + ":" + std::to_string(server.port()) + " (cơ sở dữ liệu " +
             config->database_file.string() + ")");
    if (!port_file.empty()) {
        std::ofstream(port_file) << server.port() << "\n";
    }
    auto next_roll_up = std::chrono::steady_clock::now();
    while (true) {
        if (std::chrono::steady_clock::now() >= next_roll_up) {
            try {
                const std::size_t rolled = database.roll_up(now_milliseconds() / 1000, config->raw_play_days);
                if (rolled > 0) log_line("gộp " + std::to_string(rolled) + " lượt cũ thành số đếm theo ngày");
            } catch (const std::exception& error) {
                log_line(std::string("chưa gộp được lượt cũ: ") + error.what());
            }
            next_roll_up += std::chrono::hours(1);
        }
        const timespec wait{.tv_sec = 1, .tv_nsec = 0};
        const int received = sigtimedwait(&signals, nullptr, &wait);
        if (received == SIGTERM || received == SIGINT) break;
    }
    log_line("dừng");
    return 0;
}

int enroll(const std::filesystem::path& registry_file, const std::string& kiosk_id, const std::string& public_key,
           const std::string& site, const std::string& place) {
    const auto refuse = [](const std::string& text) {
        std::fprintf(stderr, "bangvang-portal enroll: %s\n", text.c_str());
        return 2;
    };
    if (!core::is_identifier(kiosk_id)) return refuse("--kiosk \"" + kiosk_id + "\": mã máy chỉ gồm chữ thường, số và '-'");
    if (!core::is_identifier(site)) return refuse("--site \"" + site + "\": mã điểm chỉ gồm chữ thường, số và '-'");
    core::Result<sync::PublicKey> key = sync::parse_public_key(public_key, "--public-key");
    if (!key) return refuse("--public-key: không phải khóa công khai Ed25519 (base64 của 32 byte), xem dòng máy in ra khi cài");
    core::Result<portal::KioskRegistry> registry = portal::enroll_kiosk(
        registry_file, portal::EnrolledKiosk{.kiosk_id = kiosk_id, .public_key = *key, .site = site, .place = place});
    if (!registry) return refuse("sổ máy không đổi: " + portal::problem_text(registry.problem()));
    std::printf("đã đăng ký máy %s (điểm %s) vào %s: %zu máy\n", kiosk_id.c_str(), site.c_str(), registry_file.c_str(),
                registry->kiosks.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bangvang-portal: nhận báo cáo của các màn hình, trang tình trạng (/fleet) và báo cáo tuyên truyền (/report)"};
    app.set_help_flag("-h,--help", "in hướng dẫn này");
    std::filesystem::path config_file;
    std::filesystem::path port_file;
    app.add_option("--config", config_file, "tệp cấu hình JSON (README: \"The district's portal\")");
    app.add_option("--port-file", port_file, "ghi cổng đang nghe vào tệp này (khi port = 0)");

    CLI::App* check = app.add_subcommand("check-config", "chỉ kiểm tra tệp cấu hình rồi thoát");
    check->add_option("--config", config_file, "tệp cấu hình JSON")->required();

    CLI::App* roll_up_command = app.add_subcommand("roll-up", "gộp ngay các lượt đã nhận lâu hơn raw_play_days thành số đếm theo ngày");
    roll_up_command->add_option("--config", config_file, "tệp cấu hình JSON")->required();
    std::optional<int> roll_up_days;
    roll_up_command->add_option("--days", roll_up_days,
                                "thay raw_play_days (0: gộp mọi lượt; chỉ khi không máy nào còn gửi lại, vd. để đo)")
        ->check(CLI::Range(0, 3650));

    CLI::App* enroll_command = app.add_subcommand("enroll", "đăng ký một màn hình (mã máy, khóa công khai, điểm đặt) vào sổ máy");
    std::filesystem::path registry_file;
    std::string kiosk_id, public_key, site, place;
    enroll_command->add_option("--registry", registry_file, "sổ máy (JSON), ví dụ /etc/bangvang-portal/kiosks.json")->required();
    enroll_command->add_option("--kiosk", kiosk_id, "mã máy, như kiosk_id trong cấu hình của máy")->required();
    enroll_command->add_option("--public-key", public_key, "khóa công khai báo cáo của máy (base64), in ra khi cài máy")->required();
    enroll_command->add_option("--site", site, "mã điểm đặt, ví dụ phuong-nhan-chinh")->required();
    enroll_command->add_option("--place", place, "nơi đặt máy, ví dụ \"UBND phường Nhân Chính, sảnh tầng 1\"");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }
    try {
        if (roll_up_command->parsed()) return roll_up(config_file, roll_up_days);
        if (enroll_command->parsed()) return enroll(registry_file, kiosk_id, public_key, site, place);
        if (check->parsed()) {
            core::Result<portal::PortalConfig> config = portal::load_portal_config(config_file);
            if (!config) {
                std::fprintf(stderr, "bangvang-portal: cấu hình sai: %s\n", portal::problem_text(config.problem()).c_str());
                return 2;
            }
            std::printf("cấu hình %s hợp lệ\n", config_file.c_str());
            return 0;
        }
        if (config_file.empty()) {
            std::fprintf(stderr, "bangvang-portal: thiếu --config FILE (xem --help)\n");
            return 2;
        }
        return serve(config_file, port_file);
    } catch (const std::exception& error) {
        log_line(std::string("lỗi, dừng: ") + error.what());
        return 1;
    }
}
