"""Sections of a calibration report file (`hubsim calibrate`; writer: calibration/report.cpp,
schema: outputs/README.md): the targets with their ranges against the simulated values, the
posterior marginals and pair plots, the recovery study, and how the search converged."""

import numpy as np

from . import charts
from .html_page import Section
from .run.statistics_table import format_value

MAX_PAIR_PARAMETERS = 8
CLIP = (-1.45, 2.45)  # visible span of the targets chart, in published-range units


def is_calibration(f):
    kind = f.attr("kind")
    if kind is not None:
        return kind == "hubsim calibration report"
    return f.has("posterior") and f.has("targets")


def _column(f, group, name):
    return np.asarray(f.h5[group][name][()]) if name in f.h5[group] else None


def _parameter_bounds(f):
    """{name: (lo, hi, start, prior)} from /parameters."""
    if not f.has("parameters/parameter"):
        return {}
    names = f.names("parameters/parameter")
    lo, hi = _column(f, "parameters", "lo"), _column(f, "parameters", "hi")
    start = _column(f, "parameters", "start")
    prior = f.names("parameters/prior") or [""] * len(names)
    return {n: (lo[i], hi[i], start[i] if start is not None else np.nan, prior[i]) for i, n in enumerate(names)}


def _targets_section(ctx):
    f = ctx.file
    s = Section(
        "targets",
        "Targets: published ranges and simulated values",
        "Every published statistic the calibration aimed at, its range, and the simulated value "
        "at the scenario's own parameters and at the calibrated point estimate (the posterior "
        "sample nearest the median).",
        kind="calibration",
    )
    stats = f.names("targets/target")
    role_codes = _column(f, "targets", "role")
    roles = f.enum_labels("targets/role")
    lo, hi = _column(f, "targets", "lo"), _column(f, "targets", "hi")
    value = _column(f, "targets", "value")
    start_mean, start_sd = _column(f, "targets", "start_mean"), _column(f, "targets", "start_sd")
    mean, sd = _column(f, "targets", "mean"), _column(f, "targets", "sd")
    inside = _column(f, "targets", "inside")
    pm, p05, p95 = (_column(f, "targets", k) for k in ("predictive_median", "predictive_q05", "predictive_q95"))
    pin = _column(f, "targets", "predictive_inside")
    coverage = f.attr("moment_coverage_ratio")
    fit_inside, fit_total = f.attr("fit_inside"), f.attr("fit_total")
    if fit_total is not None:
        s.paragraph(
            f"{fit_inside} of {fit_total} fitted statistics have their calibrated mean inside the "
            "published range"
            + (f"; in {100 * coverage:.0f}% of the replications at the point estimate all "
               "fitted statistics are inside at once (moment coverage ratio)." if coverage is not None else ".")
        )

    # Chart: each target on its own scale, the published range mapped to [0, 1].
    n = len(stats)
    fig, axes = charts.new_figure(height=0.26 * n + 1.2)
    ax = axes[0]
    width = np.where(hi > lo, hi - lo, np.where(np.abs(hi) > 0, np.abs(hi), 1.0))

    def scaled(x):
        # Far-off values are pinned to the edges of the chart, so that every row shows its dot.
        return np.clip((x - lo) / width, *CLIP)

    y = np.arange(n)
    ax.barh(y, np.ones(n), left=np.zeros(n), color="#000", alpha=0.1, height=0.7, label="published range")
    if start_mean is not None:
        ax.plot(scaled(start_mean), y, "o", mfc="none", color=charts.colour(8), ms=5, label="scenario's own values")
    if pm is not None:
        ax.hlines(y, scaled(p05), scaled(p95), color=charts.colour(2), lw=3, alpha=0.5,
                  label="posterior predictive 90%")
    centre = scaled(mean)
    ax.errorbar(centre, y, xerr=[centre - scaled(mean - sd), scaled(mean + sd) - centre], fmt="o",
                color=charts.colour(0), ms=4, capsize=2, label="calibrated mean ± sd")
    ax.set_yticks(y, [f"{st} ({roles.get(int(r), '?')})" for st, r in zip(stats, role_codes)])
    ax.invert_yaxis()
    ax.set_xlim(-1.5, 2.5)
    ax.axvline(0, color="#999", lw=0.6)
    ax.axvline(1, color="#999", lw=0.6)
    ax.set_xlabel("position relative to the published range (0 = low end, 1 = high end)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(axis="y", visible=False)
    s.figure(
        charts.to_data_uri(fig),
        "Targets: published ranges and simulated values",
        "Each row is one statistic on its own scale: the grey box is its published range; values "
        "left of 0 are below it, right of 1 above it; values further off than the chart shows sit "
        "on its left or right edge.",
        "calibration_targets",
    )
    rows, classes = [], []
    for i, st in enumerate(stats):
        units = "share" if 0 <= lo[i] and hi[i] <= 1 and "share" in st else ""
        if not np.isfinite(mean[i]):
            verdict = ("n/a", "missing")
        else:
            verdict = ("inside", "inside") if inside[i] else ("outside", "outside")
        rows.append([
            st, roles.get(int(role_codes[i]), "?"),
            format_value(value[i], units) if np.isfinite(value[i]) else "-",
            f"{format_value(lo[i], units)} to {format_value(hi[i], units)}",
            f"{format_value(start_mean[i], units)} ± {format_value(start_sd[i], units)}",
            f"{format_value(mean[i], units)} ± {format_value(sd[i], units)}",
            verdict,
            f"{format_value(pm[i], units)} ({format_value(p05[i], units)} to {format_value(p95[i], units)})",
            f"{100 * pin[i]:.0f}%",
        ])
        classes.append(verdict[1])
    s.table(
        ["statistic", "role", "published", "published range", "scenario's values", "calibrated mean ± sd",
         "inside?", "predictive median (90%)", "predictive inside"],
        rows, table_id="statistics", numeric=(2, 3, 4, 5, 7, 8), row_classes=classes,
    )
    return s


def _weighted_quantile(x, w, q):
    order = np.argsort(x)
    cw = np.cumsum(w[order])
    return float(x[order][min(np.searchsorted(cw, q * cw[-1]), len(x) - 1)])


def _posterior_section(ctx):
    f = ctx.file
    s = Section(
        "posterior",
        "Posterior of the calibrated parameters",
        "What the calibration learned about each free parameter: weighted posterior samples "
        "against the prior bounds.",
        kind="calibration",
    )
    names = f.names("posterior/calibrated_parameter")
    samples = np.asarray(f.h5["posterior/samples"][()], dtype=np.float64)
    weights = np.asarray(f.h5["posterior/weights"][()], dtype=np.float64)
    if samples.size == 0 or not names:
        s.note("The posterior holds no samples.")
        return s
    weights = weights / weights.sum() if weights.sum() > 0 else np.full(len(weights), 1 / len(weights))
    bounds = _parameter_bounds(f)
    k = len(names)
    ncols = min(4, k)
    nrows = (k + ncols - 1) // ncols
    fig, axes = charts.new_figure(ncols=ncols, nrows=nrows, height=2.3, width=2.6 * ncols)
    rows = []
    for j, name in enumerate(names):
        ax = axes[j]
        lo, hi, start, prior = bounds.get(name, (samples[:, j].min(), samples[:, j].max(), np.nan, ""))
        edges = np.linspace(lo, hi, 25) if hi > lo else 20
        ax.hist(samples[:, j], bins=edges, weights=weights, color=charts.colour(0), alpha=0.7)
        q05, q50, q95 = (_weighted_quantile(samples[:, j], weights, q) for q in (0.05, 0.5, 0.95))
        ax.axvline(q50, color=charts.colour(1), lw=1.5)
        ax.axvspan(q05, q95, color=charts.colour(1), alpha=0.1)
        if np.isfinite(start):
            ax.axvline(start, color="#444", lw=1, ls=":")
        ax.set_title(name, fontsize=8)
        ax.set_yticks([])
        rows.append([name, prior, f"{lo:.4g} to {hi:.4g}", f"{start:.4g}", f"{q50:.4g}", f"{q05:.4g} to {q95:.4g}"])
    for ax in axes[k:]:
        ax.set_visible(False)
    s.figure(
        charts.to_data_uri(fig),
        "Posterior marginals",
        "Weighted histograms of the posterior samples over each parameter's prior bounds; red "
        "line and shading: posterior median and 90% interval; dotted: the scenario's value.",
        "posterior_marginals",
    )
    s.table(["parameter", "prior", "bounds", "scenario's value", "posterior median", "90% interval"],
            rows, table_id="posterior", numeric=(3, 4))
    if k >= 2:
        shown = names[:MAX_PAIR_PARAMETERS]
        m = len(shown)
        fig, axes = charts.new_figure(ncols=m, nrows=m, height=1.6, width=1.6 * m)
        size = 4 + 60 * weights / weights.max()
        for r in range(m):
            for c in range(m):
                ax = axes[r * m + c]
                if c > r:
                    ax.set_visible(False)
                    continue
                if r == c:
                    ax.hist(samples[:, r], bins=20, weights=weights, color=charts.colour(0), alpha=0.7)
                    ax.set_yticks([])
                else:
                    ax.scatter(samples[:, c], samples[:, r], s=size, alpha=0.4, color=charts.colour(0), lw=0)
                ax.tick_params(labelsize=6)
                if c == 0:
                    ax.set_ylabel(shown[r], fontsize=6)
                if r == m - 1:
                    ax.set_xlabel(shown[c], fontsize=6)
        s.figure(
            charts.to_data_uri(fig),
            "Posterior pair plots",
            "Each pair of calibrated parameters: posterior samples (dot size: weight); the "
            "diagonal repeats the marginals. Ridges and tilted clouds show parameters that can "
            "trade off against each other."
            + (f" The first {MAX_PAIR_PARAMETERS} of {k} parameters." if k > MAX_PAIR_PARAMETERS else ""),
            "posterior_pairs",
        )
    return s


def _recovery_section(ctx):
    f = ctx.file
    s = Section(
        "recovery",
        "Recovery study",
        "Targets made by the engine itself at known parameter values, calibrated back: a "
        "working calibration finds the truth inside its 90% intervals.",
        kind="calibration",
    )
    if not f.has("recovery"):
        s.note("This calibration file holds no recovery study (it is written by a recovery run; "
               "see calibration/README.md).")
        return s
    names = f.names("recovery/parameter")
    truth, med = _column(f, "recovery", "truth"), _column(f, "recovery", "median")
    q05, q95 = _column(f, "recovery", "q05"), _column(f, "recovery", "q95")
    covered = _column(f, "recovery", "covered")
    bounds = _parameter_bounds(f)
    n = len(names)
    fig, axes = charts.new_figure(height=0.3 * n + 1.2)
    ax = axes[0]
    rows = []
    for i, name in enumerate(names):
        lo, hi = bounds.get(name, (min(q05[i], truth[i]), max(q95[i], truth[i])))[:2]
        width = hi - lo if hi > lo else 1.0
        c = charts.colour(2) if covered[i] == 1 else charts.colour(1) if covered[i] == 0 else "#999"
        ax.hlines(i, (q05[i] - lo) / width, (q95[i] - lo) / width, color=c, lw=3, alpha=0.6)
        ax.plot((med[i] - lo) / width, i, "o", color=c, ms=5)
        ax.plot((truth[i] - lo) / width, i, "x", color="#000", ms=7)
        verdict = {1: ("covered", "inside"), 0: ("NOT covered", "outside")}.get(int(covered[i]), ("inert (fixed)", "missing"))
        rows.append([name, f"{truth[i]:.4g}", f"{med[i]:.4g}", f"{q05[i]:.4g} to {q95[i]:.4g}", verdict])
    ax.set_yticks(range(n), names)
    ax.invert_yaxis()
    ax.set_xlim(-0.05, 1.05)
    ax.set_xlabel("position within the prior bounds")
    ax.grid(axis="y", visible=False)
    s.figure(
        charts.to_data_uri(fig),
        "Recovery: truth against the posterior",
        "Black cross: the true value; dot and bar: posterior median and 90% interval (green: "
        "covers the truth, red: does not, grey: parameter fixed as inert), on each parameter's "
        "prior range.",
        "recovery",
    )
    n_cov = int((covered == 1).sum())
    n_cal = int((covered >= 0).sum())
    s.paragraph(f"The 90% interval covers the truth for {n_cov} of {n_cal} calibrated parameters.")
    s.table(["parameter", "truth", "posterior median", "90% interval", "covers the truth?"], rows,
            table_id="recovery-table", numeric=(1, 2, 3))
    return s


def _convergence_section(ctx):
    f = ctx.file
    s = Section(
        "convergence",
        "How the calibration converged",
        "The search stage's best distance per generation, the posterior stage's tolerance and "
        "the distinct particles of its population (resampling copies particles; the moves "
        "make them distinct again).",
        kind="calibration",
    )
    panels = []
    if f.has("search/best_distance") and f.h5["search/best_distance"].size:
        panels.append(("search: best distance", _column(f, "search", "best_distance"), "log"))
    if f.has("posterior/epsilon") and f.h5["posterior/epsilon"].size:
        eps = _column(f, "posterior", "epsilon").astype(np.float64)
        if np.isfinite(eps).any():
            panels.append(("ABC-SMC: tolerance",
                           np.where(np.isfinite(eps), eps, np.nan), "log"))
    if f.has("posterior/distinct") and f.h5["posterior/distinct"].size:
        panels.append(("ABC-SMC: distinct particles",
                       _column(f, "posterior", "distinct").astype(np.float64), "linear"))
    if not panels:
        s.note("No convergence history in this file.")
        return s
    fig, axes = charts.new_figure(ncols=len(panels), height=2.8)
    for ax, (title, values, yscale) in zip(axes, panels):
        ax.plot(np.arange(len(values)), values, marker="o", ms=3, color=charts.colour(0))
        ax.set_yscale(yscale)
        ax.set_title(title)
        ax.set_xlabel("generation")
    facts = [f"{k.replace('_', ' ')}: {f.attr(k)}" for k in ("method", "search_stop", "posterior_stop",
                                                               "runs_done", "budget_runs") if f.attr(k) is not None]
    s.figure(charts.to_data_uri(fig), "Convergence of the calibration", "; ".join(facts) + ".", "convergence")
    return s


def build_sections(ctx):
    return [_targets_section(ctx), _posterior_section(ctx), _recovery_section(ctx), _convergence_section(ctx)]
