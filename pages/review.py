"""Review: confirm, correct (value, kind, pair, date) or reject a fact. Decisions go to the
corrections file (apart from the database), are re-applied on every rebuild, and the
dashboard marks reviewed figures with who and when. Rejected facts stay listed here."""
from datetime import date

import pandas as pd
import streamlit as st

from dyad import actions, evidence, fmt, paths, queries, review, state, tables, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Review"), scope)
if flash := st.session_state.pop("review_flash", None):
    st.success(flash, icon=":material/check_circle:")
st.caption(t("Decisions are saved to {file} with your name ({who}) and re-applied on every "
             "rebuild.", file=paths.corrections_path().name, who=state.who()))

uploaded = tuple(v["file"] for v in st.session_state.get("uploaded") or [] if v.get("file"))
only_uploads = bool(uploaded) and st.toggle(t("Only the files just added"), value=True,
                                            key="review_uploads")
where = {"sources": uploaded} if only_uploads else {"scope": scope}
total = queries.count_review_facts(**where)  # type: ignore[arg-type]
if not total:
    st.caption(t("Nothing in this range."))
    st.stop()
offset = view.pager(total, scope.pair, "review")
facts = queries.review_facts(**where, offset=offset)  # type: ignore[arg-type]
shown = view.localised(tables.review_table(facts))
st.dataframe(shown, hide_index=True)
view.download_all(lambda: tables.review_table(queries.review_facts_csv(**where)),  # type: ignore[arg-type]
                  scope.pair, "review", scope=scope)

labels = {row["fact_id"]: f"[{t(str(row['status']).capitalize())}] {row['pair']} · "
          + fmt.fact_title(pd.Series(row), queries.REVIEW_THRESHOLD)
          for row in facts.to_dict("records")}
fact_id = st.selectbox(t("Fact"), list(labels), format_func=labels.__getitem__,
                       key="review_fact")
fact = facts[facts["fact_id"] == fact_id].iloc[0]
text = queries.document_texts((fact["doc_id"],)).get(fact["doc_id"], "")
st.html(evidence.highlight(text, fact["start"], fact["end"], fact["value"], context=300)
        if text else evidence.sentence_html(fmt.text(fact["evidence"]), fact["value"]))
mark = fmt.review_mark(fact["status"], fact["reviewed_by"], fact["reviewed_at"])
st.caption(fmt.md_escape(f"{fact['source']} · fact {fact_id}" + (f" · ✎ {mark}" if mark else "")
                         + (f" · {fact['review_note']}" if fmt.text(fact["review_note"]) else "")))

reason = st.text_input(t("Reason (optional)"), key="review_reason")
original = {"value": float(fact["value"]), "kind": fact["kind"], "pair": fact["pair"],
            "date": pd.Timestamp(fact["date"]).date() if pd.notna(fact["date"]) else None}


def queue(action: str) -> None:
    """Button callbacks only queue the decision; the page runs it below with a progress box
    (a callback runs before the page, where no progress can be shown)."""
    st.session_state["review_pending"] = {
        "fact_id": st.session_state["review_fact"], "action": action,
        "reason": st.session_state.get("review_reason") or ""}
    st.session_state["review_reason"] = ""


def queue_correction(before: dict) -> None:
    key = st.session_state["review_fact"]  # the form's widgets are per fact: fresh defaults
    after = {"value": st.session_state[f"correct_value_{key}"],
             "kind": st.session_state[f"correct_kind_{key}"],
             "pair": (st.session_state[f"correct_pair_{key}"] or "").strip().upper(),
             "date": st.session_state[f"correct_date_{key}"]}
    changes = {k: v for k, v in after.items() if v is not None and v != before[k]}
    if changes:
        queue("correct")
        st.session_state["review_pending"]["changes"] = changes
    else:
        st.session_state["review_flash"] = t("Nothing changed.")


confirm_col, reject_col = st.columns(2)
confirm_col.button(t("Confirm"), icon=":material/check:", key="confirm", width="stretch",
                   on_click=queue, args=("confirm",))
reject_col.button(t("Reject"), icon=":material/block:", key="reject", width="stretch",
                  on_click=queue, args=("reject",))

with st.form("correct"):
    st.markdown(f"**{t('Correct')}**")
    a, b, c, d = st.columns(4)
    a.number_input(t("Value"), value=original["value"], min_value=0.0,
                   format="%.0f" if original["value"] >= 1000 else "%g",
                   key=f"correct_value_{fact_id}")
    b.selectbox(t("Kind"), review.KINDS, index=review.KINDS.index(original["kind"]),
                format_func=fmt.kind, key=f"correct_kind_{fact_id}")
    c.text_input(t("Pair"), value=original["pair"], key=f"correct_pair_{fact_id}")
    d.date_input(t("Date"), value=original["date"], min_value=date(1991, 1, 1),
                 max_value=date(2099, 12, 31), key=f"correct_date_{fact_id}",
                 format="YYYY-MM-DD")
    st.form_submit_button(t("Save correction"), icon=":material/edit:", type="primary",
                          on_click=queue_correction, args=(original,))

pending = st.session_state.pop("review_pending", None)
if pending and actions.decide(pending["fact_id"], pending["action"], state.who(),
                              pending["reason"], pending.get("changes")):
    st.session_state["review_flash"] = t("Saved and rebuilt.")
    st.rerun()
st.button(t("Rebuild now"), icon=":material/refresh:", key="rebuild",
          help=t("Rebuild the database from the raw folder; every correction is re-applied."),
          on_click=st.session_state.update, kwargs={"review_rebuild": True})
if st.session_state.pop("review_rebuild", False) and actions.rebuild():
    st.session_state["review_flash"] = t("Rebuilt; corrections re-applied.")
    st.rerun()

st.subheader(t("Corrections log"))
log = pd.DataFrame(review.read(paths.corrections_path()), columns=review.COLUMNS)
view.table(log.iloc[::-1], "corrections", title=t("Corrections log"))
orphans = queries.orphaned_corrections()
if not orphans.empty:
    st.caption(t("{n} corrections name facts no longer extracted; they are kept in the file.",
                 n=len(orphans)))
