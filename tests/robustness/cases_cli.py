"""Malformed command lines of every `hubsim` command."""
from cases_calibration_files import empty_hdf5
from harness import Case

SCENARIO = "$SRC/tests/sweep/data/small-base.toml"
SWEEP = "$SRC/tests/sweep/data/saltelli-small.toml"
TARGETS = "$SRC/calibration/targets.toml"
SMALL = '[scenario]\nextends = "$SRC/tests/sweep/data/small-base.toml"\nname = "x"\n'


def run(name, extra, *expect, parse_error=False, files=None, output="out.h5"):
    args = ["run", SCENARIO, "--out", "@out.h5", "-q"] if "--out" not in extra else ["run", SCENARIO, "-q"]
    return Case("run " + name, args + extra, list(expect), files or {}, output=output, cli_parse_error=parse_error)


def sweep(name, extra, *expect, parse_error=False):
    args = ["sweep", SWEEP, "--out", "@out.h5", "-q"] if "--out" not in extra else ["sweep", SWEEP, "-q"]
    return Case("sweep " + name, args + extra, list(expect), cli_parse_error=parse_error)


def compare(name, scenarios, extra, *expect, parse_error=False, files=None):
    return Case("compare " + name, ["compare", *scenarios, "-q", *extra], list(expect), files or {},
                cli_parse_error=parse_error)


def calibrate(name, extra, *expect, parse_error=False, files=None):
    """`extra` options replace the defaults of the same name."""
    defaults = {"--scenario": SCENARIO, "--out": "@post.toml", "--scale": "0.002", "--budget-runs": "100000"}
    for option in extra[::2]:
        defaults.pop(option, None)
    args = ["calibrate", TARGETS, *[x for kv in defaults.items() for x in kv], "-q", *extra]
    return Case("calibrate " + name, args, list(expect), files or {}, output="post.toml",
                cli_parse_error=parse_error)


