# Cross-build for Raspberry Pi OS 64-bit (arm64) on Debian: crossbuild-essential-arm64
# and the multiarch :arm64 -dev packages (see README "Install on a Raspberry Pi").
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=firmware/cmake/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(PKG_CONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Multiarch: arm64 libraries live in /usr/lib/aarch64-linux-gnu beside the host's, so
# the root is / and CMAKE_LIBRARY_ARCHITECTURE picks the right folder. Programs run
# on the build machine; libraries, headers and packages must be the target's.
set(CMAKE_FIND_ROOT_PATH /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# No binfmt on the build machines: ctest calls the emulator explicitly.
find_program(BANGVANG_QEMU_AARCH64 qemu-aarch64-static)
if(BANGVANG_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${BANGVANG_QEMU_AARCH64})
endif()
