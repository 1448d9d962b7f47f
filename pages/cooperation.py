"""Cooperation: joint ventures, flights per week and the joint investment portfolio."""
import streamlit as st

from dyad import catalog, fmt, queries, state, tables, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Cooperation"), scope)
latest = queries.latest(scope)

for col, metric in zip(st.columns(len(queries.COOPERATION)), queries.COOPERATION, strict=True):
    with col:
        view.card(fmt.metric(metric), tables.pick(latest, metric))
        view.chart(catalog.build(metric, scope))

st.subheader(t("Every cooperation figure"))
view.paged_facts(scope, queries.COOPERATION, scope.pair, "cooperation-facts")
