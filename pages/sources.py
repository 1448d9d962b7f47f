"""Sources: every fact with its sentence highlighted in its document; unsure ones to review."""
import streamlit as st

from dyad import evidence, fmt, queries, state, tables, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Sources"), scope)

st.subheader(t("To review (confidence below {c})", c=queries.REVIEW_THRESHOLD))
review = queries.to_review(scope)
if review.empty:
    st.caption(t("Every fact in this range is above the threshold."))
else:
    unsure = queries.count_to_review(scope)
    if unsure > len(review):
        st.caption(t("The {n} least sure of {total}.", n=fmt.count(len(review)),
                     total=fmt.count(unsure)))
    view.table(tables.facts_table(review), scope.pair, "to-review", scope=scope)
st.page_link("pages/review.py", label=t("Confirm, correct or reject facts"),
             icon=":material/rate_review:")

st.subheader(t("Every fact"))
facts = view.paged_facts(scope, None, scope.pair, "facts")  # the evidence below: this page

st.subheader(t("Evidence"))
st.caption(t("Each fact's sentence is marked in its document, the figure in bold; "
             "facts to review are open."))
whole = st.toggle(t("Show whole documents"), key="whole_documents")
texts = queries.document_texts(tuple(facts["doc_id"]))
for fact in facts.itertuples(index=False):
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
        mark = fmt.review_mark(fact.status, fact.reviewed_by, fact.reviewed_at)
        st.caption(fmt.md_escape(f"{fmt.text(fact.title) or fact.source} — {fact.source}"
                                 + (f" · ✎ {mark}" if mark else "")))

rejected = queries.rejected_files()
if not rejected.empty:
    st.subheader(t("Files that could not be read"))
    view.table(rejected.rename(columns={"source": "File", "reason": "Why"}), "rejected-files")
