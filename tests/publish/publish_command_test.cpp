// The real bangvang-publish binary, as staff run it: --help everywhere, exit codes of
// validate, and the whole path from init to status through a folder target.
#include <catch2/catch.hpp>

#include <sstream>

#include <filesystem>
#include <fstream>

#include "support/process.hpp"
#include "support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;
using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;

const std::string publish_binary = bangvang::testing::paths::publish_program;

bangvang::testing::ProcessResult publish(const std::string& arguments, const fs::path& scratch) {
    return run_process(shell_quote(publish_binary) + " " + arguments, scratch);
}

}  // namespace

TEST_CASE("every command of bangvang-publish has --help", "[publish][integration]") {
    ScratchDirectory scratch("publish-help");
    for (const std::string command : {"keygen", "init", "validate", "preview", "build", "push", "status"}) {
        const auto help = publish(command + " --help", scratch.path() / command);
        INFO(command << ": " << help.standard_error);
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.standard_output, Catch::Contains("Cách dùng:") && Catch::Contains(command));
        // Every description starts in the same column, however many marks the left side has
        // (CLI11 alone pads by bytes: "THƯ-MỤC" stood three columns short).
        std::istringstream lines(help.standard_output);
        int aligned = 0;
        for (std::string line; std::getline(lines, line);) {
            if (line.size() < 3 || !line.starts_with("  ") || line[2] == ' ') continue;
            const auto gap = line.find("  ", 2);
            if (gap == std::string::npos) continue;
            const std::string left = line.substr(0, line.find_first_not_of(' ', gap));
            std::size_t columns = 0;
            for (char byte : left) columns += (static_cast<unsigned char>(byte) & 0xC0) == 0x80 ? 0 : 1;
            INFO(line);
            CHECK(columns == 34);
            ++aligned;
        }
        CHECK(aligned >= 1);
    }
}

TEST_CASE("init, validate, build with a key, push to a folder, status: as staff run them", "[publish][integration]") {
    ScratchDirectory scratch("publish-commands");
    const fs::path root = scratch.path();
    const std::string content = shell_quote((root / "noi-dung").string());

    CHECK(publish("keygen --out " + shell_quote((root / "keys" / "staff").string()), root / "run-keygen").exit_code == 0);
    CHECK(publish("init " + content, root / "run-init").exit_code == 0);
    const auto clean = publish("validate --no-text-check " + content, root / "run-validate");
    CHECK(clean.exit_code == 0);
    CHECK_THAT(clean.standard_output, Catch::Contains("0 lỗi, 0 cảnh báo"));

    SECTION("warnings only: exit 0; an error: exit 1") {
        std::ofstream(root / "noi-dung" / "thong-bao" / "cuoc-thi-viet.txt", std::ios::app) << "";
        std::ofstream(root / "noi-dung" / "thong-bao" / "them.txt") << "Tiêu đề: Thêm\nMàu: đỏ\n";
        const auto warned = publish("validate --no-text-check " + content, root / "run-warned");
        CHECK(warned.exit_code == 0);
        CHECK_THAT(warned.standard_output, Catch::Contains("thong-bao/them.txt, dòng 2: cảnh báo:"));
        std::ofstream(root / "noi-dung" / "ky-niem" / "sai.txt") << "Sự kiện: Sai\nNgày gốc: 1954-13-10\nNgày kỷ niệm: 10/10/2024\n";
        const auto failed = publish("validate --no-text-check " + content, root / "run-failed");
        CHECK(failed.exit_code == 1);
        CHECK_THAT(failed.standard_output, Catch::Contains("ky-niem/sai.txt, dòng 2: lỗi:") && Catch::Contains("1 lỗi"));
    }
    SECTION("build, push, status") {
        const std::string feed = shell_quote((root / "feed").string());
        const std::string portal = shell_quote((root / "portal").string());
        const auto built = publish("build " + content + " --key " + shell_quote((root / "keys" / "staff.secret").string()) +
                                       " --out " + feed,
                                   root / "run-build");
        INFO(built.standard_error);
        REQUIRE(built.exit_code == 0);
        CHECK_THAT(built.standard_output, Catch::Contains("đã ký:"));
        CHECK_THAT(built.standard_error, Catch::Contains("ảnh 1/2"));
        CHECK(publish("status " + portal, root / "run-status-empty").exit_code == 3);
        const auto pushed = publish("push " + feed + " " + portal, root / "run-push");
        INFO(pushed.standard_error);
        REQUIRE(pushed.exit_code == 0);
        const auto status = publish("status " + portal, root / "run-status");
        CHECK(status.exit_code == 0);
        CHECK_THAT(status.standard_output, Catch::Contains("nguồn phuong-vi-du") && Catch::Contains("đã ký"));
        const auto again = publish("push " + feed + " " + portal, root / "run-push-again");
        CHECK(again.exit_code == 1);
        CHECK_THAT(again.standard_error, Catch::Contains("đã có phiên bản"));
    }
}

