"""Statistic key fragments, as the engine makes them (engine/stats/statistics.cpp,
stat_key_fragment): lower case, every run of other characters becomes one '_'."""

import re


def key_fragment(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
