"""Published values with their ranges: calibration/targets.toml.

targets.toml restates every published figure of calibration/hub-statistics.toml as a range of a
hubsim statistic (/stats key), so it is the one file the report compares with. The report works
without it: charts then show no published points and the statistics table no ranges.
"""

import dataclasses
import os
import re
import tomllib

from .errors import ReportInputError

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_TARGETS = os.path.join(REPOSITORY, "calibration", "targets.toml")


@dataclasses.dataclass(frozen=True)
class Target:
    stat: str
    lo: float
    hi: float
    value: float | None
    role: str  # "fit" or "check"
    source: str
    note: str

    def contains(self, x):
        return self.lo <= x <= self.hi

    @property
    def centre(self):
        return self.value if self.value is not None else 0.5 * (self.lo + self.hi)


@dataclasses.dataclass(frozen=True)
class Period:
    """What a statistic key's suffix says about time: a year, or 'before' a year."""

    year: int
    before: bool = False


def split_key(key, reference_year):
    """'download_share_cn_2024' -> ('download_share_cn', Period(2024));
    'industry_download_share_before_2022' -> ('industry_download_share', Period(2022, before));
    an unsuffixed key refers to the reference year."""
    match = re.fullmatch(r"(.+)_before_(\d{4})", key)
    if match:
        return match.group(1), Period(int(match.group(2)), before=True)
    match = re.fullmatch(r"(.+)_(\d{4})", key)
    if match:
        return match.group(1), Period(int(match.group(2)))
    return key, Period(reference_year)


class Published:
    """The targets of one targets.toml file (possibly none)."""

    def __init__(self, targets=(), path=None):
        self.targets = list(targets)
        self.path = path
        self._by_stat = {t.stat: t for t in self.targets}

    def __bool__(self):
        return bool(self.targets)

    def get(self, stat):
        return self._by_stat.get(stat)

    def with_base(self, base, reference_year):
        """Targets whose key, without its period suffix, is `base`: [(Period, Target)]."""
        out = []
        for t in self.targets:
            b, period = split_key(t.stat, reference_year)
            if b == base:
                out.append((period, t))
        return out


def _number(entry, key, path, index):
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ReportInputError(
            f"{path}: target {index + 1} ('{entry.get('stat', '?')}'): key '{key}' must be a number, "
            f"got {value!r}"
        )
    return float(value)


def parse_targets(text, path):
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ReportInputError(f"{path}: not valid TOML: {e}") from e
    entries = doc.get("target", [])
    if not isinstance(entries, list):
        raise ReportInputError(f"{path}: 'target' must be an array of tables ([[target]])")
    targets = []
    for i, entry in enumerate(entries):
        stat = entry.get("stat")
        if not isinstance(stat, str) or not stat:
            raise ReportInputError(f"{path}: target {i + 1}: key 'stat' missing or not a string")
        bounds = entry.get("range")
        if not (isinstance(bounds, list) and len(bounds) == 2):
            raise ReportInputError(f"{path}: target '{stat}': key 'range' must be [lo, hi]")
        lo = _number({"stat": stat, "lo": bounds[0]}, "lo", path, i)
        hi = _number({"stat": stat, "hi": bounds[1]}, "hi", path, i)
        value = _number(entry, "value", path, i) if "value" in entry else None
        role = entry.get("role", "fit")
        targets.append(
            Target(stat, lo, hi, value, role, str(entry.get("source", "")), str(entry.get("note", "")))
        )
    return Published(targets, path)


def load_published(path, required):
    """Targets from `path`; when the file does not exist and `required` is false, none."""
    if path is None:
        return Published()
    if not os.path.exists(path):
        if required:
            raise ReportInputError(f"{path}: targets file not found")
        return Published()
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise ReportInputError(f"{path}: cannot read the targets file: {e.strerror}") from e
    return parse_targets(text, path)