namespace {

void write_text(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

// A story no screen shape can show whole, without a link to the rest.
std::string story_too_long_everywhere() {
    std::string story = "Tên: Phạm Quốc Hưng\nTiêu đề: Một câu chuyện rất dài\n\n";
    // Longer than three pages at every shape, in paragraphs of three sentences.
    for (int sentence = 0; sentence < 30; ++sentence) {
        story += "Anh Hưng đã làm việc tận tụy ở bộ phận một cửa trong nhiều năm, hướng dẫn người dân "
                 "nộp hồ sơ trực tuyến, trả lời mọi câu hỏi và không để ai phải đi lại hai lần; những "
                 "việc nhỏ ấy cộng lại thành niềm tin của bà con vào chính quyền cơ sở.";
        story += sentence % 3 == 2 ? "\n\n" : " ";
    }
    return story;
}

}  // namespace

TEST_CASE("staff read every problem in Vietnamese with file and line, all in one run, and build refuses them",
          "[publish][integration]") {
    ScratchDirectory scratch("publish-vietnamese");
    const fs::path root = scratch.path();
    const fs::path folder = root / "noi-dung";
    const std::string content = shell_quote(folder.string());
    const std::string feed = shell_quote((root / "feed").string());
    REQUIRE(publish("init " + content, root / "run-init").exit_code == 0);

    // The kiosk's length rule (a feed-level check) on line 2, beside a folder-level
    // mistake in another file and one in nguon.txt: all three come out at once.
    std::string name;
    for (int letter = 0; letter < 187; ++letter) name += letter % 10 == 9 ? " " : "ễ";
    write_text(folder / "guong-dien-hinh" / "03-le-thu-trang.txt",
               "Chức vụ: Giáo viên\nTên: " + name + "\nTiêu đề: Cô giáo\n\nMột đoạn.\n");
    write_text(folder / "ky-niem" / "sai.txt", "Sự kiện: Sai\nNgày gốc: 1954-13-10\nNgày kỷ niệm: 10/10/2024\n");
    write_text(folder / "nguon.txt", "Mã nguồn: phuong-vi-du\nTên nguồn: " + std::string(130, 'A') + "\n");

    const auto validated = publish("validate --no-text-check " + content, root / "run-validate");
    INFO(validated.standard_output);
    CHECK(validated.exit_code == 1);
    CHECK_THAT(validated.standard_output,
               Catch::Contains("guong-dien-hinh/03-le-thu-trang.txt, dòng 2: lỗi: “Tên” dài 187 ký tự, tối đa 120") &&
                   Catch::Contains("[too_long story.name]"));
    CHECK_THAT(validated.standard_output,
               Catch::Contains("ky-niem/sai.txt, dòng 2: lỗi: “Ngày gốc”: “1954-13-10” không phải là một ngày có thật"));
    CHECK_THAT(validated.standard_output, Catch::Contains("nguon.txt, dòng 2: lỗi: “Tên nguồn” dài 130 ký tự, tối đa 120"));
    CHECK_THAT(validated.standard_output, Catch::Contains("3 lỗi, 0 cảnh báo"));
    CHECK_THAT(validated.standard_output, !Catch::Contains("error") && !Catch::Contains("warning"));

    const auto built = publish("build --no-text-check " + content + " --out " + feed, root / "run-build");
    INFO(built.standard_error);
    CHECK(built.exit_code == 1);
    CHECK_THAT(built.standard_output, Catch::Contains("“Tên” dài 187 ký tự, tối đa 120"));
    CHECK_THAT(built.standard_error, Catch::Contains("chưa xuất bản: còn 3 lỗi"));
    CHECK_FALSE(fs::exists(root / "feed" / "manifest.json"));

    const auto previewed = publish("preview " + content + " --out " + shell_quote((root / "png").string()),
                                   root / "run-preview");
    CHECK(previewed.exit_code == 1);
    CHECK_THAT(previewed.standard_error, Catch::Contains("nguon.txt, dòng 2: lỗi:") && Catch::Contains("chưa vẽ được"));

    SECTION("text too long for every screen: validate's error, so build's refusal too") {
        fs::remove(folder / "guong-dien-hinh" / "03-le-thu-trang.txt");
        fs::remove(folder / "ky-niem" / "sai.txt");
        write_text(folder / "nguon.txt", "Mã nguồn: phuong-vi-du\nTên nguồn: UBND phường Ví Dụ\n");
        write_text(folder / "guong-dien-hinh" / "pham-quoc-hung.txt", story_too_long_everywhere());
        const auto too_long = publish("validate " + content, root / "run-too-long");
        CHECK(too_long.exit_code == 1);
        CHECK_THAT(too_long.standard_output, Catch::Contains("guong-dien-hinh/pham-quoc-hung.txt, dòng ") &&
                                                 Catch::Contains("lỗi: ở màn hình") &&
                                                 Catch::Contains("“Nội dung” dài hơn 3 trang: cắt sau “…"));
        const auto refused = publish("build " + content + " --out " + feed, root / "run-build-too-long");
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.standard_output, Catch::Contains("“Nội dung” dài hơn 3 trang"));
        CHECK_FALSE(fs::exists(root / "feed" / "manifest.json"));
    }
    SECTION("--help, a mistaken command line, status and push speak Vietnamese") {
        const auto help = publish("build --help", root / "run-help");
        CHECK_THAT(help.standard_output, Catch::Contains("Cách dùng:") && Catch::Contains("Tùy chọn:") &&
                                             Catch::Contains("thư mục xuất bản tin") && !Catch::Contains("Usage"));
        const auto mistaken = publish("build " + content, root / "run-mistaken");
        CHECK(mistaken.exit_code != 0);
        CHECK_THAT(mistaken.standard_error, Catch::Contains("lệnh chưa đúng: thiếu một tham số bắt buộc"));
        const auto empty = publish("status " + shell_quote((root / "portal").string()), root / "run-status");
        CHECK(empty.exit_code == 3);
        CHECK_THAT(empty.standard_output, Catch::Contains("chưa có bản nào được đưa lên"));
        const auto no_feed = publish("push " + content + " " + shell_quote((root / "portal").string()), root / "run-push");
        CHECK(no_feed.exit_code == 1);
        CHECK_THAT(no_feed.standard_error, Catch::Contains("bangvang-publish: không làm tiếp được: không đọc được"));
    }
}
