"""The sidebar's choices every page shows, kept in the URL so that a link reproduces a view.

Every filter is a widget bound to a query parameter:
`?pair=KAZ-TJK&dates=2021-12-06&dates=2025-11-16&pairs=KAZ-UZB&metric=Trade+turnover
&kind=Target&lang=ru&source=president.uz&conf=0.6&ui=ru`. A value that is not an option
is dropped by Streamlit before it reaches a query; all queries bind it anyway.
The embedded-chart page draws no sidebar: it reads the same parameters from the URL
(`scope_from_params`), so an embed link keeps the state of the view it was made from.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import streamlit as st

from dyad import fmt, i18n, queries
from dyad.i18n import t
from dyad.queries import Scope
from dyad.view import has_db, require_db

EARLIEST, LATEST = date(1991, 1, 1), date(2099, 12, 31)
DEFAULT_WHO = "analyst"
METRIC_LABELS = fmt.METRICS  # English, as in the URL: ?metric=Trade+turnover
KIND_LABELS = fmt.KINDS      # ?kind=Target
_CODES = {**{v: k for k, v in METRIC_LABELS.items()}, **{v: k for k, v in KIND_LABELS.items()}}
# query parameter -> what it filters; the sidebar's widgets use these as keys
FILTER_KEYS = ("pair", "dates", "pairs", "metric", "kind", "lang", "source", "conf", "ui")


def _range(value: object, lo: date, hi: date) -> tuple[date, date]:
    """date_input gives a 1-tuple while the user is picking the second date."""
    picked = [d for d in (value if isinstance(value, tuple | list) else (value,)) if d]
    if not picked:
        return lo, hi
    start = picked[0]
    end = picked[1] if len(picked) > 1 else hi
    return (start, end) if start <= end else (end, start)


def interface_language() -> str:
    """The interface language for this run, before the switch is drawn (page titles need it)."""
    chosen = st.session_state.get("ui") or st.query_params.get("ui") or "en"
    i18n.set_lang(chosen)
    return i18n.lang()


def sidebar(require: bool = True) -> None:
    """Draw the filters; app.py calls this on every run (but for the embedded chart).

    They live in the entrypoint on purpose: on a page change Streamlit drops the URL
    parameters bound to widgets of another page, and keeps those of the entrypoint's.
    Stops the run with a clear message when there is no database (unless `require` is
    False: the Add-articles page makes the first database).
    """
    with st.sidebar:
        st.radio(t("Interface"), list(i18n.LANGS), key="ui", bind="query-params",
                 horizontal=True, help="English / Русский")
    if not require and not has_db():
        _who()
        return
    require_db()
    pairs = queries.pairs()
    if not pairs:
        st.info(t("The database has no facts yet: add articles to data/raw/ and rebuild."))
        _who()
        return
    lo, hi = queries.date_bounds()
    options = queries.options()
    _keep_pair(pairs)
    with st.sidebar:
        # index=None: no pair is the widget's default, so the chosen one is always in the
        # URL (a bound widget at its default leaves the URL), and a value the widget loses
        # in a page change racing a rerun is told apart from a pick of the first pair
        pair = st.selectbox(t("Country pair"), pairs, index=None, key="pair",
                            bind="query-params") or st.session_state[_LAST_PAIR]
        st.session_state[_LAST_PAIR] = pair
        st.caption(fmt.pair_name(pair))
        st.date_input(
            t("Dates"), value=(lo, hi), min_value=EARLIEST, max_value=LATEST,
            key="dates", bind="query-params", format="YYYY-MM-DD",
        )
        with st.expander(t("Filters"), icon=":material/filter_alt:"):
            # a bound widget puts its option *labels* in the URL: labels that do not change
            # with the interface language keep links working in both
            st.multiselect(t("Compare with"), pairs, key="pairs", bind="query-params")
            st.multiselect(t("Metric"), queries.METRICS, key="metric", bind="query-params",
                           format_func=METRIC_LABELS.__getitem__)
            st.multiselect(t("Kind"), queries.KINDS, key="kind", bind="query-params",
                           format_func=KIND_LABELS.__getitem__)
            st.multiselect(t("Language"), options["lang"], key="lang", bind="query-params")
            st.multiselect(t("Source"), options["source"], key="source", bind="query-params")
            st.slider(t("Minimum confidence"), 0.0, 1.0, 0.0, 0.05, key="conf",
                      bind="query-params")
    _who()
    info = queries.build_info()
    if "built_at" in info:
        with st.sidebar:
            st.caption(fmt.md_escape(
                t("Database built {when}", when=fmt.timestamp(info["built_at"]))
                + " · " + t("data version {version}", version=info.get("data_version", "?"))))


_LAST_PAIR = "_dyad_last_pair"


def _keep_pair(pairs: list[str]) -> None:
    """Give the pair widget a value before it is drawn when it has none: on a first run
    without ?pair=, or when Streamlit dropped its state because a page change raced a
    pending rerun under load (measured by `make load`), it gets the pair this session
    showed last, else the best covered. On a first run a ?pair= in the URL wins over it;
    from the second run on the pair shown is always in the URL, so a copied link names it."""
    last = st.session_state.get(_LAST_PAIR)
    last = last if last in pairs else pairs[0]
    st.session_state[_LAST_PAIR] = last
    if st.session_state.get("pair") not in pairs:
        st.session_state["pair"] = last
    elif "pair" not in st.query_params:  # set again: Streamlit then writes it to the URL
        st.session_state["pair"] = st.session_state["pair"]


def _who() -> None:
    if "who" not in st.session_state:
        st.session_state["who"] = DEFAULT_WHO
    with st.sidebar:
        st.text_input(t("Your name"), key="who", help=t("Shown beside your corrections."))


def who() -> str:
    return (st.session_state.get("who") or "").strip() or DEFAULT_WHO


_ROUTED = "_dyad_routed"


def mark_routed() -> None:
    """Called first thing by app.py: this session's runs go through the router."""
    st.session_state[_ROUTED] = True


