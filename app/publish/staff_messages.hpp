#pragma once
// Every sentence bangvang-publish says to staff, in Vietnamese, in one place: what is
// wrong or what happened, and what to do. Each message carries a stable English code
// (and, for feed members, the member's path) that support can search for whatever the
// wording becomes: "[too_long story.name]". Call sites never spell a sentence
// themselves; they pick a message here and give it its values. Pure.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bangvang::publish {

struct StaffMessage {
    std::string code;  // "too_long story.name": stable, English, for support
    std::string text;  // Vietnamese, what staff read
};

// A Problem whose reason is already staff text: empty field, the code in brackets after
// the text ("… [picture_unusable]"), `where` the file (or "file:line").
core::Problem staff_problem(std::string where, const StaffMessage& said);

// “value”, in the curly quotes the messages use.
std::string quoted(std::string_view text);

namespace say {

// --- the folder's files --------------------------------------------------------------
StaffMessage unknown_field(std::string_view field, std::string_view known_fields);
StaffMessage field_twice(std::string_view field);
StaffMessage field_missing(std::string_view field);
StaffMessage field_empty(std::string_view field);
StaffMessage not_a_number(std::string_view field, std::string_view value);
StaffMessage not_a_date(std::string_view field, std::string_view value);
StaffMessage not_a_web_address(std::string_view field, std::string_view value);
StaffMessage not_an_id(std::string_view field, std::string_view value);
StaffMessage duration_out_of_range(std::string_view field, std::string_view value);
StaffMessage weight_out_of_range(std::string_view field, std::string_view value);
StaffMessage priority_unknown(std::string_view field, std::string_view value);
// "Ngày trong tuần" and "Giờ" (schedule_fields.hpp): `part` is what was not understood.
StaffMessage weekdays_unknown(std::string_view field, std::string_view part);
StaffMessage hours_unknown(std::string_view field, std::string_view part);
StaffMessage picture_path_unsafe(std::string_view field, std::string_view value);
StaffMessage picture_missing(std::string_view value, std::string_view folder);
StaffMessage story_without_paragraphs();
StaffMessage header_line_not_a_field(std::string_view line_text);
StaffMessage table_missing(std::string_view headings);
StaffMessage table_headings_incomplete(std::string_view required_headings);
StaffMessage table_without_rows();
StaffMessage rank_not_whole(std::string_view value);
StaffMessage change_not_whole(std::string_view value);
StaffMessage csv_quote_open();
StaffMessage not_utf8();
StaffMessage source_file_missing();
StaffMessage source_line_missing(std::string_view field);
StaffMessage source_unknown_field(std::string_view field);
StaffMessage id_from_file_name_impossible();
StaffMessage id_taken(std::string_view id, std::string_view other_file);
StaffMessage file_outside_folders();
// A file in a folder the template does not have; `nearest` the kind folder it was
// probably meant for (folder_layout.hpp).
StaffMessage folder_not_in_template(std::string_view folder, std::optional<std::string_view> nearest);
StaffMessage wrong_extension_in_folder(std::string_view folder, std::string_view extension);
// Text with something like a tag or an entity that is not real markup: shown as written.
StaffMessage markup_shown(std::string_view field, std::string_view snippet);
// A character no font of the kiosk draws: `label` the field, `character` it, `code_point`
// "U+1F9A9", `what` a short kind ("ký tự dùng riêng") or empty.
StaffMessage glyph_missing(std::string_view label, std::string_view character, std::string_view code_point,
                           std::string_view what);
// Letters written right to left (`script` "Ả Rập", "Do Thái"…): `sample` their first ones.
StaffMessage right_to_left_text(std::string_view label, std::string_view script, std::string_view sample,
                                 std::string_view code_point);
// The same message about the member of an item of source.json (which has no lines):
// "mục “le-khai-giang”, story.body[2]: …".
StaffMessage in_json_item(std::string_view item_id, StaffMessage said);
StaffMessage office_file_ignored();
StaffMessage folder_without_items();

// --- pictures --------------------------------------------------------------------------
StaffMessage picture_too_small(std::string_view picture, int width, int height, int minimum_side);
// A picture the build cannot use; `reason` is the image code's (English) reason.
StaffMessage picture_unusable(std::string_view picture, std::string_view reason);

// --- the kiosk's rules and the screens -----------------------------------------------------
// A problem the kiosk's own feed check found in what the folder became: `label` is the
// field as staff wrote it ("Tên", "Điểm (hàng 3)"), `problem` the parser's.
StaffMessage feed_rule(std::string_view label, const core::Problem& problem);
StaffMessage text_cut_everywhere(std::string_view item_id, std::string_view shapes);
StaffMessage text_cut_everywhere_reachable(std::string_view item_id, std::string_view shapes, std::string_view why);
StaffMessage text_cut_on_some_screens(std::string_view item_id, std::string_view shapes);
std::string qr_code_leads_to_article();
// A story's link too long for its QR code to scan at `shapes` ("800x480, 1280x720"):
// `length` and `maximum` in bytes; `accented` when letters with diacritics count double.
StaffMessage link_too_long(std::size_t length, std::size_t maximum, std::string_view shapes, bool accented);

// --- the build's options, keys, and the machine ------------------------------------------
StaffMessage option_refused(std::string_view option, std::string_view what_to_write);
StaffMessage version_below_previous(std::int64_t previous);
StaffMessage expiry_not_after_issue(std::string_view issued_at);
StaffMessage key_file_unreadable(std::string_view file);
StaffMessage key_file_invalid(std::string_view file, std::string_view reason);
StaffMessage not_a_content_folder(std::string_view folder);
StaffMessage failure(std::string_view what);  // a failure of the machine (disk, network, SDL)

// --- what the commands print --------------------------------------------------------------
std::string checking_folder(std::string_view folder);
std::string summary(std::size_t errors, std::size_t warnings);
std::string build_refused(std::size_t errors);
std::string built(std::string_view manifest_file, std::string_view source_id, std::int64_t version, std::size_t items,
                  std::size_t media, std::string_view expires_at);
std::string signed_with(std::string_view signature_file);
std::string not_signed();
std::string picture_progress(std::size_t index, std::size_t total, std::string_view picture, int width, int height,
                             bool re_encoded);
std::string preview_slide(std::string_view file, bool text_cut);
std::string preview_refused(std::size_t errors);
std::string shape_unknown(std::string_view text);
std::string moment_unknown(std::string_view text, std::string_view reason);
std::string media_progress(std::size_t index, std::size_t total, std::string_view what, std::uint64_t bytes);
std::string pushed(std::int64_t version, std::string_view target, std::size_t uploaded, std::size_t skipped,
                   double mebibytes, double seconds);
std::string replaced_version(std::int64_t version);
std::string push_http_failed(std::string_view method, std::string_view url, long status);
std::string push_request_failed(std::string_view method, std::string_view url, std::string_view reason);
std::string push_feed_incomplete(std::string_view file);
std::string push_media_altered(std::string_view file);
std::string push_not_newer(std::string_view target, std::int64_t live, std::int64_t version);
std::string push_other_source(std::string_view target, std::string_view live_source, std::string_view source);
std::string push_feed_invalid(std::string_view reason);
std::string not_a_feed_manifest(std::string_view where);
std::string status_empty(std::string_view target);
std::string status_live(std::string_view target, std::int64_t version, std::string_view source_id,
                        std::string_view issued_at, std::string_view expires_at, bool signed_feed);
std::string keys_written(std::string_view secret_file, std::string_view public_file, std::string_view public_key,
                         std::string_view key_id);
std::string init_written(std::string_view file);
std::string init_next_step(std::string_view guide, std::string_view folder);
std::string command_line_mistake(std::string_view detail);
// Failures of the machine (PublishError): what could not be done, to which path, and why.
std::string cannot_read(std::string_view path, std::string_view cause);
std::string cannot_write(std::string_view path, std::string_view cause);
std::string cannot_create_folder(std::string_view path, std::string_view cause);
std::string key_exists(std::string_view path);
std::string key_name_needed(std::string_view given);

}  // namespace say

// "guong-dien-hinh/03-le-thu-trang.txt, dòng 2: lỗi: “Tên” dài 187 ký tự, tối đa 120 [too_long story.name]"
struct Finding;
std::string format_finding(const Finding& finding);

}  // namespace bangvang::publish
