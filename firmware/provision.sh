#!/bin/bash
# Turns a fresh Raspberry Pi OS Lite (bookworm, 64-bit) into a bangvang kiosk:
# installs the package, writes the kiosk's config, and sets up the boot partition
# and systemd so the Pi boots straight into the kiosk and keeps running unattended.
# Installed as /usr/sbin/bangvang-provision; README.md "Install on a Raspberry Pi".
#
# Every step compares what is there with what should be there and writes only the
# difference, so a second run with the same options changes nothing. --root and
# --boot point it at another tree (an SD card mounted on a PC, or a test folder).
set -euo pipefail

readonly program=provision
readonly state_directory=/var/lib/bangvang
readonly config_begin_marker="# >>> bangvang: provision.sh manages this block; edits inside it are overwritten"
readonly config_end_marker="# <<< bangvang"

usage() {
    cat <<'TEXT'
usage: provision.sh --kiosk-id ID --site SITE [options]

The kiosk's config (/etc/bangvang/kiosk.json, rewritten from these options):
  --kiosk-id ID            this screen's id: 1-64 of a-z 0-9 . _ -   (required)
  --site SITE              the site it stands at, same alphabet      (required)
  --place-name TEXT        the place shown in every slide's header
  --tag TAG                a tag of the kiosk (repeatable)
  --source ID=URL          a feed to follow (repeatable): its source id and URL
  --public-key ID=KEY      an Ed25519 public key that signs source ID's feeds: base64
                           (44 characters) or a NAME.public file of bangvang-publish
                           (at least one per source, at most 8; repeatable)
  --orientation landscape|portrait     how the screen hangs (default landscape)
  --screen-size WIDTHxHEIGHT           in landscape terms (default 1920x1080)

The Pi:
  --rotate 0|90|180|270    how far the kiosk turns its frames, clockwise (default 90 for
                           portrait, else 0); written to kiosk.json ("screen" "rotation"):
                           the KMS display driver ignores config.txt's display_rotate
  --panel hdmi|dsi         the screen's connection (default hdmi); the kiosk turns its
                           frames on either, so it no longer changes config.txt
  --screen-on HH:MM        turn the screen on at this time ...
  --screen-off HH:MM       ... and off at this one (both or neither; needs HDMI-CEC
                           or vcgencmd, see /usr/libexec/bangvang/display-power)
  --screen-days DAYS       days of the screen schedule, systemd style (default Mon..Sun)
  --timezone ZONE          time zone of the schedule (default Asia/Ho_Chi_Minh)
  --state-device SPEC      writable partition mounted on /var/lib/bangvang: LABEL=...,
                           UUID=..., PARTUUID=... or /dev/... (default LABEL=bangvang-state),
                           or "none"
  --no-overlay             keep the root filesystem writable (default: read-only overlay)
  --deb FILE               install this bangvang .deb (only when --root is /)

Security and time (secure by default; README "Secure by default"):
  --ssh-key FILE           staff public keys (OpenSSH, one a line; repeatable): SSH allows
                           these keys only, for --ssh-user, no passwords, no root. Without
                           any key SSH is switched off (ssh masked)
  --ssh-user USER          the account staff log in as (default: the image's first user,
                           uid 1000 in ROOT/etc/passwd)
  --keep-ssh               leave SSH as the image set it up (password logins stay: warned)
  --admin-net CIDR         the network staff reach the kiosk from (repeatable; IPv4 or
                           IPv6): the firewall lets SSH in from there and nothing else in
                           from anywhere; required while SSH is on
  --ntp SERVER             the district's time server for systemd-timesyncd (repeatable;
                           default: Debian's pool)

Updates (README "Updates for a fleet"):
  --update-repo URL        the district's signed apt repository of bangvang (made by
                           ./run.sh package --repo): a timer upgrades the kiosk from it,
                           with Debian's security updates, while the screen is off
                           (--screen-off, else between 02:00 and 05:00), and a failed
                           upgrade goes back to the version before
  --update-key FILE        the repository's public key (gpg --export, armored or not)

Where:
  --root DIR               the root filesystem to change (default /)
  --boot DIR               its boot partition (default ROOT/boot/firmware, else ROOT/boot)
  --dry-run                print what would change (as diffs) and change nothing
  -h, --help               this text
TEXT
}

fail() {
    echo "$program: error: $*" >&2
    exit 1
}

usage_error() {
    echo "$program: $*" >&2
    echo "$program: see --help" >&2
    exit 2
}

# --- options ---------------------------------------------------------------------

root=/
boot=""
dry_run=no
deb_file=""
kiosk_id=""
site=""
place_name=""
tags=()
source_ids=()
source_urls=()
key_sources=()
key_values=()
orientation=landscape
screen_width=1920
screen_height=1080
rotate=""
panel=hdmi
screen_on=""
screen_off=""
screen_days=Mon..Sun
timezone=Asia/Ho_Chi_Minh
state_device=LABEL=bangvang-state
overlay=yes
ssh_key_files=()
ssh_user=""
keep_ssh=no
admin_nets=()
ntp_servers=()
update_repo=""
update_key=""

