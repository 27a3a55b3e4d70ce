#!/bin/bash
# firmware.shellcheck: every shell script of the firmware, its tests, the package's
# maintainer scripts and run.sh passes shellcheck. usage: shellcheck.sh SOURCE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
source_directory=$1

command -v shellcheck >/dev/null || skip "shellcheck is not installed (apt-get install shellcheck)"
scripts=("$source_directory/run.sh")
while IFS= read -r -d '' file; do
    # Scripts: *.sh, and files that start with a shell's #! line whatever their name.
    if [[ $file == *.sh ]] || head -n 1 "$file" | grep -qE '^#!(/bin/sh|/bin/bash|/usr/bin/env bash)$'; then
        scripts+=("$file")
    fi
done < <(find "$source_directory/firmware" "$source_directory/tests/firmware" -type f -print0 | sort -z)
((${#scripts[@]} >= 10)) || fail "found only ${#scripts[@]} scripts: ${scripts[*]}"
if ! shellcheck --external-sources --source-path=SCRIPTDIR "${scripts[@]}" >&2; then
    fail "shellcheck reports the problems above"
fi
pass "$(shellcheck --version | sed -n 's/^version: //p'): ${#scripts[@]} scripts clean: ${scripts[*]#"$source_directory/"}"
