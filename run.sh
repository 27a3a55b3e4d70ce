#!/usr/bin/env bash
# bangvang's front door: installs what is missing, builds into build/, then runs
# the demo, the test suite or the benchmarks. See README.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# Debian package names; the same on Raspberry Pi OS.
PACKAGES=(
  cmake g++ make pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-noto-core
  libsqlite3-dev nlohmann-json3-dev libutf8proc-dev libcli11-dev
  libsodium-dev libqrencode-dev libcurl4-openssl-dev
  catch2
)

usage() {
  cat <<'TEXT'
usage: ./run.sh COMMAND
  demo [--windowed]   build, publish the sample content to build/demo/feed and play it:
                      full screen (or a window) when there is a display, otherwise one
                      headless rotation written as PNGs to build/demo/screens/
  test                build and run the whole test suite (ctest)
  build               install what is missing and build only
TEXT
}

install_missing_packages() {
  local missing=() package
  for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  echo "run.sh: installing ${missing[*]}" >&2
  local as_root=()
  [[ $(id -u) -ne 0 ]] && as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  install_missing_packages
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j"$(nproc)"
}

has_display() {
  [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]] && return 0
  # A Linux console with a DRM device: SDL draws through KMS/DRM.
  [[ -e /dev/dri/card0 ]] && tty 2>/dev/null | grep -qE '^/dev/tty[0-9]+$'
}

demo() {
  local windowed=()
  [[ ${1:-} == --windowed ]] && windowed=(--windowed)
  build
  local demo_directory=build/demo
  rm -rf "$demo_directory/feed" "$demo_directory/screens"
  mkdir -p "$demo_directory"
  build/app/publish/bangvang-publish build content/sample --out "$demo_directory/feed"
  cat >"$demo_directory/kiosk.json" <<JSON
{
  "kiosk_id": "demo-nhan-chinh-01",
  "site": "phuong-nhan-chinh",
  "place_name": "UBND phường Nhân Chính",
  "tags": ["phuong", "quan-thanh-xuan"],
  "cache_directory": "cache",
  "theme": "../../assets/themes/default.json",
  "screen": {"width": 1920, "height": 1080, "orientation": "landscape"},
  "sources": [{"id": "quan-thanh-xuan", "url": "feed"}]
}
JSON
  if has_display; then
    exec build/app/kiosk/bangvang --config "$demo_directory/kiosk.json" "${windowed[@]}"
  fi
  echo "run.sh: no display found; rendering one rotation headless" >&2
  build/app/kiosk/bangvang --config "$demo_directory/kiosk.json" --headless "$demo_directory/screens" --once
}

run_tests() {
  build
  ctest --test-dir build --output-on-failure -j2 --timeout 600
}

case "${1:-}" in
  demo) shift; demo "$@" ;;
  test) run_tests ;;
  build) build ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
