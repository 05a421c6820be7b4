#!/usr/bin/env bash
# CLI checks of ensembles and `hubsim compare`: a run with replications > 1 writes /summary (the
# median and bands of every series and statistic, equal to numpy's quantiles) and /members and
# prints its outcomes with bands; comparing a scenario with itself gives differences of exactly
# zero in the file and on the terminal, and the robustness view is printed and stored; bad input
# gives exit code 2, a message naming the problem, and no output.
# Usage: test_compare_cli.sh HUBSIM SRC
set -uo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
output="$work/out.h5"  # what expect_error checks is not written
source "$src/tests/cli/cli_checks.sh"

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

"$hubsim" run "$work/a.toml" --out "$work/run.h5" >"$work/run-stdout" 2>"$work/stderr" ||
  fail "ensemble run: $(head -c 300 "$work/stderr")"
grep -qE "US-developed share of US downloads in 2022: [0-9.]+% \[[0-9.]+%\.\.[0-9.]+%\] \[[0-9.]+%\.\.[0-9.]+%\]" \
  "$work/run-stdout" || fail "forecast outcome with bands: $(tail -5 "$work/run-stdout")"
"$hubsim" compare "$work/a.toml" "$work/b.toml" --out "$work/cmp.h5" --replications 3 >"$work/stdout" 2>"$work/stderr" ||
  fail "compare: $(head -c 300 "$work/stderr")"
grep -q "US-developed share of US downloads in 2022: .* -> .* (+0.00 pts, 90% band +0.00..+0.00" "$work/stdout" ||
  fail "terminal table: $(cat "$work/stdout")"
# The robustness view: a header, then per scenario mean, sd, mean and max regret (0 here).
grep -q "^Robustness of each scenario as a lever" "$work/stdout" || fail "robustness view printed"
grep -qE "^  cmp-b +[0-9.]+% +[0-9.]+ pts +0\.00 pts +0\.00 pts +50%$" "$work/stdout" ||
  fail "robustness row: $(grep -A4 '^Robustness' "$work/stdout")"
# The same file twice is a comparison of identical scenarios too.
"$hubsim" compare "$work/a.toml" "$work/a.toml" --out "$work/same.h5" -r 2 -q ||
  fail "compare a file with itself"
/usr/bin/python3 - "$work/run.h5" "$work/cmp.h5" "$work/same.h5" <<'PY' || fail "file contents"
import sys
import h5py
import numpy as np

run, cmp, same = h5py.File(sys.argv[1]), h5py.File(sys.argv[2]), h5py.File(sys.argv[3])
def need(ok, what):
    if not ok:
        sys.exit("missing or wrong: " + what)
s = run["summary"]
quantiles = [0.05, 0.25, 0.5, 0.75, 0.95]
need(list(s["series/quantile"][()]) == quantiles, "summary quantile scale")
need(s["series/new_downloads"].shape == (5, run["series/week"].shape[0]), "summary series shape")
need(s["stats/home_share_us_2022"].shape == (5,), "summary statistic")
q = s["stats/home_share_us_2022"][()]
need(np.all(np.diff(q) >= 0), "quantiles ordered")
# Every series and every statistic has its median and bands, equal to numpy's quantiles over
# the replications (members) stored beside them.
for name, d in run["series"].items():
    if d.ndim < 2:  # the dimension scales
        continue
    need(name in s["series"], "summary of series " + name)
    want = np.nanquantile(d[()], quantiles, axis=0)
    need(s["series"][name].shape == want.shape, "summary shape of " + name)
    need(np.allclose(s["series"][name][()], want, rtol=1e-12, atol=0), "summary values of " + name)
for key, d in run["stats"].items():
    if key == "replication":
        continue
    need(key in s["stats"], "summary of statistic " + key)
    v = d[()]
    if np.isfinite(v).any():
        need(np.allclose(s["stats"][key][()], np.nanquantile(v, quantiles), rtol=1e-12, atol=0),
             "summary values of " + key)
