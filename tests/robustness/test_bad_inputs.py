#!/usr/bin/python3
"""Feeds a corpus of malformed inputs to every loader of `hubsim` through its command line and
checks, for each, exit code 2, one message naming the file, the key (and line) and what is
allowed, nothing that looks like a crash, and no output created or touched (tests/robustness/
harness.py). Usage: test_bad_inputs.py HUBSIM SOURCE_DIR [--show | --count] [GROUP...]
(--show prints every case's message; --count runs no case and prints how many each group has,
by kind of fault: the "# --- KIND ---" comments of the cases_*.py files)."""
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases_calibration_files  # noqa: E402
import cases_cli  # noqa: E402
import cases_design_table  # noqa: E402
import cases_hdf5  # noqa: E402
import cases_posterior  # noqa: E402
import cases_scenario  # noqa: E402
import cases_sweep  # noqa: E402
from harness import run_case  # noqa: E402

# Each group: (hubsim, src) -> (cases, cleanup).
GROUPS = {
    "scenario": lambda h, s: (cases_scenario.cases(), None),
    "sweep": lambda h, s: (cases_sweep.cases(), None),
    "targets": lambda h, s: (cases_calibration_files.target_cases(), None),
    "free-parameters": lambda h, s: (cases_calibration_files.free_parameter_cases(), None),
    "posterior": lambda h, s: (cases_posterior.cases(), None),
    "design-table": lambda h, s: (cases_design_table.cases(), None),
    "hdf5": cases_hdf5.cases,
    "command-line": lambda h, s: (cases_cli.cases(), None),
}
MIN_CASES = 40  # per loader


def main():
    hubsim, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    show = "--show" in sys.argv[3:]
    if "--count" in sys.argv[3:]:
        return count([g for g in sys.argv[3:] if g != "--count"] or list(GROUPS), hubsim, src)
    groups = [g for g in sys.argv[3:] if g != "--show"] or list(GROUPS)
    failures = 0
    for group in groups:
        cases, cleanup = GROUPS[group](hubsim, src)
        names = [c.name for c in cases]
        if len(set(names)) != len(names):
            print(f"FAIL: {group}: duplicated case names")
            failures += 1
        if len(cases) < MIN_CASES:
            print(f"FAIL: {group}: only {len(cases)} cases, expected at least {MIN_CASES}")
            failures += 1
        try:
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                results = list(pool.map(lambda ic: run_case(hubsim, src, ic[1], ic[0]), enumerate(cases)))
        finally:
            if cleanup:
                cleanup()
        if show:
            for case, (_, message) in zip(cases, results):
                print(f"{group} | {case.name} | {message}")
        bad = [(c, p) for c, (p, _) in zip(cases, results) if p]
        for case, problems in bad:
            print(f"FAIL: {group}: {case.name}:\n    " + "\n    ".join(problems))
        print(f"{group}: {len(cases) - len(bad)} of {len(cases)} malformed inputs handled")
        failures += len(bad)
    print("all malformed inputs handled" if failures == 0 else f"{failures} failure(s)")
    return 1 if failures else 0


def count(groups, hubsim, src):
    """Prints, per group, its number of cases and of each kind of fault (in file order)."""
    total = 0
    for group in groups:
        cases, cleanup = GROUPS[group](hubsim, src)
        if cleanup:
            cleanup()
        kinds = {}
        for case in cases:
            kinds[case.section or "other"] = kinds.get(case.section or "other", 0) + 1
        print(f"{group}: {len(cases)} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
        total += len(cases)
    print(f"total: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
