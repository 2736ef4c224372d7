#!/bin/bash
# The plugin SDK as a new feed author uses it: with only the installed feedhub
# and feedhub-dev packages, follow the README's recipe (copy the example,
# rename it, build it with no build type given, run its test, cmake --install
# it to /usr/local/lib/feedhub/plugins), enable it in hub.ini, reload the
# running daemon with SIGHUP, see the new feed's events arrive and its route
# answer; then purge the packages, which must leave the plugin alone.
#
#   sdk-test.sh PACKAGE_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
begin_package_test
plugin=/usr/local/lib/feedhub/plugins/counter.so
LEFT_BEHIND=("$plugin")
dpkg -i "$1"/feedhub_*.deb "$1"/feedhub-dev_*.deb >/dev/null

echo "== the README's recipe: copy, rename, build, test, install"
build_log="$WORK/build.log"
(
    cd "$WORK"
    cp -r /usr/share/feedhub/examples/example-feed counter && cd counter
    for f in Clock*; do mv "$f" "Counter${f#Clock}"; done
    sed -i -e 's/example/counter/g' -e 's/Clock/Counter/g' -e 's/clock/counter/g' -- *
    cmake -S . -B build && cmake --build build && ctest --test-dir build --output-on-failure
    cmake --install build
) >"$build_log" 2>&1 || {
    cat "$build_log"
    fail "the renamed example does not build, pass its test or install against the installed SDK"
}
cache="$WORK/counter/build/CMakeCache.txt"
grep -q "^Feedhub_DIR:PATH=/usr/lib/.*/cmake/Feedhub$" "$cache" || fail "find_package(Feedhub) did not take the installed SDK"
grep -q "^CMAKE_BUILD_TYPE:STRING=RelWithDebInfo$" "$cache" || fail "the SDK gave no default build type"
! grep -rq "ClockFeed\|namespace example" "$WORK/counter"/*.h "$WORK/counter"/*.cpp || fail "the recipe left the example's names"
[ -f "$plugin" ] || fail "cmake --install did not put the plugin in /usr/local/lib/feedhub/plugins"
! dpkg -S "$plugin" >/dev/null 2>&1 || fail "dpkg claims $plugin"

echo "== run the installed hub, then enable the new feed and reload"
sed -i 's/^port = .*/port = 0/' "$FEEDHUB_CONFIG"
start_installed_hub "$WORK/hub.log"
subscribe sdk.counter "$WORK/events"
cat >>"$FEEDHUB_CONFIG" <<'INI'

[feed.counter]
topic = sdk.counter
interval_ms = 100
INI
sed -i '/^\[feeds\]/,/^\[/ s/^enabled *=\(.*\)$/enabled =\1, counter/' "$FEEDHUB_CONFIG"
grep -q '^enabled =.*, counter$' "$FEEDHUB_CONFIG" || fail "hub.ini has no [feeds] enabled line to extend"
kill -HUP "$HUB_PID"
wait_for_text "$WORK/events" "event: tick" 15 || {
    cat "$WORK/hub.log"
    fail "no event from the feed built with the SDK"
}
grep -q "feed counter started: counter (counter) from $plugin" "$WORK/hub.log" ||
    fail "the hub did not load the plugin from /usr/local/lib/feedhub/plugins"
answer="$(curl -s "http://127.0.0.1:$HUB_PORT/api/counter")"
[[ "$answer" =~ ^\{\"count\":[1-9][0-9]*,\"time\":\"[0-9T:.-]+Z\"\}$ ]] || fail "GET /api/counter answered '$answer'"
status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HUB_PORT/api/counter?typo=1")"
[ "$status" = 400 ] || fail "GET /api/counter?typo=1 answered $status, want 400"
kill -0 "$HUB_PID" || fail "the daemon died on SIGHUP"
kill "$STREAM_PID"
STREAM_PID=""
stop_installed_hub

echo "== purge leaves the plugin of one's own alone"
dpkg --purge feedhub-dev feedhub >"$WORK/purge.log" 2>&1 || {
    cat "$WORK/purge.log"
    fail "purge failed"
}
! grep -qi "warning" "$WORK/purge.log" || {
    cat "$WORK/purge.log"
    fail "purge warns"
}
[ -f "$plugin" ] || fail "purging the packages removed $plugin"
[ ! -e /usr/lib/feedhub ] || fail "/usr/lib/feedhub is still there after purge"
echo "SDK test passed"
