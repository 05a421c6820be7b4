"""Derivative counts per family: fine-tunes, quantizations, adapters and merges made by others
from a family's models."""

import numpy as np

from .. import bands, charts
from ..html_page import Section

TOP_FAMILIES = 15


def direct_derivatives(ctx):
    """Full-scale direct derivatives of every family at the end of the window (replication 0):
    non-base models by other publishers whose declared parent is a model of the family released
    by the family's owner (the publisher of its base models), as derivatives_<family> counts."""
    f = ctx.file
    family = f.models("family")
    publisher = f.models("publisher")
    parent = f.models("parent")
    kind = f.models("kind")
    weights = f.models("represents").astype(np.float64)
    base_code = {v: k for k, v in f.enum_labels("models/kind").items()}.get("base", 0)
    n_families = max(len(f.names("families/name")), int(family.max()) + 1 if len(family) else 0)
    owner = np.full(n_families, -1, dtype=np.int64)
    base = np.nonzero((kind == base_code) & (family >= 0))[0]
    fam_of_base, first = np.unique(family[base], return_index=True)
    owner[fam_of_base] = publisher[base[first]]
    child = np.nonzero((parent >= 0) & (kind != base_code))[0]
    p = parent[child]
    fam = family[p]
    valid = fam >= 0
    child, p, fam = child[valid], p[valid], fam[valid]
    own = owner[fam]
    direct = (publisher[p] == own) & (publisher[child] != own)
    return np.bincount(fam[direct], weights=weights[child[direct]], minlength=n_families)


def _reported(ctx):
    """{family: {year: values over replications}} from derivatives_<family>_<year>."""
    return ctx.file.yearly_stats(r"derivatives_(.+)")


def build(ctx):
    s = Section(
        "derivatives",
        "Derivatives per family",
        "How many models others derived directly from each family's models (fine-tunes, "
        "quantizations, adapters, merges).",
    )
    f = ctx.file
    if f.has_models():
        counts = direct_derivatives(ctx)
        names = f.names("families/name")
        order = [int(i) for i in np.argsort(counts)[::-1][:TOP_FAMILIES] if counts[i] > 0]
        if order:
            fig, axes = charts.new_figure(height=0.28 * len(order) + 1.0)
            ax = axes[0]
            labels = [names[i] if i < len(names) else f"family {i}" for i in order]
            ax.barh(range(len(order)), counts[order], color=charts.colour(0))
            ax.set_yticks(range(len(order)), labels)
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(charts.mticker.FuncFormatter(charts.human))
            ax.set_title("Direct derivatives at the end of the window (replication 0)")
            ax.grid(axis="y", visible=False)
            s.figure(
                charts.to_data_uri(fig),
                "Direct derivatives of the most derived-from families",
                f"The {len(order)} families with most direct derivatives, counted from the "
                "per-model table (full scale: a generated model stands for 1/scale models).",
                "derivatives_families",
            )
    else:
        s.note("This file has no per-model table; only the families the engine reports on are shown.")
    reported = _reported(ctx)
    if reported:
        fig, axes = charts.new_figure(height=3.2)
        ax = axes[0]
        band = None
        shown = False
        for i, (family, by_year) in enumerate(sorted(reported.items())):
            years = sorted(by_year)
            band = bands.over_replications(np.array([by_year[y] for y in years]).T)
            c = charts.colour(i)
            yerr = None if band.lo is None else [band.median - band.lo, band.hi - band.median]
            ax.errorbar(years, band.median, yerr=yerr, color=c, marker="s", ms=4, capsize=3, label=family)
            for period, t in ctx.published.with_base(f"derivatives_{family}", ctx.reference_year):
                charts.published_point(ax, period.year + 0.1, t, None, c=c)
                shown = True
        ax.set_title("Direct derivatives at the end of each year, reported families")
        ax.xaxis.set_major_locator(charts.mticker.MaxNLocator(integer=True))
        charts.format_count_axis(ax)
        ax.legend(loc="upper left")
        s.figure(
            charts.to_data_uri(fig),
            "Direct derivatives by year for the families with published counts",
            "derivatives_<family>_<year> over replications (squares: median; bars: "
            + (band.label if band.lo is not None else "one replication") + ")."
            + (" Dots with bars beside the squares: published counts and ranges, in the family's "
               "colour." if shown else ""),
            "derivatives_years",
        )
    return s
