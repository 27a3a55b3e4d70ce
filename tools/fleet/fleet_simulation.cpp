// bangvang-fleet-simulation: N simulated kiosks polling one feed in one process, with the
// kiosk's own sync code and schedule (simulated_fleet.hpp says what differs from a real
// kiosk). Real time throughout: nothing is compressed, an interval of 60 s is 60 s.
// Driven by tools/fleet/fleet_bench.py (./run.sh bench-fleet), which serves the feed with
// nginx, publishes a new version mid-run and adds the server's figures.
//
// Prints `figure: value unit` lines for what the kiosks saw: bytes per kiosk per
// version (per screen size with several --screen), polls, failures, how late the pool
// started polls, its own CPU, and (with --published-file) the time from publishing to
// each kiosk having the new version.
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <sodium.h>

#include "simulated_fleet.hpp"

using namespace bangvang;
namespace fs = std::filesystem;

namespace {

double seconds_of(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration<double>(duration).count();
}

// Nearest rank: the smallest value with at least `fraction` of them at or below it.
template <typename T>
T percentile(std::vector<T> values, double fraction) {
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    std::string value = text.str();
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
    return value;
}

void print_bytes(const std::string& what, const std::vector<std::uint64_t>& values) {
    if (values.empty()) return;
    std::printf("figure: %s bytes per kiosk median/max: %llu / %llu bytes (%zu kiosks)\n", what.c_str(),
                static_cast<unsigned long long>(percentile(values, 0.5)),
                static_cast<unsigned long long>(percentile(values, 1.0)), values.size());
}

std::string screen_name(core::ScreenSize screen) {
    return screen.known() ? std::to_string(screen.width) + "x" + std::to_string(screen.height) : "no screen";
}

// "1920x1080" -> {1920, 1080}; throws for anything else.
core::ScreenSize parse_screen(const std::string& text) {
    int width = 0, height = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &extra) != 2 || width < 1 || height < 1) {
        throw std::runtime_error("--screen " + text + ": expected WIDTHxHEIGHT, e.g. 1920x1080");
    }
    return core::ScreenSize{.width = width, .height = height};
}

// Bytes per kiosk per version for each screen size, when the fleet has several.
void print_bytes_by_screen(const fleet::FleetReport& report) {
    std::map<std::string, std::pair<std::vector<std::uint64_t>, std::vector<std::uint64_t>>> by_screen;
    for (const fleet::KioskRecord& kiosk : report.kiosks) {
        auto& [install, update] = by_screen[screen_name(kiosk.screen)];
        if (kiosk.first_version_at && !kiosk.seeded) install.push_back(kiosk.install_bytes);
        if (kiosk.target_at && kiosk.update_bytes > 0) update.push_back(kiosk.update_bytes);
    }
    for (const auto& [screen, bytes] : by_screen) {
        print_bytes("first version (install) at " + screen, bytes.first);
        print_bytes("new version (update) at " + screen, bytes.second);
    }
}

void print_figures(const fleet::FleetOptions& options, const fleet::FleetReport& report,
                   const std::optional<fleet::SteadyTime>& published) {
    std::vector<std::uint64_t> install, update, not_modified;
    std::size_t polls = 0, not_modified_polls = 0, failures = 0, at_target = 0;
    std::vector<double> delays;
    for (const fleet::KioskRecord& kiosk : report.kiosks) {
        polls += kiosk.polls;
        not_modified_polls += kiosk.not_modified;
        failures += kiosk.failures;
        if (kiosk.first_version_at && !kiosk.seeded) install.push_back(kiosk.install_bytes);
        if (kiosk.target_at && kiosk.update_bytes > 0) update.push_back(kiosk.update_bytes);
        if (kiosk.not_modified > 0) not_modified.push_back(kiosk.not_modified_bytes / kiosk.not_modified);
        if (kiosk.target_at) ++at_target;
        if (kiosk.target_at && published) delays.push_back(seconds_of(*kiosk.target_at - *published));
    }
    std::string screens;
    for (const core::ScreenSize screen : options.screens) screens += (screens.empty() ? "" : ", ") + screen_name(screen);
    std::printf("figure: kiosks simulated: %zu (screens: %s; interval %lld s, first retry %lld s, %zu threads, %s, "
                "real time)\n",
                report.kiosks.size(), screens.empty() ? "none known, originals only" : screens.c_str(),
                static_cast<long long>(options.schedule.interval.count()),
                static_cast<long long>(options.schedule.first_retry.count()), options.threads,
                options.client_per_kiosk ? "a client kept per kiosk" : "a new client per poll");
    std::printf("figure: run time: %.1f s\n", seconds_of(report.elapsed));
    std::printf("figure: polls: %zu (%zu answered 304, %zu failed)\n", polls, not_modified_polls, failures);
    print_bytes("first version (install)", install);
    print_bytes("new version (update)", update);
    if (options.screens.size() > 1) print_bytes_by_screen(report);
    if (!not_modified.empty()) {
        std::printf("figure: unchanged poll (304) bytes median/max (HTTP, TLS not counted): %llu / %llu bytes\n",
                    static_cast<unsigned long long>(percentile(not_modified, 0.5)),
                    static_cast<unsigned long long>(percentile(not_modified, 1.0)));
    }
    if (options.target_version > 0) {
        std::printf("figure: kiosks with version %lld: %zu of %zu\n", static_cast<long long>(options.target_version),
                    at_target, report.kiosks.size());
    }
    if (!delays.empty()) {
        std::printf("figure: publish -> applied median / p99 / max: %.1f / %.1f / %.1f s\n", percentile(delays, 0.5),
                    percentile(delays, 0.99), percentile(delays, 1.0));
    }
    std::printf("figure: polls started late (>1 s after due): %zu, latest %.2f s late\n", report.late_polls,
                seconds_of(report.max_lag));
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    std::printf("figure: simulator CPU: %.1f s (%.0f %% of one core over the run), peak RSS %ld MiB\n", cpu,
                100.0 * cpu / std::max(0.001, seconds_of(report.elapsed)), usage.ru_maxrss / 1024);
}

