#pragma once
// Failures of the machine while publishing (unreadable or unwritable files). Mistakes in
// the content itself are core::Problem values instead, so they can name the item.
#include <stdexcept>

namespace bangvang::publish {

struct PublishError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace bangvang::publish
