#pragma once
// How the kiosk asks glibc to hold its memory.

namespace bangvang::kiosk {

// Frames, photos and text textures (a few hundred KB to 8 MB each, made and freed all
// day) get mappings of their own, returned whole when freed. glibc's default moves such
// sizes into the heap after the first free, where the holes they leave kept the peak RSS
// of a 500-photo feed ~20 MB higher (./run.sh bench: 94.8 MB before, 73.7 MB after).
// Call first thing in main, before SDL allocates anything.
void keep_large_buffers_outside_the_heap();

// SDL's buffers of 2 MB and more (slide textures, photos, large text textures) start on a 2 MB
// boundary and are advised into transparent huge pages, so that a slide texture made
// for a crossfade costs a few page faults, not two thousand. (glibc.malloc.hugetlb=1
// advises too, but its blocks start anywhere: half an 8 MB texture still came in 4 KB
// pages.) Where the kernel has no huge pages the advice is refused: 4 KB pages as before.
// Call first thing in main, before SDL allocates anything.
void keep_large_sdl_buffers_in_huge_pages();

}  // namespace bangvang::kiosk
