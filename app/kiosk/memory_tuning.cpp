#include "kiosk/memory_tuning.hpp"

#include <malloc.h>

namespace bangvang::kiosk {

void keep_large_buffers_outside_the_heap() {
    // A fixed threshold also turns off glibc's growing one.
    constexpr int threshold_bytes = 256 * 1024;
    mallopt(M_MMAP_THRESHOLD, threshold_bytes);
}

}  // namespace bangvang::kiosk
