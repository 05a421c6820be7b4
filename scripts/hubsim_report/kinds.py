"""What kind of result a file is, decided from its content, and the sections of each kind."""

from .errors import ReportInputError

RUN = "run"
FORECAST = "forecast"
COMPARISON = "comparison"
CALIBRATION = "calibration"

# Files hubsim writes that have no report, by their root attribute `kind`.
UNREPORTED = {
    "hubsim sweep": "a sweep file: hubsim report has no sweep report (hubsim sweep prints the "
    "sensitivity indices; the file opens in h5py and xarray, see outputs/README.md)",
    "hubsim calibration checkpoint": "a calibration checkpoint, not a calibration report: report "
    "on the file hubsim calibrate writes with --report",
}


def detect(f):
    """The kind of a result file (ResultFile). Raises ReportInputError for other HDF5 files."""
    from . import calibration, comparison, forecast

    declared = f.attr("kind")
    if declared in UNREPORTED:
        raise ReportInputError(f"{f.path}: {UNREPORTED[declared]}")
    if calibration.is_calibration(f):
        return CALIBRATION
    if comparison.is_comparison(f):
        return COMPARISON
    if f.has("series") and f.has("stats") and f.attr("scenario_toml") is not None:
        return FORECAST if forecast.is_forecast(f) else RUN
    raise ReportInputError(
        f"{f.path}: an HDF5 file, but not a hubsim result this command can report on (expected a "
        "run, forecast, comparison or calibration file as described in outputs/README.md; found "
        f"top-level objects: {', '.join(sorted(f.h5.keys())) or 'none'})"
    )


def sections_for(kind, ctx):
    from . import calibration, comparison, forecast, run

    if kind == RUN:
        return run.build_sections(ctx)
    if kind == FORECAST:
        return forecast.build_sections(ctx)
    if kind == COMPARISON:
        return comparison.build_sections(ctx)
    if kind == CALIBRATION:
        return calibration.build_sections(ctx)
    raise ValueError(kind)
