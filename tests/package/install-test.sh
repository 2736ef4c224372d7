#!/bin/bash
# Installs the feedhub .deb with dpkg, checks what the maintainer scripts set
# up, runs the installed daemon as the unit would and sends an event through
# it, reinstalls over an edited hub.ini, then purges and checks nothing is left.
#
#   install-test.sh PACKAGE_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
begin_package_test
package="$(ls "$1"/feedhub_*.deb)"

echo "== first install"
installed="$(dpkg -i "$package" 2>&1)"
if [ ! -d /run/systemd/system ]; then
    grep -q "systemd is not running, so the feedhub service is enabled but was not started" <<<"$installed" ||
        fail "the install does not say the service was not started: $installed"
    grep -q "runuser -u feedhub -- /usr/bin/feedhub --config $FEEDHUB_CONFIG\$" <<<"$installed" ||
        fail "the install does not say how to run the hub: $installed"
fi
getent passwd feedhub >/dev/null || fail "no feedhub user"
getent group feedhub >/dev/null || fail "no feedhub group"
[ "$(stat -c '%U:%G %a' "$FEEDHUB_CONFIG")" = "root:feedhub 640" ] ||
    fail "hub.ini is $(stat -c '%U:%G %a' "$FEEDHUB_CONFIG"), want root:feedhub 640"
[ "$(stat -c '%U:%G' /var/lib/feedhub)" = "feedhub:feedhub" ] || fail "/var/lib/feedhub is not feedhub's"
dpkg-query -W -f='${Conffiles}' feedhub | grep -q "^ $FEEDHUB_CONFIG " || fail "hub.ini is not a conffile"
[ -L /etc/systemd/system/multi-user.target.wants/feedhub.service ] || fail "the unit was not enabled"
for file in /usr/bin/feedhub /usr/bin/feedhubctl /usr/share/doc/feedhub/copyright /usr/share/doc/feedhub/changelog.gz \
    /usr/share/man/man8/feedhub.8.gz /usr/lib/feedhub/plugins/stock.so /usr/share/feedhub/web/index.html; do
    [ -e "$file" ] || fail "$file is missing"
done
token="$(sed -n '/^\[feed\.task_status\]/,/^\[/ s/^token = //p' "$FEEDHUB_CONFIG")"
[[ "$token" =~ ^[0-9a-f]{64}$ ]] || fail "no random task-status token in hub.ini: '$token'"
secret="$(sed -n '/^\[auth\]/,/^\[/ s/^secret = //p' "$FEEDHUB_CONFIG")"
[[ "$secret" =~ ^[0-9a-f]{64}$ ]] || fail "no random [auth] secret in hub.ini"
notify_token="$(sed -n '/^\[feed\.notifications\]/,/^\[/ s/^token = //p' "$FEEDHUB_CONFIG")"
[[ "$notify_token" =~ ^[0-9a-f]{64}$ ]] || fail "no random notifications token in hub.ini"

echo "== systemd unit"
verify="$(systemd-analyze verify "$FEEDHUB_UNIT" 2>&1)" || fail "systemd-analyze verify: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify warns: $verify"
exposure="$(systemd-analyze security --offline=true "$FEEDHUB_UNIT" 2>&1 |
    sed -n 's/.*Overall exposure level for feedhub.service: \([0-9.]*\).*/\1/p')"
echo "exposure $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.0) }' || fail "exposure '$exposure' is above 2.0"

echo "== the installed daemon as the unit runs it"
sed -i -e 's/^port = .*/port = 0/' -e '1i ; edited by the package test' "$FEEDHUB_CONFIG"
start_installed_hub "$WORK/hub.log"
[ "$(ps -o user= -p "$HUB_PID")" = feedhub ] || fail "the daemon does not run as feedhub"
subscribe package-test "$WORK/events"
publish package-test "delivered by the installed hub"
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$HUB_PORT/publish" -d 'topic=t&data=x')"
[ "$status" = 401 ] || fail "a publish without a token answered $status"
wait_for_text "$WORK/events" "data: delivered by the installed hub" 10 || fail "the event did not arrive"
update="http://127.0.0.1:$HUB_PORT/update-status"
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$update" -H 'Content-Type: application/json' -d '{"status":"running"}')"
[ "$status" = 401 ] || fail "an update without the token answered $status"
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$update" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"status":"running"}')"
[ "$status" = 200 ] || fail "an update with the generated token answered $status"
[ "$(stat -c '%U' /var/lib/feedhub/feeds/task_status.db)" = feedhub ] || fail "no task status feed state in /var/lib/feedhub/feeds"
kill "$STREAM_PID"
STREAM_PID=""
stop_installed_hub

echo "== reinstall over the edited hub.ini"
checksum="$(sha256sum "$FEEDHUB_CONFIG")"
dpkg -i "$package" >/dev/null
[ "$(sha256sum "$FEEDHUB_CONFIG")" = "$checksum" ] || fail "reinstalling changed the edited hub.ini"
[ "$(stat -c '%U:%G %a' "$FEEDHUB_CONFIG")" = "root:feedhub 640" ] || fail "reinstalling changed hub.ini's mode"
start_installed_hub "$WORK/hub2.log"
subscribe package-test "$WORK/events2"
publish package-test "after the reinstall"
wait_for_text "$WORK/events2" "data: after the reinstall" 10 || fail "no event after the reinstall"
kill "$STREAM_PID"
STREAM_PID=""
stop_installed_hub

echo "== remove keeps configuration, state and user; purge deletes them"
dpkg -r feedhub >/dev/null
[ -f "$FEEDHUB_CONFIG" ] || fail "remove deleted hub.ini"
getent passwd feedhub >/dev/null || fail "remove deleted the user"
dpkg --purge feedhub >/dev/null
for path in /etc/feedhub /var/lib/feedhub /usr/lib/feedhub /etc/systemd/system/multi-user.target.wants/feedhub.service; do
    [ ! -e "$path" ] || fail "$path is still there after purge"
done
! getent passwd feedhub >/dev/null || fail "the feedhub user is still there after purge"
! getent group feedhub >/dev/null || fail "the feedhub group is still there after purge"
! dpkg-statoverride --list "$FEEDHUB_CONFIG" >/dev/null || fail "hub.ini's statoverride is still there"
echo "package install test passed"
