"""Malformed scenario files, fed to `hubsim run` (and `hubsim compare` for a few)."""
from harness import Case

BASE = "$SRC/scenarios/baseline.toml"


def small(body="", header=""):
    """A small scenario that extends the baseline, with extra [scenario] keys and extra TOML."""
    return (f'[scenario]\nextends = "{BASE}"\nname = "bad"\nscale = 0.002\nend = 2021-12-31\n'
            f"{header}\n{body}\n")


def run(name, text, *expect, files=None, args=()):
    all_files = {"bad.toml": text}
    all_files.update(files or {})
    return Case(name, ["run", "@bad.toml", "--out", "@out.h5", "-q", *args], list(expect), all_files)


def garbage(n, seed):
    """Deterministic pseudo-random bytes (a linear congruential generator)."""
    out, x = bytearray(), seed
    for _ in range(n):
        x = (1103515245 * x + 12345) % 2**31
        out.append(x >> 16 & 0xFF)
    return bytes(out)


REGION = '[[regions]]\nname = "{name}"\nuser_share = {share}\nhome_bias = 0.5\n'
LANDMARK = ('[[events]]\ntype = "landmark_release"\ndate = 2021-03-01\npublisher = "{pub}"\n'
            "sizes_b = [7]\n")


def cases():
    return [
        # --- files -----------------------------------------------------------------------------
        Case("missing file", ["run", "@absent.toml", "--out", "@out.h5"], [r"@absent\.toml", "does not exist"]),
        Case("directory", ["run", "@dir.toml", "--out", "@out.h5"], [r"@dir\.toml", "directory"],
             {"dir.toml": None}),
        Case("device file", ["run", "/dev/zero", "--out", "@out.h5"], [r"/dev/zero", "regular file"]),
        run("empty file", "", r"@bad\.toml:1: key 'scenario' = \(missing\)"),
        run("only comments", "# nothing here\n", r"@bad\.toml:1: key 'scenario' = \(missing\)"),
        run("binary garbage", garbage(4096, 7), r"@bad\.toml:\d+: .*not valid TOML"),
        run("NUL byte", small().encode() + b"\x00\n", r"@bad\.toml:\d+: .*not valid TOML"),
        run("invalid UTF-8", small('[parameters]\n"x\xff" = 1\n'.encode("latin-1").decode("latin-1")).encode("latin-1"),
            r"@bad\.toml:\d+: .*not valid TOML"),
        run("TOML syntax", "[scenario\nname = 1\n", r"@bad\.toml:1: .*not valid TOML"),
        run("unterminated string", small('[parameters]\nattention.mean_weeks = "6\n'),
            r"@bad\.toml:\d+: .*not valid TOML"),
        run("huge file", small() + "#" + "x" * (70 << 20) + "\n", r"@bad\.toml", "at most"),
        # --- keys ------------------------------------------------------------------------------
        run("duplicated key", small(header="scale = 0.01"), r"@bad\.toml:6: not valid TOML.*redefine.*'scale'"),
        run("duplicated table", small("[mechanisms]\ngrowth = true\n[mechanisms]\nevents = true\n"),
            r"@bad\.toml:\d+: .*not valid TOML.*mechanisms"),
        run("unknown top-level table", small("[paramters]\nattention.mean_weeks = 6\n"),
            r"@bad\.toml:\d+: key 'paramters'.*did you mean 'parameters'"),
        run("unknown key in [scenario]", small(header="replicatons = 2"),
            r"@bad\.toml:6: key 'scenario\.replicatons'.*did you mean 'replications'"),
        run("unknown parameter", small("[parameters]\nattention.mean_weks = 6\n"),
            r"@bad\.toml:8: key 'parameters\.attention\.mean_weks'.*did you mean 'attention\.mean_weeks'"),
        run("unknown mechanism", small("[mechanisms]\nhome_bais = false\n"),
            r"@bad\.toml:8: key 'mechanisms\.home_bais'.*did you mean"),
        run("unknown key in a region", small(REGION.format(name="US", share=1) + "home_bais = 1\n"),
            r"@bad\.toml:\d+: key 'regions\[0\]\.home_bais'.*did you mean 'home_bias'"),
        run("misspelt required key", small('[[regions]]\nnme = "US"\nuser_share = 1\n'),
            r"@bad\.toml:8: key 'regions\[0\]\.nme'.*did you mean 'name'"),
        run("unknown key in an event", small(LANDMARK.format(pub="Google") + "quality_jmp = 1\n"),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.quality_jmp'.*did you mean 'quality_jump'"),
        # --- types -----------------------------------------------------------------------------
        run("string for a number", small(header='seed = "abc"'), r"@bad\.toml:6: key 'scenario\.seed' = \"abc\""),
        run("float for an integer", small(header="replications = 2.5"),
            r"@bad\.toml:6: key 'scenario\.replications' = 2\.5"),
        run("boolean for a number", small("[parameters]\nattention.mean_weeks = true\n"),
            r"@bad\.toml:8: key 'parameters\.attention\.mean_weeks' = true"),
        run("number for a switch", small("[mechanisms]\nhome_bias = 1\n"),
            r"@bad\.toml:8: key 'mechanisms\.home_bias' = 1: true or false"),
        run("string for a date", small(header='start = "2020-06-01"'), r"@bad\.toml:6: key 'scenario\.start'"),
        run("table for a number", small("[parameters.attention.mean_weeks]\nx = 1\n"),
            r"@bad\.toml:\d+: key 'parameters\.attention\.mean_weeks\.x'"),
        run("number for a table", "parameters = 5\n" + small(), r"@bad\.toml:1: key 'parameters' = 5"),
        run("events not tables", "events = [1, 2]\n" + small(),
            r"@bad\.toml:1: key 'events'"),
        run("array for a string", small(header="description = [1]"),
            r"@bad\.toml:\d+: key 'scenario\.description'"),
        # --- values ----------------------------------------------------------------------------
        run("scale zero", small(header="scale = 0").replace("scale = 0.002\n", ""), r"@bad\.toml:\d+: key 'scenario\.scale' = 0"),
        run("scale huge", small(header="scale = 1e308").replace("scale = 0.002\n", ""),
            r"@bad\.toml:\d+: key 'scenario\.scale' = 1e\+308"),
        run("negative seed", small(header="seed = -1"), r"@bad\.toml:6: key 'scenario\.seed' = -1"),
        run("integer overflow", small(header="seed = 99999999999999999999"), r"@bad\.toml:6: .*not valid TOML"),
        run("huge replications", small(header="replications = 9223372036854775807"),
            r"@bad\.toml:6: key 'scenario\.replications' = 9223372036854775807"),
        run("step of zero days", small(header="step_days = 0"), r"@bad\.toml:6: key 'scenario\.step_days' = 0"),
        run("NaN parameter", small("[parameters]\nattention.mean_weeks = nan\n"),
            r"@bad\.toml:8: key 'parameters\.attention\.mean_weeks' = nan"),
        run("infinite parameter", small("[parameters]\nattention.residual = inf\n"),
            r"@bad\.toml:8: key 'parameters\.attention\.residual' = inf"),
        run("negative duration", small("[parameters]\nattention.mean_weeks = -1\n"),
            r"@bad\.toml:8: key 'parameters\.attention\.mean_weeks' = -1: .*\[0\.25, 520\]"),
        run("share above one", small("[parameters]\ndemand.automated_share = 1.5\n"),
            r"@bad\.toml:8: key 'parameters\.demand\.automated_share' = 1\.5"),
        run("derivation shares above one", small("[parameters]\nderivation.finetune_share = 0.9\n"),
            r"@bad\.toml:8: key 'parameters\.derivation\.finetune_share \+ adapter_share \+ merge_share' = 1\.15"),
        run("shares not summing to one",
            small(REGION.format(name="US", share=0.5) + REGION.format(name="CN", share=0.2)),
            r"@bad\.toml:\d+: key 'regions' = sum 0\.7"),
        run("duplicated region", small(REGION.format(name="US", share=0.5) * 2),
            r"@bad\.toml:\d+: key 'regions\[1\]\.name' = \"US\""),
        run("unknown choice", small('[[publishers]]\nname = "Google"\ntype = "big_tec"\n'),
            r"@bad\.toml:\d+: key 'publishers\[\d+\]\.type' = \"big_tec\".*did you mean \"big_tech\""),
        run("tiers out of order",
            small('[[hardware_tiers]]\nname = "a"\nmemory_gb = 16\ninitial_share = 0.5\n'
                  '[[hardware_tiers]]\nname = "b"\nmemory_gb = 8\ninitial_share = 0.5\n'),
            r"@bad\.toml:\d+: key 'hardware_tiers\[1\]\.memory_gb'"),
        # --- dates -----------------------------------------------------------------------------
        run("end before start", small(header="start = 2022-01-01"),
            r"@bad\.toml:\d+: key 'scenario\.end' = 2021-12-31: a date after scenario\.start"),
        run("impossible date", small(header="start = 2021-02-30"), r"@bad\.toml:6: .*not valid TOML"),
        run("date far in the future", small(header="end = 9999-12-31").replace("end = 2021-12-31\n", ""),
            r"@bad\.toml:\d+: key 'scenario\.end' = 9999-12-31"),
        run("family until before from",
            small('[[publishers]]\nname = "Google"\n  [[publishers.families]]\n  id = "g_x"\n'
                  '  from = 2021-01-01\n  until = 2020-01-01\n  sizes_b = [1]\n'),
            r"@bad\.toml:\d+: key 'publishers\[\d+\]\.families\[\d+\]\.until' = 2020-01-01"),
        run("event until before date",
            small('[[events]]\ntype = "restriction"\ndate = 2021-06-01\nuntil = 2021-01-01\n'
                  'region = "US"\nrestricted_region = "CN"\n'),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.until'"),
        # --- references ------------------------------------------------------------------------
        run("extends a missing file", small().replace(BASE, "absent.toml"),
            r"@bad\.toml:2: key 'scenario\.extends' = \"absent\.toml\"", r"does not exist"),
        run("extends itself", small().replace(BASE, "bad.toml"),
            r"@bad\.toml:2: key 'scenario\.extends' = \"bad\.toml\".*extend itself"),
        run("extends cycle", small().replace(BASE, "other.toml"),
            r"key 'scenario\.extends' = \"bad\.toml\".*extend itself",
            files={"other.toml": small().replace(BASE, "bad.toml")}),
        run("extends a directory", small().replace(BASE, "dir"),
            r"@bad\.toml:2: key 'scenario\.extends' = \"dir\".*directory", files={"dir": None}),
        run("extends a number", small().replace(f'"{BASE}"', "7"), r"@bad\.toml:2: key 'scenario\.extends' = 7"),
        run("extends a device", small().replace(BASE, "/dev/zero"),
            r"@bad\.toml:2: key 'scenario\.extends' = \"/dev/zero\".*regular file"),
        run("extends a malformed file", small().replace(BASE, "broken.toml"), r"@broken\.toml:1: .*not valid TOML",
            files={"broken.toml": "[scenario\n"}),
        run("unknown event type", small('[[events]]\ntype = "landmark_relase"\ndate = 2021-03-01\n'),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.type' = \"landmark_relase\".*did you mean \"landmark_release\""),
        run("event without a date", small('[[events]]\ntype = "hardware_shift"\n'),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.date' = \(missing\)"),
        run("landmark of an unknown publisher", small(LANDMARK.format(pub="Gogle")),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.publisher' = \"Gogle\".*Google"),
        run("champion naming no publisher",
            small('[[events]]\ntype = "sovereign_program"\ndate = 2021-03-01\nregion = "KR"\n'
                  'champions = ["Nobody Labs"]\n'),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.champions.*\"Nobody Labs\""),
        run("restriction of an unknown region",
            small('[[events]]\ntype = "restriction"\ndate = 2021-03-01\nregion = "US"\nrestricted_region = "XX"\n'),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.restricted_region' = \"XX\""),
        run("duplicated event id",
            small('[[events]]\ntype = "hardware_shift"\nid = "h"\ndate = 2021-03-01\ntier_memory_multiplier = 2\n' * 2),
            r"@bad\.toml:\d+: key 'events\[\d+\]\.id' = \"h\""),
        run("disabling an unknown event", small(header='disable_events = ["no-such-event"]'),
            r"@bad\.toml(:\d+)?: key 'scenario\.disable_events' = \"no-such-event\""),
        run("publisher in an unknown region", small('[[publishers]]\nname = "Google"\nregion = "XX"\n'),
            r"@bad\.toml:\d+: key 'publishers\[\d+\]\.region' = \"XX\""),
        run("family of an unknown task",
            small('[[publishers]]\nname = "Google"\n  [[publishers.families]]\n  id = "g_x"\n'
                  '  from = 2021-01-01\n  sizes_b = [1]\n  task = "cooking"\n'),
            r"@bad\.toml:\d+: key 'publishers\[\d+\]\.families\[\d+\]\.task' = \"cooking\""),
        run("duplicated family id",
            small('[[publishers]]\nname = "Acme"\ntype = "industry"\nregion = "US"\n'
                  '  [[publishers.families]]\n  id = "google_gemma"\n'
                  '  from = 2021-01-01\n  sizes_b = [1]\n  task = "other"\n'),
            r"@bad\.toml:\d+: key 'publishers\[\d+\]\.families\[\d+\]\.id' = \"google_gemma\""),
        run("region share of an unknown region", small("[publisher_types.big_tech]\nregion_share = { US = 0.5, XX = 0.5 }\n"),
            r"@bad\.toml:8: key 'publisher_types\.big_tech\.region_share\.XX' = 0\.5"),
        run("outcome of an unknown statistic",
            small('[[outcomes]]\nstatistic = "models_totl_2021"\ndirection = "higher_is_better"\nlabel = "x"\n'),
            r"@bad\.toml:\d+: key 'outcomes\[0\]\.statistic' = \"models_totl_2021\""),
        run("uncertainty range of an unknown parameter", small("[uncertainty.ranges]\nattention.mean_weks = [4, 8]\n"),
            r"@bad\.toml:\d+: key 'uncertainty\.ranges\.attention\.mean_weks'.*did you mean"),
        run("uncertainty range reversed", small("[uncertainty.ranges]\nattention.mean_weeks = [8, 4]\n"),
            r"@bad\.toml:\d+: key 'uncertainty\.ranges\.attention\.mean_weeks'"),
        run("posterior file missing", small('[uncertainty]\nposterior = "absent-posterior.toml"\n'),
            r"@bad\.toml:\d+: key 'uncertainty\.posterior' = \"@absent-posterior\.toml\""),
        Case("compare: second scenario malformed", ["compare", "$SRC/scenarios/baseline.toml", "@bad.toml",
                                                    "--out", "@out.h5"],
             [r"@bad\.toml:8: key 'parameters\.attention\.mean_weks'"],
             {"bad.toml": small("[parameters]\nattention.mean_weks = 6\n")}),
    ]
