#!/bin/sh
# Turns the kiosk's screen on or off for the screen schedule (provision.sh writes
# the timers), with whatever the hardware allows:
#   - HDMI-CEC (cec-ctl, Debian package v4l-utils): the TV goes to standby or wakes;
#     works under KMS, where the kiosk holds the display.
#   - vcgencmd display_power: the firmware's HDMI power, for the legacy (non-KMS)
#     display stack.
#   - wlr-randr: only when a Wayland compositor owns the screen.
# usage: display-power on|off
# BANGVANG_CEC_DEVICE names another CEC adapter than /dev/cec0 (and lets tests fake one).
set -u

state=${1:-}
case $state in
    on | off) ;;
    *)
        echo "usage: display-power on|off" >&2
        exit 2
        ;;
esac

worked=no
tried=""
cec_device=${BANGVANG_CEC_DEVICE:-/dev/cec0}

if command -v cec-ctl >/dev/null 2>&1 && [ -e "$cec_device" ]; then
    tried="$tried cec-ctl"
    # Claim a playback logical address first; the TV answers only to one.
    cec-ctl -d "$cec_device" --playback >/dev/null 2>&1 || true
    if [ "$state" = on ]; then
        cec-ctl -d "$cec_device" --to 0 --image-view-on >/dev/null 2>&1 && worked=yes
    else
        cec-ctl -d "$cec_device" --to 0 --standby >/dev/null 2>&1 && worked=yes
    fi
fi

if command -v vcgencmd >/dev/null 2>&1; then
    tried="$tried vcgencmd"
    if [ "$state" = on ]; then
        vcgencmd display_power 1 >/dev/null 2>&1 && worked=yes
    else
        vcgencmd display_power 0 >/dev/null 2>&1 && worked=yes
    fi
fi

if command -v wlr-randr >/dev/null 2>&1 && [ -n "${WAYLAND_DISPLAY:-}" ]; then
    tried="$tried wlr-randr"
    for output in $(wlr-randr 2>/dev/null | awk '/^[^ ]/ {print $1}'); do
        wlr-randr --output "$output" "--$state" >/dev/null 2>&1 && worked=yes
    done
fi

if [ "$worked" = yes ]; then
    echo "display-power: screen $state (tried:$tried)"
    exit 0
fi
echo "display-power: could not turn the screen $state (tried:${tried:- nothing; install v4l-utils for HDMI-CEC})" >&2
exit 1
