"""Download shares over time by publisher region and by publisher type."""

import numpy as np

from .. import bands, charts
from ..html_page import Section
from ..keys import key_fragment

# The published 'industry' share counts big tech and companies together.
INDUSTRY_TYPES = ("big_tech", "industry")


def _published(ctx, ax, base, c, first):
    """Draws the published values of statistic `base` (annual shares as spans). Returns count."""
    n = 0
    start = ctx.file.weeks()[0]
    for period, target in ctx.published.with_base(base, ctx.reference_year):
        if period.before:
            span = (start, np.datetime64(f"{period.year}-01-01", "D"))
        else:
            span = charts.year_span(period.year)
        charts.published_span(ax, *span, target, label="published (range)" if first and n == 0 else None, c=c)
        n += 1
    return n


def _panel(ctx, ax, values, labels, stat_base, title, extra=None):
    """Rolling shares of each category, with bands; `extra` = (label, columns, stat base)."""
    window = ctx.smoothing_steps()
    share = bands.shares(values, window)  # (rep, week, category)
    x = ctx.step_ends()
    published = 0
    band = None
    for i, label in enumerate(labels):
        band = bands.over_replications(share[:, :, i])
        charts.plot_band(ax, x, band, label, charts.colour(i), alpha=0.15)
        published += _published(ctx, ax, stat_base(label), charts.colour(i), published == 0)
    if extra:
        label, columns, base = extra
        combined = share[:, :, columns].sum(axis=2)
        band = bands.over_replications(combined)
        c = charts.colour(len(labels))
        charts.plot_band(ax, x, band, label, c, alpha=0.15, ls="--")
        published += _published(ctx, ax, base, c, published == 0)
    ax.set_title(title)
    charts.format_share_axis(ax)
    charts.format_date_axis(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return band, published


def build(ctx):
    s = Section(
        "shares",
        "Who gets the downloads",
        "Share of downloads going to models by the region of their developer and by the type of "
        "publisher, over a rolling quarter (13 weeks).",
    )
    f = ctx.file
    regions = f.labels("region")
    types = f.labels("publisher_type")

    fig, axes = charts.new_figure(height=3.8)
    band, published = _panel(
        ctx, axes[0], f.series("new_downloads_by_region"), regions,
        lambda r: f"download_share_{key_fragment(r)}", "By developer region",
    )
    s.figure(
        charts.to_data_uri(fig),
        "Download shares by developer region",
        "Share of the quarter's downloads by the developer (publisher) region of the model. "
        + charts.band_caption(band)
        + (" Dashed lines and shading: published annual shares and their ranges, in the colour of "
           "the region they refer to." if published else ""),
        "shares_region",
    )

    fig, axes = charts.new_figure(height=3.8)
    industry = [types.index(t) for t in INDUSTRY_TYPES if t in types]
    extra = ("big tech + industry", industry, "industry_download_share") if industry else None
    band, published = _panel(
        ctx, axes[0], f.series("new_downloads_by_type"), types,
        lambda t: "" if t in INDUSTRY_TYPES else f"{key_fragment(t)}_download_share",
        "By publisher type", extra,
    )
    s.figure(
        charts.to_data_uri(fig),
        "Download shares by publisher type",
        "Share of the quarter's downloads by the type of the model's publisher; the dashed line "
        "adds big tech and industry, as the published 'industry' share does. "
        + charts.band_caption(band)
        + (" Short dashed lines with shading: published shares (before 2022, and for a year) and "
           "their ranges, in the colour of the line they refer to." if published else ""),
        "shares_type",
    )
    return s
