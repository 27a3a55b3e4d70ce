#include "publish/command_line.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "publish/help_formatter.hpp"
#include "publish/staff_messages.hpp"

namespace bangvang::publish {

namespace {

// Staff read Vietnamese: the help's headings, the options' group and the help flag too.
void speak_vietnamese(CLI::App& app) {
    app.formatter(std::make_shared<HelpFormatter>());
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
    std::fprintf(stderr, "bangvang-publish: %s [%s]\n", say::command_line_mistake(what).c_str(), error.what());
    return error.get_exit_code();
}


CLI::App* add_keygen(CLI::App& app, KeygenCommand& keygen) {
    CLI::App* command = add_command(app, "keygen", "Tạo cặp khóa ký: TÊN.secret (giữ kín) và TÊN.public (cho máy chiếu).");
    command->add_option("--out", keygen.key_name, "THƯ-MỤC/TÊN của hai tệp khóa, ví dụ keys/quan-thanh-xuan")->required();
    return command;
}

// The options whose absence means "work it out" are read after parsing (finish_build).
struct BuildMoments {
    std::string issued_at;
    std::string expires_at;
    std::int64_t version = 0;
    CLI::Option* version_option = nullptr;
    CLI::Option* issued_option = nullptr;
    CLI::Option* expires_option = nullptr;
};

CLI::App* add_build(CLI::App& app, BuildCommand& build, BuildMoments& moments) {
    BuildOptions& options = build.options;
    CLI::App* command = add_command(app, "build",
                                    "Kiểm tra như validate rồi đóng gói thư mục nội dung thành bản tin (thư mục xuất); "
                                    "còn lỗi thì không ghi gì.");
    command->add_option("SOURCE_DIR", options.source_directory, "thư mục nội dung")->required()->check(existing_folder());
    command->add_option("--out", options.feed_directory, "thư mục xuất bản tin (tạo mới nếu chưa có)")->required();
    command->add_option("--key", options.key_files, "tệp TÊN.secret của lệnh keygen để ký bản tin (dùng được nhiều lần)")
        ->check(existing_file());
    moments.version_option = command->add_option(
        "--version", moments.version, "số phiên bản; mặc định: phiên bản trong thư mục xuất + 1, hoặc thời điểm tính bằng giây");
    moments.issued_option = command->add_option(
        "--issued-at", moments.issued_at, "thời điểm phát hành dạng 2024-11-20T08:00:00+07:00; mặc định: bây giờ");
    command->add_option("--valid-days", options.valid_days, "số ngày đến khi bản tin hết hạn")
        ->capture_default_str()
        ->check(number_range(1, 3660));
    moments.expires_option = command->add_option(
        "--expires-at", moments.expires_at, "thời điểm hết hạn dạng 2025-01-20T08:00:00+07:00 (thay cho --valid-days)");
    command->add_option("--max-side", options.pictures.max_side, "cạnh dài nhất của ảnh khi đăng, tính bằng điểm ảnh")
        ->capture_default_str()
        ->check(number_range(320, 8192));
    command->add_option("--jpeg-quality", options.pictures.jpeg_quality, "chất lượng JPEG của ảnh được xử lý lại")
        ->capture_default_str()
        ->check(number_range(50, 100));
    command->add_flag(
        "--no-renditions", [&options](std::int64_t) { options.pictures.renditions = false; },
        "không làm ảnh thu nhỏ cho từng cỡ màn hình (mọi máy tải ảnh gốc, như bản tin cũ)");
    command->add_flag("--no-text-check", build.skip_text_check,
                      "bỏ qua bước vẽ thử để xem chữ có vừa màn hình không (nhanh hơn, nhưng chữ quá dài không bị chặn)");
    return command;
}

void finish_build(BuildCommand& build, const BuildMoments& moments) {
    if (moments.version_option->count() > 0) build.options.version = moments.version;
    if (moments.issued_option->count() > 0) build.options.issued_at = moments.issued_at;
    if (moments.expires_option->count() > 0) build.options.expires_at = moments.expires_at;
}

CLI::App* add_init(CLI::App& app, InitCommand& init) {
    CLI::App* command =
        add_command(app, "init", "Tạo thư mục nội dung có sẵn một ví dụ cho mỗi loại và bản hướng dẫn HUONG-DAN.md.");
    command->add_option("DIR", init.directory, "thư mục mới hoặc đang trống")->required();
    return command;
}

CLI::App* add_validate(CLI::App& app, ValidateCommand& validate) {
    CLI::App* command = add_command(
        app, "validate", "Liệt kê mọi lỗi và cảnh báo của thư mục nội dung, kèm tên tệp và số dòng; thoát với mã 1 khi "
                         "có lỗi, 0 khi chỉ có cảnh báo.");
    command->add_option("DIR", validate.directory, "thư mục nội dung")->required()->check(existing_folder());
    command->add_flag("--no-text-check", validate.skip_text_check, "bỏ qua bước vẽ thử để xem chữ có vừa màn hình không");
    return command;
}

CLI::App* add_preview(CLI::App& app, PreviewCommand& preview) {
    CLI::App* command =
        add_command(app, "preview", "Vẽ mọi trang đúng như máy chiếu sẽ hiện, ra tệp PNG, rồi in đường dẫn các tệp.");
    command->add_option("DIR", preview.source_directory, "thư mục nội dung")->required()->check(existing_folder());
    command->add_option("--out", preview.output_directory, "thư mục chứa các tệp PNG")->required();
    command->add_option("--shape", preview.shapes,
                        "cỡ màn hình: 1920x1080 (mặc định), 1080x1920, 1280x720, 800x480, hoặc all (dùng được nhiều lần)");
    command->add_option("--site", preview.site, "chỉ vẽ các mục mà máy chiếu ở điểm này hiện (mục \"site\" trong kiosk.json)");
    command->add_option("--tag", preview.tags, "một nhãn của máy chiếu đó (mục \"tags\"; dùng được nhiều lần)")
        ->needs("--site");
    command->add_option("--place-name", preview.place_name,
                        "tên ở đầu trang, như \"place_name\" của máy chiếu; mặc định: điểm, hoặc \"Xem trước\"");
    command->add_option("--at", preview.at,
                        "thời điểm vẽ ở đầu trang (ngày và giờ), dạng 2024-11-20T08:00:00+07:00; mặc định: bây giờ");
    command->add_option("--theme", preview.theme_file, "tệp giao diện của máy chiếu (mục \"theme\" trong kiosk.json)")
        ->check(existing_file());
    return command;
}

CLI::App* add_push(CLI::App& app, PushCommand& push) {
    CLI::App* command = add_command(
        app, "push", "Đưa bản tin đã build lên cổng thông tin bằng HTTP PUT (hoặc chép vào một thư mục): ảnh trước, "
                     "manifest sau cùng.");
    command->add_option("FEED", push.options.feed_directory, "thư mục xuất do lệnh build ghi")
        ->required()
        ->check(existing_folder());
    command->add_option("TARGET", push.options.target, "https://cong-thong-tin/bangvang/NGUON, hoặc một thư mục")->required();
    command->add_option("--token", push.options.token, "mã truy cập, gửi dạng \"Authorization: Bearer MÃ\"");
    command->add_flag("--force", push.options.allow_older, "vẫn đưa lên khi nơi nhận đã có phiên bản bằng hoặc mới hơn");
    return command;
}

CLI::App* add_status(CLI::App& app, StatusCommand& status) {
    CLI::App* command = add_command(app, "status", "Cho biết phiên bản đang được phát ở một địa chỉ hoặc thư mục.");
    command->add_option("TARGET", status.target, "https://cong-thong-tin/bangvang/NGUON, hoặc một thư mục")->required();
    return command;
}

}  // namespace

std::variant<PublishCommand, int> parse_command_line(int argc, char** argv) {
    CLI::App app{"bangvang-publish: kiểm tra, xem trước, ký và đưa nội dung bảng vàng lên cổng thông tin."};
    speak_vietnamese(app);
    app.require_subcommand(1);
    KeygenCommand keygen;
    BuildCommand build;
    BuildMoments moments;
    InitCommand init;
    ValidateCommand validate;
    PreviewCommand preview;
    PushCommand push;
    StatusCommand status;
    // The order of the help's list of commands.
    CLI::App* keygen_command = add_keygen(app, keygen);
    CLI::App* build_command = add_build(app, build, moments);
    CLI::App* init_command = add_init(app, init);
    CLI::App* validate_command = add_validate(app, validate);
    CLI::App* preview_command = add_preview(app, preview);
    CLI::App* push_command = add_push(app, push);
    CLI::App* status_command = add_status(app, status);
    name_values_in_vietnamese(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return refuse_command_line(app, error);
    }
    if (keygen_command->parsed()) return keygen;
    if (init_command->parsed()) return init;
    if (validate_command->parsed()) return validate;
    if (preview_command->parsed()) return preview;
    if (push_command->parsed()) return push;
    if (status_command->parsed()) return status;
    if (build_command->parsed()) {
        finish_build(build, moments);
        return build;
    }
    return 2;
}

}  // namespace bangvang::publish
