#!/bin/bash
# The SDK boundary, checked on the built packages without installing them:
# feedhub-dev installs exactly the plugin API's headers, each self-contained
# and including nothing but the API, Poco and the standard library; and
# libfeedhub exports only the API's classes (named after those headers), none
# of the hub's internals (EventLoop, InProcessBus, Hub, Outbox...).
#
#   boundary-test.sh PACKAGE_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -x "$(ls "$1"/feedhub_*.deb)" "$WORK/root"
dpkg-deb -x "$(ls "$1"/feedhub-dev_*.deb)" "$WORK/root"
include="$WORK/root/usr/include/feedhub"

echo "== installed headers"
expected="Event.h Export.h Feed.h FeedContext.h FeedState.h Feedhub.h HttpError.h HttpRequest.h HttpResponse.h IsoTime.h
JsonText.h LongPollWaiter.h PluginApi.h Publication.h PublishIntake.h Publisher.h Reply.h RouteHandler.h SubscriberGreeting.h
TopicName.h"
installed="$(cd "$include" && find . -type f -printf '%P\n' | sort)"
diff <(tr -s ' \n' '\n' <<<"$expected" | sort) <(echo "$installed") ||
    fail "feedhub-dev installs other headers than the plugin API's (< expected, > installed)"
if grep -H '#include "' "$include"/*.h | grep -v '#include "\(feedhub\|Poco\)/'; then
    fail "an installed header includes a header that is not installed"
fi
for header in "$include"/*.h; do
    echo "#include \"feedhub/$(basename "$header")\"" |
        g++ -std=c++17 -fsyntax-only -I"$WORK/root/usr/include" -x c++ - ||
        fail "feedhub/$(basename "$header") does not compile on its own"
done

echo "== symbols libfeedhub exports"
library="$(ls "$WORK"/root/usr/lib/feedhub/libfeedhub.so.*.*)"
nm -D --defined-only "$library" | c++filt >"$WORK/exports"
echo "$(wc -l <"$WORK/exports") exported symbols"
# Every feedhub:: name in an exported symbol must be a public class, one per
# installed header; anything else is an internal let out.
public="$(cd "$include" && ls -- *.h | sed 's/\.h$//' | paste -sd'|')"
grep -o 'feedhub::[A-Za-z_][A-Za-z0-9_]*' "$WORK/exports" | sort -u >"$WORK/classes"
if grep -Ev "^feedhub::($public)$" "$WORK/classes"; then
    fail "libfeedhub exports internal classes (listed above)"
fi
for internal in EventLoop InProcessBus Hub Outbox DeadlineQueue RequestReader HubSettings FeedHost; do
    ! grep -q "feedhub::$internal\b" "$WORK/exports" || fail "libfeedhub exports feedhub::$internal"
done
grep -q "vtable for feedhub::RouteHandler" "$WORK/exports" || fail "libfeedhub does not export the API"
echo "exported feedhub classes: $(paste -sd' ' "$WORK/classes")"
echo "SDK boundary test passed"
