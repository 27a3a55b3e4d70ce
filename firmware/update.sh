#!/bin/bash
# The kiosk's unattended update and its way back (README "Updates for a fleet").
# Installed as /usr/libexec/bangvang/update; run by systemd as root:
#
#   update upgrade   bangvang-update.service, from bangvang-update.timer outside office
#                    hours: upgrades bangvang from the district's signed repository and
#                    Debian's security updates inside the read-only root (the overlay's
#                    lower filesystem, remounted writable for the while), keeps a copy of
#                    the bangvang package it replaced on the state partition, and reboots
#                    only when something changed.
#   update check     bangvang-update-check.service, at every boot after an upgrade of
#                    bangvang: waits up to --wait-minutes (monotonic time since boot, never
#                    the wall clock, which may still say the image's build date) for the
#                    kiosk to be ready (sd_notify READY=1: the unit is "active"); if it is
#                    not, or systemd had to restart it --max-restarts times (crashes,
#                    watchdog), the previous version goes back in and the Pi reboots.
#   update rollback REASON   the way back itself, also by hand.
#
# What happened last is in STATE/status.json, which the kiosk sends in every heartbeat.
set -euo pipefail

readonly program=bangvang-update
root=""
state=/var/lib/bangvang/update
reboot=yes
wait_minutes=10
max_restarts=3
systemctl_command=${BANGVANG_UPDATE_SYSTEMCTL:-systemctl}

usage() {
    cat <<'TEXT'
usage: update upgrade|check|rollback REASON [options]
  --root DIR          the root filesystem to change (default: the overlay's lower
                      filesystem /media/root-ro when the root is read-only, else /)
  --state DIR         where the previous package and the outcome are kept
                      (default /var/lib/bangvang/update, on the state partition)
  --no-reboot         say that a reboot is due instead of rebooting
  --wait-minutes N    check: how long the new kiosk has to become ready (default 10)
  --max-restarts N    check: this many restarts of the kiosk count as failed (default 3)
TEXT
}

log() { echo "$program: $*" >&2; }
fail() {
    log "error: $*"
    exit 1
}

command=${1:-}
[[ -n $command ]] || { usage >&2; exit 2; }
shift
reason=""
if [[ $command == rollback ]]; then
    [[ $# -ge 1 ]] || { usage >&2; exit 2; }
    reason=$1
    shift
fi
while [[ $# -gt 0 ]]; do
    case $1 in
        --root) root=$2; shift 2 ;;
        --state) state=$2; shift 2 ;;
        --no-reboot) reboot=no; shift ;;
        --wait-minutes) wait_minutes=$2; shift 2 ;;
        --max-restarts) max_restarts=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $wait_minutes =~ ^[0-9]+$ && $max_restarts =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }

# --- the root that apt changes ----------------------------------------------------------

# overlayroot mounts the real root read-only on /media/root-ro and a tmpfs over it on /:
# apt must write below, or its work vanishes at the next boot (overlayroot-chroot does
# the same by hand).
remounted=""
bound=()
policy_written=no
if [[ -z $root ]]; then
    root=/
    if [[ -d /media/root-ro ]] && mountpoint -q /media/root-ro; then root=/media/root-ro; fi
fi
root=$(cd "$root" && pwd -P)

