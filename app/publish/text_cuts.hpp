#pragma once
// Staff-facing words for text a slide does not show (render::TextCutReport): which field
// of the item it is, where in the staff file that field is, and a Vietnamese summary.
// `validate` and `preview` both describe cuts with these, from the renderer's own report.
#include <map>
#include <string>

#include "core/model.hpp"
#include "render/slide_report.hpp"

namespace bangvang::publish {

struct CutField {
    std::string member;  // the item's member as the folder form records lines: "headline", "body[2]"; empty when unknown
    std::string label;   // what staff call it: "Tiêu đề", "Nội dung"
};

CutField field_of_cut(const core::Item& item, const render::TextCutReport& cut);

// "Nội dung" dài hơn 3 trang: cắt sau “… trong quận.”, không hiện 1.234 ký tự
std::string describe_cut(const core::Item& item, const render::TextCutReport& cut);

// The line of `field` in the staff file (0 when unknown), from the folder form's record
// of each member's line ("story.body[2]" -> 15).
int line_of_cut(const std::map<std::string, int>& lines, const core::Item& item, const CutField& field);

// 1234 -> "1.234", as Vietnamese writes thousands.
std::string vietnamese_count(std::size_t count);

}  // namespace bangvang::publish
