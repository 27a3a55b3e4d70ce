#include "render/slide_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {

int SlideGeometry::px(double fraction) const { return static_cast<int>(std::lround(fraction * unit)); }

SlideGeometry make_slide_geometry(const Theme& theme, int width, int height, const GeometryOptions& options) {
    SlideGeometry geometry;
    geometry.width = width;
    geometry.height = height;
    geometry.unit = std::max(1, std::min(width, height));
    geometry.portrait = height > width;
    geometry.margin = geometry.px(theme.metrics.margin);
    geometry.gap = geometry.px(theme.metrics.gap);
    geometry.radius = geometry.px(theme.metrics.corner_radius);
    const int header_height = geometry.px(theme.metrics.header_height);
    const int footer_height =
        geometry.px(theme.metrics.footer_height * (geometry.portrait ? portrait_footer_scale : 1.0));
    geometry.header = SDL_Rect{0, 0, width, header_height};
    const int ticker_height = options.ticker ? geometry.px(ticker_height_fraction) : 0;
    geometry.footer = SDL_Rect{0, height - footer_height, width, footer_height};
    geometry.ticker = SDL_Rect{0, geometry.footer.y - ticker_height, options.ticker ? width : 0, ticker_height};
    geometry.content = SDL_Rect{geometry.margin, header_height + geometry.margin, width - 2 * geometry.margin,
                                height - header_height - ticker_height - footer_height - 2 * geometry.margin};
    return geometry;
}

}  // namespace bangvang::render
