"""Example tables for etl/dates.py: datelines, time expressions, the document's date.

Every text here is written for the test (none is copied from the seeds or the
eval set). Non-matches are rows with an empty expectation.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from etl.dates import date_in_url, find_datelines, pick_document_date
from etl.periods import find_time_expressions
from etl.vocab import load_table

REF = date(2025, 11, 20)

# --- 1. find_datelines ------------------------------------------------------
# (text, expected: [(span text, iso date, precision, has_time, relative)])
DATELINES = [
    # Russian
    ("вторник, 18 ноября 2025\nНовости региона",
     [("вторник, 18 ноября 2025", "2025-11-18", "day", False, False)]),
    ("Лента\n12 ноября 2025 11:05     Комментарии [3]",
     [("12 ноября 2025 11:05", "2025-11-12", "day", True, False)]),
    ("Экономика 3 марта 2024 г. 14:20\nЗаголовок",
     [("3 марта 2024 г. 14:20", "2024-03-03", "day", True, False)]),
    ("09:41, 2 октября 2023, Алматы - агентство",
     [("09:41, 2 октября 2023", "2023-10-02", "day", True, False)]),
    ("Встреча прошла 7 апреля в Ташкенте.",
     [("7 апреля", "2025-04-07", "day", False, True)]),
    ("Переговоры намечены на 25 ноября.",  # year-less, never in the future
     [("25 ноября", "2024-11-25", "day", False, True)]),
    ("Форум пройдёт 24–25 сентября 2026 года.",
     [("24–25 сентября 2026 года", "2026-09-24", "day", False, False)]),
    ("Объём вырос в январе-августе 2024 года.",
     [("августе 2024 года", "2024-08-01", "month", False, False)]),
    ("Сегодня 11:15     Комментарии [0]", [("Сегодня 11:15", "2025-11-20", "day", True, True)]),
    ("Вчера, 23:40", [("Вчера, 23:40", "2025-11-19", "day", True, True)]),
    ("вчера в 18:00 сообщили", [("вчера в 18:00", "2025-11-19", "day", True, True)]),
    # numeric forms
    ("11.02.24\n\nЗаседание комиссии", [("11.02.24", "2024-02-11", "day", False, False)]),
    ("Разное\n03.05.2021\n", [("03.05.2021", "2021-05-03", "day", False, False)]),
    ("posted 2024-06-30 by admin", [("2024-06-30", "2024-06-30", "day", False, False)]),
    ("2024-06-30 08:15 UTC", [("2024-06-30 08:15", "2024-06-30", "day", True, False)]),
    ("see 12/25/2023 report", [("12/25/2023", "2023-12-25", "day", False, False)]),
    # English
    ("Updated 08:02, 14-Mar-2021", [("08:02, 14-Mar-2021", "2021-03-14", "day", True, False)]),
    ("5 June 2019 16:40 (UTC+05:00)", [("5 June 2019 16:40", "2019-06-05", "day", True, False)]),
    ("TASHKENT, Uzbekistan, March 3. Trade grew",
     [("March 3", "2025-03-03", "day", False, True)]),
    ("Almaty, Kazakhstan, Dec. 2\n", [("Dec. 2", "2024-12-02", "day", False, True)]),
    ("Friday, October 10, 2025", [("Friday, October 10, 2025", "2025-10-10", "day", False, False)]),
    ("The talks in May 2024 ended.", [("May 2024", "2024-05-01", "month", False, False)]),
    ("today\n", [("today", "2025-11-20", "day", False, True)]),
    # Kazakh, Kyrgyz, Uzbek
    ("2025 жылғы 14 қарашада келіссөздер өтті",
     [("2025 жылғы 14 қарашада", "2025-11-14", "day", False, False)]),
    ("12 қыркүйек 2024 ж. Астана", [("12 қыркүйек 2024 ж.", "2024-09-12", "day", False, False)]),
    ("Бүгін 10:20", [("Бүгін 10:20", "2025-11-20", "day", True, True)]),
    ("2024-жылдын 3-октябрында Бишкекте",
     [("2024-жылдын 3-октябрында", "2024-10-03", "day", False, False)]),
    ("14:05, 9 сентября 2024, Бишкек", [("14:05, 9 сентября 2024", "2024-09-09", "day", True, False)]),
    ("2025-yil 5-noyabr kuni Toshkentda", [("2025-yil 5-noyabr", "2025-11-05", "day", False, False)]),
    ("18 sentyabr 2025 yil", [("18 sentyabr 2025 yil", "2025-09-18", "day", False, False)]),
    ("2025 йил 3 ноябрда", [("2025 йил 3 ноябрда", "2025-11-03", "day", False, False)]),
    # not dates
    ("Рост составил 32% за год", []),
    ("Всего голосов: 2488", []),
    ("Создано 6,5 тысячи совместных предприятий", []),
    (" 1   ...   6   7   8   9   10   ...   145 ", []),
    ("на сумму $1,4 млрд", []),
    ("на 13 заседании комиссии", []),
    ("товарооборот в 2017 году вырос", []),
    ("мартовский пленум 2024", []),
    ("prices may 5 times rise", []),
    ("As the minister said, today Kazakhstan exports more", []),
    ("version 1.5.20 and 10.12.3", []),
    ("курс 89.02, 94.77 и 0.95", []),
    ("в 2 раза, 3 млрд, 40 рейсов в неделю", []),
    # a stamp counted back from the reference: a timestamp when it opens its line
    ("2 дня назад\nЗаголовок", [("2 дня назад", "2025-11-18", "day", True, True)]),
    ("5 часов назад | Экономика", [("5 часов назад", "2025-11-20", "day", True, True)]),
    ("3 hours ago", [("3 hours ago", "2025-11-20", "day", True, True)]),
    ("2 күн бұрын", [("2 күн бұрын", "2025-11-18", "day", True, True)]),
    ("5 soat oldin", [("5 soat oldin", "2025-11-20", "day", True, True)]),
    ("Встреча прошла 3 дня назад.", [("3 дня назад", "2025-11-17", "day", False, True)]),
    ("в 2 раза назад", []),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_find_datelines(text, expected):
    got = [(text[m.start:m.end], m.value.isoformat(), m.precision, m.has_time, m.relative)
           for m in find_datelines(text, REF)]
    assert got == expected


# --- 2. find_time_expressions -----------------------------------------------
DOC = date(2025, 9, 17)
# (sentence, expected: [(kind, period, year, span text)]) with the document dated DOC
TIMES = [
    # a year as a period
    ("Товарооборот в 2019 году составил 3 млрд долларов.", [("period", "2019", 2019, "в 2019 году")]),
    ("По итогам 2022 года объём вырос.", [("period", "2022", 2022, "По итогам 2022 года")]),
    ("За 2020 год создано 40 предприятий.", [("period", "2020", 2020, "За 2020 год")]),
    ("в 2021-м году", [("period", "2021", 2021, "в 2021-м году")]),
    ("In 2016 the turnover reached $1 billion.", [("period", "2016", 2016, "In 2016")]),
    ("2019 жылы тауар айналымы өсті", [("period", "2019", 2019, "2019 жылы")]),
    ("2023 yilda savdo hajmi", [("period", "2023", 2023, "2023 yilda")]),
    ("2022-жылы соода жүгүртүү", [("period", "2022", 2022, "2022-жылы")]),
    ("в 2026–2027 годах планируется", [("period", "2026/2027", 2027, "в 2026–2027 годах")]),
    ("план на 2026-2028 годы", [("period", "2026/2028", 2028, "на 2026-2028 годы")]),
    # relative to the document's year
    ("В прошлом году объём составил 2 млрд.", [("period", "2024", 2024, "В прошлом году")]),
    ("Last year trade rose 20 percent.", [("period", "2024", 2024, "Last year")]),
    ("ўтган йили савдо ҳажми ошди", [("period", "2024", 2024, "ўтган йили")]),
    ("o'tgan yili savdo", [("period", "2024", 2024, "o'tgan yili")]),
    ("өткен жылы тауар айналымы", [("period", "2024", 2024, "өткен жылы")]),
    ("былтыр 1 млрд доллар", [("period", "2024", 2024, "былтыр")]),
    ("В текущем году ожидается рост.", [("period", "2025", 2025, "В текущем году")]),
    ("в этом году", [("period", "2025", 2025, "в этом году")]),
    ("this year exports doubled", [("period", "2025", 2025, "this year")]),
    ("биыл сауда көлемі", [("period", "2025", 2025, "биыл")]),
    ("жорий йилда савдо", [("period", "2025", 2025, "жорий йилда")]),
    ("быйыл соода 20% өстү", [("period", "2025", 2025, "быйыл")]),
    ("өткөн жылы 1 млрд доллар", [("period", "2024", 2024, "өткөн жылы")]),
    ("2023-жылдын жыйынтыгы боюнча", [("period", "2023", 2023, "2023-жылдын")]),
    ("по итогам этого года показатель вырастет", [("period", "2025", 2025, "по итогам этого года")]),
    # since the start of the year
    ("С начала года товарооборот составил 3 млрд.", [("period", "2025-YTD", 2025, "С начала года")]),
    ("с начала 2024 года рост на 10%", [("period", "2024-YTD", 2024, "с начала 2024 года")]),
    ("since the beginning of the year", [("period", "2025-YTD", 2025,
                                          "since the beginning of the year")]),
    ("year-to-date exports", [("period", "2025-YTD", 2025, "year-to-date")]),
    ("жыл басынан бері", [("period", "2025-YTD", 2025, "жыл басынан бері")]),
    # months of a year
    ("за январь–июль 2024 года объём вырос", [("period", "2024-01/2024-07", 2024,
                                             "за январь–июль 2024 года")]),
    ("В январе-октябре 2023 года торговля", [("period", "2023-01/2023-10", 2023,
                                             "В январе-октябре 2023 года")]),
    ("с января по апрель составил", [("period", "2025-01/2025-04", 2025, "с января по апрель")]),
    ("за период с января по июнь текущего года", [("period", "2025-01/2025-06", 2025,
                                                 "с января по июнь текущего года")]),
    ("January-March 2024 trade", [("period", "2024-01/2024-03", 2024, "January-March 2024")]),
    ("в сентябре 2024 года", [("period", "2024-09", 2024, "в сентябре 2024 года")]),
    ("2024 йил январь-май ойларида", [("period", "2024-01/2024-05", 2024,
                                       "2024 йил январь-май")]),
    ("за первые девять месяцев текущего года", [("period", "2025-01/2025-09", 2025,
                                               "за первые девять месяцев текущего года")]),
    ("за 7 месяцев 2020 года", [("period", "2020-01/2020-07", 2020, "за 7 месяцев 2020 года")]),
    ("за шесть месяцев выросла", [("period", "2025-01/2025-06", 2025, "за шесть месяцев")]),
    ("по итогам 8 месяцев текущего года", [("period", "2025-01/2025-08", 2025,
                                          "по итогам 8 месяцев текущего года")]),
    ("за 11 месяцев", [("period", "2024-01/2024-11", 2024, "за 11 месяцев")]),  # ends after Sept
    ("for the first seven months this year", [("period", "2025-01/2025-07", 2025,
                                               "for the first seven months this year")]),
    ("in the first six months of 2022", [("period", "2022-01/2022-06", 2022,
                                          "in the first six months of 2022")]),
    ("over the first half of 2021", [("period", "2021-01/2021-06", 2021, "first half of 2021")]),
    ("в первом полугодии 2023 года", [("period", "2023-01/2023-06", 2023,
                                       "первом полугодии 2023 года")]),
    ("во втором полугодии", [("period", "2025-07/2025-12", 2025, "втором полугодии")]),
    ("за первый квартал", [("period", "2025-01/2025-03", 2025, "первый квартал")]),
    ("в III квартале 2024 года", [("period", "2024-07/2024-09", 2024, "iii квартале 2024 года")]),
    ("за три квартала", [("period", "2025-01/2025-09", 2025, "три квартала")]),
    ("in Q2 2024", [("period", "2024-04/2024-06", 2024, "Q2 2024")]),
    ("H1 2023 figures", [("period", "2023-01/2023-06", 2023, "H1 2023")]),
    ("биылғы сегіз айда", [("period", "2025-01/2025-08", 2025, "биылғы сегіз айда")]),
    ("жорий йилнинг 6 ойида", [("period", "2025-01/2025-06", 2025, "жорий йилнинг 6 ойида")]),
    ("joriy yilning to'qqiz oyida", [("period", "2025-01/2025-09", 2025,
                                      "joriy yilning to'qqiz oyida")]),
    # target years
    ("довести до 10 млрд к 2030 году", [("by_year", None, 2030, "к 2030 году")]),
    ("до 2028 года", [("by_year", None, 2028, "до 2028 года")]),
    ("к концу 2026 года", [("by_year", None, 2026, "к концу 2026 года")]),
    ("to $5 billion by 2030", [("by_year", None, 2030, "by 2030")]),
    ("until 2027", [("by_year", None, 2027, "until 2027")]),
    ("2030 жылға дейін", [("by_year", None, 2030, "2030 жылға дейін")]),
    ("2030 yilgacha", [("by_year", None, 2030, "2030 yilgacha")]),
    ("2030-жылга чейин", [("by_year", None, 2030, "2030-жылга чейин")]),
    ("2030-yilga qadar", [("by_year", None, 2030, "2030-yilga qadar")]),
    ("к 2030-му году", [("by_year", None, 2030, "к 2030-му году")]),
    ("до конца года", [("by_year", None, 2025, "до конца года")]),
    # horizons
    ("в ближайшие 5 лет", [("within_years", None, 2030, "в ближайшие 5 лет")]),
    ("в ближайшее 3 года", [("within_years", None, 2028, "в ближайшее 3 года")]),
    ("в ближайшие пять лет", [("within_years", None, 2030, "в ближайшие пять лет")]),
    ("в течение десяти лет", [("within_years", None, 2035, "в течение десяти лет")]),
    ("на ближайшие два года", [("within_years", None, 2027, "ближайшие два года")]),
    ("within five years", [("within_years", None, 2030, "within five years")]),
    ("in the next 3 years", [("within_years", None, 2028, "in the next 3 years")]),
    ("over the next four years", [("within_years", None, 2029, "over the next four years")]),
    ("алдағы бес жылда", [("within_years", None, 2030, "алдағы бес жылда")]),
    ("yaqin uch yilda", [("within_years", None, 2028, "yaqin uch yilda")]),
    ("жакынкы беш жылда", [("within_years", None, 2030, "жакынкы беш жылда")]),
    ("келгуси икки йилда", [("within_years", None, 2027, "келгуси икки йилда")]),
    ("в ближайшие годы", [("within_years", None, None, "в ближайшие годы")]),
    ("in the coming years", [("within_years", None, None, "in the coming years")]),
    # a comparison base is not the figure's period
    ("за 9 месяцев 2024 года, что на 12% больше по сравнению с аналогичным периодом 2023 года",
     [("period", "2024-01/2024-09", 2024, "за 9 месяцев 2024 года")]),
    ("up 15% compared to the same period in 2019", []),
    ("по сравнению с 2020 годом", []),
    ("что на 9% больше, чем за данный период 2022 года", []),
    ("вырос к уровню 2019 года на 5 %", []),
    ("вырос более чем в 2 раза в 2017 году", [("period", "2017", 2017, "в 2017 году")]),
    # not time expressions
    ("в среднесрочной перспективе", []),
    ("с 2015 года работает", []),
    ("Всего голосов: 2488", []),
    ("в 2000 километрах от столицы", []),
    ("6,5 тысячи предприятий, 32%", []),
    ("на 13 заседании", []),
    ("в сентябре", []),  # a month alone is an event, not a period
    ("15 ноября 2024 года подписано", []),  # a date, not the year 2024
    ("2025 жылғы 14 қарашада", []),
    ("срок 6 месяцев", []),
    ("он сказал, что", []),
]


@pytest.mark.parametrize(("sentence", "expected"), TIMES)
def test_find_time_expressions(sentence, expected):
    got = [(e.kind, e.period, e.year, sentence[e.start:e.end].lower())
           for e in find_time_expressions(sentence, DOC)]
    assert got == [(k, p, y, span.lower()) for k, p, y, span in expected]


def test_relative_flags_and_years_ahead():
    last, coming = find_time_expressions("в прошлом году и в ближайшие 5 лет", DOC)
    assert (last.relative, coming.relative, coming.n_years) == (True, True, 5)
    (explicit,) = find_time_expressions("в 2019 году", DOC)
    assert explicit.relative is False


def test_without_document_date_relative_ones_keep_only_their_span():
    got = find_time_expressions("в прошлом году, за 8 месяцев и в ближайшие 5 лет", None)
    assert [(e.kind, e.period, e.year, e.n_years) for e in got] == [
        ("period", None, None, None), ("period", None, None, None),
        ("within_years", None, None, 5)]
    assert [(e.period, e.year) for e in find_time_expressions("в 2019 году", None)] == [
        ("2019", 2019)]


def test_several_in_one_sentence_in_order():
    s = ("В 2023 году товарооборот составил 2 млрд, за январь–август 2024 года — 1,5 млрд, "
         "а к 2030 году его планируют довести до 5 млрд.")
    assert [(e.kind, e.period, e.year) for e in find_time_expressions(s, DOC)] == [
        ("period", "2023", 2023), ("period", "2024-01/2024-08", 2024), ("by_year", None, 2030)]


# --- 3. pick_document_date --------------------------------------------------
RELATED = "".join(
    f"\n\n{d} 2023 {t}\n\nЗаголовок другой новости номер {i}\n\nКороткий анонс другой новости."
    for i, (d, t) in enumerate([("4 мая", "10:15"), ("28 апреля", "09:00"),
                                ("19 апреля", "17:45"), ("2 апреля", "12:30")]))
ARTICLE = ("Казахстан и Узбекистан подписали соглашения\n\nСтороны обсудили торговлю. "
           "Товарооборот в 2024 году составил 4 млрд долларов.\n")
PORTAL = "среда, 19 ноября 2025\nПортал новостей Центральной Азии\n\nРубрики\n\n"

# (name, page, reference, manifest, span, expected (iso, precision))
PAGES = [
    ("manifest wins", PORTAL + ARTICLE, REF, date(2025, 11, 1), None, ("2025-11-01", "day")),
    ("stamp after the body beats the crawl header and the related list",
     PORTAL + ARTICLE + "\n18 ноября 2025 16:05     Комментарии [0]" + RELATED, REF, None,
     None, ("2025-11-18", "day")),
    ("relative stamp resolves to the reference",
     ARTICLE + "\nСегодня 08:30     Комментарии [0]" + RELATED, REF, None, None,
     ("2025-11-20", "day")),
    ("relative stamp resolves to the page's own header day (the day it was served)",
     PORTAL + ARTICLE + "\nСегодня 08:30     Комментарии [0]" + RELATED, REF, None, None,
     ("2025-11-19", "day")),
    ("no reference, no header: the relative stamp still ends the article",
     ARTICLE + "\nСегодня 08:30" + RELATED, None, None, (0, len(ARTICLE)),
     ("2024-01-01", "year")),
    ("stamp at the article's top",
     "Политика 14 октября 2025 г. 12:10\n\n" + ARTICLE, REF, None, None, ("2025-10-14", "day")),
    ("numeric dateline at the top", "Разделы\n07.10.25\n\n" + ARTICLE, REF, None, None,
     ("2025-10-07", "day")),
    ("with a span: the first stamp right after the article, not the list",
     PORTAL + ARTICLE + "\n17 ноября 2025 10:00" + RELATED, REF, None,
     (len(PORTAL), len(PORTAL) + len(ARTICLE)), ("2025-11-17", "day")),
    ("related list alone is never the date: the crawl header is",
     PORTAL + ARTICLE + RELATED, REF, None, None, ("2025-11-19", "day")),
    ("a day named in the text, year from the reference",
     "15 ноября в резиденции прошли переговоры. Подписано 12 документов.", REF, None, None,
     ("2025-11-15", "day")),
    ("a day in the text beats the crawl header",
     PORTAL + "Вчера, 18 ноября, в Астане прошли переговоры.", REF, None, None,
     ("2025-11-18", "day")),
    ("a year-less day is not trusted in an old article",
     "In 2017 trade grew. A visit is planned on October 24-25.", REF, None, None,
     ("2017-01-01", "year")),
    ("only a year", "Товарооборот в 2017 году вырос вдвое, в 2016 году был ниже.", REF, None,
     None, ("2017-01-01", "year")),
    ("a plan for coming years is no date", "Программа сотрудничества на 2026-2027 годы.", REF,
     None, None, (None, None)),
    ("a target year is no date", "Планируют довести до 5 млрд к 2030 году.", REF, None, None,
     (None, None)),
    ("nothing", "Стороны обсудили сотрудничество.", REF, None, None, (None, None)),
    ("no reference: year-less dates are skipped", "15 ноября прошли переговоры в 2024 году.",
     None, None, None, ("2024-01-01", "year")),
]


@pytest.mark.parametrize(("name", "page", "ref", "manifest", "span", "expected"), PAGES,
                         ids=[p[0] for p in PAGES])
def test_pick_document_date(name, page, ref, manifest, span, expected):
    value, precision = pick_document_date(page, ref, manifest, span)
    assert (value.isoformat() if value else None, precision) == expected


# --- attribute probe: page layouts, the article's span given as its first and last words ---
_TEXT = ("Президенты Казахстана и Узбекистана провели переговоры в Ташкенте.\n"
         "Товарооборот между странами в 2024 году составил 4,4 млрд долларов.\n")
_LIST = ("Читайте также\nКазахстан и Китай обсудили транзит\n1 ноября 2025, 10:15\n"
         "Узбекистан и Турция подписали соглашения\n28 октября 2025, 09:40\n"
         "Кыргызстан и Таджикистан открыли КПП\n25 октября 2025, 17:00\n")
_FEED = ("Лента новостей\nКазахстан и Китай обсудили транзит\n1 ноября 2025, 10:15\n"
         "Узбекистан и Турция подписали соглашения\n28 октября 2025, 09:40\n"
         "Кыргызстан и Таджикистан открыли КПП\n25 октября 2025, 17:00\n")
_TITLE = "Казахстан и Узбекистан нарастят торговлю\n"

# (name, page, expected (iso, precision)); reference REF, no manifest
LAYOUTS = [
    # a date the publication label names right after the body is the article's, not the
    # related list's first timestamp
    ("labelled date after the body", _TITLE + _TEXT + "Дата публикации: 5 ноября 2025\n" + _LIST,
     ("2025-11-05", "day")),
    # a date alone on its line right after the body beats a year-less day in the text
    ("date alone under the body",
     _TITLE + "1 ноября в Ташкенте прошли переговоры.\n" + _TEXT + "12 ноября 2025 г.\n",
     ("2025-11-12", "day")),
    # the first publication beats a later edit, whichever is printed first
    ("updated before first published",
     _TITLE + "Updated: 14 Nov 2025, 09:12 GMT | First published: 12 Nov 2025, 18:30 GMT\n"
     + _TEXT, ("2025-11-12", "day")),
    ("обновлено after опубликовано",
     _TITLE + "Обновлено: 14.11.2025 09:05\nОпубликовано: 12.11.2025 14:20\n" + _TEXT,
     ("2025-11-12", "day")),
    ("only an update's date", _TITLE + "Обновлено: 14.11.2025 09:05\n" + _TEXT,
     ("2025-11-14", "day")),
    # a news feed before the article: the stamp the article's text starts right after is its own
    ("feed above the article's stamp", _FEED + _TITLE + "11 ноября 2025, 16:45\n" + _TEXT,
     ("2025-11-11", "day")),
    # "2 дня назад": the reference minus two days
    ("days ago", _TITLE + "2 дня назад\n" + _TEXT, ("2025-11-18", "day")),
    ("hours ago", _TITLE + "5 часов назад | Экономика\n" + _TEXT, ("2025-11-20", "day")),
    # a copyright year is no date; the photo caption's day is below the published stamp
    ("copyright year", _TITLE + _TEXT + "© 2010–2025 Новостной портал\n", ("2024-01-01", "year")),
    ("caption under the stamp",
     "Kazakhstan, Uzbekistan to boost trade\nPublished November 12, 2025\n"
     "Photo: the talks in Tashkent on November 1, 2025.\n"
     "Trade between the two countries reached $4.4 billion in 2024.\n", ("2025-11-12", "day")),
]


@pytest.mark.parametrize(("name", "page", "expected"), LAYOUTS, ids=[p[0] for p in LAYOUTS])
def test_document_date_from_page_layouts(name, page, expected):
    first = "1 ноября в" if "1 ноября в" in page else _TEXT[:10] if _TEXT[:10] in page else "Trade"
    a0 = page.index(first)
    a1 = page.index(_TEXT) + len(_TEXT) - 1 if _TEXT in page else page.index("2024.") + 5
    value, precision = pick_document_date(page, REF, None, (a0, a1))
    assert (value.isoformat() if value else None, precision) == expected


# --- vocabularies and speed -------------------------------------------------

def test_every_language_names_twelve_months():
    by_lang: dict[str, set[int]] = {}
    for row in load_table("months"):
        for lang in row["lang"].split():
            by_lang.setdefault(lang, set()).add(int(row["month"]))
    for lang in ("ru", "en", "kk", "ky", "uz", "uz-cyrl"):
        assert by_lang[lang] == set(range(1, 13)), lang


def test_month_forms_are_unique():
    counts = Counter(row["form"] for row in load_table("months"))
    assert [f for f, n in counts.items() if n > 1] == []


def test_phrase_meanings_are_known():
    meanings = {"this_year", "last_year", "year_before_last", "next_year", "ytd", "by_year_end", "coming_years",
                "within_lead", "comparison"}
    for row in load_table("time_phrases"):
        assert row["meaning"] in meanings and row["role"] in ("period", "modifier", "both"), row


def test_every_time_rule_has_a_reader():
    from etl.periods import _TIME_RULES
    from etl.timewords import _grammar

    assert set(_TIME_RULES) <= set(_grammar().times.groupindex)


# --- 4. date_in_url ---------------------------------------------------------
# (url, expected iso or None); reference REF (2025-11-20)
URLS = [
    ("https://news.example.kz/novosti/2021/12/10/tovarooborot-vyros", "2021-12-10"),
    ("https://example.uz/20180819/tovarooborot-1234567.html", "2018-08-19"),
    ("https://uz.example.media/2025-08-18/proekty-na-35-mlrd", "2025-08-18"),
    ("https://example.com/news/2019_06_22-visit", "2019-06-22"),
    ("http://www.example.az/ru/2024/03/05", "2024-03-05"),
    # ids and other numbers are no date
    ("https://finance.example.ru/economics/55590319-rossiya-i-kirgiziya/", None),
    ("https://example.kg/ekonomika/60691/", None),
    ("https://example.kg/kyrgyzcha/304619_bishkekte/amp", None),
    ("https://example.com/post/x20180819", None),  # digits glued to a word: an id
    ("https://example.com/2019/02/30/no-such-day", None),
    ("https://example.com/2022/april/69749/", None),  # a month alone is left to the text
    ("https://example.com/2026/01/15/after-today", None),  # after the reference
    ("https://example.com/search?from=2021-12-10", None),  # a query string's date
    ("https://20211210.example.com/news/1", None),  # the host is not the path
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_date_in_url(url, expected):
    got = date_in_url(url, REF)
    assert (got.isoformat() if got else None) == expected
