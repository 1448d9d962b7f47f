"""What the Review and Add-articles pages do, with a progress indicator while the ETL runs.

Each action writes its input where the ETL reads it (the corrections file, the raw folder),
then rebuilds the database in a subprocess (`dyad.jobs`); the read side notices the new
file on the next query, so the result shows without a restart.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date

import streamlit as st

from dyad import jobs, paths, review
from dyad.i18n import t


def rebuild() -> bool:
    """Rebuild with a status box that shows each line the build prints and the time taken."""
    started = time.monotonic()
    with st.status(t("Extracting and rebuilding the database…"), expanded=True) as box:
        bar = st.progress(0.1, text=t("Building…"))

        def line(text: str) -> None:
            if text:
                box.write(text)
            bar.progress(min(0.9, 0.1 + (time.monotonic() - started) / 30),
                         text=t("Building…"))

        res = jobs.rebuild(line)
        bar.progress(1.0, text=t("Done"))
        took = f"{time.monotonic() - started:.1f}"
        if res.ok:
            box.update(label=t("Database rebuilt in {s} s", s=took), state="complete",
                       expanded=False)
        else:
            box.write(res.stderr[-2000:])
            box.update(label=t("The build failed"), state="error", expanded=True)
    return res.ok


def decide(fact_id: str, action: str, who: str, reason: str = "",
           changes: Mapping[str, object] | None = None) -> bool:
    """Record a review decision in the corrections file, then rebuild."""
    try:
        new = review.rows(fact_id, action, who, reason, changes)
    except review.BadCorrection as e:
        st.error(str(e))
        return False
    review.append(paths.corrections_path(), new)
    return rebuild()


def upload(files: list[tuple[str, bytes]], url: str | None, published: date | None
           ) -> tuple[list[dict], bool]:
    """Store the files under the raw folder, then rebuild when any is new."""
    with st.status(t("Storing {n} files…", n=len(files)), expanded=False) as box:
        verdicts, res = jobs.store_uploads(files, url, published, box.write)
        if res.returncode == 2 or not verdicts:
            box.update(label=t("Upload refused"), state="error", expanded=True)
            box.write(res.stderr[-2000:])
            return verdicts, False
        box.update(label=t("Stored"), state="complete")
    if any(v["status"] == "stored" for v in verdicts):
        return verdicts, rebuild()
    return verdicts, True
