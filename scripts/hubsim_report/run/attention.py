"""Attention decay: how a model's downloads fall off after its release.

A run file holds each model's downloads per calendar year (/models/downloads_by_year), not
per week, so the curves are derived from that:

- Median model: a model released a weeks before the end of its release year Y received the
  share D[Y] / (D[Y] + D[Y+1]) of its downloads of those two years within its first a weeks.
  Grouping models by a (their release date within the year) traces the cumulative attention
  curve: the share of early downloads received by each age.
- Landmark models: their share of the hub's downloads in each calendar year since release, for
  the models of the scenario's landmark_release events and the most downloaded base models of
  named publishers.
- The engine's own weekly measure, the mean engagement duration (mean_engagement_weeks_<year>).
"""

import numpy as np

from .. import bands, charts
from ..html_page import Section
from ..result_file import date_to_day, days_to_dates

MIN_DOWNLOADS = 10  # models with fewer downloads in the two years say nothing about a curve
MIN_MODELS_PER_WEEK = 5
TOP_BASE_MODELS = 3


def weighted_quantiles(values, weights, qs):
    order = np.argsort(values)
    v = values[order]
    cw = np.cumsum(weights[order])
    cw /= cw[-1]
    return [float(v[min(np.searchsorted(cw, q), len(v) - 1)]) for q in qs]


def cumulative_curves(ctx):
    """{cohort year: (age weeks, median, q25, q75, models)} for cohorts with a complete next year."""
    f = ctx.file
    years = [int(y) for y in f.models("year")]
    start = date_to_day(f.attr("start"))
    end = date_to_day(f.attr("end"))
    release = f.models("release_day")
    weights = f.models("represents").astype(np.float64)
    by_year = f.models("downloads_by_year")  # read once: chunks hold every year
    curves = {}
    for j, year in enumerate(years[:-1]):
        if date_to_day(f"{year + 1}-12-31") > end:  # the next year must be complete
            continue
        year_end = date_to_day(f"{year + 1}-01-01")
        cohort = (release >= max(start, date_to_day(f"{year}-01-01"))) & (release < year_end)
        if not cohort.any():
            continue
        d = by_year[:, j:j + 2][cohort].astype(np.float64)
        total = d.sum(axis=1)
        ok = total >= MIN_DOWNLOADS
        share = d[ok, 0] / total[ok]
        age = (year_end - release[cohort][ok]) // 7
        w = weights[cohort][ok]
        rows = []
        for a in range(0, 53):
            sel = age == a
            if sel.sum() >= MIN_MODELS_PER_WEEK:
                q25, q50, q75 = weighted_quantiles(share[sel], w[sel], (0.25, 0.5, 0.75))
                rows.append((a, q50, q25, q75))
        if len(rows) >= 8:
            a, q50, q25, q75 = (np.array(c) for c in zip(*rows))
            curves[year] = (a, q50, q25, q75, int(ok.sum()))
    return curves


def landmark_models(ctx):
    """[(label, model ids)]: landmark-release events first, then the top named base models."""
    f = ctx.file
    publishers = f.names("publishers/name")
    release = f.models("release_day")
    publisher = f.models("publisher")
    one = f.models("represents") == 1
    out = []
    for event in ctx.scenario.get("events", []):
        if event.get("type") != "landmark_release" or event.get("publisher") not in publishers:
            continue
        day = date_to_day(str(event.get("date")))
        pid = publishers.index(event["publisher"])
        ids = np.nonzero(one & (publisher == pid) & (release >= day) & (release < day + ctx.step_days))[0]
        if len(ids):
            label = f"{event.get('id', event['publisher'])} ({len(ids)} models, {event.get('date')})"
            out.append((label, ids))
    kind = f.models("kind")
    base_code = {v: k for k, v in f.enum_labels("models/kind").items()}.get("base", 0)
    start = date_to_day(f.attr("start"))
    candidates = np.nonzero(one & (kind == base_code) & (release >= start))[0]
    taken = {int(i) for _, ids in out for i in ids}
    top = candidates[np.argsort(f.models("downloads_total")[candidates])[::-1]]
    families = f.names("families/name")
    params = f.models("params")
    family = f.models("family")
    for i in [int(i) for i in top if int(i) not in taken][:TOP_BASE_MODELS]:
        fam = families[family[i]] if 0 <= family[i] < len(families) else "?"
        when = str(days_to_dates(release[i]))
        label = f"{publishers[publisher[i]]} ({fam}), {params[i] / 1e9:.3g}B parameters, {when}"
        out.append((label, np.array([i])))
    return out


