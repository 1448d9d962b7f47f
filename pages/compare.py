"""Compare: several pairs on one chart, a matrix of every pair, a network of countries
weighted by documents signed, and a map of the pairs."""
import streamlit as st

from dyad import catalog, fmt, state, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Compare pairs"), scope)

metric = catalog.compare_metric(scope)
st.subheader(t("{metric}: {pairs}", metric=fmt.metric(metric),
               pairs=", ".join(scope.all_pairs)))
if not scope.pairs:
    st.caption(t("Add pairs under Filters → Compare with; choose the metric under Filters → "
                 "Metric."))
view.chart(catalog.build("compare", scope))

st.subheader(t("Every pair"))
docs, trade = st.tabs([t("Documents signed"), t("Latest trade turnover")])
with docs:
    matrix = catalog.build("matrix-documents", scope)
    view.chart(matrix)
with trade:
    view.chart(catalog.build("matrix-trade", scope))
view.table(matrix.frame, "every-pair", scope=scope, title=t("Every pair"))

left, right = st.columns(2)
with left:
    st.subheader(t("Network of documents signed"))
    view.chart(catalog.build("network", scope))
with right:
    st.subheader(t("Map of the pairs"))
    view.chart(catalog.build("map", scope))
