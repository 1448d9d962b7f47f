"""Agreements: documents signed per event, by type and sector, with their titles."""
import streamlit as st

from dyad import charts, queries, state, tables, view

scope = state.scope()
state.header("Agreements", scope)

events = tables.events_table(queries.facts(scope, ("documents_signed",)))
st.subheader("Documents signed per event")
view.chart(charts.per_event(events), events, scope.pair, "documents-per-event")
view.table(events, scope.pair, "events")

signed = queries.signed_documents(scope)
by_type = tables.tally(signed, "doc_type", "Type")
by_sector = tables.tally(signed, "sector", "Sector")
left, right = st.columns(2)
with left:
    st.subheader("By type")
    view.chart(charts.bars(by_type, "Type"), by_type, scope.pair, "documents-by-type")
with right:
    st.subheader("By sector")
    view.chart(charts.bars(by_sector, "Sector"), by_sector, scope.pair, "documents-by-sector")

st.subheader("Signed documents")
view.table(tables.signed_table(signed), scope.pair, "signed-documents")
