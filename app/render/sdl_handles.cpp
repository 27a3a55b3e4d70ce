#include "render/sdl_handles.hpp"

namespace bangvang::render {

void throw_sdl_error(const std::string& what) {
    throw RenderError(what + ": " + SDL_GetError());
}

SdlSession::SdlSession(const SdlSessionOptions& options) {
    if (options.video_driver) SDL_SetHint(SDL_HINT_VIDEODRIVER, options.video_driver->c_str());
    if (options.software_framebuffer) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw_sdl_error("SDL_Init(video)");
    if (TTF_Init() != 0) {
        std::string reason = TTF_GetError();
        SDL_Quit();
        throw RenderError("TTF_Init: " + reason);
    }
    constexpr int wanted = IMG_INIT_JPG | IMG_INIT_PNG;
    if ((IMG_Init(wanted) & wanted) != wanted) {
        std::string reason = IMG_GetError();
        TTF_Quit();
        SDL_Quit();
        throw RenderError("IMG_Init(JPEG, PNG): " + reason);
    }
}

SdlSession::~SdlSession() {
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
}

bool software_renderer_suits(std::string_view video_driver) {
    return video_driver == "x11" || video_driver == "dummy" || video_driver == "offscreen";
}

WindowPtr create_window(const WindowOptions& options) {
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    flags |= options.hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    WindowPtr window(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                      options.width, options.height, flags));
    if (!window) {
        throw_sdl_error("SDL_CreateWindow(" + std::to_string(options.width) + "x" +
                        std::to_string(options.height) + ")");
    }
    return window;
}

RendererPtr create_renderer(SDL_Window* window, const RendererOptions& options) {
    Uint32 flags = SDL_RENDERER_TARGETTEXTURE;
    flags |= options.software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    if (options.vsync && !options.software) flags |= SDL_RENDERER_PRESENTVSYNC;
    RendererPtr renderer(SDL_CreateRenderer(window, -1, flags));
    if (!renderer) throw_sdl_error(options.software ? "SDL_CreateRenderer(software)" : "SDL_CreateRenderer(accelerated)");
    return renderer;
}

TexturePtr create_target_texture(SDL_Renderer* renderer, int width, int height) {
    TexturePtr texture(
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, width, height));
    if (!texture) {
        throw_sdl_error("SDL_CreateTexture(target " + std::to_string(width) + "x" + std::to_string(height) + ")");
    }
    return texture;
}

TexturePtr create_texture_from_surface(SDL_Renderer* renderer, SDL_Surface* surface) {
    TexturePtr texture(SDL_CreateTextureFromSurface(renderer, surface));
    if (!texture) {
        throw_sdl_error("SDL_CreateTextureFromSurface(" + std::to_string(surface->w) + "x" +
                        std::to_string(surface->h) + ")");
    }
    return texture;
}

FontPtr open_font(const std::filesystem::path& path, int pixel_size) {
    FontPtr font(TTF_OpenFont(path.c_str(), pixel_size));
    if (!font) {
        throw RenderError("TTF_OpenFont(" + path.string() + ", " + std::to_string(pixel_size) +
                          "px): " + TTF_GetError());
    }
    return font;
}

}  // namespace bangvang::render
