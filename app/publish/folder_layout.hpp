#pragma once
// Which files of a content folder are read, and what is said about the others. A story
// in a misnamed folder ("guong-dien-hnh/", "Thong bao/") or a note beside nguon.txt
// would otherwise vanish from the screens without a word: each is an error naming the
// folder it was probably meant for, so build publishes nothing until it is moved.
// Notes stay possible: any .md file, anywhere, is the staff's own and never read.
// Pictures are read only when an item names them; office files are warned about;
// other files (PDFs, originals) are left alone. Pure.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "publish/content_findings.hpp"
#include "publish/content_folder.hpp"

namespace bangvang::publish {

// The kind folder whose name is nearest to `folder` as staff typed it ("Thong bao" ->
// "thong-bao", "guong-dien-hnh" -> "guong-dien-hinh"), nullopt when none is close.
std::optional<std::string_view> nearest_content_folder(std::string_view folder);

// Findings for every file of `files` that is neither nguon.txt nor one of `item_files`.
void check_folder_layout(const ContentFiles& files, const std::set<std::string>& item_files,
                         std::vector<Finding>& findings);

}  // namespace bangvang::publish
