"""Sections of a comparison file (`hubsim compare`; writer: engine/io/compare_writer.cpp, schema:
outputs/README.md): each outcome per scenario with its bands, the differences from the first
scenario, the plain-language table, robustness, and the key series of every scenario over time.

/outcomes: value and difference (outcome, scenario, member); quantiles and
difference_quantiles (outcome, scenario, quantile); label, direction, units per outcome.
/scenarios/<i>: laid out like a run file (series, stats per member).
"""

import numpy as np

from . import bands, charts, forecast
from .html_page import Section

PANELS_PER_ROW = 2


def is_comparison(f):
    return f.attr("kind") == "comparison" or (f.has("outcomes") and f.has("scenarios"))


class Outcomes:
    """The /outcomes group, with quantiles looked up by their level."""

    def __init__(self, f):
        g = f.h5["outcomes"]
        self.scenarios = f.names("outcomes/scenario")
        self.keys = f.names("outcomes/outcome")
        self.labels = f.names("outcomes/label") or self.keys
        self.directions = f.names("outcomes/direction") or [""] * len(self.keys)
        self.units = f.names("outcomes/units") or [""] * len(self.keys)
        levels = list(np.round(g["quantile"][()], 6))
        self.q = {float(v): i for i, v in enumerate(levels)}
        self.quantiles = g["quantiles"][()]  # (outcome, scenario, quantile)
        self.difference_quantiles = g["difference_quantiles"][()]
        self.difference = g["difference"][()] if "difference" in g else None  # (outcome, scenario, member)

    def at(self, table, o, s, level):
        return table[o, s, self.q[level]]

    def fmt(self, o, x):
        return charts.percent(x) if self.units[o] == "share" else charts.human(x)

    def fmt_diff(self, o, d):
        if not np.isfinite(d):
            return "n/a"
        if self.units[o] == "share":
            return f"{100 * d:+.1f} pts"
        return ("+" if d > 0 else "") + charts.human(d)

    def better_share(self, o, s):
        """Share of members where the difference points in the better direction."""
        if self.difference is None:
            return np.nan
        d = self.difference[o, s]
        d = d[np.isfinite(d)]
        if len(d) == 0:
            return np.nan
        better = d > 0 if self.directions[o] == "higher_is_better" else d < 0
        return float(better.mean())


