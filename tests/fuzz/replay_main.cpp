// Runs a fuzz target over files, as libFuzzer replays a corpus but without clang: every
// file named, and every file in every folder named (folders that do not exist are
// skipped, so a missing ../shared still lets the repository's own inputs run). Prints
// how many inputs ran and the slowest one; an input slower than --slow-seconds (1 s) is
// a failure, as libFuzzer's -timeout would be. A crash ends the program as it would
// under libFuzzer (sanitizer report or abort), naming the input first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_input.hpp"

namespace {

std::vector<std::filesystem::path> inputs_in(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) {
        files.push_back(path);
    } else if (std::filesystem::is_directory(path, error)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
    } else {
        std::fprintf(stderr, "replay: %s does not exist, skipped\n", path.c_str());
    }
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    double slow_seconds = 1.0;
    std::vector<std::filesystem::path> files;
    for (int index = 1; index < argc; ++index) {
        const std::string argument = argv[index];
        if (argument == "--slow-seconds" && index + 1 < argc) {
            slow_seconds = std::atof(argv[++index]);
            continue;
        }
        auto found = inputs_in(argument);
        files.insert(files.end(), found.begin(), found.end());
    }
    if (files.empty()) {
        std::fprintf(stderr, "replay: no inputs found in the paths given\n");
        return 1;
    }
    double slowest = 0;
    std::filesystem::path slowest_file;
    std::size_t slow_inputs = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::fprintf(stderr, "%s\n", file.c_str());  // the input being run, should it crash
        const auto start = std::chrono::steady_clock::now();
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (seconds > slowest) {
            slowest = seconds;
            slowest_file = file;
        }
        if (seconds > slow_seconds) {
            std::fprintf(stderr, "replay: slow input (%.2f s > %.2f s): %s\n", seconds, slow_seconds, file.c_str());
            ++slow_inputs;
        }
    }
    std::printf("replay: %zu inputs, slowest %.3f s (%s)\n", files.size(), slowest, slowest_file.c_str());
    return slow_inputs == 0 ? 0 : 1;
}
