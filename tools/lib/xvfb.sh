# shellcheck shell=bash
# One X server (Xvfb) for the scripts that run the real kiosk in a window: sourced by
# tools/soak.sh and tools/display/window_bench.sh.
#   start_xvfb WIDTHxHEIGHT LOG_DIR NAME
# starts Xvfb on a free display (it picks the number and writes it to fd 3, so that two
# runs never collide), waits up to 10 s for it, and sets xvfb_pid and display (the
# number, without the colon). NAME prefixes the error; the log is LOG_DIR/xvfb.log.
# shellcheck disable=SC2034 # set here, read by the scripts that source this one
xvfb_pid=""
display=""
start_xvfb() {
  local size=$1 log_dir=$2 name=$3
  command -v Xvfb >/dev/null || { echo "$name: Xvfb is missing (apt-get install xvfb)" >&2; return 1; }
  rm -f "$log_dir/xvfb.display"
  # -noreset: Xvfb would otherwise reset, refusing clients meanwhile, each time the last
  # one leaves (between two kiosk starts).
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$log_dir/xvfb.display" >"$log_dir/xvfb.log" 2>&1 &
  # shellcheck disable=SC2034
  xvfb_pid=$!
  local _
  for _ in $(seq 100); do
    display=$(cat "$log_dir/xvfb.display" 2>/dev/null || true)
    [[ -n $display ]] && return 0
    sleep 0.1
  done
  echo "$name: Xvfb did not start (see $log_dir/xvfb.log)" >&2
  return 1
}
