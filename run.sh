#!/usr/bin/env bash
# bangvang's front door: installs what is missing, builds into build/, then runs
# the demo, the test suite or the benchmarks. See README.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# Debian package names; the same on Raspberry Pi OS.
PACKAGES=(
  cmake g++ make pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libjpeg-dev fonts-noto-core
  fonts-noto-color-emoji fonts-symbola  # emoji and symbols Noto Sans lacks (render/font_fallback.hpp)
  libsqlite3-dev nlohmann-json3-dev libutf8proc-dev libcli11-dev
  libsodium-dev libqrencode-dev libcurl4-openssl-dev libmicrohttpd-dev
  catch2
  libzbar-dev zbar-tools  # the tests decode every slide's QR code as a phone would
  python3  # the sync tests' fault-injecting HTTP server
  libfaketime  # the kiosk test whose wall clock jumps back a day
  xvfb  # the X server of the kiosk's full-screen window tests (and of ./run.sh bench, soak)
  libsystemd-dev dpkg-dev systemd shellcheck lintian
  nftables  # provision.sh's firewall, checked with nft -c
  nginx  # its dav module serves the publishing tests (PUT); the portal's site in the portal tests
  openssl  # the demo's kiosk report key; the portal tests' certificate authority
)

# ./run.sh test only: the browser the portal's end-to-end test drives.
TEST_PACKAGES=(chromium chromium-driver python3-selenium)

# ./run.sh bench and soak only: the X server of the real-window measurements.
BENCH_PACKAGES=(xvfb)

# ./run.sh package: the arm64 cross-build (Raspberry Pi OS 64-bit) beside the host's.
ARM64_PACKAGES=(
  crossbuild-essential-arm64 qemu-user-static
  libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64 libjpeg-dev:arm64
  libsqlite3-dev:arm64 libutf8proc-dev:arm64 libsodium-dev:arm64 libqrencode-dev:arm64
  libcurl4-openssl-dev:arm64 libsystemd-dev:arm64 libmicrohttpd-dev:arm64 libzbar-dev:arm64
)

