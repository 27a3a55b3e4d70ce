#pragma once
// Staff text is plain text: only real markup (core/html_tag.hpp) is removed, anything
// else with angle brackets or an ampersand is shown as written. When a piece of it looks
// like HTML all the same ("<Sáng tạo trẻ>", "&nbsp" without its ";"… "&hellip" typed
// as "&helip;"), staff are told, so that a paste from a web page is not published by
// surprise. Pure.
#include <string>
#include <string_view>

namespace bangvang::publish {

// The first piece of `text` that looks like a tag or an entity but that the kiosk will
// show as written, at most 60 bytes of it (never cutting a character); empty when none.
std::string markup_lookalike(std::string_view text);

}  // namespace bangvang::publish
