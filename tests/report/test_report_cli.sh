#!/usr/bin/env bash
# CLI checks of `hubsim report`: bad input gives exit code 2, a message naming the problem and no
# output (nor a temporary file); a good run file gives a page.
# Usage: test_report_cli.sh HUBSIM SRC RUN.h5
set -uo pipefail
hubsim=$1
src=$(cd "$2" && pwd)
run=$3
work=$(mktemp -d)
trap 'chmod -R u+rwX "$work"; rm -rf "$work"' EXIT
output="$work/out.html"  # what expect_error checks is not written
source "$src/tests/cli/cli_checks.sh"

"$hubsim" report --help | grep -q -- '--out' || fail "report --help"

expect_error "no file argument" "file is required" -- report
expect_error "missing file" "absent.h5.*no such file" -- report "$work/absent.h5" --out "$work/out.html"
mkdir "$work/dir.h5"
expect_error "directory" "dir.h5.*a directory" -- report "$work/dir.h5" --out "$work/out.html"
printf 'model,downloads\nx,1\n' >"$work/text.h5"
expect_error "text file" "text.h5.*not an HDF5 file" -- report "$work/text.h5" --out "$work/out.html"
: >"$work/empty.h5"
expect_error "empty file" "empty.h5.*not an HDF5 file" -- report "$work/empty.h5" --out "$work/out.html"
head -c 4096 /dev/urandom >"$work/garbage.h5"
expect_error "random bytes" "garbage.h5.*not an HDF5 file" -- report "$work/garbage.h5" --out "$work/out.html"
/usr/bin/python3 -c "import h5py, sys; h5py.File(sys.argv[1], 'w').create_dataset('x', data=[1, 2])" "$work/other.h5"
expect_error "HDF5 but not a hubsim result" "other.h5.*not a hubsim result" -- report "$work/other.h5" --out "$work/out.html"
/usr/bin/python3 -c "import h5py, sys; h5py.File(sys.argv[1], 'w').attrs['kind'] = 'hubsim sweep'" "$work/sweep.h5"
expect_error "sweep file (no report)" "sweep.h5.*a sweep file" -- report "$work/sweep.h5" --out "$work/out.html"
# A truncated result: the HDF5 signature is there, the rest is missing.
head -c 2048 "$run" >"$work/truncated.h5"
expect_error "truncated result" "truncated.h5" -- report "$work/truncated.h5" --out "$work/out.html"
if [[ $(id -u) -ne 0 ]]; then  # root reads everything, so this case exists only for other users
  cp "$run" "$work/locked.h5" && chmod 000 "$work/locked.h5"
  expect_error "unreadable file" "locked.h5.*cannot be read" -- report "$work/locked.h5" --out "$work/out.html"
fi
expect_error "output directory missing" "--out.*no/such/dir" -- report "$run" --out "$work/no/such/dir/out.html"
cp "$run" "$work/same.h5"
expect_error "output is the input" "--out.*is the input" -- report "$work/same.h5" --out "$work/same.h5"
cmp -s "$run" "$work/same.h5" || fail "output is the input: the input was changed"
expect_error "targets file missing" "absent-targets.toml" -- report "$run" --out "$work/out.html" --targets "$work/absent-targets.toml"
printf '[[target]]\nstat = "models_total_2024"\nrange = [1]\n' >"$work/bad-targets.toml"
expect_error "malformed targets" "bad-targets.toml" -- report "$run" --out "$work/out.html" --targets "$work/bad-targets.toml"
expect_error "targets and no-targets" "--targets.*--no-targets" -- report "$run" --out "$work/out.html" --targets "$src/calibration/targets.toml" --no-targets
expect_error "unknown option" "--frobnicate" -- report "$run" --frobnicate

# Success: the default output name sits beside the input; nothing temporary is left.
cp "$run" "$work/good.h5"
"$hubsim" report "$work/good.h5" -q >"$work/stdout" 2>"$work/stderr" || fail "good report: $(cat "$work/stderr")"
[[ -s "$work/good.html" ]] || fail "good report: no good.html"
[[ ! -s "$work/stdout" ]] || fail "good report: --quiet printed $(head -c 200 "$work/stdout")"
ls "$work" | grep -q '\.tmp' && fail "good report left a temporary file"
grep -q '<table id="statistics"' "$work/good.html" || fail "good report: no statistics table"
grep -qE '(src|href)="(https?:)?//' "$work/good.html" && fail "good report refers to the network"
"$hubsim" report "$work/good.h5" --out "$work/no-targets.html" --no-targets -q || fail "report --no-targets"
grep -q 'No published values were available' "$work/no-targets.html" || fail "--no-targets: no note"

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "ok: hubsim report CLI"
