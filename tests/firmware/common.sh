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
