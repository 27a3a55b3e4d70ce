#!/bin/bash
# firmware.dpkg_install: dpkg installs the kiosk .deb into a throwaway root (its
# maintainer scripts run for real, on that root, through DPKG_ROOT), upgrades it,
# removes it and purges it, and each step leaves what Debian expects.
# (debootstrap needs a mirror; dpkg --root needs nothing but the .deb.)
# usage: dpkg_install.sh PACKAGE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$1
kiosk=$(package_file "$packages" bangvang)

root=$scratch/root
mkdir -p "$root/etc" "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$root/etc/passwd"
printf 'root:x:0:\nvideo:x:44:\n' >"$root/etc/group"

# The libraries are not in the throwaway root: dependencies are checked by lintian and
# package_contents; this test is about files, conffiles and maintainer scripts.
in_root() {
    dpkg --root="$root" --force-script-chrootless --force-not-root --force-depends \
        --log="$scratch/dpkg.log" "$@" >>"$scratch/dpkg.out" 2>&1 || {
        cat "$scratch/dpkg.out" >&2
        fail "dpkg $* failed"
    }
}
status_of() { dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' bangvang 2>/dev/null || true; }
wants=$root/etc/systemd/system/multi-user.target.wants/bangvang.service

# First install: user and groups created, service enabled, not started.
in_root --install "$kiosk"
assert_equal "install ok installed" "$(status_of)" "status after install"
user=$(grep '^bangvang:' "$root/etc/passwd") || fail "postinst did not create the bangvang user"
[[ $user =~ ^bangvang:x:([0-9]+):([0-9]+):bangvang\ kiosk:/var/lib/bangvang:/usr/sbin/nologin$ ]] ||
    fail "unexpected bangvang user: $user"
((BASH_REMATCH[1] < 1000)) || fail "bangvang is not a system user (uid ${BASH_REMATCH[1]})"
for group in bangvang input render; do
    grep -q "^$group:" "$root/etc/group" || fail "group $group was not created"
done
grep -q '^video:x:44:' "$root/etc/group" || fail "the existing video group was changed"
assert_equal /lib/systemd/system/bangvang.service "$(readlink "$wants")" "enabled unit link"
[[ -x $root/usr/bin/bangvang ]] || fail "usr/bin/bangvang not installed"
conffiles=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Conffiles}' bangvang)
assert_contains "$conffiles" "/etc/bangvang/kiosk.json" "registered conffiles"

# A technician's edit of the config and disabling of the service survive an upgrade.
echo '{"edited": true}' >"$root/etc/bangvang/kiosk.json"
systemctl --root="$root" --quiet disable bangvang.service
[[ ! -e $wants && ! -L $wants ]] || fail "systemctl disable left $wants"
in_root --install "$kiosk"
assert_equal '{"edited": true}' "$(cat "$root/etc/bangvang/kiosk.json")" "config after upgrade"
[[ ! -e $wants && ! -L $wants ]] || fail "the upgrade re-enabled a disabled service"
assert_equal 1 "$(grep -c '^bangvang:' "$root/etc/passwd")" "bangvang users after upgrade"
systemctl --root="$root" --quiet enable bangvang.service

# Remove: files go, the edited config stays, the unit is masked.
mkdir -p "$root/var/lib/bangvang/media"
touch "$root/var/lib/bangvang/content.sqlite3"
in_root --remove bangvang
assert_equal "deinstall ok config-files" "$(status_of)" "status after remove"
[[ ! -e $root/usr/bin/bangvang ]] || fail "remove left usr/bin/bangvang"
[[ -f $root/etc/bangvang/kiosk.json ]] || fail "remove deleted the edited conffile"
assert_equal /dev/null "$(readlink "$root/etc/systemd/system/bangvang.service")" "mask after remove"
[[ -f $root/var/lib/bangvang/content.sqlite3 ]] || fail "remove deleted the cache"

# Purge: config, cache, mask and enablement all gone; the user stays (Debian policy).
in_root --purge bangvang
assert_equal "" "$(status_of)" "status after purge"
for left in etc/bangvang etc/systemd/system/bangvang.service var/lib/bangvang \
    etc/systemd/system/multi-user.target.wants/bangvang.service; do
    [[ ! -e $root/$left && ! -L $root/$left ]] || fail "purge left /$left"
done
grep -q '^bangvang:' "$root/etc/passwd" || fail "purge removed the bangvang user"
pass "install, upgrade, remove and purge of $(basename "$kiosk") in a throwaway root"
