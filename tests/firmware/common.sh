# shellcheck shell=bash
# Sourced by the firmware tests: failures that say what differed, a scratch folder
# removed on exit, and the way to find the packages the firmware.package test built.
set -euo pipefail

test_name=$(basename "$0" .sh)

fail() {
    echo "$test_name: FAIL: $*" >&2
    exit 1
}

# ctest counts exit status 77 as skipped (SKIP_RETURN_CODE): only for a missing tool.
skip() {
    echo "$test_name: SKIP: $*"
    exit 77
}

pass() {
    echo "$test_name: ok: $*"
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bangvang-$test_name.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

assert_equal() {
    local expected=$1 actual=$2 what=$3
    [[ $expected == "$actual" ]] || fail "$what: expected \"$expected\", got \"$actual\""
}

assert_contains() {
    local haystack=$1 needle=$2 what=$3
    [[ $haystack == *"$needle"* ]] || fail "$what: \"$needle\" missing from:
$haystack"
}

assert_not_contains() {
    local haystack=$1 needle=$2 what=$3
    [[ $haystack != *"$needle"* ]] || fail "$what: \"$needle\" should not be in:
$haystack"
}

assert_same_file() {
    local expected=$1 actual=$2
    [[ -f $actual ]] || fail "$actual does not exist"
    diff -u --label "expected ${expected##*/}" --label "$actual" "$expected" "$actual" >&2 ||
        fail "$actual differs from $expected (diff above)"
}

# The .deb of PACKAGE for this machine's architecture in FOLDER.
package_file() {
    local folder=$1 package=$2 architecture
    architecture=$(dpkg --print-architecture)
    local file
    file=$(find "$folder" -maxdepth 1 -name "${package}_*_$architecture.deb" | head -n 1)
    [[ -n $file ]] || fail "no ${package}_*_$architecture.deb in $folder (did firmware.package run?)"
    echo "$file"
}

# --- a throwaway Debian bookworm (the opt-in tests: BANGVANG_DEBOOTSTRAP=1) -------------

host_mirror() {
    local sources
    for sources in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
        [[ -f $sources ]] || continue
        sed -nE 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+bookworm[[:space:]].*/\2/p' \
            "$sources" | grep -v security | head -n 1
        return
    done
}

# Unpacks a minimal bookworm into ROOT, debootstrapped once and kept as a tarball
# (BANGVANG_DEBOOTSTRAP_CACHE, default beside PACKAGE_DIR) so that later runs only pay
# for the packages, from the host's apt mirror unless BANGVANG_DEBIAN_MIRROR names
# another. Nothing may start services inside it; /proc is mounted and unmounted on exit.
# usage: bookworm_root PACKAGE_DIR ROOT
bookworm_root() {
    local packages=$1 root=$2 architecture mirror cache
    architecture=$(dpkg --print-architecture)
    mirror=${BANGVANG_DEBIAN_MIRROR:-$(host_mirror)}
    [[ -n $mirror ]] || fail "no Debian mirror: set BANGVANG_DEBIAN_MIRROR"
    cache=${BANGVANG_DEBOOTSTRAP_CACHE:-$packages/../bookworm-minbase-$architecture.tar}
    if [[ ! -s $cache ]]; then
        echo "$test_name: debootstrap bookworm ($architecture) from $mirror"
        debootstrap --variant=minbase --arch="$architecture" bookworm "$scratch/base" "$mirror" \
            >"$scratch/debootstrap.log" 2>&1 || {
            tail -n 20 "$scratch/debootstrap.log" >&2
            fail "debootstrap failed (log above)"
        }
        tar -C "$scratch/base" -cf "$cache.partial" . && mv "$cache.partial" "$cache"
        rm -rf "$scratch/base"
    fi
    mkdir -p "$root"
    tar -C "$root" -xf "$cache"
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    bookworm_root_mounted=$root
    trap 'umount "$bookworm_root_mounted/proc" 2>/dev/null || true; rm -rf "$scratch"' EXIT
}

# Runs a command inside the root made by bookworm_root (as root, a clean environment).
in_root() {
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        SDL_VIDEODRIVER=offscreen "$@"
}
