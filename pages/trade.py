"""Trade: turnover reached (actual), expected (forecast) and aimed at (target) over time."""
import streamlit as st

from dyad import charts, queries, state, tables, view

scope = state.scope()
state.header("Trade turnover", scope)
trade = queries.facts(scope, ("trade_turnover",))

series = tables.trade_series(trade)
st.caption("Actual: reached. Expected: forecast. Target: aimed at; the dashed line runs "
           "to the year it is to be reached by.")
view.chart(charts.over_time(series, "Value (USD)", money=True), series, scope.pair, "trade")

st.subheader("Every trade figure")
view.table(tables.facts_table(trade), scope.pair, "trade-facts")
