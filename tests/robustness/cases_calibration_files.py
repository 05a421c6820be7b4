"""Malformed calibration target files and free-parameter files, fed to `hubsim calibrate` (targets
also to `hubsim run --targets` and `hubsim report --targets`)."""
from cases_scenario import garbage
from harness import Case


def empty_hdf5(path):
    import h5py
    h5py.File(path, "w").close()

SCENARIO = "$SRC/tests/sweep/data/small-base.toml"
TARGET = '[[target]]\nstat = "models_total_2022"\nvalue = 108_000\nrange = [95_000, 125_000]\n'
FREE = ('[[parameter]]\nname = "attention.mean_weeks"\nbounds = [4.0, 8.0]\nprior = "uniform"\n'
        'reason = "r"\n')


def calibrate(targets="$SRC/calibration/targets.toml", free="$SRC/calibration/free-parameters.toml"):
    return ["calibrate", targets, "--scenario", SCENARIO, "--free-parameters", free,
            "--out", "@post.toml", "--scale", "0.002", "--budget-runs", "100000", "-q"]


def target(name, text, *expect, files=None):
    all_files = {"bad.toml": text}
    all_files.update(files or {})
    return Case("targets: " + name, calibrate(targets="@bad.toml"), list(expect), all_files, output="post.toml")


def free(name, text, *expect):
    return Case("free parameters: " + name, calibrate(free="@bad.toml"), list(expect), {"bad.toml": text},
                output="post.toml")


def file_cases(make, key):
    """The same file-level faults for both kinds of file."""
    return [
        Case("missing file", [a.replace("@bad.toml", "@absent.toml") for a in make("", "").args],
             [r"@absent\.toml", "does not exist"], output="post.toml"),
        Case("directory", make("", "").args, [r"@bad\.toml", "directory"], {"bad.toml": None}, output="post.toml"),
        Case("device file", [a.replace("@bad.toml", "/dev/zero") for a in make("", "").args],
             [r"/dev/zero", "regular file"], output="post.toml"),
        make("empty file", "", rf"@bad\.toml:1: key '{key}' = \(missing\)"),
        make("only comments", "# nothing\n", rf"@bad\.toml:1: key '{key}' = \(missing\)"),
        make("binary garbage", garbage(3000, 5), r"@bad\.toml:\d+: not valid TOML"),
        make("NUL byte", b"\x00\x01\x02", r"@bad\.toml:1: not valid TOML"),
        make("invalid UTF-8", b'# \xff\xfe\n', r"@bad\.toml:1: not valid TOML"),
        make("TOML syntax", f"[[{key}]\n", r"@bad\.toml:1: not valid TOML"),
        make("huge file", "#" + "x" * (70 << 20) + "\n", r"@bad\.toml", "at most"),
    ]


