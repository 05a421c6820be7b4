"""Malformed sweep files, fed to `hubsim sweep` (and `--dry-run`, which must check as much)."""
from cases_scenario import garbage
from harness import Case

BASE = "$SRC/tests/sweep/data/small-base.toml"
SWEEP = {
    "name": '"bad"',
    "scenario": f'"{BASE}"',
    "sampler": '"lhs"',
    "samples": "4",
    "replications": "1",
    "outcomes": '["download_share_cn_2022"]',
}
PARAMETER = '[[parameters]]\nname = "attention.mean_weeks"\nmin = 3.0\nmax = 9.0\n'


def text(set_=None, drop=(), params=PARAMETER, tail=""):
    """[sweep] (lines 1-7 with the defaults; replaced keys keep their line, added ones follow),
    then the parameters and `tail`."""
    keys = dict(SWEEP)
    keys.update(set_ or {})
    lines = ["[sweep]"] + [f"{k} = {v}" for k, v in keys.items() if k not in drop]
    return "\n".join(lines) + "\n\n" + params + tail


def sweep(name, content, *expect, files=None, dry_run=False):
    all_files = {"bad.toml": content}
    all_files.update(files or {})
    extra = ["--dry-run"] if dry_run else ["--out", "@out.h5"]
    return Case(name, ["sweep", "@bad.toml", *extra, "-q"], list(expect), all_files,
                output="" if dry_run else "out.h5")


