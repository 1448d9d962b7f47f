"""The pair and date range every page shows, kept in the URL.

Both widgets are bound to query parameters (`?pair=KAZ-TJK&dates=2021-12-06&dates=2025-11-16`),
so a link shares the view and the choice survives page changes. A value that is not a
known pair is dropped by Streamlit before it reaches a query; all queries bind it anyway.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from dyad import fmt, queries
from dyad.queries import Scope
from dyad.view import require_db

EARLIEST, LATEST = date(1991, 1, 1), date(2099, 12, 31)


def _range(value: object, lo: date, hi: date) -> tuple[date, date]:
    """date_input gives a 1-tuple while the user is picking the second date."""
    picked = [d for d in (value if isinstance(value, tuple | list) else (value,)) if d]
    if not picked:
        return lo, hi
    start = picked[0]
    end = picked[1] if len(picked) > 1 else hi
    return (start, end) if start <= end else (end, start)


def sidebar() -> None:
    """Draw the pair and date-range widgets; app.py calls this on every run.

    They live in the entrypoint on purpose: on a page change Streamlit drops the URL
    parameters bound to widgets of another page, and keeps those of the entrypoint's.
    Stops the run with a clear message when there is no database.
    """
    require_db()
    pairs = queries.pairs()
    if not pairs:
        st.info("The database has no facts yet: add articles to data/raw/ and rebuild.")
        st.stop()
    lo, hi = queries.date_bounds()
    with st.sidebar:
        pair = st.selectbox("Country pair", pairs, key="pair", bind="query-params")
        st.caption(fmt.pair_name(pair))
        st.date_input(
            "Dates", value=(lo, hi), min_value=EARLIEST, max_value=LATEST,
            key="dates", bind="query-params", format="YYYY-MM-DD",
        )
        info = queries.build_info()
        if "built_at" in info:
            st.caption(f"Database built {fmt.md_escape(fmt.timestamp(info['built_at']))}")


def _route_through_app() -> None:
    """Make sure app.py ran: until some run has called st.navigation, a fresh server runs
    files in pages/ directly (Streamlit's old pages-folder mode), so the first visitor of a
    deep link would get no filters and the wrong navigation. Leave that mode and rerun."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def scope() -> Scope:
    """The pair and date range chosen in the sidebar, for the page being run."""
    _route_through_app()
    lo, hi = queries.date_bounds()
    pair = st.session_state.get("pair") or queries.pairs()[0]
    start, end = _range(st.session_state.get("dates"), lo, hi)
    return Scope(pair, start, end)


def header(title: str, s: Scope) -> None:
    st.title(title)
    st.caption(f"{fmt.pair_name(s.pair)} ({s.pair}) · {fmt.day(s.start)} – {fmt.day(s.end)}")
