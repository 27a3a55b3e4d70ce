#!/usr/bin/env bash
# The kiosk left running for simulated days (./run.sh soak, a benchmark): the real
# bangvang binary, in a window on Xvfb as a PC kiosk runs it (SDL's x11 driver and the
# renderer the kiosk picks there; SDL's offscreen driver with OpenGL grew by Mesa's
# allocations, a harness artefact), follows a feed that a real nginx serves and that
# changes every simulated hour (bangvang-publish build + push over WebDAV PUT); the
# server goes down, answers 500 and trickles at set hours; the kiosk is restarted
# (SIGTERM) every simulated day (--restart-days N: every N days; 0: never, so that a
# growth no restart resets shows). Time is compressed: a simulated hour lasts
# --hour-seconds (3), the kiosk is asked to poll every second (SIGUSR1), slides last 3 s.
# Every simulated hour it samples the kiosk's RSS (and its anonymous, file and shared
# parts), open fds, threads, cache and media bytes into WORK/samples.csv and prints `figure:` lines at the end; it fails when
# anything grows after the first day (warm-up; RSS: the last day's mean against day 2's)
# or SIGTERM takes more than 2 s.
#   tools/soak.sh BUILD_DIR WORK_DIR [--days N] [--hour-seconds S] [--restart-days N]
set -euo pipefail

build=$(readlink -f "$1")
work=$2
shift 2
days=30
hour_seconds=3
restart_days=1
while (($# > 0)); do
  case "$1" in
    --days) days=$2; shift ;;
    --hour-seconds) hour_seconds=$2; shift ;;
    --restart-days) restart_days=$2; shift ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
((days >= 2)) || { echo "soak: --days must be at least 2 (the first is warm-up)" >&2; exit 2; }
source_dir=$(cd "$(dirname "$0")/.." && pwd)
publish_binary=$build/app/publish/bangvang-publish
kiosk_binary=$build/app/kiosk/bangvang

rm -rf "$work"
mkdir -p "$work"/{nginx/logs,nginx/temp,www,kiosk,content}
work=$(readlink -f "$work")

nginx_pid=
kiosk_pid=
xvfb_pid=
finish() {
  [[ -n $kiosk_pid ]] && kill -TERM "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid" 2>/dev/null
  [[ -n $nginx_pid ]] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [[ -n $xvfb_pid ]] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  return 0
}
trap finish EXIT

# A smaller copy of the sample content (each hour rebuilds it) with 3 s slides.
content=$work/content
cp "$source_dir/content/sample/nguon.txt" "$content/"
mkdir -p "$content"/{guong-dien-hinh,thong-bao,ky-niem,bang-xep-hang,bang-vang}
for file in guong-dien-hinh/01-nguyen-thi-hoa guong-dien-hinh/02-tran-van-minh thong-bao/01-cuoc-thi-viet-2024 \
  ky-niem/01-giai-phong-thu-do-70-nam; do
  [[ -f $source_dir/content/sample/$file.txt ]] || continue
  { echo "Thời lượng: 3"; grep -v '^Thời lượng:' "$source_dir/content/sample/$file.txt"; } >"$content/$file.txt"
  picture=$(sed -n 's/^Ảnh: //p' "$source_dir/content/sample/$file.txt")
  [[ -n $picture ]] && cp "$source_dir/content/sample/$(dirname "$file")/$picture" "$content/$(dirname "$file")/"
done
sed 's/^Thời lượng,.*/Thời lượng,3/' "$source_dir/content/sample/bang-xep-hang/01-cum-1-cac-phuong.csv" \
  >"$content/bang-xep-hang/01-cum-1-cac-phuong.csv"
mapfile -t photos < <(find "$source_dir/content/sample/guong-dien-hinh" -name '*.jpg' | sort)

"$publish_binary" keygen --out "$work/keys/soak" >/dev/null
public_key=$(tr -d '[:space:]' <"$work/keys/soak.public")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
feed_url=http://127.0.0.1:$port/feed/

