#include "portal/served_feeds.hpp"


#include "core/manifest_parser.hpp"
#include "files/bounded_read.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::portal {

namespace {

std::optional<std::string> read_small_file(const std::filesystem::path& file, std::size_t max_bytes) {
    try {
        return files::read_whole_file(file, max_bytes);
    } catch (const files::FileError&) {
        return std::nullopt;
    }
}

ServedFeedState read_one(const ServedFeed& feed) {
    ServedFeedState state{.source_id = feed.source_id, .source_name = feed.source_id, .version = {}, .problem = {}, .items = {}};
    const std::filesystem::path manifest_file = feed.directory / "manifest.json";
    const std::optional<std::string> manifest = read_small_file(manifest_file, core::max_manifest_bytes);
    const std::optional<std::string> signature =
        read_small_file(feed.directory / sync::signature_file_name, sync::max_signature_file_bytes);
    if (!manifest || !signature) {
        state.problem = "không đọc được " + manifest_file.string() + " hoặc chữ ký của nó";
        return state;
    }
    core::Result<sync::VerifiedSignature> verified =
        sync::verify_manifest(*manifest, *signature, feed.keys, manifest_file.string());
    if (!verified) {
        state.problem = "chữ ký không hợp lệ: " + verified.problem().message();
        return state;
    }
    core::Result<core::Manifest> parsed = core::parse_manifest(*manifest, manifest_file.string());
    if (!parsed) {
        state.problem = "bản kê không hợp lệ: " + parsed.problem().message();
        return state;
    }
    state.version = parsed->version;
    if (!parsed->source_name.empty()) state.source_name = parsed->source_name;
    for (const core::Item& item : parsed->items) state.items[item.id] = ServedItem{.kind = item.kind, .title = item_title(item)};
    return state;
}

}  // namespace

std::vector<ServedFeedState> read_served_feeds(const std::vector<ServedFeed>& feeds) {
    std::vector<ServedFeedState> states;
    states.reserve(feeds.size());
    for (const ServedFeed& feed : feeds) states.push_back(read_one(feed));
    return states;
}

std::string kind_label(core::ItemKind kind) {
    switch (kind) {
        case core::ItemKind::story: return "Gương điển hình";
        case core::ItemKind::standings: return "Bảng xếp hạng thi đua";
        case core::ItemKind::honor_roll: return "Bảng vàng";
        case core::ItemKind::announcement: return "Thông báo";
        case core::ItemKind::commemoration: return "Kỷ niệm";
    }
    return "Khác";
}

std::string item_title(const core::Item& item) {
    return std::visit(
        [](const auto& content) -> std::string {
            using Content = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<Content, core::Story>) return content.person_name;
            else if constexpr (std::is_same_v<Content, core::Commemoration>) return content.event;
            else return content.title;
        },
        item.content);
}

}  // namespace bangvang::portal
