"""The peer: the same pages through a pipeline built on natasha, the usual choice for Russian.

Reads the corpus with Dyad's own reader (etl.ingest, so both sides pay the same for
files, encodings and HTML) and runs what a natasha-based extractor would: the segmenter,
morphology and NER taggers over NewsEmbedding, the money and dates extractors, and the
country (LOC) spans normalised. It does not decide pairs, kinds or metrics, so it does
less than Dyad: its speed is an upper bound for such a pipeline.

    python -m bench.peer_natasha DIR [--limit N]   # prints one JSON object

Prints {"available": false, "reason": ...} when natasha is not installed
(`pip install -r requirements-bench.txt`).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import islice

from etl.ingest import UnreadableFile, iter_paths, read_document


def run(folder: str, limit: int | None) -> dict:
    t0 = time.perf_counter()
    try:
        from natasha import (
            DatesExtractor,
            Doc,
            MoneyExtractor,
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            Segmenter,
        )
    except ImportError as e:  # natasha is a bench extra, not a runtime dependency
        return {"available": False, "reason": f"natasha not installed ({e})"}
    segmenter, vocab = Segmenter(), MorphVocab()
    emb = NewsEmbedding()
    morph, ner = NewsMorphTagger(emb), NewsNERTagger(emb)
    money, dates = MoneyExtractor(vocab), DatesExtractor(vocab)
    load_s = time.perf_counter() - t0

    docs = n_bytes = n_money = n_dates = n_loc = 0
    t1 = time.perf_counter()
    for source, path, meta in islice(iter_paths([folder], warn=lambda _: None), limit):
        try:
            raw = read_document(source, path, meta)
        except UnreadableFile:
            continue
        text = raw.text
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        for span in doc.spans:
            if span.type == "LOC":
                span.normalize(vocab)
                n_loc += 1
        n_money += sum(1 for _ in money(text))
        n_dates += sum(1 for _ in dates(text))
        docs += 1
        n_bytes += path.stat().st_size
    seconds = time.perf_counter() - t1
    return {
        "available": True, "docs": docs, "bytes": n_bytes, "seconds": round(seconds, 2),
        "docs_per_s": round(docs / seconds, 2) if seconds else None,
        "mb_per_s": round(n_bytes / 1e6 / seconds, 3) if seconds else None,
        "load_seconds": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "found": {"money": n_money, "dates": n_dates, "loc": n_loc},
        "steps": "Segmenter, NewsMorphTagger, NewsNERTagger (NewsEmbedding), LOC normalised, "
                 "MoneyExtractor, DatesExtractor",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.peer_natasha",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--limit", type=int, default=None, help="read at most N files")
    a = ap.parse_args(argv)
    json.dump(run(a.folder, a.limit), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
