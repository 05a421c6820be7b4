#!/usr/bin/env bash
# Runs one shipped scenario and checks that every outcome it names ([[outcomes]], after extends
# merging) comes out finite. Usage: run_scenario.sh HUBSIM SCENARIO.toml SCALE [REPLICATIONS]
set -euo pipefail
hubsim=$1 scenario=$2 scale=$3 replications=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$hubsim" run "$scenario" --scale "$scale" --replications "$replications" --no-model-table \
  --out "$work/run.h5" -q
/usr/bin/python3 - "$work/run.h5" <<'PY'
import sys
import tomllib

import h5py
import numpy as np

f = h5py.File(sys.argv[1])
resolved = f.attrs["scenario_resolved_toml"]
resolved = resolved.decode() if isinstance(resolved, bytes) else resolved
outcomes = tomllib.loads(resolved).get("outcomes", [])
bad = [o["statistic"] for o in outcomes
       if o["statistic"] not in f["stats"] or not np.all(np.isfinite(f["stats"][o["statistic"]][()]))]
if bad:
    sys.exit(f"outcomes missing or not finite: {bad}")
print(f"{f.attrs['scenario_name']}: {len(outcomes)} outcome(s) produced")
PY
