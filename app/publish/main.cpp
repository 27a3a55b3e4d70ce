// bangvang-publish: the staff tool. From a content folder to a signed feed on the portal:
//   keygen, init, validate, preview, build, push, status (see README "Publishing content").
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>

#include "publish/feed_builder.hpp"
#include "publish/key_files.hpp"
#include "publish/publish_error.hpp"

namespace {

using namespace bangvang;

core::UnixSeconds now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void print_progress(const std::string& line) {
    std::fprintf(stderr, "  %s\n", line.c_str());
    std::fflush(stderr);
}

int run_build(publish::BuildOptions options) {
    options.progress = print_progress;
    const auto built = publish::build_feed(options, now_seconds());
    if (!built) {
        std::fprintf(stderr, "bangvang-publish: %s\n", built.problem().message().c_str());
        return 1;
    }
    const core::Manifest& manifest = built->manifest;
    std::printf("wrote %s: source %s, version %lld, %zu items, %zu media files, expires %s\n",
                built->manifest_file.c_str(), manifest.source_id.c_str(), static_cast<long long>(manifest.version),
                manifest.items.size(), manifest.media.size(),
                core::format_rfc3339(manifest.expires_at, core::vietnam_utc_offset_minutes).c_str());
    if (built->signature_file) {
        std::printf("signed: %s\n", built->signature_file->c_str());
    } else {
        std::printf("not signed (no --key): kiosks that require a signature will refuse this feed\n");
    }
    return 0;
}

int run_keygen(const std::filesystem::path& name) {
    const auto files = publish::generate_key_files(name);
    std::printf("secret key: %s (keep it private; it signs your feeds)\n", files.secret_file.c_str());
    std::printf("public key: %s (put this line in every kiosk's config under \"keys\"):\n%s\n",
                files.public_file.c_str(), files.public_key.to_base64().c_str());
    std::printf("key id: %s\n", files.public_key.id().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bangvang-publish: build, check, preview, sign and publish bangvang content."};
    app.require_subcommand(1);

    std::filesystem::path key_name;
    CLI::App* keygen = app.add_subcommand("keygen", "Create a signing key pair: NAME.secret and NAME.public.");
    keygen->add_option("--out", key_name, "DIR/NAME of the key files, e.g. keys/quan-thanh-xuan")->required();

    publish::BuildOptions build_options;
    std::string issued_at;
    std::string expires_at;
    std::int64_t version = 0;
    CLI::App* build = app.add_subcommand(
        "build", "Build a content folder (text and CSV files, or source.json) into a feed directory.");
    build->add_option("SOURCE_DIR", build_options.source_directory, "content folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    build->add_option("--out", build_options.feed_directory, "feed directory to write (created when missing)")
        ->required();
    build->add_option("--key", build_options.key_files, "NAME.secret from keygen; sign the manifest (repeatable)")
        ->check(CLI::ExistingFile);
    CLI::Option* version_option = build->add_option(
        "--version", version, "manifest version; default: the feed folder's version + 1, or the time in seconds");
    CLI::Option* issued_option =
        build->add_option("--issued-at", issued_at, "RFC 3339 instant, e.g. 2024-11-20T08:00:00+07:00; default: now");
    build->add_option("--valid-days", build_options.valid_days, "days until the feed expires")
        ->capture_default_str()
        ->check(CLI::Range(1, 3660));
    CLI::Option* expires_option =
        build->add_option("--expires-at", expires_at, "RFC 3339 instant the feed expires (instead of --valid-days)");
    build->add_option("--max-side", build_options.pictures.max_side, "longest side of a published picture, pixels")
        ->capture_default_str()
        ->check(CLI::Range(320, 8192));
    build->add_option("--jpeg-quality", build_options.pictures.jpeg_quality, "JPEG quality of re-encoded photos")
        ->capture_default_str()
        ->check(CLI::Range(50, 100));

    CLI11_PARSE(app, argc, argv);
    try {
        if (keygen->parsed()) return run_keygen(key_name);
        if (build->parsed()) {
            if (version_option->count() > 0) build_options.version = version;
            if (issued_option->count() > 0) build_options.issued_at = issued_at;
            if (expires_option->count() > 0) build_options.expires_at = expires_at;
            return run_build(build_options);
        }
    } catch (const std::runtime_error& error) {
        std::fprintf(stderr, "bangvang-publish: %s\n", error.what());
        return 1;
    }
    return 2;
}
