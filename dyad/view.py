"""The Streamlit pieces every page uses: a table with its CSV download, a chart with its
exports (CSV, PNG, SVG, standalone HTML) and embed link, a figure card, and the guard that
shows a message instead of a traceback when there is no database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dyad import embeds, exports, fmt, images, queries, tables
from dyad.catalog import Chart
from dyad.db import NoDatabase, available, db_path, problem
from dyad.i18n import t
from dyad.queries import PAGE, REVIEW_THRESHOLD, Scope, build_info


def has_db() -> bool:
    return available()


def require_db() -> None:
    """Stop the page with a clear message when the database is missing or unreadable."""
    trouble = problem()
    if trouble is None:
        return
    if db_path().exists():  # there but damaged: say so, and how it is rebuilt
        st.info(trouble, icon=":material/database:")
    else:
        st.info(t("No database yet: run `make run` or `python -m etl build`."),
                icon=":material/database:")
    st.stop()


@contextmanager
def database_guard() -> Iterator[None]:
    """Around a page: a query that reads a damaged block (the full check of the file runs
    in the background, see dyad/db.py) ends the page with the message, not a traceback."""
    try:
        yield
    except NoDatabase as e:
        st.info(str(e), icon=":material/database:")


def localised(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column names in the interface language."""
    return df.rename(columns={c: t(str(c)) for c in df.columns})


def _column_config(df: pd.DataFrame) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for col in df.columns:
        name = str(col)
        if name.startswith(t("Value")) or name in (t("Target value"), t("Latest trade")):
            config[col] = st.column_config.NumberColumn(col, format="localized")
        elif name == t("Confidence"):
            config[col] = st.column_config.NumberColumn(col, format="%.2f")
        elif name == t("Progress"):
            config[col] = st.column_config.ProgressColumn(col, format="percent", min_value=0,
                                                          max_value=1)
        elif name in (t("Evidence"), t("Title"), t("Article"), t("Titles")):
            config[col] = st.column_config.TextColumn(col, width="large")
    return config


def header_lines(title: str, scope: Scope | None) -> list[str]:
    """What a download says about itself: what it is, its source and its date."""
    info = build_info()
    what = f"Dyad: {title}"
    if scope is not None:
        what += (f" — {fmt.pair_name(scope.pair)} ({scope.pair}), "
                 f"{scope.start.isoformat()} – {scope.end.isoformat()}")
    return [
        what,
        t("Source: Dyad database {name}, data version {version}, built {built}; each row's "
          "article is in its Source column", name=db_path().name,
          version=info.get("data_version", "?"), built=info.get("built_at", "?")),
        t("Exported: {when}", when=datetime.now(UTC).isoformat(timespec="seconds")),
    ]


def download(df: pd.DataFrame, *parts: str, label: str = "Download CSV",
             scope: Scope | None = None, title: str = "") -> None:
    """A CSV download of exactly `df`, headed by `#` lines naming its source and date."""
    name = exports.file_name(*parts)
    shown = localised(df)
    st.download_button(
        t(label), lambda: exports.with_header(shown, header_lines(title or parts[-1], scope)),
        file_name=name, mime="text/csv", key=f"dl-{name}", on_click="ignore",
        icon=":material/download:", type="tertiary",
    )


def download_all(make: Callable[[], pd.DataFrame], *parts: str, scope: Scope | None = None,
                 title: str = "") -> None:
    """A CSV download of the whole list a paged table pages through: `make` runs its one
    SQL query when the button is pressed, not in the page's script run."""
    name = exports.file_name(*parts)
    st.download_button(
        t("Download CSV (every row)"),
        lambda: exports.with_header(localised(make()), header_lines(title or parts[-1], scope)),
        file_name=name, mime="text/csv", key=f"dl-{name}", on_click="ignore",
        icon=":material/download:", type="tertiary",
    )