usage() {
  cat <<'TEXT'
usage: ./run.sh COMMAND
  demo [--windowed]   build, publish the sample content to build/demo/feed and play it:
                      full screen (or a window) when there is a display, otherwise one
                      headless rotation written as PNGs to build/demo/screens/
  test [--sanitize | --sanitize-threads]
                      build and run the whole test suite (ctest); --sanitize: the whole
                      suite built with AddressSanitizer + UndefinedBehaviorSanitizer in
                      build-asan/; --sanitize-threads: the threaded tests (sync worker,
                      reports, the player beside its sync thread) with ThreadSanitizer in
                      build-tsan/
  build               install what is missing and build only
  gallery [--theme F] every slide of the sample content at the four screen shapes,
                      as PNGs in build/gallery/<W>x<H>/
  bench [--static-seconds N] [--no-large] [--no-window | --window-only]
        [--window-seconds N] [--renderers "default software opengl opengles2"]
                      the player's figures (first frame, crossfade frame times, static
                      CPU, peak RSS, cache bytes) for the sample and a large feed,
                      offscreen; then the real kiosk in a real window (Xvfb, SDL's x11
                      driver) per renderer: CPU rotating (3 s slides, 1 s crossfade)
                      and static, frames presented per crossfade, PSS and PSS by
                      mapping, start -> first frame presented from exec
  fuzz [--seconds N] [TARGET...]
                      the libFuzzer targets (tests/fuzz, clang, in build-fuzz/), one at a
                      time under nice for N seconds each (60); a benchmark, not CI:
                      ctest -L fuzz replays their corpora in every build
  kill [--count N] [--seconds S]
                      the SIGKILL crash tests (tests/kill: kills during large updates, and
                      during outbox writes, report delivery and screen copies) with N
                      kills each (1000) under nice: after every kill the cache opens with
                      one whole version; no play lost, repeats only what a kill cut off.
                      Kill moments follow one uninterrupted update timed at the start
                      (and every 100 rounds): 20 ms to 1.5 x its switch to the new version.
                      --seconds: no kill round starts after S s per case. Prints figure:
                      lines (kills before/during/after the switch, updates, plays received,
                      lost, received twice, screen copies); a benchmark, not CI (ctest -L
                      kill runs 30 kills each with the window capped at 2.5 s)
  soak [--days N] [--hour-seconds S] [--restart-days N]
                      the real kiosk (in a window on Xvfb, SDL's x11 driver) and nginx
                      for N simulated days (30; an hour lasts S seconds, 3): a feed
                      changing every hour, the server down, failing and slow at set
                      hours, a restart every N days (1; 0: never); samples RSS
                      (anonymous, file, shared), fds, threads, Xvfb's RSS, cache
                      and media bytes (build/soak/samples.csv) and fails on growth
                      after the first day; a benchmark, not CI
  bench-portal [--kiosks N] [--rounds R] [--clients C] [--paced-seconds S]
                      the portal's figures under N simulated kiosks' reports (10000) through
                      nginx with TLS on loopback: at the real rate (N/300 reports/s) for S
                      seconds (60), then as fast as it goes: latency p50/p99 at the client
                      and the portal's own service time (Server-Timing), reports/s, CPU per
                      report, RSS, database bytes per play and kiosk-month, load average.
                      Client, nginx and portal run under the same nice 19; for the p99 target
                      run it on a quiet machine
  bench-fleet [--kiosks N] [--interval S] [--threads T] [--steady-seconds W]
              [--screen WxH ...] [--content DIR] [--no-renditions] [--update-args A]
              [--plain-http] [--seed] [--client-per-kiosk]
                      N simulated kiosks (1000; tools/fleet: the kiosk's own sync code and
                      schedule, in one process) polling the sample feed every S seconds
                      (300) through the documented nginx site with TLS on loopback (over
                      its plain HTTP port with --plain-http; --seed: every kiosk starts
                      with version 1; --client-per-kiosk: each keeps its connection), in real
                      time: requests/s and CPU at nginx when idle (W s, 60) and while a
                      version published mid-run spreads, bytes per kiosk per version, time
                      from publishing to each kiosk's apply (median, p99, max); with
                      --screen the kiosks fetch the renditions chosen for their screen
                      (several: taken in turn), and the bytes per screen are compared with
                      the originals; nice 19
  bench-renditions [--photos N] [--variants whole cut cut-q75 ...]
                      bytes per kiosk per update before and after renditions, per screen
                      shape, for the sample and N (300) synthetic 4000x3000 camera photos
                      (generated once into build/bench/renditions), built by the
                      publisher's own code and chosen by the kiosk's: renditions of the
                      whole picture only, also cut for one screen's box (build's default),
                      either at JPEG quality N (-qN); nice 19
  package [--test-arm64] [--debootstrap] [--repo DIR [--repo-key KEYID]]
                      build the .deb packages (bangvang, bangvang-publish, bangvang-portal) for this
                      machine and, cross-built in build-arm64/, for arm64 (Raspberry Pi
                      OS 64-bit) into build/packages/; --test-arm64 also runs the arm64
                      unit tests under qemu-aarch64-static; --debootstrap installs the
                      amd64 .debs with apt into a debootstrapped Debian bookworm and runs
                      the installed kiosk there (downloads ~250 MB); --repo adds
                      the packages to the district's signed apt repository in DIR
                      (reprepro; DIR/public/ is served; signed with --repo-key or
                      the only GPG secret key; README "Updates for a fleet")
TEXT
}

install_missing_packages() {
  install_if_missing "${PACKAGES[@]}"
}

