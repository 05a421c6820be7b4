#!/usr/bin/python3
"""A calibration killed with SIGKILL (twice: during the search and during the posterior stage)
and resumed with --resume ends with exactly the posterior of an uninterrupted run; --resume with
other options, or after the scenario's posterior file changed, is refused (exit 2) and leaves the
checkpoint usable.
Usage: test_resume_after_kill.py HUBSIM SOURCE_DIR"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

hubsim, src = sys.argv[1], sys.argv[2]
scenario = None  # a copy of the baseline and its posterior, set below

FREE = """
[[parameter]]
name = "users.growth_per_year"
bounds = [0.4, 0.9]
reason = "users"
[[parameter]]
name = "attention.mean_weeks"
bounds = [2.0, 12.0]
prior = "log-uniform"
reason = "engagement"
[[parameter]]
name = "datasets.per_user_per_year"
bounds = [0.01, 0.05]
prior = "log-uniform"
reason = "datasets"
"""
TARGETS = """
[[target]]
stat = "users_total_2025"
range = [11e6, 13e6]
[[target]]
stat = "mean_engagement_weeks"
range = [4.5, 8.0]
[[target]]
stat = "datasets_total_2025"
range = [450e3, 550e3]
[[target]]
stat = "top200_download_share"
range = [0.45, 0.55]
role = "check"
"""
OPTIONS = ["--scale", "0.002", "--replications", "2", "--pilot-replications", "4",
           "--screening-trajectories", "2", "--screening-replications", "1", "--particles", "12",
           "--batch", "6", "--budget-runs", "260", "--report-replications", "2",
           "--predictive-draws", "2", "--threads", "2"]


def command(run_dir, extra=()):
    return [hubsim, "calibrate", os.path.join(run_dir, "targets.toml"), "--scenario", scenario,
            "--free-parameters", os.path.join(run_dir, "free.toml"),
            "--out", os.path.join(run_dir, "p-posterior.toml")] + OPTIONS + list(extra)


def prepare(root, name):
    d = os.path.join(root, name)
    os.makedirs(d)
    with open(os.path.join(d, "free.toml"), "w") as f:
        f.write(FREE)
    with open(os.path.join(d, "targets.toml"), "w") as f:
        f.write(TARGETS)
    return d


def posterior_body(run_dir):
    # Everything but the creation time (and the header comments, which name the run's paths).
    with open(os.path.join(run_dir, "p-posterior.toml")) as f:
        return [l for l in f if not l.startswith("created_utc") and not l.startswith("#")]


def run_until(cmd, marker, count):
    """Starts cmd, kills it with SIGKILL after the count-th stdout line starting with marker."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = 0
    for line in p.stdout:
        if line.startswith(marker):
            seen += 1
            if seen == count:
                p.send_signal(signal.SIGKILL)
                break
    p.wait()
    if p.returncode != -signal.SIGKILL:
        sys.exit(f"expected to kill the calibration at {marker!r} #{count}; exit code {p.returncode}\n"
                 f"{p.stderr.read()}")
    print(f"killed after {marker!r} #{count}")


def nudge_first_parameter(posterior):
    """Rewrites the posterior with the first parameter of every sample times 0.999."""
    with open(posterior) as f:
        text = f.read()
    nudged = re.sub(r"^values = \[([-0-9.e+]+)",
                    lambda m: "values = [" + repr(float(m.group(1)) * 0.999), text, flags=re.M)
    assert nudged != text
    with open(posterior, "w") as f:
        f.write(nudged)


with tempfile.TemporaryDirectory() as root:
    # The baseline refers to ../calibration/baseline-posterior.toml: copy both, keeping the layout.
    for sub in ("scenarios", "calibration"):
        os.makedirs(os.path.join(root, sub))
    scenario = shutil.copy(os.path.join(src, "scenarios", "baseline.toml"), os.path.join(root, "scenarios"))
    posterior = shutil.copy(os.path.join(src, "calibration", "baseline-posterior.toml"),
                            os.path.join(root, "calibration"))
    a = prepare(root, "a")
    b = prepare(root, "b")
    done = subprocess.run(command(a), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"uninterrupted calibration failed ({done.returncode}):\n{done.stderr}")

    run_until(command(b), "search generation", 2)
    checkpoint = os.path.join(b, "p-posterior.toml.checkpoint.h5")
    if not os.path.exists(checkpoint):
        sys.exit("no checkpoint after the kill")
    refused = subprocess.run(command(b, ["--resume", "--inert-threshold", "0.2"]), capture_output=True,
                             text=True, timeout=120)
    if refused.returncode != 2 or "checkpoint" not in refused.stderr:
        sys.exit(f"--resume with other options: exit {refused.returncode}, expected 2\n{refused.stderr}")
    print("ok: --resume with other options refused")
    # The scenario text is unchanged but the posterior it names (the start point) is not.
    shutil.copy(posterior, posterior + ".kept")
    nudge_first_parameter(posterior)
    refused = subprocess.run(command(b, ["--resume"]), capture_output=True, text=True, timeout=120)
    if refused.returncode != 2 or "fingerprint" not in refused.stderr:
        sys.exit(f"--resume after the posterior changed: exit {refused.returncode}, expected 2\n{refused.stderr}")
    os.replace(posterior + ".kept", posterior)
    print("ok: --resume after the scenario's posterior changed refused")
    run_until(command(b, ["--resume"]), "posterior generation", 1)
    resumed = subprocess.run(command(b, ["--resume"]), capture_output=True, text=True, timeout=600)
    if resumed.returncode != 0:
        sys.exit(f"resumed calibration failed ({resumed.returncode}):\n{resumed.stderr}")
    if "resuming from" not in resumed.stdout:
        sys.exit("the last run did not resume from the checkpoint:\n" + resumed.stdout)
    if os.path.exists(checkpoint):
        sys.exit("the checkpoint was not removed after success")
    pa, pb = posterior_body(a), posterior_body(b)
    if pa != pb:
        sys.exit("posteriors differ:\n" + "".join(pa[:20]) + "\n---\n" + "".join(pb[:20]))
    if sum(1 for l in pa if l.startswith("[[sample]]")) != 12:
        sys.exit("expected 12 samples")
    print("ok: killed twice and resumed, the posterior is identical to the uninterrupted run's")
