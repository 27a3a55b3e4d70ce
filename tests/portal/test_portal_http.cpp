// The real bangvang-portal on loopback: each kind of bad request gets a clear 4xx,
// nothing is stored and the service keeps serving — an oversized body, slow clients,
// 1000 connections at once — and a portal killed in the middle of reports loses none
// (the kiosk re-sends, the counts stay exact). Its config is refused field by field, in
// Vietnamese; `enroll` takes effect without a restart.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "portal/portal_database.hpp"
#include "portal_test_support.hpp"
#include "support/process.hpp"

using namespace bangvang;
using namespace bangvang::portal;
using namespace bangvang::portal::testing;
using bangvang::testing::ScratchDirectory;
using Json = nlohmann::json;

namespace {

struct Socket {
    int handle = -1;
    explicit Socket(int port) {
        handle = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        if (::connect(handle, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(handle);
            handle = -1;
        }
    }
    ~Socket() {
        if (handle >= 0) ::close(handle);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    bool send_text(const std::string& text) const {
        return handle >= 0 && ::send(handle, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
    }
    // True when the server closed the connection within `seconds` (reads and drops what comes).
    bool closed_within(int seconds) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        char buffer[4096];
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd waiting{.fd = handle, .events = POLLIN, .revents = 0};
            if (::poll(&waiting, 1, 200) <= 0) continue;
            const ssize_t got = ::recv(handle, buffer, sizeof buffer, 0);
            if (got <= 0) return true;
        }
        return false;
    }
};

void raise_own_descriptor_limit() {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

std::int64_t stored_plays(const PortalProcess& portal) {
    const PortalDatabase database(portal.database_file());
    std::int64_t plays = 0;
    for (const PlayTotal& total : database.play_totals({2000, 1, 1}, {2100, 1, 1})) plays += total.plays;
    return plays;
}

HttpResult post_report(const PortalProcess& portal, const TestKiosk& kiosk, const std::string& body) {
    return http_request("POST", portal.url("/api/report"), body,
                        {"Content-Type: application/json", "X-Bangvang-Signature: " + signature_value(kiosk, wall_milliseconds(), body)});
}

}  // namespace

TEST_CASE("the portal refuses each bad request with a 4xx and keeps serving", "[portal][http]") {
    ScratchDirectory scratch("portal-http-bad");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    bangvang::testing::write_file(scratch.path() / "portal/kiosks.json", registry_json(registry_of({kiosk})));
    PortalProcess portal(portal_options(scratch.path() / "portal"));
    const std::int64_t now = wall_milliseconds() / 1000;

    SECTION("an oversized body gets 413 before it is read") {
        const std::string huge(1024 * 1024 + 1, ' ');
        const HttpResult answer = post_report(portal, kiosk, huge);
        CHECK(answer.status == 413);
        CHECK_THAT(answer.body, Catch::Contains("quá lớn"));
    }
    SECTION("malformed JSON gets 400") {
        const HttpResult answer = post_report(portal, kiosk, "{\"format\": [");
        CHECK(answer.status == 400);
    }
    SECTION("a wrong format gets 400") {
        std::string body = report_body(kiosk, {{"story-a", now - 60}});
        body.replace(body.find("report/1"), 8, "report/2");
        CHECK(post_report(portal, kiosk, body).status == 400);
    }
    SECTION("an unknown kiosk gets 401") {
        const TestKiosk stranger = make_kiosk("la-01", "phuong-la");
        CHECK(post_report(portal, stranger, report_body(stranger, {{"story-a", now - 60}})).status == 401);
    }
    SECTION("a replayed request gets 409") {
        const std::string body = report_body(kiosk, {{"story-a", now - 60}});
        const std::string signature = "X-Bangvang-Signature: " + signature_value(kiosk, wall_milliseconds(), body);
        REQUIRE(http_request("POST", portal.url("/api/report"), body, {signature}).status == 200);
        CHECK(http_request("POST", portal.url("/api/report"), body, {signature}).status == 409);
        CHECK(stored_plays(portal) == 1);
    }
    SECTION("a billion plays get 400") {
        CHECK(post_report(portal, kiosk, report_body(kiosk, {}, {{"story-a", "2024-11-20", 1'000'000'000, 5}})).status == 400);
    }
    SECTION("plays in the future get 422") {
        CHECK(post_report(portal, kiosk, report_body(kiosk, {{"story-a", now + 7200}})).status == 422);
    }
    SECTION("a GET of the report endpoint gets 405") {
        CHECK(http_request("GET", portal.url("/api/report")).status == 405);
    }
    const HttpResult health = http_request("GET", portal.url("/healthz"));
    CHECK(health.status == 200);
    // Every answer says how long the portal itself took (the benchmark reads it).
    REQUIRE(health.headers.count("server-timing") == 1);
    CHECK_THAT(health.headers.at("server-timing"), Catch::Matches("app;dur=[0-9]+\\.[0-9]{3}"));
    const Json fleet = Json::parse(http_request("GET", portal.url("/fleet.json")).body);
    CHECK(fleet.at("refusals").is_object());
}

TEST_CASE("refusals are counted by reason and nothing of them is stored", "[portal][http]") {
    ScratchDirectory scratch("portal-http-count");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    bangvang::testing::write_file(scratch.path() / "portal/kiosks.json", registry_json(registry_of({kiosk})));
    PortalProcess portal(portal_options(scratch.path() / "portal"));
    const TestKiosk stranger = make_kiosk("la-01", "phuong-la");
    for (int index = 0; index < 3; ++index) {
        CHECK(post_report(portal, stranger, report_body(stranger, {{"story-a", test_now}})).status == 401);
    }
    CHECK(http_request("POST", portal.url("/api/report"), "{}").status == 401);
    const Json fleet = Json::parse(http_request("GET", portal.url("/fleet.json")).body);
    CHECK(fleet.at("refusals").at("unknown-kiosk") == 3);
    CHECK(fleet.at("refusals").at("unsigned") == 1);
    CHECK(stored_plays(portal) == 0);
    CHECK_THAT(portal.log(), Catch::Contains("unknown-kiosk") && Catch::Contains("la-01"));
}

TEST_CASE("slow clients are dropped after the timeout while others are served", "[portal][http]") {
    ScratchDirectory scratch("portal-slowloris");
    PortalProcess portal(portal_options(scratch.path() / "portal", 2));
    std::vector<std::unique_ptr<Socket>> slow;
    for (int index = 0; index < 50; ++index) {
        slow.push_back(std::make_unique<Socket>(portal.port()));
        REQUIRE(slow.back()->send_text(index % 2 ? "POST /api/report HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{\"for"
                                                 : "GET /fleet HTTP/1.1\r\nHo"));
    }
    const auto started = std::chrono::steady_clock::now();
    CHECK(http_request("GET", portal.url("/healthz")).status == 200);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    int closed = 0;
    for (const auto& connection : slow) closed += connection->closed_within(6) ? 1 : 0;
    CHECK(closed == 50);
    CHECK(http_request("GET", portal.url("/healthz")).status == 200);
}

TEST_CASE("1000 connections at once are all answered and the portal keeps serving", "[portal][http]") {
    raise_own_descriptor_limit();
    ScratchDirectory scratch("portal-thousand");
    PortalProcess portal(portal_options(scratch.path() / "portal"));
    constexpr int connections = 1000;
    std::vector<std::unique_ptr<Socket>> sockets;
    for (int index = 0; index < connections; ++index) {
        sockets.push_back(std::make_unique<Socket>(portal.port()));
        REQUIRE(sockets.back()->handle >= 0);
    }
    for (const auto& socket : sockets) REQUIRE(socket->send_text("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    // Read every answer until each connection closes, within 60 s all told.
    std::vector<std::string> answers(connections);
    std::vector<bool> done(connections, false);
    int remaining = connections;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (remaining > 0 && std::chrono::steady_clock::now() < deadline) {
        std::vector<pollfd> waiting;
        std::vector<int> which;
        for (int index = 0; index < connections; ++index) {
            if (done[index]) continue;
            waiting.push_back(pollfd{.fd = sockets[index]->handle, .events = POLLIN, .revents = 0});
            which.push_back(index);
        }
        if (::poll(waiting.data(), waiting.size(), 500) <= 0) continue;
        for (std::size_t slot = 0; slot < waiting.size(); ++slot) {
            if (waiting[slot].revents == 0) continue;
            char buffer[2048];
            const ssize_t got = ::recv(waiting[slot].fd, buffer, sizeof buffer, 0);
            if (got > 0) {
                answers[which[slot]].append(buffer, static_cast<std::size_t>(got));
            } else {
                done[which[slot]] = true;
                --remaining;
            }
        }
    }
    int ok = 0;
    for (const std::string& answer : answers) ok += answer.starts_with("HTTP/1.1 200") ? 1 : 0;
    CHECK(remaining == 0);
    CHECK(ok == connections);
    CHECK(http_request("GET", portal.url("/healthz")).status == 200);
}

TEST_CASE("a portal killed in the middle of reports loses none of them", "[portal][http][kill]") {
    ScratchDirectory scratch("portal-kill");
    std::vector<TestKiosk> kiosks;
    for (int index = 0; index < 4; ++index) kiosks.push_back(make_kiosk("kiosk-" + std::to_string(index), "site-" + std::to_string(index % 2)));
    bangvang::testing::write_file(scratch.path() / "portal/kiosks.json", registry_json(registry_of(kiosks)));
    const core::UnixSeconds now = wall_milliseconds() / 1000;
    // Each kiosk owes 60 reports of 20 plays; like the outbox, it keeps a report until a 2xx.
    constexpr int reports_each = 60;
    constexpr int plays_each = 20;
    std::vector<std::vector<std::string>> owed(kiosks.size());
    for (std::size_t kiosk = 0; kiosk < kiosks.size(); ++kiosk) {
        for (int report = 0; report < reports_each; ++report) {
            std::vector<PlaySpec> plays;
            for (int play = 0; play < plays_each; ++play) {
                plays.push_back({"story-" + std::to_string(play % 3), now - 3600 + report * plays_each + play, 15'000});
            }
            owed[kiosk].push_back(report_body(kiosks[kiosk], plays));
        }
    }
    const auto deliver = [&](const PortalProcess& portal, std::atomic<bool>& stop) {
        std::vector<std::thread> senders;
        for (std::size_t kiosk = 0; kiosk < kiosks.size(); ++kiosk) {
            senders.emplace_back([&, kiosk] {
                while (!owed[kiosk].empty() && !stop) {
                    const HttpResult answer = post_report(portal, kiosks[kiosk], owed[kiosk].front());
                    if (answer.status >= 200 && answer.status < 300) owed[kiosk].erase(owed[kiosk].begin());
                    else if (answer.status == 0) break;  // the portal is gone: keep it for later
                }
            });
        }
        for (std::thread& sender : senders) sender.join();
    };
    {
        PortalProcess portal(portal_options(scratch.path() / "portal"));
        std::atomic<bool> stop{false};
        std::thread killer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            portal.kill_now();
        });
        deliver(portal, stop);
        killer.join();
    }
    std::size_t left = 0;
    for (const auto& list : owed) left += list.size();
    INFO("reports still owed after the kill: " << left);
    {
        PortalProcess portal(portal_options(scratch.path() / "portal"));
        std::atomic<bool> stop{false};
        deliver(portal, stop);
        for (const auto& list : owed) CHECK(list.empty());
        CHECK(stored_plays(portal) == static_cast<std::int64_t>(kiosks.size()) * reports_each * plays_each);
    }
}

TEST_CASE("the portal refuses a bad config naming the field, in Vietnamese", "[portal][http]") {
    ScratchDirectory scratch("portal-config");
    const auto check = [&](const std::string& json) {
        bangvang::testing::write_file(scratch.path() / "portal.json", json);
        return bangvang::testing::run_process(portal_binary().string() + " check-config --config " +
                                                  bangvang::testing::shell_quote((scratch.path() / "portal.json").string()),
                                              scratch.path());
    };
    const auto bad_port = check(R"({"port": 70000, "database": "p.sqlite3", "registry": "k.json"})");
    CHECK(bad_port.exit_code == 2);
    CHECK_THAT(bad_port.standard_error, Catch::Contains("portal.json: trường \"port\": phải là số nguyên từ 0 đến 65535"));
    const auto missing = check(R"({"port": 8090, "registry": "k.json"})");
    CHECK_THAT(missing.standard_error, Catch::Contains("trường \"database\": bắt buộc"));
    const auto typo = check(R"({"database": "p.sqlite3", "registry": "k.json", "prot": 1})");
    CHECK_THAT(typo.standard_error, Catch::Contains("trường \"prot\": không có trường này"));
    const auto public_address = check(R"({"database": "p.sqlite3", "registry": "k.json", "listen_address": "0.0.0.0"})");
    CHECK_THAT(public_address.standard_error, Catch::Contains("trường \"listen_address\""));
    const auto bad_key = check(R"({"database": "p.sqlite3", "registry": "k.json", "feeds": [{"source": "q", "directory": "f", "keys": ["abc"]}]})");
    CHECK_THAT(bad_key.standard_error, Catch::Contains("trường \"feeds[0].keys[0]\""));
    const auto not_json = check("{");
    CHECK_THAT(not_json.standard_error, Catch::Contains("không phải JSON hợp lệ"));
    const auto fine = check(R"({"database": "p.sqlite3", "registry": "k.json"})");
    CHECK(fine.exit_code == 0);
}

TEST_CASE("enroll adds a kiosk that may report at once, without a restart", "[portal][http]") {
    ScratchDirectory scratch("portal-enroll");
    PortalProcess portal(portal_options(scratch.path() / "portal"));
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh", "UBND phường Nhân Chính");
    const std::string body = report_body(kiosk, {{"story-a", wall_milliseconds() / 1000 - 60}});
    CHECK(post_report(portal, kiosk, body).status == 401);
    const auto enrolled = bangvang::testing::run_process(
        portal_binary().string() + " enroll --registry " + bangvang::testing::shell_quote(portal.registry_file().string()) +
            " --kiosk nhan-chinh-01 --public-key " + kiosk.key.public_key().to_base64() +
            " --site phuong-nhan-chinh --place " + bangvang::testing::shell_quote(kiosk.place),
        scratch.path());
    REQUIRE(enrolled.exit_code == 0);
    CHECK_THAT(enrolled.standard_output, Catch::Contains("nhan-chinh-01"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(post_report(portal, kiosk, body).status == 200);
    const auto bad = bangvang::testing::run_process(
        portal_binary().string() + " enroll --registry " + bangvang::testing::shell_quote(portal.registry_file().string()) +
            " --kiosk X --public-key abc --site s",
        scratch.path());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.standard_error, Catch::Contains("--kiosk"));
}

TEST_CASE("SIGTERM stops the portal within 2 s", "[portal][http]") {
    ScratchDirectory scratch("portal-term");
    PortalProcess portal(portal_options(scratch.path() / "portal"));
    const auto started = std::chrono::steady_clock::now();
    const int status = portal.terminate_and_wait();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
