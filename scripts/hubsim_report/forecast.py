"""Sections of a forecast: a run whose window reaches past the published history (e.g.
scenarios/forecast-2028.toml), usually an ensemble over posterior draws and replications.

Fan charts (median, 50% and 90% bands over the ensemble members, i.e. the replications of
/series) carry each outcome past the end of the history; the run's own sections follow.
"""

import numpy as np

from . import bands, charts, run
from .html_page import Section
from .keys import key_fragment
from .result_file import date_to_day

# End of the published history (SPEC: the history window is 2020-06 to 2026-03). A file may say
# otherwise with a root attribute `history_end`.
HISTORY_END = "2026-03-31"


def history_end(f):
    return str(f.attr("history_end") or HISTORY_END)


def is_forecast(f):
    if f.has("summary"):  # an ensemble summary (engine/io/ensemble_writer.cpp)
        return True
    end = f.attr("end")
    return end is not None and date_to_day(end) > date_to_day(history_end(f))


def _total(f, name, group):
    v = f.series(name, group)
    return v.reshape(v.shape[0], v.shape[1], -1).sum(axis=2)


def _share(ctx, name, dim, label, group):
    f = ctx.file
    labels = f.labels(dim, group)
    if label not in labels:
        return None
    return bands.shares(f.series(name, group), ctx.smoothing_steps())[:, :, labels.index(label)]


def _mean_size(ctx, group):
    f = ctx.file
    w = ctx.smoothing_steps()
    p = bands.rolling_sum(f.series("new_downloaded_params", group), w)
    d = bands.rolling_sum(f.series("new_downloads", group), w)
    with np.errstate(all="ignore"):
        return np.where(d > 0, p / np.where(d > 0, d, 1), np.nan)


def _category(ctx, name, group):
    labels = ctx.file.labels("category", group)
    return ctx.file.series("cum_datasets", group)[:, :, labels.index(name)] if name in labels else None


def outcomes(ctx, group="series"):
    """[(title, values (member, week), kind, published statistic base)]: the key outcomes over
    time, from a /series group."""
    f = ctx.file
    out = [
        ("Models on the hub", _total(f, "cum_models", group), "count", "models_total"),
        ("Registered users", _total(f, "n_users", group), "count", "users_total"),
        ("Datasets on the hub", _total(f, "cum_datasets", group), "count", "datasets_total"),
        ("Robotics datasets", _category(ctx, "robotics", group), "count", "datasets_robotics"),
    ]
    for region in ("CN", "US"):
        out.append((f"{region}-developed models' share of downloads",
                    _share(ctx, "new_downloads_by_region", "region", region, group), "share",
                    f"download_share_{key_fragment(region)}"))
    out.append(("Independent developers' share of downloads",
                _share(ctx, "new_downloads_by_type", "publisher_type", "independent", group), "share",
                "independent_download_share"))
    out.append(("Mean size of downloaded models (parameters)", _mean_size(ctx, group), "size",
                "mean_downloaded_params"))
    return [o for o in out if o[1] is not None]


def _fan_section(ctx):
    f = ctx.file
    end = history_end(f)
    members = f.series("cum_models").shape[0]
    s = Section(
        "forecast",
        f"Forecast to {str(f.attr('end'))[:4]}",
        f"Each outcome beyond the published history (which ends {end}), over {members} ensemble "
        "members: the line is the median member, the dark band holds the middle 50% of members, "
        "the light band 90%.",
        kind="forecast",
    )
    x = ctx.step_ends()
    cut = np.datetime64(end, "D")
    items = outcomes(ctx)
    table_years = sorted({int(str(d)[:4]) for d in x if d > cut})
    rows = []
    for start in range(0, len(items), 2):
        fig, axes = charts.new_figure(ncols=2, height=3.2)
        for ax, (title, values, kind, base) in zip(axes, items[start:start + 2]):
            q = bands.fan(values)
            charts.plot_fan(ax, x, q, "median", charts.colour(0))
            ax.axvline(cut, color="#555", lw=1, ls=":")
            ax.text(cut, 1.0, " history | forecast", transform=ax.get_xaxis_transform(), fontsize=7,
                    va="top", color="#555")
            for period, t in ctx.published.with_base(base, ctx.reference_year):
                if period.before:
                    continue
                if kind == "share" or kind == "size":
                    charts.published_span(ax, *charts.year_span(period.year), t)
                else:
                    charts.published_point(ax, charts.year_end(period.year), t)
            ax.set_title(title)
            if kind == "share":
                charts.format_share_axis(ax)
            else:
                charts.format_count_axis(ax, log=kind == "size")
            charts.format_date_axis(ax)
            for year in table_years:
                i = int(np.searchsorted(x, np.datetime64(f"{year}-12-31", "D"), side="right")) - 1
                fmt = charts.percent if kind == "share" else charts.human
                rows.append([title, str(x[i]), fmt(q[0.5][i]), f"{fmt(q[0.25][i])} to {fmt(q[0.75][i])}",
                             f"{fmt(q[0.05][i])} to {fmt(q[0.95][i])}"])
        for ax in axes[len(items[start:start + 2]):]:
            ax.set_visible(False)
        s.figure(
            charts.to_data_uri(fig),
            "Forecast fan charts: " + ", ".join(i[0] for i in items[start:start + 2]),
            "Fan charts over the ensemble members (median; 50% and 90% bands); the dotted line is "
            "the end of the published history; black marks: published values and ranges. Shares "
            "and sizes are over a rolling quarter.",
            f"fan_{start // 2}",
        )
    s.table(["outcome", "date", "median", "50% band", "90% band"], rows, table_id="forecast-table",
            numeric=(2, 3, 4))
    return s


def build_sections(ctx):
    return [_fan_section(ctx)] + run.build_sections(ctx)
