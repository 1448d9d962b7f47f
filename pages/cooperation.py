"""Cooperation: joint ventures, flights per week and the joint investment portfolio."""
import streamlit as st

from dyad import charts, fmt, queries, state, tables, view

scope = state.scope()
state.header("Cooperation", scope)
facts = queries.facts(scope, queries.COOPERATION)
latest = queries.latest(scope)

for col, metric in zip(st.columns(len(queries.COOPERATION)), queries.COOPERATION, strict=True):
    with col:
        view.card(fmt.metric(metric), tables.pick(latest, metric))
        series = tables.metric_series(facts, metric)
        fig = charts.over_time(series, series.columns[2], money=metric == "investment_portfolio",
                               height=260)
        view.chart(fig, series, scope.pair, metric)

st.subheader("Every cooperation figure")
view.table(tables.facts_table(facts), scope.pair, "cooperation-facts")
