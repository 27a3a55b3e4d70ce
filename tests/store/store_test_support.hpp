#pragma once
// Shared fixtures for the store tests: a temporary folder removed afterwards, and
// small valid manifests built from the core model.
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "store/media_store.hpp"

namespace bangvang::store::testing {

class TemporaryDirectory {
public:
    TemporaryDirectory() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
        path_ = std::filesystem::temp_directory_path() /
                ("bangvang-store-test-" + std::to_string(randombytes_uniform(1u << 30)) + "-" +
                 std::to_string(randombytes_uniform(1u << 30)));
        std::filesystem::create_directories(path_);
    }
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream output(file, std::ios::binary | std::ios::trunc);
    output.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!output) throw std::runtime_error("cannot write test file " + file.string());
}

inline std::string read_file(const std::filesystem::path& file) {
    std::ifstream input(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>());
}

inline core::UnixSeconds at(const char* rfc3339) {
    auto parsed = core::parse_rfc3339(rfc3339);
    if (!parsed) throw std::runtime_error(std::string("bad test time ") + rfc3339);
    return *parsed;
}

// Bytes standing in for a photo; only their hash and size matter to the store.
inline std::string photo_bytes(const std::string& label) {
    return "not really a JPEG: " + label + std::string(100 + label.size() * 7, 'x');
}

inline core::MediaRef media_for(const std::string& bytes) {
    return core::MediaRef{.sha256 = sha256_hex(bytes),
                          .size_bytes = static_cast<std::int64_t>(bytes.size()),
                          .width = 800,
                          .height = 1000,
                          .mime_type = "image/jpeg"};
}

inline core::Item story_item(const std::string& id, std::optional<std::string> photo = std::nullopt) {
    core::Story story;
    story.person_name = "Nguyễn Thị Hoa";
    story.role = "Tổ trưởng tổ dân phố số 5";
    story.unit = "Phường Nhân Chính";
    story.headline = "Người giữ lửa phong trào " + id;
    story.body = {"Bà Hoa vận động bà con giữ gìn vệ sinh khu phố.", "Tổ dân phố số 5 đạt danh hiệu khu dân cư văn hóa."};
    story.photo = std::move(photo);
    return core::Item{.id = id, .kind = core::ItemKind::story, .schedule = {}, .audience = {}, .content = story};
}

inline core::Item announcement_item(const std::string& id) {
    core::Announcement announcement;
    announcement.title = "Phát động phong trào thi đua " + id;
    announcement.body = {"Toàn quận thi đua lập thành tích chào mừng 70 năm Giải phóng Thủ đô."};
    return core::Item{.id = id, .kind = core::ItemKind::announcement, .schedule = {}, .audience = {}, .content = announcement};
}

inline core::Manifest manifest_of(const std::string& source_id, std::int64_t version, std::vector<core::Item> items,
                                  std::vector<core::MediaRef> media = {}) {
    return core::Manifest{.source_id = source_id,
                          .source_name = "UBND " + source_id,
                          .version = version,
                          .issued_at = at("2024-11-20T08:00:00+07:00"),
                          .expires_at = at("2025-01-20T08:00:00+07:00"),
                          .media = std::move(media),
                          .items = std::move(items),
                          .next_keys = {}};
}

inline std::vector<std::string> item_ids(const auto& stored_items) {
    std::vector<std::string> ids;
    for (const auto& stored : stored_items) ids.push_back(stored.item.id);
    return ids;
}

}  // namespace bangvang::store::testing
