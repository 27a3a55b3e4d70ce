#pragma once
// Staff files come from Notepad, Word, Excel and LibreOffice: UTF-8 with or without a
// byte-order mark, or an old Windows-1258 (Vietnamese) export. Everything becomes UTF-8
// here, or is refused with a message that says how to save the file as UTF-8.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bangvang::publish {

// UTF-8 (a leading BOM removed) as is; a file that reads as Vietnamese in Windows-1258
// converted with iconv; anything else a Problem naming `origin`.
core::Result<std::string> decode_staff_text(std::string_view bytes, std::string_view origin);

// True when every byte above 0x7F is one Windows-1258 uses for Vietnamese letters and
// tone marks, and at least one such byte is there.
bool looks_like_windows_1258(std::string_view bytes);

}  // namespace bangvang::publish