# Installs those of the named Debian packages that are not installed yet.
install_if_missing() {
  local missing=() package
  for package in "$@"; do
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
  # A throwaway signing key for the demo: the kiosk accepts only feeds signed by a key
  # its config lists.
  if [[ ! -f $demo_directory/keys/demo.secret ]]; then
    rm -rf "$demo_directory/keys" "$demo_directory/cache"
    mkdir -p "$demo_directory/keys"
    build/app/publish/bangvang-publish keygen --out "$demo_directory/keys/demo" >/dev/null
  fi
  build/app/publish/bangvang-publish build content/sample --out "$demo_directory/feed" \
    --key "$demo_directory/keys/demo.secret"
  local demo_public_key
  demo_public_key=$(tr -d '[:space:]' <"$demo_directory/keys/demo.public")
  # Serve the feed over HTTP on loopback, as the portal would (the kiosk's sync thread
  # fetches it); the folder itself when no server can start.
  local feed_url=feed
  rm -f "$demo_directory/http-port"
  if command -v python3 >/dev/null; then
    python3 tests/sync/fault_server.py "$demo_directory/feed" "$demo_directory/http-port" 86400 &
    demo_server_pid=$!
    trap 'kill "$demo_server_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do [[ -s $demo_directory/http-port ]] && break; sleep 0.1; done
  fi
  if [[ -s $demo_directory/http-port ]]; then
    feed_url="http://127.0.0.1:$(cat "$demo_directory/http-port")/"
  else
    echo "run.sh: no local HTTP server; the kiosk reads the feed folder" >&2
  fi
  # The district's portal on loopback receives the kiosk's signed reports; the kiosk's
  # report key is made here (as provision.sh does) and enrolled before it starts.
  local report_url=""
  mkdir -p "$demo_directory/cache" "$demo_directory/portal"
  local report_key
  report_key=$(report_public_key "$demo_directory/cache/report-key.secret")
  if [[ -n $feed_url && $feed_url == http* ]]; then
    start_demo_portal "$demo_directory" "$demo_public_key" "$report_key" && report_url="${demo_portal_url}api/report"
  fi
  cat >"$demo_directory/kiosk.json" <<JSON
{
  "kiosk_id": "demo-nhan-chinh-01",
  "site": "phuong-nhan-chinh",
  "place_name": "UBND phường Nhân Chính",
  "tags": ["phuong", "quan-thanh-xuan"],
  "cache_directory": "cache",
  "theme": "../../assets/themes/default.json",
  "screen": {"width": 1920, "height": 1080, "orientation": "landscape"},
  "sync": {"interval_seconds": 30},
  "sources": [{"id": "quan-thanh-xuan", "url": "$feed_url", "keys": ["$demo_public_key"], "report_url": "$report_url"}]
}
JSON
  if [[ -n $report_url ]]; then
    echo "run.sh: the portal: ${demo_portal_url}fleet (fleet) and ${demo_portal_url}report (publicity report)"
  fi
  if has_display; then
    build/app/kiosk/bangvang --config "$demo_directory/kiosk.json" "${windowed[@]}"
    return
  fi
  echo "run.sh: no display found; rendering one rotation headless" >&2
  build/app/kiosk/bangvang --config "$demo_directory/kiosk.json" --headless "$demo_directory/screens" --once
  if [[ -n $report_url ]]; then
    # A headless run reports at its start: a second, quiet run delivers the first one's plays.
    build/app/kiosk/bangvang --config "$demo_directory/kiosk.json" --headless "$demo_directory/report-run" --once \
      >/dev/null 2>&1 || true
    rm -rf "$demo_directory/report-run"
    save_portal_pages "$demo_directory/screens"
  fi
}

# The public half of a kiosk's report key (base64), made first when FILE is missing:
# libsodium's secret key is the Ed25519 seed followed by the public key, in base64.
report_public_key() {
  local file=$1
  if [[ ! -s $file ]]; then
    local pem seed public
    pem=$(openssl genpkey -algorithm ed25519 2>/dev/null)
    seed=$(openssl pkey -outform DER <<<"$pem" | tail -c 32 | base64 -w0)
    public=$(openssl pkey -pubout -outform DER <<<"$pem" | tail -c 32 | base64 -w0)
    (umask 077 && { echo "$seed$public" | base64 -d | base64 -w0; echo; } >"$file")
  fi
  base64 -d <"$file" | tail -c 32 | base64 -w0
}

# Starts bangvang-portal for the demo on a free loopback port; sets demo_portal_url.
start_demo_portal() {
  local feed_key=$2 kiosk_key=$3 portal=$1/portal
  rm -f "$portal/port" "$portal/kiosks.json"
  cat >"$portal/portal.json" <<JSON
{
  "port": 0,
  "database": "portal.sqlite3",
  "registry": "kiosks.json",
  "district_name": "UBND quận Thanh Xuân",
  "poll_interval_seconds": 30,
  "feeds": [{"source": "quan-thanh-xuan", "directory": "../feed", "keys": ["$feed_key"]}]
}
JSON
  build/app/portal/bangvang-portal enroll --registry "$portal/kiosks.json" --kiosk demo-nhan-chinh-01 \
    --public-key "$kiosk_key" --site phuong-nhan-chinh --place "UBND phường Nhân Chính (máy trình diễn)" >/dev/null
  build/app/portal/bangvang-portal --config "$portal/portal.json" --port-file "$portal/port" 2>"$portal/portal.log" &
  demo_portal_pid=$!
  trap 'kill "$demo_server_pid" "$demo_portal_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -s $portal/port ]] && break; sleep 0.1; done
  if [[ ! -s $portal/port ]]; then
    echo "run.sh: the portal did not start (see $portal/portal.log); the kiosk runs without reporting" >&2
    return 1
  fi
  demo_portal_url="http://127.0.0.1:$(cat "$portal/port")/"
}