def pager(total: int, *parts: str, size: int = PAGE) -> int:
    """A page picker for a list of `total` rows; the offset of the page chosen."""
    pages = max(1, -(-total // size))
    page = 1
    if pages > 1:
        page = int(st.number_input(t("Page"), min_value=1, max_value=pages, value=1, step=1,
                                   key=f"page-{exports.file_name(*parts)}"))
    first = (page - 1) * size
    st.caption(t("Rows {first}–{last} of {n}", first=fmt.count(first + 1 if total else 0),
                 last=fmt.count(min(first + size, total)), n=fmt.count(total)))
    return first


def paged_facts(scope: Scope, metrics: tuple[str, ...] | None, *parts: str,
                title: str = "") -> pd.DataFrame:
    """The scope's facts a page at a time (newest first) and a CSV of every one of them;
    returns the page shown."""
    total = queries.count_facts(scope, metrics)
    if not total:
        st.caption(t("Nothing in this range."))
        return queries.facts(scope, metrics, limit=0)
    offset = pager(total, *parts)
    page = queries.facts(scope, metrics, limit=PAGE, offset=offset)
    shown = localised(tables.facts_table(page))
    st.dataframe(shown, hide_index=True, column_config=_column_config(shown))
    download_all(lambda: tables.facts_table(queries.facts_csv(scope, metrics)), *parts,
                 scope=scope, title=title)
    return page


def table(df: pd.DataFrame, *parts: str, scope: Scope | None = None, title: str = "") -> None:
    """A table and the CSV of exactly that table."""
    if df.empty:
        st.caption(t("Nothing in this range."))
        return
    shown = localised(df)
    st.dataframe(shown, hide_index=True, column_config=_column_config(shown))
    download(df, *parts, scope=scope, title=title)


def chart(c: Chart, *, key: str = "", height: int | None = None, exports_bar: bool = True,
          embed_base: str | None = None) -> None:
    """A chart of the catalog with its exports and embed link (nothing to export if empty)."""
    if c.figure is None or c.frame.empty:
        st.caption(t("Nothing to chart in this range."))
        return
    figure = c.drawn
    if height:  # a copy: the chart is shared by every session (dyad/memo.py)
        figure = go.Figure(c.figure).update_layout(height=height)
    key = key or c.id
    st.plotly_chart(figure, config={"displaylogo": False}, key=f"chart-{key}")
    if "Facts in month" in c.frame:
        st.caption(t("Past {n} facts a point is a month: its newest figure, with the month's "
                     "count and range in the CSV.", n=fmt.count(queries.POINTS)))
    if exports_bar:
        export_bar(c, key, embed_base)


def _parts(c: Chart) -> tuple[str, ...]:
    return (c.scope.pair, c.id, *c.extra.values())


def export_bar(c: Chart, key: str, embed_base: str | None = None) -> None:
    """CSV, PNG, SVG and HTML downloads of one chart, and its embed link."""
    assert c.figure is not None
    fig, title, frame = c.figure, c.title, localised(c.frame)
    parts = _parts(c)
    with st.container(horizontal=True, gap="small", key=f"exports-{key}"):
        files = (
            ("CSV", "csv", "text/csv",
             lambda: exports.with_header(frame, header_lines(title, c.scope))),
            ("PNG", "png", "image/png", lambda: images.image(fig, "png")),
            ("SVG", "svg", "image/svg+xml", lambda: images.image(fig, "svg")),
            ("HTML", "html", "text/html", lambda: images.html(fig, f"Dyad: {title}")),
        )
        for label, ext, mime, make in files:
            st.download_button(label, make, file_name=exports.file_name(*parts, ext=ext),
                               mime=mime, key=f"dl-{ext}-{key}", on_click="ignore",
                               icon=":material/download:", type="tertiary")
        with st.popover(t("Embed"), icon=":material/code:", type="tertiary"):
            embed_link(c, key, embed_base)


def _base_url(given: str | None) -> str:
    if given:
        return given
    here = st.context.url or ""
    if "://" in here:
        scheme, rest = here.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return ""


def embed_link(c: Chart, key: str, embed_base: str | None = None) -> None:
    """The chart alone at a URL (live, or pinned to this data version) and an iframe."""
    from dyad import state  # state imports view: import here

    pinned = st.toggle(t("Pin to this data version"), key=f"pin-{key}",
                       help=t("A pinned link keeps showing this chart as it is now, "
                              "whatever is rebuilt later."))
    params: dict[str, Any] = {"chart": c.id, **state.url_params(c.scope), **c.extra}
    if pinned:
        params = {"snapshot": embeds.pin(c, params, build_info())}
    link = embeds.url(_base_url(embed_base), params)
    st.code(link, language=None, wrap_lines=True)
    st.code(f'<iframe src="{link}" width="100%" height="480" style="border:0"></iframe>',
            language="html", wrap_lines=True)
    st.link_button(t("Open"), link, icon=":material/open_in_new:")


def card(label: str, row: pd.Series | None) -> None:
    """A latest figure with its date, source and review mark underneath."""
    with st.container(border=True):
        if row is None:
            st.metric(label, "–")
            st.caption(t("No figure in this range."))
            return
        st.metric(label, fmt.figure(row["value"], row["unit"], row["qualifier"]))
        when = fmt.day(row["date"], row["date_precision"])
        if isinstance(row["period"], str) and row["period"]:
            when += " · " + t("period {period}", period=row["period"])
        if pd.notna(row["target_year"]):
            when += " · " + t("by {year}", year=int(row["target_year"]))
        if row["confidence"] < REVIEW_THRESHOLD:
            when += " · " + t("to review (confidence {c})", c=f"{row['confidence']:.2f}")
        mark = fmt.review_mark(row.get("status"), row.get("reviewed_by"), row.get("reviewed_at"))
        if mark:
            when += " · ✎ " + mark
        source = fmt.text(row["title"]) or row["source"]
        st.caption(fmt.md_escape(when))
        if isinstance(row["url"], str) and row["url"].startswith(("http://", "https://")):
            st.caption(t("Source: {source}", source=f"[{fmt.md_escape(source)}](<{row['url']}>)"))
        else:
            st.caption(t("Source: {source}", source=fmt.md_escape(source)))
