"""The statistics against the published ranges, and every statistic of the file."""

import numpy as np

from .. import charts
from ..html_page import Section


def format_value(x, units):
    if x is None or not np.isfinite(x):
        return "n/a"
    if units == "share":
        return f"{100 * x:.1f}%"
    if abs(x) >= 1000:
        return charts.human(x)
    return f"{x:.3g}"


def summary(values):
    """(mean, sd, min, max, finite count) over replications."""
    v = values[np.isfinite(values)]
    if len(v) == 0:
        return np.nan, np.nan, np.nan, np.nan, 0
    sd = float(v.std(ddof=1)) if len(v) > 1 else 0.0
    return float(v.mean()), sd, float(v.min()), float(v.max()), len(v)


def simulated_text(values, units):
    mean, sd, lo, hi, n = summary(values)
    if n == 0:
        return "n/a", "n/a"
    if n == 1:
        return format_value(mean, units), "one replication"
    return (
        f"{format_value(mean, units)} ± {format_value(sd, units)}",
        f"{format_value(lo, units)} to {format_value(hi, units)}",
    )


def _targets_table(ctx, s, group="stats"):
    f = ctx.file
    rows, classes = [], []
    inside_count = outside_count = 0
    for t in ctx.published.targets:
        values = f.stat(t.stat, group)
        units = f.stat_attr(t.stat, "units", group) or ""
        published = format_value(t.value, units) if t.value is not None else "-"
        bounds = f"{format_value(t.lo, units)} to {format_value(t.hi, units)}"
        if values is None:
            rows.append([t.stat, t.role, published, bounds, "not in this file", "", ("-", "missing"), "", t.source])
            classes.append("missing")
            continue
        mean, _, _, _, n = summary(values)
        sim, spread = simulated_text(values, units)
        if n == 0:
            verdict = ("n/a", "missing")
        elif t.contains(mean):
            verdict = ("inside", "inside")
            inside_count += 1
        else:
            verdict = ("outside", "outside")
            outside_count += 1
        k = int(sum(t.contains(v) for v in values if np.isfinite(v)))
        rows.append([t.stat, t.role, published, bounds, sim, spread, verdict, f"{k}/{n}", t.source])
        classes.append(verdict[1])
    s.paragraph(
        f"{inside_count} of {inside_count + outside_count} published statistics found in this file "
        "have their simulated mean inside the published range"
        + (f"; {outside_count} outside." if outside_count else ".")
        + " 'fit' statistics are the calibration targets; 'check' ones are kept aside as checks."
    )
    s.table(
        ["statistic", "role", "published", "published range", "simulated mean ± sd",
         "replication range", "mean inside?", "replications inside", "source"],
        rows, table_id="statistics", numeric=(2, 3, 4, 5, 7), row_classes=classes,
    )


def _headline_table(ctx, s, group="stats"):
    f = ctx.file
    keys = [k for k in f.stat_keys(group) if not k[-4:].isdigit()]
    rows = []
    for key in keys:
        units = f.stat_attr(key, "units", group) or ""
        sim, spread = simulated_text(f.stat(key, group), units)
        rows.append([key, sim, spread, units])
    s.note("No published values were available (calibration/targets.toml not found, or "
           "--no-targets): the table lists the headline statistics without ranges.")
    s.table(["statistic", "simulated mean ± sd", "replication range", "units"], rows,
            table_id="statistics", numeric=(1, 2))


def all_statistics_html(ctx, group="stats"):
    """Every statistic in the file with its definition, as a collapsible table."""
    f = ctx.file
    s = Section("unused", "")
    rows = []
    for key in sorted(f.stat_keys(group)):
        units = f.stat_attr(key, "units", group) or ""
        sim, spread = simulated_text(f.stat(key, group), units)
        rows.append([key, sim, spread, units, f.stat_attr(key, "definition", group) or ""])
    s.table(["statistic", "mean ± sd", "replication range", "units", "definition"], rows,
            table_id="all-statistics", numeric=(1, 2))
    return "".join(s.blocks), len(rows)


def build(ctx):
    s = Section(
        "statistics",
        "Statistics against the published values",
        "Each published figure, its range, and what the simulation gives for it (mean and "
        "standard deviation over replications).",
    )
    if ctx.published:
        _targets_table(ctx, s)
    else:
        _headline_table(ctx, s)
    inner, n = all_statistics_html(ctx)
    s.details(f"All {n} statistics of this file, with their definitions", inner)
    return s
