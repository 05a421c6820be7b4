"""Checks that a file written by tests/io/test_hdf5_file.cpp ("xarray reads ...") opens in xarray.

Usage: /usr/bin/python3 tests/io/check_xarray.py FILE

Opens group "series" with the h5netcdf engine (and, when installed, with the netCDF-C based
netcdf4 engine) and asserts the dimension names, the decoded time coordinate and the values;
checks enum labels and empty datasets (group "extras") with h5py.
The expected values below must match the C++ test. Exits non-zero on any mismatch.
"""

import importlib.util
import sys

import numpy as np
import xarray as xr

N_REPLICATIONS = 3
N_WEEKS = 5
REGIONS = ["Zürich", "São Paulo", "東京", "Nairobi"]
FIRST_WEEK = np.datetime64("2024-01-01")  # days since 1970-01-01 = 19723
REGION_KIND_LABELS = {"urban": 0, "rural": 1, "mixed": 2}
REGION_KIND_CODES = [0, 0, 1, 2]


def check(ds, engine):
    where = f"[{engine}] "
    downloads = ds["new_downloads"]
    assert downloads.dims == ("replication", "week"), where + f"dims {downloads.dims}"
    share = ds["share"]
    assert share.dims == ("replication", "week", "region"), where + f"dims {share.dims}"
    assert dict(ds.sizes) == {
        "replication": N_REPLICATIONS,
        "week": N_WEEKS,
        "region": len(REGIONS),
    }, where + f"sizes {dict(ds.sizes)}"

    for name in ("replication", "week", "region"):
        assert name in ds.coords, where + f"coordinate {name} missing: {list(ds.coords)}"

    week = ds["week"]
    assert np.issubdtype(week.dtype, np.datetime64), where + f"week dtype {week.dtype}"
    expected_weeks = (FIRST_WEEK + np.arange(N_WEEKS) * np.timedelta64(7, "D")).astype(
        "datetime64[ns]"
    )
    np.testing.assert_array_equal(week.values, expected_weeks, err_msg=where + "week")

    np.testing.assert_array_equal(
        ds["replication"].values, np.arange(N_REPLICATIONS), err_msg=where + "replication"
    )
    regions = [r.decode("utf-8") if isinstance(r, bytes) else str(r) for r in ds["region"].values]
    assert regions == REGIONS, where + f"regions {regions}"

    r = np.arange(N_REPLICATIONS)[:, None]
    w = np.arange(N_WEEKS)[None, :]
    np.testing.assert_array_equal(downloads.values, r * 100 + w, err_msg=where + "new_downloads")
    k = np.arange(len(REGIONS))[None, None, :]
    expected_share = (r[:, :, None] * 10000 + w[:, :, None] * 100 + k) / 8.0
    np.testing.assert_allclose(share.values, expected_share, err_msg=where + "share")

    # Label-based selection works only if the coordinates are real indexes.
    picked = share.sel(region="東京", week=str(FIRST_WEEK + np.timedelta64(7, "D")))
    np.testing.assert_allclose(
        picked.values, (np.arange(N_REPLICATIONS) * 10000 + 100 + 2) / 8.0, err_msg=where + "sel"
    )
    assert ds.attrs.get("title") == "hubsim test series", where + f"attrs {ds.attrs}"

    # The categorical variable (an HDF5 enum over uint8) reads as its codes.
    kind = ds["region_kind"]
    assert kind.dims == ("region",), where + f"region_kind dims {kind.dims}"
    np.testing.assert_array_equal(kind.values, REGION_KIND_CODES, err_msg=where + "region_kind")


def check_with_h5py(path):
    import h5py

    with h5py.File(path, "r") as f:
        mapping = h5py.check_enum_dtype(f["series/region_kind"].dtype)
        assert mapping == REGION_KIND_LABELS, f"[h5py] region_kind labels {mapping}"
        regions = list(f["series/region"].asstr()[()])
        assert regions == REGIONS, f"[h5py] regions {regions}"
        extras = f["extras"]
        assert extras["empty_float"][()].shape == (0, 3), "[h5py] empty_float"
        assert extras["empty_strings"][()].shape == (0,), "[h5py] empty_strings"
        assert extras["empty_enum"][()].shape == (0,), "[h5py] empty_enum"
        assert extras.attrs["empty_values"].shape == (0,), "[h5py] empty_values"


def main():
    if len(sys.argv) != 2:
        print("usage: check_xarray.py FILE", file=sys.stderr)
        return 2
    path = sys.argv[1]
    with xr.open_dataset(path, group="series", engine="h5netcdf") as ds:
        check(ds, "h5netcdf")
    check_with_h5py(path)
    engines = ["h5netcdf"]
    if importlib.util.find_spec("netCDF4") is not None:  # the netCDF-C reader, when installed
        with xr.open_dataset(path, group="series", engine="netcdf4") as ds:
            check(ds, "netcdf4")
        engines.append("netcdf4")
    print("ok: " + ", ".join(engines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
