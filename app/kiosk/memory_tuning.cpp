#include "kiosk/memory_tuning.hpp"

#include <SDL.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace bangvang::kiosk {

namespace {

constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;
// A block starts on a 2 MB boundary (sdl_malloc), so from one huge page up it gains one:
// a 800x1000 photo (3.2 MB, decoded, then copied into its texture) is one huge page and
// 300 small ones instead of 780 small ones, each copy. On the development machine (a VM)
// a 4 KB page fault costs ~15 us, a whole 2 MB page ~0.3 ms.
constexpr std::size_t huge_page_from_bytes = huge_page_bytes;

// Advice, before the block is first touched: where the kernel refuses it, 4 KB pages.
void advise_huge_pages(void* block, std::size_t bytes) {
    if (!block || bytes < huge_page_from_bytes) return;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(block) + bytes) & ~(page - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Every block still comes from malloc and is freed with free(): Xlib frees the window's
// pixels that SDL allocated when the X server has no shared memory.
void* sdl_malloc(std::size_t bytes) {
    if (bytes < huge_page_from_bytes) return std::malloc(bytes);
    // Aligned to a huge page, so that all of it but the last partial 2 MB can be one
    // (glibc maps a block this large on its own; only the page before it is touched).
    // A 1080p texture (8100 KB) is 92 KB short of four huge pages: rounded up, its last
    // 2 MB comes as one page too, not as ~490 small ones.
    const std::size_t whole_pages = (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
    if (whole_pages - bytes <= bytes / 16) bytes = whole_pages;
    void* block = nullptr;
    if (posix_memalign(&block, huge_page_bytes, bytes) != 0) return nullptr;
    advise_huge_pages(block, bytes);
    return block;
}

void* sdl_calloc(std::size_t count, std::size_t size) {
    std::size_t bytes = 0;
    if (__builtin_mul_overflow(count, size, &bytes)) return nullptr;
    if (bytes < huge_page_from_bytes) return std::calloc(count, size);
    void* block = sdl_malloc(bytes);
    if (block) std::memset(block, 0, bytes);
    return block;
}

void* sdl_realloc(void* block, std::size_t bytes) {
    void* moved = std::realloc(block, bytes);
    advise_huge_pages(moved, bytes);  // pages the copy touched stay small
    return moved;
}

void sdl_free(void* block) { std::free(block); }

}  // namespace

void keep_large_buffers_outside_the_heap() {
    // A fixed threshold also turns off glibc's growing one.
    constexpr int threshold_bytes = 256 * 1024;
    mallopt(M_MMAP_THRESHOLD, threshold_bytes);
}

void keep_large_sdl_buffers_in_huge_pages() {
    // The same malloc and free underneath: blocks SDL took before this are freed alike.
    SDL_SetMemoryFunctions(sdl_malloc, sdl_calloc, sdl_realloc, sdl_free);
}

}  // namespace bangvang::kiosk
