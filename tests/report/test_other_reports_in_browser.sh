#!/usr/bin/env bash
# Reports of the other kinds of result file, rendered in headless Chromium: a forecast (a small
# ensemble run to 2028), a comparison (`hubsim compare` of two small scenarios with outcomes)
# and a calibration report (laid out as calibration/report.cpp writes it, made by
# make_calibration_report.py because a real calibration takes minutes).
# Usage: test_other_reports_in_browser.sh HUBSIM SRC
set -euo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check="/usr/bin/python3 $src/tests/report/check_report_in_browser.py"

scenario() {  # NAME EXTRA: a small scenario extending the baseline
  printf '[scenario]\nextends = "%s/scenarios/baseline.toml"\nname = "%s"\nscale = 0.003\nreplications = 3\n%s\n' \
    "$src" "$1" "$2" >"$work/$1.toml"
}
outcomes='[[outcomes]]
statistic = "download_share_cn_2025"
direction = "higher_is_better"
label = "CN-developed share of downloads in 2025"
[[outcomes]]
statistic = "models_total_2025"
direction = "higher_is_better"
label = "Models on the hub at the end of 2025"'

echo "--- forecast"
scenario forecast "end = 2028-12-31"
"$hubsim" run "$work/forecast.toml" --out "$work/forecast.h5" -q
"$hubsim" report "$work/forecast.h5" --out "$work/forecast.html" -q
grep -q 'hubsim forecast report' "$work/forecast.html"
$check "$work/forecast.html" --min-charts 16 --table forecast-table --section forecast --section statistics

echo "--- comparison"
scenario reference "end = 2025-12-31
$outcomes"
scenario longer-attention "end = 2025-12-31
[parameters]
attention.mean_weeks = 9.0
$outcomes"
"$hubsim" compare "$work/reference.toml" "$work/longer-attention.toml" --replications 4 --out "$work/compare.h5" -q
"$hubsim" report "$work/compare.h5" --out "$work/compare.html" -q
grep -q 'hubsim comparison report' "$work/compare.html"
$check "$work/compare.html" --min-charts 3 --table plain-language \
  --section outcomes --section differences --section robustness --section series

echo "--- calibration"
/usr/bin/python3 "$src/tests/report/make_calibration_report.py" "$work/calibration.h5"
"$hubsim" report "$work/calibration.h5" --out "$work/calibration.html" -q
grep -q 'hubsim calibration report' "$work/calibration.html"
$check "$work/calibration.html" --min-charts 5 --table statistics \
  --section targets --section posterior --section recovery
