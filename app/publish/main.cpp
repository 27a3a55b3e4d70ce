// bangvang-publish: the staff tool. From a content folder to a signed feed on the portal:
//   keygen, init, validate, preview, build, push, status (see README "Publishing content").
#include <malloc.h>

#include <chrono>
#include <cstdio>

#include "core/clock_time.hpp"
#include "publish/command_line.hpp"
#include "publish/content_scaffold.hpp"
#include "publish/content_validation.hpp"
#include "publish/feed_builder.hpp"
#include "publish/feed_push.hpp"
#include "publish/key_files.hpp"
#include "publish/publish_error.hpp"
#include "publish/slide_preview.hpp"
#include "publish/text_cuts.hpp"
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

void print_findings(const std::vector<publish::Finding>& findings) {
    for (const auto& finding : findings) std::printf("%s\n", finding.to_string().c_str());
    const std::size_t errors = publish::count_errors(findings);
    std::printf("%s\n", publish::say::summary(errors, findings.size() - errors).c_str());
}

int run_build(publish::BuildOptions options, bool check_text) {
    options.progress = print_progress;
    print_progress(publish::say::checking_folder(options.source_directory.string()));
    const auto checked =
        publish::build_checked_feed(options, now_seconds(), publish::ValidationOptions{.check_text_fits = check_text});
    print_findings(checked.findings);
    if (!checked.built) {
        std::fprintf(stderr, "bangvang-publish: %s\n",
                     publish::say::build_refused(publish::count_errors(checked.findings)).c_str());
        return 1;
    }
    const core::Manifest& manifest = checked.built->manifest;
    std::printf("%s\n", publish::say::built(checked.built->manifest_file.string(), manifest.source_id, manifest.version,
                                            manifest.items.size(), manifest.media.size(),
                                            core::format_rfc3339(manifest.expires_at, core::vietnam_utc_offset_minutes))
                            .c_str());
    if (checked.built->signature_file) {
        std::printf("%s\n", publish::say::signed_with(checked.built->signature_file->string()).c_str());
    } else {
        std::printf("%s\n", publish::say::not_signed().c_str());
    }
    return 0;
}

int run_keygen(const std::filesystem::path& name) {
    const auto files = publish::generate_key_files(name);
    std::printf("%s\n", publish::say::keys_written(files.secret_file.string(), files.public_file.string(),
                                                   files.public_key.to_base64(), files.public_key.id())
                            .c_str());
    return 0;
}

int run_init(const std::filesystem::path& directory) {
    for (const auto& file : publish::scaffold_content_folder(directory)) {
        std::printf("%s\n", publish::say::init_written(file.string()).c_str());
    }
    std::printf("%s\n", publish::say::init_next_step((directory / "HUONG-DAN.md").string(), directory.string()).c_str());
    return 0;
}

int run_validate(const std::filesystem::path& directory, bool check_text) {
    print_progress(publish::say::checking_folder(directory.string()));
    const auto findings =
        publish::validate_content(directory, now_seconds(), publish::ValidationOptions{.check_text_fits = check_text});
    print_findings(findings);
    return publish::count_errors(findings) > 0 ? 1 : 0;
}

