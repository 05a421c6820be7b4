"""Growth of models, users and datasets against the published year-end counts."""

from .. import bands, charts
from ..html_page import Section

PANELS = [
    # (statistic base of the published points, series, title)
    ("models_total", "cum_models", "Models on the hub"),
    ("users_total", "n_users", "Registered users"),
    ("datasets_total", "cum_datasets", "Datasets on the hub"),
]


def stock(ctx, series):
    """A stock series summed over its category dimensions: (replication, week)."""
    values = ctx.file.series(series)
    return values.reshape(values.shape[0], values.shape[1], -1).sum(axis=2)


def build(ctx):
    s = Section(
        "growth",
        "Growth of the hub",
        "How many models, users and datasets the simulated hub holds over time, beside the "
        "counts the hub has published for the end of each year.",
    )
    x = ctx.step_ends()
    fig, axes = charts.new_figure(ncols=3, height=3.2, width=10.5)
    band = None
    shown_published = 0
    for ax, (base, series, title) in zip(axes, PANELS):
        band = bands.over_replications(stock(ctx, series))
        charts.plot_band(ax, x, band, "simulated", charts.colour(0))
        for period, target in ctx.published.with_base(base, ctx.reference_year):
            if period.before:
                continue
            charts.published_point(
                ax, charts.year_end(period.year), target,
                "published (range)" if not shown_published else None,
            )
            shown_published += 1
        ax.set_title(title)
        charts.format_count_axis(ax)
        charts.format_date_axis(ax)
        ax.set_ylim(bottom=0)
    axes[0].legend(loc="upper left")
    caption = (
        "Full-scale counts at the end of each step. "
        + charts.band_caption(band)
        + (
            " Black dots with bars: published year-end counts and their ranges "
            "(calibration/targets.toml)."
            if shown_published
            else " No published values were available for this report."
        )
    )
    s.figure(charts.to_data_uri(fig), "Models, users and datasets over time", caption, "growth")
    return s