need_value() {
    [[ $# -ge 2 ]] || usage_error "$1 needs a value"
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --kiosk-id) need_value "$@"; kiosk_id=$2; shift 2 ;;
        --site) need_value "$@"; site=$2; shift 2 ;;
        --place-name) need_value "$@"; place_name=$2; shift 2 ;;
        --tag) need_value "$@"; tags+=("$2"); shift 2 ;;
        --source)
            need_value "$@"
            [[ $2 == *=* ]] || usage_error "--source wants ID=URL (got \"$2\")"
            source_ids+=("${2%%=*}"); source_urls+=("${2#*=}"); shift 2 ;;
        --public-key)
            need_value "$@"
            [[ $2 == *=* ]] || usage_error "--public-key wants ID=KEY (got \"$2\")"
            key_sources+=("${2%%=*}"); key_values+=("${2#*=}"); shift 2 ;;
        --orientation) need_value "$@"; orientation=$2; shift 2 ;;
        --screen-size) need_value "$@"
            [[ $2 =~ ^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})$ ]] || usage_error "--screen-size wants WIDTHxHEIGHT (got \"$2\")"
            screen_width=${BASH_REMATCH[1]}; screen_height=${BASH_REMATCH[2]}; shift 2 ;;
        --rotate) need_value "$@"; rotate=$2; shift 2 ;;
        --panel) need_value "$@"; panel=$2; shift 2 ;;
        --screen-on) need_value "$@"; screen_on=$2; shift 2 ;;
        --screen-off) need_value "$@"; screen_off=$2; shift 2 ;;
        --screen-days) need_value "$@"; screen_days=$2; shift 2 ;;
        --timezone) need_value "$@"; timezone=$2; shift 2 ;;
        --state-device) need_value "$@"; state_device=$2; shift 2 ;;
        --no-overlay) overlay=no; shift ;;
        --deb) need_value "$@"; deb_file=$2; shift 2 ;;
        --ssh-key) need_value "$@"; ssh_key_files+=("$2"); shift 2 ;;
        --ssh-user) need_value "$@"; ssh_user=$2; shift 2 ;;
        --keep-ssh) keep_ssh=yes; shift ;;
        --admin-net) need_value "$@"; admin_nets+=("$2"); shift 2 ;;
        --ntp) need_value "$@"; ntp_servers+=("$2"); shift 2 ;;
        --update-repo) need_value "$@"; update_repo=$2; shift 2 ;;
        --update-key) need_value "$@"; update_key=$2; shift 2 ;;
        --root) need_value "$@"; root=$2; shift 2 ;;
        --boot) need_value "$@"; boot=$2; shift 2 ;;
        --dry-run) dry_run=yes; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option \"$1\"" ;;
    esac
done

# The project's one rule for ids (app/core/identifier.hpp), so that a site or tag given
# here is one a feed's audience can name; tests/kiosk/test_identifier_rule.cpp runs this
# pattern against core's rule on the same ids.
identifier_pattern='^[a-z0-9][a-z0-9-]{0,63}$'
check_identifier() {
    [[ $2 =~ $identifier_pattern ]] ||
        usage_error "$1 must be 1-64 lowercase letters, digits or '-', not starting with '-' (got \"$2\")"
}
check_text() {
    [[ $2 != *[[:cntrl:]]* ]] || usage_error "$1 must not contain control characters"
}

