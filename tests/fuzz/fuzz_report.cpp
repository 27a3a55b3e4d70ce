// Report records: what the outbox holds (heartbeat rows stored as JSON text, which a
// damaged cache file can turn into anything; item and source ids; error messages that
// quote servers) made into the body of one report POST, which the portal reads. Any
// records give a body that is valid JSON of the documented shape, with every record.
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_input.hpp"
#include "sync/report_delivery.hpp"

namespace {

std::int64_t number_from(std::string_view text) {
    std::int64_t value = 0;
    if (!text.empty()) std::memcpy(&value, text.data(), std::min(text.size(), sizeof value));
    return value;
}

[[noreturn]] void fail(const char* what, const std::string& body) {
    std::fprintf(stderr, "report body %s: %.300s\n", what, body.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    fuzz::InputParts input(fuzz::as_text(data, size));
    const std::uint8_t choice = input.choice();
    const sync::KioskReportIdentity kiosk{std::string(input.part()), std::string(input.part()), (choice % 29) * 60 - 720};

    sync::Heartbeat heartbeat;
    heartbeat.at = number_from(input.part());
    heartbeat.program_version = "0.1.0";
    heartbeat.sources.push_back({std::string(input.part()), number_from(input.part()), number_from(input.part()),
                                 std::string(input.part())});
    heartbeat.recent_errors.push_back({number_from(input.part()), std::string(input.part()), std::string(input.part())});

    store::PendingReport pending;
    pending.source_id = std::string(input.part());
    pending.heartbeats.push_back({1, heartbeat.at, sync::heartbeat_json(kiosk, heartbeat)});
    pending.heartbeats.push_back({2, 0, std::string(input.part())});  // a stored row, as damaged as may be
    core::PlayRecord play{std::string(input.part()), std::string(input.part()), number_from(input.part()),
                          number_from(input.part())};
    pending.plays.push_back({3, play});
    pending.play_counts.push_back({std::string(input.part()), std::string(input.part()), std::string(input.part()),
                                   number_from(input.part()), number_from(input.part())});

    const std::string body = sync::report_json(kiosk, pending, number_from(input.part()));
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) fail("is not a JSON object", body);
    if (json.value("format", "") != "bangvang.report/1") fail("has no format", body);
    if (!json["heartbeats"].is_array() || json["heartbeats"].size() != 2) fail("lost a heartbeat", body);
    if (!json["heartbeats"][0].is_object()) fail("lost the heartbeat written now", body);
    if (!json["plays"].is_array() || json["plays"].size() != 1) fail("lost a play", body);
    if (!json["play_counts"].is_array() || json["play_counts"].size() != 1) fail("lost a count", body);
    return 0;
}