def target_cases():
    t = TARGET
    k = r"@bad\.toml:(\d+): key 'target\[0\]"
    # --- files ---------------------------------------------------------------------------------
    cases = file_cases(target, "target")
    for c in cases:
        c.name = c.name if c.name.startswith("targets: ") else "targets: " + c.name
    return cases + [
        # --- keys ------------------------------------------------------------------------------
        target("unknown table", '[[targets]]\nstat = "models_total_2022"\nrange = [1, 2]\n',
               r"@bad\.toml:1: key 'targets'.*did you mean 'target'"),
        target("unknown key", t + "rnage = [1, 2]\n", k + r"\.rnage'.*did you mean 'range'"),
        target("misspelt required key", t.replace("range =", "rnage ="), k + r"\.rnage'.*did you mean 'range'"),
        target("duplicated key", t + "value = 100_000\n", r"@bad\.toml:5: not valid TOML.*'value'"),
        # --- types -----------------------------------------------------------------------------
        target("number for the array", "target = 5\n", r"@bad\.toml:1: key 'target' = 5"),
        target("table instead of an array of tables", t.replace("[[target]]", "[target]"), r"@bad\.toml:1: key 'target' = a table"),
        target("number for stat", t.replace('"models_total_2022"', "5"), k + r"\.stat' = 5"),
        target("empty stat", t.replace('"models_total_2022"', '""'), k + r"\.stat' = \"\""),
        target("string for range", t.replace("[95_000, 125_000]", '"95000-125000"'), k + r"\.range' = \"95000-125000\""),
        target("string in range", t.replace("125_000]", '"125000"]'), k + r"\.range\[1\]' = \"125000\""),
        target("nested range", t.replace("[95_000, 125_000]", "[[95_000, 125_000]]"), k + r"\.range\[0\]'"),
        target("string for weight", t + 'weight = "1"\n', k + r"\.weight' = \"1\""),
        target("boolean for value", t.replace("value = 108_000", "value = true"), k + r"\.value' = true"),
        target("number for role", t + "role = 1\n", k + r"\.role' = 1"),
        target("number for source", t + "source = 5\n", k + r"\.source' = 5"),
        # --- values ----------------------------------------------------------------------------
        target("one-element range", t.replace("[95_000, 125_000]", "[95_000]"), k + r"\.range' = \[95000\]: two numbers"),
        target("three-element range", t.replace("[95_000, 125_000]", "[1, 2, 3]"), k + r"\.range' = \[1, 2, 3\]"),
        target("empty range", t.replace("[95_000, 125_000]", "[]"), k + r"\.range' = \[\]"),
        target("reversed range", t.replace("[95_000, 125_000]", "[125_000, 95_000]"), k + r"\.range' = \[125000, 95000\]"),
        target("NaN in range", t.replace("95_000,", "nan,"), k + r"\.range\[0\]' = nan"),
        target("infinity in range", t.replace("125_000]", "inf]"), k + r"\.range\[1\]' = inf"),
        target("huge range", t.replace("125_000]", "1e999]"), r"@bad\.toml:4: not valid TOML"),
        target("value outside range", t.replace("value = 108_000", "value = 1"), k + r"\.value' = 1: a value inside range"),
        target("NaN value", t.replace("value = 108_000", "value = nan"), k + r"\.value' = nan"),
        target("negative weight", t + "weight = -1\n", k + r"\.weight' = -1"),
        target("huge weight", t + "weight = 1e300\n", k + r"\.weight' = 1(\.0*1)?e\+300"),
        target("unknown role", t + 'role = "fitt"\n', k + r"\.role' = \"fitt\".*did you mean \"fit\""),
        target("unknown transform", t + 'transform = "lg"\n', k + r"\.transform' = \"lg\""),
        target("log transform through zero", t.replace("value = 108_000\n", "").replace("95_000", "0") + 'transform = "log"\n',
               k + r"\.range' = \[0, 125000\]: lo > 0"),
        # --- references ------------------------------------------------------------------------
        target("unknown statistic", t.replace("models_total_2022", "models_totl_2022"), k + r"\.stat' = \"models_totl_2022\""),
        target("duplicated statistic", t + t, r"@bad\.toml:\d+: key 'target\[1\]\.stat' = \"models_total_2022\""),
        target("no targets", "target = []\n", r"@bad\.toml:1: key 'target' = \[\]"),
        target("statistic past the scenario's window", t.replace("2022", "2031"),
               r"@bad\.toml", r"models_total_2031"),
        # --- through other commands ------------------------------------------------------------
        Case("targets: malformed through run --targets",
             ["run", SCENARIO, "--targets", "@bad.toml", "--out", "@out.h5", "-q"],
             [r"@bad\.toml:2: key 'target\[0\]\.stat' = \"models_totl_2022\""],
             {"bad.toml": t.replace("models_total_2022", "models_totl_2022")}),
        Case("targets: malformed through report --targets",
             ["report", "@run.h5", "--targets", "@bad.toml", "--out", "@out.html"],
             [r"@bad\.toml:4: key 'target\[0\]\.range' = \[1, 2, 3\]"],
             {"bad.toml": t.replace("[95_000, 125_000]", "[1, 2, 3]"), "run.h5": empty_hdf5},
             output="out.html"),
    ]