def cases():
    param = "@bad\\.toml:(\\d+): key 'parameters\\[0\\]"
    return [
        # --- files -----------------------------------------------------------------------------
        Case("missing file", ["sweep", "@absent.toml", "--out", "@out.h5"], [r"@absent\.toml", "does not exist"]),
        Case("directory", ["sweep", "@dir.toml", "--out", "@out.h5"], [r"@dir\.toml", "directory"], {"dir.toml": None}),
        Case("device file", ["sweep", "/dev/zero", "--out", "@out.h5"], [r"/dev/zero", "regular file"]),
        sweep("empty file", "", r"@bad\.toml:1: key 'sweep' = \(missing\)"),
        sweep("only comments", "# a sweep\n", r"@bad\.toml:1: key 'sweep' = \(missing\)"),
        sweep("binary garbage", garbage(2048, 11), r"@bad\.toml:\d+: not valid TOML"),
        sweep("NUL byte", text().encode() + b"\x00", r"@bad\.toml:\d+: not valid TOML"),
        sweep("TOML syntax", "[sweep\n", r"@bad\.toml:1: not valid TOML"),
        sweep("huge file", text() + "#" + "x" * (70 << 20) + "\n", r"@bad\.toml", "at most"),
        # --- keys ------------------------------------------------------------------------------
        sweep("duplicated key", text().replace("samples = 4\n", "samples = 4\nsamples = 8\n"),
              r"@bad\.toml:6: not valid TOML.*'samples'"),
        sweep("duplicated table", text(tail="[sweep]\nname = \"x\"\n"), r"@bad\.toml:\d+: not valid TOML.*sweep"),
        sweep("unknown table", text(tail="[sensitivty]\nbootstrap = 100\n"),
              r"@bad\.toml:\d+: key 'sensitivty'.*did you mean 'sensitivity'"),
        sweep("unknown key in [sweep]", text({"sampels": "8"}, drop=["samples"]),
              r"@bad\.toml:7: key 'sweep\.sampels'.*did you mean 'samples'"),
        sweep("misspelt required key", text({"scenaro": f'"{BASE}"'}, drop=["scenario"]),
              r"@bad\.toml:7: key 'sweep\.scenaro'.*did you mean 'scenario'"),
        sweep("unknown key in a parameter", text(tail="mni = 1\n"),
              param + r"\.mni'.*did you mean 'min'"),
        sweep("unknown key in [sensitivity]", text(tail="[sensitivity]\nboot = 100\n"),
              r"@bad\.toml:\d+: key 'sensitivity\.boot' = 100: unknown key in \[sensitivity\]"),
        # --- types -----------------------------------------------------------------------------
        sweep("string for samples", text({"samples": '"8"'}), r"@bad\.toml:5: key 'sweep\.samples' = \"8\""),
        sweep("float for replications", text({"replications": "1.5"}), r"@bad\.toml:6: key 'sweep\.replications' = 1\.5"),
        sweep("string for outcomes", text({"outcomes": '"download_share_cn_2022"'}), r"@bad\.toml:7: key 'sweep\.outcomes'"),
        sweep("number in outcomes", text({"outcomes": "[1]"}), r"@bad\.toml:7: key 'sweep\.outcomes\[0\]' = 1"),
        sweep("string for min", text().replace("min = 3.0", 'min = "3"'),
              param + r"\.min' = \"3\""),
        sweep("boolean for scale", text({"scale": "true"}), r"@bad\.toml:8: key 'sweep\.scale' = true"),
        sweep("number for [sweep]", "sweep = 5\n", r"@bad\.toml:1: key 'sweep' = 5"),
        sweep("parameters not tables", "parameters = [1, 2]\n" + text(params=""), r"@bad\.toml:1: key 'parameters' = \[ 1, 2 \]"),
        sweep("string for levels", text(params='[[parameters]]\nname = "attention.mean_weeks"\nlevels = "4,8"\n'),
              param + r"\.levels' = \"4,8\""),
        # --- values ----------------------------------------------------------------------------
        sweep("zero samples", text({"samples": "0"}), r"@bad\.toml:5: key 'sweep\.samples' = 0"),
        sweep("huge samples", text({"samples": "1000000000000"}), r"@bad\.toml:5: key 'sweep\.samples' = 1000000000000"),
        sweep("zero replications", text({"replications": "0"}), r"@bad\.toml:6: key 'sweep\.replications' = 0"),
        sweep("negative seed", text({"seed": "-3"}), r"@bad\.toml:8: key 'sweep\.seed' = -3"),
        sweep("NaN scale", text({"scale": "nan"}), r"@bad\.toml:8: key 'sweep\.scale' = nan"),
        sweep("huge scale", text({"scale": "1e308"}), r"@bad\.toml:8: key 'sweep\.scale' = 1e\+308"),
        sweep("min above max", text().replace("min = 3.0", "min = 10.0"), param + r"\.max' = 9: above min \(10\)"),
        sweep("min equal to max", text().replace("min = 3.0", "min = 9.0"), param + r"\.max' = 9"),
        sweep("min below the registry's bounds", text().replace("min = 3.0", "min = 0.1"), param + r"\.min' = 0\.1"),
        sweep("infinite max", text().replace("max = 9.0", "max = inf"), param + r"\.max' = inf"),
        sweep("level out of bounds", text(params='[[parameters]]\nname = "attention.mean_weeks"\nlevels = [4, 9999]\n'),
              param + r"\.levels' = 9999"),
        sweep("duplicated level", text(params='[[parameters]]\nname = "attention.mean_weeks"\nlevels = [4, 4]\n'),
              param + r"\.levels' = 4: distinct levels"),
        sweep("empty levels", text(params='[[parameters]]\nname = "attention.mean_weeks"\nlevels = []\n'),
              param + r"\.levels' = \[\]"),
        sweep("switch level 2", text(params='[[parameters]]\nname = "mechanisms.home_bias"\nlevels = [0, 2]\n'),
              param + r"\.levels' = 2: 0 \(off\) or 1 \(on\)"),
        sweep("switch with a range", text(params='[[parameters]]\nname = "mechanisms.home_bias"\nmin = 0\nmax = 1\n'),
              param + r"\.name' = \"mechanisms\.home_bias\": a mechanism switch takes levels"),
        sweep("log spacing through zero",
              text(params='[[parameters]]\nname = "attention.residual"\nmin = 0\nmax = 1\nspacing = "log"\n'),
              param + r"\.min' = 0: above 0"),
        sweep("grid without points", text({"sampler": '"grid"'}, drop=["samples"]), param + r"\.points' = \(missing\)"),
        sweep("grid of one point", text({"sampler": '"grid"'}, drop=["samples"], tail="points = 1\n"), param + r"\.points' = 1"),
        sweep("grid too large",
              text({"sampler": '"grid"'}, drop=["samples"],
                   params="".join(f'[[parameters]]\nname = "{n}"\nmin = {lo}\nmax = {hi}\npoints = 100000\n'
                                  for n, lo, hi in [("attention.mean_weeks", 3, 9), ("demand.automated_share", 0.1, 0.5),
                                                    ("attention.residual", 0, 0.5)])),
              r"@bad\.toml", r"experiments"),
        sweep("points with lhs", text(tail="points = 3\n"), param + r"\.points' = 3: only used with sampler \"grid\""),
        sweep("bootstrap too small", text(tail="[sensitivity]\nbootstrap = 5\n"), r"@bad\.toml:\d+: key 'sensitivity\.bootstrap' = 5"),
        sweep("confidence above one", text(tail="[sensitivity]\nconfidence = 1.5\n"), r"@bad\.toml:\d+: key 'sensitivity\.confidence' = 1\.5"),
        # --- references ------------------------------------------------------------------------
        sweep("missing scenario", text({"scenario": '"absent.toml"'}), r"@bad\.toml:3: key 'sweep\.scenario' = \"absent\.toml\""),
        sweep("scenario is a directory", text({"scenario": '"dir"'}), r"@bad\.toml:3: key 'sweep\.scenario' = \"dir\"",
              files={"dir": None}),
        sweep("scenario is a device", text({"scenario": '"/dev/zero"'}), r"@bad\.toml:3: key 'sweep\.scenario' = \"/dev/zero\""),
        sweep("malformed scenario", text({"scenario": '"base.toml"'}),
              r"@base\.toml:3: key 'scenario\.scale' = 0",
              files={"base.toml": '[scenario]\nextends = "$SRC/scenarios/baseline.toml"\nscale = 0\n'}),
        sweep("unknown parameter", text().replace("attention.mean_weeks", "attention.mean_weks"),
              param + r"\.name' = \"attention\.mean_weks\".*did you mean 'attention\.mean_weeks'"),
        sweep("duplicated parameter", text(params=PARAMETER * 2), r"@bad\.toml:\d+: key 'parameters\[1\]\.name' = \"attention\.mean_weeks\""),
        sweep("no parameters", text(params=""), r"@bad\.toml(:\d+)?: key 'parameters' = \(missing\)"),
        sweep("unknown outcome", text({"outcomes": '["download_share_cm_2022"]'}),
              r"@bad\.toml:7: key 'sweep\.outcomes\[0\]' = \"download_share_cm_2022\".*did you mean"),
        sweep("outcome past the window", text({"outcomes": '["download_share_cn_2027"]'}),
              r"@bad\.toml:7: key 'sweep\.outcomes\[0\]' = \"download_share_cn_2027\""),
        sweep("duplicated outcome", text({"outcomes": '["download_share_cn_2022", "download_share_cn_2022"]'}),
              r"@bad\.toml:7: key 'sweep\.outcomes\[1\]'.*each outcome once"),
        sweep("no outcomes", text({"outcomes": "[]"}), r"@bad\.toml:7: key 'sweep\.outcomes' = \[\]"),
        sweep("table sampler without a table", text({"sampler": '"table"'}, drop=["samples"], params=""),
              r"@bad\.toml:\d+: key 'sweep\.design_table' = \(missing\)"),
        sweep("design table with lhs", text({"design_table": '"d.csv"'}), r"@bad\.toml:8: key 'sweep\.design_table'"),
        sweep("samples with grid", text({"sampler": '"grid"'}, tail="points = 3\n"), r"@bad\.toml:5: key 'sweep\.samples' = 4"),
        sweep("unknown sampler", text({"sampler": '"sobl"'}), r"@bad\.toml:4: key 'sweep\.sampler' = \"sobl\".*did you mean \"sobol\""),
        sweep("dry run checks too", text({"samples": "0"}), r"@bad\.toml:5: key 'sweep\.samples' = 0", dry_run=True),
    ]
