"""Corroboration: a figure reported by several sources is one claim with its sources; figures
that disagree for the same pair, metric and period are a conflict, side by side."""
import streamlit as st

from dyad import catalog, fmt, queries, state, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Corroboration"), scope)
facts = queries.facts(scope, evidence=False)  # the newest MAX_ROWS facts
table, clash = catalog.claims_of(scope)
if len(facts) == queries.MAX_ROWS and (total := queries.count_facts(scope)) > len(facts):
    st.caption(t("From the newest {n} of {total} facts.", n=fmt.count(len(facts)),
                 total=fmt.count(total)))

left, right = st.columns(2)
left.metric(t("Claims"), fmt.count(len(table)))
right.metric(t("Conflicts"), fmt.count(len(clash)))

st.subheader(t("Conflicting figures"))
st.caption(t("Different figures for the same metric, kind and period; never averaged."))
if clash.empty:
    st.caption(t("No conflicting figures in this range."))
else:
    view.table(clash, scope.pair, "conflicts", scope=scope)

st.subheader(t("Claims and their sources"))
view.table(table.drop(columns=["claim_id", "group"]), scope.pair, "claims", scope=scope)

metric = catalog.compare_metric(scope)
st.subheader(t("Claims by period: {metric}", metric=fmt.metric(metric)))
st.caption(t("Choose the metric under Filters → Metric. Two dots in one column disagree."))
view.chart(catalog.build("claims", scope))
