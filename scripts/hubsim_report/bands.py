"""Summaries over replications (or ensemble members): a median and the bands around it."""

import dataclasses

import numpy as np


@dataclasses.dataclass
class Band:
    median: np.ndarray
    lo: np.ndarray | None  # None with a single replication
    hi: np.ndarray | None
    label: str  # what the band is, for legends and captions


def over_replications(values, axis=0):
    """Median and spread over the replication axis, NaN-aware.

    Fewer than 10 replications give the full range (min to max: quantiles of so few values mean
    little); 10 or more give the central 90% (5th to 95th percentile).
    """
    values = np.asarray(values, dtype=np.float64)
    n = values.shape[axis]
    with np.errstate(all="ignore"), _quiet_nan_warnings():
        median = np.nanmedian(values, axis=axis)
        if n < 2:
            return Band(median, None, None, "one replication")
        if n < 10:
            return Band(
                median,
                np.nanmin(values, axis=axis),
                np.nanmax(values, axis=axis),
                f"range over {n} replications",
            )
        lo, hi = np.nanquantile(values, [0.05, 0.95], axis=axis)
        return Band(median, lo, hi, f"90% band over {n} replications")


def fan(values, axis=0):
    """Median, 50% and 90% bands (for forecasts): dict of quantile -> array."""
    values = np.asarray(values, dtype=np.float64)
    qs = [0.05, 0.25, 0.5, 0.75, 0.95]
    with np.errstate(all="ignore"), _quiet_nan_warnings():
        out = np.nanquantile(values, qs, axis=axis)
    return dict(zip(qs, out))


def rolling_sum(values, window, axis=1):
    """Trailing sums over `window` steps along `axis` (the first window-1 steps sum fewer)."""
    values = np.asarray(values, dtype=np.float64)
    c = np.cumsum(values, axis=axis)
    shifted = np.zeros_like(c)
    index = [slice(None)] * values.ndim
    index_src = [slice(None)] * values.ndim
    index[axis] = slice(window, None)
    index_src[axis] = slice(None, -window)
    if values.shape[axis] > window:
        shifted[tuple(index)] = c[tuple(index_src)]
    return c - shifted


def shares(values, window, axis_category=-1):
    """Shares of each category in trailing `window`-step sums; values (rep, week, category)."""
    sums = rolling_sum(values, window, axis=1)
    total = sums.sum(axis=axis_category, keepdims=True)
    with np.errstate(all="ignore"):
        return np.where(total > 0, sums / np.where(total > 0, total, 1), np.nan)


class _quiet_nan_warnings:
    """Silences numpy's 'All-NaN slice' RuntimeWarnings (a NaN result is the honest answer)."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", category=RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def over_replications_90(values, axis=0):
    """Median and 5th-95th percentile band over members, for ensembles of any size."""
    values = np.asarray(values, dtype=np.float64)
    n = values.shape[axis]
    q = fan(values, axis)
    if n < 2:
        return Band(q[0.5], None, None, "one member")
    return Band(q[0.5], q[0.05], q[0.95], f"90% band over {n} members")
