"""Trade: turnover reached (actual), expected (forecast) and aimed at (target) over time."""
import streamlit as st

from dyad import catalog, state, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Trade turnover"), scope)

st.caption(t("Actual: reached. Expected: forecast. Target: aimed at; the dashed line runs "
             "to the year it is to be reached by. A dark ring marks a reviewed figure."))
view.chart(catalog.build("trade", scope))

st.subheader(t("Every trade figure"))
view.paged_facts(scope, ("trade_turnover",), scope.pair, "trade-facts")
