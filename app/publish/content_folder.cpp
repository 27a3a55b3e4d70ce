#include "publish/content_folder.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/clock_time.hpp"
#include "core/identifier.hpp"
#include "publish/content_tables.hpp"
#include "publish/csv_table.hpp"
#include "publish/folder_layout.hpp"
#include "publish/item_builder.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"
#include "publish/staff_text.hpp"
#include "publish/text_encoding.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::string lower_extension(const std::string& relative_path) {
    const auto dot = relative_path.rfind('.');
    if (dot == std::string::npos || relative_path.find('/', dot) != std::string::npos) return {};
    std::string extension = relative_path.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char character) { return static_cast<char>(std::tolower(character)); });
    return extension;
}

// "guong-dien-hinh/a.csv:7" -> 7; 0 when there is no line.
int line_in(const std::string& where) {
    const auto colon = where.rfind(':');
    if (colon == std::string::npos) return 0;
    int line = 0;
    for (std::size_t position = colon + 1; position < where.size(); ++position) {
        if (where[position] < '0' || where[position] > '9') return 0;
        line = line * 10 + (where[position] - '0');
    }
    return line;
}

template <std::size_t Count>
void read_text_kind(ItemBuilder& builder, const std::string& text, const FieldRule (&rules)[Count],
                    bool body_required) {
    const StaffText parsed = parse_staff_text(text);
    for (const LineProblem& problem : parsed.problems) builder.error(problem.line, say::header_line_not_a_field(problem.text));
    builder.apply_fields(parsed.fields, rules);
    if (body_required && parsed.paragraphs.empty()) {
        builder.error(0, say::story_without_paragraphs());
    }
    builder.set_body(parsed.paragraphs);
}

void read_source_file(const ContentFiles& files, ContentFolder& folder, ordered_json& document) {
    const std::string file(source_file_name);
    const auto found = files.texts.find(file);
    if (found == files.texts.end()) {
        folder.findings.push_back(Finding::error(file, 0, say::source_file_missing()));
        return;
    }
    const auto text = decode_staff_text(found->second, file);
    if (!text) {
        folder.findings.push_back(Finding::error(file, 0, say::not_utf8()));
        return;
    }
    const StaffText parsed = parse_staff_text(*text);
    ordered_json source = ordered_json::object();
    for (const HeaderField& field : parsed.fields) {
        if (field.folded_key == "ma nguon" || field.folded_key == "ma") {
            if (!core::is_identifier(field.value)) {
                folder.findings.push_back(Finding::error(file, field.line, say::not_an_id(field.key, field.value)));
            }
            source["id"] = field.value;
            folder.source_lines["source.id"] = field.line;
        } else if (field.folded_key == "ten nguon" || field.folded_key == "ten") {
            source["name"] = field.value;
            folder.source_lines["source.name"] = field.line;
        } else {
            folder.findings.push_back(Finding::warning(file, field.line, say::source_unknown_field(field.key)));
        }
    }
    if (!source.contains("id")) folder.findings.push_back(Finding::error(file, 0, say::source_line_missing("Mã nguồn")));
    if (!source.contains("name")) folder.findings.push_back(Finding::error(file, 0, say::source_line_missing("Tên nguồn")));
    document["source"] = std::move(source);
}

}  // namespace

ContentFolder read_content_files(const ContentFiles& files) {
    ContentFolder folder;
    ordered_json document = ordered_json::object();
    document["format"] = "bangvang.feed/1";
    read_source_file(files, folder, document);
    document["items"] = ordered_json::array();

    std::map<std::string, std::pair<std::string, int>> first_use_of_id;  // id -> file, line
    std::set<std::string> item_files;
    for (const ContentFolderLayout& layout : content_folder_layout) {
        const std::string prefix = std::string(layout.folder) + "/";
        for (const auto& [path, bytes] : files.texts) {
            if (!path.starts_with(prefix) || lower_extension(path) != layout.extension) continue;
            item_files.insert(path);
            ItemBuilder builder(path, layout.kind, folder.findings, files.other_files);
            const auto text = decode_staff_text(bytes, path);
            if (!text) {
                builder.error(0, say::not_utf8());
                continue;
            }
            switch (layout.kind) {
                case core::ItemKind::story: read_text_kind(builder, *text, story_fields, true); break;
                case core::ItemKind::announcement: read_text_kind(builder, *text, announcement_fields, false); break;
                case core::ItemKind::commemoration: read_text_kind(builder, *text, commemoration_fields, false); break;
                case core::ItemKind::standings:
                case core::ItemKind::honor_roll: {
                    const auto table = parse_csv(*text, path);
                    if (!table) {
                        builder.error(line_in(table.problem().where), say::csv_quote_open());
                        continue;
                    }
                    if (layout.kind == core::ItemKind::standings) {
                        read_standings(builder, *table);
                    } else {
                        read_honor_roll(builder, *table);
                    }
                    break;
                }
            }
            const std::string id = builder.id();
            if (!core::is_identifier(id)) builder.error(0, say::id_from_file_name_impossible());
            const auto [previous, inserted] = first_use_of_id.emplace(id, std::make_pair(path, builder.id_line()));
            if (!inserted) {
                builder.error(builder.id_line(), say::id_taken(id, previous->second.first));
            }
            const std::size_t index = document["items"].size();
            const std::string kind_name(core::to_string(layout.kind));
            for (MediaReference reference : builder.references()) {
                reference.json_pointer = "/items/" + std::to_string(index) + "/" + kind_name + reference.json_pointer;
                folder.document.media_references.push_back(std::move(reference));
            }
            folder.item_lines.push_back(builder.lines());
            document["items"].push_back(builder.finish());
            folder.item_files.push_back(path);
        }
    }
    check_folder_layout(files, item_files, folder.findings);
    if (document["items"].empty()) {
        folder.findings.push_back(Finding::error(".", 0, say::folder_without_items()));
    }
    folder.document.json = std::move(document);
    return folder;
}

bool is_content_folder(const fs::path& directory) {
    std::error_code error;
    if (fs::exists(directory / std::string(source_file_name), error)) return true;
    for (const ContentFolderLayout& layout : content_folder_layout) {
        if (fs::is_directory(directory / std::string(layout.folder), error)) return true;
    }
    return false;
}

ContentFiles load_content_files(const fs::path& directory) {
    ContentFiles files;
    std::error_code error;
    fs::recursive_directory_iterator iterator(directory, error);
    if (error) throw PublishError(say::cannot_read(directory.string(), error.message()));
    for (const fs::directory_entry& entry : iterator) {
        if (!entry.is_regular_file(error)) continue;
        const std::string relative = fs::relative(entry.path(), directory).generic_string();
        if (relative.starts_with(".")) continue;  // hidden files and folders (.git, .DS_Store)
        const std::string extension = lower_extension(relative);
        if (extension == ".txt" || extension == ".csv") {
            std::ifstream stream(entry.path(), std::ios::binary);
            if (!stream) throw PublishError(say::cannot_read(entry.path().string(), ""));
            files.texts[relative] = std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
        } else {
            files.other_files.insert(relative);
        }
    }
    return files;
}

}  // namespace bangvang::publish
