"""Opens a hubsim HTML report in headless Chromium and checks, from the DOM after load, that
every chart image loaded and shows data, and that the statistics table is present.

Usage: /usr/bin/python3 check_report_in_browser.py REPORT.html [--min-charts N]
           [--table ID] [--section ID ...] [--expect-failure]

The page itself has no script: a copy gets a small checker script that, once the page has
loaded, draws every chart image onto a canvas and writes what it found into the DOM, which
Chromium's --dump-dom prints. A chart passes when its image decoded (naturalWidth > 0) and
enough of its pixels are coloured (the data series are drawn in colour; axes, text and grid
are grey). --expect-failure inverts the verdict (to show that the check catches a broken page).
Exits 0 when the verdict is as expected, 1 otherwise.
"""

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=20000", "--dump-dom",
]
MIN_COLOURED_SHARE = 0.002  # share of pixels in colour: data, not just axes and labels

CHECKER = """
<script>
window.addEventListener("load", () => {
  const charts = [];
  for (const fig of document.querySelectorAll("figure.chart")) {
    const img = fig.querySelector("img");
    const r = {chart: fig.dataset.chart || "", loaded: false, width: 0, height: 0, coloured: 0, error: ""};
    try {
      if (img && img.complete && img.naturalWidth > 0) {
        r.loaded = true;
        r.width = img.naturalWidth;
        r.height = img.naturalHeight;
        const canvas = document.createElement("canvas");
        canvas.width = r.width;
        canvas.height = r.height;
        const g = canvas.getContext("2d");
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, r.width, r.height).data;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
          const mx = Math.max(d[i], d[i + 1], d[i + 2]), mn = Math.min(d[i], d[i + 1], d[i + 2]);
          if (mx - mn > 60) coloured++;
        }
        r.coloured = coloured / (r.width * r.height);
      }
    } catch (e) { r.error = String(e); }
    charts.push(r);
  }
  const tables = {};
  for (const t of document.querySelectorAll("table[id]")) tables[t.id] = t.querySelectorAll("tbody tr").length;
  const sections = Array.from(document.querySelectorAll("section[id]")).map(s => s.id);
  const out = document.createElement("pre");
  out.id = "hubsim-check";
  out.textContent = JSON.stringify({charts, tables, sections});
  document.body.appendChild(out);
});
</script>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_report_in_browser: chromium not found (scripts/setup installs Debian's chromium)")


def render(report):
    """Loads a copy of the report with the checker in headless Chromium; returns its findings."""
    with tempfile.TemporaryDirectory(prefix="hubsim-report-check-") as tmp:
        page = os.path.join(tmp, "report.html")
        with open(report, encoding="utf-8") as f:
            text = f.read()
        if "</body>" not in text:
            return {"charts": [], "tables": {}, "sections": [], "error": "no </body> in the page"}
        with open(page, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", CHECKER + "</body>", 1))
        profile = os.path.join(tmp, "profile")
        cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "file://" + page]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        match = re.search(r'<pre id="hubsim-check">(.*?)</pre>', done.stdout, re.S)
        if not match:
            return {"charts": [], "tables": {}, "sections": [],
                    "error": f"no checker output (exit {done.returncode}): {done.stderr[-800:]}"}
        return json.loads(html.unescape(match.group(1)))


def problems(found, min_charts, table, sections):
    out = []
    if found.get("error"):
        out.append(found["error"])
    charts = found["charts"]
    if len(charts) < min_charts:
        out.append(f"{len(charts)} charts, expected at least {min_charts}")
    for c in charts:
        if not c["loaded"]:
            out.append(f"chart '{c['chart']}': image did not load {c['error']}")
        elif c["coloured"] < MIN_COLOURED_SHARE:
            out.append(f"chart '{c['chart']}': looks empty ({100 * c['coloured']:.2f}% coloured pixels)")
    if table and found["tables"].get(table, 0) < 1:
        out.append(f"table '{table}' missing or empty (tables: {found['tables']})")
    for s in sections:
        if s not in found["sections"]:
            out.append(f"section '{s}' missing (sections: {found['sections']})")
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("report")
    p.add_argument("--min-charts", type=int, default=1)
    p.add_argument("--table", default="statistics")
    p.add_argument("--section", action="append", default=[])
    p.add_argument("--expect-failure", action="store_true")
    args = p.parse_args()
    found = render(args.report)
    issues = problems(found, args.min_charts, args.table, args.section)
    for c in found["charts"]:
        print(f"  chart {c['chart']}: loaded={c['loaded']} {c['width']}x{c['height']} "
              f"coloured={100 * c['coloured']:.1f}%")
    print(f"  tables: {found['tables']}")
    if args.expect_failure:
        if issues:
            print("ok: the broken page was caught: " + "; ".join(issues))
            return 0
        print("FAIL: a broken page passed the check")
        return 1
    if issues:
        print("FAIL: " + "; ".join(issues))
        return 1
    print(f"ok: {len(found['charts'])} charts loaded and drawn; table '{args.table}' present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
