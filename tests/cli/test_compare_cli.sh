#!/usr/bin/env bash
# CLI checks of ensembles and `hubsim compare`: a run with replications > 1 writes /summary and
# /members; comparing a scenario with itself gives differences of exactly zero in the file and
# on the terminal; bad input gives exit code 2 and no output. Usage: test_compare_cli.sh HUBSIM SRC
set -uo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat >"$work/a.toml" <<TOML
[scenario]
extends = "$src/scenarios/baseline.toml"
name = "cmp-a"
scale = 0.002
end = 2022-12-31
replications = 3
[uncertainty.ranges]
attention.mean_weeks = [4.0, 8.0]
[[outcomes]]
statistic = "home_share_us_2022"
direction = "higher_is_better"
label = "US-developed share of US downloads in 2022"
TOML
sed 's/name = "cmp-a"/name = "cmp-b"/' "$work/a.toml" >"$work/b.toml"

"$hubsim" run "$work/a.toml" --out "$work/run.h5" -q || fail "ensemble run"
"$hubsim" compare "$work/a.toml" "$work/b.toml" --out "$work/cmp.h5" --replications 3 >"$work/stdout" 2>"$work/stderr" ||
  fail "compare: $(head -c 300 "$work/stderr")"
grep -q "US-developed share of US downloads in 2022: .* -> .* (+0.00 pts, 90% band +0.00..+0.00" "$work/stdout" ||
  fail "terminal table: $(cat "$work/stdout")"
/usr/bin/python3 - "$work/run.h5" "$work/cmp.h5" <<'PY' || fail "file contents"
import sys
import h5py
import numpy as np

run, cmp = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
def need(ok, what):
    if not ok:
        sys.exit("missing or wrong: " + what)
s = run["summary"]
need(list(s["series/quantile"][()]) == [0.05, 0.25, 0.5, 0.75, 0.95], "summary quantile scale")
need(s["series/new_downloads"].shape == (5, run["series/week"].shape[0]), "summary series shape")
need(s["stats/home_share_us_2022"].shape == (5,), "summary statistic")
q = s["stats/home_share_us_2022"][()]
need(np.all(np.diff(q) >= 0), "quantiles ordered")
need(run["members/parameter_values"].shape == (3, 1), "drawn parameters per member")
need(len(set(run["members/parameter_values"][:, 0])) == 3, "members draw different values")
o = cmp["outcomes"]
need(o["value"].shape == (1, 2, 3), "outcome values (outcome, scenario, member)")
need(np.all(o["difference"][()] == 0.0), "identical scenarios differ by exactly zero")
need(np.all(o["value"][0, 0] == o["value"][0, 1]), "identical values")
need(cmp["robustness/mean_regret"].shape == (1, 2), "robustness")
need([n.decode() if isinstance(n, bytes) else n for n in o["scenario"][()]] == ["cmp-a", "cmp-b"], "scenario scale")
need("scenarios/1/summary/stats" in cmp and "scenarios/0/series/new_downloads" in cmp, "scenario groups")
PY

# expect_error NAME PATTERN -- ARGS...: exit 2, stderr matching PATTERN, no output file.
expect_error() {
  local name=$1 pattern=$2
  shift 3
  rm -f "$work/out.h5"
  "$hubsim" "$@" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  [[ $rc -eq 2 ]] || fail "$name: exit code $rc, expected 2 ($(head -c 300 "$work/stderr"))"
  grep -qE -- "$pattern" "$work/stderr" || fail "$name: message does not match '$pattern': $(head -c 300 "$work/stderr")"
  [[ ! -e "$work/out.h5" ]] || fail "$name: an output file was created"
}
expect_error "one scenario" "at least two" -- compare "$work/a.toml" --out "$work/out.h5"
expect_error "missing scenario" "does not exist" -- compare "$work/a.toml" "$work/absent.toml" --out "$work/out.h5"
expect_error "no --out" "--out" -- compare "$work/a.toml" "$work/b.toml"
expect_error "replications zero" "--replications" -- compare "$work/a.toml" "$work/b.toml" -r 0 --out "$work/out.h5"
sed 's/higher_is_better/lower_is_better/' "$work/b.toml" >"$work/c.toml"
expect_error "conflicting directions" "c.toml.*higher_is_better" -- compare "$work/a.toml" "$work/c.toml" --out "$work/out.h5"
sed 's#\[uncertainty.ranges\]#[uncertainty]\nposterior = "absent-posterior.toml"\n[uncertainty.ranges]#' "$work/a.toml" >"$work/p.toml"
expect_error "missing posterior" "p.toml.*uncertainty.posterior.*does not exist" -- run "$work/p.toml" --out "$work/out.h5"

[[ $failures -eq 0 ]] || exit 1
echo "ok"
