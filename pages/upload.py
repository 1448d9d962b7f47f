"""Add articles: upload .txt / .html / .pdf with an optional url and date; they are stored
under data/raw/, extracted, and their facts listed for review, without a restart."""
import streamlit as st

from dyad import actions, queries, tables, view
from dyad.i18n import t

MAX_FILES = 20  # etl/uploads.py enforces the same limits
MAX_MB = 20

st.title(t("Add articles"))
st.caption(t("Files are stored under the raw folder and listed in its manifest; their type "
             "is read from their content. The same file twice is stored once. At most "
             "{n} files of {mb} MB each per upload.", n=MAX_FILES, mb=MAX_MB))

with st.form("upload", clear_on_submit=True, border=True):
    files = st.file_uploader(t("Articles"), type=["txt", "html", "htm", "pdf", "md"],
                             accept_multiple_files=True, key="files",
                             max_upload_size=MAX_MB)
    left, right = st.columns(2)
    url = left.text_input(t("URL (optional)"), key="upload_url", placeholder="https://…")
    published = right.date_input(t("Published (optional)"), value=None, key="upload_date",
                                 format="YYYY-MM-DD")
    submitted = st.form_submit_button(t("Add and extract"), icon=":material/upload:",
                                      type="primary")

if submitted:
    url = (url or "").strip()
    if not files:
        st.warning(t("Choose at least one file."))
    elif len(files) > MAX_FILES:
        st.error(t("Too many files: at most {n} per upload.", n=MAX_FILES))
    elif url and not url.startswith(("http://", "https://")):
        st.error(t("The URL must start with http:// or https://."))
    else:
        verdicts, ok = actions.upload([(f.name, f.getvalue()) for f in files], url or None,
                                      published)
        st.session_state["uploaded"] = verdicts

verdicts = st.session_state.get("uploaded") or []
if verdicts:
    st.subheader(t("Your upload"))
    view.table(tables.upload_table(verdicts), "upload", title=t("Your upload"))
    sources = tuple(v["file"] for v in verdicts if v.get("file"))
    if sources and view.has_db():
        facts = queries.review_facts(sources=sources, limit=queries.MAX_ROWS)
        st.subheader(t("Facts found in these files"))
        if facts.empty:
            st.caption(t("No facts were found in these files."))
        else:
            view.table(tables.review_table(facts), "uploaded-facts",
                       title=t("Facts found in these files"))
            st.page_link("pages/review.py", label=t("Review these facts"),
                         icon=":material/rate_review:")
