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
# The bare bookworm root is kept as a tarball (common.sh, bookworm_root).
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

root=$scratch/root
bookworm_root "$packages" "$root"
cp "$kiosk" "$publisher" "$root/tmp/"

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
