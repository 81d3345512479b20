# Shared by scripts/power-cut-test and scripts/fault-test (sourced, not run): the daemon binary and
# helper.py, an evidence folder, a cleanup trap that leaves no process or mount behind, and starting,
# draining and stopping a daemon whose inbox, mirror and state sit in one folder.
# The sourcing script has `set -euo pipefail` and runs from the repository root.

binary=${REPORTSYNCD_BINARY:-$PWD/.build/debug/reportsyncd}
helper=$PWD/scripts/reliability/helper.py
[ -x "$binary" ] || { echo "no $binary: run swift build first (or set REPORTSYNCD_BINARY)" >&2 && exit 1; }

daemon_pid=""
# Other processes of the run (droppers, watchers) and mounts; the cleanup ends and unmounts them.
helpers=()
mounts=()

# Needs root and a free loop device, or says why not instead of failing half-way.
require_loop_devices() {
    [ "$(id -u)" -eq 0 ] || { echo "$1 needs root" >&2 && exit 1; }
    losetup -f >/dev/null || { echo "no loop device available: cannot run $1" >&2 && exit 1; }
}

# Installs a Debian package when its command is missing.
require_command() {
    command -v "$1" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# Makes the evidence folder $work (under /var/tmp, named after $1), arms the cleanup, and runs a copy
# of the daemon kept there: a build that replaces the binary half-way does not change the daemon
# under test, and the evidence says which one it was.
make_work_folder() {
    work=$(mktemp -d "/var/tmp/$1.XXXXXX")
    trap cleanup EXIT
    cp "$binary" "$work/reportsyncd"
    echo "daemon: $binary, sha256 $(sha256sum "$work/reportsyncd" | cut -c1-16)"
    binary=$work/reportsyncd
}

# Whatever happens, leave no daemon, helper process or mount behind; after a failure (or when the
# script set keep_work) keep the images and logs, which are the only evidence of what went wrong.
cleanup() {
    local status=$? pid index mount
    for pid in "${helpers[@]}" "$daemon_pid"; do
        [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    # The last mounted first: a mount may sit inside another.
    for ((index = ${#mounts[@]} - 1; index >= 0; index--)); do
        mount=${mounts[$index]}
        if mountpoint -q "$mount"; then
            umount "$mount" || umount -l "$mount"
        fi
    done
    if [ "$status" -eq 0 ] && [ -z "${keep_work:-}" ]; then
        rm -rf "$work"
    else
        echo "kept the images and logs in $work" >&2
    fi
}

# Starts the daemon on ROOT/{inbox,mirror,state}, appending its console to LOG, behind the launcher
# words that follow (none, or e.g. fiu-run -x), and waits (bounded) until it watches the inbox.
start_daemon() {
    local log=$1 root=$2 starts
    shift 2
    touch "$log"
    starts=$(grep -c "watching the inbox" "$log" || true)
    "$@" "$binary" run --log console --verbose --inbox "$root/inbox" --mirror "$root/mirror" --state "$root/state" \
        >>"$log" 2>&1 &
    daemon_pid=$!
    for _ in $(seq 600); do
        [ "$(grep -c "watching the inbox" "$log" || true)" -gt "${starts:-0}" ] && return 0
        kill -0 "$daemon_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the daemon did not start; its log:" >&2 && tail -20 "$log" >&2
    return 1
}

# Whether the daemon still runs (a zombie, state Z, has exited).
daemon_alive() {
    grep -qs "^State:[[:space:]]*[^Z]" "/proc/$daemon_pid/status"
}

# Stops the daemon as systemd would (SIGTERM; SIGKILL after 30 s, which is a hang) and waits for
# it; it must exit 0.
stop_daemon() {
    local status=0
    kill -TERM "$daemon_pid"
    for _ in $(seq 300); do
        daemon_alive || break
        sleep 0.1
    done
    if daemon_alive; then
        echo "the daemon did not stop within 30 s of SIGTERM: killed" >&2
        kill -KILL "$daemon_pid"
    fi
    wait "$daemon_pid" || status=$?
    daemon_pid=""
    [ "$status" -eq 0 ] || { echo "the daemon exited with $status on SIGTERM" >&2 && return 1; }
}

# Starts a helper process (helper.py COMMAND ...) in the background, noted for the cleanup.
start_helper() {
    python3 "$helper" "$@" &
    helpers+=($!)
}

# Ends the helper processes, which may have ended already.
stop_helpers() {
    local pid
    for pid in "${helpers[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    helpers=()
}

# Waits up to SECONDS until the daemon has worked off ROOT/inbox: no names left but dot-names (drops
# that never reached their rename).
drain() {
    local root=$1 seconds=$2
    for _ in $(seq $((seconds * 10))); do
        [ -z "$(find "$root/inbox" -type f ! -name '.*' -print -quit)" ] && return 0
        sleep 0.1
    done
    echo "the inbox did not drain in $seconds s; still there: $(find "$root/inbox" -type f ! -name '.*' | head -5)" >&2
    return 1
}
