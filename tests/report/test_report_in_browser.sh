#!/usr/bin/env bash
# Renders the report of a small run with `hubsim report` and opens it in headless Chromium:
# every chart must load and show data, the statistics table must be there. Then shows that the
# browser check catches a broken image and a blank chart.
# Usage: test_report_in_browser.sh HUBSIM SRC RUN.h5
set -euo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
run=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check="/usr/bin/python3 $src/tests/report/check_report_in_browser.py"

"$hubsim" report "$run" --out "$work/run.html" -q
$check "$work/run.html" --min-charts 12 --table statistics \
  --section growth --section shares --section concentration --section attention \
  --section derivatives --section sizes --section datasets --section statistics

/usr/bin/python3 "$src/tests/report/make_broken_page.py" "$work/broken.html"
$check "$work/broken.html" --expect-failure
