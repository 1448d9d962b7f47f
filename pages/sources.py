"""Sources: every fact with its sentence highlighted in its document; unsure ones to review."""
import streamlit as st

from dyad import evidence, fmt, queries, state, tables, view

SHOWN = 200  # evidence panels drawn at most; the table above lists every fact

scope = state.scope()
state.header("Sources", scope)
facts = queries.facts(scope)

st.subheader(f"To review (confidence below {queries.REVIEW_THRESHOLD})")
review = queries.to_review(scope)
if review.empty:
    st.caption("Every fact in this range is above the threshold.")
else:
    view.table(tables.facts_table(review), scope.pair, "to-review")

st.subheader("Every fact")
view.table(tables.facts_table(facts), scope.pair, "facts")

st.subheader("Evidence")
st.caption("Each fact's sentence is marked in its document, the figure in bold; "
           "facts to review are open.")
whole = st.toggle("Show whole documents", key="whole_documents")
texts = queries.document_texts(tuple(facts["doc_id"].head(SHOWN)))
for fact in facts.head(SHOWN).itertuples(index=False):
    unsure = fact.confidence < queries.REVIEW_THRESHOLD
    title = fmt.fact_title(fact, queries.REVIEW_THRESHOLD)
    with st.expander(fmt.md_escape(title), expanded=unsure,
                     icon=":material/flag:" if unsure else ":material/format_quote:"):
        text = texts.get(fact.doc_id, "")
        if text:
            st.html(evidence.highlight(text, fact.start, fact.end, fact.value,
                                       context=None if whole else 250))
        else:
            st.html(evidence.sentence_html(fmt.text(fact.evidence), fact.value))
        st.caption(fmt.md_escape(f"{fmt.text(fact.title) or fact.source} — {fact.source}"))
if len(facts) > SHOWN:
    st.caption(f"Evidence shown for the first {SHOWN} of {len(facts):,} facts; narrow the dates.")

rejected = queries.rejected_files()
if not rejected.empty:
    st.subheader("Files that could not be read")
    view.table(rejected.rename(columns={"source": "File", "reason": "Why"}), "rejected-files")
