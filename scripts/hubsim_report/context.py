"""What every section builder gets: the result file, the published values and a few facts."""

import dataclasses
import functools
import tomllib

import numpy as np

from .published import Published
from .result_file import ResultFile


@dataclasses.dataclass
class ReportContext:
    file: ResultFile
    published: Published
    reference_year: int

    @property
    def step_days(self):
        return int(self.file.attr("step_days", 7))

    def step_ends(self, group="series"):
        """End date of every step: where stocks at the end of a step belong."""
        return self.file.weeks(group) + np.timedelta64(self.step_days, "D")

    def smoothing_steps(self):
        """Steps in a quarter (13 weeks): the window of rolling shares and rates."""
        return max(1, round(91 / self.step_days))

    @functools.cached_property
    def scenario(self):
        """The scenario as run (root attribute scenario_resolved_toml), parsed; {} if absent."""
        try:
            return tomllib.loads(self.file.attr("scenario_resolved_toml", "") or "")
        except tomllib.TOMLDecodeError:
            return {}

    @property
    def replications(self):
        return int(self.file.attr("replications", 1))
