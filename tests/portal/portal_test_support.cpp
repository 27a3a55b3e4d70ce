#include "portal_test_support.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/report_signature.hpp"
#include "support/process.hpp"
#include "sync/report_signing.hpp"
#include "support/build_paths.hpp"

extern char** environ;

namespace bangvang::portal::testing {

namespace {

using Json = nlohmann::ordered_json;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* target) {
    const std::string line(data, size * count);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& character : name) character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
    }
    return size * count;
}

}  // namespace

EnrolledKiosk TestKiosk::enrolled() const {
    return EnrolledKiosk{.kiosk_id = kiosk_id, .public_key = key.public_key(), .site = site, .place = place};
}

TestKiosk make_kiosk(const std::string& kiosk_id, const std::string& site, const std::string& place) {
    return TestKiosk{.kiosk_id = kiosk_id, .site = site, .place = place, .key = sync::generate_secret_key()};
}

std::string report_body(const TestKiosk& kiosk, const std::vector<PlaySpec>& plays, const std::vector<CountSpec>& counts,
                        std::optional<core::UnixSeconds> heartbeat_at, std::int64_t source_version) {
    constexpr int offset = 7 * 60;
    Json heartbeats = Json::array();
    if (heartbeat_at) {
        heartbeats.push_back(Json{{"at", core::format_rfc3339(*heartbeat_at, offset)},
                                  {"kiosk_id", kiosk.kiosk_id},
                                  {"site", kiosk.site},
                                  {"program_version", "0.1.0"},
                                  {"uptime_seconds", 7200},
                                  {"free_disk_bytes", 5'120'004'096},
                                  {"sources", Json::array({Json{{"id", "quan-thanh-xuan"},
                                                                {"version", source_version},
                                                                {"last_sync", core::format_rfc3339(*heartbeat_at, offset)},
                                                                {"last_error", ""}}})},
                                  {"recent_errors", Json::array()}});
    }
    Json play_list = Json::array();
    for (const PlaySpec& play : plays) {
        play_list.push_back(Json{{"item", play.item},
                                 {"source", play.source},
                                 {"started_at", core::format_rfc3339(play.started_at, offset)},
                                 {"duration_ms", play.duration_milliseconds}});
    }
    Json count_list = Json::array();
    for (const CountSpec& count : counts) {
        count_list.push_back(Json{{"item", count.item},
                                  {"source", count.source},
                                  {"day", count.day},
                                  {"plays", count.plays},
                                  {"duration_ms", count.duration_milliseconds}});
    }
    return Json{{"format", "bangvang.report/1"},
                {"kiosk_id", kiosk.kiosk_id},
                {"site", kiosk.site},
                {"source", "quan-thanh-xuan"},
                {"sent_at", core::format_rfc3339(test_now, offset)},
                {"heartbeats", std::move(heartbeats)},
                {"plays", std::move(play_list)},
                {"play_counts", std::move(count_list)}}
        .dump();
}

std::string signature_value(const TestKiosk& kiosk, std::int64_t timestamp_milliseconds, const std::string& body) {
    const std::string line = sync::report_signature_header_line(kiosk.key, kiosk.kiosk_id, timestamp_milliseconds, body);
    return line.substr(line.find(": ") + 2);
}

KioskRegistry registry_of(const std::vector<TestKiosk>& kiosks) {
    KioskRegistry registry;
    for (const TestKiosk& kiosk : kiosks) registry.kiosks[kiosk.kiosk_id] = kiosk.enrolled();
    return registry;
}

HttpResult http_request(const std::string& method, const std::string& url, const std::string& body,
                        const std::vector<std::string>& headers, const std::string& ca_file, const std::string& user_password) {
    HttpResult result;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    curl_slist* list = nullptr;
    for (const std::string& header : headers) list = curl_slist_append(list, header.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(list, &curl_slist_free_all);
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "POST") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    if (method == "HEAD") curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &append_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, &append_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &result.headers);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 20'000L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
    if (!ca_file.empty()) curl_easy_setopt(curl.get(), CURLOPT_CAINFO, ca_file.c_str());
    if (!user_password.empty()) {
        curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl.get(), CURLOPT_USERPWD, user_password.c_str());
    }
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        result.error = curl_easy_strerror(code);
        return result;
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

std::int64_t wall_milliseconds() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::filesystem::path portal_binary() { return bangvang::testing::paths::portal_program; }

PortalOptions portal_options(const std::filesystem::path& folder, int connection_timeout_seconds) {
    PortalOptions options;
    options.folder = folder;
    options.connection_timeout_seconds = connection_timeout_seconds;
    return options;
}

PortalProcess::PortalProcess(PortalOptions options) : options_(std::move(options)) {
    namespace fs = std::filesystem;
    fs::create_directories(options_.folder);
    std::string feeds = "[";
    for (std::size_t index = 0; index < options_.feeds_json.size(); ++index) {
        feeds += (index ? "," : "") + options_.feeds_json[index];
    }
    feeds += "]";
    const fs::path config = options_.folder / "portal.json";
    const fs::path port_file = options_.folder / "port";
    fs::remove(port_file);
    bangvang::testing::write_file(config, "{\n  \"port\": 0,\n  \"database\": \"portal.sqlite3\",\n  \"registry\": \"kiosks.json\",\n"
                                          "  \"district_name\": \"" + options_.district_name + "\",\n"
                                          "  \"poll_interval_seconds\": " + std::to_string(options_.poll_interval_seconds) + ",\n"
                                          "  \"connection_timeout_seconds\": " + std::to_string(options_.connection_timeout_seconds) + ",\n"
                                          "  \"feeds\": " + feeds + "\n}\n");
    const std::string binary = portal_binary().string();
    const std::string config_text = config.string();
    const std::string port_text = port_file.string();
    const std::string log_text = (options_.folder / "portal.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log_text.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    std::vector<char*> arguments{const_cast<char*>(binary.c_str()), const_cast<char*>("--config"),
                                 const_cast<char*>(config_text.c_str()), const_cast<char*>("--port-file"),
                                 const_cast<char*>(port_text.c_str()), nullptr};
    const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, arguments.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + binary);
    for (int attempt = 0; attempt < 200 && port_ == 0; ++attempt) {
        std::ifstream input(port_file);
        int port = 0;
        if (input >> port && port > 0) port_ = port;
        else std::this_thread::sleep_for(std::chrono::milliseconds(25));
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("bangvang-portal exited at start: " + log());
        }
    }
    if (port_ == 0) throw std::runtime_error("bangvang-portal did not start within 5 s: " + log());
}

PortalProcess::~PortalProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

std::string PortalProcess::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string PortalProcess::log() const {
    std::ifstream input(options_.folder / "portal.log");
    std::ostringstream text;
    text << input.rdbuf();
    return text.str();
}

void PortalProcess::kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

int PortalProcess::terminate_and_wait() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
}

}  // namespace bangvang::portal::testing
