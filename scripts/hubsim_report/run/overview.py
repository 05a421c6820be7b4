"""What was run: the scenario's question, its events, parameters and full text."""

from ..html_page import Section


def build(ctx):
    f = ctx.file
    s = Section(
        "scenario",
        "The scenario",
        f.attr("scenario_description", "") or "The scenario this file was made from.",
    )
    events = ctx.scenario.get("events", [])
    if events:
        rows = [[str(e.get("date", "")), e.get("type", ""), e.get("id", ""), e.get("note", "")] for e in events]
        s.table(["date", "event", "id", "what it does"], rows, table_id="events")
    mechanisms = ctx.scenario.get("mechanisms", {})
    if mechanisms:
        off = [k for k, v in mechanisms.items() if v is False]
        s.paragraph("Mechanisms switched off: " + (", ".join(off) if off else "none") + ".")
    if "parameters" in f.h5:
        attrs = f.h5["parameters"].attrs
        rows = [[k, f"{attrs[k]:g}" if isinstance(attrs[k], float) else str(attrs[k])]
                for k in sorted(attrs) if k != "description"]
        inner = Section("unused", "")
        inner.table(["parameter", "value"], rows, table_id="parameters", numeric=(1,))
        s.details(f"Parameter values in force ({len(rows)})", "".join(inner.blocks))
    text = f.attr("scenario_toml")
    if text:
        s.preformatted("Scenario file as written (" + (f.attr("scenario_file") or "") + ")", text)
    return s
