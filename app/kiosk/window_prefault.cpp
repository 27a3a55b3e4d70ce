#include "kiosk/window_prefault.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace bangvang::kiosk {

WindowPrefault::WindowPrefault(SDL_Window* window, SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (!window || !renderer || SDL_GetRendererInfo(renderer, &info) != 0) return;
    if ((info.flags & SDL_RENDERER_SOFTWARE) == 0) return;
    // The software renderer made the surface already: this returns the same one.
    const SDL_Surface* surface = SDL_GetWindowSurface(window);
    if (!surface || !surface->pixels) return;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto first = reinterpret_cast<std::uintptr_t>(surface->pixels);
    const std::uintptr_t begin = first & ~(page - 1);
    const std::uintptr_t end = (first + static_cast<std::uintptr_t>(surface->pitch) * surface->h + page - 1) & ~(page - 1);
    // Where the kernel cannot (before Linux 5.14), the first frame faults them as before.
    thread_ = std::thread([begin, end] { madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE); });
}

WindowPrefault::~WindowPrefault() {
    if (thread_.joinable()) thread_.join();
}

WindowPrefault& WindowPrefault::operator=(WindowPrefault&& other) noexcept {
    if (this != &other) {
        if (thread_.joinable()) thread_.join();
        thread_ = std::move(other.thread_);
    }
    return *this;
}

}  // namespace bangvang::kiosk
