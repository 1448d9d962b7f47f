"""Timeline: each event of the pair (visit, talks, signing) with its documents and facts, and
coverage: articles per month, language and source."""
import pandas as pd
import streamlit as st

from dyad import catalog, fmt, queries, state, tables, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Timeline"), scope)

st.subheader(t("Events"))
events = catalog.build("timeline", scope)
view.chart(events)
facts = queries.facts(scope)
signed = queries.signed_documents(scope)
for row in events.frame.iloc[::-1].to_dict("records"):
    label = (f"{fmt.day(row['Date'])} · {row['Event']} · "
             + t("{n} articles, {d} documents signed, {f} facts", n=row["Articles"],
                 d=row["Documents signed"], f=row["Facts"]))
    with st.expander(fmt.md_escape(label)):
        st.caption(fmt.md_escape(f"{row['Titles']} ({row['Sources']})"))
        day_signed = signed[pd.to_datetime(signed["date"]).dt.date == row["Date"]]
        if len(day_signed):
            st.dataframe(view.localised(tables.signed_table(day_signed)), hide_index=True)
        day_facts = facts[pd.to_datetime(facts["date"]).dt.date == row["Date"]]
        if len(day_facts):
            st.dataframe(view.localised(tables.facts_table(day_facts).drop(
                columns=["Value", "Unit", "Block", "Evidence"])), hide_index=True)
view.table(events.frame, scope.pair, "events-timeline", scope=scope)

st.subheader(t("Coverage"))
st.caption(t("Articles per month about the pair and the pairs compared with it, a colour per "
             "source and a pattern per language: a spike from one new source shows as one "
             "colour."))
coverage = catalog.build("coverage", scope)
view.chart(coverage)
view.table(coverage.frame, scope.pair, "coverage", scope=scope)