def _share_by_year(ctx, ids):
    """(year spans, share) for each calendar year since release: the models' downloads in the
    year divided by all of the hub's downloads in that year from their release on
    (replication 0, the replication of the model table). A share, not a count, so the hub's
    growth does not hide the decay."""
    f = ctx.file
    years = [int(y) for y in f.models("year")]
    first = int(f.models("release_day")[ids].min())
    d = f.models("downloads_by_year")[ids].astype(np.float64).sum(axis=0)
    step_start = f.h5["series/week"][()].astype(np.int64)
    step_year = days_to_dates(step_start + ctx.step_days // 2).astype("datetime64[Y]").astype(int) + 1970
    hub = f.series("new_downloads")[0]
    spans, out = [], []
    for j, year in enumerate(years):
        steps = (step_year == year) & (step_start + ctx.step_days > first)
        total = hub[steps].sum()
        if steps.sum() >= 1 and total > 0:
            spans.append((max(int(step_start[steps][0]), first), int(step_start[steps][-1]) + ctx.step_days))
            out.append(d[j] / total)
    return spans, out


def _engagement_by_year(ctx):
    return ctx.file.yearly_stats(r"(mean_engagement_weeks)").get("mean_engagement_weeks", {})


def build(ctx):
    s = Section(
        "attention",
        "Attention decay",
        "A model's downloads peak right after its release and then fall away; the hub reports "
        "a mean engagement of about six weeks.",
    )
    f = ctx.file
    if f.has_models():
        curves = cumulative_curves(ctx)
        landmarks = landmark_models(ctx)
        if curves or landmarks:
            fig, axes = charts.new_figure(ncols=2, height=3.6)
            med, land = axes
            for i, (year, (a, q50, q25, q75, n)) in enumerate(sorted(curves.items())):
                c = charts.colour(i)
                med.fill_between(a, q25, q75, color=c, alpha=0.12, lw=0)
                med.plot(a, q50, color=c, lw=1.6, label=f"released in {year} ({n:,} models)")
            med.set_title("Median model: cumulative share of early downloads")
            med.set_xlabel("weeks since release")
            charts.format_share_axis(med, 1)
            med.legend(loc="upper left", bbox_to_anchor=(0, -0.18), fontsize=7)
            if not curves:
                med.set_visible(False)
            for i, (label, ids) in enumerate(landmarks):
                spans, shares = _share_by_year(ctx, ids)
                xs, ys = [], []
                for (lo, hi), r in zip(spans, shares):
                    xs += [days_to_dates(lo), days_to_dates(hi)]
                    ys += [r, r]
                land.plot(xs, ys, color=charts.colour(i), lw=1.6, label=label)
            land.set_title("Landmark models: share of all downloads")
            land.set_yscale("log")
            land.yaxis.set_major_formatter(charts.mticker.FuncFormatter(lambda v, _: f"{100 * v:.2g}%"))
            charts.format_date_axis(land)
            land.legend(loc="upper left", bbox_to_anchor=(0, -0.12), fontsize=7)
            if not landmarks:
                land.set_visible(False)
            s.figure(
                charts.to_data_uri(fig),
                "Attention decay of the median model and of landmark models",
                "Left: for models released in a year, the share of their downloads in that year "
                "and the next that came within their first a weeks, by a (line: weighted median "
                "over models; shading: middle 50% of models; models with at least "
                f"{MIN_DOWNLOADS} downloads). The steep start is the attention peak after "
                "release, the slow rise afterwards the long tail. Right: downloads in "
                "each calendar year since release as a share of all the hub's downloads from the "
                "release on (a share, so that the hub's growth does not hide the decay), for the "
                "models of the scenario's landmark releases and the "
                f"{TOP_BASE_MODELS} most downloaded base models of named publishers; replication "
                "0. The file holds per-model downloads per calendar year, not per week, hence "
                "the yearly steps.",
                "attention",
            )
    else:
        s.note("This file has no per-model table, so only the engine's engagement measure is shown.")
    engagement = _engagement_by_year(ctx)
    if engagement:
        years = sorted(engagement)
        band = bands.over_replications(np.array([engagement[y] for y in years]).T)
        fig, axes = charts.new_figure(height=2.8)
        ax = axes[0]
        yerr = None if band.lo is None else [band.median - band.lo, band.hi - band.median]
        ax.errorbar(years, band.median, yerr=yerr, marker="s", ms=4, capsize=3,
                    color=charts.colour(0), label="simulated")
        for period, t in ctx.published.with_base("mean_engagement_weeks", ctx.reference_year):
            charts.published_point(ax, period.year + 0.08, t, "published (range)")
        ax.set_title("Mean engagement duration of the models released in each year (weeks)")
        ax.xaxis.set_major_locator(charts.mticker.MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
        s.figure(
            charts.to_data_uri(fig),
            "Mean engagement duration by release year",
            "mean_engagement_weeks_<year>: the download-weighted mean age of a model's downloads "
            "in its first 26 weeks, averaged over the models released in the year (computed by "
            "the engine from weekly downloads; outputs/STATISTICS.md). Squares: median; bars: "
            + (band.label if band.lo is not None else "one replication") + ".",
            "engagement",
        )
    return s
