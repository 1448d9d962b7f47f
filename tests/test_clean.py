"""Cleaning keeps paragraphs apart and glues what a column wrap cut."""
import pytest

from etl.clean import clean_text, doc_id

WRAPPED = (
    "Президенты двух стран обсудили вопросы расширения торгово-экономического\n"
    "сотрудничества и подчеркнули важность развития взаимовыгодного узбекско-\n"
    "казахстанского партнерства в энергетике, транспорте, логистике и других\n"
    "приоритетных отраслях. Стороны отметили рост взаимной торговли, которая\n"
    "в текущем году составит около четырех миллиардов долларов по оценкам.\n"
    "Также обсуждены вопросы водного хозяйства и совместного использования рек\n"
    "Центральной Азии в интересах всех государств региона и их народов.\n"
)


@pytest.mark.parametrize("raw, expected", [
    ("Заголовок статьи\n\nПервый абзац.", "Заголовок статьи\n\nПервый абзац."),
    ("строка  с   пробелами\t и табуляцией", "строка с пробелами и табуляцией"),
    ("A\r\nB", "A\nB"),
    ("Товарооборот составил 4\u00a0млрд", "Товарооборот составил 4 млрд"),
    ("Оборот 1\u00a0200 млн", "Оборот 1\u00a0200 млн"),  # NBSP kept only inside a number
    ("Первое предложение без точки\nпродолжается здесь.", "Первое предложение без точки продолжается здесь."),
    ("Заголовок\nТекст абзаца.", "Заголовок\nТекст абзаца."),  # a headline stays on its line
    ("• первый пункт,\n• второй пункт.", "• первый пункт,\n• второй пункт."),
    ("a\n\n\n\n\nb", "a\n\nb"),
    ("сло\u00adво\u200b", "слово"),
])
def test_clean_examples(raw, expected):
    assert clean_text(raw) == expected


def test_wrapped_page_is_joined_into_sentences():
    out = clean_text(WRAPPED)
    assert "узбекско-казахстанского партнерства" in out
    assert "около четырех миллиардов долларов" in out
    assert out.count("\n") == 1  # only where a sentence ended


def test_doc_id_depends_on_text_only():
    assert doc_id(clean_text("Текст.\r\n")) == doc_id(clean_text("Текст.\n"))
    assert doc_id("a") != doc_id("b")