def _interval_chart(out, table, scenario_ids, title_of, zero_line):
    """One panel per outcome: per scenario a median dot, a thick 50% bar and a thin 90% bar."""
    n = len(out.keys)
    rows = (n + PANELS_PER_ROW - 1) // PANELS_PER_ROW
    height = 0.32 * len(scenario_ids) + 1.2
    fig, axes = charts.new_figure(ncols=PANELS_PER_ROW, nrows=rows, height=height)
    for o in range(n):
        ax = axes[o]
        for row, s in enumerate(scenario_ids):
            c = charts.colour(s)
            ax.hlines(row, out.at(table, o, s, 0.05), out.at(table, o, s, 0.95), color=c, lw=1.5)
            ax.hlines(row, out.at(table, o, s, 0.25), out.at(table, o, s, 0.75), color=c, lw=5, alpha=0.6)
            ax.plot(out.at(table, o, s, 0.5), row, "o", color=c, ms=5, mec="white")
        if zero_line:
            ax.axvline(0, color="#555", lw=0.8, ls=":")
        ax.set_yticks(range(len(scenario_ids)), [out.scenarios[s] for s in scenario_ids], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(title_of(o), fontsize=8)
        if out.units[o] != "share":
            ax.xaxis.set_major_formatter(charts.mticker.FuncFormatter(charts.human))
        elif zero_line:
            charts.points_axis(ax.xaxis)
        else:
            ax.xaxis.set_major_formatter(charts.mticker.PercentFormatter(1.0))
        ax.grid(axis="y", visible=False)
    for ax in axes[n:]:
        ax.set_visible(False)
    return charts.to_data_uri(fig)


def _outcomes_section(ctx, out):
    s = Section(
        "outcomes",
        "Outcomes per scenario",
        "Each outcome in every scenario, over the ensemble members (the same random numbers in "
        "every scenario): dot = median member, thick bar = middle 50%, thin bar = 90%.",
        kind="comparison",
    )
    arrow = {"higher_is_better": "higher is better", "lower_is_better": "lower is better"}
    s.figure(
        _interval_chart(out, out.quantiles, list(range(len(out.scenarios))),
                        lambda o: f"{out.labels[o]} ({arrow.get(out.directions[o], out.directions[o])})",
                        zero_line=False),
        "Outcomes per scenario with bands",
        "Median and 50% / 90% bands over members, one panel per outcome.",
        "comparison_outcomes",
    )
    return s


def _differences_section(ctx, out):
    ref = out.scenarios[0]
    s = Section(
        "differences",
        f"Differences from '{ref}'",
        f"Each scenario minus '{ref}', member by member (common random numbers make these "
        "differences far tighter than the outcomes themselves; identical scenarios give exactly 0).",
        kind="comparison",
    )
    others = list(range(1, len(out.scenarios)))
    if others:
        s.figure(
            _interval_chart(out, out.difference_quantiles, others, lambda o: out.labels[o],
                            zero_line=True),
            f"Differences from {ref} with bands",
            "Median difference and its 50% / 90% bands over members; the dotted line is no change.",
            "comparison_differences",
        )
    rows = []
    for o in range(len(out.keys)):
        base = out.at(out.quantiles, o, 0, 0.5)
        for sc in others:
            d = [out.at(out.difference_quantiles, o, sc, q) for q in (0.5, 0.05, 0.95)]
            better = out.better_share(o, sc)
            better_text = "n/a" if not np.isfinite(better) else f"{100 * better:.0f}%"
            sentence = (
                f"{out.labels[o]}: {out.fmt(o, base)} → {out.fmt(o, out.at(out.quantiles, o, sc, 0.5))} "
                f"({out.fmt_diff(o, d[0])}, 90% band {out.fmt_diff(o, d[1])}..{out.fmt_diff(o, d[2])}; "
                f"better in {better_text} of members)"
            )
            rows.append([out.scenarios[sc], sentence, out.directions[o].replace("_", " ")])
    s.heading("In plain language")
    s.table(["scenario", f"outcome: {ref} → scenario (difference, 90% band)", "which way is better"],
            rows, table_id="plain-language")
    return s


def _robustness_section(ctx, out):
    f = ctx.file
    s = Section(
        "robustness",
        "Robustness of each scenario",
        "Across the uncertainty ensemble: mean and spread of each outcome, and regret, the "
        "shortfall from the best scenario of the same member (lower is more robust).",
        kind="comparison",
    )
    g = f.h5["robustness"]
    rows = []
    for o in range(len(out.keys)):
        for sc, name in enumerate(out.scenarios):
            share = out.units[o] == "share"
            spread = (lambda v: f"{100 * v:.1f} pts") if share else charts.human
            rows.append([out.labels[o], name, out.fmt(o, g["mean"][o, sc]), spread(g["sd"][o, sc]),
                         spread(g["mean_regret"][o, sc]), spread(g["max_regret"][o, sc]),
                         charts.percent(g["best_share"][o, sc])])
    s.table(["outcome", "scenario", "mean", "sd", "mean regret", "max regret", "best in"], rows,
            table_id="robustness-table", numeric=(2, 3, 4, 5, 6))
    return s


def _series_section(ctx, out):
    f = ctx.file
    s = Section(
        "series",
        "Key series of every scenario over time",
        "The hub's trajectory in each scenario, median over members with the 90% band.",
        kind="comparison",
    )
    groups = [f"scenarios/{i}/series" for i in range(len(out.scenarios))]
    groups = [g for g in groups if f.has(g)]
    if not groups:
        s.note("The file holds no per-scenario series.")
        return s
    per_scenario = [forecast.outcomes(ctx, g) for g in groups]
    titles = [t for t, *_ in per_scenario[0]]
    for start in range(0, len(titles), 2):
        fig, axes = charts.new_figure(ncols=2, height=3.2)
        for ax, k in zip(axes, range(start, min(start + 2, len(titles)))):
            kind = per_scenario[0][k][2]
            for sc, items in enumerate(per_scenario):
                x = ctx.step_ends(groups[sc])
                charts.plot_band(ax, x, bands.over_replications_90(items[k][1]), out.scenarios[sc],
                                 charts.colour(sc), alpha=0.12)
            ax.set_title(titles[k])
            if kind == "share":
                charts.format_share_axis(ax)
            else:
                charts.format_count_axis(ax, log=kind == "size")
            charts.format_date_axis(ax)
            ax.legend(loc="upper left", fontsize=7)
        for ax in axes[len(range(start, min(start + 2, len(titles)))):]:
            ax.set_visible(False)
        s.figure(charts.to_data_uri(fig), "Series by scenario: " + ", ".join(titles[start:start + 2]),
                 "Median over members; shaded: 90% band (shares and sizes over a rolling quarter).",
                 f"comparison_series_{start // 2}")
    return s


def build_sections(ctx):
    out = Outcomes(ctx.file)
    return [
        _outcomes_section(ctx, out),
        _differences_section(ctx, out),
        _robustness_section(ctx, out),
        _series_section(ctx, out),
    ]
