"""Overview: a pair's latest figures as cards, trade against the announced target, and the
one-click brief of the pair."""
import streamlit as st

from dyad import brief, exports, fmt, queries, state, tables, view
from dyad.i18n import t

CARDS = [
    ("Trade turnover", "trade_turnover", "actual"),
    ("Trade target", "trade_turnover", "target"),
    ("Joint ventures", "joint_ventures", "actual"),
    ("Flights per week", "flights_per_week", "actual"),
    ("Investment portfolio", "investment_portfolio", "actual"),
    ("Documents signed (latest event)", "documents_signed", "actual"),
]

scope = state.scope()
state.header(t("Overview"), scope)
st.download_button(
    t("Country-pair brief (HTML)"), lambda: brief.render(scope).encode("utf-8"),
    file_name=exports.file_name(scope.pair, "brief", ext="html"), mime="text/html",
    key="brief", on_click="ignore", icon=":material/summarize:",
    help=t("One HTML file: key figures, targets, charts, conflicts and sources."))
latest = queries.latest(scope)

for i in range(0, len(CARDS), 3):
    for col, (label, metric, kind) in zip(st.columns(3), CARDS[i:i + 3], strict=True):
        with col:
            view.card(t(label), tables.pick(latest, metric, kind))

st.subheader(t("Trade against the announced target"))
progress = tables.against_target(tables.pick(latest, "trade_turnover"),
                                 tables.pick(latest, "trade_turnover", "target"))
if progress is None:
    st.caption(t("Needs both a reported turnover and an announced target in this range."))
else:
    share, text = progress
    st.progress(min(share, 1.0), text=fmt.md_escape(text))
st.page_link("pages/targets.py", label=t("Every target, its pace and status"),
             icon=":material/flag:")

st.subheader(t("Latest figures"))
view.table(tables.latest_table(latest), scope.pair, "latest", scope=scope)
