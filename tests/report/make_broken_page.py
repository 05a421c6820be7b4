"""Writes a report-like page with one broken chart image and one blank chart, to show that
check_report_in_browser.py catches both. Usage: make_broken_page.py OUT.html"""

import base64
import io
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

fig = plt.figure(figsize=(4, 3))  # a figure with nothing drawn: all white
buf = io.BytesIO()
fig.savefig(buf, format="png")
blank = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
broken = "data:image/png;base64," + base64.b64encode(b"not a png at all").decode("ascii")
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>broken</title></head><body>"
        f"<figure class='chart' data-chart='broken'><img src='{broken}' alt='broken'></figure>"
        f"<figure class='chart' data-chart='blank'><img src='{blank}' alt='blank'></figure>"
        "<table id='statistics'><tbody><tr><td>x</td></tr></tbody></table></body></html>"
    )
