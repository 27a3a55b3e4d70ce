#!/bin/bash
# firmware.systemd_units: the packaged units and the timers provision.sh writes pass
# `systemd-analyze verify`, bangvang.service scores 2.5 or better in
# `systemd-analyze security`, and it keeps the settings the kiosk relies on.
# usage: systemd_units.sh PACKAGE_DIR SOURCE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$1
source_directory=$2
readonly threshold=2.5

command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed (apt-get install systemd)"
[[ -d /lib/systemd/system ]] || skip "no systemd units in /lib/systemd/system to verify against"

# A root holding the package, systemd's own units (targets the units refer to) and a
# provisioned screen schedule. verify --root checks ExecStart= there, so the real
# packaged programs are the ones checked.
root=$scratch/root
mkdir -p "$root/lib/systemd/system"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/"
dpkg-deb --extract "$(package_file "$packages" bangvang)" "$root"
mkdir -p "$scratch/boot"
cp "$(dirname "$0")/fake-pi/boot/firmware/config.txt" "$(dirname "$0")/fake-pi/boot/firmware/cmdline.txt" "$scratch/boot/"
"$source_directory/firmware/provision.sh" --root "$root" --boot "$scratch/boot" --kiosk-id verify-01 --site verify \
    --screen-on 06:30 --screen-off 21:30 --screen-days Mon..Sat \
    --update-repo http://127.0.0.1/apt --update-key "$(dirname "$0")/repository-key.asc" >"$scratch/provision.log" 2>&1 ||
    { cat "$scratch/provision.log" >&2; fail "provision.sh could not write the screen schedule"; }

verify() {
    local output
    # verify prints problems (unknown keys, missing programs, bad dependencies) even
    # when it exits 0: any output is a failure.
    if ! output=$(cd "$root" && systemd-analyze verify --man=no --root="$root" "$@" 2>&1) || [[ -n $output ]]; then
        echo "$output" >&2
        return 1
    fi
}
units=(bangvang.service bangvang-display-power@on.service bangvang-display-power@off.service
    bangvang-screen-on.timer bangvang-screen-off.timer bangvang-update.timer bangvang-update.service
    bangvang-update-check.service)
verify "${units[@]}" || fail "systemd-analyze verify ${units[*]} reports the problems above"

# The check has teeth: a unit whose program is missing fails it.
sed 's#^ExecStart=/usr/bin/bangvang#ExecStart=/usr/bin/bangvang-missing#' \
    "$root/lib/systemd/system/bangvang.service" >"$root/etc/systemd/system/broken-kiosk.service"
if verify broken-kiosk.service 2>/dev/null; then fail "verify accepted a unit whose ExecStart= does not exist"; fi

security=$(systemd-analyze security --offline=true --root="$root" bangvang.service 2>&1) ||
    { echo "$security" >&2; fail "systemd-analyze security failed"; }
score=$(sed -n 's/^→ Overall exposure level for bangvang.service: \([0-9.]*\) .*/\1/p' <<<"$security")
[[ -n $score ]] || fail "no overall exposure level in:
$security"
awk -v score="$score" -v threshold="$threshold" 'BEGIN { exit !(score <= threshold) }' ||
    fail "bangvang.service exposure $score is above $threshold:
$security"
# systemd's own threshold check agrees (exposure x10).
systemd-analyze security --offline=true --root="$root" --threshold=25 bangvang.service >/dev/null 2>&1 ||
    fail "systemd-analyze security --threshold=25 fails for bangvang.service"

# What the kiosk relies on: settings a well-meant edit must not drop.
unit=$(grep -v '^[[:space:]]*#' "$root/lib/systemd/system/bangvang.service")
for setting in Type=notify WatchdogSec=30s Restart=always After=network.target StartLimitIntervalSec=0 \
    Environment=SDL_VIDEODRIVER=kmsdrm User=bangvang StateDirectory=bangvang ProtectSystem=strict \
    ProtectHome=yes PrivateTmp=yes NoNewPrivileges=yes DevicePolicy=closed "DeviceAllow=char-drm rw" \
    "DeviceAllow=char-input r" Conflicts=getty@tty1.service WantedBy=multi-user.target; do
    grep -qxF -- "$setting" <<<"$unit" || grep -qE "^${setting%%=*}=.*${setting#*=}" <<<"$unit" ||
        fail "bangvang.service lacks $setting"
done
# Starting must never wait for the network to come online.
assert_not_contains "$unit" "network-online" "bangvang.service"
# Only the GPU and input devices (ProtectClock adds the read-only RTC by itself).
assert_equal "char-drm rw
char-input r" "$(sed -n 's/^DeviceAllow=//p' <<<"$unit")" "DeviceAllow= lines"

# The portal's unit (its own package): verified, and at least as shut as the kiosk's.
dpkg-deb --extract "$(package_file "$packages" bangvang-portal)" "$root"
verify bangvang-portal.service || fail "systemd-analyze verify bangvang-portal.service reports the problems above"
portal_security=$(systemd-analyze security --offline=true --root="$root" bangvang-portal.service 2>&1) ||
    { echo "$portal_security" >&2; fail "systemd-analyze security failed for bangvang-portal.service"; }
portal_score=$(sed -n 's/^→ Overall exposure level for bangvang-portal.service: \([0-9.]*\) .*/\1/p' <<<"$portal_security")
awk -v score="$portal_score" -v threshold="$threshold" 'BEGIN { exit !(score != "" && score <= threshold) }' ||
    fail "bangvang-portal.service exposure ${portal_score:-unknown} is above $threshold:
$portal_security"

pass "verify: ${units[*]} bangvang-portal.service; security: bangvang.service exposure $score, bangvang-portal.service $portal_score (threshold $threshold)"
