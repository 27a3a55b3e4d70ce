#pragma once
// What `validate` (and a failed `build`) tells staff: every problem at once, each with
// its file and line, errors (the feed cannot be built) apart from warnings (it can,
// but something will look poor on screen).
#include <string>
#include <vector>

namespace bangvang::publish {

enum class Severity { error, warning };

struct Finding {
    Severity severity = Severity::error;
    std::string file;  // relative to the content folder: "guong-dien-hinh/nguyen-thi-hoa.txt"
    int line = 0;      // 0 when the whole file is meant
    std::string message;

    // "guong-dien-hinh/nguyen-thi-hoa.txt:3: error: ..."
    std::string to_string() const {
        std::string text = file;
        if (line > 0) text += ":" + std::to_string(line);
        text += severity == Severity::error ? ": error: " : ": warning: ";
        return text + message;
    }
};

inline std::size_t count_errors(const std::vector<Finding>& findings) {
    std::size_t errors = 0;
    for (const Finding& finding : findings) errors += finding.severity == Severity::error ? 1 : 0;
    return errors;
}

}  // namespace bangvang::publish