leave_root() {
    local index
    for ((index = ${#bound[@]} - 1; index >= 0; index--)); do umount "${bound[index]}" 2>/dev/null || true; done
    bound=()
    if [[ $policy_written == yes ]]; then
        rm -f "$root/usr/sbin/policy-rc.d"
        policy_written=no
    fi
    if [[ -n $remounted ]]; then
        sync
        mount -o remount,ro "$remounted" 2>/dev/null || log "warning: could not remount $remounted read-only"
        remounted=""
    fi
}
trap leave_root EXIT

enter_root() {
    [[ $root == / ]] && return 0
    if mountpoint -q "$root" && grep -qE "^[^ ]+ $root [^ ]+ ro[, ]" /proc/mounts; then
        mount -o remount,rw "$root" || fail "cannot remount $root writable"
        remounted=$root
    fi
    local system
    for system in proc sys dev; do
        mountpoint -q "$root/$system" && continue
        mount --bind "/$system" "$root/$system" || fail "cannot bind /$system into $root"
        bound+=("$root/$system")
    done
    # The running system's name servers (the lower root's copy dates from provisioning).
    if [[ -f /etc/resolv.conf && -f $root/etc/resolv.conf && ! -L $root/etc/resolv.conf ]] &&
        ! mountpoint -q "$root/etc/resolv.conf"; then
        mount --bind /etc/resolv.conf "$root/etc/resolv.conf" && bound+=("$root/etc/resolv.conf")
    fi
    # Packages upgraded below the running system must not restart its services: the
    # reboot starts the new versions (and the boot check watches the kiosk).
    if [[ ! -e $root/usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# bangvang-update: no service starts while it upgrades the lower root\nexit 101\n' \
            >"$root/usr/sbin/policy-rc.d"
        chmod 755 "$root/usr/sbin/policy-rc.d"
        policy_written=yes
    fi
}

in_root() {
    local environment=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8)
    if [[ $root == / ]]; then
        "${environment[@]}" "$@"
    else
        chroot "$root" "${environment[@]}" "$@"
    fi
}

# apt as the update wants it: no questions, the kiosk's own config (a conffile) kept as
# it is, no recommends.
apt_in_root() {
    in_root apt-get -q -y -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-confdef \
        -o APT::Install-Recommends=false "$@"
}

installed_versions() {
    # shellcheck disable=SC2016 # dpkg-query's format, not the shell's
    in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' | awk '$1 == "ii" { print $2, $3 }'
}

installed_version() {
    # shellcheck disable=SC2016
    in_root dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true
}

# --- what the state partition keeps ------------------------------------------------------

json_text() {
    local text=$1
    text=${text//\\/\\\\}
    text=${text//\"/\\\"}
    text=${text//$'\n'/ }
    printf '"%s"' "$text"
}

# STATE/status.json: the last outcome, for the heartbeat (content/FORMAT.md "update").
write_status() {
    local result=$1 from=$2 to=$3 message=$4
    mkdir -p "$state"
    {
        printf '{"result": %s, "at": %s, "from_version": %s, "to_version": %s, "message": %s}\n' \
            "$(json_text "$result")" "$(json_text "$(date --iso-8601=seconds)")" "$(json_text "$from")" \
            "$(json_text "$to")" "$(json_text "$message")"
    } >"$state/status.json.new"
    chmod 644 "$state/status.json.new"
    sync "$state/status.json.new" 2>/dev/null || true
    mv -f "$state/status.json.new" "$state/status.json"
    log "$result: $message"
}

# Keeps the installed bangvang's .deb in STATE/packages/ (the way back), from apt's
# cache, from what is already kept, or from the repository while it still has it.
keep_installed_package() {
    local version=$1 architecture file
    architecture=$(in_root dpkg --print-architecture)
    file=bangvang_${version/*:/}_$architecture.deb
    mkdir -p "$state/packages"
    [[ -s $state/packages/$file ]] && return 0
    if [[ -s $root/var/cache/apt/archives/$file ]]; then
        cp "$root/var/cache/apt/archives/$file" "$state/packages/$file.new"
    elif ! repack_installed "$state/packages/$file.new"; then
        rm -f "$state/packages/$file.new"
        log "warning: no copy of bangvang $version to go back to"
        return 1
    fi
    sync "$state/packages/$file.new" 2>/dev/null || true
    mv -f "$state/packages/$file.new" "$state/packages/$file"
    # Only the running version and the one before it are kept.
    find "$state/packages" -name 'bangvang_*.deb' ! -name "$file" -printf '%T@ %p\n' | sort -rn | tail -n +2 |
        cut -d' ' -f2- | xargs -r rm -f
}

# Rebuilds the installed bangvang's .deb from dpkg's own records (its file list, control
# fields and maintainer scripts), as dpkg-repack does: the package installed by hand with
# `apt-get install ./bangvang_….deb` is in no cache, and the repository keeps only the
# newest version.
repack_installed() {
    local output=$1 work
    in_root dpkg-query -L bangvang >"$root/tmp/bangvang-files" 2>/dev/null || return 1
    work=$(mktemp -d "$root/tmp/bangvang-repack.XXXXXX")
    mkdir -p "$work/DEBIAN"
    in_root dpkg-query -s bangvang | grep -vE '^(Status|Config-Version):' >"$work/DEBIAN/control"
    local script path
    for script in postinst prerm postrm preinst conffiles; do
        path=$(in_root dpkg-query --control-path bangvang "$script" 2>/dev/null || true)
        [[ -n $path && -f $root$path ]] && cp -p "$root$path" "$work/DEBIAN/$script"
    done
    (cd "$root" && sed 's#^/##' tmp/bangvang-files | grep -v '^\.*$' |
        while IFS= read -r path; do [[ -d $path && ! -L $path ]] || printf '%s\0' "$path"; done |
        tar --null --no-recursion -T - -cf -) | tar -C "$work" -xf -
    rm -f "$root/tmp/bangvang-files"
    local built=no
    dpkg-deb --root-owner-group -b "$work" "$output" >/dev/null 2>&1 && built=yes
    rm -rf "$work"
    [[ $built == yes ]]
}

reboot_now() {
    if [[ $reboot == yes ]]; then
        log "rebooting"
        leave_root
        systemctl reboot
    else
        log "a reboot is due (--no-reboot)"
    fi
}

# --- upgrade ----------------------------------------------------------------------------

# Debian's security suite, as the root's own sources name it; empty when there is none.
security_sources() {
    grep -rhsE '^[^#]*(security\.debian\.org|debian-security)' "$root/etc/apt/sources.list" \
        "$root"/etc/apt/sources.list.d/*.list 2>/dev/null || true
    local file
    for file in "$root"/etc/apt/sources.list.d/*.sources; do
        [[ -f $file ]] || continue
        # deb822: the stanzas whose URIs are the security archive.
        awk 'BEGIN { RS = ""; ORS = "\n\n" } /URIs:[^\n]*(security\.debian\.org|debian-security)/' "$file"
    done
}

upgrade() {
    enter_root
    local before after previous candidate refused=""
    previous=$(installed_version bangvang)
    [[ -n $previous ]] || fail "bangvang is not installed in $root"
    before=$(installed_versions)
    # Any index that cannot be fetched or whose signature does not verify fails the run
    # (plain apt-get update only warns and keeps the old index).
    local fetched
    if ! fetched=$(in_root apt-get -q update --error-on=any 2>&1); then
        echo "$fetched" >&2
        write_status failed "$previous" "" "apt-get update: $(grep -E '^(E|W):' <<<"$fetched" | head -n 3 | paste -sd' ' -)"
        fail "apt-get update failed: a repository cannot be reached or its signature does not verify; bangvang $previous stays"
    fi
    echo "$fetched" >&2
    # shellcheck disable=SC2016
    candidate=$(in_root apt-cache policy bangvang | awk '/Candidate:/ { print $2 }')
    [[ -s $state/refused-version ]] && refused=$(cat "$state/refused-version")
    if [[ -n $candidate && $candidate != "$previous" && $candidate == "$refused" ]]; then
        log "bangvang $candidate was rolled back before: staying at $previous until a newer version is published"
    elif [[ -n $candidate && $candidate != "(none)" && $candidate != "$previous" ]]; then
        keep_installed_package "$previous" || true
        apt_in_root install --only-upgrade bangvang >&2 || {
            write_status failed "$previous" "$candidate" "apt-get could not install bangvang $candidate; $previous stays"
            exit 1
        }
    fi

    local security
    security=$(security_sources)
    if [[ -n $security ]]; then
        local parts=$root/tmp/bangvang-update-sources
        rm -rf "$parts"
        mkdir -p "$parts"
        printf '%s\n' "$security" >"$parts/security.sources"
        grep -q '^Types:' "$parts/security.sources" || mv "$parts/security.sources" "$parts/security.list"
        # Only the security suite's versions are candidates: nothing else moves.
        local only_security=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=/tmp/bangvang-update-sources)
        if ! apt_in_root "${only_security[@]}" update >&2 || ! apt_in_root "${only_security[@]}" upgrade >&2; then
            log "warning: Debian's security updates failed this time"
        fi
        rm -rf "$parts"
        in_root apt-get -q update >/dev/null 2>&1 || true  # the full lists again, for the next run
    else
        log "no Debian security suite among the sources: only bangvang is upgraded"
    fi
    after=$(installed_versions)
    if [[ $before == "$after" ]]; then
        in_root apt-get -q clean >/dev/null 2>&1 || true
        log "nothing to upgrade"
        return 0
    fi
    local changed now
    changed=$({ diff <(echo "$before") <(echo "$after") || true; } | sed -n 's/^> //p' | paste -sd' ' -)
    now=$(installed_version bangvang)
    if [[ $now != "$previous" ]]; then
        keep_installed_package "$now" || true
        in_root apt-get -q clean >/dev/null 2>&1 || true
        # Written last: the next boot's check watches the new kiosk.
        printf '%s %s\n' "$previous" "$now" >"$state/pending"
        sync "$state/pending" 2>/dev/null || true
        write_status updated "$previous" "$now" "bangvang $previous -> $now; upgraded: $changed; checked after the reboot"
    else
        in_root apt-get -q clean >/dev/null 2>&1 || true
        write_status updated "$previous" "$now" "security updates: $changed"
    fi
    reboot_now
}

# --- check and rollback -----------------------------------------------------------------

uptime_seconds() { cut -d. -f1 /proc/uptime; }

check() {
    [[ -s $state/pending ]] || { log "no upgrade to check"; return 0; }
    local previous new
    read -r previous new <"$state/pending"
    local deadline=$(($(uptime_seconds) + wait_minutes * 60)) active restarts
    while :; do
        active=$("$systemctl_command" show -p ActiveState --value bangvang.service 2>/dev/null || true)
        restarts=$("$systemctl_command" show -p NRestarts --value bangvang.service 2>/dev/null || echo 0)
        if ((${restarts:-0} >= max_restarts)); then
            rollback "bangvang $new was restarted $restarts times (crashes or its watchdog)"
            return
        fi
        if [[ $active == active ]]; then
            rm -f "$state/pending" "$state/refused-version"
            write_status updated "$previous" "$new" "bangvang $new is running (ready)"
            return 0
        fi
        if (($(uptime_seconds) >= deadline)); then
            rollback "bangvang $new was not ready ${wait_minutes} minutes after the boot (state: ${active:-unknown})"
            return
        fi
        sleep 5
    done
}

rollback() {
    local why=$1 previous new
    [[ -s $state/pending ]] || fail "nothing to roll back: no upgrade is pending in $state"
    read -r previous new <"$state/pending"
    local architecture file
    enter_root
    architecture=$(in_root dpkg --print-architecture)
    file=bangvang_${previous/*:/}_$architecture.deb
    if [[ ! -s $state/packages/$file ]]; then
        write_status failed "$new" "$previous" "$why; no copy of $previous kept: cannot go back"
        rm -f "$state/pending"
        exit 1
    fi
    cp "$state/packages/$file" "$root/tmp/$file"
    if ! apt_in_root install --allow-downgrades "/tmp/$file" >&2; then
        rm -f "$root/tmp/$file"
        write_status failed "$new" "$previous" "$why; reinstalling $previous failed"
        exit 1
    fi
    rm -f "$root/tmp/$file"
    echo "$new" >"$state/refused-version"
    rm -f "$state/pending"
    write_status rolled_back "$new" "$previous" "$why; bangvang $previous reinstalled"
    reboot_now
}

case $command in
    upgrade) upgrade ;;
    check) check ;;
    rollback) rollback "$reason" ;;
    *) usage >&2; exit 2 ;;
esac
