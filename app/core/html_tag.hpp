#pragma once
// What counts as real markup in a text: a tag of a known HTML element with well-formed
// attributes, a comment, a declaration. Anything else that merely has angle brackets
// is text to show: "Lê Văn <Tí>", "giải <Sáng tạo trẻ>", "3 < 5 > 2". Staff write
// such text in good faith, and stripping it would silently delete their words. Pure.
#include <cstddef>
#include <string_view>

namespace bangvang::core {

// The length of the markup starting at text[position] (a '<'): 0 when it is text,
// std::string_view::npos when it is the start of real markup that never ends
// ("cut <a href=", "<!-- never closed"), which hides the rest of the text.
std::size_t html_tag_length(std::string_view text, std::size_t position);

// Whether `name` (lower case) is a known HTML element, or a namespaced one ("o:p",
// as Word writes) whose prefix is ASCII.
bool is_html_element(std::string_view name);

}  // namespace bangvang::core
