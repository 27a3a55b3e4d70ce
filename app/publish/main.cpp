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

}  // namespace

// Staff read Vietnamese: the help's headings, the options' group and the help flag too.
void speak_vietnamese(CLI::App& app) {
    auto formatter = app.get_formatter();
    formatter->label("Usage", "Cách dùng");
    formatter->label("OPTIONS", "TÙY CHỌN");
    formatter->label("SUBCOMMAND", "LỆNH");
    formatter->label("SUBCOMMANDS", "LỆNH");
    formatter->label("Positionals", "Tham số");
    formatter->label("REQUIRED", "(bắt buộc)");
    formatter->label("Needs", "Cần");
    formatter->label("Excludes", "Không dùng cùng");
    formatter->column_width(34);
    app.option_defaults()->group("Tùy chọn");
    app.set_help_flag("-h,--help", "In hướng dẫn này rồi thoát");
}

// Option value names in Vietnamese: "CHỮ", "SỐ:từ 1 đến 3660", "THƯ-MỤC", "TỆP".
void name_values_in_vietnamese(CLI::App& app) {
    for (CLI::App* command : app.get_subcommands({})) {
        for (CLI::Option* option : command->get_options({})) {
            const std::string full = option->get_type_name();
            if (full.empty()) continue;
            const std::string base = full.substr(0, full.find(':'));
            if (base == "INT" || base == "UINT") option->type_name("SỐ");
            else if (base == "TEXT") option->type_name("CHỮ");
        }
    }
}
CLI::Validator number_range(int low, int high) {
    return CLI::Range(low, high).description("từ " + std::to_string(low) + " đến " + std::to_string(high));
}
CLI::Validator existing_folder() { return CLI::Validator(CLI::ExistingDirectory).description("THƯ-MỤC-CÓ-SẴN"); }
CLI::Validator existing_file() { return CLI::Validator(CLI::ExistingFile).description("TỆP-CÓ-SẴN"); }

CLI::App* add_command(CLI::App& app, const std::string& name, const std::string& description) {
    CLI::App* command = app.add_subcommand(name, description);
    command->group("Lệnh");
    command->set_help_flag("-h,--help", "In hướng dẫn của lệnh này rồi thoát");
    return command;
}

// CLI11 explains a mistaken command line in English: say it in Vietnamese, its words in brackets.
int refuse_command_line(const CLI::App& app, const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help
    std::string what = "không hiểu được";
    if (dynamic_cast<const CLI::RequiredError*>(&error)) what = "thiếu một tham số bắt buộc";
    else if (dynamic_cast<const CLI::ExtrasError*>(&error)) what = "có tham số thừa";
    else if (dynamic_cast<const CLI::ValidationError*>(&error)) what = "có giá trị không dùng được (thư mục hay tệp không có, số ngoài khoảng cho phép)";
    else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) what = "một tùy chọn thiếu giá trị";
    else if (dynamic_cast<const CLI::ConversionError*>(&error)) what = "một giá trị không đúng dạng (cần số)";
    std::fprintf(stderr, "bangvang-publish: %s [%s]\n", publish::say::command_line_mistake(what).c_str(), error.what());
    return error.get_exit_code();
}

