"""Sizes of the downloaded models: the distribution of downloads over parameter counts, and
the download-weighted mean size over time."""

import numpy as np

from .. import bands, charts
from ..html_page import Section

MAX_YEARS = 4
BIN_WIDTH = 0.25  # in log10(parameters)


def _pick_years(years, totals, reference_year):
    """Up to MAX_YEARS years with downloads, spread over the window, with the reference year."""
    have = [y for y, t in zip(years, totals) if t > 0]
    if len(have) <= MAX_YEARS:
        return have
    picked = {have[int(round(i))] for i in np.linspace(0, len(have) - 1, MAX_YEARS)}
    if reference_year in have and reference_year not in picked:
        picked.discard(max(picked))
        picked.add(reference_year)
    return sorted(picked)


def _distribution_figure(ctx):
    f = ctx.file
    params = f.models("params").astype(np.float64)
    weights = f.models("represents").astype(np.float64)
    by_year = f.models("downloads_by_year")
    years = [int(y) for y in f.models("year")]
    positive = params > 0
    logp = np.log10(np.where(positive, params, 1.0))
    lo = np.floor(logp[positive].min() / BIN_WIDTH) * BIN_WIDTH if positive.any() else 6
    hi = np.ceil(logp[positive].max() / BIN_WIDTH) * BIN_WIDTH + BIN_WIDTH if positive.any() else 12
    edges = np.arange(lo, hi + BIN_WIDTH / 2, BIN_WIDTH)
    totals = [(by_year[positive, j] * weights[positive]).sum() for j in range(len(years))]
    picked = _pick_years(years, totals, ctx.reference_year)
    if not picked:
        return None
    fig, axes = charts.new_figure(height=3.4)
    ax = axes[0]
    for i, year in enumerate(picked):
        j = years.index(year)
        mass = by_year[positive, j].astype(np.float64) * weights[positive]
        hist, _ = np.histogram(logp[positive], bins=edges, weights=mass)
        ax.stairs(hist / hist.sum(), 10 ** edges, color=charts.colour(i), lw=1.6, label=str(year))
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(charts.mticker.FuncFormatter(charts.human))
    ax.set_xlabel("parameters of the downloaded model")
    ax.set_title("Share of each year's downloads by model size")
    charts.format_share_axis(ax)
    ax.legend(loc="upper left")
    return fig


def _mean_size_figure(ctx):
    f = ctx.file
    window = ctx.smoothing_steps()
    params = bands.rolling_sum(f.series("new_downloaded_params"), window)
    downloads = bands.rolling_sum(f.series("new_downloads"), window)
    with np.errstate(all="ignore"):
        mean = np.where(downloads > 0, params / np.where(downloads > 0, downloads, 1), np.nan)
    band = bands.over_replications(mean)
    fig, axes = charts.new_figure(height=3.2)
    ax = axes[0]
    charts.plot_band(ax, ctx.step_ends(), band, "simulated", charts.colour(0))
    shown = 0
    for period, t in ctx.published.with_base("mean_downloaded_params", ctx.reference_year):
        if not period.before:
            charts.published_span(ax, *charts.year_span(period.year), t,
                                  "published annual mean (range)" if not shown else None)
            shown += 1
    ax.set_title("Download-weighted mean size of downloaded models (rolling quarter)")
    charts.format_count_axis(ax, log=True)
    charts.format_date_axis(ax)
    ax.legend(loc="upper left")
    return fig, band, shown


def build(ctx):
    s = Section(
        "sizes",
        "Sizes of downloaded models",
        "Which model sizes people download, and how the typical downloaded model has grown.",
    )
    if ctx.file.has_models():
        fig = _distribution_figure(ctx)
        if fig is not None:
            s.figure(
                charts.to_data_uri(fig),
                "Distribution of downloads over model sizes, by year",
                "Share of the year's downloads going to models of each size (bins of a quarter "
                "decade of parameters; replication 0, full-scale counts).",
                "size_distribution",
            )
    fig, band, shown = _mean_size_figure(ctx)
    s.figure(
        charts.to_data_uri(fig),
        "Mean downloaded model size over time",
        "Sum over a quarter's downloads of the model's parameter count divided by the quarter's "
        "downloads. " + charts.band_caption(band)
        + (" Dashed lines and shading: published annual means and their ranges." if shown else ""),
        "mean_size",
    )
    return s
