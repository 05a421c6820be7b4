#!/usr/bin/env bash
# CLI checks of `hubsim run` and `hubsim version`: success paths, and bad input that must give
# exit code 2, a message naming the problem, and no output file. Usage: test_run_cli.sh HUBSIM SRC
set -uo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
output="$work/out.h5"  # what expect_error checks is not written
source "$src/tests/cli/cli_checks.sh"

small() {  # a small scenario extending the baseline, with extra TOML appended
  printf '[scenario]\nextends = "%s/scenarios/baseline.toml"\nname = "cli"\nscale = 0.002\nend = 2021-12-31\n%s\n' "$src" "$1" >"$work/$2"
}

"$hubsim" version | grep -qE '^hubsim [0-9]+\.[0-9]+\.[0-9]+' || fail "version"
"$hubsim" --help >/dev/null || fail "--help"
"$hubsim" run --help | grep -q -- '--replications' || fail "run --help"

small "" ok.toml
"$hubsim" run "$work/ok.toml" --out "$work/out.h5" --seed 7 --replications 2 --threads 2 -q || fail "small run"
[[ -s "$work/out.h5" ]] || fail "small run wrote no file"
ls "$work" | grep -q '\.tmp-' && fail "small run left a temporary file"

expect_error "no command" "subcommand" --
expect_error "missing scenario" "does not exist" -- run "$work/absent.toml" --out "$work/out.h5"
printf '[scenario\nname=1\n' >"$work/syntax.toml"
expect_error "TOML syntax" "syntax.toml:1.*not valid TOML" -- run "$work/syntax.toml" --out "$work/out.h5"
small "[parameters]
attention.mean_weks = 3" typo.toml
expect_error "unknown key" "parameters.attention.mean_weks.*did you mean 'attention.mean_weeks'" -- run "$work/typo.toml" --out "$work/out.h5"
small "[parameters]
attention.mean_weeks = -1" range.toml
expect_error "out of range" "attention.mean_weeks.*-1.*\[0.25, 520\]" -- run "$work/range.toml" --out "$work/out.h5"
: >"$work/empty.toml"
expect_error "empty file" "empty.toml.*scenario" -- run "$work/empty.toml" --out "$work/out.h5"
head -c 600 /dev/urandom >"$work/garbage.toml"
expect_error "binary garbage" "garbage.toml" -- run "$work/garbage.toml" --out "$work/out.h5"
expect_error "seed not a number" "seed" -- run "$work/ok.toml" --seed abc --out "$work/out.h5"
expect_error "negative seed" "seed" -- run "$work/ok.toml" --seed -5 --out "$work/out.h5"
expect_error "scale zero" "--scale.*\(0, 4\]" -- run "$work/ok.toml" --scale 0 --out "$work/out.h5"
expect_error "scale nan" "scale" -- run "$work/ok.toml" --scale nan --out "$work/out.h5"
expect_error "threads zero" "--threads" -- run "$work/ok.toml" --threads 0 --out "$work/out.h5"
expect_error "replications zero" "--replications" -- run "$work/ok.toml" --replications 0 --out "$work/out.h5"
expect_error "output directory missing" "--out.*no/such/dir" -- run "$work/ok.toml" --out "$work/no/such/dir/out.h5"
expect_error "unknown option" "--frobnicate" -- run "$work/ok.toml" --frobnicate
expect_error "missing targets file" "absent-targets.toml" -- run "$work/ok.toml" --targets "$work/absent-targets.toml" --out "$work/out.h5"
expect_error "model limit zero" "--max-models.*= 0.*from 1 to 1e15" -- run "$work/ok.toml" --max-models 0 --out "$work/out.h5"
expect_error "model limit nan" "--max-models" -- run "$work/ok.toml" --max-models nan --out "$work/out.h5"

# A hub growing past --max-models stops the command with exit code 3, a message naming the
# member, its draw and the step, and no output; a limit above the hub's size changes nothing.
rm -f "$work/out.h5"
"$hubsim" run "$work/ok.toml" --replications 2 --max-models 20000 --out "$work/out.h5" >"$work/stdout" 2>"$work/stderr"
rc=$?
[[ $rc -eq 3 ]] || fail "model limit: exit code $rc, expected 3"
grep -qE "stopped: scenario 'cli', member [01] \(draw [01], posterior sample [0-9]+; [a-z_]+\.[a-z_0-9]+ = .*grew past 20000 models \(full scale\) in the step of 20[0-9-]+" "$work/stderr" ||
  fail "model limit: message $(head -c 300 "$work/stderr")"
[[ ! -e "$work/out.h5" ]] || fail "model limit: an output was written"
"$hubsim" run "$work/ok.toml" --seed 7 --replications 2 --max-models 1e9 --out "$work/limited.h5" -q || fail "run under a high model limit"
"$hubsim" run "$work/ok.toml" --seed 7 --replications 2 --out "$work/unlimited.h5" -q || fail "run without a limit"
/usr/bin/python3 - "$work/limited.h5" "$work/unlimited.h5" <<'PY' || fail "a model limit the hub stays under changed the statistics"
import sys, h5py, numpy as np
a, b = (h5py.File(f, "r") for f in sys.argv[1:])
keys = sorted(a["stats"].keys())
assert keys == sorted(b["stats"].keys()) and keys
for k in keys:
    assert np.array_equal(a["stats"][k][()], b["stats"][k][()], equal_nan=True), k
PY

# A failing run must not touch an existing output.
echo "previous" >"$work/out.h5"
"$hubsim" run "$work/typo.toml" --out "$work/out.h5" >/dev/null 2>&1
[[ "$(cat "$work/out.h5")" == "previous" ]] || fail "a failed run replaced the existing output"

[[ $failures -eq 0 ]] && echo "all CLI checks passed"
exit $((failures > 0))
