#!/bin/bash
# firmware.display_power: display-power turns the screen on and off through whatever
# the Pi has (HDMI-CEC, vcgencmd), and fails with a hint when it has nothing.
# cec-ctl and vcgencmd are stand-ins on PATH that record their arguments.
# usage: display_power.sh SOURCE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
display_power=$1/firmware/display-power.sh

tools=$scratch/tools
mkdir -p "$tools"
calls=$scratch/calls
for tool in cec-ctl vcgencmd; do
    printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$tool" "$calls" >"$tools/$tool"
    chmod +x "$tools/$tool"
done
# Only the shell's own tools besides the stand-ins, so the machine's cec-ctl or
# vcgencmd (on a real Pi) never turns a real screen off.
mkdir -p "$scratch/bin"
for program in sh awk; do ln -s "$(command -v "$program")" "$scratch/bin/$program"; done
run() {
    : >"$calls"
    env -i PATH="$1" BANGVANG_CEC_DEVICE="$2" /bin/sh "$display_power" "$3" >"$scratch/out" 2>&1
}

# Nothing available: exit 1 and say what to install.
if run "$scratch/bin" /nonexistent off; then fail "display-power succeeded with no tool"; fi
assert_contains "$(cat "$scratch/out")" "install v4l-utils for HDMI-CEC" "message with no tool"

# Bad argument: usage, exit 2.
run "$tools:$scratch/bin" /nonexistent sideways && fail "display-power accepted \"sideways\""
assert_equal 2 "$(run "$tools:$scratch/bin" /nonexistent sideways; echo $?)" "exit status for a bad argument"

# vcgencmd only (no CEC adapter).
run "$tools:$scratch/bin" /nonexistent off || fail "display-power off with vcgencmd: $(cat "$scratch/out")"
assert_equal "vcgencmd display_power 0" "$(cat "$calls")" "calls for off"
run "$tools:$scratch/bin" /nonexistent on || fail "display-power on with vcgencmd: $(cat "$scratch/out")"
assert_equal "vcgencmd display_power 1" "$(cat "$calls")" "calls for on"

# A CEC adapter: claim a playback address, then standby / image-view-on to the TV.
touch "$scratch/cec0"
run "$tools:$scratch/bin" "$scratch/cec0" off || fail "display-power off with CEC: $(cat "$scratch/out")"
assert_equal "cec-ctl -d $scratch/cec0 --playback
cec-ctl -d $scratch/cec0 --to 0 --standby
vcgencmd display_power 0" "$(cat "$calls")" "calls for off with CEC"
run "$tools:$scratch/bin" "$scratch/cec0" on || fail "display-power on with CEC: $(cat "$scratch/out")"
assert_contains "$(cat "$calls")" "cec-ctl -d $scratch/cec0 --to 0 --image-view-on" "calls for on with CEC"
assert_equal "display-power: screen on (tried: cec-ctl vcgencmd)" "$(cat "$scratch/out")" "message"

pass "CEC, vcgencmd, neither, and a bad argument"
