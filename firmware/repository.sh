#!/bin/bash
# The district's signed apt repository of bangvang (README "Updates for a fleet"):
# adds .deb packages to a reprepro repository in DIR and signs its Release files with
# the district's GPG key. DIR/public/ is what the web server serves, with the key as
# DIR/public/bangvang-archive-key.asc (the kiosks' provision --update-key). A package
# replaces the older version of itself; one version already in the repository with other
# contents is refused (publish a new version number instead).
#   ./run.sh package --repo DIR [--repo-key KEYID]     builds the packages, then this
#   firmware/repository.sh --repo DIR [--key KEYID] PACKAGE.deb...
set -euo pipefail

readonly program=repository
repo=""
key=""
packages=()

usage() {
    cat <<'TEXT'
usage: repository.sh --repo DIR [--key KEYID] PACKAGE.deb...
  --repo DIR     the repository (created when missing); DIR/public/ is served
  --key KEYID    the GPG key that signs it (default: the key it was made with, else the
                 only secret key of this user)
TEXT
}

fail() {
    echo "$program: error: $*" >&2
    exit 1
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --repo) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; repo=$2; shift 2 ;;
        --key) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; key=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) packages+=("$1"); shift ;;
    esac
done
[[ -n $repo ]] || { usage >&2; exit 2; }
((${#packages[@]} > 0)) || { usage >&2; exit 2; }
command -v reprepro >/dev/null || fail "reprepro is not installed (sudo apt-get install reprepro)"
command -v gpg >/dev/null || fail "gpg is not installed (sudo apt-get install gnupg)"
for package in "${packages[@]}"; do
    [[ -f $package ]] || fail "$package: no such file"
done

mkdir -p "$repo/conf"
distributions=$repo/conf/distributions
if [[ -z $key && -f $distributions ]]; then
    key=$(sed -n 's/^SignWith: //p' "$distributions")
fi
if [[ -z $key ]]; then
    mapfile -t secret_keys < <(gpg --batch --list-secret-keys --with-colons 2>/dev/null | awk -F: '$1 == "fpr" { print $10 }')
    ((${#secret_keys[@]} > 0)) ||
        fail "no GPG secret key to sign with: make one (gpg --quick-gen-key \"bangvang <kho@...>\" ed25519 sign never) and keep it safe"
    ((${#secret_keys[@]} == 1)) || fail "several GPG secret keys: say which signs the repository with --key KEYID"
    key=${secret_keys[0]}
fi
gpg --batch --list-secret-keys "$key" >/dev/null 2>&1 || fail "no GPG secret key \"$key\" (gpg --list-secret-keys)"

cat >"$distributions.new" <<TEXT
Origin: bangvang
Label: bangvang
Codename: bookworm
Architectures: amd64 arm64
Components: main
Description: bangvang kiosk packages of the district
SignWith: $key
TEXT
mv -f "$distributions.new" "$distributions"
echo "outdir +b/public" >"$repo/conf/options"

if ! reprepro -b "$repo" includedeb bookworm "${packages[@]}" >"$repo/reprepro.log" 2>&1; then
    cat "$repo/reprepro.log" >&2
    if grep -q "can only be included again, if they are the same" "$repo/reprepro.log"; then
        fail "that version is already in $repo with other contents: raise the version (CMakeLists.txt project VERSION) and build again"
    fi
    fail "reprepro could not add the packages (its messages above)"
fi
gpg --batch --armor --export "$key" >"$repo/public/bangvang-archive-key.asc.new"
mv -f "$repo/public/bangvang-archive-key.asc.new" "$repo/public/bangvang-archive-key.asc"
echo "$program: $repo/public: $(reprepro -b "$repo" list bookworm | sed 's/^bookworm|main|//' | paste -sd';' - | sed 's/;/; /g')"
echo "$program: serve $repo/public/ and give the kiosks $repo/public/bangvang-archive-key.asc (--update-key)"