# The fleet page and this month's report beside the slides: PNGs when Debian's chromium
# is installed (the tests install it; the demo never does), the HTML pages otherwise.
save_portal_pages() {
  local screens=$1 page browser=""
  for browser in chromium chromium-browser ""; do
    [[ -z $browser ]] || command -v "$browser" >/dev/null && break
  done
  for page in fleet report; do
    # The fleet as on a staff member's phone; the report as an A4 page on screen.
    local size=1000,1400
    [[ $page == fleet ]] && size=430,1100
    if [[ -n $browser ]]; then
      "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
        --screenshot="$screens/portal-$page.png" "${demo_portal_url}$page" >/dev/null 2>&1 &&
        echo "run.sh: saved $screens/portal-$page.png" && continue
    fi
    python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' \
      "${demo_portal_url}$page" >"$screens/portal-$page.html" &&
      echo "run.sh: saved $screens/portal-$page.html"
  done
}

gallery() {
  build
  rm -rf build/gallery build/gallery-feed
  build/app/publish/bangvang-publish build content/sample --out build/gallery-feed >/dev/null
  # Every page of every sample item at 1920x1080, 1280x720, 1080x1920 and 800x480;
  # layout problems (clipped, overlapping, missing glyphs) are listed and fail the run.
  build/tools/bangvang-gallery --feed build/gallery-feed --out build/gallery "$@"
}

bench() {
  local offscreen=yes window=yes window_options=() bench_options=()
  while (($#)); do
    case $1 in
      --window-only) offscreen=no; shift ;;
      --no-window) window=no; shift ;;
      --window-seconds) window_options+=(--seconds "$2"); shift 2 ;;
      --renderers) window_options+=(--renderers "$2"); shift 2 ;;
      *) bench_options+=("$1"); shift ;;
    esac
  done
  build
  rm -rf build/bench/sample-feed build/bench/cache-sample build/bench/cache-large
  mkdir -p build/bench
  build/app/publish/bangvang-publish build --no-text-check content/sample --out build/bench/sample-feed >/dev/null
  if [[ $offscreen == yes ]]; then
    # The large feed (500 photos of 4000x3000) is generated once into build/bench/large-feed.
    # --static-seconds N shortens the 30 s static-slide CPU measurement; --no-large skips the large feed.
    # The kiosk's unit (firmware/bangvang.service) runs it with huge pages for malloc; so does the bench.
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \
      build/tools/bangvang-bench --sample-feed build/bench/sample-feed --work build/bench "${bench_options[@]}"
  fi
  if [[ $window == yes ]]; then
    # The real kiosk in a real window (Xvfb + SDL's x11 driver), per renderer: CPU rotating
    # and static, frames per crossfade, PSS and PSS by mapping, start -> first frame from exec.
    install_if_missing "${BENCH_PACKAGES[@]}"
    rm -rf build/bench/window/cache-rotate build/bench/window/cache-static
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \
      tools/display/window_bench.sh build build/bench/window "${window_options[@]}"
  fi
}

# The portal under the report load of many kiosks, through nginx (figure: lines).
bench_portal() {
  build
  install_if_missing openssl
  nice -n 19 /usr/bin/python3 tests/portal/scripts/benchmark.py . build/app/portal/bangvang-portal "$@"
}

# N simulated kiosks polling the sample feed through nginx; a new version published mid-run.
bench_fleet() {
  build
  install_if_missing openssl
  nice -n 19 /usr/bin/python3 tools/fleet/fleet_bench.py . build/tools/bangvang-fleet-simulation \
    build/app/publish/bangvang-publish "$@"
}

