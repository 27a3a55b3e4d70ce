#!/bin/bash
# firmware.provision: provision.sh on a fake Raspberry Pi OS tree (fake-pi/: the boot
# partition, /etc/fstab and /etc/passwd of a bookworm Lite image after its first boot).
#   1. --dry-run prints exactly the edits (as diffs) and changes nothing;
#   2. the real run makes exactly those edits (provisioned/ holds every file it writes);
#   3. a second run changes nothing, not even a timestamp;
#   4. the kiosk accepts the config it wrote;
#   5. other options undo what they no longer ask for, and bad options change nothing;
#   6. secure by default: SSH with staff keys only (or off), an nftables ruleset that
#      `nft -c` accepts, timesyncd and a journal in RAM (in the dry run's diffs too).
# usage: provision.sh SOURCE_DIR [BANGVANG_BINARY]
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
source_directory=$1
kiosk_binary=${2:-}
provision=$source_directory/firmware/provision.sh
here=$(cd "$(dirname "$0")" && pwd)
fake_pi=$here/fake-pi
expected=$here/provisioned

tree=$scratch/pi
cp -a "$fake_pi" "$tree"

# Everything about the tree that a change would touch: paths, types, link targets,
# modes, modification times and contents.
snapshot() {
    (cd "$tree" && find . -printf '%p %y %l %m %T@\n' | sort && find . -type f -exec md5sum {} + | sort)
}

