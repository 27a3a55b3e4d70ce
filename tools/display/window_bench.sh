#!/usr/bin/env bash
# The kiosk in a real window, as a PC kiosk runs it: Xvfb 1920x1080 and SDL's x11
# driver, the real bangvang binary, the sample content with 3 s slides and a 1 s
# crossfade ("rotate") or one slide of 600 s ("static"). For the renderer the kiosk
# picks by default and each renderer it can be told to use (SDL_RENDER_DRIVER), one
# "figure: value unit" line each:
#   CPU of the kiosk, of Xvfb and of both over WINDOW s (ticks in /proc/PID/stat),
#   frames presented per crossfade (the kiosk's own count, logged when it stops),
#   the kiosk's PSS (/proc/PID/smaps_rollup) and its PSS by mapping (/proc/PID/smaps),
#   start -> first frame presented, from exec (the kiosk logs the first present).
# Usage: window_bench.sh BUILD_DIR WORK_DIR [--seconds N] [--settle N] [--starts N]
#                        [--renderers "default software opengl opengles2"]
# The machine should be quiet: CPU is the processes' own time, but caches and cores
# are shared; the load average is printed with the figures.
set -euo pipefail

build=$(cd "$1" && pwd)
work=$2
shift 2
seconds=30
settle=10
starts=5
renderers="default software opengl opengles2"
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --renderers) renderers=$2; shift 2 ;;
    *) echo "window_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
source_dir=$(cd "$build/.." && pwd)
kiosk=${KIOSK:-$build/app/kiosk/bangvang}  # KIOSK=another binary, to compare two builds
publish=$build/app/publish/bangvang-publish
tick=$(getconf CLK_TCK)
mkdir -p "$work"
work=$(cd "$work" && pwd)

