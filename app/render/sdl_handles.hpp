#pragma once
// Owning handles for every SDL object the renderer touches, so no code path frees
// by hand. Factories check for null and throw RenderError carrying SDL's reason.
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "media/surface.hpp"

namespace bangvang::render {

// An SDL, SDL_ttf or SDL_image call failed: the message says which call, on what, and why.
class RenderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct WindowDeleter {
    void operator()(SDL_Window* window) const { SDL_DestroyWindow(window); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* renderer) const { SDL_DestroyRenderer(renderer); }
};
struct TextureDeleter {
    void operator()(SDL_Texture* texture) const { SDL_DestroyTexture(texture); }
};
struct FontDeleter {
    void operator()(TTF_Font* font) const { TTF_CloseFont(font); }
};

using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
using FontPtr = std::unique_ptr<TTF_Font, FontDeleter>;
// Surfaces are media's (media/surface.hpp): their factories throw media::MediaError.
using media::create_rgba_surface;
using media::load_image_surface;
using media::SurfaceDeleter;
using media::SurfacePtr;

struct SdlSessionOptions {
    // "dummy" or "offscreen" for headless runs; nullopt lets SDL pick (KMS, X11, Wayland).
    std::optional<std::string> video_driver;
    // With the software renderer, keep SDL from backing the window with an OpenGL
    // texture: about 5x faster frames and a third of the memory (PLATFORM-NOTES). On
    // X11 the window's pixels then reach the server through MIT-SHM. Without it SDL_Init
    // on Linux also creates a test OpenGL context to decide (Mesa, llvmpipe and libLLVM
    // loaded into the process even when no OpenGL is used afterwards). Drivers without
    // a surface of their own (KMS/DRM, Wayland) are not affected. The environment's
    // SDL_FRAMEBUFFER_ACCELERATION still wins.
    bool software_framebuffer = false;
};

// Whether SDL's software renderer serves `video_driver` best: x11 (a plain window
// surface sent through MIT-SHM; on a machine without a GPU OpenGL is llvmpipe, which
// costs far more CPU and memory) and the headless drivers. KMS/DRM and Wayland have no
// surface of their own (software would go through OpenGL anyway): the GPU renders there.
// SDL_RENDER_DRIVER in the environment overrides either choice.
bool software_renderer_suits(std::string_view video_driver);

// SDL_Init + TTF_Init + IMG_Init for the lifetime of the object. Destroy every
// window, renderer, texture and font (and every SlideRenderer) before the session.
class SdlSession {
public:
    explicit SdlSession(const SdlSessionOptions& options = {});
    ~SdlSession();
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;
};

struct WindowOptions {
    std::string title = "bangvang";
    int width = 1920;
    int height = 1080;
    bool fullscreen = false;  // desktop-sized borderless full screen
    bool hidden = false;      // headless rendering into a target texture
};

struct RendererOptions {
    bool software = false;  // the only choice that behaves the same on every machine
    bool vsync = true;
};

WindowPtr create_window(const WindowOptions& options);
// Always able to render into textures (slides are drawn off-screen, then crossfaded).
RendererPtr create_renderer(SDL_Window* window, const RendererOptions& options);
// A texture the size of a slide that SDL_SetRenderTarget can draw into.
TexturePtr create_target_texture(SDL_Renderer* renderer, int width, int height);
TexturePtr create_texture_from_surface(SDL_Renderer* renderer, SDL_Surface* surface);
FontPtr open_font(const std::filesystem::path& path, int pixel_size);

// "<what>: <SDL_GetError()>" as an exception, for calls that report failure by value.
[[noreturn]] void throw_sdl_error(const std::string& what);

}  // namespace bangvang::render
