#include "publish/folder_layout.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "publish/staff_messages.hpp"
#include "publish/staff_text.hpp"

namespace bangvang::publish {

namespace {

std::string lower_extension_of(const std::string& path) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string extension = path.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char character) { return static_cast<char>(std::tolower(character)); });
    return extension;
}

bool is_office_file(const std::string& extension) {
    return extension == ".docx" || extension == ".doc" || extension == ".xlsx" || extension == ".xls" ||
           extension == ".odt" || extension == ".ods";
}

// A text or table meant for the screens, unlike a picture, a note (.md) or a PDF.
bool is_item_like(const std::string& extension) { return extension == ".txt" || extension == ".csv"; }

// "Gương điển hình" -> "guong-dien-hinh": as the folder's name would be written.
std::string folder_slug(std::string_view name) {
    std::string slug;
    for (char character : fold_field_name(name)) {
        const bool keep = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9');
        if (keep) slug += character;
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::size_t edit_distance(std::string_view from, std::string_view to) {
    std::vector<std::size_t> row(to.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= from.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= to.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (from[i - 1] == to[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[to.size()];
}

const ContentFolderLayout* layout_of(std::string_view folder) {
    for (const ContentFolderLayout& layout : content_folder_layout) {
        if (layout.folder == folder) return &layout;
    }
    return nullptr;
}

void check_unknown_folder(const std::string& folder, const std::vector<std::string>& paths,
                          std::vector<Finding>& findings) {
    const std::optional<std::string_view> nearest = nearest_content_folder(folder);
    bool any_item = false;
    for (const std::string& path : paths) {
        if (!is_item_like(lower_extension_of(path))) continue;
        findings.push_back(Finding::error(path, 0, say::folder_not_in_template(folder, nearest)));
        any_item = true;
    }
    // Only pictures and such: a folder of originals is the staff's own, unless its name
    // says it was meant to be a kind folder.
    if (!any_item && nearest) {
        findings.push_back(Finding::error(paths.front(), 0, say::folder_not_in_template(folder, nearest)));
    }
}

}  // namespace

std::optional<std::string_view> nearest_content_folder(std::string_view folder) {
    const std::string slug = folder_slug(folder);
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (const ContentFolderLayout& layout : content_folder_layout) {
        const std::size_t distance = edit_distance(slug, layout.folder);
        if (!best || distance < best_distance) {
            best = layout.folder;
            best_distance = distance;
        }
    }
    // Three slips at most, and fewer for short names: "anh" is near no kind folder.
    if (!best || best_distance > std::min<std::size_t>(3, best->size() / 3)) return std::nullopt;
    return best;
}

void check_folder_layout(const ContentFiles& files, const std::set<std::string>& item_files,
                         std::vector<Finding>& findings) {
    std::vector<std::string> paths;
    for (const auto& [path, bytes] : files.texts) paths.push_back(path);
    paths.insert(paths.end(), files.other_files.begin(), files.other_files.end());
    std::sort(paths.begin(), paths.end());

    std::map<std::string, std::vector<std::string>> unknown_folders;  // folder -> its files
    for (const std::string& path : paths) {
        if (path == source_file_name || item_files.contains(path)) continue;
        const std::string extension = lower_extension_of(path);
        if (extension == ".md") continue;  // the guide and the staff's notes
        const auto slash = path.find('/');
        if (slash == std::string::npos) {
            if (is_item_like(extension)) findings.push_back(Finding::error(path, 0, say::file_outside_folders()));
            if (is_office_file(extension)) findings.push_back(Finding::warning(path, 0, say::office_file_ignored()));
            continue;
        }
        const std::string folder = path.substr(0, slash);
        const ContentFolderLayout* layout = layout_of(folder);
        if (!layout) {
            unknown_folders[folder].push_back(path);
        } else if (is_item_like(extension)) {
            findings.push_back(Finding::error(path, 0, say::wrong_extension_in_folder(layout->folder, layout->extension)));
        } else if (is_office_file(extension)) {
            findings.push_back(Finding::warning(path, 0, say::office_file_ignored()));
        }
    }
    for (const auto& [folder, folder_paths] : unknown_folders) check_unknown_folder(folder, folder_paths, findings);
}

}  // namespace bangvang::publish
