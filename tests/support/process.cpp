#include "support/process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace bangvang::testing {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream contents;
    contents << stream.rdbuf();
    return contents.str();
}

void write_file(const std::filesystem::path& path, const std::string& contents) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream << contents;
}

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char character : text) {
        if (character == '\'') {
            quoted += "'\\''";
        } else {
            quoted += character;
        }
    }
    return quoted + "'";
}

ProcessResult run_process(const std::string& command, const std::filesystem::path& scratch_directory) {
    std::filesystem::create_directories(scratch_directory);
    auto out = scratch_directory / "process.stdout";
    auto err = scratch_directory / "process.stderr";
    std::string full = "(" + command + ") >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) +
                       " </dev/null";
    int status = std::system(full.c_str());
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.standard_output = read_file(out);
    result.standard_error = read_file(err);
    return result;
}

ScratchDirectory::ScratchDirectory(const std::string& name) {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() /
            ("bangvang-test-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(entropy()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace bangvang::testing