def _route_through_app() -> None:
    """Make sure app.py ran: until some run has called st.navigation, a fresh server runs
    files in pages/ directly (Streamlit's old pages-folder mode), so a visitor of a deep
    link would get no filters and the wrong navigation. Leave that mode and rerun — every
    session that arrived that way, not only the first (several analysts opening links on a
    fresh server at once each get their own rerun). Bounded, so nothing can loop."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    if not st.session_state.get(_ROUTED):
        tries = st.session_state.get("_dyad_route_tries", 0)
        if tries < 2:
            st.session_state["_dyad_route_tries"] = tries + 1
            st.rerun()


def _tuple(value: object) -> tuple[str, ...]:
    """Widget values or URL values (labels like 'Trade turnover' become codes)."""
    if value is None:
        return ()
    values = value if isinstance(value, list | tuple) else [value]
    return tuple(_CODES.get(str(v), str(v)) for v in values if v)


def _confidence(value: object) -> float:
    """The minimum confidence, rounded to 6 places: the slider's 0.15 may come as
    0.15000000000000002, which is no step of the aggregates (dyad/queries/scope.py)."""
    try:
        return round(min(1.0, max(0.0, float(str(value)))), 6)
    except ValueError:
        return 0.0


def scope_from(values: Mapping[str, object], pairs: list[str], lo: date, hi: date) -> Scope:
    """A scope from widget values or URL parameters; unknown pairs and metrics are dropped."""
    pair = str(values.get("pair") or "")
    pair = pair if pair in pairs else pairs[0]
    dates = values.get("dates")
    if isinstance(dates, list | tuple) and dates and isinstance(dates[0], str):
        try:
            dates = tuple(date.fromisoformat(d) for d in dates)
        except ValueError:
            dates = None
    start, end = _range(dates, lo, hi)
    return Scope(
        pair, start, end,
        metrics=tuple(m for m in _tuple(values.get("metric")) if m in queries.METRICS),
        kinds=tuple(k for k in _tuple(values.get("kind")) if k in queries.KINDS),
        langs=_tuple(values.get("lang")),
        outlets=_tuple(values.get("source")),
        min_confidence=_confidence(values.get("conf") or 0),
        pairs=tuple(p for p in _tuple(values.get("pairs")) if p in pairs and p != pair),
    )


def _pairs_and_bounds() -> tuple[list[str], date, date]:
    """The pairs to choose from and the dates of the data; stops a page that has none."""
    require_db()
    pairs = queries.pairs()
    if not pairs:
        st.stop()
    lo, hi = queries.date_bounds()
    return pairs, lo, hi


def scope() -> Scope:
    """The pair, dates and filters chosen in the sidebar, for the page being run."""
    _route_through_app()
    pairs, lo, hi = _pairs_and_bounds()
    values = {k: st.session_state.get(k) for k in FILTER_KEYS}
    values["pair"] = values["pair"] or st.session_state.get(_LAST_PAIR)
    return scope_from(values, pairs, lo, hi)


def scope_from_params() -> Scope:
    """The scope an embed URL names (the embedded page has no sidebar)."""
    pairs, lo, hi = _pairs_and_bounds()
    params = {k: st.query_params.get_all(k) for k in FILTER_KEYS}
    values = {k: (v if k in ("dates", "pairs", "metric", "kind", "lang", "source") else
                  (v[0] if v else None)) for k, v in params.items()}
    return scope_from(values, pairs, lo, hi)


def url_params(s: Scope) -> dict[str, str | list[str]]:
    """The query parameters that reproduce a scope (for embed links)."""
    out: dict[str, str | list[str]] = {"pair": s.pair,
                                       "dates": [s.start.isoformat(), s.end.isoformat()]}
    for key, values in (("pairs", s.pairs), ("lang", s.langs), ("source", s.outlets),
                        ("metric", [METRIC_LABELS[m] for m in s.metrics]),
                        ("kind", [KIND_LABELS[k] for k in s.kinds])):
        if values:
            out[key] = list(values)
    if s.min_confidence:
        out["conf"] = f"{s.min_confidence:g}"
    if i18n.lang() != "en":
        out["ui"] = i18n.lang()
    return out


def header(title: str, s: Scope) -> None:
    st.title(title)
    line = f"{fmt.pair_name(s.pair)} ({s.pair}) · {fmt.day(s.start)} – {fmt.day(s.end)}"
    narrowed = [fmt.metric(m) for m in s.metrics] + [fmt.kind(k) for k in s.kinds]
    narrowed += list(s.langs) + list(s.outlets)
    if s.min_confidence:
        narrowed.append(f"≥ {s.min_confidence:g}")
    if narrowed:
        line += " · " + fmt.md_escape(", ".join(narrowed))
    st.caption(line)
