import pytest

from etl.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Оборот составил 4 млрд. долл. США. Это рекорд.",
     ["Оборот составил 4 млрд. долл. США.", "Это рекорд."]),
    ("Создано 6,5 тыс. совместных предприятий. Работа идет.",
     ["Создано 6,5 тыс. совместных предприятий.", "Работа идет."]),
    ("Заголовок без точки\nАбзац первый. Абзац второй.",
     ["Заголовок без точки", "Абзац первый.", "Абзац второй."]),
    ("Trade reached $2.5 bn. It grew.", ["Trade reached $2.5 bn.", "It grew."]),
])
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text():
    text = "Вступление.\n\nТоварооборот вырос до 3 млрд долларов. Конец."
    for s in split_sentences(text, 5):
        assert text[s.start:s.end] == s.text