# SSH, firewall and time options (README "Secure by default").
ssh_key_pattern='^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$'
ipv4_net_pattern='^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}/([0-9]|[12][0-9]|3[0-2])$'
ipv6_net_pattern='^[0-9a-fA-F:]*:[0-9a-fA-F:]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$'
check_security_options() {
    local file line number
    for file in "${ssh_key_files[@]}"; do
        [[ -f $file ]] || usage_error "--ssh-key $file: no such file"
        ! grep -q 'PRIVATE KEY' "$file" ||
            usage_error "--ssh-key $file is a private key: give the .pub file (the private key stays with its owner)"
        number=0
        while IFS= read -r line || [[ -n $line ]]; do
            number=$((number + 1))
            [[ $line =~ ^[[:space:]]*(#.*)?$ ]] && continue
            [[ $line =~ $ssh_key_pattern ]] ||
                usage_error "--ssh-key $file:$number: not an OpenSSH public key line (ssh-ed25519 AAAA... comment)"
        done <"$file"
        grep -qvE '^[[:space:]]*(#.*)?$' "$file" || usage_error "--ssh-key $file holds no key"
    done
    if ((${#ssh_key_files[@]} > 0)) && [[ $keep_ssh == yes ]]; then
        usage_error "--ssh-key and --keep-ssh exclude each other: keys switch password logins off, --keep-ssh leaves them on"
    fi
    [[ -z $ssh_user ]] || check_identifier --ssh-user "$ssh_user"
    local net
    for net in "${admin_nets[@]}"; do
        [[ $net =~ $ipv4_net_pattern || $net =~ $ipv6_net_pattern ]] ||
            usage_error "--admin-net wants an address range like 10.20.0.0/16 or fd00:20::/64 (got \"$net\")"
    done
    if ((${#ssh_key_files[@]} > 0)) || [[ $keep_ssh == yes ]]; then
        ((${#admin_nets[@]} > 0)) ||
            usage_error "SSH stays on: --admin-net CIDR must say which network staff log in from (the firewall blocks SSH from anywhere else)"
    fi
    local server
    for server in "${ntp_servers[@]}"; do
        [[ $server =~ ^[A-Za-z0-9.:_-]{1,253}$ ]] || usage_error "--ntp wants a host name or address (got \"$server\")"
    done
}

check_update_options() {
    [[ -z $update_repo && -z $update_key ]] && return 0
    [[ -n $update_repo && -n $update_key ]] || usage_error "--update-repo and --update-key go together"
    [[ $update_repo =~ ^https?://[^[:space:]]+$ ]] ||
        usage_error "--update-repo wants the repository's http:// or https:// URL (got \"$update_repo\")"
    [[ -f $update_key ]] || usage_error "--update-key $update_key: no such file"
    # An OpenPGP public key: armored, or binary starting with a public-key packet.
    grep -q -- '-----BEGIN PGP PUBLIC KEY BLOCK-----' "$update_key" ||
        [[ $(od -An -tx1 -N1 "$update_key" | tr -d ' ') =~ ^(98|99|c6)$ ]] ||
        usage_error "--update-key $update_key is not an OpenPGP public key (gpg --export KEYID > FILE)"
}

[[ -n $kiosk_id ]] || usage_error "--kiosk-id is required"
[[ -n $site ]] || usage_error "--site is required"
check_identifier --kiosk-id "$kiosk_id"
check_identifier --site "$site"
check_text --place-name "$place_name"
for tag in "${tags[@]}"; do check_identifier --tag "$tag"; done
for index in "${!source_ids[@]}"; do
    check_identifier "--source id" "${source_ids[index]}"
    [[ -n ${source_urls[index]} ]] || usage_error "--source ${source_ids[index]} has an empty URL"
    check_text "--source URL" "${source_urls[index]}"
    for other in "${source_ids[@]:0:index}"; do
        [[ $other != "${source_ids[index]}" ]] || usage_error "--source ${source_ids[index]} is given twice"
    done
done
for index in "${!key_sources[@]}"; do
    # A key file (bangvang-publish's NAME.public) holds the key on its first line.
    if [[ -f ${key_values[index]} ]]; then
        key_values[index]=$(sed -n '/[^[:space:]]/{s/[[:space:]]//g;p;q}' "${key_values[index]}")
    fi
    known=no
    for id in "${source_ids[@]}"; do [[ $id == "${key_sources[index]}" ]] && known=yes; done
    [[ $known == yes ]] || usage_error "--public-key names source \"${key_sources[index]}\", which no --source gives"
    # An Ed25519 public key is 32 bytes: 44 base64 characters ending in one '='.
    [[ ${key_values[index]} =~ ^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$ ]] ||
        usage_error "--public-key ${key_sources[index]}: not a base64 Ed25519 public key (32 bytes, 44 characters)"
done
for id in "${source_ids[@]}"; do
    count=0
    for key_source in "${key_sources[@]}"; do [[ $key_source == "$id" ]] && count=$((count + 1)); done
    # The kiosk refuses a source it cannot verify (app/kiosk/kiosk_config.cpp).
    ((count >= 1)) || usage_error "source \"$id\" needs its public key: --public-key $id=KEY"
    ((count <= 8)) || usage_error "source \"$id\" has $count public keys; at most 8"
done
case $orientation in
    landscape) rotate=${rotate:-0} ;;
    portrait) rotate=${rotate:-90} ;;
    *) usage_error "--orientation must be landscape or portrait (got \"$orientation\")" ;;
esac
case $rotate in 0 | 90 | 180 | 270) ;; *) usage_error "--rotate must be 0, 90, 180 or 270 (got \"$rotate\")" ;; esac
case $panel in hdmi | dsi) ;; *) usage_error "--panel must be hdmi or dsi (got \"$panel\")" ;; esac
((screen_width >= 320 && screen_width <= 7680 && screen_height >= 240 && screen_height <= 4320)) ||
    usage_error "--screen-size ${screen_width}x$screen_height is out of range"
if [[ -n $screen_on || -n $screen_off ]]; then
    [[ -n $screen_on && -n $screen_off ]] || usage_error "--screen-on and --screen-off go together"
    for time in "$screen_on" "$screen_off"; do
        [[ $time =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || usage_error "screen times are HH:MM (got \"$time\")"
    done
    [[ $screen_days =~ ^[A-Za-z.,]+$ ]] || usage_error "--screen-days looks like Mon..Fri or Mon,Wed (got \"$screen_days\")"
    [[ $timezone =~ ^[A-Za-z0-9_+/-]+$ ]] || usage_error "--timezone looks like Asia/Ho_Chi_Minh (got \"$timezone\")"
    if command -v systemd-analyze >/dev/null 2>&1; then
        systemd-analyze calendar "$screen_days *-*-* $screen_on:00 $timezone" >/dev/null 2>&1 ||
            usage_error "systemd does not understand the schedule \"$screen_days *-*-* $screen_on:00 $timezone\""
    fi
fi
[[ $state_device =~ ^(none|(LABEL|UUID|PARTUUID)=[^[:space:]]+|/dev/[^[:space:]]+)$ ]] ||
    usage_error "--state-device wants LABEL=..., UUID=..., PARTUUID=..., /dev/... or none (got \"$state_device\")"
[[ -z $deb_file || -f $deb_file ]] || usage_error "--deb $deb_file: no such file"
check_security_options
check_update_options

[[ -d $root ]] || fail "--root $root is not a folder"
root=$(cd "$root" && pwd -P)
if [[ -z $boot ]]; then
    if [[ -f $root/boot/firmware/config.txt ]]; then
        boot=$root/boot/firmware
    elif [[ -f $root/boot/config.txt ]]; then
        boot=$root/boot
    else
        fail "no boot partition: neither $root/boot/firmware/config.txt nor $root/boot/config.txt exists (--boot DIR)"
    fi
fi
[[ -f $boot/config.txt ]] || fail "$boot/config.txt does not exist"
[[ -f $boot/cmdline.txt ]] || fail "$boot/cmdline.txt does not exist"
if [[ $root == / && $dry_run == no && $(id -u) -ne 0 ]]; then
    fail "changing this machine needs root: run it with sudo (or --dry-run)"
fi

# The config.txt fragment ships beside this script (source tree) or in the package.
fragment=""
for candidate in "$(dirname "$(readlink -f "$0")")/config.txt" /usr/share/bangvang/config.txt; do
    if [[ -f $candidate ]]; then fragment=$candidate; break; fi
done
[[ -n $fragment ]] || fail "config.txt fragment not found beside $0 nor in /usr/share/bangvang"

# The account staff log in as: --ssh-user, else the image's first user (uid 1000, the one
# Raspberry Pi Imager or the first boot's wizard made).
if ((${#ssh_key_files[@]} > 0)) && [[ -z $ssh_user ]]; then
    [[ -f $root/etc/passwd ]] && ssh_user=$(awk -F: '$3 == 1000 { print $1; exit }' "$root/etc/passwd")
    [[ -n $ssh_user ]] || usage_error "no user with uid 1000 in $root/etc/passwd: say who staff log in as with --ssh-user USER"
fi

# --- how each step changes a file ----------------------------------------------------

changes=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

say() { echo "$program: $*"; }

# How a path is shown: inside the root as on the Pi, elsewhere as it is.
shown_path() {
    local path=$1
    [[ $root == / ]] || path=${path#"$root"}
    echo "$path"
}

# Makes PATH hold exactly the contents of the file NEW, with MODE (or, for "keep",
# whatever mode it has: the boot partition is FAT, which has none). With backup=yes
# a file's first change keeps the original beside it as PATH.bangvang-orig.
ensure_file() {
    local path=$1 new=$2 mode=$3 backup=${4:-no}
    local shown
    shown=$(shown_path "$path")
    local same_content=no same_mode=yes
    [[ -f $path ]] && cmp -s "$path" "$new" && same_content=yes
    [[ $mode == keep || ! -f $path || $(stat -c %a "$path") == "$mode" ]] || same_mode=no
    if [[ $same_content == yes && $same_mode == yes ]]; then
        say "$shown: unchanged"
        return 0
    fi
    changes=$((changes + 1))
    if [[ $dry_run == yes ]]; then
        if [[ $same_content == yes ]]; then
            say "$shown: would set mode $mode"
        elif [[ -f $path ]]; then
            say "$shown: would change"
            diff -u --label "$shown" --label "$shown (provisioned)" "$path" "$new" || true
        else
            say "$shown: would create"
            diff -u --label /dev/null --label "$shown (provisioned)" /dev/null "$new" || true
        fi
        return 0
    fi
    mkdir -p "$(dirname "$path")"
    if [[ $backup == yes && -f $path && ! -e $path.bangvang-orig ]]; then
        cp -p "$path" "$path.bangvang-orig"
    fi
    # Write beside, then rename: a power cut leaves the old file or the new one.
    cp "$new" "$path.bangvang-new"
    if [[ $mode != keep ]]; then chmod "$mode" "$path.bangvang-new"; fi
    sync "$path.bangvang-new" 2>/dev/null || true
    mv -f "$path.bangvang-new" "$path"
    say "$shown: written"
}

ensure_link() {
    local path=$1 target=$2
    local shown
    shown=$(shown_path "$path")
    if [[ -L $path && $(readlink "$path") == "$target" ]]; then
        say "$shown -> $target: unchanged"
        return 0
    fi
    changes=$((changes + 1))
    if [[ $dry_run == yes ]]; then
        say "$shown -> $target: would link"
        return 0
    fi
    mkdir -p "$(dirname "$path")"
    ln -sfn "$target" "$path"
    say "$shown -> $target: linked"
}

ensure_absent() {
    local path=$1
    [[ -e $path || -L $path ]] || return 0
    local shown
    shown=$(shown_path "$path")
    changes=$((changes + 1))
    if [[ $dry_run == yes ]]; then
        say "$shown: would remove"
        return 0
    fi
    rm -f "$path"
    say "$shown: removed"
}

ensure_directory() {
    local path=$1
    local shown
    shown=$(shown_path "$path")
    if [[ -d $path ]]; then
        say "$shown/: unchanged"
        return 0
    fi
    changes=$((changes + 1))
    if [[ $dry_run == yes ]]; then
        say "$shown/: would create"
        return 0
    fi
    mkdir -p "$path"
    say "$shown/: created"
}

json_string() {
    local text=$1
    text=${text//\\/\\\\}
    text=${text//\"/\\\"}
    printf '"%s"' "$text"
}

# --- the steps -----------------------------------------------------------------------

install_packages() {
    if [[ $root != / ]]; then
        say "packages: skipped (--root is not /; install bangvang on the Pi itself)"
        return 0
    fi
    local wanted=()
    if [[ -n $deb_file ]]; then
        local version installed
        version=$(dpkg-deb -f "$deb_file" Version)
        installed=$(dpkg-query -W -f='${Version}' bangvang 2>/dev/null || true)
        [[ $installed == "$version" ]] || wanted+=("$(readlink -f "$deb_file")")
    elif ! dpkg-query -W -f='${Status}' bangvang 2>/dev/null | grep -q "install ok installed"; then
        [[ $dry_run == yes ]] || fail "bangvang is not installed: give its .deb with --deb FILE"
        say "packages: bangvang is not installed: the real run needs --deb FILE"
    fi
    if [[ $overlay == yes ]] && ! dpkg-query -W -f='${Status}' overlayroot 2>/dev/null | grep -q "install ok installed"; then
        wanted+=(overlayroot)
    fi
    local package security_packages=(nftables systemd-timesyncd)
    ((${#ssh_key_files[@]} == 0)) || security_packages+=(openssh-server)
    for package in "${security_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || wanted+=("$package")
    done
    if ((${#wanted[@]} == 0)); then
        say "packages: unchanged"
        return 0
    fi
    changes=$((changes + 1))
    if [[ $dry_run == yes ]]; then
        say "packages: would install ${wanted[*]}"
        return 0
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"
    say "packages: installed ${wanted[*]}"
}

# The kiosk's own office hours, from the schedule the timers follow: outside them the
# kiosk stops drawing while the timers switch the screen's power as root. systemd's days
# (Mon..Fri,Sun) become the config's (mon-fri, sun). Hours across midnight are left to
# the timers alone.
kiosk_office_hours() {
    [[ -n $screen_on ]] || return 0
    if [[ ! $screen_on < $screen_off ]]; then
        say "screen: --screen-off before --screen-on crosses midnight; only the timers follow it" >&2
        return 0
    fi
    local days day first last key separator=""
    IFS=, read -r -a days <<<"$screen_days"
    printf '  "screen_schedule": {"hours": {'
    for day in "${days[@]}"; do
        # Full names (Monday..Friday) shorten to the config's three letters.
        first=${day%%..*} last=${day##*..}
        first=${first,,} last=${last,,}
        key=${first:0:3}
        [[ $day == *..* ]] && key="$key-${last:0:3}"
        printf '%s"%s": [{"from": "%s", "to": "%s"}]' "$separator" "$key" "$screen_on" "$screen_off"
        separator=", "
    done
    echo '}},'
}

write_kiosk_config() {
    local new=$scratch/kiosk.json separator index
    {
        echo "{"
        echo "  \"kiosk_id\": $(json_string "$kiosk_id"),"
        echo "  \"site\": $(json_string "$site"),"
        [[ -z $place_name ]] || echo "  \"place_name\": $(json_string "$place_name"),"
        printf '  "tags": ['
        separator=""
        for tag in "${tags[@]}"; do printf '%s%s' "$separator" "$(json_string "$tag")"; separator=", "; done
        echo "],"
        echo "  \"utc_offset\": \"+07:00\","
        echo "  \"cache_directory\": \"$state_directory\","
        echo "  \"theme\": \"/usr/share/bangvang/themes/default.json\","
        local rotation_member=""
        if ((rotate != 0)); then rotation_member=", \"rotation\": $rotate"; fi
        echo "  \"screen\": {\"width\": $screen_width, \"height\": $screen_height, \"orientation\": \"$orientation\"$rotation_member, \"transition_milliseconds\": 700},"
        kiosk_office_hours
        if ((${#source_ids[@]} == 0)); then
            echo "  \"sources\": []"
        else
            echo "  \"sources\": ["
            for index in "${!source_ids[@]}"; do
                printf '    {"id": %s, "url": %s, "keys": [' \
                    "$(json_string "${source_ids[index]}")" "$(json_string "${source_urls[index]}")"
                separator=""
                for key_index in "${!key_sources[@]}"; do
                    [[ ${key_sources[key_index]} == "${source_ids[index]}" ]] || continue
                    printf '%s%s' "$separator" "$(json_string "${key_values[key_index]}")"
                    separator=", "
                done
                printf ']}'
                ((index + 1 < ${#source_ids[@]})) && printf ','
                echo
            done
            echo "  ]"
        fi
        echo "}"
    } >"$new"
    ensure_file "$root/etc/bangvang/kiosk.json" "$new" 644
}

# config.txt: the shipped fragment as one marked block (replaced in place, appended the
# first time) so the Pi's own lines stay as they were. No display_rotate/lcd_rotate:
# the KMS driver ignores them, and where the legacy stack obeys them the kiosk's own
# rotation (kiosk.json) would turn the picture twice. A block written by an older
# version with such a line loses it here.
write_boot_config() {
    local config=$boot/config.txt block=$scratch/config-block new=$scratch/config.txt
    {
        echo "$config_begin_marker"
        grep -v '^[[:space:]]*$' "$fragment"
        echo "$config_end_marker"
    } >"$block"
    awk -v begin="$config_begin_marker" -v end="$config_end_marker" -v block="$block" '
        function print_block(  line) { while ((getline line < block) > 0) print line; close(block); done = 1 }
        $0 == begin { inside = 1; if (!done) print_block(); next }
        inside { if ($0 == end) inside = 0; next }
        { print; last = $0; count++ }
        END {
            if (!done) {
                if (count > 0 && last != "") print ""
                print_block()
            }
        }' "$config" >"$new"
    ensure_file "$config" "$new" keep yes
}

# cmdline.txt is one line of kernel arguments: change only the ones the kiosk needs.
write_kernel_command_line() {
    local cmdline=$boot/cmdline.txt new=$scratch/cmdline.txt
    local -a words result
    read -r -a words <"$cmdline" || true
    local -a wanted=(
        console=tty3                 # boot messages away from the kiosk's tty1
        quiet loglevel=3 logo.nologo # no text, no raspberries
        vt.global_cursor_default=0   # no blinking cursor before the kiosk draws
        consoleblank=0               # the console never blanks the screen
    )
    [[ $overlay == yes ]] && wanted+=(overlayroot=tmpfs:recurse=0)

    local word key wanted_word placed
    result=()
    for word in "${words[@]}"; do
        key=${word%%=*}
        # One console on a tty (the wanted one); serial consoles stay.
        if [[ $word =~ ^console=tty[0-9]+$ ]]; then key=console-tty; fi
        [[ $overlay == no && $key == overlayroot ]] && continue
        placed=no
        for wanted_word in "${wanted[@]}"; do
            local wanted_key=${wanted_word%%=*}
            [[ $wanted_word =~ ^console=tty[0-9]+$ ]] && wanted_key=console-tty
            if [[ $key == "$wanted_key" ]]; then placed=yes; word=$wanted_word; fi
        done
        if [[ $placed == yes ]]; then
            # Keep the first occurrence only.
            local seen=no existing
            for existing in "${result[@]}"; do [[ $existing == "$word" ]] && seen=yes; done
            [[ $seen == yes ]] && continue
        fi
        result+=("$word")
    done
    for wanted_word in "${wanted[@]}"; do
        local present=no
        for word in "${result[@]}"; do [[ $word == "$wanted_word" ]] && present=yes; done
        [[ $present == yes ]] || result+=("$wanted_word")
    done
    echo "${result[*]}" >"$new"
    ensure_file "$cmdline" "$new" keep yes
}

# The cache partition: one fstab line for /var/lib/bangvang (replaced in place).
# nofail: a Pi whose partition is missing still boots and plays (from RAM).
write_fstab() {
    local fstab=$root/etc/fstab new=$scratch/fstab line=""
    if [[ $state_device != none ]]; then
        line="$state_device $state_directory ext4 defaults,noatime,nofail,x-systemd.device-timeout=10s 0 2"
    fi
    if [[ -f $fstab ]]; then
        awk -v mount_point="$state_directory" -v line="$line" '
            $1 !~ /^#/ && $2 == mount_point { if (!done && line != "") print line; done = 1; next }
            { print }
            END { if (!done && line != "") print line }' "$fstab" >"$new"
    else
        [[ -z $line ]] && return 0
        echo "$line" >"$new"
    fi
    ensure_file "$fstab" "$new" 644 yes
    ensure_directory "$root$state_directory"
}

# The kiosk's own Ed25519 key for signing its reports to the portal: made once in the
# state folder (libsodium's form: seed then public key, base64), never replaced, and its
# public half printed for `bangvang-portal enroll`. The unit's StateDirectory= hands it
# to the bangvang user. Without openssl the kiosk makes one at first start (and logs it).
write_report_key() {
    local file=$root$state_directory/report-key.secret pem seed public
    if [[ ! -s $file ]]; then
        changes=$((changes + 1))
        if [[ $dry_run == yes ]]; then
            say "$(shown_path "$file"): would create the kiosk's report key"
            return 0
        fi
        if ! command -v openssl >/dev/null; then
            say "warning: no openssl: the kiosk makes its report key at first start (its log prints the public key)"
            return 0
        fi
        pem=$(openssl genpkey -algorithm ed25519)
        seed=$(openssl pkey -outform DER <<<"$pem" | tail -c 32 | base64 -w0)
        public=$(openssl pkey -pubout -outform DER <<<"$pem" | tail -c 32 | base64 -w0)
        (umask 077 && { echo "$seed$public" | base64 -d | base64 -w0; echo; } >"$file")
        say "$(shown_path "$file"): created the kiosk's report key"
    fi
    public=$(base64 -d <"$file" | tail -c 32 | base64 -w0)
    say "report key of $kiosk_id: $public"
    say "  enrol it on the portal: bangvang-portal enroll --registry /etc/bangvang-portal/kiosks.json --kiosk $kiosk_id --public-key $public --site $site"
}

write_systemd_setup() {
    local units=$root/etc/systemd/system
    ensure_link "$units/getty@tty1.service" /dev/null
    ensure_link "$units/multi-user.target.wants/bangvang.service" /lib/systemd/system/bangvang.service

    local watchdog=$scratch/watchdog.conf
    cat >"$watchdog" <<'TEXT'
# bangvang (provision.sh): systemd feeds the Pi's hardware watchdog (dtparam=watchdog=on
# in config.txt); a hung kernel or service manager reboots the kiosk. The Pi's
# watchdog cannot wait longer than 15 s.
[Manager]
RuntimeWatchdogSec=14s
RebootWatchdogSec=2min
TEXT
    ensure_file "$root/etc/systemd/system.conf.d/bangvang-watchdog.conf" "$watchdog" 644

    local state time timer
    for state in on off; do
        timer=bangvang-screen-$state.timer
        if [[ -z $screen_on ]]; then
            ensure_absent "$units/timers.target.wants/$timer"
            ensure_absent "$units/$timer"
            continue
        fi
        time=$screen_on
        [[ $state == off ]] && time=$screen_off
        cat >"$scratch/$timer" <<TEXT
# bangvang (provision.sh): the screen schedule turns the screen $state at $time.
[Unit]
Description=bangvang: turn the screen $state at $time

[Timer]
OnCalendar=$screen_days *-*-* $time:00 $timezone
Unit=bangvang-display-power@$state.service

[Install]
WantedBy=timers.target
TEXT
        ensure_file "$units/$timer" "$scratch/$timer" 644
        ensure_link "$units/timers.target.wants/$timer" "/etc/systemd/system/$timer"
    done
}

# --- secure by default: SSH, firewall, time, logs (README "Secure by default") ------

# Makes PATH no longer a mask (a link to /dev/null); anything else there stays.
ensure_unmasked() {
    local path=$1
    [[ -L $path && $(readlink "$path") == /dev/null ]] || return 0
    ensure_absent "$path"
}

# SSH: with staff keys, keys only (for one user, never root, never a password); without,
# off. Debian's sshd_config reads sshd_config.d/*.conf first and keeps the first value
# it meets, so a drop-in named 00-... wins over the image's own lines and later drop-ins.
write_ssh_setup() {
    local units=$root/etc/systemd/system
    local drop_in=$root/etc/ssh/sshd_config.d/00-bangvang.conf keys=$root/etc/ssh/bangvang/authorized_keys
    if [[ $keep_ssh == yes ]]; then
        say "warning: --keep-ssh: SSH is left as the image set it up; if it allows password logins, anyone who guesses the password can log in from ${admin_nets[*]}" >&2
        ensure_absent "$drop_in"
        ensure_absent "$keys"
        ensure_unmasked "$units/ssh.service"
        ensure_unmasked "$units/ssh.socket"
        return 0
    fi
    if ((${#ssh_key_files[@]} == 0)); then
        ensure_absent "$drop_in"
        ensure_absent "$keys"
        ensure_absent "$units/multi-user.target.wants/ssh.service"
        ensure_absent "$units/sshd.service"
        # Masked, not just disabled: Raspberry Pi OS's sshswitch enables ssh again when
        # the boot partition holds a file named "ssh".
        ensure_link "$units/ssh.service" /dev/null
        ensure_link "$units/ssh.socket" /dev/null
        ensure_absent "$boot/ssh"
        ensure_absent "$boot/ssh.txt"
        return 0
    fi
    local file
    for file in "${ssh_key_files[@]}"; do grep -vE '^[[:space:]]*(#.*)?$' "$file"; done | sort -u >"$scratch/authorized_keys"
    ensure_file "$keys" "$scratch/authorized_keys" 644
    cat >"$scratch/sshd-drop-in" <<TEXT
# bangvang (provision.sh): staff log in as $ssh_user with the keys in
# /etc/ssh/bangvang/authorized_keys only: no passwords, no root.
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $ssh_user
AuthorizedKeysFile /etc/ssh/bangvang/authorized_keys
TEXT
    ensure_file "$drop_in" "$scratch/sshd-drop-in" 644
    ensure_unmasked "$units/ssh.service"
    ensure_unmasked "$units/ssh.socket"
    ensure_link "$units/multi-user.target.wants/ssh.service" /lib/systemd/system/ssh.service
}

# The firewall (Debian's nftables.service loads /etc/nftables.conf at boot): nothing
# comes in but answers to the kiosk's own connections, DHCP's answers, IPv6 neighbour
# discovery and, while SSH is on, SSH from the admin networks. Nothing is forwarded.
write_firewall() {
    local ruleset=$scratch/nftables.conf ipv4=() ipv6=() net
    for net in "${admin_nets[@]}"; do
        if [[ $net == *:* ]]; then ipv6+=("$net"); else ipv4+=("$net"); fi
    done
    local ssh_on=no
    if ((${#ssh_key_files[@]} > 0)) || [[ $keep_ssh == yes ]]; then ssh_on=yes; fi
    {
        echo "#!/usr/sbin/nft -f"
        echo "# bangvang (provision.sh): a kiosk accepts no connection from outside$([[ $ssh_on == yes ]] && echo ", except SSH from the admin networks")."
        echo "flush ruleset"
        echo
        echo "table inet bangvang {"
        echo "    chain input {"
        echo "        type filter hook input priority filter; policy drop;"
        echo "        ct state established,related accept"
        echo "        ct state invalid drop"
        echo "        iif \"lo\" accept"
        echo "        icmp type { destination-unreachable, time-exceeded, parameter-problem } accept"
        echo "        icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept"
        echo "        icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } ip6 hoplimit 255 accept"
        echo "        udp sport 67 udp dport 68 accept"
        echo "        udp sport 547 udp dport 546 accept"
        if [[ $ssh_on == yes ]]; then
            local IFS=", "
            ((${#ipv4[@]} == 0)) || echo "        ip saddr { ${ipv4[*]} } tcp dport 22 accept"
            ((${#ipv6[@]} == 0)) || echo "        ip6 saddr { ${ipv6[*]} } tcp dport 22 accept"
        fi
        echo "    }"
        echo
        echo "    chain forward {"
        echo "        type filter hook forward priority filter; policy drop;"
        echo "    }"
        echo "}"
    } >"$ruleset"
    ensure_file "$root/etc/nftables.conf" "$ruleset" 755 yes
    ensure_unmasked "$root/etc/systemd/system/nftables.service"
    ensure_link "$root/etc/systemd/system/sysinit.target.wants/nftables.service" /lib/systemd/system/nftables.service
    # Nothing else listens: Raspberry Pi OS's avahi-daemon (mDNS, UDP 5353) is masked.
    ensure_link "$root/etc/systemd/system/avahi-daemon.service" /dev/null
    ensure_link "$root/etc/systemd/system/avahi-daemon.socket" /dev/null
}

# Time: the Pi has no battery clock; systemd-timesyncd sets it from NTP, and the kiosk
# treats its clock as unsynchronised until /run/systemd/timesync/synchronized exists.
# Logs: journald keeps them in RAM, capped, so they never fill the state partition.
write_time_and_logs() {
    local units=$root/etc/systemd/system
    local timesyncd=$root/etc/systemd/timesyncd.conf.d/bangvang.conf
    if ((${#ntp_servers[@]} == 0)); then
        ensure_absent "$timesyncd"
    else
        cat >"$scratch/timesyncd.conf" <<TEXT
# bangvang (provision.sh): the district's time server first; Debian's pool if it fails.
[Time]
NTP=${ntp_servers[*]}
TEXT
        ensure_file "$timesyncd" "$scratch/timesyncd.conf" 644
    fi
    ensure_unmasked "$units/systemd-timesyncd.service"
    ensure_link "$units/sysinit.target.wants/systemd-timesyncd.service" /lib/systemd/system/systemd-timesyncd.service
    cat >"$scratch/journald.conf" <<'TEXT'
# bangvang (provision.sh): the journal lives in RAM (the root is read-only and the state
# partition holds the cache), at most 32 MB of it.
[Journal]
Storage=volatile
RuntimeMaxUse=32M
TEXT
    ensure_file "$root/etc/systemd/journald.conf.d/bangvang.conf" "$scratch/journald.conf" 644
}

# --- updates from the district's repository (README "Updates for a fleet") --------------

# apt learns the repository and its key; bangvang-update.timer runs the upgrade while the
# screen is off (from --screen-off, spread over the dark hours), else between 02:00 and
# 05:00; each kiosk keeps its own random slot so the portal is not asked by all at once.
# bangvang-update-check.service (in the package) watches the kiosk after such a reboot.
write_update_setup() {
    local units=$root/etc/systemd/system keyrings=$root/etc/apt/keyrings
    local sources=$root/etc/apt/sources.list.d/bangvang.sources
    local key_name=bangvang.gpg
    if [[ -z $update_repo ]]; then
        ensure_absent "$sources"
        ensure_absent "$keyrings/bangvang.gpg"
        ensure_absent "$keyrings/bangvang.asc"
        ensure_absent "$units/timers.target.wants/bangvang-update.timer"
        ensure_absent "$units/bangvang-update.timer"
        ensure_absent "$units/multi-user.target.wants/bangvang-update-check.service"
        return 0
    fi
    grep -q -- '-----BEGIN PGP PUBLIC KEY BLOCK-----' "$update_key" && key_name=bangvang.asc
    ensure_absent "$keyrings/$([[ $key_name == bangvang.asc ]] && echo bangvang.gpg || echo bangvang.asc)"
    ensure_file "$keyrings/$key_name" "$update_key" 644
    cat >"$scratch/bangvang.sources" <<TEXT
# bangvang (provision.sh): the district's repository of the kiosk program.
Types: deb
URIs: $update_repo
Suites: bookworm
Components: main
Signed-By: /etc/apt/keyrings/$key_name
TEXT
    ensure_file "$sources" "$scratch/bangvang.sources" 644

    local when="02:00" spread_minutes=180 why="no screen schedule: between 02:00 and 05:00"
    if [[ -n $screen_off ]]; then
        local off=$((10#${screen_off%:*} * 60 + 10#${screen_off#*:})) on=$((10#${screen_on%:*} * 60 + 10#${screen_on#*:}))
        local dark=$(((on - off + 1440) % 1440))
        when=$screen_off
        # Started at least an hour before the screen comes on again, within three hours.
        spread_minutes=$((dark - 60 < 180 ? dark - 60 : 180))
        ((spread_minutes >= 0)) || spread_minutes=0
        why="while the screen is off ($screen_off-$screen_on)"
    fi
    cat >"$scratch/bangvang-update.timer" <<TEXT
# bangvang (provision.sh): upgrade the kiosk $why.
[Unit]
Description=bangvang: upgrade the kiosk from the district's repository

[Timer]
OnCalendar=*-*-* $when:00 $timezone
RandomizedDelaySec=${spread_minutes}min
FixedRandomDelay=yes
AccuracySec=1min

[Install]
WantedBy=timers.target
TEXT
    ensure_file "$units/bangvang-update.timer" "$scratch/bangvang-update.timer" 644
    ensure_link "$units/timers.target.wants/bangvang-update.timer" /etc/systemd/system/bangvang-update.timer
    ensure_link "$units/multi-user.target.wants/bangvang-update-check.service" \
        /lib/systemd/system/bangvang-update-check.service
}

# --- run -----------------------------------------------------------------------------

[[ $dry_run == yes ]] && say "dry run: nothing is changed"
say "root $root, boot partition $boot"
install_packages
write_kiosk_config
write_boot_config
write_kernel_command_line
write_fstab
write_report_key
write_systemd_setup
write_ssh_setup
write_firewall
write_time_and_logs
write_update_setup
[[ $overlay == yes && $state_device == none ]] &&
    say "warning: read-only root without --state-device: the cache lives in RAM and is rebuilt at every boot"

if ((changes == 0)); then
    say "nothing to change"
elif [[ $dry_run == yes ]]; then
    say "$changes change(s) would be made"
else
    if [[ $root == / && -d /run/systemd/system ]]; then
        systemctl daemon-reload
    fi
    say "$changes change(s) made; reboot to start the kiosk"
fi