def free_parameter_cases():
    f = FREE
    k = r"@bad\.toml:(\d+): key 'parameter\[0\]"
    # --- files ---------------------------------------------------------------------------------
    cases = file_cases(free, "parameter")
    for c in cases:
        c.name = c.name if c.name.startswith("free parameters: ") else "free parameters: " + c.name
    return cases + [
        # --- keys ------------------------------------------------------------------------------
        free("unknown table", f.replace("[[parameter]]", "[[parameters]]"), r"@bad\.toml:1: key 'parameters'.*did you mean 'parameter'"),
        free("unknown key", f + "bound = [1, 2]\n", k + r"\.bound'.*did you mean 'bounds'"),
        free("misspelt required key", f.replace("bounds =", "bound ="), k + r"\.bound'.*did you mean 'bounds'"),
        free("duplicated key", f + 'prior = "normal"\n', r"@bad\.toml:6: not valid TOML.*'prior'"),
        # --- types -----------------------------------------------------------------------------
        free("number for the array", "parameter = 5\n", r"@bad\.toml:1: key 'parameter' = 5"),
        free("table instead of an array of tables", f.replace("[[parameter]]", "[parameter]"), r"@bad\.toml:1: key 'parameter' = a table"),
        free("number for name", f.replace('"attention.mean_weeks"', "5"), k + r"\.name' = 5"),
        free("string for bounds", f.replace("[4.0, 8.0]", '"4-8"'), k + r"\.bounds' = \"4-8\""),
        free("string in bounds", f.replace("8.0]", '"8"]'), k + r"\.bounds\[1\]' = \"8\""),
        free("number for prior", f.replace('"uniform"', "1"), k + r"\.prior' = 1"),
        free("string for mean", f.replace('"uniform"', '"normal"') + 'mean = "6"\nsd = 1\n', k + r"\.mean' = \"6\""),
        free("number for reason", f.replace('"r"', "5"), k + r"\.reason' = 5"),
        free("empty reason", f.replace('"r"', '""'), k + r"\.reason' = \"\""),
        free("missing reason", f.replace('reason = "r"\n', ""), k + r"\.reason' = \(missing\)"),
        # --- values ----------------------------------------------------------------------------
        free("one bound", f.replace("[4.0, 8.0]", "[4.0]"), k + r"\.bounds' = \[4\]"),
        free("three bounds", f.replace("[4.0, 8.0]", "[4, 6, 8]"), k + r"\.bounds' = \[4, 6, 8\]"),
        free("equal bounds", f.replace("[4.0, 8.0]", "[4, 4]"), k + r"\.bounds' = \[4, 4\]"),
        free("reversed bounds", f.replace("[4.0, 8.0]", "[8, 4]"), k + r"\.bounds' = \[8, 4\]"),
        free("bounds outside the registry's", f.replace("[4.0, 8.0]", "[0.1, 8]"), k + r"\.bounds' = \[0\.1, 8\].*registry"),
        free("NaN bound", f.replace("4.0,", "nan,"), k + r"\.bounds\[0\]' = nan"),
        free("infinite bound", f.replace("8.0]", "inf]"), k + r"\.bounds\[1\]' = inf"),
        free("log-uniform through zero", f.replace("attention.mean_weeks", "attention.residual").replace("[4.0, 8.0]", "[0, 1]")
             .replace('"uniform"', '"log-uniform"'), k + r"\.bounds' = \[0, 1\]: lo > 0"),
        free("normal without mean", f.replace('"uniform"', '"normal"') + "sd = 1\n", k + r"\.mean' = \(missing\)"),
        free("normal without sd", f.replace('"uniform"', '"normal"') + "mean = 6\n", k + r"\.sd' = \(missing\)"),
        free("zero sd", f.replace('"uniform"', '"normal"') + "mean = 6\nsd = 0\n", k + r"\.sd' = 0"),
        free("negative sd", f.replace('"uniform"', '"normal"') + "mean = 6\nsd = -1\n", k + r"\.sd' = -1"),
        free("mean far outside the bounds", f.replace('"uniform"', '"normal"') + "mean = 1e6\nsd = 0.01\n",
             k + r"\.mean' = 1e\+06"),
        free("mean with a uniform prior", f + "mean = 6\n", k + r"\.mean' = 6: only with prior = \"normal\""),
        # --- references ------------------------------------------------------------------------
        free("unknown prior", f.replace('"uniform"', '"gaussian"'), k + r"\.prior' = \"gaussian\""),
        free("unknown parameter", f.replace("attention.mean_weeks", "attention.mean_weks"),
             k + r"\.name' = \"attention\.mean_weks\".*did you mean 'attention\.mean_weeks'"),
        free("mechanism switch", f.replace("attention.mean_weeks", "mechanisms.home_bias"), k + r"\.name' = \"mechanisms\.home_bias\""),
        free("duplicated parameter", f + f, r"@bad\.toml:\d+: key 'parameter\[1\]\.name' = \"attention\.mean_weeks\""),
        free("no parameters", "parameter = []\n", r"@bad\.toml:1: key 'parameter' = \[\]"),
    ]