# Per member: the baseline's posterior parameters, attention.mean_weeks from the range instead.
names = [n.decode() for n in run["members/parameter"][()]]
need(names.count("attention.mean_weeks") == 1 and len(names) > 1, "drawn parameter names")
need(run["members/parameter_values"].shape == (3, len(names)), "drawn parameters per member")
need(min(run["members/posterior_sample"][()]) >= 0, "members draw posterior samples")
mean_weeks = run["members/parameter_values"][:, names.index("attention.mean_weeks")]
need(len(set(mean_weeks)) == 3 and all(4.0 <= v <= 8.0 for v in mean_weeks), "members draw the range")
o = cmp["outcomes"]
need(o["value"].shape == (1, 2, 3), "outcome values (outcome, scenario, member)")
need(np.all(o["difference"][()] == 0.0), "identical scenarios differ by exactly zero")
need(np.all(o["value"][0, 0] == o["value"][0, 1]), "identical values")
need(cmp["robustness/mean_regret"].shape == (1, 2), "robustness")
need([n.decode() if isinstance(n, bytes) else n for n in o["scenario"][()]] == ["cmp-a", "cmp-b"], "scenario scale")
need("scenarios/1/summary/stats" in cmp and "scenarios/0/series/new_downloads" in cmp, "scenario groups")
for name in ["mean", "sd", "mean_regret", "max_regret", "best_share"]:
    need(cmp["robustness"][name].shape == (1, 2), "robustness/" + name)
need(np.all(cmp["robustness/mean_regret"][()] == 0.0), "no regret between identical scenarios")
need(np.all(same["outcomes/difference"][()] == 0.0), "a file compared with itself differs by 0")
PY

expect_error "one scenario" "at least two" -- compare "$work/a.toml" --out "$work/out.h5"
expect_error "missing scenario" "does not exist" -- compare "$work/a.toml" "$work/absent.toml" --out "$work/out.h5"
expect_error "no --out" "--out" -- compare "$work/a.toml" "$work/b.toml"
expect_error "replications zero" "--replications" -- compare "$work/a.toml" "$work/b.toml" -r 0 --out "$work/out.h5"
"$hubsim" compare "$work/a.toml" "$work/b.toml" --max-models 1000 --out "$work/out.h5" >/dev/null 2>"$work/stderr"
rc=$?
[[ $rc -eq 3 ]] && grep -qE "stopped: scenario 'cmp-[ab]', member [0-2]" "$work/stderr" && [[ ! -e "$work/out.h5" ]] ||
  fail "compare past --max-models: exit code $rc, $(head -c 200 "$work/stderr")"
expect_error "model limit negative" "--max-models.*from 1 to 1e15" -- compare "$work/a.toml" "$work/b.toml" --max-models -5 --out "$work/out.h5"
expect_error "replications not a number" "--replications" -- compare "$work/a.toml" "$work/b.toml" -r many --out "$work/out.h5"
expect_error "scale zero" "--scale" -- compare "$work/a.toml" "$work/b.toml" --scale 0 --out "$work/out.h5"
expect_error "threads zero" "--threads" -- compare "$work/a.toml" "$work/b.toml" --threads 0 --out "$work/out.h5"
expect_error "negative seed" "--seed" -- compare "$work/a.toml" "$work/b.toml" --seed -1 --out "$work/out.h5"
expect_error "output directory missing" "does not exist" -- compare "$work/a.toml" "$work/b.toml" --out "$work/absent/out.h5"
expect_error "output overwrites an input" "input" -- compare "$work/a.toml" "$work/b.toml" --out "$work/b.toml"
[[ -s "$work/b.toml" ]] || fail "output overwrites an input: the input was touched"
printf '[scenario\nname = "broken"\n' >"$work/broken.toml"
expect_error "malformed scenario" "broken.toml" -- compare "$work/a.toml" "$work/broken.toml" --out "$work/out.h5"
sed -e 's/name = "cmp-a"/name = "short"/' -e 's/end = 2022-12-31/end = 2021-12-31/' \
  -e 's/home_share_us_2022/home_share_us_2021/' -e 's/in 2022/in 2021/' "$work/a.toml" >"$work/short.toml"
expect_error "outcome outside a window" "short.toml.*home_share_us_2022.*2020-2021" -- compare "$work/a.toml" "$work/short.toml" --out "$work/out.h5"
sed 's/higher_is_better/lower_is_better/' "$work/b.toml" >"$work/c.toml"
expect_error "conflicting directions" "c.toml.*higher_is_better" -- compare "$work/a.toml" "$work/c.toml" --out "$work/out.h5"
sed 's#\[uncertainty.ranges\]#[uncertainty]\nposterior = "absent-posterior.toml"\n[uncertainty.ranges]#' "$work/a.toml" >"$work/p.toml"
expect_error "missing posterior" "p.toml.*uncertainty.posterior.*does not exist" -- run "$work/p.toml" --out "$work/out.h5"

[[ $failures -eq 0 ]] || exit 1
echo "ok"
