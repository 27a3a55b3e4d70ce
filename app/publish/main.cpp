// bangvang-publish: the staff tool. From a content folder to a signed feed on the portal:
//   keygen, init, validate, preview, build, push, status (see README "Publishing content").
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <chrono>
#include <cstdio>

#include "core/clock_time.hpp"
#include "publish/content_scaffold.hpp"
#include "publish/content_validation.hpp"
#include "publish/feed_builder.hpp"
#include "publish/feed_push.hpp"
#include "publish/key_files.hpp"
#include "publish/publish_error.hpp"
#include "publish/slide_preview.hpp"
#include "publish/temporary_directory.hpp"

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

int run_init(const std::filesystem::path& directory) {
    for (const auto& file : publish::scaffold_content_folder(directory)) std::printf("wrote %s\n", file.c_str());
    std::printf("Đọc %s để bắt đầu; kiểm tra bằng: bangvang-publish validate %s\n",
                (directory / "HUONG-DAN.md").c_str(), directory.c_str());
    return 0;
}

int run_validate(const std::filesystem::path& directory, bool check_text) {
    std::fprintf(stderr, "  checking %s (drawing every slide at every screen shape)\n", directory.c_str());
    const auto findings =
        publish::validate_content(directory, now_seconds(), publish::ValidationOptions{.check_text_fits = check_text});
    for (const auto& finding : findings) std::printf("%s\n", finding.to_string().c_str());
    const std::size_t errors = publish::count_errors(findings);
    std::printf("%zu error(s), %zu warning(s)\n", errors, findings.size() - errors);
    return errors > 0 ? 1 : 0;
}

struct PreviewRequest {
    std::filesystem::path source_directory;
    std::filesystem::path output_directory;
    std::vector<std::string> shapes;
    std::string site;
    std::vector<std::string> tags;
    std::string place_name;
    std::string at;  // RFC 3339; empty: now
    std::filesystem::path theme_file;
};

int run_preview(const PreviewRequest& request) {
    std::vector<publish::ScreenShape> shapes;
    for (const std::string& text : request.shapes) {
        if (text == "all") {
            shapes.insert(shapes.end(), publish::kiosk_screen_shapes.begin(), publish::kiosk_screen_shapes.end());
        } else if (const auto shape = publish::parse_screen_shape(text)) {
            shapes.push_back(*shape);
        } else {
            std::fprintf(stderr, "bangvang-publish: --shape %s: expected WIDTHxHEIGHT such as 1920x1080, or all\n",
                         text.c_str());
            return 2;
        }
    }
    if (shapes.empty()) shapes.push_back(publish::ScreenShape{});
    core::UnixSeconds moment = now_seconds();
    if (!request.at.empty()) {
        const auto parsed = core::parse_rfc3339(request.at);
        if (!parsed) {
            std::fprintf(stderr, "bangvang-publish: --at %s: %s; expected e.g. 2024-11-20T08:00:00+07:00\n",
                         request.at.c_str(), parsed.problem().reason.c_str());
            return 2;
        }
        moment = *parsed;
    }
    std::string place_name = request.place_name;
    if (place_name.empty()) place_name = request.site.empty() ? "Xem trước" : request.site;
    publish::TemporaryDirectory scratch("bangvang-preview");
    const auto built = publish::build_feed(publish::BuildOptions{.source_directory = request.source_directory,
                                                                 .feed_directory = scratch.path() / "feed",
                                                                 .version = 1,
                                                                 .progress = print_progress},
                                           moment);
    if (!built) {
        std::fprintf(stderr, "bangvang-publish: %s\n", built.problem().message().c_str());
        return 1;
    }
    const auto slides = publish::render_preview(
        built->manifest, publish::PreviewOptions{.feed_directory = scratch.path() / "feed",
                                                 .output_directory = request.output_directory,
                                                 .shapes = shapes,
                                                 .site = request.site.empty() ? std::nullopt
                                                                              : std::optional<std::string>(request.site),
                                                 .tags = request.tags,
                                                 .place_name = place_name,
                                                 .now = moment,
                                                 .theme_file = request.theme_file});
    for (const auto& slide : slides) {
        std::printf("%s%s\n", slide.file.c_str(), slide.text_cut ? "  (text cut with …)" : "");
    }
    return 0;
}