# mode: normal, failing (every GET of the feed answers 500) or slow (1 KB/s).
write_nginx_config() {
  local feed_rules=""
  # shellcheck disable=SC2016 # $request_method is nginx's variable, not the shell's
  case "$1" in
    failing) feed_rules='if ($request_method = GET) { return 500; }' ;;
    slow) feed_rules='limit_rate 1k;' ;;
  esac
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
master_process off;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    client_max_body_size 64m;
    location /feed/ { dav_methods PUT DELETE; create_full_put_path on; $feed_rules }
    location = /report { return 204; }
  }
}
CONF
}

start_nginx() {
  /usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "soak: nginx did not start; see $work/nginx/logs/error.log" >&2
  exit 1
}

stop_nginx() {
  [[ -z $nginx_pid ]] && return 0
  kill -QUIT "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=
}

server_mode=
set_server() {  # down, normal, failing, slow
  if [[ $1 == down ]]; then
    stop_nginx
    server_mode=down
    return
  fi
  # One process as the test harness runs it (tests/support/nginx_server.cpp): its own
  # user can write what bangvang-publish pushes. A new mode is a restart.
  write_nginx_config "$1"
  [[ $1 == "${server_mode:-}" && -n $nginx_pid ]] && return 0
  stop_nginx
  start_nginx
  server_mode=$1
}

# The simulated hour's fault: the server down 02:00-04:00, 500s at 09:00, 1 KB/s at 14:00.
server_mode_at() {
  case "$1" in
    2 | 3) echo down ;;
    9) echo failing ;;
    14) echo slow ;;
    *) echo normal ;;
  esac
}

