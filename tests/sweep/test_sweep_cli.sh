#!/usr/bin/env bash
# Command-line tests of `hubsim sweep` and `hubsim merge` with real processes:
#   - 1 process x 1 thread, 2 threads, 1 MPI rank and 2 MPI ranks give identical files;
#   - shards (one of them on 2 MPI ranks) merge into the same file;
#   - a sweep killed with SIGKILL (the only process, one of two MPI ranks, or both ranks and
#     mpirun) and started again with --resume ends with the same file, also after a torn journal
#     record, and runs only the experiments that were not journaled;
#   - bad input (command line, sweep files, design tables) exits with code 2 and leaves no
#     output.
# "Identical" means every dataset and attribute except timings and how the file was made
# (tests/sweep/compare_sweep_files.py).
# Usage: test_sweep_cli.sh HUBSIM SOURCE_DIR
set -euo pipefail
hubsim=$1
src=$2
py=/usr/bin/python3
data="$src/tests/sweep/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun=(mpirun --oversubscribe --allow-run-as-root)
export OMPI_MCA_btl_vader_single_copy_mechanism=none  # containers often forbid CMA

step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
same() { "$py" "$src/tests/sweep/compare_sweep_files.py" "$1" "$2" || fail "$1 differs from $2"; }
records() { "$py" "$src/tests/sweep/journal_records.py" "$1"; }
# Waits until the journal $1 holds at least $2 results (or the process $3 has ended).
wait_records() {
  for _ in $(seq 1 3000); do
    [[ $(records "$1") -ge $2 ]] && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}
expect_exit() {  # expect_exit CODE command...
  local want=$1
  shift
  set +e
  "$@" >"$work/out.txt" 2>"$work/err.txt"
  local got=$?
  set -e
  [[ $got -eq $want ]] || { cat "$work/err.txt" >&2; fail "exit $got, wanted $want: $*"; }
}

small="$data/saltelli-small.toml"
step "reference: one process, one thread"
"$hubsim" sweep "$small" --out "$work/ref.h5" --threads 1 -q
step "two threads"
"$hubsim" sweep "$small" --out "$work/t2.h5" --threads 2 -q
same "$work/ref.h5" "$work/t2.h5"
step "one MPI rank"
"${mpirun[@]}" -np 1 "$hubsim" sweep "$small" --out "$work/r1.h5" --threads 1 -q
same "$work/ref.h5" "$work/r1.h5"
step "two MPI ranks"
"${mpirun[@]}" -np 2 "$hubsim" sweep "$small" --out "$work/r2.h5" --threads 1 -q
same "$work/ref.h5" "$work/r2.h5"
[[ $("$py" -c "import h5py; print(h5py.File('$work/r2.h5')['/'].attrs['ranks'])") == 2 ]] || fail "ranks attribute"

step "three shards (one on two MPI ranks) and merge"
"$hubsim" sweep "$small" --out "$work/s0.h5" --shard 0/3 --threads 1 -q
"${mpirun[@]}" -np 2 "$hubsim" sweep "$small" --out "$work/s1.h5" --shard 1/3 --threads 1 -q
"$hubsim" sweep "$small" --out "$work/s2.h5" --shard 2/3 --threads 2 -q
"$hubsim" merge "$work/s2.h5" "$work/s0.h5" "$work/s1.h5" --out "$work/merged.h5" -q
same "$work/ref.h5" "$work/merged.h5"

step "a model limit fails the experiments whose hub passes it, and the sweep goes on"
expect_exit 0 "$hubsim" sweep "$small" --out "$work/limit.h5" --threads 2 --max-models 1000
grep -q "failed 16" "$work/out.txt" || { cat "$work/out.txt"; fail "the 16 experiments did not fail"; }
"$py" - "$work/limit.h5" <<'EOF_PY' || fail "failed experiments are not recorded with the limit"
import sys, h5py
f = h5py.File(sys.argv[1], "r")
assert list(f["runs/status"][()]) == [1] * 16, f["runs/status"][()]
errors = [e.decode() if isinstance(e, bytes) else e for e in f["runs/error"][()]]
assert all("grew past 1000 models" in e for e in errors), errors[:2]
EOF_PY
step "an unreached model limit changes no result"
expect_exit 0 "$hubsim" sweep "$small" --out "$work/high.h5" --threads 2 --max-models 1e12 -q
"$py" - "$work/ref.h5" "$work/high.h5" <<'EOF_PY' || fail "an unreached limit changed the outcomes"
import sys, h5py, numpy as np
a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
assert list(b["runs/status"][()]) == [0] * 16
for key in a["outcomes"]:
    assert np.array_equal(a["outcomes"][key][()], b["outcomes"][key][()], equal_nan=True), key
