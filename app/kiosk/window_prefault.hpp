#pragma once
// The window's pixels faulted in on a second thread while the first slide is drawn.
//
// SDL's software renderer draws into the window's surface; under X11 that is a fresh
// MIT-SHM segment (8 MB at 1080p), and the first frame copied into it took ~2000 page
// faults of 4 KB (shared memory gets no huge pages), ~15 us each on a small VM, on the
// main thread while the viewer waits. MADV_POPULATE_WRITE on another thread takes them
// meanwhile: it reads and writes no pixel, so it cannot race with SDL.
#include <SDL.h>

#include <thread>

namespace bangvang::kiosk {

class WindowPrefault {
public:
    WindowPrefault() = default;
    // Starts faulting in the window surface's pixels when `renderer` is SDL's software
    // renderer (only it draws into the window's surface; asking another renderer's window
    // for its surface would make one); otherwise does nothing.
    WindowPrefault(SDL_Window* window, SDL_Renderer* renderer);
    ~WindowPrefault();  // waits for the thread, which may not outlive the window
    WindowPrefault(WindowPrefault&& other) noexcept = default;
    WindowPrefault& operator=(WindowPrefault&& other) noexcept;
    WindowPrefault(const WindowPrefault&) = delete;
    WindowPrefault& operator=(const WindowPrefault&) = delete;

private:
    std::thread thread_;
};

}  // namespace bangvang::kiosk
