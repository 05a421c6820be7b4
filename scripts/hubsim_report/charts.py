"""Drawing helpers: figures rendered to PNG and embedded as data URIs (no external files).

Every figure passes a non-empty check before it is embedded: an axes without data is a bug in
a section builder, never something to show a reader.
"""

import base64
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import numpy as np  # noqa: E402

DPI = 100
PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
]
PUBLISHED_COLOUR = "#000000"

plt.rcParams.update(
    {
        "font.size": 9,
        "axes.titlesize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
    }
)


class EmptyFigureError(RuntimeError):
    pass


def colour(i):
    return PALETTE[i % len(PALETTE)]


def new_figure(ncols=1, nrows=1, width=9.0, height=3.4, **kw):
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height * nrows), squeeze=False, **kw)
    return fig, [ax for row in axes for ax in row]


def to_data_uri(fig):
    """Renders a figure to a base64 PNG data URI and closes it."""
    try:
        for ax in fig.axes:
            if ax.get_visible() and ax.axison and not ax.has_data():
                title = ax.get_title() or ax.get_ylabel() or "untitled"
                raise EmptyFigureError(f"axes '{title}' has no data")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    finally:
        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def human(x, _pos=None):
    """1234567 -> '1.2M' for axis ticks and tables."""
    if x is None or not np.isfinite(x):
        return "n/a"
    a = abs(x)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            v = x / div
            return f"{v:.3g}{suffix}"
    if a == 0:
        return "0"
    if a >= 1:
        return f"{x:.3g}"
    return f"{x:.2g}"


def percent(x, _pos=None):
    if x is None or not np.isfinite(x):
        return "n/a"
    return f"{100 * x:.1f}%" if abs(x) < 0.995 else f"{100 * x:.0f}%"


def points_axis(axis):
    """Axis ticks for differences of shares, in percentage points."""
    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{100 * v:+.3g} pts" if v else "0"))


def format_count_axis(ax, log=False):
    if log:
        ax.set_yscale("log")
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(human))


def format_share_axis(ax, top=None):
    ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0))
    ax.set_ylim(0, top)


def format_date_axis(ax):
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def plot_band(ax, x, band, label, c, alpha=0.2, lw=1.6, ls="-"):
    """Median line with its band over replications (if there is one)."""
    if band.lo is not None:
        ax.fill_between(x, band.lo, band.hi, color=c, alpha=alpha, lw=0)
    ax.plot(x, band.median, color=c, lw=lw, ls=ls, label=label)


def plot_fan(ax, x, q, label, c):
    """Forecast fan: 90% band (light), 50% band (darker), median line."""
    ax.fill_between(x, q[0.05], q[0.95], color=c, alpha=0.15, lw=0)
    ax.fill_between(x, q[0.25], q[0.75], color=c, alpha=0.3, lw=0)
    ax.plot(x, q[0.5], color=c, lw=1.6, label=label)


def year_end(year):
    return np.datetime64(f"{year}-12-31", "D")


def year_span(year):
    return np.datetime64(f"{year}-01-01", "D"), np.datetime64(f"{year}-12-31", "D")


def published_point(ax, when, target, label=None, c=PUBLISHED_COLOUR):
    """A published figure at a date: its range as an error bar, its central value as a dot."""
    y = target.centre
    ax.errorbar(
        [when], [y], yerr=[[y - target.lo], [target.hi - y]], fmt="o", color=c, ms=4,
        capsize=3, lw=1, zorder=5, label=label,
    )


def published_span(ax, start, end, target, label=None, c=PUBLISHED_COLOUR):
    """A published figure over a period (e.g. a year's share): a shaded range and a line."""
    ax.fill_between([start, end], [target.lo] * 2, [target.hi] * 2, color=c, alpha=0.12, lw=0)
    ax.plot([start, end], [target.centre] * 2, color=c, lw=1.2, ls="--", label=label)


def band_caption(band):
    return "Lines: median; shaded: " + band.label + "." if band.lo is not None else "One replication."