figure() { printf '%s: %s %s\n' "$1" "$2" "$3"; }
load() { cut -d' ' -f1 /proc/loadavg; }
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
percent() { awk -v t="$1" -v tick="$tick" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / tick / s }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Two signed feeds from the sample content: every item 3 s ("rotate"), one story of 600 s ("static").
prepare() {
  [[ -s $work/keys/k.public ]] || { mkdir -p "$work/keys"; "$publish" keygen --out "$work/keys/k" >/dev/null; }
  local variant
  for variant in rotate static; do
    if [[ ! -s $work/feed-$variant/manifest.json ]]; then
      rm -rf "$work/content-$variant" "$work/feed-$variant"
      cp -a "$source_dir/content/sample" "$work/content-$variant"
      find "$work/content-$variant" \( -name '*.txt' -o -name '*.csv' \) -delete
      /usr/bin/python3 - "$source_dir/tests/publish/sample_source.json" "$work/content-$variant/source.json" "$variant" <<'PY'
import json, sys
src, dst, variant = sys.argv[1:]
d = json.load(open(src, encoding="utf-8"))
if variant == "static":
    d["items"] = [i for i in d["items"] if i["kind"] == "story"][:1]
for i in d["items"]:
    i["schedule"] = {"duration": 600 if variant == "static" else 3}
json.dump(d, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
      "$publish" build --no-text-check "$work/content-$variant" --out "$work/feed-$variant" --key "$work/keys/k.secret" >/dev/null
    fi
    cat > "$work/kiosk-$variant.json" <<JSON
{"kiosk_id": "bench-01", "site": "phuong-nhan-chinh", "place_name": "UBND phường Nhân Chính",
 "tags": ["phuong", "quan-thanh-xuan"], "cache_directory": "$work/cache-$variant",
 "theme": "$source_dir/assets/themes/default.json",
 "screen": {"width": 1920, "height": 1080, "orientation": "landscape", "transition_milliseconds": 1000},
 "ticker": {"enabled": false},
 "sources": [{"id": "quan-thanh-xuan", "url": "$work/feed-$variant", "keys": ["$(tr -d '[:space:]' < "$work/keys/k.public")"]}]}
JSON
  done
}

# shellcheck source=../lib/xvfb.sh
source "$(dirname "$(readlink -f "$0")")/../lib/xvfb.sh"
stop() { [[ -n ${1:-} ]] && { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }; return 0; }
trap 'stop "$xvfb_pid"' EXIT

renderer_env() { [[ $1 == default ]] && echo "" || echo "$1"; }

# live RENDERER VARIANT: a kiosk on a fresh Xvfb, figures after SETTLE s and over SECONDS s.
live() {
  local renderer=$1 variant=$2 label="window $1 $2" log="$work/kiosk-$1-$2.log" kp k0 k1 x0 x1 t0 t1 wall
  start_xvfb 1920x1080 "$work" window_bench.sh
  SDL_RENDER_DRIVER=$(renderer_env "$renderer") DISPLAY=":$display" \
    "$kiosk" --config "$work/kiosk-$variant.json" > "$log" 2>&1 &
  kp=$!
  sleep "$settle"
  if ! kill -0 "$kp" 2>/dev/null; then
    echo "window_bench.sh: the kiosk ($renderer, $variant) ended early; its log: $log" >&2
    stop "$xvfb_pid"; return 1
  fi
  if [[ $variant == rotate ]]; then
    figure "$label: kiosk PSS @${settle}s" "$(awk '/^Pss:/ { printf "%.1f", $2 / 1024 }' "/proc/$kp/smaps_rollup")" MiB
    figure "$label: kiosk RSS @${settle}s" "$(awk '/^Rss:/ { printf "%.1f", $2 / 1024 }' "/proc/$kp/smaps_rollup")" MiB
    figure "$label: Xvfb PSS @${settle}s" "$(awk '/^Pss:/ { printf "%.1f", $2 / 1024 }' "/proc/$xvfb_pid/smaps_rollup")" MiB
    # What each mapping costs: libraries by file name, the heap, anonymous memory, MIT-SHM segments.
    awk '/^[0-9a-f]+-[0-9a-f]+ / { n = (NF >= 6) ? $6 : "anonymous"; sub(/.*\//, "", n); sub(/^SYSV.*/, "SysV shared memory (MIT-SHM)", n) }
         /^Pss:/ { pss[n] += $2 }
         END { for (n in pss) if (pss[n] >= 512) printf "%d %s\n", pss[n], n }' "/proc/$kp/smaps" |
      sort -nr | head -12 | while read -r kb name; do
        figure "$label: kiosk PSS of $name" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" MiB
      done
    figure "$label: Mesa/LLVM mapped (1 yes, 0 no)" "$(grep -cE 'libLLVM|_dri\.so|libgallium' "/proc/$kp/maps" | awk '{ print ($1 > 0) }')" ""
  fi
  k0=$(ticks "$kp"); x0=$(ticks "$xvfb_pid"); t0=$EPOCHREALTIME
  sleep "$seconds"
  k1=$(ticks "$kp"); x1=$(ticks "$xvfb_pid"); t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  stop "$kp"
  stop "$xvfb_pid"
  figure "$label: kiosk CPU over ${seconds}s" "$(percent $((k1 - k0)) "$wall")" "% of a core"
  figure "$label: Xvfb CPU over ${seconds}s" "$(percent $((x1 - x0)) "$wall")" "% of a core"
  figure "$label: kiosk + Xvfb CPU over ${seconds}s" "$(percent $((k1 - k0 + x1 - x0)) "$wall")" "% of a core"
  if [[ $variant == rotate ]]; then
    # "player: 9 crossfades, 27.3 frames presented per crossfade, ..." (logged when it stops)
    local per
    per=$(sed -n 's/.* \([0-9.]*\) frames presented per crossfade.*/\1/p' "$log" | tail -1)
    figure "$label: frames presented per crossfade" "${per:-unknown}" frames
    sed -n 's/.*display: \(.*\)/\1/p' "$log" | head -1 | sed "s/^/$label: /" >&2
  fi
}

# first_frames RENDERER: warm starts, exec -> the kiosk's "first frame presented" line.
first_frames() {
  local renderer=$1 fifo="$work/kiosk.fifo" i kp t0 t1 line cpu times=() cpus=()
  start_xvfb 1920x1080 "$work" window_bench.sh
  rm -f "$fifo"; mkfifo "$fifo"
  for i in $(seq 0 "$starts"); do  # run 0 warms the page cache
    t0=$EPOCHREALTIME; t1=""
    SDL_RENDER_DRIVER=$(renderer_env "$renderer") DISPLAY=":$display" \
      "$kiosk" --config "$work/kiosk-static.json" > /dev/null 2> "$fifo" &
    kp=$!
    exec 4< "$fifo"
    while IFS= read -r -t 10 line <&4; do
      if [[ $line == *"first frame presented"* ]]; then
        t1=$EPOCHREALTIME
        cpu=$(sed -n 's/.*, \([0-9]*\) ms of CPU.*/\1/p' <<< "$line")
        break
      fi
    done
    stop "$kp"
    exec 4<&-
    [[ -n $t1 ]] || { echo "window_bench.sh: no first frame from the kiosk ($renderer)" >&2; continue; }
    ((i == 0)) && continue
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print 1000 * (b - a) }')")
    [[ -n $cpu ]] && cpus+=("$cpu")
  done
  stop "$xvfb_pid"
  rm -f "$fifo"
  ((${#times[@]})) && figure "window $renderer: start -> first frame presented, from exec, median of ${#times[@]} warm" \
    "$(printf '%s\n' "${times[@]}" | median)" ms
  # The same start's own CPU time (exec included): what the wall time is on a quiet machine, about.
  ((${#cpus[@]})) && figure "window $renderer: start -> first frame presented, CPU time of the kiosk, median" \
    "$(printf '%s\n' "${cpus[@]}" | median)" ms
  return 0
}

prepare
# Fills both caches (the kiosk imports its feed at its first start).
"$kiosk" --config "$work/kiosk-rotate.json" --headless "$work/warm-rotate" --once >/dev/null 2>&1
"$kiosk" --config "$work/kiosk-static.json" --headless "$work/warm-static" --once >/dev/null 2>&1
if [[ -e /dev/dri/card0 ]]; then
  echo "window_bench.sh: /dev/dri/card0 exists, but the KMS/DRM path is not measured here" >&2
else
  echo "window_bench.sh: no KMS/DRM here (no /dev/dri; vkms needs a kernel module this machine cannot load)" >&2
fi
figure "window: load average (1 min) at start" "$(load)" ""
for renderer in $renderers; do
  first_frames "$renderer"
  live "$renderer" rotate || true
  live "$renderer" static || true
  figure "window $renderer: load average (1 min) after" "$(load)" ""
done