int run_preview(const publish::PreviewCommand& request) {
    std::vector<publish::ScreenShape> shapes;
    for (const std::string& text : request.shapes) {
        if (text == "all") {
            shapes.insert(shapes.end(), publish::kiosk_screen_shapes.begin(), publish::kiosk_screen_shapes.end());
        } else if (const auto shape = publish::parse_screen_shape(text)) {
            shapes.push_back(*shape);
        } else {
            std::fprintf(stderr, "bangvang-publish: %s\n", publish::say::shape_unknown(text).c_str());
            return 2;
        }
    }
    if (shapes.empty()) shapes.push_back(publish::ScreenShape{});
    core::UnixSeconds moment = now_seconds();
    if (!request.at.empty()) {
        const auto parsed = core::parse_rfc3339(request.at);
        if (!parsed) {
            std::fprintf(stderr, "bangvang-publish: %s\n",
                         publish::say::moment_unknown(request.at, parsed.problem().reason).c_str());
            return 2;
        }
        moment = *parsed;
    }
    std::string place_name = request.place_name;
    if (place_name.empty()) place_name = request.site.empty() ? "Xem trước" : request.site;
    publish::TemporaryDirectory scratch("bangvang-preview");
    const auto checked = publish::build_checked_feed(publish::BuildOptions{.source_directory = request.source_directory,
                                                                           .feed_directory = scratch.path() / "feed",
                                                                           .version = 1,
                                                                           .progress = print_progress},
                                                     moment, publish::ValidationOptions{.check_text_fits = false});
    // The slides are the report here: findings other than errors go to stderr.
    for (const auto& finding : checked.findings) std::fprintf(stderr, "%s\n", finding.to_string().c_str());
    if (!checked.built) {
        std::fprintf(stderr, "bangvang-publish: %s\n",
                     publish::say::preview_refused(publish::count_errors(checked.findings)).c_str());
        return 1;
    }
    const auto slides = publish::render_preview(
        checked.built->manifest, publish::PreviewOptions{.feed_directory = scratch.path() / "feed",
                                                 .output_directory = request.output_directory,
                                                 .shapes = shapes,
                                                 .site = request.site.empty() ? std::nullopt
                                                                              : std::optional<std::string>(request.site),
                                                 .tags = request.tags,
                                                 .place_name = place_name,
                                                 .now = moment,
                                                 .theme_file = request.theme_file});
    for (const auto& slide : slides) {
        std::printf("%s\n", publish::say::preview_slide(slide.file.string(), slide.text_cut).c_str());
        // Exactly what this screen shape will not show, from the kiosk's own layout.
        for (const auto& cut : slide.cuts) {
            std::printf("  %s: %s\n", slide.shape.name().c_str(),
                        publish::describe_cut(checked.built->manifest.items[slide.item_index], cut).c_str());
        }
    }
    return 0;
}

int run_push(publish::PushOptions options) {
    options.progress = print_progress;
    const auto started = std::chrono::steady_clock::now();
    const auto pushed = publish::push_feed(options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s\n", publish::say::pushed(pushed.version, options.target, pushed.media_uploaded, pushed.media_skipped,
                                             static_cast<double>(pushed.bytes_uploaded) / (1024.0 * 1024.0), seconds)
                            .c_str());
    if (pushed.previous_version) std::printf("%s\n", publish::say::replaced_version(*pushed.previous_version).c_str());
    return 0;
}

int run_status(const std::string& target) {
    const auto live = publish::live_feed(target);
    if (!live) {
        std::printf("%s\n", publish::say::status_empty(target).c_str());
        return 3;
    }
    std::printf("%s\n", publish::say::status_live(target, live->version, live->source_id, live->issued_at,
                                                  live->expires_at, live->signed_feed)
                            .c_str());
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

// Runs the command asked for; what it prints and its exit code are the staff's answer.
struct RunCommand {
    int operator()(const publish::KeygenCommand& keygen) const { return run_keygen(keygen.key_name); }
    int operator()(const publish::InitCommand& init) const { return run_init(init.directory); }
    int operator()(const publish::ValidateCommand& validate) const { return run_validate(validate.directory, !validate.skip_text_check); }
    int operator()(const publish::PreviewCommand& preview) const { return run_preview(preview); }
    int operator()(const publish::BuildCommand& build) const { return run_build(build.options, !build.skip_text_check); }
    int operator()(const publish::PushCommand& push) const { return run_push(push.options); }
    int operator()(const publish::StatusCommand& status) const { return run_status(status.target); }
};

}  // namespace

int main(int argc, char** argv) {
    keep_large_buffers_for_reuse();
    const auto parsed = publish::parse_command_line(argc, argv);
    if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
    try {
        return std::visit(RunCommand{}, std::get<publish::PublishCommand>(parsed));
    } catch (const std::runtime_error& error) {
        std::fprintf(stderr, "bangvang-publish: %s\n", publish::say::failure(error.what()).text.c_str());
        return 1;
    }
}

