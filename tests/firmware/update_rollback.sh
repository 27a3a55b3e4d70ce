#!/bin/bash
# firmware.update_rollback: the unattended update end to end in a debootstrapped Debian
# bookworm (README "Updates for a fleet"):
#   1. the root is provisioned with --update-repo/--update-key pointing at a repository
#      made by firmware/repository.sh and served by Debian's nginx on 127.0.0.1, and
#      version N is installed from it;
#   2. N+1 is published; the update unit's command (update upgrade) run in the root
#      upgrades to it, keeps the locally edited /etc/bangvang/kiosk.json and N's package
#      on the state partition, and asks for a reboot; the boot check finds the kiosk
#      ready and settles it;
#   3. a repository whose Release files are signed by another key is refused by apt and
#      nothing changes;
#   4. a broken N+2 (a kiosk that exits at once) is installed, the boot check sees it
#      fail again and again and puts N+1 back (a package the update rebuilt from dpkg's
#      records, as for a kiosk installed by hand), records the rollback for the
#      heartbeat, and the next update run does not take N+2 again.
# No systemd runs in the root: the boot check asks a stand-in for `systemctl show
# bangvang.service` that runs the root's installed kiosk once and reports it "active"
# when it drew its slides, "failed" (one more restart) when it did not.
#
# Like firmware.debootstrap_install it downloads (~250 MB, Debian's packages of the
# kiosk's dependencies) and runs only when asked:
#   BANGVANG_DEBOOTSTRAP=1 ctest --test-dir build -R firmware.update_rollback
# usage: update_rollback.sh PACKAGE_DIR SOURCE_DIR
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
packages=$(readlink -f "$1")
source_directory=$(readlink -f "$2")

[[ ${BANGVANG_DEBOOTSTRAP:-0} == 1 ]] || skip "set BANGVANG_DEBOOTSTRAP=1 to run it (downloads ~250 MB)"
for tool in debootstrap reprepro gpg nginx; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
(($(id -u) == 0)) || skip "debootstrap and chroot need root"

kiosk=$(package_file "$packages" bangvang)
version=$(dpkg-deb -f "$kiosk" Version)
upstream=${version%-*}
revision=${version##*-}

# --- the packages: N (as built), N+1 (the same, newer), N+2 (a kiosk that exits at once)
repackage() {
    local new_version=$1 output=$2 broken=${3:-no} work=$scratch/repack
    rm -rf "$work"
    dpkg-deb -R "$kiosk" "$work"
    sed -i "s/^Version: .*/Version: $new_version/" "$work/DEBIAN/control"
    if [[ $broken == yes ]]; then
        printf '#!/bin/sh\necho "bangvang: broken on purpose" >&2\nexit 1\n' >"$work/usr/bin/bangvang"
    fi
    dpkg-deb --root-owner-group -b "$work" "$output" >/dev/null
}
version_1=$upstream-$((revision + 1))
version_2=$upstream-$((revision + 2))
repackage "$version_1" "$scratch/bangvang_${version_1}.deb"
repackage "$version_2" "$scratch/bangvang_${version_2}.deb" yes

# --- the district's repository, signed, served on loopback ----------------------------
export GNUPGHOME=$scratch/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key "bangvang test repository <kho@bangvang.invalid>" ed25519 sign never
repo=$scratch/repo
"$source_directory/firmware/repository.sh" --repo "$repo" "$kiosk" >"$scratch/repository.log" 2>&1 ||
    { cat "$scratch/repository.log" >&2; fail "repository.sh could not make the repository"; }

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$scratch/nginx/logs" "$scratch/nginx/temp"
cat >"$scratch/nginx/nginx.conf" <<TEXT
worker_processes 1;
error_log $scratch/nginx/logs/error.log warn;
pid $scratch/nginx/nginx.pid;
events { worker_connections 64; }
http {
  access_log $scratch/nginx/logs/access.log;
  client_body_temp_path $scratch/nginx/temp/body;
  proxy_temp_path $scratch/nginx/temp/proxy;
  fastcgi_temp_path $scratch/nginx/temp/fastcgi;
  uwsgi_temp_path $scratch/nginx/temp/uwsgi;
  scgi_temp_path $scratch/nginx/temp/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    root $repo/public;
  }
}
TEXT
nginx -p "$scratch/nginx/" -e stderr -c "$scratch/nginx/nginx.conf" -g 'daemon off; master_process off;' \
    2>"$scratch/nginx/stderr.log" &
nginx_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

root=$scratch/root
bookworm_root "$packages" "$root"
trap 'kill "$nginx_pid" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true; rm -rf "$scratch"' EXIT

