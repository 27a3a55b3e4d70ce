// bangvang-publish: the staff tool. `build` turns a content folder into a feed directory.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>

#include "publish/feed_builder.hpp"
#include "publish/publish_error.hpp"

namespace {

using namespace bangvang;

int run_build(const publish::BuildOptions& options) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    try {
        const auto built = publish::build_feed(options, now);
        if (!built) {
            std::fprintf(stderr, "bangvang-publish: %s\n", built.problem().message().c_str());
            return 1;
        }
        const core::Manifest& manifest = built->manifest;
        std::printf("wrote %s: source %s, version %lld, %zu items, %zu media files, expires %s\n",
                    built->manifest_file.c_str(), manifest.source_id.c_str(),
                    static_cast<long long>(manifest.version), manifest.items.size(), manifest.media.size(),
                    core::format_rfc3339(manifest.expires_at, core::vietnam_utc_offset_minutes).c_str());
        return 0;
    } catch (const publish::PublishError& error) {
        std::fprintf(stderr, "bangvang-publish: %s\n", error.what());
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bangvang-publish: builds bangvang content folders into feed directories."};
    app.require_subcommand(1);

    publish::BuildOptions options;
    std::string issued_at;
    std::int64_t version = 0;
    CLI::App* build = app.add_subcommand(
        "build", "Build SOURCE_DIR (source.json and its pictures) into a feed directory (manifest.json, media/).");
    build->add_option("SOURCE_DIR", options.source_directory, "content folder holding source.json")
        ->required()
        ->check(CLI::ExistingDirectory);
    build->add_option("--out", options.feed_directory, "feed directory to write (created when missing)")
        ->required();
    CLI::Option* version_option =
        build->add_option("--version", version, "manifest version; default: issued_at in Unix seconds");
    CLI::Option* issued_option =
        build->add_option("--issued-at", issued_at, "RFC 3339 instant, e.g. 2024-11-20T08:00:00+07:00; default: now");
    build->add_option("--valid-days", options.valid_days, "days until the feed expires")
        ->capture_default_str()
        ->check(CLI::Range(1, 3660));

    CLI11_PARSE(app, argc, argv);
    if (version_option->count() > 0) options.version = version;
    if (issued_option->count() > 0) options.issued_at = issued_at;
    return run_build(options);
}