# One key as bangvang-publish writes it: a NAME.public file of one base64 line.
echo "fjsDbWRElsZy8+jC9ZEBh9HFkNEk1fQLWy5KY+02Xcs=" >"$scratch/phuong-nhan-chinh.public"
# Two staff keys as ssh-keygen writes them (.pub), one with a comment line before it.
printf '%s\n' "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEKcPzQefo2PB9QVY5eg9Q439RCp+hmJ91lIrcpzqBeZ ky-thuat@quan-thanh-xuan" >"$scratch/ky-thuat.pub"
printf '%s\n' "# Nguyễn Văn An, phòng Văn hóa – Thông tin" \
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJF265pFWm5RLkR2EiJv3fF/DGYR1IC4fL4v1GvtpSpO an@vhtt" >"$scratch/an.pub"
options=(
    --root "$tree"
    --kiosk-id tx-nhan-chinh-01 --site phuong-nhan-chinh --place-name "UBND phường Nhân Chính"
    --tag phuong --tag quan-thanh-xuan
    --source quan-thanh-xuan=file:///media/usb/feed --source phuong-nhan-chinh=/srv/feeds/phuong
    --public-key "quan-thanh-xuan=c88TDa7y/36Cxl6zyp2s9ZwY7gkSJyAltFTWB5uNqkQ="
    --public-key "quan-thanh-xuan=vHOXc4BxjQqR4XXnK/Cev54iMIVtP0d/ezpykMJ6W+4="
    --public-key "phuong-nhan-chinh=$scratch/phuong-nhan-chinh.public"
    --orientation portrait
    --screen-on 06:30 --screen-off 21:30 --screen-days Mon..Sat
    --ssh-key "$scratch/ky-thuat.pub" --ssh-key "$scratch/an.pub"
    --admin-net 10.20.0.0/16 --admin-net fd00:20::/64 --ntp ntp.thanhxuan.hanoi.gov.vn --ntp 10.20.0.1
    --update-repo https://cong.thanhxuan.hanoi.gov.vn/bangvang/apt --update-key "$here/repository-key.asc"
)
links=(
    "/etc/systemd/system/getty@tty1.service -> /dev/null"
    "/etc/systemd/system/multi-user.target.wants/bangvang.service -> /lib/systemd/system/bangvang.service"
    "/etc/systemd/system/timers.target.wants/bangvang-screen-on.timer -> /etc/systemd/system/bangvang-screen-on.timer"
    "/etc/systemd/system/timers.target.wants/bangvang-screen-off.timer -> /etc/systemd/system/bangvang-screen-off.timer"
    "/etc/systemd/system/multi-user.target.wants/ssh.service -> /lib/systemd/system/ssh.service"
    "/etc/systemd/system/sysinit.target.wants/nftables.service -> /lib/systemd/system/nftables.service"
    "/etc/systemd/system/avahi-daemon.service -> /dev/null"
    "/etc/systemd/system/avahi-daemon.socket -> /dev/null"
    "/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service -> /lib/systemd/system/systemd-timesyncd.service"
    "/etc/systemd/system/timers.target.wants/bangvang-update.timer -> /etc/systemd/system/bangvang-update.timer"
    "/etc/systemd/system/multi-user.target.wants/bangvang-update-check.service -> /lib/systemd/system/bangvang-update-check.service"
)
mapfile -t written < <(cd "$expected" && find . -type f | sed 's#^\.##' | sort)
((${#written[@]} == 15)) || fail "provisioned/ should hold 15 files, holds ${#written[@]}"

# --- 1. dry run ----------------------------------------------------------------------
before=$(snapshot)
dry_run=$("$provision" "${options[@]}" --dry-run 2>&1) || fail "--dry-run failed:
$dry_run"
assert_equal "$before" "$(snapshot)" "the tree after --dry-run"
for path in "${written[@]}"; do
    if [[ -f $fake_pi$path ]]; then
        original=$fake_pi$path
        assert_contains "$dry_run" "provision: $path: would change" "dry run"
    else
        original=/dev/null
        assert_contains "$dry_run" "provision: $path: would create" "dry run"
    fi
    # The very diff of the original and the expected file, labelled as the Pi sees it.
    expected_diff=$(diff -u --label "${original/#$fake_pi/}" --label "$path (provisioned)" \
        "$original" "$expected$path" || true)
    assert_contains "$dry_run" "$expected_diff" "dry-run diff of $path"
done
for link in "${links[@]}"; do assert_contains "$dry_run" "provision: $link: would link" "dry run"; done
assert_contains "$dry_run" "provision: /var/lib/bangvang/: would create" "dry run"
assert_contains "$dry_run" "provision: packages: skipped (--root is not /" "dry run"
assert_contains "$dry_run" "provision: /var/lib/bangvang/report-key.secret: would create the kiosk's report key" "dry run"
assert_equal "provision: 28 change(s) would be made" "$(tail -n 1 <<<"$dry_run")" "dry run summary"

# --- 2. the real run -----------------------------------------------------------------
run=$("$provision" "${options[@]}" 2>&1) || fail "provision failed:
$run"
assert_equal "provision: 28 change(s) made; reboot to start the kiosk" "$(tail -n 1 <<<"$run")" "summary"
# The kiosk's report key: owner-only, libsodium's 64 bytes, its public half printed for enrolment.
report_key=$tree/var/lib/bangvang/report-key.secret
assert_equal 600 "$(stat -c %a "$report_key")" "mode of the report key"
assert_equal 64 "$(base64 -d <"$report_key" | wc -c)" "bytes of the report key"
assert_contains "$run" "report key of $(sed -n 's/.*"kiosk_id": "\([^"]*\)".*/\1/p' "$tree/etc/bangvang/kiosk.json" | head -n 1): $(base64 -d <"$report_key" | tail -c 32 | base64 -w0)" "printed public key"
assert_contains "$run" "bangvang-portal enroll --registry" "enrolment hint"
for path in "${written[@]}"; do assert_same_file "$expected$path" "$tree$path"; done
for link in "${links[@]}"; do
    path=${link%% -> *}
    assert_equal "${link#* -> }" "$(readlink "$tree$path")" "link $path"
done
# The ruleset as nftables.service loads it at boot: nft checks it against this kernel.
command -v nft >/dev/null || fail "nft is not installed (run.sh's PACKAGES has nftables)"
nft -c -f "$tree/etc/nftables.conf" >&2 || fail "nft -c refuses the provisioned /etc/nftables.conf"
[[ -d $tree/var/lib/bangvang ]] || fail "/var/lib/bangvang (the cache partition's mount point) not created"
# The first change of a Pi file keeps its original; nothing else appears.
for path in /boot/firmware/config.txt /boot/firmware/cmdline.txt /etc/fstab; do
    assert_same_file "$fake_pi$path" "$tree$path.bangvang-orig"
done
present=$(cd "$tree" && find . \( -type f -o -type l \) | sed 's#^\.##' | sort)
unexpected=$(grep -vxF -f <(printf '%s\n' "${written[@]}" "${links[@]%% -> *}" /boot/firmware/config.txt.bangvang-orig \
    /boot/firmware/cmdline.txt.bangvang-orig /etc/fstab.bangvang-orig /etc/passwd /var/lib/bangvang/report-key.secret) <<<"$present" || true)
assert_equal "" "$unexpected" "files provision.sh was not expected to write"

# --- 3. a second run changes nothing -------------------------------------------------
after_first=$(snapshot)
sleep 1  # a rewrite would now show in the modification times
again=$("$provision" "${options[@]}" 2>&1) || fail "second run failed:
$again"
assert_equal "provision: nothing to change" "$(tail -n 1 <<<"$again")" "second run summary"
assert_not_contains "$again" "written" "second run"
assert_equal "$after_first" "$(snapshot)" "the tree after the second run"
dry_again=$("$provision" "${options[@]}" --dry-run 2>&1) || fail "second dry run failed"
assert_equal "provision: nothing to change" "$(tail -n 1 <<<"$dry_again")" "dry run after provisioning"

# --- 4. the kiosk reads the config provision.sh wrote --------------------------------
if [[ -n $kiosk_binary ]]; then
    sed "s#\"/var/lib/bangvang\"#\"$scratch/cache\"#; s#\"/usr/share/bangvang/themes/#\"$source_directory/assets/themes/#" \
        "$tree/etc/bangvang/kiosk.json" >"$scratch/kiosk.json"
    if ! "$kiosk_binary" --config "$scratch/kiosk.json" --headless "$scratch/screens" --once >"$scratch/kiosk.log" 2>&1; then
        cat "$scratch/kiosk.log" >&2
        fail "the kiosk refuses the config provision.sh wrote"
    fi
fi

# --- 5. other options ----------------------------------------------------------------
# Landscape, writable root, no cache partition, no schedule: every such edit undone.
plain=(--root "$tree" --kiosk-id tx-nhan-chinh-01 --site phuong-nhan-chinh --no-overlay --state-device none)
undo=$("$provision" "${plain[@]}" 2>&1) || fail "provision --no-overlay failed:
$undo"
assert_same_file "$fake_pi/etc/fstab" "$tree/etc/fstab"
assert_equal "console=serial0,115200 console=tty3 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot loglevel=3 logo.nologo vt.global_cursor_default=0 consoleblank=0" \
    "$(cat "$tree/boot/firmware/cmdline.txt")" "cmdline.txt without the overlay"
assert_not_contains "$(cat "$tree/boot/firmware/config.txt")" "display_rotate" "landscape config.txt"
assert_equal 1 "$(grep -c '^# >>> bangvang' "$tree/boot/firmware/config.txt")" "bangvang blocks in config.txt"
for timer in bangvang-screen-on.timer bangvang-screen-off.timer; do
    [[ ! -e $tree/etc/systemd/system/$timer && ! -L $tree/etc/systemd/system/timers.target.wants/$timer ]] ||
        fail "$timer left behind without a schedule"
done
# Without keys SSH is off: masked (Raspberry Pi OS's sshswitch cannot turn it on), no
# drop-in or key file left, the firewall lets nothing in; time and journal settings stay.
for unit in ssh.service ssh.socket; do
    assert_equal /dev/null "$(readlink "$tree/etc/systemd/system/$unit")" "$unit masked without --ssh-key"
done
for gone in /etc/ssh/sshd_config.d/00-bangvang.conf /etc/ssh/bangvang/authorized_keys \
    /etc/systemd/system/multi-user.target.wants/ssh.service /etc/systemd/timesyncd.conf.d/bangvang.conf \
    /etc/apt/sources.list.d/bangvang.sources /etc/apt/keyrings/bangvang.asc /etc/systemd/system/bangvang-update.timer \
    /etc/systemd/system/multi-user.target.wants/bangvang-update-check.service; do
    [[ ! -e $tree$gone && ! -L $tree$gone ]] || fail "$gone left behind without --ssh-key, --ntp or --update-repo"
done
assert_not_contains "$(cat "$tree/etc/nftables.conf")" "dport 22" "the firewall without SSH"
nft -c -f "$tree/etc/nftables.conf" >&2 || fail "nft -c refuses the ruleset without SSH"
assert_same_file "$expected/etc/systemd/journald.conf.d/bangvang.conf" "$tree/etc/systemd/journald.conf.d/bangvang.conf"
[[ -L $tree/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service ]] || fail "timesyncd not enabled without --ntp"
# --keep-ssh: SSH as the image had it (masks lifted), a warning, SSH in from the admin net only.
kept=$("$provision" "${plain[@]}" --keep-ssh --admin-net 192.168.10.0/24 2>&1) || fail "provision --keep-ssh failed:
$kept"
assert_contains "$kept" "warning: --keep-ssh: SSH is left as the image set it up" "--keep-ssh"
[[ ! -L $tree/etc/systemd/system/ssh.service ]] || fail "--keep-ssh left ssh.service masked"
assert_contains "$(cat "$tree/etc/nftables.conf")" "ip saddr { 192.168.10.0/24 } tcp dport 22 accept" "the firewall with --keep-ssh"
nft -c -f "$tree/etc/nftables.conf" >&2 || fail "nft -c refuses the ruleset with --keep-ssh"
"$provision" "${plain[@]}" >/dev/null 2>&1 || fail "back to the plain options failed"
# The first run's backups are still the Pi's originals.
assert_same_file "$fake_pi/boot/firmware/cmdline.txt" "$tree/boot/firmware/cmdline.txt.bangvang-orig"
assert_equal "provision: nothing to change" "$("$provision" "${plain[@]}" 2>&1 | tail -n 1)" "rerun of the plain options"

# Bad options: exit 2, a message naming the option, nothing changed.
settled=$(snapshot)
expect_refusal() {
    local message=$1 output status=0
    shift
    output=$("$provision" --root "$tree" "$@" 2>&1) || status=$?
    assert_equal 2 "$status" "exit status for $*"
    assert_contains "$output" "$message" "message for $*"
}
expect_refusal "--kiosk-id is required" --site phuong-nhan-chinh
expect_refusal "--kiosk-id must be 1-64 lowercase letters" --kiosk-id "Tx 01" --site a
expect_refusal "names source \"nowhere\", which no --source gives" --kiosk-id a --site b \
    --public-key nowhere=fjsDbWRElsZy8+jC9ZEBh9HFkNEk1fQLWy5KY+02Xcs=
expect_refusal "not a base64 Ed25519 public key" --kiosk-id a --site b --source s=/feed --public-key s=c2hvcnQ=
expect_refusal "source \"s\" needs its public key" --kiosk-id a --site b --source s=/feed
expect_refusal "--screen-on and --screen-off go together" --kiosk-id a --site b --screen-on 06:00
expect_refusal "screen times are HH:MM" --kiosk-id a --site b --screen-on 6h --screen-off 22:00
expect_refusal "--rotate must be 0, 90, 180 or 270" --kiosk-id a --site b --rotate 45
expect_refusal "--state-device wants LABEL=" --kiosk-id a --site b --state-device sda3
expect_refusal "unknown option \"--colour\"" --kiosk-id a --site b --colour red
ssh-keygen -q -t ed25519 -N "" -C "" -f "$scratch/private" 2>/dev/null || printf '%s\n' "-----BEGIN OPENSSH PRIVATE KEY-----" >"$scratch/private"
expect_refusal "is a private key: give the .pub file" --kiosk-id a --site b --ssh-key "$scratch/private" --admin-net 10.0.0.0/8
printf 'ssh-ed25519 AAAA ok\nmật khẩu\n' >"$scratch/junk.pub"
expect_refusal "junk.pub:2: not an OpenSSH public key line" --kiosk-id a --site b --ssh-key "$scratch/junk.pub" --admin-net 10.0.0.0/8
expect_refusal "--admin-net CIDR must say which network" --kiosk-id a --site b --ssh-key "$scratch/ky-thuat.pub"
expect_refusal "--admin-net wants an address range" --kiosk-id a --site b --keep-ssh --admin-net 10.0.0.0/33
expect_refusal "--update-repo and --update-key go together" --kiosk-id a --site b --update-repo https://example.invalid/apt
expect_refusal "is not an OpenPGP public key" --kiosk-id a --site b --update-repo https://example.invalid/apt \
    --update-key "$scratch/ky-thuat.pub"
expect_refusal "--ssh-key and --keep-ssh exclude each other" --kiosk-id a --site b --keep-ssh \
    --ssh-key "$scratch/ky-thuat.pub" --admin-net 10.0.0.0/8
assert_equal "$settled" "$(snapshot)" "the tree after refused runs"

# Older images keep the boot partition in /boot; a rotated DSI panel is turned by the kiosk.
legacy=$scratch/legacy
mkdir -p "$legacy/boot" "$legacy/etc"
cp "$fake_pi/boot/firmware/config.txt" "$fake_pi/boot/firmware/cmdline.txt" "$legacy/boot/"
legacy_run=$("$provision" --root "$legacy" --kiosk-id a --site b --orientation portrait --rotate 270 --panel dsi 2>&1) ||
    fail "provision on a /boot layout failed:
$legacy_run"
assert_contains "$legacy_run" "provision: /boot/config.txt: written" "the /boot layout"
# The kiosk turns its frames itself (KMS ignores lcd_rotate and display_rotate).
assert_not_contains "$(cat "$legacy/boot/config.txt")" "lcd_rotate" "DSI config.txt"
assert_contains "$(cat "$legacy/etc/bangvang/kiosk.json")" '"orientation": "portrait", "rotation": 270' "DSI rotation in kiosk.json"
# No fstab there: the cache partition's line is the whole file.
assert_equal "LABEL=bangvang-state /var/lib/bangvang ext4 defaults,noatime,nofail,x-systemd.device-timeout=10s 0 2" \
    "$(cat "$legacy/etc/fstab")" "a new fstab"

pass "dry run, 28 exact edits, idempotent second run, undo, ${kiosk_binary:+kiosk accepts the config, }17 refusals, /boot layout"