# --- 1. provision, install N from the repository --------------------------------------
mkdir -p "$scratch/boot"
cp "$(dirname "$0")/fake-pi/boot/firmware/config.txt" "$(dirname "$0")/fake-pi/boot/firmware/cmdline.txt" "$scratch/boot/"
"$source_directory/firmware/provision.sh" --root "$root" --boot "$scratch/boot" --kiosk-id tx-update-01 \
    --site phuong-nhan-chinh --no-overlay --state-device none \
    --update-repo "http://127.0.0.1:$port/" --update-key "$repo/public/bangvang-archive-key.asc" \
    >"$scratch/provision.log" 2>&1 || { cat "$scratch/provision.log" >&2; fail "provision.sh failed"; }
in_root apt-get -q update >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log" >&2; fail "apt-get update failed"; }
# provision.sh wrote /etc/bangvang/kiosk.json before the package came (on a Pi it comes
# first, with provision.sh in it): keep that config, as the update does.
in_root apt-get -q -y --no-install-recommends -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-confdef \
    install bangvang >>"$scratch/apt.log" 2>&1 ||
    { tail -n 30 "$scratch/apt.log" >&2; fail "apt-get install bangvang from the repository failed"; }
# shellcheck disable=SC2016
installed() { in_root dpkg-query -W -f='${Version}' bangvang; }
assert_equal "$version" "$(installed)" "the version installed from the repository"
in_root install -d -o bangvang -g bangvang /var/lib/bangvang
# A config the district changed on this kiosk: an upgrade must keep it.
sed -i 's/"tags": \[\]/"tags": ["sua-tai-cho"]/' "$root/etc/bangvang/kiosk.json"
grep -q '"sua-tai-cho"' "$root/etc/bangvang/kiosk.json" || fail "the test could not edit kiosk.json:
$(cat "$root/etc/bangvang/kiosk.json")"
cp "$root/etc/bangvang/kiosk.json" "$scratch/kiosk.json.edited"

# The boot check's stand-in for systemd (see the top).
cat >"$root/usr/local/sbin/test-systemctl" <<'TEXT'
#!/bin/sh
# test-systemctl show -p ActiveState|NRestarts --value bangvang.service
counter=/var/lib/bangvang/test-restarts
[ -f $counter ] || echo 0 >$counter
case "$3" in
    NRestarts) cat $counter ;;
    ActiveState)
        rm -rf /tmp/test-screens
        if runuser -u bangvang -- bangvang --config /etc/bangvang/kiosk.json --headless /tmp/test-screens --once \
            >/dev/null 2>&1 && [ -s /tmp/test-screens/001-waiting.png ]; then
            echo active
        else
            echo $(($(cat $counter) + 1)) >$counter
            echo failed
        fi ;;
esac
TEXT
chmod +x "$root/usr/local/sbin/test-systemctl"
check_in_root() {
    in_root env BANGVANG_UPDATE_SYSTEMCTL=/usr/local/sbin/test-systemctl /usr/libexec/bangvang/update check \
        --wait-minutes 2 --max-restarts 3 --no-reboot
}

# --- 2. N+1 is published; the update unit's command upgrades to it --------------------
"$source_directory/firmware/repository.sh" --repo "$repo" "$scratch/bangvang_${version_1}.deb" >"$scratch/repository.log" 2>&1 ||
    { cat "$scratch/repository.log" >&2; fail "repository.sh could not publish $version_1"; }
