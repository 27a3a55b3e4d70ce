#!/bin/bash
# firmware.package_contents: what dpkg-deb --info and --contents show of both .debs,
# and that the kiosk accepts the config the package installs.
# usage: package_contents.sh PACKAGE_DIR [BANGVANG_BINARY]
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$1
kiosk_binary=${2:-}
architecture=$(dpkg --print-architecture)

kiosk=$(package_file "$packages" bangvang)
publish=$(package_file "$packages" bangvang-publish)

# --- bangvang: control ---------------------------------------------------------------
info=$(dpkg-deb --info "$kiosk")
assert_equal bangvang "$(dpkg-deb -f "$kiosk" Package)" "Package"
assert_equal "$architecture" "$(dpkg-deb -f "$kiosk" Architecture)" "Architecture"
depends=$(dpkg-deb -f "$kiosk" Depends)
dependency_names=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ .*//')
for dependency in fonts-noto-core systemd libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 \
    libsqlite3-0 libsodium23 libqrencode4 libutf8proc2 libsystemd0 libegl1 libgles2 libgl1-mesa-dri; do
    grep -qxF "$dependency" <<<"$dependency_names" || fail "bangvang does not depend on $dependency: $depends"
done
for script in postinst prerm postrm conffiles md5sums; do
    assert_contains "$info" " $script" "bangvang control archive"
done
# The maintainer scripts must be executable and run by /bin/sh.
dpkg-deb --control "$kiosk" "$scratch/control"
for script in postinst prerm postrm; do
    [[ -x $scratch/control/$script ]] || fail "$script is not executable"
    assert_equal "#!/bin/sh" "$(head -n 1 "$scratch/control/$script")" "$script interpreter"
    sh -n "$scratch/control/$script" || fail "$script does not parse"
done
assert_contains "$(cat "$scratch/control/postinst")" "systemd-sysusers" "postinst creates the bangvang user"
assert_contains "$(cat "$scratch/control/postinst")" "deb-systemd-helper enable bangvang.service" "postinst enables the unit"
assert_contains "$(cat "$scratch/control/postrm")" "deb-systemd-helper purge bangvang.service" "postrm purges the unit"
assert_equal "/etc/bangvang/kiosk.json" "$(cat "$scratch/control/conffiles")" "conffiles"

# --- bangvang: files -----------------------------------------------------------------
contents=$(dpkg-deb --contents "$kiosk")
expect_file() {
    local listing=$1 mode=$2 path=$3
    grep -qE "^$mode root/root +[0-9]+ [0-9-]+ [0-9:]+ \\./${path//./\\.}\$" <<<"$listing" ||
        fail "no $mode root/root ./$path in the package:
$listing"
}
expect_file "$contents" -rwxr-xr-x usr/bin/bangvang
expect_file "$contents" -rw-r--r-- lib/systemd/system/bangvang.service
expect_file "$contents" -rw-r--r-- lib/systemd/system/bangvang-display-power@.service
expect_file "$contents" -rw-r--r-- etc/bangvang/kiosk.json
expect_file "$contents" -rw-r--r-- usr/lib/sysusers.d/bangvang.conf
expect_file "$contents" -rwxr-xr-x usr/sbin/bangvang-provision
expect_file "$contents" -rwxr-xr-x usr/libexec/bangvang/display-power
expect_file "$contents" -rwxr-xr-x usr/libexec/bangvang/update
expect_file "$contents" -rw-r--r-- lib/systemd/system/bangvang-update.service
expect_file "$contents" -rw-r--r-- lib/systemd/system/bangvang-update-check.service
expect_file "$contents" -rw-r--r-- usr/share/bangvang/config.txt
expect_file "$contents" -rw-r--r-- usr/share/bangvang/themes/default.json
expect_file "$contents" -rw-r--r-- usr/share/doc/bangvang/copyright
expect_file "$contents" -rw-r--r-- usr/share/doc/bangvang/changelog.Debian.gz
assert_not_contains "$contents" "bangvang-publish" "the kiosk package"

dpkg-deb --extract "$kiosk" "$scratch/kiosk"
# Shipped stripped: debug sections would triple the size on the SD card.
if command -v readelf >/dev/null; then
    assert_not_contains "$(readelf -S "$scratch/kiosk/usr/bin/bangvang")" ".debug_info" "usr/bin/bangvang sections"
fi
cmp -s "$scratch/kiosk/usr/sbin/bangvang-provision" "$(dirname "$0")/../../firmware/provision.sh" ||
    fail "usr/sbin/bangvang-provision is not firmware/provision.sh"
assert_contains "$(cat "$scratch/kiosk/usr/lib/sysusers.d/bangvang.conf")" "u bangvang -" "sysusers.d/bangvang.conf"

# The default config is one the kiosk accepts (its cache moved into the scratch folder).
if [[ -n $kiosk_binary ]]; then
    sed "s#\"/var/lib/bangvang\"#\"$scratch/cache\"#; s#\"/usr/share/bangvang/#\"$scratch/kiosk/usr/share/bangvang/#" \
        "$scratch/kiosk/etc/bangvang/kiosk.json" >"$scratch/kiosk.json"
    if ! "$kiosk_binary" --config "$scratch/kiosk.json" --headless "$scratch/screens" --once >"$scratch/kiosk.log" 2>&1; then
        cat "$scratch/kiosk.log" >&2
        fail "the kiosk refuses the packaged /etc/bangvang/kiosk.json"
    fi
    assert_not_contains "$(cat "$scratch/kiosk.log")" "theme" "the packaged theme loads"
fi

# --- bangvang-publish ----------------------------------------------------------------
assert_equal bangvang-publish "$(dpkg-deb -f "$publish" Package)" "Package"
assert_equal "$architecture" "$(dpkg-deb -f "$publish" Architecture)" "Architecture"
assert_contains "$(dpkg-deb -f "$publish" Depends)" "libsdl2-image-2.0-0" "bangvang-publish Depends"
assert_not_contains "$(dpkg-deb --info "$publish")" "postinst" "bangvang-publish control archive"
publish_contents=$(dpkg-deb --contents "$publish")
expect_file "$publish_contents" -rwxr-xr-x usr/bin/bangvang-publish
expect_file "$publish_contents" -rw-r--r-- usr/share/doc/bangvang-publish/copyright
assert_not_contains "$publish_contents" "./usr/bin/bangvang " "the publish package"
assert_not_contains "$publish_contents" "systemd" "the publish package"

pass "$(basename "$kiosk") ($(stat -c %s "$kiosk") bytes, installed $(dpkg-deb -f "$kiosk" Installed-Size) KiB)," \
    "$(basename "$publish") ($(stat -c %s "$publish") bytes, installed $(dpkg-deb -f "$publish" Installed-Size) KiB)"