# Bytes per kiosk per update before and after renditions (#15 point 1).
bench_renditions() {
  build
  nice -n 19 build/tools/bangvang-rendition-bytes --work build/bench/renditions --sample content/sample "$@"
}

run_tests() {
  case "${1:-}" in
    "") ;;
    --sanitize) sanitized_tests; return ;;
    --sanitize-threads) thread_sanitized_tests; return ;;
    *) usage >&2; exit 2 ;;
  esac
  # The portal's end-to-end test opens its pages in a real browser (Selenium driving
  # headless Chromium); only the tests install these, never the demo.
  install_if_missing "${TEST_PACKAGES[@]}"
  build
  ctest --test-dir build --output-on-failure -j2 --timeout 600
}

# Any report stops the test that caused it (a test fails, not only a line in its log).
# Suppressions (tests/sanitizers/*.supp) are for third-party libraries only; each says why.
export_sanitizer_options() {
  local suppressions=$PWD/tests/sanitizers
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$suppressions/ubsan.supp"
  export LSAN_OPTIONS="suppressions=$suppressions/lsan.supp:print_suppressions=0"
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$suppressions/tsan.supp"
}

# The whole suite built with AddressSanitizer + UndefinedBehaviorSanitizer in build-asan.
sanitized_tests() {
  install_missing_packages
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANGVANG_SANITIZE=ON -DBANGVANG_TOOLS=OFF >/dev/null
  cmake --build build-asan -j"$(nproc)"
  export_sanitizer_options
  # The firmware label checks shell scripts and packages, no compiled code: the plain
  # suite runs it.
  ctest --test-dir build-asan --output-on-failure -j2 --timeout 1200 -LE firmware
}

# The tests whose code runs on more than one thread, with ThreadSanitizer in build-tsan:
# the sync worker's and report delivery's cases of test_sync, and the real kiosk binary
# (its player on the main thread beside its sync thread) started by the plain build's
# kiosk tests that sync and report over HTTP. Only those two programs are built.
thread_sanitized_tests() {
  build
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANGVANG_SANITIZE=thread -DBANGVANG_TOOLS=OFF >/dev/null
  cmake --build build-tsan -j"$(nproc)" --target test_sync bangvang
  export_sanitizer_options
  local failed=0
  echo "run.sh: ThreadSanitizer: test_sync [worker],[reports],[nginx]" >&2
  (cd build-tsan && tests/test_sync "[worker],[reports],[nginx]") || failed=1
  echo "run.sh: ThreadSanitizer: the kiosk binary under test_kiosk [sync]" >&2
  (cd build && BANGVANG_KIOSK_BINARY=$PWD/../build-tsan/app/kiosk/bangvang tests/test_kiosk "[sync]") || failed=1
  return "$failed"
}

