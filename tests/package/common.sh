# Helpers shared by the package tests (sourced). The tests install the built
# .debs on this machine with dpkg, so they need root; each purges what it
# installed when it ends, passed or not.

FEEDHUB_UNIT=/lib/systemd/system/feedhub.service
FEEDHUB_CONFIG=/etc/feedhub/hub.ini

fail()
{
    echo "FAIL: $*" >&2
    exit 1
}

require_root()
{
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: installing packages needs root"
        exit 77
    fi
}

# Starts a test: the machine-wide test lock, a work folder (WORK), nothing of
# feedhub installed, and, on exit whether passed or not, the daemon and stream
# stopped, the files listed in LEFT_BEHIND removed and the packages purged.
begin_package_test()
{
    require_root
    # Another ctest run on this machine (another build tree) installs and
    # purges the same packages: one test at a time, machine-wide.
    exec {FEEDHUB_TEST_LOCK}>/tmp/feedhub-package-test.lock
    flock "$FEEDHUB_TEST_LOCK"
    WORK="$(mktemp -d)"
    HUB_PID=""
    STREAM_PID=""
    LEFT_BEHIND=()
    trap end_package_test EXIT
    purge_packages
}

end_package_test()
{
    set +e
    if [ -n "$STREAM_PID" ]; then kill "$STREAM_PID" 2>/dev/null; fi
    if [ -n "$HUB_PID" ]; then kill -KILL "$HUB_PID" 2>/dev/null; fi
    rm -f "${LEFT_BEHIND[@]}"
    # The folders they were installed into too, if nothing else is in them: an
    # empty /usr/local/lib/feedhub/plugins would make a build tree's daemon look
    # there instead of in its own plugins/.
    local file
    for file in "${LEFT_BEHIND[@]}"; do
        rmdir "$(dirname "$file")" "$(dirname "$(dirname "$file")")" 2>/dev/null || true
    done
    purge_packages
    rm -rf "$WORK"
}

purge_packages()
{
    local package
    for package in feedhub-dev feedhub; do
        if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -qv "not-installed"; then
            dpkg --purge "$package" >/dev/null
        fi
    done
}

unit_setting()
{
    sed -n "s/^$1=//p" "$FEEDHUB_UNIT" | head -n 1
}

# Starts the installed daemon as systemd would without systemd: the unit's
# ExecStart line, as the unit's User and Group, in its WorkingDirectory.
# Sets HUB_PID and HUB_PORT (the config must say port = 0, so the hub picks a
# free port and logs it). $1: the file to log to.
start_installed_hub()
{
    local log="$1"
    local -a command
    # Created here: the background shell below may open it only later.
    : >"$log"
    read -r -a command <<<"$(unit_setting ExecStart)"
    (cd "$(unit_setting WorkingDirectory)" &&
        exec setpriv --reuid="$(unit_setting User)" --regid="$(unit_setting Group)" --init-groups \
            -- "${command[@]}") >"$log" 2>&1 &
    HUB_PID=$!
    HUB_PORT=""
    for _ in $(seq 150); do
        HUB_PORT="$(sed -n 's/.*listening on port \([0-9][0-9]*\).*/\1/p' "$log")"
        [ -n "$HUB_PORT" ] && return 0
        kill -0 "$HUB_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$log" >&2
    fail "the installed feedhub did not start"
}

# SIGTERM, then the exit code must be 0.
stop_installed_hub()
{
    kill -TERM "$HUB_PID"
    local code=0
    wait "$HUB_PID" || code=$?
    HUB_PID=""
    [ "$code" -eq 0 ] || fail "feedhub exited with $code after SIGTERM"
}

# Waits up to $3 seconds for file $1 to contain the fixed string $2.
wait_for_text()
{
    for _ in $(seq $(($3 * 10))); do
        grep -qF -- "$2" "$1" && return 0
        sleep 0.1
    done
    return 1
}

# Opens an SSE stream on topic $1 in the background into file $2 and waits
# until the hub has sent its "retry:" frame, i.e. the subscription is live.
# Sets STREAM_PID.
subscribe()
{
    curl -sN "http://127.0.0.1:$HUB_PORT/events?topic=$1" >"$2" &
    STREAM_PID=$!
    wait_for_text "$2" "retry:" 10 || fail "no SSE stream for topic $1"
}

# Publishes data $2 to topic $1; the hub must answer 201.
publish()
{
    local status token
    # The installed hub wants a token to publish, signed with its generated [auth] secret.
    token="$(feedhubctl token --publish "$1" --ttl 60 --config "$FEEDHUB_CONFIG")" || fail "feedhubctl token failed"
    status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$HUB_PORT/publish" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"topic\":\"$1\",\"data\":\"$2\"}")"
    [ "$status" = 201 ] || fail "publish to $1 answered $status"
}