published=0
publish_hour() {  # day hour
  local photo=${photos[$((($1 * 24 + $2) % ${#photos[@]}))]}
  cp "$photo" "$content/guong-dien-hinh/gio.jpg"
  cat >"$content/guong-dien-hinh/99-gio.txt" <<TEXT
Thời lượng: 3
Tên: Tin của giờ mô phỏng
Đơn vị: Phường Nhân Chính
Tiêu đề: Ngày $1, giờ $2: bản tin thay đổi mỗi giờ
Ảnh: gio.jpg
Mã: story-gio

Bản tin của ngày $1, giờ $2 trong lần chạy thử dài ngày.
TEXT
  "$publish_binary" build "$content" --out "$work/feed" --key "$work/keys/soak.secret" >>"$work/publish.log" 2>&1
  if [[ -n $nginx_pid ]] && "$publish_binary" push "$work/feed" "$feed_url" >>"$work/publish.log" 2>&1; then
    published=$((published + 1))
  fi
}

cat >"$work/kiosk/kiosk.json" <<JSON
{
  "kiosk_id": "soak-01",
  "site": "phuong-nhan-chinh",
  "place_name": "UBND phường Nhân Chính",
  "cache_directory": "cache",
  "screen": {"width": 1280, "height": 720, "transition_milliseconds": 300},
  "sources": [{"id": "quan-thanh-xuan", "url": "$feed_url", "keys": ["$public_key"],
               "report_url": "http://127.0.0.1:$port/report"}],
  "sync": {"interval_seconds": 5, "max_backoff_seconds": 5}
}
JSON

# One X server for the whole soak, as a PC kiosk's display outlives the kiosk's restarts.
# shellcheck source=lib/xvfb.sh
source "$source_dir/tools/lib/xvfb.sh"

start_kiosk() {
  (cd "$work/kiosk" && exec env -u SDL_VIDEODRIVER -u SDL_RENDER_DRIVER DISPLAY=":$display" \
    "$kiosk_binary" --config kiosk.json --windowed) >>"$work/kiosk/kiosk.log" 2>&1 &
  kiosk_pid=$!
  # SIGUSR1 ("poll now") before the kiosk catches it would end it (under load a start
  # took more than the first second): wait until its handler is set.
  local caught
  for _ in $(seq 600); do
    caught=$(awk '/^SigCgt:/ {print $2}' "/proc/$kiosk_pid/status" 2>/dev/null || true)
    [[ -z $caught ]] && break  # gone: sample() says so
    (((16#$caught >> 9) & 1)) && return 0
    sleep 0.1
  done
}

# Seconds SIGTERM took to end the kiosk; fails the soak past 2 s.
slowest_stop=0
stop_kiosk() {
  local started ended
  started=$(date +%s.%N)
  kill -TERM "$kiosk_pid"
  local status=0
  wait "$kiosk_pid" || status=$?
  ended=$(date +%s.%N)
  kiosk_pid=
  local took
  took=$(awk -v a="$started" -v b="$ended" 'BEGIN {printf "%.2f", b - a}')
  slowest_stop=$(awk -v a="$slowest_stop" -v b="$took" 'BEGIN {print (b > a) ? b : a}')
  if ((status != 0)); then
    echo "soak: the kiosk exited $status after SIGTERM; see $work/kiosk/kiosk.log" >&2
    exit 1
  fi
}

bytes_of() { du -cb "$@" 2>/dev/null | tail -1 | cut -f1; }

sample() {  # day hour
  local status=/proc/$kiosk_pid/status
  if [[ ! -r $status ]]; then
    echo "soak: the kiosk died on day $1 hour $2; see $work/kiosk/kiosk.log" >&2
    exit 1
  fi
  local rss anon file shmem threads fds cache media version xvfb_rss
  xvfb_rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$xvfb_pid/status" 2>/dev/null || echo 0)
  rss=$(awk '/^VmRSS:/ {print $2}' "$status")
  anon=$(awk '/^RssAnon:/ {print $2}' "$status")
  file=$(awk '/^RssFile:/ {print $2}' "$status")
  shmem=$(awk '/^RssShmem:/ {print $2}' "$status")
  threads=$(awk '/^Threads:/ {print $2}' "$status")
  fds=$(find "/proc/$kiosk_pid/fd" -mindepth 1 2>/dev/null | wc -l)
  cache=$(bytes_of "$work"/kiosk/cache/content.sqlite3*)
  media=$(bytes_of "$work/kiosk/cache/media")
  version=$(sed -n 's/.*applied version \([0-9]*\).*/\1/p' "$work/kiosk/kiosk.log" | tail -1)
  echo "$1,$2,$rss,$anon,$file,$shmem,$fds,$threads,$cache,$media,${version:-0},$(live_media_bytes),${xvfb_rss:-0}" >>"$work/samples.csv"
}

# The media bytes of the version the server has: what the cache must stay near.
live_media_bytes() {
  python3 -c 'import json, sys; print(sum(m["size"] for m in json.load(open(sys.argv[1])).get("media", [])))' \
    "$work/feed/manifest.json" 2>/dev/null || echo 0
}

echo "day,hour,rss_kib,rss_anon_kib,rss_file_kib,rss_shmem_kib,fds,threads,cache_bytes,media_bytes,version,live_media_bytes,xvfb_rss_kib" >"$work/samples.csv"
start_xvfb 1280x720 "$work" soak || exit 1
set_server normal
publish_hour 0 0
start_kiosk
started_at=$(date +%s)
for _ in $(seq 100); do grep -q 'display: video driver' "$work/kiosk/kiosk.log" && break; sleep 0.1; done
echo "soak: the kiosk's display: $(sed -n 's/.*display: //p' "$work/kiosk/kiosk.log" | head -1)" >&2
for ((day = 1; day <= days; day++)); do
  for ((hour = 0; hour < 24; hour++)); do
    set_server "$(server_mode_at "$hour")"
    publish_hour "$day" "$hour"
    for ((second = 0; second < hour_seconds; second++)); do
      sleep 1
      kill -USR1 "$kiosk_pid" 2>/dev/null || true
    done
    sample "$day" "$hour"
  done
  echo "soak: day $day of $days done ($(($(date +%s) - started_at)) s)" >&2
  if ((restart_days > 0 && day % restart_days == 0 && day < days)); then
    stop_kiosk
    start_kiosk
  fi
done
stop_kiosk
set_server down

python3 - "$work/samples.csv" "$published" "$slowest_stop" <<'PYTHON'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for row in rows:
    for key in row:
        row[key] = int(row[key])
first_day = [r for r in rows if r["day"] == 2]  # day 1 is warm-up
last_day = [r for r in rows if r["day"] == max(r["day"] for r in rows)]
start, end = first_day[-1], last_day[-1]
def peak(day, key):
    return max(r[key] for r in day)
def mean(day, key):
    return sum(r[key] for r in day) / len(day)
print(f"figure: soak days: {end['day']}")
print(f"figure: soak versions published: {sys.argv[2]}")
print(f"figure: soak versions applied (last): {end['version']}")
print(f"figure: soak slowest SIGTERM: {sys.argv[3]} s")
for key, unit in (("xvfb_rss_kib", "KiB"), ("rss_kib", "KiB"), ("rss_anon_kib", "KiB"), ("rss_file_kib", "KiB"), ("rss_shmem_kib", "KiB"), ("fds", "fds"), ("threads", "threads"), ("cache_bytes", "bytes"), ("media_bytes", "bytes")):
    print(f"figure: soak {key} day 2 end: {start[key]} {unit}")
    print(f"figure: soak {key} last day end: {end[key]} {unit}")
    print(f"figure: soak {key} peak day 2: {peak(first_day, key)} {unit}")
    print(f"figure: soak {key} peak last day: {peak(last_day, key)} {unit}")
    print(f"figure: soak {key} mean day 2: {mean(first_day, key):.0f} {unit}")
    print(f"figure: soak {key} mean last day: {mean(last_day, key):.0f} {unit}")
failures = []
# Means, not peaks: RSS churns by about 3 MB within a day (a photo decoded, a texture
# made), so one sample's peak says little; a leak moves the whole day.
if mean(last_day, "rss_kib") - mean(first_day, "rss_kib") >= 1024:
    failures.append("mean RSS of the last day is 1 MiB or more above day 2's")
# fds and threads: a connection or a download open at the moment of a sample adds one
# for that moment (17 beside a steady 16 on days 5, 10, 13, 21 and 30 of a 30-day run);
# a leak raises what the day mostly holds. So the last day's median must not pass day
# 2's, nor its peak the highest peak of the days before it.
earlier_days = [r for r in rows if 2 <= r["day"] < end["day"]] or first_day
def median(day, key):
    values = sorted(r[key] for r in day)
    return values[len(values) // 2]
for key in ("fds", "threads"):
    print(f"figure: soak {key} median day 2: {median(first_day, key)} {key}")
    print(f"figure: soak {key} median last day: {median(last_day, key)} {key}")
    if median(last_day, key) > median(first_day, key):
        failures.append(f"the last day's median {key} is above day 2's")
    if peak(last_day, key) > peak(earlier_days, key):
        failures.append(f"the last day's peak {key} is above every earlier day's")
if peak(last_day, "cache_bytes") - peak(first_day, "cache_bytes") > 1024 * 1024:
    failures.append("the SQLite cache grew by more than 1 MiB after warm-up")
bound = max(r["live_media_bytes"] for r in rows)
if any(r["media_bytes"] > 3 * bound + 1024 * 1024 for r in rows if r["day"] >= 2):
    failures.append(f"media bytes above 3x the live version's ({bound} bytes) + 1 MiB")
if float(sys.argv[3]) > 2.0:
    failures.append("SIGTERM took more than 2 s")
for failure in failures:
    print("soak: FAILED:", failure, file=sys.stderr)
sys.exit(1 if failures else 0)
PYTHON
