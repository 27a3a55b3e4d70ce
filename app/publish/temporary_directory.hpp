#pragma once
// A fresh folder under the system's temporary folder, removed with everything in it
// when the object goes: validate and preview build the feed there.
#include <filesystem>
#include <string_view>

namespace bangvang::publish {

class TemporaryDirectory {
public:
    explicit TemporaryDirectory(std::string_view prefix);  // throws PublishError
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace bangvang::publish