assert a.attrs["fingerprint"] != b.attrs["fingerprint"]  # the limit is part of what was run
EOF_PY
expect_exit 2 "$hubsim" sweep "$small" --out "$work/bad.h5" --max-models 0
grep -q -- "--max-models" "$work/err.txt" || fail "a zero model limit is not named"
[[ ! -e "$work/bad.h5" ]] || fail "a rejected sweep left an output file"

kill_sweep="$data/saltelli-kill.toml"
step "kill-test reference"
"$hubsim" sweep "$kill_sweep" --out "$work/kref.h5" --threads 2 -q

step "SIGKILL the only process, resume"
"$hubsim" sweep "$kill_sweep" --out "$work/k1.h5" --threads 2 -q &
pid=$!
wait_records "$work/k1.h5.journal" 3 $pid || fail "the sweep ended before it could be killed"
kill -KILL $pid
wait $pid 2>/dev/null || true
[[ ! -e "$work/k1.h5" ]] || fail "a killed sweep left an output file"
done_before=$(records "$work/k1.h5.journal")
echo "   killed with $done_before of 40 experiments journaled"
expect_exit 2 "$hubsim" sweep "$kill_sweep" --out "$work/k1.h5" --threads 2 -q  # journal in the way
grep -q -- "--resume" "$work/err.txt" || fail "no hint to use --resume"
expect_exit 0 "$hubsim" sweep "$kill_sweep" --out "$work/k1.h5" --threads 2 --resume
# Only what was not journaled runs again.
grep -q "ran $((40 - done_before)), resumed from the journal $done_before, failed 0" "$work/out.txt" ||
  { cat "$work/out.txt"; fail "the resumed sweep did not skip the $done_before journaled experiments"; }
same "$work/kref.h5" "$work/k1.h5"
[[ ! -e "$work/k1.h5.journal" ]] || fail "the journal is left after a finished sweep"

step "SIGKILL with a torn last journal record, resume"
"$hubsim" sweep "$kill_sweep" --out "$work/k2.h5" --threads 1 -q &
pid=$!
wait_records "$work/k2.h5.journal" 2 $pid || fail "the sweep ended before it could be killed"
kill -KILL $pid
wait $pid 2>/dev/null || true
printf '\x40\x00\x00\x00\x12\x34' >>"$work/k2.h5.journal"  # half a record header and no payload
expect_exit 0 "$hubsim" sweep "$kill_sweep" --out "$work/k2.h5" --threads 2 --resume
grep -q "dropped 6 byte" "$work/err.txt" || { cat "$work/err.txt"; fail "torn record not reported"; }
same "$work/kref.h5" "$work/k2.h5"

