"""A country-pair brief: one self-contained HTML file with the key figures, the charts and
the sources, for a report or an e-mail.

Reads the same queries and catalog charts as the pages (so the brief says what the
dashboard shows for the scope); writes one HTML string. Charts are inline SVG made by the
one kaleido server (`images`), so the file needs no script and prints well; should kaleido
fail, the charts fall back to interactive plotly with plotly.js inline once. Article text
and titles are escaped.
"""
from __future__ import annotations

import html
from datetime import UTC, datetime
from datetime import date as date_

import pandas as pd

from dyad import catalog, claims, fmt, images, queries, tables, targets
from dyad.i18n import lang, t
from dyad.queries import Scope

BRIEF_CHARTS = ("trade", "documents-per-event", "timeline", "coverage")
CARDS = [("Trade turnover", "trade_turnover", "actual"),
         ("Trade target", "trade_turnover", "target"),
         ("Joint ventures", "joint_ventures", "actual"),
         ("Flights per week", "flights_per_week", "actual"),
         ("Investment portfolio", "investment_portfolio", "actual"),
         ("Documents signed (latest event)", "documents_signed", "actual")]
CSS = """
body{font-family:Inter,Segoe UI,Helvetica,Arial,sans-serif;color:#1d2733;max-width:1100px;
margin:2rem auto;padding:0 1.5rem;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #1f6f8b;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#5b6775;font-size:.9rem}.cards{display:grid;grid-template-columns:repeat(3,1fr);
gap:.8rem}.card{border:1px solid #d9dee3;border-radius:.4rem;padding:.7rem .9rem}
.card .v{font-size:1.5rem;font-weight:600}.card .l,.card .w{color:#5b6775;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid
#e3e7eb;padding:.3rem .4rem;text-align:left;vertical-align:top}th{background:#f4f6f8}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}svg{max-width:100%;height:auto}
"""


def _e(v: object) -> str:
    return html.escape(fmt.text(v))


def _table(df: pd.DataFrame) -> str:
    if df.empty:
        return f"<p class=meta>{_e(t('Nothing in this range.'))}</p>"
    head = "".join(f"<th>{_e(t(str(c)))}</th>" for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(_cell(v))}</td>" for v in row) + "</tr>"
                   for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(v: object) -> object:
    if isinstance(v, date_ | pd.Timestamp) and not pd.isna(v):
        return fmt.day(v)
    if isinstance(v, float) and 0 <= v <= 1 and v != int(v):
        return f"{v:.2f}"
    return v


def _cards(latest: pd.DataFrame) -> str:
    out = []
    for label, metric, kind in CARDS:
        row = tables.pick(latest, metric, kind)
        if row is None:
            value, when = "–", t("No figure in this range.")
        else:
            value = fmt.figure(row["value"], row["unit"], row["qualifier"])
            when = fmt.day(row["date"], row["date_precision"]) + " · " + (
                fmt.text(row["title"]) or fmt.text(row["source"]))
        out.append(f"<div class=card><div class=l>{_e(t(label))}</div>"
                   f"<div class=v>{_e(value)}</div><div class=w>{_e(when)}</div></div>")
    return "<div class=cards>" + "".join(out) + "</div>"


def _charts(scope: Scope) -> str:
    parts, inline_js = [], True
    for cid in BRIEF_CHARTS:
        c = catalog.build(cid, scope)
        if c.figure is None:
            continue
        try:
            body = images.image(c.figure, "svg").decode("utf-8")
        except Exception:  # no Chromium: the interactive chart instead
            body = c.figure.to_html(full_html=False, include_plotlyjs=inline_js)
            inline_js = False
        parts.append(f"<figure><figcaption>{_e(c.title)}</figcaption>{body}</figure>")
    return "".join(parts)


def _sources(facts: pd.DataFrame, signed: pd.DataFrame) -> str:
    docs = pd.concat([facts[["source", "title", "url", "date"]],
                      signed[["source", "article", "url", "date"]].rename(
                          columns={"article": "title"})])
    docs = docs.drop_duplicates("source").sort_values("date", na_position="last")
    items = []
    for d in docs.itertuples(index=False):
        name = _e(d.title) or _e(d.source)
        link = (f'<a href="{html.escape(d.url, quote=True)}">{name}</a>'
                if isinstance(d.url, str) and d.url.startswith(("http://", "https://")) else name)
        items.append(f"<li>{_e(fmt.day(d.date))} — {link} <span class=meta>({_e(d.source)})"
                     "</span></li>")
    return "<ol>" + "".join(items) + "</ol>"


def render(scope: Scope, today: date_ | None = None) -> str:
    """The brief of the scope's pair as one HTML document."""
    info = queries.build_info()
    latest = queries.latest(scope)
    facts = queries.facts(scope, evidence=False)  # the brief lists no evidence
    signed = queries.signed_documents(scope)
    tracker = targets.tracker(catalog.target_facts(scope), today)
    tracker = tracker[tracker["Pair"] == scope.pair].drop(
        columns=["Target value", "Latest actual value", "target_id", "Pair"])
    claim_table = claims.claims(facts)
    conflicts = claims.conflicts(claim_table)
    title = f"{fmt.pair_name(scope.pair)} ({scope.pair})"
    meta = (f"{fmt.day(scope.start)} – {fmt.day(scope.end)} · "
            + t("data version {version}", version=info.get("data_version", "?")) + " · "
            + t("generated {when}", when=fmt.timestamp(
                datetime.now(UTC).isoformat(timespec="seconds"))))
    return f"""<!doctype html>
<html lang="{lang()}"><head><meta charset="utf-8"><title>Dyad: {_e(title)}</title>
<style>{CSS}</style></head><body>
<h1>{_e(title)}</h1><p class=meta>{_e(t("Country-pair brief"))} · {_e(meta)}</p>
<h2>{_e(t("Key figures"))}</h2>{_cards(latest)}
<h2>{_e(t("Targets"))}</h2>{_table(tracker)}
<h2>{_e(t("Charts"))}</h2>{_charts(scope)}
<h2>{_e(t("Conflicting figures"))}</h2>{_table(conflicts)}
<h2>{_e(t("Every figure"))}</h2>{_table(tables.facts_table(facts).drop(
        columns=["Value", "Unit", "Evidence", "Block"]))}
<h2>{_e(t("Sources"))}</h2>{_sources(facts, signed)}
</body></html>"""
