"""Properties (hypothesis) of the number, date and country parsers.

They never raise on any string; what Dyad writes it reads back: a formatted amount
parses back to itself, a written date to that date, a country's name to its code.
"""
from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.countries import all_codes, country_name, find_countries
from etl.dates import find_datelines, pick_document_date
from etl.numbers import find_amounts, format_amount, parse_number
from etl.periods import find_time_expressions

# DYAD_EXAMPLES=5000 for a deeper hunt than CI's quick run
FAST = settings(max_examples=int(os.environ.get("DYAD_EXAMPLES", "150")), deadline=None,
                database=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what the parsers look for, so that hypothesis reaches deep paths:
# digits and separators, scale and currency words, months, qualifiers, country names.
TOKENS = ["0", "1", "4", "15", "2025", "1991", "6,5", "4.2", "1 200", " ", "\u00a0", "\u202f",
          ",", ".", "-", "–", "—", "/", ":", "%", "$", "€", "₸", "млрд", "млн", "тыс.",
          "миллиарда", "долларов", "сум", "billion", "bn", "mn", "свыше", "около", "более",
          "до", "почти", "в", "года", "г.", "году", "ноября", "январь-октябрь", "November",
          "Nov", "квартал", "полугодие", "в ближайшие", "лет", "Сегодня", "вчера", "09:32",
          "Казахстан", "Узбекистаном", "узбекско-казахстанский", "China", "США", "Туркменистан",
          "қараша", "жылғы", "noyabr", "\n", "\n\n", "İ", "ё", "ß", "\u0301", "\ufeff", "\x00"]
soup = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
any_text = st.one_of(st.text(), soup)
any_date = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


# --- never raise --------------------------------------------------------------------

@FAST
@given(any_text)
def test_number_parsers_never_raise(text):
    parse_number(text)
    for a in find_amounts(text):
        assert 0 <= a.start < a.end <= len(text)


@FAST
@given(st.one_of(st.decimals(), st.floats(), st.integers(-10**30, 10**30)),
       st.sampled_from([None, "count", "USD", "RUB", "KZT", "%", "t"]))
def test_format_amount_never_raises(value, unit):
    assert isinstance(format_amount(value, unit), str)


@FAST
@given(any_text, any_date, st.one_of(st.none(), any_date))
def test_date_parsers_never_raise(text, reference, doc_date):
    for m in find_datelines(text, reference):
        assert 0 <= m.start < m.end <= len(text)
    find_time_expressions(text, doc_date)
    found, precision = pick_document_date(text, reference, None)
    assert (found is None) == (precision is None)
    assert precision in (None, "day", "month", "year")
    found, _ = pick_document_date(text, None, None, (0, len(text)))


@FAST
@given(any_text)
def test_country_finder_never_raises_and_spans_hold(text):
    found = find_countries(text)
    for m in found:
        assert text[m.start:m.end] == m.form
    assert all(a.end <= b.start for a, b in pairwise(found))


# --- what is written reads back -------------------------------------------------------

@FAST
@given(st.integers(0, 10**15))
def test_formatted_counts_parse_back(n):
    text = format_amount(n, None)  # 6,500
    assert parse_number(text) == n
    [a] = find_amounts(f"создано {text} предприятий")
    assert a.value == n and a.unit is None


@FAST
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                   allow_infinity=False))
def test_formatted_decimals_parse_back(x):
    assert parse_number(format_amount(x, None)) == x  # 1,234,567.5


@FAST
@given(st.integers(1, 999_999), st.sampled_from([0, 10**6, 10**9, 10**12]))
def test_formatted_dollars_parse_back(mantissa, scale):
    # what fits format_amount's precision: three decimals of the scale word, whole dollars
    value = Decimal(mantissa) * scale / 1000 if scale else Decimal(mantissa)
    text = format_amount(value, "USD")  # $4.125 bn, $301.9 mn, $950,000
    [a] = find_amounts(text)
    assert (a.value, a.unit, a.qualifier) == (value, "USD", "eq"), text


@FAST
@given(st.integers(1, 999_999), st.sampled_from([10**6, 10**9]),
       st.sampled_from(["RUB", "EUR", "CNY", "KZT"]))
def test_formatted_other_currencies_parse_back(mantissa, scale, unit):
    value = Decimal(mantissa) * scale / 1000
    text = format_amount(value, unit)  # 1.5 bn RUB
    [a] = find_amounts(text)
    assert (a.value, a.unit) == (value, unit), text


MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
DATE_FORMS = {
    "ru": lambda d: f"{d.day} {MONTHS_RU[d.month - 1]} {d.year} года",
    "ru-stamp": lambda d: f"{d.day} {MONTHS_RU[d.month - 1]} {d.year} г. 09:32",
    "dotted": lambda d: f"{d.day:02}.{d.month:02}.{d.year}",
    "iso": lambda d: d.isoformat(),
    "en": lambda d: d.strftime("%B ") + f"{d.day}, {d.year}",
    "en-dmy": lambda d: f"{d.day} " + d.strftime("%B %Y"),
}


@FAST
@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(sorted(DATE_FORMS)), st.integers(0, 3000))
def test_written_dates_read_back(d, form, days_later):
    text = f"{DATE_FORMS[form](d)}\n\nСтороны обсудили сотрудничество."
    reference = d + timedelta(days=days_later)  # read on the day or later
    assert pick_document_date(text, reference, None) == (d, "day"), text


@FAST
@given(st.integers(1991, 2099))
def test_written_years_read_back(year):
    [t] = find_time_expressions(f"в {year} году товарооборот составил", date(2100, 1, 1))
    assert (t.kind, t.period, t.year) == ("period", str(year), year)


# "Того" (Togo) is left out of the Russian forms on purpose: it is also the everyday
# pronoun ("того же", "Того же мнения..."), capitalised at the start of a sentence.
NOT_READ_BACK = {("TGO", "ru")}


@pytest.mark.parametrize("lang", ["ru", "en", "kk", "ky", "uz"])
def test_every_country_name_reads_back_to_its_code(lang):
    missed = [(code, country_name(code, lang)) for code in all_codes()
              if (code, lang) not in NOT_READ_BACK
              and [m.code for m in find_countries(country_name(code, lang))] != [code]]
    assert missed == []


@FAST
@given(st.sampled_from(all_codes()), st.sampled_from(["ru", "en"]),
       st.sampled_from(["{} и партнёры.", "Визит: {}.", "talks with {} today", "({})"]))
def test_country_names_read_back_inside_sentences(code, lang, frame):
    if (code, lang) in NOT_READ_BACK:
        return
    name = country_name(code, lang)
    text = frame.format(name)
    assert [m.code for m in find_countries(text)] == [code], text
