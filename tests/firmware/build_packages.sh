#!/bin/bash
# firmware.package: cpack on the already-built tree writes the three .debs (the other
# firmware tests read them). usage: build_packages.sh BUILD_DIR OUTPUT_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
build_directory=$1
output=$2

command -v cpack >/dev/null || fail "cpack is not on PATH"
[[ -f $build_directory/CPackConfig.cmake ]] || fail "$build_directory/CPackConfig.cmake missing (cmake/Packaging.cmake not included?)"
rm -rf "$output"
mkdir -p "$output"
if ! cpack -G DEB --config "$build_directory/CPackConfig.cmake" -B "$output" >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    fail "cpack failed"
fi
rm -rf "$output/_CPack_Packages"
for package in bangvang bangvang-publish bangvang-portal; do
    file=$(package_file "$output" "$package")
    pass "$(basename "$file"): $(stat -c %s "$file") bytes, installed size $(dpkg-deb -f "$file" Installed-Size) KiB"
done
