#!/bin/bash
# firmware.lintian: Debian's package checker finds no error and no warning in
# any of the .debs. usage: lintian.sh PACKAGE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$1

command -v lintian >/dev/null || skip "lintian is not installed (apt-get install lintian)"
kiosk=$(package_file "$packages" bangvang)
publish=$(package_file "$packages" bangvang-publish)
portal=$(package_file "$packages" bangvang-portal)

# Not for this project: man pages (the programs' --help and README.md are the manual)
# and an ITP bug to close (the packages are not uploaded to Debian).
suppressed=no-manual-page,initial-upload-closes-no-bugs
if ! lintian --fail-on error,warning --suppress-tags "$suppressed" "$kiosk" "$publish" "$portal" >"$scratch/lintian.log" 2>&1; then
    cat "$scratch/lintian.log" >&2
    fail "lintian reports the problems above"
fi
pass "lintian $(lintian --print-version): no errors or warnings (suppressed: $suppressed)"
