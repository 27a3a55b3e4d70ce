#pragma once
// Untrusted input (feeds, config files, CSV) is parsed into Result<T>: a value, or
// the problem that stopped it. Failures of the environment (disk, SQLite, SDL) are
// exceptions instead. See README "Conventions".
#include <string>
#include <utility>
#include <variant>

namespace bangvang::core {

struct Problem {
    std::string where;   // e.g. "items[3] (id \"story-lan\")" or "config.json"
    std::string field;   // e.g. "schedule.valid_until"; empty when the whole input is at fault
    std::string reason;  // e.g. "is not an RFC 3339 date-time"

    std::string message() const {
        std::string text = where;
        if (!field.empty()) text += (text.empty() ? "" : ": ") + std::string("field \"") + field + "\"";
        if (!reason.empty()) text += (text.empty() ? "" : ": ") + reason;
        return text;
    }
};

template <typename T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Problem problem) : state_(std::move(problem)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Problem& problem() const { return std::get<Problem>(state_); }

private:
    std::variant<T, Problem> state_;
};

}  // namespace bangvang::core
