#pragma once
// Runs a real program for integration tests and captures what it printed.
#include <filesystem>
#include <string>

namespace bangvang::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string standard_output;
    std::string standard_error;
};

// `command` is passed to /bin/sh; its output goes to files in `scratch_directory`.
ProcessResult run_process(const std::string& command, const std::filesystem::path& scratch_directory);

// A fresh, empty folder under the system's temporary folder, removed on destruction.
class ScratchDirectory {
public:
    explicit ScratchDirectory(const std::string& name);
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& contents);
std::string shell_quote(const std::string& text);

}  // namespace bangvang::testing
