"""The embedded chart: one chart and nothing else, for an iframe in another site.

`/embed?chart=trade&pair=KAZ-UZB&dates=...&embed=true` draws the chart live from the
current database with the view's filters; `/embed?snapshot=ID&embed=true` draws a chart
pinned to the data version it was made from (dyad/embeds.py).
"""
import streamlit as st

from dyad import catalog, embeds, fmt, state
from dyad.i18n import t

st.html("<style>[data-testid='stMainBlockContainer']{padding:0.5rem 1rem}</style>")
snapshot_id = st.query_params.get("snapshot")
chart_id = st.query_params.get("chart") or "trade"
if snapshot_id:
    snap = embeds.load(snapshot_id)
    if snap is None:
        st.info(t("No such pinned chart."))
        st.stop()
    st.plotly_chart(snap["figure"], config={"displaylogo": False}, key="embedded")
    st.caption(fmt.md_escape(
        f"Dyad · {snap['title']} · "
        + t("pinned to data version {version} (built {built})", version=snap["data_version"],
            built=fmt.timestamp(snap["built_at"]))))
elif chart_id in catalog.CHARTS:
    scope = state.scope_from_params()
    extra = {k: v for k, v in (("target", st.query_params.get("target")),) if v}
    chart = catalog.build(chart_id, scope, extra)
    if chart.figure is None:
        st.caption(t("Nothing to chart in this range."))
    else:
        st.plotly_chart(chart.drawn, config={"displaylogo": False}, key="embedded")
        st.caption(fmt.md_escape(f"Dyad · {chart.title} · {fmt.pair_name(scope.pair)} · "
                                 f"{fmt.day(scope.start)} – {fmt.day(scope.end)}"))
else:
    st.info(t("No such chart."))