// One line per kiosk: what fleet_bench.py checks and sums.
void write_results(const fs::path& file, const fleet::FleetReport& report) {
    std::ofstream out(file);
    out << "kiosk\tscreen\tversion\tfirst_version_ns\ttarget_ns\tinstall_bytes\tupdate_bytes\tnot_modified_bytes\tpolls\t"
           "not_modified\tfailures\tlast_error\n";
    const auto nanoseconds = [](const std::optional<fleet::SteadyTime>& at) -> long long {
        return at ? std::chrono::duration_cast<std::chrono::nanoseconds>(at->time_since_epoch()).count() : -1;
    };
    for (std::size_t index = 0; index < report.kiosks.size(); ++index) {
        const fleet::KioskRecord& kiosk = report.kiosks[index];
        std::string error = kiosk.last_error;
        std::replace_if(error.begin(), error.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
        out << index << '\t' << (kiosk.screen.known() ? screen_name(kiosk.screen) : "") << '\t' << kiosk.version << '\t' << nanoseconds(kiosk.first_version_at) << '\t'
            << nanoseconds(kiosk.target_at) << '\t' << kiosk.install_bytes << '\t' << kiosk.update_bytes << '\t'
            << kiosk.not_modified_bytes << '\t' << kiosk.polls << '\t' << kiosk.not_modified << '\t' << kiosk.failures
            << '\t' << error << '\n';
    }
    if (!out) throw std::runtime_error(file.string() + ": cannot be written");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"N simulated kiosks polling one feed with the kiosk's sync code (a benchmark tool)"};
    fleet::FleetOptions options;
    fs::path public_key_file, ready_file, published_file, results_file;
    std::vector<std::string> screen_texts;
    long long interval = 300, first_retry = 30, max_seconds = 600;
    app.add_option("--feed", options.feed_url, "base URL of the feed (as in kiosk.json)")->required();
    app.add_option("--source", options.trust.source_id, "the feed's source id")->required();
    app.add_option("--public-key", public_key_file, "NAME.public of bangvang-publish keygen")->required();
    app.add_option("--ca-file", options.http.ca_file, "extra CA bundle for the server's certificate");
    app.add_option("--kiosks", options.kiosks, "simulated kiosks")->check(CLI::Range(1, 100000));
    app.add_option("--screen", screen_texts,
                   "screen size WIDTHxHEIGHT, as in kiosk.json; several: taken in turn (kiosk i has the "
                   "(i mod n)th); none: no screen known, every kiosk fetches the originals");
    app.add_option("--interval", interval, "poll interval in seconds (the kiosk's default: 300)")
        ->check(CLI::Range(1, 86400));
    app.add_option("--first-retry", first_retry, "wait after a first error in seconds, doubling (the kiosk's: 30)")
        ->check(CLI::Range(1, 86400));
    app.add_option("--threads", options.threads, "threads polling (each poll holds one while it runs)")
        ->check(CLI::Range(1, 64));
    app.add_option("--scratch", options.scratch, "folder for the kiosks' caches (emptied first)")->required();
    app.add_option("--target-version", options.target_version, "stop once every kiosk has this version");
    app.add_option("--max-seconds", max_seconds, "stop after this long whatever happened")->check(CLI::Range(1, 86400));
    app.add_flag("--seed-from-first", options.seed_from_first,
                 "kiosk 0 polls first; the others start with a copy of its cache (no N installs)");
    app.add_flag("--client-per-kiosk", options.client_per_kiosk,
                 "each kiosk keeps its HTTP client between polls, as a real one (TLS sessions resumed)");
    app.add_option("--ready-file", ready_file, "written when every kiosk has its first version");
    app.add_option("--published-file", published_file,
                   "read at the end: CLOCK_MONOTONIC nanoseconds of the new version's publishing");
    app.add_option("--results", results_file, "one line per kiosk (tab-separated)");
    CLI11_PARSE(app, argc, argv);

    try {
        if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
        for (const std::string& text : screen_texts) options.screens.push_back(parse_screen(text));
        curl_global_init(CURL_GLOBAL_DEFAULT);  // before the pool's threads
        core::Result<sync::PublicKey> key = sync::parse_public_key(read_text(public_key_file), public_key_file.string());
        if (!key) throw std::runtime_error(key.problem().message());
        options.trust.configured_keys = {*key};
        options.schedule.interval = std::chrono::seconds(interval);
        options.schedule.first_retry = std::chrono::seconds(first_retry);
        options.max_duration = std::chrono::seconds(max_seconds);
        options.http.user_agent = sync::user_agent_for("fleet-simulation");
        fs::remove_all(options.scratch);
        fs::create_directories(options.scratch);
        if (!ready_file.empty()) {
            options.on_all_synced = [&] {
                std::ofstream(ready_file) << "ready\n";
                std::printf("fleet: every kiosk has its first version\n");
                std::fflush(stdout);
            };
        }
        const fleet::FleetReport report = fleet::run_fleet(options);
        std::optional<fleet::SteadyTime> published;
        if (!published_file.empty() && fs::exists(published_file)) {
            published = fleet::SteadyTime(std::chrono::nanoseconds(std::stoll(read_text(published_file))));
        }
        print_figures(options, report, published);
        if (!results_file.empty()) write_results(results_file, report);
        return options.target_version > 0 && !report.reached_target ? 1 : 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bangvang-fleet-simulation: %s\n", error.what());
        return 2;
    }
}
