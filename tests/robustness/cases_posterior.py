"""Malformed posterior files (the calibrated uncertainty a scenario's [uncertainty] refers to), fed
to `hubsim run` through a scenario."""
from cases_scenario import garbage
from harness import Case

# Lines: 1 [posterior], 2 method, 3 parameters, 5-7 first sample, 9-11 second sample.
POSTERIOR = ('[posterior]\nmethod = "m"\nparameters = ["attention.mean_weeks", "demand.automated_share"]\n\n'
             "[[sample]]\nweight = 0.5\nvalues = [5.0, 0.35]\n\n"
             "[[sample]]\nweight = 0.5\nvalues = [6.5, 0.45]\n")
SCENARIO = ('[scenario]\nextends = "$SRC/tests/sweep/data/small-base.toml"\nname = "bad"\n'
            '[uncertainty]\nposterior = {path}\n')


def posterior(name, text, *expect, path='"post.toml"'):
    """`path` is the TOML value of uncertainty.posterior."""
    files = {"scenario.toml": SCENARIO.format(path=path)}
    if text is not None:
        files["post.toml"] = text
    return Case(name, ["run", "@scenario.toml", "--out", "@out.h5", "-q"], list(expect), files)


def cases():
    p = POSTERIOR
    s0 = r"@post\.toml:(\d+): key 'sample\[0\]"
    head = r"@post\.toml:(\d+): key 'posterior"
    return [
        # --- files -----------------------------------------------------------------------------
        posterior("missing file", None, r"@scenario\.toml:5: key 'uncertainty\.posterior' = \"@post\.toml\".*does not exist"),
        posterior("directory", None, r"@scenario\.toml:5: key 'uncertainty\.posterior'.*directory", path='"."'),
        posterior("device file", None, r"@scenario\.toml:5: key 'uncertainty\.posterior' = \"/dev/zero\"", "regular file", path='"/dev/zero"'),
        posterior("empty file", "", r"@post\.toml(:\d+)?: key 'posterior' = \(missing\)"),
        posterior("only comments", "# none\n", r"@post\.toml(:\d+)?: key 'posterior' = \(missing\)"),
        posterior("binary garbage", garbage(1500, 3), r"@post\.toml:\d+: not valid TOML"),
        posterior("NUL byte", p.encode() + b"\x00", r"@post\.toml:\d+: not valid TOML"),
        posterior("TOML syntax", "[posterior\n", r"@post\.toml:1: not valid TOML"),
        posterior("huge file", p + "#" + "x" * (70 << 20) + "\n", r"@post\.toml", "at most"),
        posterior("the scenario names a number", None, r"@scenario\.toml:5: key 'uncertainty\.posterior' = 5",
                  path="5"),
        # --- keys ------------------------------------------------------------------------------
        posterior("unknown table", p + "[posteriors]\n", r"@post\.toml:\d+: key 'posteriors'"),
        posterior("unknown key in [posterior]", p.replace("method", "methd"), head + r"\.methd'.*did you mean 'method'"),
        posterior("unknown key in a sample", p.replace("weight = 0.5\nvalues = [5.0", "wieght = 0.5\nvalues = [5.0"),
                  s0 + r"\.wieght'.*did you mean 'weight'"),
        posterior("duplicated key", p.replace('method = "m"\n', 'method = "m"\nmethod = "n"\n'),
                  r"@post\.toml:3: not valid TOML.*'method'"),
        posterior("no [posterior]", p.split("\n\n", 1)[1], r"@post\.toml(:\d+)?: key 'posterior' = \(missing\)"),
        posterior("no samples", p.split("\n\n", 1)[0] + "\n", r"@post\.toml(:\d+)?: key 'sample' = \(missing\)"),
        posterior("number for [posterior]", "posterior = 5\n", r"@post\.toml(:\d+)?: key 'posterior'"),
        posterior("number for the samples", p.split("\n\n", 1)[0].replace("[posterior]", "sample = 5\n[posterior]") + "\n",
                  r"@post\.toml(:\d+)?: key 'sample'"),
        # --- header ----------------------------------------------------------------------------
        posterior("missing method", p.replace('method = "m"\n', ""), head + r"\.method' = \(missing\)"),
        posterior("missing parameters", p.replace('parameters = ["attention.mean_weeks", "demand.automated_share"]\n', ""),
                  head + r"\.parameters' = \(missing\)"),
        posterior("no parameter names", p.replace('["attention.mean_weeks", "demand.automated_share"]', "[]"),
                  head + r"\.parameters' = \[\]"),
        posterior("string for parameters", p.replace('["attention.mean_weeks", "demand.automated_share"]', '"attention.mean_weeks"'),
                  head + r"\.parameters' = \"attention\.mean_weeks\""),
        posterior("unknown parameter", p.replace("attention.mean_weeks", "attention.mean_weks"),
                  head + r"\.parameters' = \"attention\.mean_weks\".*did you mean 'attention\.mean_weeks'"),
        posterior("mechanism switch", p.replace("demand.automated_share", "mechanisms.home_bias"),
                  head + r"\.parameters' = \"mechanisms\.home_bias\""),
        posterior("duplicated parameter", p.replace("demand.automated_share", "attention.mean_weeks"),
                  head + r"\.parameters' = \"attention\.mean_weeks\": each name once"),
        posterior("number for method", p.replace('"m"', "5"), head + r"\.method' = 5"),
        # --- samples ---------------------------------------------------------------------------
        posterior("string for weight", p.replace("weight = 0.5\nvalues = [5.0", 'weight = "0.5"\nvalues = [5.0'),
                  s0 + r"\.weight' = \"0\.5\""),
        posterior("negative weight", p.replace("weight = 0.5\nvalues = [5.0", "weight = -0.5\nvalues = [5.0"),
                  s0 + r"\.weight' = -0\.5"),
        posterior("weight above one", p.replace("weight = 0.5\nvalues = [5.0", "weight = 1.5\nvalues = [5.0"),
                  s0 + r"\.weight' = 1\.5"),
        posterior("NaN weight", p.replace("weight = 0.5\nvalues = [5.0", "weight = nan\nvalues = [5.0"),
                  s0 + r"\.weight' = nan"),
        posterior("weights not summing to one", p.replace("weight = 0.5\nvalues = [5.0", "weight = 0.4\nvalues = [5.0"),
                  r"@post\.toml(:\d+)?: key 'sample\[\*\]\.weight' = sum 0\.9"),
        posterior("all weights zero", p.replace("weight = 0.5", "weight = 0"), r"@post\.toml(:\d+)?: key 'sample\[\*\]\.weight' = sum 0"),
        posterior("too few values", p.replace("[5.0, 0.35]", "[5.0]"), s0 + r"\.values' = 1 values"),
        posterior("too many values", p.replace("[5.0, 0.35]", "[5.0, 0.35, 1]"), s0 + r"\.values' = 3 values"),
        posterior("value outside the registry's bounds", p.replace("[5.0, 0.35]", "[5.0, 0.99]"),
                  s0 + r"\.values\[1\] \(demand\.automated_share\)' = 0\.99"),
        posterior("NaN value", p.replace("[5.0, 0.35]", "[nan, 0.35]"), s0 + r"\.values\[0\]' = nan"),
        posterior("infinite value", p.replace("[5.0, 0.35]", "[inf, 0.35]"), s0 + r"\.values\[0\]' = inf"),
        posterior("string value", p.replace("[5.0, 0.35]", '["5", 0.35]'), s0 + r"\.values\[0\]' = \"5\""),
        posterior("missing values", p.replace("values = [5.0, 0.35]\n", ""), s0 + r"\.values' = \(missing\)"),
        posterior("nested values", p.replace("[5.0, 0.35]", "[[5.0, 0.35]]"), s0 + r"\.values\[0\]'"),
        posterior("shares above one in a sample",
                  p.replace("attention.mean_weeks", "derivation.finetune_share").replace("5.0", "0.9").replace("6.5", "0.7"),
                  r"derivation\.finetune_share \+ adapter_share \+ merge_share", r"@(post|scenario)\.toml"),
    ]
