"""Writes a small calibration report file laid out as calibration/report.cpp writes one
(outputs/README.md, "Calibration reports"), with a recovery study, so that the calibration
report can be tested without running a calibration (minutes even at small scale).

Usage: /usr/bin/python3 make_calibration_report.py OUT.h5
"""

import sys

import h5py
import numpy as np

TARGETS = [  # stat, role (0 fit, 1 check), lo, hi, value
    ("models_total_2024", 0, 950e3, 1.15e6, 1.05e6),
    ("download_share_cn", 0, 0.37, 0.45, 0.41),
    ("top200_download_share", 0, 0.45, 0.55, 0.496),
    ("mean_engagement_weeks", 0, 4.5, 8.0, 6.0),
    ("derivatives_qwen", 0, 113e3, 200e3, np.nan),
    ("cn_overtakes_us", 1, 2025.0, 2025.99, 2025.1),
]
PARAMETERS = [  # name, prior, lo, hi, start, truth
    ("users.growth_per_year", "uniform", 0.3, 1.0, 0.62, 0.55),
    ("attention.mean_weeks", "uniform", 2.0, 16.0, 6.0, 7.5),
    ("demand.automated_share", "uniform", 0.05, 0.8, 0.4, 0.3),
    ("creators.propensity_per_year", "log-uniform", 0.001, 0.05, 0.012, 0.02),
]
STRING = h5py.string_dtype("utf-8")


def scale(g, name, labels):
    g.create_dataset(name, data=np.array(labels, dtype=object), dtype=STRING)
    g[name].make_scale(name)


def column(g, name, values, dim):
    g.create_dataset(name, data=np.asarray(values, dtype=np.float64))
    g[name].dims[0].attach_scale(g[dim])


def main(path):
    rng = np.random.default_rng(5)
    with h5py.File(path, "w") as f:
        for k, v in {"kind": "hubsim calibration report", "method": "msm-cmaes + abc-smc",
                     "hubsim_version": "test", "created_utc": "2026-01-01T00:00:00Z",
                     "scenario_file": "scenarios/baseline.toml", "search_stop": "generation limit",
                     "posterior_stop": "acceptance rate"}.items():
            f.attrs[k] = v
        f.attrs["seed"] = 1
        f.attrs["scale"] = 0.01
        f.attrs["runs_done"] = 400
        f.attrs["budget_runs"] = 400
        f.attrs["moment_coverage_ratio"] = 0.62
        f.attrs["fit_inside"] = 4
        f.attrs["fit_total"] = 5

        t = f.create_group("targets")
        scale(t, "target", [x[0] for x in TARGETS])
        role_type = h5py.enum_dtype({"fit": 0, "check": 1}, basetype="u1")
        t.create_dataset("role", data=np.array([x[1] for x in TARGETS], dtype="u1"), dtype=role_type)
        lo = np.array([x[2] for x in TARGETS])
        hi = np.array([x[3] for x in TARGETS])
        width = hi - lo
        mean = lo + width * np.array([0.5, 0.3, 0.8, 1.4, 0.6, 0.2])  # one outside its range
        column(t, "lo", lo, "target")
        column(t, "hi", hi, "target")
        column(t, "value", [x[4] for x in TARGETS], "target")
        column(t, "start_mean", lo + width * rng.uniform(-0.5, 1.5, len(TARGETS)), "target")
        column(t, "start_sd", width * 0.2, "target")
        column(t, "mean", mean, "target")
        column(t, "sd", width * 0.1, "target")
        column(t, "n", np.full(len(TARGETS), 16.0), "target")
        t.create_dataset("inside", data=((mean >= lo) & (mean <= hi)).astype("u1"))
        column(t, "predictive_median", mean, "target")
        column(t, "predictive_q05", mean - width * 0.3, "target")
        column(t, "predictive_q95", mean + width * 0.3, "target")
        column(t, "predictive_inside", rng.uniform(0.3, 1.0, len(TARGETS)), "target")

        p = f.create_group("parameters")
        names = [x[0] for x in PARAMETERS]
        scale(p, "parameter", names)
        p.create_dataset("prior", data=np.array([x[1] for x in PARAMETERS], dtype=object), dtype=STRING)
        for key, i in (("lo", 2), ("hi", 3), ("start", 4)):
            column(p, key, [x[i] for x in PARAMETERS], "parameter")

        po = f.create_group("posterior")
        scale(po, "calibrated_parameter", names)
        truth = np.array([x[5] for x in PARAMETERS])
        spread = np.array([x[3] - x[2] for x in PARAMETERS]) * 0.05
        samples = truth + rng.normal(size=(64, len(PARAMETERS))) * spread
        samples[:, 1] += 0.8 * (samples[:, 0] - truth[0]) / spread[0] * spread[1]  # a correlated pair
        po.create_dataset("samples", data=samples)
        weights = rng.uniform(0.5, 1.5, 64)
        po.create_dataset("weights", data=weights / weights.sum())
        po.create_dataset("epsilon", data=np.array([np.inf, 3.0, 1.8, 1.2]))

        se = f.create_group("search")
        se.create_dataset("best_distance", data=np.geomspace(20, 1.5, 12))

        r = f.create_group("recovery")
        scale(r, "parameter", names)
        q05 = samples.min(axis=0)
        q95 = samples.max(axis=0)
        column(r, "truth", truth, "parameter")
        column(r, "median", np.median(samples, axis=0), "parameter")
        column(r, "q05", q05, "parameter")
        column(r, "q95", q95, "parameter")
        covered = ((truth >= q05) & (truth <= q95)).astype("i1")
        covered[-1] = -1  # one parameter screened out as inert
        r.create_dataset("covered", data=covered)


if __name__ == "__main__":
    main(sys.argv[1])
