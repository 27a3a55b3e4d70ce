#pragma once
// How the kiosk asks glibc to hold its memory.

namespace bangvang::kiosk {

// Frames, photos and text textures (a few hundred KB to 8 MB each, made and freed all
// day) get mappings of their own, returned whole when freed. glibc's default moves such
// sizes into the heap after the first free, where the holes they leave kept the peak RSS
// of a 500-photo feed ~20 MB higher (./run.sh bench: 94.8 MB before, 73.7 MB after).
// Call first thing in main, before SDL allocates anything.
void keep_large_buffers_outside_the_heap();

}  // namespace bangvang::kiosk
