"""Overview: a pair's latest figures as cards, and trade against the announced target."""
import streamlit as st

from dyad import fmt, queries, state, tables, view

CARDS = [
    ("Trade turnover", "trade_turnover", "actual"),
    ("Trade target", "trade_turnover", "target"),
    ("Joint ventures", "joint_ventures", "actual"),
    ("Flights per week", "flights_per_week", "actual"),
    ("Investment portfolio", "investment_portfolio", "actual"),
    ("Documents signed (latest event)", "documents_signed", "actual"),
]

scope = state.scope()
state.header("Overview", scope)
latest = queries.latest(scope)

for i in range(0, len(CARDS), 3):
    for col, (label, metric, kind) in zip(st.columns(3), CARDS[i:i + 3], strict=True):
        with col:
            view.card(label, tables.pick(latest, metric, kind))

st.subheader("Trade against the announced target")
progress = tables.against_target(tables.pick(latest, "trade_turnover"),
                                 tables.pick(latest, "trade_turnover", "target"))
if progress is None:
    st.caption("Needs both a reported turnover and an announced target in this range.")
else:
    share, text = progress
    st.progress(min(share, 1.0), text=fmt.md_escape(text))

st.subheader("Latest figures")
view.table(tables.latest_table(latest), scope.pair, "latest")