def cases():
    not_number = r"[Cc]ould not (be )?convert"
    return [
        # --- commands --------------------------------------------------------------------------
        Case("no command", [], [r"subcommand"], cli_parse_error=True, output=""),
        Case("unknown command", ["rnu", SCENARIO], [r"subcommand is required"], cli_parse_error=True, output=""),
        Case("run without a scenario", ["run"], [r"scenario is required"], cli_parse_error=True, output=""),
        # --- run options -----------------------------------------------------------------------
        run("seed not a number", ["--seed", "abc"], r"--seed: 'abc' is not a decimal whole number", parse_error=True),
        run("negative seed", ["--seed", "-1"], r"key '--seed' = -1: a seed >= 0"),
        run("seed in exponent notation", ["--seed", "1e30"], r"--seed.*'1e30' is not a decimal whole number", parse_error=True),
        run("seed overflowing 64 bits", ["--seed", "99999999999999999999"],
            r"--seed.*'99999999999999999999' is not a decimal whole number of at most 64 bits", parse_error=True),
        run("seed beyond the signed range", ["--seed", "10000000000000000000"],
            r"--seed.*'10000000000000000000' is not a decimal", parse_error=True),
        run("hexadecimal seed", ["--seed", "0x10"], r"--seed.*'0x10' is not a decimal", parse_error=True),
        run("option given twice", ["--seed", "1", "--seed", "2"], r"--seed: At Most 1 required but received 2",
            parse_error=True),
        run("zero scale", ["--scale", "0"], r"key '--scale' = 0\.0*: a number in \(0, 4\]"),
        run("NaN scale", ["--scale", "nan"], r"key '--scale' = nan"),
        run("infinite scale", ["--scale", "inf"], r"key '--scale' = inf"),
        run("negative scale", ["--scale", "-1"], r"key '--scale' = -1"),
        run("scale above 4", ["--scale", "5"], r"key '--scale' = 5"),
        run("scale not a number", ["--scale", "big"], r"--scale", not_number, parse_error=True),
        run("zero threads", ["--threads", "0"], r"key '--threads' = 0: 1 to 1024"),
        run("negative threads", ["--threads", "-2"], r"key '--threads' = -2"),
        run("huge thread count", ["--threads", "100000"], r"key '--threads' = 100000"),
        run("zero replications", ["--replications", "0"], r"key '--replications' = 0: 1 to 100000"),
        run("huge replications", ["--replications", "100000000"], r"key '--replications' = 100000000"),
        run("fractional replications", ["--replications", "2.5"], r"--replications", parse_error=True),
        run("output directory missing", ["--out", "@no/such/dir/out.h5"], r"key '--out' = \"@no/such/dir/out\.h5\""),
        run("output is a directory", ["--out", "@outdir"], r"key '--out' = \"@outdir\".*directory",
            files={"outdir": None}, output=""),
        Case("run output is the scenario", ["run", "@scenario.toml", "--out", "@scenario.toml", "-q"],
             [r"key '--out' = \"@scenario\.toml\": is an input of this command"], {"scenario.toml": SMALL}, output=""),
        run("unknown option", ["--frobnicate"], r"--frobnicate", parse_error=True),
        run("option without its value", ["--seed"], r"--seed", parse_error=True),
        run("missing targets file", ["--targets", "@absent.toml"], r"@absent\.toml.*does not exist"),
        Case("run empty scenario path", ["run", "", "--out", "@out.h5"], [r"does not exist"]),
        # --- compare options -------------------------------------------------------------------
        compare("with one scenario", [SCENARIO], ["--out", "@out.h5"], r"key 'scenarios' = 1 file\(s\)"),
        compare("without --out", [SCENARIO, SCENARIO], [], r"--out is required", parse_error=True),
        compare("zero replications", [SCENARIO, SCENARIO], ["--out", "@out.h5", "-r", "0"], r"key '--replications' = 0"),
        compare("NaN scale", [SCENARIO, SCENARIO], ["--out", "@out.h5", "--scale", "nan"], r"key '--scale' = nan"),
        compare("missing second scenario", [SCENARIO, "@absent.toml"], ["--out", "@out.h5"], r"@absent\.toml.*does not exist"),
        compare("output is a directory", [SCENARIO, SCENARIO], ["--out", "@outdir"], r"key '--out' = \"@outdir\".*directory",
                files={"outdir": None}),
        compare("output is a scenario", ["@a.toml", SCENARIO], ["--out", "@a.toml"], r"key '--out' = \"@a\.toml\": is an input of this command",
                files={"a.toml": SMALL}),
        # --- sweep and merge options -----------------------------------------------------------
        sweep("shard index too large", ["--shard", "3/3"], r"key '--shard' = \"3/3\": i/n with 0 <= i < n"),
        sweep("zero shards", ["--shard", "1/0"], r"key '--shard' = \"1/0\""),
        sweep("shard not a fraction", ["--shard", "abc"], r"key '--shard' = \"abc\""),
        sweep("negative shard", ["--shard", "-1/2"], r"key '--shard' = \"-1/2\""),
        Case("sweep without --out", ["sweep", SWEEP, "-q"], [r"key '--out' = \(missing\)"], output=""),
        sweep("zero threads", ["--threads", "0"], r"key '--threads' = 0"),
        sweep("zero replications", ["--replications", "0"], r"key '--replications' = 0"),
        sweep("NaN scale", ["--scale", "nan"], r"key '--scale' = nan"),
        sweep("negative seed", ["--seed", "-4"], r"key '--seed' = -4"),
        Case("merge without shards", ["merge", "--out", "@out.h5"], [r"shards is required"], cli_parse_error=True),
        Case("merge without --out", ["merge", "@a.h5"], [r"--out is required"], cli_parse_error=True, output=""),
        # --- calibrate options -----------------------------------------------------------------
        calibrate("negative budget", ["--budget-runs", "-5"], r"key '--budget-runs' = -5"),
        calibrate("one particle", ["--particles", "1"], r"key '--particles' = 1: 4 to 100000"),
        calibrate("zero scale", ["--scale", "0"], r"key '--scale' = 0"),
        calibrate("acceptance above one", ["--min-acceptance", "2"], r"key '--min-acceptance' = 2"),
        calibrate("NaN budget minutes", ["--budget-minutes", "nan"], r"key '--budget-minutes' = nan"),
        calibrate("zero threads", ["--threads", "0"], r"key '--threads' = 0"),
        calibrate("negative seed", ["--seed", "-1"], r"key '--seed' = -1"),
        calibrate("missing truth file", ["--truth", "@absent.toml"], r"@absent\.toml.*does not exist"),
        calibrate("output is a directory", ["--out", "@outdir"], r"key '--out' = \"@outdir\".*directory",
                  files={"outdir": None}),
        calibrate("report is a directory", ["--report", "@outdir"], r"key '--report' = \"@outdir\".*directory",
                  files={"outdir": None}),
        Case("calibrate output is the targets file",
             ["calibrate", "@t.toml", "--scenario", SCENARIO, "--free-parameters", "$SRC/calibration/free-parameters.toml",
             "--out", "@t.toml", "--budget-runs", "100000", "-q"],
             [r"key '--out' = \"@t\.toml\": is an input of this command"], {"t.toml": '[[target]]\nstat = "models_total_2022"\nrange = [1, 2]\n'},
             output=""),
        # --- report and docs options -----------------------------------------------------------
        Case("report without a file", ["report"], [r"file is required"], cli_parse_error=True, output=""),
        Case("report output is a directory", ["report", "@in.h5", "--out", "@outdir"], [r"--out.*directory"],
             {"in.h5": empty_hdf5, "outdir": None}, output=""),
        Case("docs with a missing root", ["docs", "--root", "@nowhere"], [r"--root.*@nowhere"], output=""),
    ]
