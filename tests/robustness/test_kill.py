#!/usr/bin/python3
"""SIGKILL at random moments: a full-scale `hubsim run` (during the simulation and during the
write of its 100 MB file) and a sweep (between experiments, during its final write, and over a
previous result), each time checking that the output name holds the previous file byte for byte,
no file, or a complete file that reads back whole in h5py -- never a truncated one.

Usage: test_kill.py HUBSIM SOURCE_DIR. The moments are drawn from a seed that is printed
(HUBSIM_KILL_SEED=N repeats them); whatever they are, the checks must hold. The sweep's moments
are fractions of the time an uninterrupted run of it takes here, and a kill that comes after
the process has ended kills nothing: the test fails unless the sweep and the run were each
killed at least twice.
"""
import glob
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py

hubsim, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
seed = int(os.environ.get("HUBSIM_KILL_SEED", random.SystemRandom().randrange(1 << 30)))
rng = random.Random(seed)
print(f"kill moments drawn with HUBSIM_KILL_SEED={seed}")
failures = []
kills = {"sweep": 0, "run": 0}  # processes actually killed (not finished before their moment)


def digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def read_whole(path, top_level):
    """Reads every dataset and attribute; raises on any damage or missing top-level group."""
    with h5py.File(path, "r") as f:
        missing = [g for g in top_level if g not in f]
        if missing:
            raise ValueError(f"missing {missing}")
        dict(f.attrs)

        def visit(_, obj):
            dict(obj.attrs)
            if isinstance(obj, h5py.Dataset):
                obj[()]
        f.visititems(visit)


def check_output(what, out, previous, top_level):
    """The output name holds the previous file, nothing (when there was none) or a whole file."""
    if not os.path.exists(out):
        if previous is not None:
            failures.append(f"{what}: the previous output is gone")
        return "none"
    if previous is not None and digest(out) == previous:
        return "previous"
    try:
        read_whole(out, top_level)
    except Exception as e:  # noqa: BLE001 -- any failure to read is the fault looked for
        failures.append(f"{what}: {out} is damaged: {e}")
        return "damaged"
    return "complete"


def start(args, cwd):
    return subprocess.Popen([hubsim, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_at(proc, temp_glob, seconds=None, after_temp=None, timeout=600):
    """SIGKILLs `proc` `seconds` after now, or `after_temp` seconds after a file matching
    `temp_glob` (the output's temporary file: the write has begun) appears. Returns what
    happened."""
    t0 = time.monotonic()
    seen = None
    while proc.poll() is None and time.monotonic() - t0 < timeout:
        now = time.monotonic()
        if seen is None and glob.glob(temp_glob):
            seen = now
        due = (seconds is not None and now - t0 >= seconds) or (
            after_temp is not None and seen is not None and now - seen >= after_temp)
        if due:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            phase = "the write" if seen is not None or glob.glob(temp_glob) else "the run"
            return f"killed after {now - t0:.2f} s, during {phase}"
        time.sleep(0.002)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
        failures.append("a process did not reach its kill moment in time")
    return f"finished first (exit {proc.returncode})"


def run_kills(work):
    out = os.path.join(work, "run.h5")
    scenario = os.path.join(src, "scenarios", "baseline.toml")
    groups = ["series", "stats", "models"]
    # A previous result to be kept: a small run of the same scenario.
    subprocess.run([hubsim, "run", scenario, "--scale", "0.002", "--out", out, "-q"], check=True)
    previous = digest(out)
    plans = [  # (previous output present, kill moment)
        (False, {"seconds": rng.uniform(0.5, 5.0)}),
        (True, {"seconds": rng.uniform(0.5, 5.0)}),
        (True, {"after_temp": rng.uniform(0.0, 0.05)}),
        (True, {"after_temp": rng.uniform(0.2, 2.0)}),
    ]
    saved = out + ".previous"
    shutil.copyfile(out, saved)
    for i, (keep_previous, moment) in enumerate(plans):
        if keep_previous:
            shutil.copyfile(saved, out)
        elif os.path.exists(out):
            os.remove(out)
        proc = start(["run", scenario, "--out", out, "--threads", "2", "-q"], work)
        happened = kill_at(proc, out + ".tmp-*", **moment)
        kills["run"] += happened.startswith("killed")
        found = check_output(f"run kill {i}", out, previous if keep_previous else None, groups)
        print(f"full-scale run {i}: {happened}; output name holds: {found}")
        for temp in glob.glob(out + ".tmp-*"):
            os.remove(temp)  # what a kill leaves beside the output (never read by hubsim)


def sweep_kills(work):
    out = os.path.join(work, "sweep.h5")
    sweep = os.path.join(src, "tests", "sweep", "data", "saltelli-kill.toml")
    groups = ["design", "outcomes", "runs"]
    args = ["sweep", sweep, "--out", out, "--threads", "2", "-q"]
    # How long the whole sweep takes here (3 s on a quiet 2-core machine): the kill moments are
    # fractions of it, so that they fall inside the run on a fast machine as on a slow one.
    t0 = time.monotonic()
    subprocess.run([hubsim, "sweep", sweep, "--out", os.path.join(work, "timing.h5"), "--threads", "2",
                    "-q"], cwd=work, check=True)
    duration = time.monotonic() - t0
    print(f"an uninterrupted sweep takes {duration:.2f} s")
    moments = [
        ("fresh", {"seconds": rng.uniform(0.1, 0.7) * duration}),
        ("resumed", {"seconds": rng.uniform(0.05, 0.4) * duration}),
        ("resumed", {"after_temp": 0.0}),
    ]
    for i, (how, moment) in enumerate(moments):
        proc = start(args + (["--resume"] if how == "resumed" else []), work)
        happened = kill_at(proc, out + ".tmp-*", **moment)
        kills["sweep"] += happened.startswith("killed")
        found = check_output(f"sweep kill {i}", out, None, groups)
        print(f"sweep {i} ({how}): {happened}; output name holds: {found}")
        if found == "complete":
            break
    finish = subprocess.run([hubsim, *args, "--resume"], cwd=work, capture_output=True, text=True)
    if finish.returncode != 0:
        failures.append(f"the resumed sweep failed: {finish.stderr.strip()}")
        return
    if check_output("finished sweep", out, None, groups) != "complete":
        failures.append("the finished sweep left no complete file")
    with h5py.File(out, "r") as f:
        if len(f["design/experiment"]) != 40 or any(f["runs/status"][()]):
            failures.append("the finished sweep does not hold its 40 successful experiments")
    # A new sweep over a previous result (no journal): killed, the previous file must stay.
    previous = digest(out)
    proc = start(args, work)
    happened = kill_at(proc, out + ".tmp-*", seconds=rng.uniform(0.1, 0.7) * duration)
    kills["sweep"] += happened.startswith("killed")
    found = check_output("sweep over a previous result", out, previous, groups)
    print(f"sweep over a previous result: {happened}; output name holds: {found}")


def main():
    work = tempfile.mkdtemp(prefix="hubsim-kill-")
    try:
        sweep_kills(work)
        run_kills(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for what, n in kills.items():
        if n < 2:
            failures.append(f"only {n} {what} process(es) killed: the others ended before their "
                            "moment")
    for f in failures:
        print("FAIL:", f)
    print("no truncated or unreadable output after any kill" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
