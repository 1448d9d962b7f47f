"""The prefilter never hides a match: same hits as one plain alternation, on every table."""
import re

import pytest

from etl.matcher import Matcher, _required_literal, _split_top
from etl.vocab import load_table

SENTENCES = [
    "Товарооборот между Казахстаном и Китаем составил 41 млрд долларов.",
    "Россия и Узбекистан прорабатывают проекты на сумму около $3,5 млрд.",
    "Между странами выполняется свыше 200 рейсов в неделю, экспорт вырос.",
    "The sides signed contracts worth $20.5 million and 12 agreements.",
    "Ожидается, что по итогам года объем взаимной торговли превысит 3 млрд.",
    "Ўзбекистон ва Туркия ўртасидаги товар айирбошлаш ҳажми 3 миллиард долларга етди.",
    "подписан ряд соглашений и несколько меморандумов, СП создано 40",
]


@pytest.mark.parametrize("pattern, keys", [
    (r"товарооборот\w*", ["товарооборот"]),
    (r"(?:авиа)?рейс\w*(?: [^\s.;]+){0,6}? в неделю", [" в неделю"]),
    (r"экспорт\w*|импорт\w*", ["экспорт", "импорт"]),
    (r"exports?\b", ["export"]),
    (r"(?:проект|соглашени)\w*(?: [^\s.;]+){0,3}? (?:на|стоимостью)", [None]),
])
def test_required_literals(pattern, keys):
    assert [_required_literal(a) for a in _split_top(pattern)] == keys


@pytest.mark.parametrize("table", ["metric_terms", "kind_cues", "context_cues", "doc_types"])
def test_same_hits_as_a_plain_alternation(table):
    patterns = [r["pattern"] for r in load_table(table)]
    plain = re.compile(r"(?<![\w])(?:" + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(patterns))
                       + ")", re.I)
    matcher = Matcher(patterns)
    for s in SENTENCES:
        want = [(int(m.lastgroup[1:]), m.start(), m.end()) for m in plain.finditer(s)]
        assert [(h.row, h.start, h.end) for h in matcher.finditer(s)] == want, s


def test_overlapping_literals_are_all_found():
    m = Matcher([r"flights? weekly", r"weekly (?:\w+ ){0,2}flights?"])
    text = "30 weekly flights and 2 flights weekly"
    assert [(h.row, h.start) for h in m.finditer(text)] == [(1, 3), (0, 24)]
