#include "publish/csv_table.hpp"

#include "publish/staff_messages.hpp"

namespace bangvang::publish {

namespace {

char detect_separator(std::string_view text) {
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    for (char character : text) {
        if (character == '"') quoted = !quoted;
        if (quoted) continue;
        if (character == '\n') break;
        if (character == ',') ++commas;
        if (character == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

}  // namespace

const std::string& CsvRow::cell(std::size_t index) const {
    static const std::string empty;
    return index < cells.size() ? cells[index] : empty;
}

bool CsvRow::blank() const {
    for (const std::string& value : cells) {
        if (!value.empty()) return false;
    }
    return true;
}

core::Result<CsvTable> parse_csv(std::string_view text, std::string_view origin) {
    CsvTable table;
    table.separator = detect_separator(text);
    int line = 1;
    int quote_opened_on = 0;
    CsvRow row{.line = 1, .cells = {}};
    std::string field;
    bool quoted = false;
    bool field_was_quoted = false;
    const auto end_field = [&] {
        row.cells.push_back(field_was_quoted ? field : trimmed(field));
        field.clear();
        field_was_quoted = false;
    };
    const auto end_row = [&] {
        end_field();
        table.rows.push_back(std::move(row));
        row = CsvRow{.line = line, .cells = {}};
    };
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char character = text[index];
        if (quoted) {
            if (character == '"') {
                if (index + 1 < text.size() && text[index + 1] == '"') {
                    field += '"';
                    ++index;
                } else {
                    quoted = false;
                }
            } else {
                if (character == '\n') ++line;
                if (character != '\r') field += character;  // line breaks in a cell become \n
            }
            continue;
        }
        if (character == '"' && trimmed(field).empty()) {
            quoted = true;
            field_was_quoted = true;
            field.clear();
            quote_opened_on = line;
        } else if (character == table.separator) {
            end_field();
        } else if (character == '\n') {
            ++line;
            end_row();
        } else if (character != '\r') {
            field += character;
        }
    }
    if (quoted) {
        return core::Problem{.where = std::string(origin) + ":" + std::to_string(quote_opened_on),
                             .field = "",
                             .reason = say::csv_quote_open().text};
    }
    if (!field.empty() || !row.cells.empty() || field_was_quoted) end_row();
    return table;
}

}  // namespace bangvang::publish
