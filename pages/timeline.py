"""Timeline: each event of the pair (visit, talks, signing) with its documents and facts, and
coverage: articles per month, language and source."""
import pandas as pd
import streamlit as st

from dyad import catalog, fmt, queries, state, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Timeline"), scope)

st.subheader(t("Events"))
events = catalog.build("timeline", scope)
view.chart(events)
facts = queries.facts(scope, evidence=False)  # the newest MAX_ROWS: facts, signed, articles
if len(facts) == queries.MAX_ROWS and (total := queries.count_facts(scope)) > len(facts):
    st.caption(t("From the newest {n} of {total} facts.", n=fmt.count(len(facts)),
                 total=fmt.count(total)))
EXPANDED = 100  # events drawn with their documents and facts; the table below lists every one
if len(events.frame) > EXPANDED:
    st.caption(t("The newest {n} of {total}.", n=EXPANDED, total=fmt.count(len(events.frame))))
shown = events.frame.iloc[::-1].head(EXPANDED).to_dict("records")
details = catalog.event_details(scope, tuple(row["Date"] for row in shown))
for row in shown:
    label = (f"{fmt.day(row['Date'])} · {row['Event']} · "
             + t("{n} articles, {d} documents signed, {f} facts", n=row["Articles"],
                 d=row["Documents signed"], f=row["Facts"]))
    with st.expander(fmt.md_escape(label)):
        st.caption(fmt.md_escape(f"{row['Titles']} ({row['Sources']})"))
        day_signed, day_facts = details.get(row["Date"], (pd.DataFrame(), pd.DataFrame()))
        if len(day_signed):
            st.dataframe(view.localised(day_signed), hide_index=True)
        if len(day_facts):
            st.dataframe(view.localised(day_facts), hide_index=True)
view.table(events.frame, scope.pair, "events-timeline", scope=scope)

st.subheader(t("Coverage"))
st.caption(t("Articles per month about the pair and the pairs compared with it, a colour per "
             "source and a pattern per language: a spike from one new source shows as one "
             "colour."))
coverage = catalog.build("coverage", scope)
view.chart(coverage)
view.table(coverage.frame, scope.pair, "coverage", scope=scope)
