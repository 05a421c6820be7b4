"""Reads a `hubsim run` output with h5py (Debian's /usr/bin/python3) and checks its schema:
root metadata, /series with named dimension scales, /stats per replication, /models columns.
Usage: check_run_file.py FILE REPLICATIONS"""
import sys

import h5py
import numpy as np

path, replications = sys.argv[1], int(sys.argv[2])
f = h5py.File(path, "r")
problems = []


def need(cond, what):
    if not cond:
        problems.append(what)


for attr in ["hubsim_version", "scenario_toml", "scenario_resolved_toml", "seed", "scale", "created_utc",
             "replications", "command_line"]:
    need(attr in f.attrs, f"root attribute {attr}")
need("[scenario]" in f.attrs["scenario_toml"], "scenario_toml holds the scenario text")
need(int(f.attrs["replications"]) == replications, "replications attribute")

s = f["series"]
weeks = s["week"][:]
need(s["week"].attrs["units"] == "days since 1970-01-01", "week units")
need(np.all(np.diff(weeks) == 7), "weekly steps")
for name, dims in [("new_downloads_by_region", ["replication", "week", "region"]),
                   ("new_downloads_by_type", ["replication", "week", "publisher_type"]),
                   ("new_downloads_by_user_region", ["replication", "week", "user_region", "region"]),
                   ("cum_models", ["replication", "week"]), ("n_users", ["replication", "week", "region"]),
                   ("new_datasets", ["replication", "week", "category"])]:
    d = s[name]
    need(d.shape[0] == replications and d.shape[1] == len(weeks), f"{name} shape {d.shape}")
    for i, dim in enumerate(dims):
        scales = [sc.name.split("/")[-1] for sc in d.dims[i].values()]
        need(scales == [dim], f"{name} dimension {i} scale {scales} != {dim}")
regions = [x.decode() if isinstance(x, bytes) else x for x in s["region"][:]]
need("CN" in regions and "US" in regions, "region labels")
by_region = s["new_downloads_by_region"][:].sum(axis=2)
by_type = s["new_downloads_by_type"][:].sum(axis=2)
need(np.allclose(by_region, by_type, rtol=1e-9), "downloads by region and by type reconcile")

st = f["stats"]
for key in ["models_total_2021", "download_share_cn_2021", "users_total_2021"]:
    need(key in st and st[key].shape == (replications,), f"/stats/{key}")
need("definition" in st["models_total_2021"].attrs, "statistic definitions")

m = f["models"]
n = m["id"].shape[0]
need(n > 0, "models table")
for col in ["parent", "family", "publisher", "publisher_type", "region", "kind", "task", "params",
            "release_day", "downloads_total", "represents"]:
    need(m[col].shape == (n,), f"/models/{col} length")
kinds = h5py.check_enum_dtype(m["kind"].dtype)
need(kinds is not None and set(kinds) == {"base", "finetune", "quantized", "adapter", "merge"}, "kind enum labels")
parents = m["parent"][:]
need(np.all((parents == -1) | ((parents >= 0) & (parents < np.arange(n)))), "parents precede children")
need(m["downloads_by_year"].shape == (n, m["year"].shape[0]), "downloads_by_year shape")
need(np.array_equal(m["downloads_by_year"][:].sum(axis=1), m["downloads_total"][:]), "yearly downloads sum to totals")
need(f["families/name"].shape[0] > int(m["family"][:].max()), "family names")

if problems:
    print("schema problems:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"ok: {n} models, {len(weeks)} weeks, {len(st)} statistics")
