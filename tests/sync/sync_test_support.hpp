#pragma once
// Signed feed folders built in the test from the core model, with real images from
// the PngSuite corpus so that the image check passes.
#include <filesystem>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "core/manifest_writer.hpp"
#include "core/model.hpp"
#include "store/media_store.hpp"
#include "support/process.hpp"
#include "sync/feed_signature.hpp"
#include "support/build_paths.hpp"

namespace bangvang::sync::testing {

using bangvang::testing::read_file;
using bangvang::testing::write_file;

inline core::UnixSeconds at(const char* rfc3339) {
    auto parsed = core::parse_rfc3339(rfc3339);
    if (!parsed) throw std::runtime_error(std::string("bad test time ") + rfc3339);
    return *parsed;
}

inline const core::UnixSeconds test_now = at("2024-12-01T09:00:00+07:00");

inline std::filesystem::path corpus(const std::string& relative) {
    return std::filesystem::path(bangvang::testing::paths::corpora) / relative;
}

inline core::MediaRef media_for_bytes(const std::string& bytes, const std::string& type, int width = 32, int height = 32) {
    return core::MediaRef{.sha256 = store::sha256_hex(bytes),
                          .size_bytes = static_cast<std::int64_t>(bytes.size()),
                          .width = width,
                          .height = height,
                          .mime_type = type};
}

inline core::Item announcement(const std::string& id, std::optional<std::string> image = std::nullopt) {
    core::Announcement content;
    content.title = "Thông báo " + id;
    content.body = {"Nội dung thông báo."};
    content.image = std::move(image);
    return core::Item{.id = id, .kind = core::ItemKind::announcement, .schedule = {}, .audience = {}, .content = content};
}

// A feed of `source_id` in the making: items and media bytes, then written and signed.
struct FeedBuilder {
    std::string source_id = "quan-thanh-xuan";
    std::int64_t version = 1;
    core::UnixSeconds issued_at = at("2024-11-20T08:00:00+07:00");
    core::UnixSeconds expires_at = at("2025-01-20T08:00:00+07:00");
    std::vector<core::Item> items;
    std::vector<std::pair<core::MediaRef, std::string>> media;  // entry and the bytes served for it
    std::vector<std::string> next_keys;

    // Adds an announcement showing `bytes` as its image; returns the media entry.
    core::MediaRef add_item_with_image(const std::string& id, const std::string& bytes,
                                       const std::string& type = "image/png") {
        core::MediaRef ref = media_for_bytes(bytes, type);
        bool listed = false;
        for (const auto& [existing, ignored] : media) listed = listed || existing.sha256 == ref.sha256;
        if (!listed) media.emplace_back(ref, bytes);
        items.push_back(announcement(id, ref.sha256));
        return ref;
    }

    core::Manifest manifest() const {
        core::Manifest manifest;
        manifest.source_id = source_id;
        manifest.source_name = "UBND " + source_id;
        manifest.version = version;
        manifest.issued_at = issued_at;
        manifest.expires_at = expires_at;
        for (const auto& [ref, ignored] : media) manifest.media.push_back(ref);
        manifest.items = items;
        manifest.next_keys = next_keys;
        return manifest;
    }

    // Writes FOLDER/manifest.json, its signature by `keys`, and FOLDER/media/<sha256>.
    std::string write_to(const std::filesystem::path& folder, const std::vector<SecretKey>& keys) const {
        std::filesystem::remove_all(folder);
        const std::string bytes = core::write_manifest(manifest());
        write_file(folder / "manifest.json", bytes);
        write_file(folder / std::string(signature_file_name), sign_manifest(bytes, keys));
        for (const auto& [ref, content] : media) write_file(folder / "media" / ref.sha256, content);
        return bytes;
    }
};

inline std::string valid_png(const std::string& name = "basn2c08.png") {
    return read_file(corpus("pngsuite/" + name));
}

}  // namespace bangvang::sync::testing
