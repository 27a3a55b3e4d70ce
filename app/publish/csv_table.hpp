#pragma once
// Spreadsheets as Excel and LibreOffice save them (RFC 4180 and its local variants):
// comma or semicolon separated (whichever the first line uses outside quotes), fields
// in double quotes may hold separators, doubled quotes and line breaks, lines end in
// LF or CRLF. Pure: UTF-8 text in (see text_encoding.hpp), rows with line numbers out.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bangvang::publish {

struct CsvRow {
    int line = 0;  // 1-based line where the row starts
    std::vector<std::string> cells;  // trimmed of surrounding spaces

    // Empty string past the end, so short rows read as blank cells.
    const std::string& cell(std::size_t index) const;
    bool blank() const;
};

struct CsvTable {
    char separator = ',';
    std::vector<CsvRow> rows;  // blank rows kept, so line numbers stay meaningful
};

// A quote left open at the end of the file is a Problem naming the line it opened on.
core::Result<CsvTable> parse_csv(std::string_view text, std::string_view origin);

}  // namespace bangvang::publish
