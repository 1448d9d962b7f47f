"""Dyad's dashboard: this file only routes. Pages live in pages/ and call the dyad package.

The filters (pair, dates, compare pairs, metric, kind, language, source, confidence), the
interface language and the reviewer's name are drawn here, around every page, because
Streamlit keeps URL-bound widgets of the entrypoint across page changes (those of a page
are dropped). `?embed=true` shows a page without the navigation, for embedding in other
sites; the embedded-chart page (`/embed`) shows one chart and nothing else. A new version
of the database is warmed in the background (dyad/warm.py).
"""
import streamlit as st
from streamlit import runtime

from dyad import state, view, warm
from dyad.i18n import t

st.set_page_config(page_title="Dyad", page_icon=":material/handshake:", layout="wide")
state.mark_routed()
state.interface_language()
if runtime.exists():  # a server, not a test's AppTest run
    warm.start()  # once per process: a rebuilt database is warmed before the next visitor

EMBED = st.Page("pages/embed.py", title=t("Embedded chart"), url_path="embed",
                visibility="hidden")
UPLOAD = st.Page("pages/upload.py", title=t("Add articles"), icon=":material/upload_file:")
PAGES = {
    t("Country pair"): [
        st.Page("pages/overview.py", title=t("Overview"), icon=":material/dashboard:",
                default=True),
        st.Page("pages/trade.py", title=t("Trade"), icon=":material/show_chart:"),
        st.Page("pages/agreements.py", title=t("Agreements"), icon=":material/contract:"),
        st.Page("pages/cooperation.py", title=t("Cooperation"), icon=":material/handshake:"),
        st.Page("pages/timeline.py", title=t("Timeline"), icon=":material/timeline:"),
    ],
    t("Analysis"): [
        st.Page("pages/targets.py", title=t("Targets"), icon=":material/flag:"),
        st.Page("pages/corroboration.py", title=t("Corroboration"), icon=":material/fact_check:"),
        st.Page("pages/compare.py", title=t("Compare"), icon=":material/compare_arrows:"),
    ],
    t("Data"): [
        st.Page("pages/sources.py", title=t("Sources"), icon=":material/article:"),
        st.Page("pages/review.py", title=t("Review"), icon=":material/rate_review:"),
        UPLOAD,
        EMBED,
    ],
}

page = st.navigation(PAGES, position="hidden" if st.context.is_embedded else "sidebar")
with view.database_guard():  # a damaged block met by a query: the message, not a traceback
    if page.url_path != EMBED.url_path:
        state.sidebar(require=page.url_path != UPLOAD.url_path)
    page.run()
