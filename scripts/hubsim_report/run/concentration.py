"""Concentration of downloads: Lorenz curves and top-N shares from /models, and the yearly
top-200 share and Gini coefficient from /stats.

Everything is counted on the represented population, as the engine's statistics are: a
generated model simulated at scale x stands for 1/x models with the same downloads.
"""

import numpy as np

from .. import bands, charts
from ..html_page import Section
from ..result_file import date_to_day

TOP_N = (10, 100, 200, 1_000, 10_000, 100_000)
TOP_FRACTIONS = (0.0001, 0.001, 0.01, 0.1)


class Distribution:
    """Downloads over a weighted population, sorted for Lorenz curves and top-N shares."""

    def __init__(self, downloads, weights):
        order = np.argsort(downloads, kind="stable")[::-1]  # most downloaded first
        d = downloads[order].astype(np.float64)
        w = weights[order].astype(np.float64)
        self.weight_total = float(w.sum())
        mass = w * d
        self.value_total = float(mass.sum())
        self.cum_weight = np.concatenate(([0.0], np.cumsum(w)))
        self.cum_value = np.concatenate(([0.0], np.cumsum(mass)))

    def top_share(self, n):
        """Share of downloads held by the n most downloaded models (a model standing for many
        counts in part, as the engine's top-N statistics do)."""
        if self.value_total <= 0:
            return np.nan
        return float(np.interp(n, self.cum_weight, self.cum_value)) / self.value_total

    def lorenz(self, points=1500):
        """(population share, download share) from the least downloaded up."""
        p = np.linspace(0.0, 1.0, points)
        top = 1.0 - p  # the top (1-p) of models
        v = np.interp(top * self.weight_total, self.cum_weight, self.cum_value)
        return p, 1.0 - v / self.value_total

    def top_curve(self, points=300):
        """(share of models, share of downloads they hold) on a log grid of model shares."""
        lo = min(1.0, 1.0 / max(self.weight_total, 1.0))
        f = np.geomspace(lo, 1.0, points)
        return f, np.interp(f * self.weight_total, self.cum_weight, self.cum_value) / self.value_total


def _model_distributions(ctx):
    """Lifetime downloads (all models) and the reference year's (models existing by its end)."""
    f = ctx.file
    weights = f.models("represents")
    out = {"lifetime": Distribution(f.models("downloads_total"), weights)}
    years = list(f.models("year"))
    year = ctx.reference_year
    if year in years:
        column = f.models("downloads_by_year")[:, years.index(year)]
        exists = f.models("release_day") < date_to_day(f"{year + 1}-01-01")
        if column[exists].sum() > 0:
            out[str(year)] = Distribution(column[exists], weights[exists])
    return out


def _curves_figure(ctx, dists):
    fig, axes = charts.new_figure(ncols=2, height=3.6)
    lorenz, top = axes
    for i, (label, d) in enumerate(dists.items()):
        name = "lifetime downloads" if label == "lifetime" else f"downloads in {label}"
        p, l = d.lorenz()
        lorenz.plot(p, l, color=charts.colour(i), lw=1.6, label=name)
        frac, share = d.top_curve()
        top.plot(frac, share, color=charts.colour(i), lw=1.6, label=name)
        if label == str(ctx.reference_year):
            t = ctx.published.get("top200_download_share") or ctx.published.get(
                f"top200_download_share_{label}"
            )
            if t is not None:
                charts.published_point(top, 200 / d.weight_total, t, "published top-200 share (range)")
    lorenz.plot([0, 1], [0, 1], color="#999", lw=0.8, ls=":", label="equal downloads")
    lorenz.set_title("Lorenz curve")
    lorenz.set_xlabel("share of models (least downloaded first)")
    lorenz.set_ylabel("share of downloads")
    charts.format_share_axis(lorenz, 1)
    lorenz.set_xlim(0, 1)
    lorenz.legend(loc="upper left")
    top.set_xscale("log")
    top.set_title("Share held by the most downloaded models")
    top.set_xlabel("top share of models (log scale)")
    top.xaxis.set_major_formatter(charts.mticker.FuncFormatter(lambda v, _: f"{100 * v:g}%"))
    charts.format_share_axis(top, 1.02)
    top.legend(loc="upper left")
    return fig


def _yearly_figure(ctx):
    """Top-200 share and Gini coefficient by year from /stats, over replications."""
    f = ctx.file
    series = f.yearly_stats(r"(top200_download_share|gini_downloads)")
    if not series:
        return None, None
    fig, axes = charts.new_figure(height=3.0)
    ax = axes[0]
    band = None
    names = {"top200_download_share": "top-200 share of the year's downloads",
             "gini_downloads": "Gini coefficient of the year's downloads"}
    for i, (base, by_year) in enumerate(sorted(series.items(), reverse=True)):
        years = sorted(by_year)
        band = bands.over_replications(np.array([by_year[y] for y in years]).T)
        c = charts.colour(i)
        yerr = None
        if band.lo is not None:
            yerr = [band.median - band.lo, band.hi - band.median]
        ax.errorbar(years, band.median, yerr=yerr, color=c, marker="s", ms=4, capsize=3, label=names[base])
        for period, t in ctx.published.with_base(base, ctx.reference_year):
            if not period.before:
                charts.published_point(ax, period.year + 0.08, t, "published (range)")
    ax.set_title("Concentration by year (both on a 0-1 scale)")
    ax.xaxis.set_major_locator(charts.mticker.MaxNLocator(integer=True))
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig, band


def build(ctx):
    s = Section(
        "concentration",
        "Concentration of downloads",
        "How unequally downloads are spread over models: a few models take most downloads, most "
        "models get almost none.",
    )
    f = ctx.file
    if f.has_models():
        dists = _model_distributions(ctx)
        s.figure(
            charts.to_data_uri(_curves_figure(ctx, dists)),
            "Lorenz curve and top shares of downloads",
            "From the per-model table (replication 0), counting the represented full-scale "
            "population. Left: the Lorenz curve (the further below the diagonal, the more "
            "concentrated). Right: the share of downloads held by the most downloaded x% of "
            "models.",
            "lorenz",
        )
        header = ["most downloaded"] + [
            "lifetime" if k == "lifetime" else f"in {k}" for k in dists
        ]
        rows = []
        for n in TOP_N:
            rows.append([f"top {n:,} models"] + [charts.percent(d.top_share(n)) for d in dists.values()])
        for frac in TOP_FRACTIONS:
            rows.append(
                [f"top {100 * frac:g}% of models"]
                + [charts.percent(d.top_share(frac * d.weight_total)) for d in dists.values()]
            )
        s.table(header, rows, table_id="top-shares", numeric=range(1, len(header)),
                caption="Share of downloads held by the most downloaded models (replication 0)")
    else:
        s.note("This file has no per-model table (run without --no-model-table for Lorenz "
               "curves and top-N shares); the yearly statistics below come from /stats.")
    fig, band = _yearly_figure(ctx)
    if fig is not None:
        s.figure(
            charts.to_data_uri(fig),
            "Top-200 share and Gini coefficient by year",
            "Statistics of each calendar year (definitions in outputs/STATISTICS.md). Squares: "
            "median; bars: " + (band.label if band.lo is not None else "one replication") + ".",
            "concentration_years",
        )
    return s
