"""Sections of the report of a run (`hubsim run`), in page order. Each module's build(ctx)
returns one Section."""

from . import (
    attention,
    concentration,
    datasets,
    derivatives,
    growth,
    overview,
    shares,
    sizes,
    statistics_table,
)

SECTIONS = [
    overview.build,
    growth.build,
    shares.build,
    concentration.build,
    attention.build,
    derivatives.build,
    sizes.build,
    datasets.build,
    statistics_table.build,
]


def build_sections(ctx):
    return [build(ctx) for build in SECTIONS]
