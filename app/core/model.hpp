#pragma once
// The content model: what a feed manifest says, after parsing and validation.
// Everything here is plain data; parsing lives in manifest_parser, rules about
// when an item may play in eligibility.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "clock_time.hpp"

namespace bangvang::core {

// A part of the original, in its pixels.
struct MediaCrop {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    bool operator==(const MediaCrop&) const = default;
};

// A smaller copy of a picture the publisher made (same picture, same type; same aspect
// ratio unless cut for one screen), content-addressed like any media file: a kiosk may
// fetch it instead of the original when it covers the box the picture is drawn into on
// its screen.
struct Rendition {
    std::string sha256;
    std::int64_t size_bytes = 0;
    int width = 0;
    int height = 0;
    // A rendition cut for one screen (0 x 0: any screen, the whole picture): `crop` is the
    // part of the original the kiosk's cover crop keeps in the picture's one box on a
    // screen of that size, so the kiosk draws the same picture from fewer pixels. Only a
    // kiosk of that screen chooses it.
    int screen_width = 0;
    int screen_height = 0;
    std::optional<MediaCrop> crop;
};

// The largest box a picture is drawn into on a screen of screen_width x screen_height,
// as the publisher measured it with the kiosk's own layout code (default theme).
struct MediaBox {
    int screen_width = 0;
    int screen_height = 0;
    int width = 0;
    int height = 0;
    bool operator==(const MediaBox&) const = default;
};

// A media file, content-addressed: the feed names it only by hash, never by path.
struct MediaRef {
    std::string sha256;  // 64 lowercase hex digits
    std::int64_t size_bytes = 0;
    int width = 0;
    int height = 0;
    std::string mime_type;  // "image/jpeg" or "image/png"
    // Optional (content/FORMAT.md "Renditions"): smaller copies and the boxes they serve.
    std::vector<Rendition> renditions{};
    std::vector<MediaBox> boxes{};
};

struct Story {
    std::string person_name;   // person or collective
    std::string role;          // "Tổ trưởng tổ dân phố số 5"
    std::string unit;          // ward, school or agency
    std::string headline;
    std::vector<std::string> body;  // paragraphs
    std::string award;         // title or form of commendation
    std::string movement;      // emulation movement it belongs to
    std::optional<CivilDate> date;
    std::string portal_url;    // shown as a QR code; http(s) only
    std::optional<std::string> photo;  // sha256 of a MediaRef
};

struct StandingRow {
    int rank = 0;
    std::string unit;
    double score = 0;
    std::optional<int> rank_change;  // positive = moved up since last period
};

struct Standings {
    std::string title;
    std::string cluster;  // "Cụm thi đua số 1 — các phường"
    std::string period;   // "6 tháng đầu năm 2024"
    std::optional<CivilDate> updated;
    double max_score = 100;
    std::vector<StandingRow> rows;  // sorted by rank
};

struct HonorEntry {
    std::string name;
    std::string class_name;
    std::string achievement;
    std::optional<std::string> photo;
};

struct HonorRoll {
    std::string title;
    std::string unit;         // the school or agency
    std::string period;       // "Năm học 2023 – 2024"
    std::vector<HonorEntry> entries;
};

struct Announcement {
    std::string title;
    std::vector<std::string> body;
    std::string movement;
    std::optional<std::string> image;
};

struct Commemoration {
    std::string event;                  // "Ngày Giải phóng Thủ đô"
    CivilDate origin;                   // 1954-10-10
    CivilDate anniversary;              // 2024-10-10
    std::vector<std::string> body;
    std::optional<std::string> image;
};

enum class ItemKind { story, standings, honor_roll, announcement, commemoration };
enum class Priority { normal, urgent };

struct HourWindow {
    int from_minute = 0;  // minutes since local midnight
    int to_minute = 24 * 60;
};

struct Schedule {
    std::optional<UnixSeconds> valid_from;
    std::optional<UnixSeconds> valid_until;
    std::uint8_t weekdays = 0x7f;  // bit 0 = Monday … bit 6 = Sunday
    std::vector<HourWindow> hours;  // empty = all day
    int duration_seconds = 15;
    int weight = 1;
    Priority priority = Priority::normal;
};

struct Audience {
    std::vector<std::string> sites;  // empty = every site
    std::vector<std::string> tags;   // empty = every tag; otherwise any one must match
};

using ItemContent = std::variant<Story, Standings, HonorRoll, Announcement, Commemoration>;

struct Item {
    std::string id;
    ItemKind kind = ItemKind::story;
    Schedule schedule;
    Audience audience;
    ItemContent content;
};

struct Manifest {
    std::string source_id;    // "quan-thanh-xuan"
    std::string source_name;  // "UBND quận Thanh Xuân"
    std::int64_t version = 0;
    UnixSeconds issued_at = 0;
    UnixSeconds expires_at = 0;
    std::vector<MediaRef> media;
    std::vector<Item> items;
    // Ed25519 public keys (base64 of 32 bytes) a kiosk trusts for this source once it
    // has accepted this manifest under a key it already trusted: key rotation.
    std::vector<std::string> next_keys;
};

std::string_view to_string(ItemKind kind);
std::optional<ItemKind> item_kind_from_string(std::string_view name);

// The sha256 of every media file an item needs (photo, image, honour roll photos).
std::vector<std::string> media_used_by(const Item& item);
// Every media hash the item names that is a key of `replacement` becomes its value (the
// same fields media_used_by reads): how a kiosk's manifest names the renditions it chose.
void replace_media(Item& item, const std::map<std::string, std::string, std::less<>>& replacement);

}  // namespace bangvang::core
