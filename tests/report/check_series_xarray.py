"""Checks that the /series group of a run file opens in xarray with named dimensions.

Usage: /usr/bin/python3 check_series_xarray.py RUN.h5

Every variable must have the dimensions (replication, week, ...) named by its HDF5 dimension
scales, as outputs/README.md lists them; week must decode to dates; the category coordinates
must carry their labels; and the values must equal what h5py reads. Exits non-zero on failure.
"""

import sys

import h5py
import numpy as np
import xarray as xr

EXPECTED_DIMS = {
    "n_users": ("replication", "week", "region"),
    "n_users_by_tier": ("replication", "week", "tier"),
    "new_models": ("replication", "week", "kind"),
    "new_models_by_region": ("replication", "week", "region"),
    "cum_models": ("replication", "week"),
    "new_downloads": ("replication", "week"),
    "new_downloads_by_region": ("replication", "week", "region"),
    "new_downloads_by_type": ("replication", "week", "publisher_type"),
    "new_downloads_by_kind": ("replication", "week", "kind"),
    "new_downloads_by_task": ("replication", "week", "task"),
    "new_downloads_by_origin": ("replication", "week", "origin_region"),
    "new_downloads_by_user_region": ("replication", "week", "user_region", "region"),
    "new_downloaded_params": ("replication", "week"),
    "n_publishers_by_type": ("replication", "week", "publisher_type"),
    "new_datasets": ("replication", "week", "category"),
    "cum_datasets": ("replication", "week", "category"),
}


def main(path):
    failures = []
    with h5py.File(path, "r") as f:
        g = f["series"]
        raw = {name: g[name][()] for name in EXPECTED_DIMS if name in g}
        labels = {d: [v.decode() if isinstance(v, bytes) else str(v) for v in g[d][()]]
                  for d in ("region", "publisher_type", "kind", "category")}
        n_reps = g["replication"].shape[0]
        first_day = int(g["week"][0])
        step = int(f.attrs["step_days"])
    with xr.open_dataset(path, group="series", engine="h5netcdf") as ds:
        for name, dims in EXPECTED_DIMS.items():
            if name not in ds:
                failures.append(f"{name}: not in the dataset")
                continue
            var = ds[name]
            if var.dims != dims:
                failures.append(f"{name}: dims {var.dims}, expected {dims}")
            if not np.array_equal(var.values, raw[name]):
                failures.append(f"{name}: values differ from h5py's")
            if "units" not in var.attrs:
                failures.append(f"{name}: no units attribute")
        week = ds["week"]
        if not np.issubdtype(week.dtype, np.datetime64):
            failures.append(f"week: dtype {week.dtype}, expected dates")
        else:
            expected = np.datetime64("1970-01-01") + np.timedelta64(first_day, "D")
            if week.values[0] != expected.astype(week.dtype):
                failures.append(f"week[0] = {week.values[0]}, expected {expected}")
            steps = np.diff(week.values).astype("timedelta64[D]").astype(int)
            if not np.all(steps == step):
                failures.append(f"week steps {set(steps.tolist())}, expected {step} days")
        if ds.sizes["replication"] != n_reps:
            failures.append(f"replication size {ds.sizes['replication']}, expected {n_reps}")
        for dim, expected in labels.items():
            got = [v.decode() if isinstance(v, bytes) else str(v) for v in ds[dim].values]
            if got != expected:
                failures.append(f"{dim}: labels {got[:5]}..., expected {expected[:5]}...")
        # Label-based selection works only with real indexed coordinates.
        cn = ds["new_downloads_by_region"].sel(region="CN").isel(replication=0)
        total = ds["new_downloads"].isel(replication=0)
        if cn.dims != ("week",) or float(cn.sum()) > float(total.sum()) * (1 + 1e-9):
            failures.append("sel(region='CN') does not give a part of the total downloads")
        by_region = ds["new_downloads_by_region"].sum("region")
        if not np.allclose(by_region.values, ds["new_downloads"].values, rtol=1e-9):
            failures.append("downloads by region do not sum to the total over the named dimension")
    for line in failures:
        print("FAIL: " + line)
    if not failures:
        print(f"ok: {len(EXPECTED_DIMS)} series open in xarray with named dimensions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
