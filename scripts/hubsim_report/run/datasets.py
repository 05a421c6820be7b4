"""Datasets by category: robotics against the other categories, and robotics' rank."""

import numpy as np

from .. import bands, charts
from ..html_page import Section

ROBOTICS = "robotics"
OTHERS_SHOWN = 4


def ranked_categories(ctx, labels):
    """Indices of the categories that take part in ranks (scenario `ranked`, default true)."""
    flags = {c.get("name"): c.get("ranked", True) for c in ctx.scenario.get("dataset_categories", [])}
    return [i for i, name in enumerate(labels) if flags.get(name, True)]


def robotics_rank(values, robotics, ranked):
    """Rank of robotics among the ranked categories (1 = largest): (replication, week)."""
    v = values[:, :, ranked]
    mine = values[:, :, robotics][:, :, None]
    return 1 + (v > mine).sum(axis=2)


def build(ctx):
    s = Section(
        "datasets",
        "Datasets: robotics and the other categories",
        "Datasets published on the hub by category; robotics grew from a niche to the largest "
        "category in 2025.",
    )
    f = ctx.file
    labels = f.labels("category")
    values = f.series("cum_datasets")
    x = ctx.step_ends()
    if ROBOTICS not in labels:
        s.note("This scenario has no 'robotics' dataset category.")
        return s
    robotics = labels.index(ROBOTICS)
    ranked = ranked_categories(ctx, labels)
    final = np.nanmedian(values[:, -1, :], axis=0)
    others = [i for i in np.argsort(final)[::-1] if i != robotics and i in ranked][:OTHERS_SHOWN]
    rest = [i for i in range(len(labels)) if i != robotics and i not in others]

    fig, axes = charts.new_figure(ncols=2, height=3.6)
    ax, rank_ax = axes
    shown = [(ROBOTICS, values[:, :, robotics], "datasets_robotics")]
    for n, i in enumerate(others):
        shown.append((labels[i], values[:, :, i], "datasets_runner_up" if n == 0 else None))
    if rest:
        shown.append((f"all {len(rest)} other categories", values[:, :, rest].sum(axis=2), None))
    band = None
    for i, (label, v, stat) in enumerate(shown):
        band = bands.over_replications(v)
        c = charts.colour(i)
        charts.plot_band(ax, x, band, label, c, lw=2.2 if i == 0 else 1.4)
        for period, t in ctx.published.with_base(stat, ctx.reference_year) if stat else []:
            if not period.before:
                charts.published_point(ax, charts.year_end(period.year), t, None, c=c)
    ax.set_title("Datasets by category (log scale)")
    charts.format_count_axis(ax, log=True)
    ax.set_ylim(bottom=max(1.0, ax.get_ylim()[0]))
    charts.format_date_axis(ax)
    ax.legend(loc="upper left", fontsize=7)

    rank = robotics_rank(values, robotics, ranked).astype(np.float64)
    rank_band = bands.over_replications(rank)
    charts.plot_band(rank_ax, x, rank_band, "simulated", charts.colour(0))
    for n, (period, t) in enumerate(ctx.published.with_base("datasets_robotics_rank", ctx.reference_year)):
        charts.published_point(rank_ax, charts.year_end(period.year), t, None if n else "published (range)")
    rank_ax.set_yscale("log")
    rank_ax.invert_yaxis()
    rank_ax.yaxis.set_major_locator(charts.mticker.FixedLocator([1, 2, 5, 10, 20, 50, 100]))
    rank_ax.yaxis.set_minor_locator(charts.mticker.NullLocator())
    rank_ax.yaxis.set_major_formatter(charts.mticker.FuncFormatter(lambda v, _: f"{v:g}"))
    rank_ax.set_title(f"Rank of robotics among {len(ranked)} ranked categories (1 = largest)")
    charts.format_date_axis(rank_ax)
    rank_ax.legend(loc="center left")
    s.figure(
        charts.to_data_uri(fig),
        "Robotics datasets against the other categories, and robotics' rank",
        "Left: datasets on the hub by category (full scale): robotics, the largest other "
        "categories at the end of the window, and the rest combined; dots with bars: published "
        "counts (robotics, and the runner-up category in the runner-up's colour). Right: the "
        "rank of robotics by count. " + charts.band_caption(band),
        "datasets",
    )
    return s
