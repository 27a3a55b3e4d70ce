#pragma once
// What `validate` (and a refused `build` or `preview`) tells staff: every problem at
// once, each with its file and line, errors (the feed cannot be built) apart from
// warnings (it can, but something will look poor on screen). The words come from
// staff_messages.hpp, in Vietnamese.
#include <string>
#include <utility>
#include <vector>

#include "publish/staff_messages.hpp"

namespace bangvang::publish {

enum class Severity { error, warning };

struct Finding {
    Severity severity = Severity::error;
    std::string file;  // relative to the content folder: "guong-dien-hinh/nguyen-thi-hoa.txt"
    int line = 0;      // 0 when the whole file is meant
    std::string message;  // Vietnamese (staff_messages.hpp)
    std::string code;     // stable English code for support: "too_long story.name"

    static Finding error(std::string file, int line, StaffMessage said) {
        return {Severity::error, std::move(file), line, std::move(said.text), std::move(said.code)};
    }
    static Finding warning(std::string file, int line, StaffMessage said) {
        return {Severity::warning, std::move(file), line, std::move(said.text), std::move(said.code)};
    }

    // "guong-dien-hinh/nguyen-thi-hoa.txt, dòng 3: lỗi: … [code]"
    std::string to_string() const { return format_finding(*this); }
};

inline std::size_t count_errors(const std::vector<Finding>& findings) {
    std::size_t errors = 0;
    for (const Finding& finding : findings) errors += finding.severity == Severity::error ? 1 : 0;
    return errors;
}

}  // namespace bangvang::publish