int main(int argc, char** argv) {
    keep_large_buffers_for_reuse();
    CLI::App app{"bangvang-publish: kiểm tra, xem trước, ký và đưa nội dung bảng vàng lên cổng thông tin."};
    speak_vietnamese(app);
    app.require_subcommand(1);

    std::filesystem::path key_name;
    CLI::App* keygen = add_command(app, "keygen", "Tạo cặp khóa ký: TÊN.secret (giữ kín) và TÊN.public (cho máy chiếu).");
    keygen->add_option("--out", key_name, "THƯ-MỤC/TÊN của hai tệp khóa, ví dụ keys/quan-thanh-xuan")->required();

    publish::BuildOptions build_options;
    std::string issued_at;
    std::string expires_at;
    std::int64_t version = 0;
    bool build_skip_text_check = false;
    CLI::App* build = add_command(app, "build",
                                  "Kiểm tra như validate rồi đóng gói thư mục nội dung thành bản tin (thư mục xuất); "
                                  "còn lỗi thì không ghi gì.");
    build->add_option("SOURCE_DIR", build_options.source_directory, "thư mục nội dung")
        ->required()
        ->check(existing_folder());
    build->add_option("--out", build_options.feed_directory, "thư mục xuất bản tin (tạo mới nếu chưa có)")->required();
    build->add_option("--key", build_options.key_files, "tệp TÊN.secret của lệnh keygen để ký bản tin (dùng được nhiều lần)")
        ->check(existing_file());
    CLI::Option* version_option = build->add_option(
        "--version", version, "số phiên bản; mặc định: phiên bản trong thư mục xuất + 1, hoặc thời điểm tính bằng giây");
    CLI::Option* issued_option = build->add_option(
        "--issued-at", issued_at, "thời điểm phát hành dạng 2024-11-20T08:00:00+07:00; mặc định: bây giờ");
    build->add_option("--valid-days", build_options.valid_days, "số ngày đến khi bản tin hết hạn")
        ->capture_default_str()
        ->check(number_range(1, 3660));
    CLI::Option* expires_option = build->add_option(
        "--expires-at", expires_at, "thời điểm hết hạn dạng 2025-01-20T08:00:00+07:00 (thay cho --valid-days)");
    build->add_option("--max-side", build_options.pictures.max_side, "cạnh dài nhất của ảnh khi đăng, tính bằng điểm ảnh")
        ->capture_default_str()
        ->check(number_range(320, 8192));
    build->add_option("--jpeg-quality", build_options.pictures.jpeg_quality, "chất lượng JPEG của ảnh được xử lý lại")
        ->capture_default_str()
        ->check(number_range(50, 100));
    build->add_flag("--no-text-check", build_skip_text_check,
                    "bỏ qua bước vẽ thử để xem chữ có vừa màn hình không (nhanh hơn, nhưng chữ quá dài không bị chặn)");

    std::filesystem::path init_directory;
    CLI::App* init = add_command(app, "init", "Tạo thư mục nội dung có sẵn một ví dụ cho mỗi loại và bản hướng dẫn HUONG-DAN.md.");
    init->add_option("DIR", init_directory, "thư mục mới hoặc đang trống")->required();

    std::filesystem::path validate_directory;
    bool skip_text_check = false;
    CLI::App* validate = add_command(
        app, "validate", "Liệt kê mọi lỗi và cảnh báo của thư mục nội dung, kèm tên tệp và số dòng; thoát với mã 1 khi "
                         "có lỗi, 0 khi chỉ có cảnh báo.");
    validate->add_option("DIR", validate_directory, "thư mục nội dung")->required()->check(existing_folder());
    validate->add_flag("--no-text-check", skip_text_check, "bỏ qua bước vẽ thử để xem chữ có vừa màn hình không");

    PreviewRequest preview_request;
    CLI::App* preview = add_command(
        app, "preview", "Vẽ mọi trang đúng như máy chiếu sẽ hiện, ra tệp PNG, rồi in đường dẫn các tệp.");
    preview->add_option("DIR", preview_request.source_directory, "thư mục nội dung")
        ->required()
        ->check(existing_folder());
    preview->add_option("--out", preview_request.output_directory, "thư mục chứa các tệp PNG")->required();
    preview->add_option("--shape", preview_request.shapes,
                        "cỡ màn hình: 1920x1080 (mặc định), 1080x1920, 1280x720, 800x480, hoặc all (dùng được nhiều lần)");
    preview->add_option("--site", preview_request.site,
                        "chỉ vẽ các mục mà máy chiếu ở điểm này hiện (mục \"site\" trong kiosk.json)");
    preview->add_option("--tag", preview_request.tags, "một nhãn của máy chiếu đó (mục \"tags\"; dùng được nhiều lần)")
        ->needs("--site");
    preview->add_option("--place-name", preview_request.place_name,
                        "tên ở đầu trang, như \"place_name\" của máy chiếu; mặc định: điểm, hoặc \"Xem trước\"");
    preview->add_option("--at", preview_request.at,
                        "thời điểm vẽ ở đầu trang (ngày và giờ), dạng 2024-11-20T08:00:00+07:00; mặc định: bây giờ");
    preview->add_option("--theme", preview_request.theme_file, "tệp giao diện của máy chiếu (mục \"theme\" trong kiosk.json)")
        ->check(existing_file());

    publish::PushOptions push_options;
    CLI::App* push = add_command(
        app, "push", "Đưa bản tin đã build lên cổng thông tin bằng HTTP PUT (hoặc chép vào một thư mục): ảnh trước, "
                     "manifest sau cùng.");
    push->add_option("FEED", push_options.feed_directory, "thư mục xuất do lệnh build ghi")
        ->required()
        ->check(existing_folder());
    push->add_option("TARGET", push_options.target, "https://cong-thong-tin/bangvang/NGUON, hoặc một thư mục")->required();
    push->add_option("--token", push_options.token, "mã truy cập, gửi dạng \"Authorization: Bearer MÃ\"");
    push->add_flag("--force", push_options.allow_older, "vẫn đưa lên khi nơi nhận đã có phiên bản bằng hoặc mới hơn");

    std::string status_target;
    CLI::App* status = add_command(app, "status", "Cho biết phiên bản đang được phát ở một địa chỉ hoặc thư mục.");
    status->add_option("TARGET", status_target, "https://cong-thong-tin/bangvang/NGUON, hoặc một thư mục")->required();

    name_values_in_vietnamese(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return refuse_command_line(app, error);
    }
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
            return run_build(build_options, !build_skip_text_check);
        }
    } catch (const std::runtime_error& error) {
        std::fprintf(stderr, "bangvang-publish: %s\n", publish::say::failure(error.what()).text.c_str());
        return 1;
    }
    return 2;
}
