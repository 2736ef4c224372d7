#!/bin/bash
# lintian on both packages: no error and no warning.
#
#   lintian-test.sh PACKAGE_DIR
set -euo pipefail
report="$(lintian --fail-on error,warning "$1"/feedhub_*.deb "$1"/feedhub-dev_*.deb 2>&1)" || {
    echo "$report"
    echo "FAIL: lintian reports errors or warnings" >&2
    exit 1
}
echo "$report"
if grep -E '^[EW]: ' <<<"$report"; then
    echo "FAIL: lintian reports errors or warnings" >&2
    exit 1
fi
echo "lintian: 0 errors, 0 warnings"
