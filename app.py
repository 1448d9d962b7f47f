"""Dyad's dashboard: this file only routes. Pages live in pages/ and call the dyad package.

The pair and date-range filters are drawn here, around every page, because Streamlit keeps
URL-bound widgets of the entrypoint across page changes (those of a page are dropped).
`?embed=true` shows a page without the navigation, for embedding in other sites.
"""
import streamlit as st

from dyad import state

st.set_page_config(page_title="Dyad", page_icon=":material/handshake:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/trade.py", title="Trade", icon=":material/show_chart:"),
    st.Page("pages/agreements.py", title="Agreements", icon=":material/contract:"),
    st.Page("pages/cooperation.py", title="Cooperation", icon=":material/handshake:"),
    st.Page("pages/sources.py", title="Sources", icon=":material/article:"),
]

page = st.navigation(PAGES, position="hidden" if st.context.is_embedded else "sidebar")
state.sidebar()
page.run()
