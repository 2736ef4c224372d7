#!/bin/bash
# The plugin SDK as a feed author uses it: with only the installed feedhub and
# feedhub-dev packages, build the example feed out of tree with a CMakeLists of
# a few lines, drop it into the plugin folder, enable it in hub.ini, reload the
# running daemon with SIGHUP and see the new feed's events arrive.
#
#   sdk-test.sh PACKAGE_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
begin_package_test
plugin=/usr/lib/feedhub/plugins/sdk_clock.so
LEFT_BEHIND=("$plugin")
dpkg -i "$1"/feedhub_*.deb "$1"/feedhub-dev_*.deb >/dev/null

echo "== build the example feed against the installed SDK"
mkdir "$WORK/feed"
cp /usr/share/feedhub/examples/example-feed/*.cpp "$WORK/feed/"
cat >"$WORK/feed/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(sdk_clock LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(Feedhub REQUIRED)
feedhub_add_feed(sdk_clock SOURCES ClockFeed.cpp)
CMAKE
(cd "$WORK/feed" && cmake -S . -B build >"$WORK/cmake.log" 2>&1 && cmake --build build >>"$WORK/cmake.log" 2>&1) || {
    cat "$WORK/cmake.log"
    fail "the example feed does not build against the installed SDK"
}
grep -q "^Feedhub_DIR:PATH=/usr/lib/.*/cmake/Feedhub$" "$WORK/feed/build/CMakeCache.txt" ||
    fail "find_package(Feedhub) did not take the installed SDK"
install -m 0644 "$WORK/feed/build/sdk_clock.so" "$plugin"

echo "== run the installed hub, then enable the new feed and reload"
sed -i 's/^port = .*/port = 0/' "$FEEDHUB_CONFIG"
start_installed_hub "$WORK/hub.log"
subscribe sdk.clock "$WORK/events"
cat >>"$FEEDHUB_CONFIG" <<'INI'

[feed.sdk_clock]
topic = sdk.clock
interval_ms = 100
INI
sed -i '/^\[feeds\]/,/^\[/ s/^enabled *=\(.*\)$/enabled =\1, sdk_clock/' "$FEEDHUB_CONFIG"
grep -q '^enabled =.*, sdk_clock$' "$FEEDHUB_CONFIG" || fail "hub.ini has no [feeds] enabled line to extend"
kill -HUP "$HUB_PID"
wait_for_text "$WORK/events" "event: tick" 15 || {
    cat "$WORK/hub.log"
    fail "no event from the feed built with the SDK"
}
kill -0 "$HUB_PID" || fail "the daemon died on SIGHUP"
stop_installed_hub
echo "SDK test passed"
