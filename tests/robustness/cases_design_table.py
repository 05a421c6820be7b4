"""Malformed CSV design tables (sampler = "table" of a sweep file), fed to `hubsim sweep`."""
from cases_scenario import garbage
from harness import Case

SWEEP = ('[sweep]\nname = "bad"\nscenario = "$SRC/tests/sweep/data/small-base.toml"\nsampler = "table"\n'
         'design_table = {table}\noutcomes = ["download_share_cn_2022"]\n{extra}')
HEADER = "attention.mean_weeks,demand.automated_share\n"
ROWS = "4,0.3\n6,0.3\n"


def table(name, csv, *expect, extra="", path='"design.csv"'):
    """`path` is the TOML value of sweep.design_table."""
    files = {"sweep.toml": SWEEP.format(table=path, extra=extra)}
    if csv is not None:
        files["design.csv"] = csv
    return Case("design table: " + name, ["sweep", "@sweep.toml", "--out", "@out.h5", "-q"], list(expect), files)


def cases():
    d = r"@design\.csv:(\d+): "
    return [
        # --- files -----------------------------------------------------------------------------
        table("missing file", None, r"@sweep\.toml:5: key 'sweep\.design_table' = \"@design\.csv\""),
        table("directory", None, r"@sweep\.toml:5: key 'sweep\.design_table'", path='"."'),
        table("device file", None, r"@sweep\.toml:5: key 'sweep\.design_table' = \"/dev/zero\"", path='"/dev/zero"'),
        table("empty file", "", r"@design\.csv: a header line of parameter names"),
        table("only comments", "# nothing\n", r"@design\.csv: a header line of parameter names"),
        table("only a header", HEADER, r"@design\.csv: at least one experiment row"),
        table("binary garbage", garbage(3000, 9), r"@design\.csv:\d+: key 'header column 1'"),
        table("NUL bytes", b"\x00\x00\x00\n", r"@design\.csv:1: key 'header column 1'"),
        table("a TOML file", "[sweep]\nname = 1\n", d + r"key 'header column 1' = \"\[sweep\]\""),
        table("an HDF5 signature", b"\x89HDF\r\n\x1a\n\x00\x00", d + r"key 'header column 1'"),
        # --- header ----------------------------------------------------------------------------
        table("unknown column", HEADER.replace("mean_weeks", "mean_weks") + ROWS,
              d + r"key 'header column 1' = \"attention\.mean_weks\".*did you mean 'attention\.mean_weeks'"),
        table("duplicated column", "attention.mean_weeks,attention.mean_weeks\n4,5\n",
              d + r"key 'header column 2' = \"attention\.mean_weeks\": a parameter named in only one column"),
        table("empty column name", ",attention.mean_weeks\n1,4\n", d + r"key 'header column 1' = \"\""),
        table("upper-case column", HEADER.replace("attention", "Attention") + ROWS, d + r"key 'header column 1' = \"Attention"),
        table("semicolon separated", HEADER.replace(",", ";") + ROWS.replace(",", ";"), d + r"key 'header column 1'"),
        table("tab separated", HEADER.replace(",", "\t") + ROWS.replace(",", "\t"), d + r"key 'header column 1'"),
        table("byte-order mark", "\ufeff" + HEADER + ROWS, d + r"key 'header column 1'"),
        table("unclosed quote in the header", '"attention.mean_weeks,demand.automated_share\n' + ROWS,
              d + r"a closing double quote"),
        table("trailing comma in the header", HEADER.replace("\n", ",\n") + ROWS, d + r"key 'header column 3' = \"\""),
        # --- rows ------------------------------------------------------------------------------
        table("too few fields", HEADER + "4\n", r"@design\.csv:2: key 'row' = 1 fields: 2 fields"),
        table("too many fields", HEADER + "4,0.3,7\n", r"@design\.csv:2: key 'row' = 3 fields: 2 fields"),
        table("trailing comma in a row", HEADER + "4,0.3,\n", r"@design\.csv:2: key 'row' = 3 fields"),
        table("not a number", HEADER + "four,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"four\""),
        table("empty field", HEADER + ",0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"\""),
        table("NaN", HEADER + "nan,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"nan\""),
        table("infinity", HEADER + "inf,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"inf\""),
        table("overflowing number", HEADER + "1e999,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"1e999\""),
        table("hexadecimal", HEADER + "0x10,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"0x10\""),
        table("number with a unit", HEADER + "4w,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = \"4w\""),
        table("decimal comma", HEADER + '"4,5",0.3\n', r"@design\.csv:2: key 'attention\.mean_weeks' = \"4,5\""),
        table("below the registry's bounds", HEADER + "0.1,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = 0\.1"),
        table("above the registry's bounds", HEADER + "4,0.99\n", r"@design\.csv:2: key 'demand\.automated_share' = 0\.99"),
        table("huge value", HEADER + "1e300,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = 1e300"),
        table("negative value", HEADER + "-4,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks' = -4"),
        table("switch of one half", "mechanisms.home_bias\n0.5\n", r"@design\.csv:2: key 'mechanisms\.home_bias' = 0\.5: 0 \(off\) or 1 \(on\)"),
        table("unclosed quote in a row", HEADER + '"4,0.3\n', r"@design\.csv:2: a closing double quote"),
        table("bad row after good ones", HEADER + ROWS * 20 + "4,x\n", r"@design\.csv:42: key 'demand\.automated_share' = \"x\""),
        table("NUL in a row", HEADER.encode() + b"4\x00,0.3\n", r"@design\.csv:2: key 'attention\.mean_weeks'"),
        # --- the sweep file around it ----------------------------------------------------------
        table("saltelli layout with the wrong row count", HEADER + ROWS + "5,0.3\n",
              r"@(sweep\.toml|design\.csv)", r"saltelli|rows", extra='table_layout = "saltelli"\n'),
        table("unknown layout", HEADER + ROWS, r"@sweep\.toml:7: key 'sweep\.table_layout' = \"salteli\"",
              extra='table_layout = "salteli"\n'),
        table("parameters beside the table", HEADER + ROWS, r"@sweep\.toml:\d+: key 'parameters'",
              extra='[[parameters]]\nname = "attention.mean_weeks"\nmin = 3\nmax = 9\n'),
        table("number for the path", HEADER + ROWS, r"@sweep\.toml:5: key 'sweep\.design_table' = 5", path="5"),
    ]
