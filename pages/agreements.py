"""Agreements: documents signed per event, by type and sector, with their titles."""
import streamlit as st

from dyad import catalog, queries, state, tables, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Agreements"), scope)

st.subheader(t("Documents signed per event"))
per_event = catalog.build("documents-per-event", scope)
view.chart(per_event)
view.table(per_event.frame, scope.pair, "events", scope=scope)

left, right = st.columns(2)
with left:
    st.subheader(t("By type"))
    view.chart(catalog.build("documents-by-type", scope))
with right:
    st.subheader(t("By sector"))
    view.chart(catalog.build("documents-by-sector", scope))

st.subheader(t("Signed documents"))
total = queries.count_signed(scope)
if not total:
    st.caption(t("Nothing in this range."))
else:
    offset = view.pager(total, scope.pair, "signed-documents")
    shown = view.localised(tables.signed_table(
        queries.signed_documents(scope, limit=queries.PAGE, offset=offset)))
    st.dataframe(shown, hide_index=True)
    view.download_all(lambda: tables.signed_table(queries.signed_documents(scope, limit=None)),
                      scope.pair, "signed-documents", scope=scope)