# The fuzz targets with libFuzzer (clang), each run in turn under nice for --seconds N
# (default 60) from its seeds (tests/fuzz/seeds.txt), its regressions and the corpus it
# grew before (build-fuzz/corpus/<target>/). Inputs that crash, leak, hang or run slow
# land in build-fuzz/artifacts/<target>/; the run fails when there are any. Each
# target's executions are added to build-fuzz/executions.txt.
fuzz() {
  local seconds=60 chosen=()
  while (($# > 0)); do
    case "$1" in
      --seconds) seconds=$2; shift ;;
      -*) usage >&2; exit 2 ;;
      *) chosen+=("$1") ;;
    esac
    shift
  done
  install_missing_packages
  install_if_missing clang-14 libclang-rt-14-dev
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANGVANG_FUZZ=ON -DBANGVANG_TOOLS=OFF >/dev/null
  local targets=()
  mapfile -t targets < <(sed -n 's/^ *\([a-z_]*\):bangvang_[a-z]*$/\1/p' tests/fuzz/CMakeLists.txt)
  ((${#chosen[@]} > 0)) && targets=("${chosen[@]}")
  cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
  local target folder failed=0 log executions
  for target in "${targets[@]}"; do
    # libFuzzer reads folders only: the seed files and folders are gathered into one.
    rm -rf "build-fuzz/seeds/$target"
    mkdir -p "build-fuzz/seeds/$target" "build-fuzz/corpus/$target" "build-fuzz/artifacts/$target"
    while read -r folder; do
      [[ -e $folder ]] || { echo "run.sh: fuzz $target: no $folder, skipped" >&2; continue; }
      find "$folder" -type f ! -name '*.md' ! -name '*.txt.upstream' -exec cp --backup=numbered -t "build-fuzz/seeds/$target" {} +
    done < <(sed -n "s/^$target //p" tests/fuzz/seeds.txt)
    log=build-fuzz/fuzz-$target.log
    echo "run.sh: fuzzing $target for $seconds s" >&2
    # -timeout is wall time, which a shared machine stretches (nice 19): it only catches
    # hangs here; inputs slower than 1 s are logged (-report_slow_units) and saved as
    # slow-unit-* artifacts, and ctest -L fuzz fails on any over 1 s when replaying.
    nice -n 19 "build-fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -report_slow_units=1 -rss_limit_mb=2048 \
      -max_len=262144 -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target/" \
      "build-fuzz/corpus/$target" "build-fuzz/seeds/$target" "tests/fuzz/regressions/$target" >"$log" 2>&1 || failed=1
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    printf '%s %s %s\n' "$(date -u +%FT%TZ)" "$target" "${executions:-0}" >>build-fuzz/executions.txt
    echo "figure: fuzz $target executions: ${executions:-0}"
    echo "figure: fuzz $target corpus: $(find "build-fuzz/corpus/$target" -type f | wc -l) inputs"
    # Under nice on a busy machine a fast input can look slow: each slow unit is run once
    # more on its own, and kept only when it still takes more than 1 s.
    local unit took
    for unit in "build-fuzz/artifacts/$target"/slow-unit-*; do
      [[ -e $unit ]] || continue
      took=$("build-fuzz/tests/fuzz/fuzz_$target" "$unit" 2>&1 | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')
      if [[ -n $took ]] && ((took < 1000)); then
        echo "run.sh: fuzz $target: $unit took $took ms on its own: starved, not slow; removed" >&2
        rm -f "$unit"
      fi
    done
    if compgen -G "build-fuzz/artifacts/$target/*" >/dev/null; then
      echo "run.sh: fuzz $target found inputs that fail: build-fuzz/artifacts/$target/ (log $log)" >&2
      failed=1
    fi
  done
  echo "run.sh: executions so far, per target (build-fuzz/executions.txt):" >&2
  awk '{sum[$2] += $3} END {for (t in sum) printf "  %-14s %d\n", t, sum[t]}' build-fuzz/executions.txt | sort >&2
  return "$failed"
}

# The kill tests with many kills (BANGVANG_KILL_COUNT), each case in turn under nice;
# their figures (kills before, during and after the switch, updates, plays) are figure: lines.
kill_tests() {
  local count=1000 seconds=""
  while (($# > 0)); do
    case "$1" in
      --count) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; count=$2; shift ;;
      --seconds) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; seconds=$2; shift ;;
      *) usage >&2; exit 2 ;;
    esac
    shift
  done
  install_missing_packages
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j"$(nproc)" --target test_kill bangvang
  echo "run.sh: $count kills per case${seconds:+, no round started after $seconds s}, under nice 19; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  (cd build && BANGVANG_KILL_COUNT=$count BANGVANG_KILL_SECONDS=${seconds:-0} nice -n 19 tests/test_kill --durations yes)
}

# Installs the arm64 (multiarch) -dev packages and the cross compiler when missing.
install_missing_arm64_packages() {
  local as_root=() missing=() package
  [[ $(id -u) -ne 0 ]] && as_root=(sudo)
  if [[ $(dpkg --print-architecture) != arm64 ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    echo "run.sh: adding the arm64 architecture to dpkg" >&2
    "${as_root[@]}" dpkg --add-architecture arm64
  fi
  for package in "${ARM64_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  echo "run.sh: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The names of the test cases in files that start the built programs, as one regex.
tests_starting_the_programs() {
  local sources=()
  mapfile -t sources < <(grep -rlE 'BANGVANG_(KIOSK|PUBLISH)_BINARY' tests --include='*.cpp')
  ((${#sources[@]} == 0)) && return 0
  # shellcheck disable=SC2016 # the $ is a character to escape, not an expansion
  sed -n 's/^TEST_CASE("\([^"]*\)".*/\1/p' "${sources[@]}" | sed 's/[][\\.*^$()+?{}|]/\\&/g' | paste -sd'|'
}

# cpack in BUILD_DIR, then the .debs (only) into build/packages/.
package_build_tree() {
  local build_directory=$1
  shift
  local staging=$build_directory/cpack
  rm -rf "$staging"
  if ! "$@" cpack -G DEB --config "$build_directory/CPackConfig.cmake" -B "$staging" >"$staging.log" 2>&1; then
    cat "$staging.log" >&2
    echo "run.sh: cpack failed in $build_directory" >&2
    return 1
  fi
  mv "$staging"/*.deb build/packages/
}

package() {
  local test_arm64=no debootstrap=no repo="" repo_key=()
  while (($# > 0)); do
    case "$1" in
      --test-arm64) test_arm64=yes ;;
      --debootstrap) debootstrap=yes ;;
      --repo) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; repo=$2; shift ;;
      --repo-key) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; repo_key=(--key "$2"); shift ;;
      *) usage >&2; exit 2 ;;
    esac
    shift
  done
  install_missing_packages
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j"$(nproc)" --target bangvang bangvang-publish bangvang-portal
  rm -rf build/packages
  mkdir -p build/packages
  package_build_tree build

  if [[ $(dpkg --print-architecture) != arm64 ]]; then
    install_missing_arm64_packages
    local arm64_tests=OFF
    [[ $test_arm64 == yes ]] && arm64_tests=ON
    cmake -S . -B build-arm64 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANGVANG_TESTS=$arm64_tests \
      -DCMAKE_TOOLCHAIN_FILE="$PWD/firmware/cmake/aarch64-linux-gnu.cmake" >/dev/null
    cmake --build build-arm64 -j"$(nproc)" --target bangvang bangvang-publish bangvang-portal
    # dpkg-shlibdeps reads the Depends of the arm64 libraries, not the host's.
    package_build_tree build-arm64 env DEB_HOST_ARCH=arm64 DEB_HOST_MULTIARCH=aarch64-linux-gnu
    if [[ $test_arm64 == yes ]]; then
      cmake --build build-arm64 -j"$(nproc)"
      # The toolchain file makes ctest run each test program under qemu-aarch64-static.
      # A test that starts bangvang or bangvang-publish as a child process needs the
      # kernel to run arm64 programs itself (binfmt_misc); without it those are left out.
      local exclude=()
      if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
        local names
        names=$(tests_starting_the_programs)
        if [[ -n $names ]]; then
          echo "run.sh: no binfmt_misc for arm64 here: leaving out the tests that start the programs" >&2
          exclude=(-E "^($names)\$")
        fi
      fi
      ctest --test-dir build-arm64 --output-on-failure -j2 --timeout 900 "${exclude[@]}"
    fi
  elif [[ $test_arm64 == yes ]]; then
    echo "run.sh: this machine is arm64: ./run.sh test runs the tests natively" >&2
  fi
  local deb
  for deb in build/packages/*.deb; do
    printf 'run.sh: %s  %s bytes, installed %s KiB\n' "$deb" "$(stat -c %s "$deb")" "$(dpkg-deb -f "$deb" Installed-Size)"
  done
  if [[ -n $repo ]]; then
    install_if_missing reprepro gnupg
    firmware/repository.sh --repo "$repo" "${repo_key[@]}" build/packages/*.deb
    printf 'run.sh: repository %s: %s\n' "$repo/public" "$(du -sh "$repo/public" | cut -f1)"
  fi
  if [[ $debootstrap == yes ]]; then
    install_if_missing debootstrap
    BANGVANG_DEBOOTSTRAP=1 tests/firmware/debootstrap_install.sh build/packages
  fi
}

case "${1:-}" in
  demo) shift; demo "$@" ;;
  bench-portal) shift; bench_portal "$@" ;;
  bench-fleet) shift; bench_fleet "$@" ;;
  bench-renditions) shift; bench_renditions "$@" ;;
  test) shift; run_tests "$@" ;;
  gallery) shift; gallery "$@" ;;
  bench) shift; bench "$@" ;;
  fuzz) shift; fuzz "$@" ;;
  kill) shift; kill_tests "$@" ;;
  soak) shift; build; install_if_missing "${BENCH_PACKAGES[@]}"; nice -n 19 tools/soak.sh build build/soak "$@" ;;
  build) build ;;
  package) shift; package "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
