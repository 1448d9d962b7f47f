"""Targets: every announced target with the actual figures since, the yearly pace still
needed and a status; restatements of a target are one target with its history."""
import pandas as pd
import streamlit as st

from dyad import catalog, fmt, state, targets, view
from dyad.i18n import t

scope = state.scope()
state.header(t("Target tracker"), scope)
st.caption(t("A target restated by later articles is one target; its history lists every "
             "statement. Add pairs under Filters → Compare with to track them side by side."))

tracker = catalog.target_tracker(scope)
if tracker.empty:
    st.caption(t("No target announced for these pairs in this range."))
    st.stop()
view.table(tracker.drop(columns=["target_id", "Target value", "Latest actual value"]),
           scope.pair, "targets", scope=scope, title=t("Target tracker"))
with st.expander(t("How the status is decided")):
    st.markdown(t(targets.STATUS_RULES))

labels = {row["target_id"]: f"{row['Pair']} · {row['Metric']}: {row['Target']} "
          f"({t('announced')} {fmt.day(row['Announced'])}"
          + (", " + t("by {year}", year=int(row["Deadline"])) if pd.notna(row["Deadline"])
             else "") + ")"
          for row in tracker.to_dict("records")}
chosen = st.selectbox(t("Target"), list(labels), format_func=labels.__getitem__, key="target")
st.subheader(t("Actual figures against the target"))
view.chart(catalog.build("target", scope, {"target": chosen}))
st.subheader(t("History of the target"))
view.table(catalog.target_history(scope, chosen), scope.pair, "target-history", scope=scope)
