"""`hubsim report FILE.h5 [--out report.html]`: one self-contained HTML page for a result file.

Exit codes: 0 written, 2 bad input (the message names the file and the problem), 1 a failure.
"""

import argparse
import os
import sys
import time

from . import kinds
from .context import ReportContext
from .errors import ReportInputError
from .html_page import Page, write_atomically
from .published import DEFAULT_TARGETS, load_published
from .result_file import ResultFile

VERSION_NOTE = "Made by hubsim report from {file}; images are embedded, the page needs no network."

FACTS = [
    # (root attribute, label)
    ("scenario_name", "scenario"),
    ("scenario_file", "scenario file"),
    ("scenario_names", "scenarios"),
    ("members", "ensemble members"),
    ("method", "calibration method"),
    ("targets_file", "targets"),
    ("start", "window start"),
    ("end", "window end"),
    ("step_days", "step (days)"),
    ("scale", "scale (1 = full)"),
    ("seed", "seed"),
    ("replications", "replications"),
    ("hubsim_version", "hubsim version"),
    ("created_utc", "created (UTC)"),
    ("command_line", "command line"),
    ("wall_seconds", "wall time (s)"),
]

SUBTITLES = {
    kinds.RUN: "A simulated history of the open-model hub: how it grew, who got the downloads, "
    "how concentrated they are, and how the simulation compares with the published statistics.",
    kinds.FORECAST: "A forecast: the simulated hub carried past the published history, with "
    "the uncertainty of the ensemble shown as fan charts.",
    kinds.COMPARISON: "Scenarios side by side on the same random numbers: each outcome per "
    "scenario with its band, and its difference from the first scenario.",
    kinds.CALIBRATION: "A calibration: the published targets with their ranges against the "
    "simulated values, the posterior of the free parameters, and the recovery study.",
}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="hubsim report", description=__doc__.splitlines()[0])
    p.add_argument("file", help="result file (HDF5) written by hubsim")
    p.add_argument("--out", "-o", help="HTML file to write (default: FILE with .html)")
    p.add_argument("--targets", help=f"published values to compare with (default: {DEFAULT_TARGETS} if present)")
    p.add_argument("--no-targets", action="store_true", help="show no published values")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    # `hubsim report` lets this script write a temporary file that it renames into place.
    p.add_argument("--shown-as", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def facts(f, kind, published):
    out = [("file", os.path.basename(f.path)), ("kind", kind)]
    for attr, label in FACTS:
        value = f.attr(attr)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, float):
            value = f"{value:g}"
        out.append((label, str(value)))
    out.append(("published values", published.path if published else "none"))
    return out


def build_page(path, published_path, require_published):
    published = load_published(published_path, require_published)
    try:
        f = ResultFile(path)
    except OSError as e:
        raise ReportInputError(f"{path}: cannot open as an HDF5 file ({e})") from e
    with f:
        kind = kinds.detect(f)
        ctx = ReportContext(f, published, f.reference_year())
        name = f.attr("scenario_name") or os.path.splitext(os.path.basename(path))[0]
        page = Page(
            f"hubsim {kind} report: {name}",
            SUBTITLES[kind],
            facts(f, kind, published),
            VERSION_NOTE.format(file=os.path.abspath(path)),
        )
        for section in kinds.sections_for(kind, ctx):
            page.add(section)
    return page, kind


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    out = args.out or os.path.splitext(args.file)[0] + ".html"
    try:
        if not os.path.isfile(args.file):
            raise ReportInputError(f"{args.file}: no such file")
        targets = None if args.no_targets else (args.targets or DEFAULT_TARGETS)
        page, kind = build_page(args.file, targets, require_published=bool(args.targets))
        html = page.render()
        write_atomically(out, html)
    except ReportInputError as e:
        print(f"hubsim report: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        charts = html.count('<figure class="chart"')
        print(
            f"hubsim report: {kind} report with {charts} charts written to {args.shown_as or out} "
            f"({len(html) / 1e6:.1f} MB, {time.monotonic() - started:.1f} s)"
        )
    return 0