# kill_rank OUT RANK: starts the kill sweep on two MPI ranks and SIGKILLs one of them, or with
# RANK "all" both ranks and mpirun at once.
kill_rank() {
  "${mpirun[@]}" -np 2 "$hubsim" sweep "$kill_sweep" --out "$1" --threads 1 -q 2>"$work/mpi-err.txt" &
  local mpipid=$! victims=() p
  wait_records "$1.journal" 3 $mpipid || fail "the MPI sweep ended before it could be killed"
  for p in $(pgrep -P $mpipid); do
    if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null |
      grep -qx "OMPI_COMM_WORLD_RANK=${2/all/[0-9]*}"; then victims+=("$p"); fi
  done
  [[ $2 != all ]] || victims+=("$mpipid")
  [[ ${#victims[@]} -ge 1 ]] || fail "rank $2 not found among the children of mpirun"
  kill -KILL "${victims[@]}"
  set +e
  wait $mpipid 2>/dev/null
  local status=$?
  set -e
  [[ $status -ne 0 ]] || fail "mpirun reported success after a rank was killed"
  [[ ! -e "$1" ]] || fail "a killed MPI sweep left an output file"
  local who="rank $2"
  [[ $2 != all ]] || who="mpirun and both ranks"
  echo "   $who killed; $(records "$1.journal") of 40 experiments journaled"
}

step "SIGKILL rank 1 of two MPI ranks, resume on two ranks"
kill_rank "$work/k3.h5" 1
"${mpirun[@]}" -np 2 "$hubsim" sweep "$kill_sweep" --out "$work/k3.h5" --threads 1 --resume -q
same "$work/kref.h5" "$work/k3.h5"

step "SIGKILL rank 0 (the coordinator) of two MPI ranks, resume in one process"
kill_rank "$work/k4.h5" 0
"$hubsim" sweep "$kill_sweep" --out "$work/k4.h5" --threads 2 --resume -q
same "$work/kref.h5" "$work/k4.h5"

step "SIGKILL both MPI ranks and mpirun, resume on two ranks"
kill_rank "$work/k5.h5" all
"${mpirun[@]}" -np 2 "$hubsim" sweep "$kill_sweep" --out "$work/k5.h5" --threads 1 --resume -q
same "$work/kref.h5" "$work/k5.h5"

step "--resume of a finished sweep does nothing"
before=$(stat -c %Y.%s "$work/kref.h5")
expect_exit 0 "$hubsim" sweep "$kill_sweep" --out "$work/kref.h5" --resume
grep -q "already complete" "$work/out.txt" || fail "no 'already complete' message"
[[ $(stat -c %Y.%s "$work/kref.h5") == "$before" ]] || fail "a finished output was rewritten"

step "bad input: exit 2, no output"
expect_exit 2 "$hubsim" sweep "$data/bad-key.toml" --out "$work/bad.h5"
grep -q "did you mean 'samples'" "$work/err.txt" || fail "no did-you-mean"
expect_exit 2 "${mpirun[@]}" -np 2 "$hubsim" sweep "$data/bad-key.toml" --out "$work/bad.h5"
expect_exit 2 "$hubsim" sweep "$small" --out "$work/bad.h5" --shard 3/3
expect_exit 2 "$hubsim" sweep "$small" --out "$work/no-such-dir/bad.h5"
expect_exit 2 "$hubsim" sweep "$work/missing.toml" --out "$work/bad.h5"
expect_exit 2 "$hubsim" merge "$work/s0.h5" "$work/s1.h5" --out "$work/bad.h5"
grep -q "missing" "$work/err.txt" || fail "merge does not say what is missing"
# bad_sweep NAME EXPECTED-TEXT BODY: a sweep file over the small base with BODY after its head.
bad_sweep() {
  printf '[sweep]\nname = "%s"\nscenario = "%s"\n%s\n' "$1" "$data/small-base.toml" "$3" >"$work/$1.toml"
  expect_exit 2 "$hubsim" sweep "$work/$1.toml" --out "$work/bad.h5"
  grep -q -- "$2" "$work/err.txt" || { cat "$work/err.txt"; fail "$1: the message lacks '$2'"; }
  [[ ! -e "$work/bad.h5" && ! -e "$work/bad.h5.journal" ]] || fail "$1: bad input left an output"
}
bad_sweep out-of-bounds 'parameters\[0\].max' 'sampler = "lhs"
samples = 4
outcomes = ["gini_downloads_2022"]
[[parameters]]
name = "attention.mean_weeks"
min = 3.0
max = 900.0'
bad_sweep unknown-outcome "did you mean 'gini_downloads_2022'" 'sampler = "lhs"
samples = 4
outcomes = ["gini_download_2022"]
[[parameters]]
name = "attention.mean_weeks"
min = 3.0
max = 9.0'
bad_sweep shares-rule 'finetune_share + adapter_share' 'sampler = "grid"
outcomes = ["gini_downloads_2022"]
[[parameters]]
name = "derivation.finetune_share"
levels = [0.5, 0.95]'
printf 'attention.mean_weeks\n4\nfour\n' >"$work/bad-table.csv"
bad_sweep bad-table 'bad-table.csv:3' 'sampler = "table"
design_table = "bad-table.csv"
outcomes = ["gini_downloads_2022"]'
printf '[sweep\nname = 1\n' >"$work/not-toml.toml"
expect_exit 2 "$hubsim" sweep "$work/not-toml.toml" --out "$work/bad.h5"
[[ ! -e "$work/bad.h5" && ! -e "$work/bad.h5.journal" ]] || fail "bad input left an output"
ls "$work" | grep -q "tmp-" && fail "a temporary file was left behind"
echo "all sweep CLI checks passed"
