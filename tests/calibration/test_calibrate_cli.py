#!/usr/bin/python3
"""`hubsim calibrate` on bad input: exit code 2, a message naming the file and the key, and no
output file. Usage: test_calibrate_cli.py HUBSIM SOURCE_DIR"""
import os
import subprocess
import sys
import tempfile

hubsim, src = sys.argv[1], sys.argv[2]
targets = os.path.join(src, "calibration", "targets.toml")
scenario = os.path.join(src, "scenarios", "baseline.toml")
failures = []


def expect_exit_2(name, extra, must_mention, files=None):
    with tempfile.TemporaryDirectory() as tmp:
        for fname, text in (files or {}).items():
            with open(os.path.join(tmp, fname), "w") as f:
                f.write(text)
        out = os.path.join(tmp, "x-posterior.toml")
        args = [hubsim, "calibrate", targets, "--scenario", scenario, "--out", out]
        if "--scale" not in extra:
            args += ["--scale", "0.002"]
        if "--budget-runs" not in extra:
            args += ["--budget-runs", "100000"]
        args += [a.replace("@", tmp + "/") for a in extra]
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        problems = []
        if p.returncode != 2:
            problems.append(f"exit code {p.returncode}, expected 2")
        for word in must_mention:
            if word.replace("@", tmp + "/") not in p.stderr:
                problems.append(f"stderr does not mention {word!r}")
        left = [f for f in os.listdir(tmp) if f not in (files or {})]
        if left:
            problems.append(f"files left behind: {left}")
        if problems:
            failures.append(f"{name}: {'; '.join(problems)}\n  stderr: {p.stderr.strip()}")
        else:
            print(f"ok: {name}")


one = '[[parameter]]\nname = "{name}"\nbounds = {bounds}\nreason = "r"\n'
expect_exit_2("unknown free parameter", ["--free-parameters", "@free.toml"],
              ["@free.toml:2", "parameter[0].name", "did you mean 'attention.mean_weeks'"],
              {"free.toml": one.format(name="attention.mean_week", bounds="[2, 8]")})
expect_exit_2("bounds outside the registry's", ["--free-parameters", "@free.toml"],
              ["@free.toml", "parameter[0].bounds", "registry"],
              {"free.toml": one.format(name="demand.automated_share", bounds="[0.1, 0.99]")})
expect_exit_2("free-parameter file is not TOML", ["--free-parameters", "@free.toml"],
              ["@free.toml", "not valid TOML"], {"free.toml": "[[parameter]\n"})
expect_exit_2("missing free-parameter file", ["--free-parameters", "@nope.toml"], ["@nope.toml"])
expect_exit_2("log-uniform prior through zero", ["--free-parameters", "@free.toml"],
              ["parameter[0].bounds", "log-uniform"],
              {"free.toml": '[[parameter]]\nname = "attention.residual"\nbounds = [0, 1]\n'
                            'prior = "log-uniform"\nreason = "r"\n'})
expect_exit_2("scale out of range", ["--scale", "0"], ["--scale"])
expect_exit_2("search step of zero", ["--search-sigma", "0"], ["--search-sigma", "[0.001, 1]"])
expect_exit_2("search patience of zero", ["--search-patience", "0"], ["--search-patience"])
expect_exit_2("proposal sd above the prior's range", ["--proposal-sd", "2"], ["--proposal-sd", "[0.001, 1]"])
expect_exit_2("negative deviation cap", ["--deviation-cap", "-1"], ["--deviation-cap", "0 = no cap"])
expect_exit_2("no MCMC sweeps", ["--mcmc-sweeps", "0"], ["--mcmc-sweeps", "1 to 1000"])
expect_exit_2("too small a budget", ["--budget-runs", "10"], ["--budget-runs", "at least"])
expect_exit_2("truth names a parameter that is not free", ["--truth", "@truth.toml"],
              ["@truth.toml", "truth.initial.models"], {"truth.toml": '[truth]\n"initial.models" = 9000\n'})
expect_exit_2("output directory missing", ["--out", "@no/such/dir/p.toml"], ["--out"])

if failures:
    print("\n".join(failures))
    sys.exit(1)
