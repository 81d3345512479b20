#!/usr/bin/env bash
# Checks the systemd integration of reportsyncd, as CI runs it:
#   1. `make install` into a staging folder (release build),
#   2. sysusers and tmpfiles entries apply to that root,
#   3. `systemd-analyze verify` passes on the three units, their ExecStart pointing at the staged binaries,
#   4. `systemd-analyze security` rates reportsyncd's exposure at 0.5 or lower, reportsyncd-web's (which
#      listens on loopback, read-only) at 1.5 or lower, reportsyncd-publish's (network allowed, to reach
#      the database) at 2.0 or lower, and prints the figures,
#   5. the catalog compiles and lists every MESSAGE_ID in Sources/reportsyncd/EventMessageID.swift.
# Needs: swift, make, systemd (systemd-analyze, systemd-sysusers, systemd-tmpfiles, journalctl), acl support
# in the staging file system. Runs without a running systemd.
set -euo pipefail
cd "$(dirname "$0")/.."

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "make install DESTDIR=$stage"
make install DESTDIR="$stage" >/dev/null

step "sysusers and tmpfiles"
systemd-sysusers --root="$stage" "$stage/usr/local/lib/sysusers.d/reportsyncd.conf"
systemd-tmpfiles --root="$stage" --create "$stage/usr/local/lib/tmpfiles.d/reportsyncd.conf"
inbox="$stage/srv/reportsync/inbox"
group="$(awk -F: '$1 == "reportsync" { print $3 }' "$stage/etc/group")"
[[ "$(stat -c '%a %g' "$inbox")" == "2770 $group" ]] || {
    echo "inbox is $(stat -c '%a %u:%g' "$inbox"), expected setgid 2770 for group reportsync ($group)" >&2
    exit 1
}
# A file dropped with a private umask still belongs to the group and is readable and writable by it.
(umask 077 && : >"$inbox/dropped.txt")
[[ "$(stat -c '%a %g' "$inbox/dropped.txt")" == "660 $group" ]] || {
    echo "a file dropped with umask 077 is $(stat -c '%a %u:%g' "$inbox/dropped.txt"), expected 660 for group $group" >&2
    exit 1
}

# Each unit, its ExecStart pointing at the staged binary: verified, and rated at or below its limit.
check_unit() {
    local name="$1" binary="$2" limit="$3"
    step "systemd-analyze verify $name"
    local unit="$stage/check/$name"
    mkdir -p "$(dirname "$unit")"
    sed "s|^ExecStart=/usr/local/bin/$binary |ExecStart=$stage/usr/local/bin/$binary |" \
        "$stage/usr/local/lib/systemd/system/$name" >"$unit"
    systemd-analyze verify --man=no --recursive-errors=no "$unit"

    step "systemd-analyze security $name"
    local report exposure
    report="$(systemd-analyze security --offline=true --threshold=100 "$unit")"
    exposure="$(sed -n "s/^→ Overall exposure level for $name: \([0-9.]*\).*/\1/p" <<<"$report")"
    echo "exposure: $exposure"
    grep '✗' <<<"$report" || true
    awk -v e="$exposure" -v limit="$limit" 'BEGIN { exit !(e != "" && e <= limit) }' || {
        echo "$name: exposure $exposure is above $limit" >&2
        exit 1
    }
}
check_unit reportsyncd.service reportsyncd 0.5
# The web page listens (loopback only): AF_INET/AF_INET6 and no PrivateNetwork cost a little.
grep -q '^PrivateNetwork=yes' "$stage/usr/local/lib/systemd/system/reportsyncd.service" || {
    echo "the ingest daemon must keep PrivateNetwork=yes" >&2
    exit 1
}
grep -q '^ReadWritePaths=' "$stage/usr/local/lib/systemd/system/reportsyncd-web.service" && {
    echo "reportsyncd-web must not write anywhere" >&2
    exit 1
}
check_unit reportsyncd-web.service reportsyncd-web 1.5
# The publisher needs AF_INET/6 to reach the database and runs as a DynamicUser.
check_unit reportsyncd-publish.service reportsyncd-publish 2.0

step "catalog"
journalctl --root="$stage" --update-catalog
catalog="$(journalctl --root="$stage" --list-catalog)"
for id in $(grep -o '"[0-9a-f]\{32\}"' Sources/reportsyncd/EventMessageID.swift | tr -d '"'); do
    grep -q "^$id reportsyncd: " <<<"$catalog" || {
        echo "MESSAGE_ID $id has no catalog entry" >&2
        exit 1
    }
    grep "^$id " <<<"$catalog"
done

step "systemd integration checks passed"
