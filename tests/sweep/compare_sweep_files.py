"""Compares two hubsim sweep files for identical content.

Usage: /usr/bin/python3 tests/sweep/compare_sweep_files.py A.h5 B.h5

Every group, dataset (values bit for bit, NaN equal to NaN, same shape and type) and attribute
must match, except the facts of how a file was made, which never affect a result: the root
attributes created_utc, command_line, threads, ranks and wall_seconds, and the dataset
/runs/wall_seconds. Exits 1 and lists the differences otherwise.
"""

import sys

import h5py
import numpy as np

IGNORED_ROOT_ATTRS = {"created_utc", "command_line", "threads", "ranks", "wall_seconds"}
IGNORED_DATASETS = {"/runs/wall_seconds"}


def attrs(obj, path):
    out = {}
    for name, value in obj.attrs.items():
        if path == "/" and name in IGNORED_ROOT_ATTRS:
            continue
        if name in ("DIMENSION_LIST", "REFERENCE_LIST"):  # object references differ by address
            continue
        out[name] = value
    return out


def same_value(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind == "f":
            return np.array_equal(a, b, equal_nan=True)
        return np.array_equal(a, b)
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return a == b


def collect(f):
    items = {}
    f.visititems(lambda name, obj: items.__setitem__("/" + name, obj))
    items["/"] = f
    return items


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    with h5py.File(sys.argv[1], "r") as fa, h5py.File(sys.argv[2], "r") as fb:
        a, b = collect(fa), collect(fb)
        for path in sorted(set(a) | set(b)):
            if path not in a or path not in b:
                problems.append(f"{path}: only in {'A' if path in a else 'B'}")
                continue
            oa, ob = a[path], b[path]
            if type(oa) is not type(ob):
                problems.append(f"{path}: group in one file, dataset in the other")
                continue
            ta, tb = attrs(oa, path), attrs(ob, path)
            for name in sorted(set(ta) | set(tb)):
                if name not in ta or name not in tb or not same_value(ta[name], tb[name]):
                    problems.append(f"{path} attribute {name}: {ta.get(name)!r} != {tb.get(name)!r}")
            if isinstance(oa, h5py.Dataset) and path not in IGNORED_DATASETS:
                if oa.dtype != ob.dtype:
                    problems.append(f"{path}: dtype {oa.dtype} != {ob.dtype}")
                elif not same_value(oa[()], ob[()]):
                    problems.append(f"{path}: values differ")
    for p in problems[:40]:
        print("difference:", p, file=sys.stderr)
    if problems:
        print(f"{sys.argv[1]} and {sys.argv[2]} differ in {len(problems)} place(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
