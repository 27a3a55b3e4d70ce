#pragma once
// The one least-recently-used cache under a byte budget, for the renderer's texture
// caches (text, images, shapes): looked-up entries move to the front, and before an
// entry is added the least recently used ones leave until it fits (an entry larger
// than the whole budget still goes in, alone). The caller says what an entry weighs.
// Header-only and pure: no SDL, so it is tested on plain values.
#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace bangvang::core {

template <typename Value>
class ByteBudgetLru {
public:
    explicit ByteBudgetLru(std::size_t budget_bytes) : budget_bytes_(budget_bytes) {}

    // The entry, now the most recently used; nullptr when it is not cached. Valid until
    // the next insert() or clear().
    Value* find(const std::string& key) {
        const auto found = index_.find(key);
        if (found == index_.end()) return nullptr;
        entries_.splice(entries_.begin(), entries_, found->second);
        return &found->second->value;
    }

    // Evicts until `bytes` fit, then adds the entry (the key must not be cached yet).
    Value& insert(std::string key, Value value, std::size_t bytes) {
        while (!entries_.empty() && bytes_ + bytes > budget_bytes_) {
            bytes_ -= entries_.back().bytes;
            index_.erase(entries_.back().key);
            entries_.pop_back();
        }
        entries_.push_front(Entry{key, std::move(value), bytes});
        bytes_ += bytes;
        index_[std::move(key)] = entries_.begin();
        return entries_.front().value;
    }

    // Removes every entry whose value `drop` accepts.
    template <typename Predicate>
    void erase_if(Predicate drop) {
        for (auto entry = entries_.begin(); entry != entries_.end();) {
            if (!drop(std::as_const(entry->value))) {
                ++entry;
                continue;
            }
            bytes_ -= entry->bytes;
            index_.erase(entry->key);
            entry = entries_.erase(entry);
        }
    }

    void clear() {
        index_.clear();
        entries_.clear();
        bytes_ = 0;
    }

    std::size_t size() const { return entries_.size(); }
    std::size_t bytes() const { return bytes_; }
    std::size_t budget_bytes() const { return budget_bytes_; }

private:
    struct Entry {
        std::string key;
        Value value;
        std::size_t bytes = 0;
    };

    std::size_t budget_bytes_;
    std::size_t bytes_ = 0;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace bangvang::core
