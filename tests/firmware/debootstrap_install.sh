#!/bin/bash
# firmware.debootstrap_install: installs the kiosk and publisher .debs with apt into a
# throwaway Debian bookworm made by debootstrap, as on a fresh Raspberry Pi OS Lite: apt
# must resolve every dependency from Debian alone, the maintainer scripts run for real
# inside the root, and the installed kiosk must start from the default config and draw
# its waiting slide with the fonts its package pulled in. Then purge leaves nothing.
#
# It downloads about 250 MB and takes minutes, so it runs only when asked:
#   BANGVANG_DEBOOTSTRAP=1 ctest --test-dir build -R firmware.debootstrap_install
#   ./run.sh package --debootstrap
# The bare bookworm root is kept as a tarball (BANGVANG_DEBOOTSTRAP_CACHE, default
# beside the packages) so that later runs only pay for the packages. The mirror is the
# host's apt mirror unless BANGVANG_DEBIAN_MIRROR names another.
# usage: debootstrap_install.sh PACKAGE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$(readlink -f "$1")

[[ ${BANGVANG_DEBOOTSTRAP:-0} == 1 ]] || skip "set BANGVANG_DEBOOTSTRAP=1 to run it (downloads ~250 MB)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
(($(id -u) == 0)) || skip "debootstrap and chroot need root"

kiosk=$(package_file "$packages" bangvang)
publisher=$(package_file "$packages" bangvang-publish)
architecture=$(dpkg --print-architecture)

host_mirror() {
    local sources
    for sources in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
        [[ -f $sources ]] || continue
        sed -nE 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+bookworm[[:space:]].*/\2/p' \
            "$sources" | grep -v security | head -n 1
        return
    done
}
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

root=$scratch/root
mkdir "$root"
tar -C "$root" -xf "$cache"
# Nothing may start services inside the throwaway root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
cp "$kiosk" "$publisher" "$root/tmp/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$scratch"' EXIT

in_root() {
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        SDL_VIDEODRIVER=offscreen "$@"
}

in_root apt-get update -qq >"$scratch/apt.log" 2>&1 || {
    cat "$scratch/apt.log" >&2
    fail "apt-get update in the bookworm root failed"
}
in_root apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$kiosk")" "/tmp/$(basename "$publisher")" >>"$scratch/apt.log" 2>&1 || {
    tail -n 30 "$scratch/apt.log" >&2
    fail "apt-get install of the .debs failed (log above)"
}
for package in bangvang bangvang-publish; do
    # shellcheck disable=SC2016
    assert_equal "install ok installed" "$(in_root dpkg-query -W -f='${Status}' "$package")" "$package status"
done
version=$(dpkg-deb -f "$kiosk" Version)
assert_equal "bangvang ${version%%-*}" "$(in_root bangvang --version)" "bangvang --version"
missing_libraries=$(in_root ldd /usr/bin/bangvang /usr/bin/bangvang-publish | grep 'not found' || true)
assert_equal "" "$missing_libraries" "libraries the installed programs cannot find"
in_root bangvang-publish --help >/dev/null || fail "bangvang-publish --help failed"
in_root id bangvang >/dev/null || fail "postinst did not create the bangvang user"
[[ -L $root/etc/systemd/system/multi-user.target.wants/bangvang.service ]] ||
    fail "bangvang.service is not enabled after install"

# The kiosk as installed: default config, cache in /var/lib/bangvang, no content yet.
# systemd's StateDirectory= hands the folder to the service user when the unit starts;
# there is no systemd running in the root, so do what it does.
in_root install -d -o bangvang -g bangvang /var/lib/bangvang
in_root runuser -u bangvang -- bangvang --config /etc/bangvang/kiosk.json --headless /var/lib/bangvang/shots --once \
    >"$scratch/kiosk.log" 2>&1 || {
    cat "$scratch/kiosk.log" >&2
    fail "the installed kiosk did not run on its default config"
}
[[ -s $root/var/lib/bangvang/shots/001-waiting.png ]] || fail "the installed kiosk wrote no waiting slide"
[[ -f $root/var/lib/bangvang/content.sqlite3 ]] || fail "the installed kiosk made no cache in /var/lib/bangvang"

# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
installed_kib=$(in_root dpkg-query -W -f='${Installed-Size}' bangvang)
# shellcheck disable=SC2016
pulled_in=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
in_root apt-get purge -y -qq bangvang bangvang-publish >>"$scratch/apt.log" 2>&1 || fail "apt-get purge failed"
for left in usr/bin/bangvang usr/bin/bangvang-publish etc/bangvang var/lib/bangvang lib/systemd/system/bangvang.service; do
    [[ ! -e $root/$left ]] || fail "purge left /$left"
done
pass "apt installed both .debs into debootstrapped bookworm ($pulled_in packages, bangvang ${installed_kib} KiB), the kiosk ran as its user, purge cleaned up"