command_line=$(sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/bangvang-update.service")
assert_equal "/usr/libexec/bangvang/update upgrade" "$command_line" "bangvang-update.service's command"
started=$(date +%s.%N)
# shellcheck disable=SC2086 # the unit's command line, split as systemd splits it
in_root $command_line --no-reboot >"$scratch/upgrade.log" 2>&1 ||
    { cat "$scratch/upgrade.log" >&2; fail "the update failed"; }
update_seconds=$(awk -v start="$started" -v end="$(date +%s.%N)" 'BEGIN { printf "%.1f", end - start }')
assert_equal "$version_1" "$(installed)" "the version after the update"
assert_same_file "$scratch/kiosk.json.edited" "$root/etc/bangvang/kiosk.json"
assert_contains "$(cat "$scratch/upgrade.log")" "a reboot is due" "the update's log"
state=$root/var/lib/bangvang/update
assert_equal "$version $version_1" "$(cat "$state/pending")" "the upgrade the boot check will watch"
[[ -s $state/packages/bangvang_${version}_$(dpkg --print-architecture).deb ]] || fail "N's package was not kept for the way back"
assert_contains "$(cat "$state/status.json")" '"result": "updated"' "status.json after the upgrade"
check_in_root >"$scratch/check.log" 2>&1 || { cat "$scratch/check.log" >&2; fail "the boot check failed on a good kiosk"; }
[[ ! -e $state/pending ]] || fail "the boot check left the upgrade pending though the kiosk was ready"
assert_contains "$(cat "$state/status.json")" "is running (ready)" "status.json after the boot check"
again=$(in_root /usr/libexec/bangvang/update upgrade --no-reboot 2>&1) || fail "a second update run failed: $again"
assert_contains "$again" "nothing to upgrade" "a second update run"

# --- 3. a repository signed by another key is refused ---------------------------------
saved_release=$scratch/InRelease.good
cp "$repo/public/dists/bookworm/InRelease" "$saved_release"
stranger=$scratch/gnupg-stranger
mkdir -m 700 "$stranger"
GNUPGHOME=$stranger gpg --batch --quiet --passphrase '' --quick-gen-key "somebody else <x@invalid.invalid>" ed25519 sign never
"$source_directory/firmware/repository.sh" --repo "$repo" "$scratch/bangvang_${version_2}.deb" >"$scratch/repository.log" 2>&1 ||
    { cat "$scratch/repository.log" >&2; fail "repository.sh could not publish $version_2"; }
cp -p "$repo/public/dists/bookworm/InRelease" "$scratch/InRelease.broken-good"
cp -p "$repo/public/dists/bookworm/Release.gpg" "$scratch/Release.gpg.good"
GNUPGHOME=$stranger gpg --batch --yes --clearsign -o "$repo/public/dists/bookworm/InRelease" "$repo/public/dists/bookworm/Release"
GNUPGHOME=$stranger gpg --batch --yes --detach-sign --armor -o "$repo/public/dists/bookworm/Release.gpg" "$repo/public/dists/bookworm/Release"
status=0
refused=$(in_root /usr/libexec/bangvang/update upgrade --no-reboot 2>&1) || status=$?
((status != 0)) || fail "the update accepted a repository signed by another key:
$refused"
assert_contains "$refused" "NO_PUBKEY" "apt's reason"
assert_contains "$refused" "signature does not verify" "the update's message"
assert_contains "$(cat "$state/status.json")" '"result": "failed"' "status.json after the refused repository"
assert_equal "$version_1" "$(installed)" "the version after the refused repository"

# --- 4. a broken N+2 is rolled back to N+1 ---------------------------------------------
# The way back must also work when no copy of the running package was kept (a kiosk
# installed by hand): the update rebuilds it from dpkg's records.
rm -f "$state"/packages/*.deb
in_root apt-get -q clean
cp -p "$scratch/InRelease.broken-good" "$repo/public/dists/bookworm/InRelease"
cp -p "$scratch/Release.gpg.good" "$repo/public/dists/bookworm/Release.gpg"
in_root /usr/libexec/bangvang/update upgrade --no-reboot >"$scratch/upgrade-broken.log" 2>&1 ||
    { cat "$scratch/upgrade-broken.log" >&2; fail "the update to the broken version failed"; }
assert_equal "$version_2" "$(installed)" "the broken version installed"
status=0
check_in_root >"$scratch/check-broken.log" 2>&1 || status=$?
assert_equal "$version_1" "$(installed)" "the version after the rollback"
assert_contains "$(cat "$state/status.json")" '"result": "rolled_back"' "status.json after the rollback"
assert_contains "$(cat "$state/status.json")" "restarted 3 times" "the rollback's reason"
assert_equal "$version_2" "$(cat "$state/refused-version")" "the refused version"
assert_contains "$(cat "$scratch/check-broken.log")" "a reboot is due" "the rollback's log"
assert_same_file "$scratch/kiosk.json.edited" "$root/etc/bangvang/kiosk.json"
in_root runuser -u bangvang -- bangvang --version >/dev/null || fail "the restored kiosk does not run"
stays=$(in_root /usr/libexec/bangvang/update upgrade --no-reboot 2>&1) || fail "the update after the rollback failed: $stays"
assert_contains "$stays" "was rolled back before: staying at $version_1" "the update after the rollback"
assert_equal "$version_1" "$(installed)" "the version after the next update run"

pass "N=$version installed from the signed repository; update to $version_1 in ${update_seconds} s, kiosk.json kept;" \
    "another key's signature refused; broken $version_2 rolled back to $version_1" \
    "(package $(stat -c %s "$kiosk") bytes, repository $(du -sk "$repo/public" | cut -f1) KiB)"
