"""The HTML page: one self-contained file (inline CSS, images as data URIs, no script, no
network), written atomically (temporary file in the same directory, then rename)."""

import html
import os
import tempfile

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
  color: #1b1b1b; background: #fff; line-height: 1.45; }
main { max-width: 1000px; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .4rem; border-bottom: 2px solid #e4e4e4; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
p.lede { font-size: 1.05rem; color: #444; margin-top: 0; }
nav ol { columns: 2; font-size: .95rem; }
figure.chart { margin: 1rem 0 1.6rem; }
figure.chart img { max-width: 100%; height: auto; display: block; border: 1px solid #eee; }
figcaption { font-size: .88rem; color: #444; margin-top: .35rem; }
table { border-collapse: collapse; font-size: .86rem; margin: .6rem 0 1.2rem; width: 100%; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f6f6f6; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta { width: auto; }
table.meta th { background: none; position: static; font-weight: 600; }
.inside { color: #0b6e2e; font-weight: 600; }
.outside { color: #b3261e; font-weight: 600; }
.missing { color: #777; }
.note { background: #f7f7f2; border-left: 4px solid #c9c38f; padding: .5rem .8rem; font-size: .92rem; }
details { margin: .6rem 0 1rem; }
details summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f6f6; padding: .6rem; overflow-x: auto; font-size: .8rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #666; }
"""


def esc(text):
    return html.escape(str(text), quote=True)


class Section:
    """A titled part of the report; `kind` says which builder made it (run, forecast, ...)."""

    def __init__(self, anchor, title, intro="", kind="run"):
        self.anchor = anchor
        self.title = title
        self.intro = intro
        self.kind = kind
        self.blocks = []

    def heading(self, text):
        self.blocks.append(f"<h3>{esc(text)}</h3>")

    def paragraph(self, text):
        self.blocks.append(f"<p>{esc(text)}</p>")

    def note(self, text):
        self.blocks.append(f'<p class="note">{esc(text)}</p>')

    def figure(self, data_uri, alt, caption, name):
        self.blocks.append(
            f'<figure class="chart" data-chart="{esc(name)}">'
            f'<img src="{data_uri}" alt="{esc(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )

    def table(self, header, rows, table_id=None, numeric=(), row_classes=None, caption=None):
        """rows: lists of cells; a cell is text, or (text, css_class)."""
        ident = f' id="{esc(table_id)}"' if table_id else ""
        out = [f"<table{ident}>"]
        if caption:
            out.append(f"<caption>{esc(caption)}</caption>")
        out.append(
            "<thead><tr>"
            + "".join(
                f'<th class="num">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
                for i, h in enumerate(header)
            )
            + "</tr></thead><tbody>"
        )
        for r, row in enumerate(rows):
            cls = f' class="{esc(row_classes[r])}"' if row_classes and row_classes[r] else ""
            cells = []
            for i, cell in enumerate(row):
                text, css = cell if isinstance(cell, tuple) else (cell, "")
                classes = " ".join(c for c in (css, "num" if i in numeric else "") if c)
                attr = f' class="{classes}"' if classes else ""
                cells.append(f"<td{attr}>{esc(text)}</td>")
            out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        self.blocks.append("".join(out))

    def details(self, summary, inner_html):
        self.blocks.append(f"<details><summary>{esc(summary)}</summary>{inner_html}</details>")

    def preformatted(self, summary, text):
        self.details(summary, f"<pre>{esc(text)}</pre>")

    def render(self):
        intro = f'<p class="lede">{esc(self.intro)}</p>' if self.intro else ""
        return (
            f'<section id="{esc(self.anchor)}" data-kind="{esc(self.kind)}">'
            f"<h2>{esc(self.title)}</h2>{intro}" + "".join(self.blocks) + "</section>"
        )


class Page:
    def __init__(self, title, subtitle, facts, footer):
        self.title = title
        self.subtitle = subtitle
        self.facts = facts  # [(label, value)]
        self.footer = footer
        self.sections = []

    def add(self, section):
        self.sections.append(section)
        return section

    def render(self):
        facts = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in self.facts)
        toc = "".join(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in self.sections)
        body = "".join(s.render() for s in self.sections)
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(self.title)}</title><style>{CSS}</style></head><body><main>"
            f"<header><h1>{esc(self.title)}</h1><p class=\"lede\">{esc(self.subtitle)}</p>"
            f'<table class="meta">{facts}</table></header>'
            f"<nav><h2>Contents</h2><ol>{toc}</ol></nav>{body}"
            f"<footer>{esc(self.footer)}</footer></main></body></html>\n"
        )


def write_atomically(path, text):
    """Writes to a temporary file beside `path`, then renames it into place."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