int run_push(publish::PushOptions options) {
    options.progress = print_progress;
    const auto started = std::chrono::steady_clock::now();
    const auto pushed = publish::push_feed(options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("pushed version %lld to %s: %zu media uploaded, %zu already there, %.1f MiB in %.1f s\n",
                static_cast<long long>(pushed.version), options.target.c_str(), pushed.media_uploaded,
                pushed.media_skipped, static_cast<double>(pushed.bytes_uploaded) / (1024.0 * 1024.0), seconds);
    if (pushed.previous_version) {
        std::printf("replaced version %lld\n", static_cast<long long>(*pushed.previous_version));
    }
    return 0;
}

int run_status(const std::string& target) {
    const auto live = publish::live_feed(target);
    if (!live) {
        std::printf("%s: no feed published yet\n", target.c_str());
        return 3;
    }
    std::printf("%s: version %lld, source %s, issued %s, expires %s, %s\n", target.c_str(),
                static_cast<long long>(live->version), live->source_id.c_str(), live->issued_at.c_str(),
                live->expires_at.c_str(), live->signed_feed ? "signed" : "NOT signed");
    return 0;
}

// Each photo passes through buffers of 30-150 MB (decoded, turned, averaged, encoded).
// glibc returns blocks above its mmap threshold to the kernel when they are freed, so
// every photo page-faulted fresh zeroed memory again: 10 camera photos (4000x3000)
// took 12.3 s instead of 3.3 s. Such blocks stay in the heap for the next photo.
void keep_large_buffers_for_reuse() {
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace

int main(int argc, char** argv) {
    keep_large_buffers_for_reuse();
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

    std::filesystem::path init_directory;
    CLI::App* init = app.add_subcommand("init", "Create a content folder with one example of every kind and a guide.");
    init->add_option("DIR", init_directory, "new or empty folder")->required();

    std::filesystem::path validate_directory;
    bool skip_text_check = false;
    CLI::App* validate = app.add_subcommand(
        "validate", "List every problem of a content folder with file and line; exit 1 on errors, 0 on warnings only.");
    validate->add_option("DIR", validate_directory, "content folder")->required()->check(CLI::ExistingDirectory);
    validate->add_flag("--no-text-check", skip_text_check, "skip drawing the slides to check that text fits");

    PreviewRequest preview_request;
    CLI::App* preview = app.add_subcommand(
        "preview", "Draw every slide as the kiosks will, to PNG files, and print their paths.");
    preview->add_option("DIR", preview_request.source_directory, "content folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    preview->add_option("--out", preview_request.output_directory, "folder for the PNG files")->required();
    preview->add_option("--shape", preview_request.shapes,
                        "screen size: 1920x1080 (default), 1080x1920, 1280x720, 800x480, or all (repeatable)");
    preview->add_option("--site", preview_request.site,
                        "draw only the items a kiosk of this site shows (its \"site\" in kiosk.json)");
    preview->add_option("--tag", preview_request.tags, "a tag of that kiosk (its \"tags\"; repeatable)")
        ->needs("--site");
    preview->add_option("--place-name", preview_request.place_name,
                        "the header's name, as the kiosk's \"place_name\"; default: the site, or \"Xem trước\"");
    preview->add_option("--at", preview_request.at,
                        "the moment drawn in the header (date and clock), RFC 3339 such as "
                        "2024-11-20T08:00:00+07:00; default: now");
    preview->add_option("--theme", preview_request.theme_file, "the kiosk's theme file (its \"theme\" in kiosk.json)")
        ->check(CLI::ExistingFile);

    publish::PushOptions push_options;
    CLI::App* push = app.add_subcommand(
        "push", "Upload a built feed with HTTP PUT (or copy it to a folder): media first, the manifest last.");
    push->add_option("FEED", push_options.feed_directory, "feed directory written by build")
        ->required()
        ->check(CLI::ExistingDirectory);
    push->add_option("TARGET", push_options.target, "https://portal/bangvang/SOURCE, or a folder")->required();
    push->add_option("--token", push_options.token, "access token, sent as \"Authorization: Bearer TOKEN\"");
    push->add_flag("--force", push_options.allow_older, "push even if the target has the same or a newer version");

    std::string status_target;
    CLI::App* status = app.add_subcommand("status", "Print the version live at a URL or folder.");
    status->add_option("TARGET", status_target, "https://portal/bangvang/SOURCE, or a folder")->required();

    CLI11_PARSE(app, argc, argv);
    try {
        if (keygen->parsed()) return run_keygen(key_name);
        if (init->parsed()) return run_init(init_directory);
        if (validate->parsed()) return run_validate(validate_directory, !skip_text_check);
        if (preview->parsed()) return run_preview(preview_request);
        if (push->parsed()) return run_push(push_options);
        if (status->parsed()) return run_status(status_target);
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
