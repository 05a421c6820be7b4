"""Read access to one hubsim HDF5 result (schema: outputs/README.md).

Reads lazily and caches, so a section that needs only /series never touches /models (a
full-scale model table holds millions of rows).
"""

import re

import h5py
import numpy as np

EPOCH = np.datetime64("1970-01-01", "D")


def as_text(value):
    """An HDF5 attribute or string element as a Python str."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray) and value.shape == ():
        return as_text(value[()])
    return str(value)


def days_to_dates(days):
    """int days since 1970-01-01 -> datetime64[D]."""
    return EPOCH + np.asarray(days).astype("timedelta64[D]")


def date_to_day(text):
    """'YYYY-MM-DD' -> days since 1970-01-01."""
    return int((np.datetime64(text, "D") - EPOCH).astype(int))


class ResultFile:
    """One open result file. Use as a context manager."""

    def __init__(self, path, h5=None):
        self.path = path
        self.h5 = h5 if h5 is not None else h5py.File(path, "r")
        self._cache = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.h5.close()

    # --- root metadata -------------------------------------------------------------------------
    def attr(self, name, default=None, group="/"):
        attrs = self.h5[group].attrs if group in self.h5 else {}
        if name not in attrs:
            return default
        value = attrs[name]
        if isinstance(value, (bytes, str)):
            return as_text(value)
        if isinstance(value, np.ndarray) and value.dtype.kind in "OSU":
            return [as_text(v) for v in value]
        if isinstance(value, np.generic):
            return value.item()
        return value

    def has(self, path):
        return path in self.h5

    # --- /series -------------------------------------------------------------------------------
    def weeks(self, group="series"):
        """Start date of every step of a series group, datetime64[D]."""
        key = ("weeks", group)
        if key not in self._cache:
            self._cache[key] = days_to_dates(self.h5[group]["week"][()])
        return self._cache[key]

    def series(self, name, group="series"):
        """A series as float64, dims (replication, week, ...)."""
        key = ("series", group, name)
        if key not in self._cache:
            self._cache[key] = np.asarray(self.h5[group][name][()], dtype=np.float64)
        return self._cache[key]

    def has_series(self, name, group="series"):
        return group in self.h5 and name in self.h5[group]

    def labels(self, dim, group="series"):
        """Labels of a categorical dimension scale (e.g. region)."""
        key = ("labels", group, dim)
        if key not in self._cache:
            self._cache[key] = [as_text(v) for v in self.h5[group][dim][()]]
        return self._cache[key]

    def dim_names(self, name, group="series"):
        """Names of the dimension scales attached to a dataset, in order."""
        ds = self.h5[group][name]
        names = []
        for i, dim in enumerate(ds.dims):
            names.append(as_text(dim[0].name.rsplit("/", 1)[-1]) if len(dim) else f"dim{i}")
        return names

    # --- /stats --------------------------------------------------------------------------------
    def stat_keys(self, group="stats"):
        if group not in self.h5:
            return []
        return [k for k in self.h5[group] if k != "replication"]

    def stat(self, key, group="stats"):
        """Values of one statistic, one per replication (float64), or None if absent."""
        if group not in self.h5 or key not in self.h5[group]:
            return None
        return np.asarray(self.h5[group][key][()], dtype=np.float64).reshape(-1)

    def yearly_stats(self, pattern, group="stats"):
        """{name: {year: values over replications}} of the statistics keyed <pattern>_<year>,
        where `pattern` is a regular expression with one group and name is what it matched."""
        out = {}
        for key in self.stat_keys(group):
            m = re.fullmatch(pattern + r"_(\d{4})", key)
            if m:
                out.setdefault(m.group(1), {})[int(m.group(2))] = self.stat(key, group)
        return out

    def stat_attr(self, key, attr, group="stats"):
        if group not in self.h5 or key not in self.h5[group]:
            return None
        value = self.h5[group][key].attrs.get(attr)
        return None if value is None else as_text(value)

    def reference_year(self):
        """The year that unsuffixed statistic keys refer to, read from a definition
        ('download_share_<region>_2025.'); 2025 (outputs/README.md) if no key says."""
        for key in ("top200_download_share", "mean_engagement_weeks", "industry_download_share"):
            definition = self.stat_attr(key, "definition") or ""
            match = re.search(r"_(\d{4})\.$", definition)
            if match:
                return int(match.group(1))
        return 2025

    # --- /models -------------------------------------------------------------------------------
    def has_models(self):
        return "models" in self.h5 and "downloads_total" in self.h5["models"]

    def models(self, column):
        """One column of the per-model table (replication 0)."""
        key = ("models", column)
        if key not in self._cache:
            self._cache[key] = self.h5["models"][column][()]
        return self._cache[key]

    def enum_labels(self, path):
        """{code: label} of an enum-typed dataset."""
        mapping = h5py.check_enum_dtype(self.h5[path].dtype) or {}
        return {int(code): name for name, code in mapping.items()}

    def names(self, path):
        key = ("names", path)
        if key not in self._cache:
            self._cache[key] = [as_text(v) for v in self.h5[path][()]] if path in self.h5 else []
        return self._cache[key]
