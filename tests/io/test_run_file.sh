#!/usr/bin/env bash
# Writes a small run and reads it back with Debian's python3 + h5py. Usage: HUBSIM SRC
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$(cd "$2" && pwd)
printf '[scenario]\nextends = "%s/scenarios/baseline.toml"\nname = "readback"\nscale = 0.002\nend = 2022-06-30\n' "$src" >"$work/s.toml"
"$1" run "$work/s.toml" --out "$work/run.h5" --replications 2 -q
/usr/bin/python3 "$2/tests/io/check_run_file.py" "$work/run.h5" 2
