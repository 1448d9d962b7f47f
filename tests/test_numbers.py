"""Example tables for etl/numbers.py: sentences written for these tests, non-matches included."""
from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.numbers import Amount, find_amounts, format_amount, parse_number


def counted(sentence: str) -> list[Amount]:
    """The amounts a caller would count: not years, percentages or multipliers."""
    return [a for a in find_amounts(sentence)
            if not (a.is_year or a.is_percent or a.is_multiplier)]


def one(sentence: str) -> Amount:
    found = counted(sentence)
    assert len(found) == 1, found
    return found[0]


# sentence, value, unit, qualifier — each sentence holds exactly one counted amount
AMOUNTS = [
    # --- Russian: digits and separators
    ("Товарооборот между странами по итогам года составил 4,2 млрд долларов.",
     "4200000000", "USD", "eq"),
    ("Объем торговли вырос и составил 4.2 млрд долларов", "4200000000", "USD", "eq"),
    ("Из республики вывезено 1 200 вагонов зерна", "1200", None, "eq"),
    ("Из республики вывезено 1\u00a0200 вагонов зерна", "1200", None, "eq"),
    ("Всего перевезено 1\u202f250\u202f000 пассажиров", "1250000", None, "eq"),
    ("Экспорт за полугодие составил 2,418 миллиарда долларов", "2418000000", "USD", "eq"),
    ("Экспорт составил $301,9 млн", "301900000", "USD", "eq"),
    ("Инвестиционный портфель оценивается в $1,4 миллиарда.", "1400000000", "USD", "eq"),
    ("В регионе работают 4,5 тысячи фермерских хозяйств", "4500", None, "eq"),
    ("Стороны подписали 22 документа", "22", None, "eq"),
    ("Оборот в 4 млрд долл. США устраивает обе стороны", "4000000000", "USD", "eq"),
    ("Оборот — 4 млрд долл.", "4000000000", "USD", "eq"),
    ("Поставки оценены в 7 миллиардов долларов США", "7000000000", "USD", "eq"),
    ("Оборот составил 900 млн американских долларов", "900000000", "USD", "eq"),
    ("Оборот составил 2,7млрд долларов", "2700000000", "USD", "eq"),
    ("Оборот за январь–август составил 2 миллиарда 315 миллионов долларов США",
     "2315000000", "USD", "eq"),
    # --- Russian: number words in every case
    ("Зарегистрировано свыше двух тысяч совместных компаний", "2000", None, "gte"),
    ("Правительства решили нарастить обмен до десяти миллиардов долларов", "10000000000", "USD", "eq"),
    ("Заявки поданы на сумму порядка семисот миллионов долларов", "700000000", "USD", "approx"),
    ("Вложения в порт оцениваются в четыре миллиарда долларов", "4000000000", "USD", "eq"),
    ("Товарооборот составил около полутора миллиардов долларов", "1500000000", "USD", "approx"),
    ("Стоимость проектов — два с половиной миллиарда долларов", "2500000000", "USD", "eq"),
    ("Подписаны полторы тысячи контрактов", "1500", None, "eq"),
    ("Запущено двадцать пять совместных проектов", "25", None, "eq"),
    ("Работают сто двадцать три совместных предприятия", "123", None, "eq"),
    ("Сумма соглашений составила триста миллионов долларов", "300000000", "USD", "eq"),
    ("Соглашения подписаны на сумму свыше пятисот миллионов долларов", "500000000", "USD",
     "gte"),
    ("Инвестиции составят полмиллиарда долларов", "500000000", "USD", "eq"),
    ("Между городами выполняется одиннадцать рейсов", "11", None, "eq"),
    # --- Russian: a scale word with no number before it
    ("Речь идет о сделках до миллиарда долларов", "1000000000", "USD", "lte"),
    ("Банк поднял лимит на миллиард долларов", "1000000000", "USD", "eq"),
    ("Проект стоимостью миллиард долларов одобрен", "1000000000", "USD", "eq"),
    ("Обслужено более тысячи туристов", "1000", None, "gte"),
    # --- Russian: qualifiers
    ("Зимой в регион летает более 60 чартеров", "60", None, "gte"),
    ("Число рейсов превысило 3 тыс. за сезон", "3000", None, "gte"),
    ("Экспорт зерна превысил отметку в 3 миллиарда долларов", "3000000000", "USD", "gte"),
    ("Объем торговли — не менее 500 млн долл.", "500000000", "USD", "gte"),
    ("Товарооборот составил менее 300 млн долларов", "300000000", "USD", "lte"),
    ("Поставки составят не более 80 тыс. тонн в месяц", "80000", "t", "lte"),
    ("Товарооборот составил почти 4 млрд долларов", "4000000000", "USD", "approx"),
    ("Товарооборот составил почти в 4 млрд долларов", "4000000000", "USD", "approx"),
    ("Объем инвестиций превышает $60 млрд", "60000000000", "USD", "gte"),
    ("Стоимость новых заводов — свыше 9 миллиардов долларов", "9000000000", "USD", "gte"),
    ("Создано 300 с лишним совместных предприятий", "300", None, "gte"),
    ("Открыто 150 и более предприятий", "150", None, "gte"),
    ("Кредиты выдаются от 5 млн рублей", "5000000", "RUB", "gte"),
    ("Взнос составит приблизительно 12 млн евро", "12000000", "EUR", "approx"),
    ("Стороны намерены увеличить товарооборот до$5 млрд", "5000000000", "USD", "eq"),
    ("Со временем их число вырастет до 19 рейсов", "19", None, "eq"),
    ("Кредитная линия составит до 5 млн долларов", "5000000", "USD", "lte"),
    # --- English
    ("Bilateral trade reached $24 billion last year.", "24000000000", "USD", "eq"),
    ("Trade turnover hit US$4bn in the first half", "4000000000", "USD", "eq"),
    ("They agreed on a trade volume of USD 4 billion", "4000000000", "USD", "eq"),
    ("They signed a package worth $ 1 billion", "1000000000", "USD", "eq"),
    ("Over 2,300 students enrolled this autumn", "2300", None, "gte"),
    ("Imports totalled 2 billion 47 million dollars", "2047000000", "USD", "eq"),
    ("Exports amounted to 354.6 million dollars", "354600000", "USD", "eq"),
    ("They discussed a portfolio of half a billion dollars", "500000000", "USD", "eq"),
    ("Officials expect a billion dollars in new deals", "1000000000", "USD", "eq"),
    ("Trade stood at nearly 2.5 bn dollars", "2500000000", "USD", "approx"),
    ("The fair drew more than 420 exhibitors", "420", None, "gte"),
    ("The sides signed at least 12 agreements", "12", None, "gte"),
    ("Airlines may operate up to 20 flights a week", "20", None, "lte"),
    ("They plan to increase trade up to $1 billion", "1000000000", "USD", "eq"),
    ("Some 300 joint ventures operate there", "300", None, "approx"),
    ("The region hosts twenty-five joint ventures", "25", None, "eq"),
    ("Carriers operate two hundred and five flights", "205", None, "eq"),
    ("Investment reached one and a half billion dollars", "1500000000", "USD", "eq"),
    ("The fund raised $4m from the bank", "4000000", "USD", "eq"),
    ("The deal is worth $7.5mn", "7500000", "USD", "eq"),
    ("The plant costs 3 mln US dollars", "3000000", "USD", "eq"),
    ("Sales have exceeded the mark of 3 billion dollars", "3000000000", "USD", "gte"),
    ("Turnover is estimated at about $900 million", "900000000", "USD", "approx"),
    ("Sales fell to less than 40 million dollars", "40000000", "USD", "lte"),
    ("The project is valued at ~$3 billion", "3000000000", "USD", "approx"),
    ("They expect 1,000 or more visitors", "1000", None, "gte"),
    ("The bank approved $1.2bn in loans", "1200000000", "USD", "eq"),
    ("More than 100+ firms applied", "100", None, "gte"),
    # --- Kazakh
    ("Экспорт көлемі биыл 2,4 млрд долларды құрады", "2400000000", "USD", "eq"),
    ("Инвестиция көлемі екі жарым миллиард доллар болады", "2500000000", "USD", "eq"),
    ("Сауда көлемі 1 млрд доллардан астам", "1000000000", "USD", "gte"),
    ("Жоба құны шамамен 700 млн доллар", "700000000", "USD", "approx"),
    ("Елде 400-ден астам бірлескен кәсіпорын жұмыс істейді", "400", None, "gte"),
    ("Көрмеге 3,5 мың адам келді", "3500", None, "eq"),
    ("Тауар айналымы 5 млрд долларға жуық", "5000000000", "USD", "approx"),
    # --- Kyrgyz
    ("Соода жүгүртүү 2 миллиард доллардан ашык", "2000000000", "USD", "gte"),
    ("Долбоордун наркы болжол менен 500 миллион доллар", "500000000", "USD", "approx"),
    ("Фестивалга беш миң киши катышты", "5000", None, "eq"),
    ("Соода көлөмү 1 млрд долларга жакын", "1000000000", "USD", "approx"),
    # --- Uzbek, Cyrillic
    ("Товар айирбошлаш ҳажми 2 миллиард долларга етди", "2000000000", "USD", "eq"),
    ("Вилоятда 150 дан ортиқ янги фермер хўжалиги очилди", "150", None, "gte"),
    ("Лойиҳалар қиймати қарийб 1,5 млрд доллар", "1500000000", "USD", "approx"),
    ("Ҳажм икки ярим миллиард долларга етади", "2500000000", "USD", "eq"),
    ("Кўргазмага ўн минг киши ташриф буюрди", "10000", None, "eq"),
    # --- Uzbek, Latin
    ("Savdo hajmi 3 mlrd dollarga yetdi", "3000000000", "USD", "eq"),
    ("Eksport 500 mln dollardan ortiq bo'ldi", "500000000", "USD", "gte"),
    ("Loyiha taxminan 700 million dollar turadi", "700000000", "USD", "approx"),
    ("Ko'rgazmaga besh ming kishi keldi", "5000", None, "eq"),
    # --- Urdu
    ("دوطرفہ تجارت 10 ارب ڈالر تک پہنچ گئی", "10000000000", "USD", "eq"),
    ("منصوبوں کی مالیت تقریباً 5 ارب ڈالر ہے", "5000000000", "USD", "approx"),
    ("ملک میں 500 سے زائد کمپنیاں کام کر رہی ہیں", "500", None, "gte"),
    ("معاہدے کی مالیت 2 کروڑ ڈالر ہے", "20000000", "USD", "eq"),
    ("سرمایہ کاری ایک ارب ڈالر ہوگی", "1000000000", "USD", "eq"),
    ("حکومت نے 50 لاکھ روپے جاری کیے", "5000000", "PKR", "eq"),
]


@pytest.mark.parametrize(("sentence", "value", "unit", "qualifier"), AMOUNTS)
def test_amount(sentence: str, value: str, unit: str | None, qualifier: str) -> None:
    a = one(sentence)
    assert (a.value, a.unit, a.qualifier) == (Decimal(value), unit, qualifier)
    assert a.text == sentence[a.start:a.end]


# other currencies stay themselves: they must never become USD
OTHER_CURRENCIES = [
    ("Продажи составили 5 млрд рублей", "5000000000", "RUB"),
    ("Кредит на 120 млн евро одобрен", "120000000", "EUR"),
    ("Фонд выделит €40 млн", "40000000", "EUR"),
    ("Торговля юанями достигла 3 млрд юаней", "3000000000", "CNY"),
    ("Бюджет проекта — 500 млрд тенге", "500000000000", "KZT"),
    ("Жоба құны 8 млрд теңге", "8000000000", "KZT"),
    ("Выделено 2 трлн сумов", "2000000000000", "UZS"),
    ("Loyihaga 100 mlrd so'm ajratildi", "100000000000", "UZS"),
    ("Грант в 10 млн сомони", "10000000", "TJS"),
    ("Выделено 300 млн сомов", "300000000", "KGS"),
    ("Сделка на 50 млн манатов", "50000000", "AZN"),
    ("Экспорт на 7 млрд лир", "7000000000", "TRY"),
    ("Инвестиции в £20 млн", "20000000", "GBP"),
    ("Кредит на 5 млрд иен", "5000000000", "JPY"),
    ("Соглашение на 1 трлн вон", "1000000000000", "KRW"),
    ("Проект на 2 млрд рупий", "2000000000", "INR"),
    ("Сделка на 40 млн канадских долларов", "40000000", "CAD"),
    ("The loan of 300 million yuan was approved", "300000000", "CNY"),
    ("Курс: RUB 0.95", "0.95", "RUB"),
    ("The grant is £5m", "5000000", "GBP"),
    ("The plan costs Rs 500 crore", "5000000000", "INR"),
]


@pytest.mark.parametrize(("sentence", "value", "unit"), OTHER_CURRENCIES)
def test_other_currency(sentence: str, value: str, unit: str) -> None:
    a = one(sentence)
    assert (a.value, a.unit) == (Decimal(value), unit)


MEASURES = [
    ("Поставлено 1,5 млрд кВт·ч электроэнергии", "1500000000", "kWh"),
    ("Перевезено 2 млн тонн грузов", "2000000", "t"),
    ("Exports of 1.5 billion kWh are planned", "1500000000", "kWh"),
]


@pytest.mark.parametrize(("sentence", "value", "unit"), MEASURES)
def test_measure_is_not_a_count(sentence: str, value: str, unit: str) -> None:
    a = one(sentence)
    assert (a.value, a.unit) == (Decimal(value), unit)


# sentence, low, high, unit, is_percent, is_multiplier
RANGES = [
    ("Инвестиции оцениваются в 4–6 млрд долларов", "4000000000", "6000000000", "USD", False,
     False),
    ("Инвестиции составят от 4 до 6 млрд долларов", "4000000000", "6000000000", "USD", False,
     False),
    ("Проект стоит $4-6 billion", "4000000000", "6000000000", "USD", False, False),
    ("Costs are between 4 and 6 billion dollars", "4000000000", "6000000000", "USD", False,
     False),
    ("Товарооборот вырастет на 10–15%", "10", "15", None, True, False),
    ("Объем увеличится в 2–3 раза", "2", "3", None, False, True),
    ("Строительство займет шесть-семь лет", "6", "7", None, False, False),
    ("Ежедневно выполняется 200-300 рейсов", "200", "300", None, False, False),
    ("Лойиҳага 1,5-2 млрд доллар керак", "1500000000", "2000000000", "USD", False, False),
    ("Дар ин чорабинӣ аз 4 ҳазор то 6 ҳазор нафар ширкат мекунанд", "4000", "6000", None,
     False, False),
    ("Тамошобинон 4 ҳазор … 6 ҳазор нафар буданд", "4000", "6000", None, False, False),
]


@pytest.mark.parametrize(("sentence", "low", "high", "unit", "pct", "mult"), RANGES)
def test_range(sentence: str, low: str, high: str, unit: str | None, pct: bool,
               mult: bool) -> None:
    [a] = [a for a in find_amounts(sentence) if not a.is_year]
    assert (a.value, a.value_high, a.unit) == (Decimal(low), Decimal(high), unit)
    assert (a.is_percent, a.is_multiplier, a.qualifier) == (pct, mult, "eq")


def test_range_keeps_its_opening_word_as_prefix() -> None:
    [a] = find_amounts("Инвестиции составят от 4 до 6 млрд долларов")
    assert a.prefix == "от"
    assert a.text == "от 4 до 6 млрд долларов"


def test_from_to_is_a_change_not_a_range() -> None:
    first, second = find_amounts("За год торговля выросла с $1 млрд до $2 млрд.")
    assert (first.value, first.prefix, first.qualifier) == (Decimal(10**9), "с", "eq")
    assert (second.value, second.prefix, second.qualifier) == (Decimal(2 * 10**9), "до", "eq")


@pytest.mark.parametrize(("sentence", "start", "end", "unit"), [
    ("Товарооборот вырос с 800 млн до 1,2 млрд долларов", "800000000", "1200000000", "USD"),
    ("Trade grew from 1 to 2 billion dollars", "1000000000", "2000000000", "USD"),
])
def test_the_start_of_a_change_takes_the_unit_of_its_end(sentence: str, start: str, end: str,
                                                         unit: str) -> None:
    first, second = find_amounts(sentence)
    assert (first.value, first.unit) == (Decimal(start), unit)
    assert (second.value, second.unit) == (Decimal(end), unit)


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Увеличить товарооборот до 5 млрд долларов поручил президент", "eq"),
    ("Стороны решили увеличить торговлю. Инвестиции составят до 5 млрд долларов.", "lte"),
    ("Тауар айналымын 5 млрд долларға дейін жеткізу көзделген", "eq"),
    ("Несие 5 млн долларға дейін беріледі", "lte"),
])
def test_up_to_is_a_target_next_to_a_target_verb_else_a_cap(sentence: str,
                                                            qualifier: str) -> None:
    [a] = find_amounts(sentence)
    assert a.qualifier == qualifier


@pytest.mark.parametrize(("sentence", "prefix"), [
    ("Министерства хотят довести поставки до 12 млрд долларов", "до"),
    ("Товарооборот превысил 3 млрд долларов", "превысил"),
    ("Экспорт зерна превысил отметку в 3 миллиарда долларов", "превысил отметку в"),
    ("Выручка закрепилась на уровне $7 млрд", ""),
    ("Товарооборот вырос на 24%", "на"),
    ("Trade is expected to reach up to $5 billion", "up to"),
    ("Trade grew by more than 20 percent", "by more than"),
])
def test_prefix(sentence: str, prefix: str) -> None:
    [a] = find_amounts(sentence)
    assert a.prefix == prefix


def test_span_and_num_start() -> None:
    s = "По данным ведомства, объем составил свыше $8 млрд в прошлом году."
    [a] = counted(s)
    assert a.text == "свыше $8 млрд"
    assert s[a.num_start] == "8"


# --- what callers must not count ---------------------------------------------------

YEARS = [
    "Соглашение подписано в 2017 году",
    "Программа рассчитана на 2025-2026 годы",
    "План на 2026–2028 годы утвержден",
    "Стратегия до 2030 года принята",
    "Встреча пройдет 15 ноября",
    "Опубликовано 24 сентября 2013 16:37",
    "Дата документа: 19.07.2023",
    "Since 1991 the countries have cooperated",
    "The talks took place on August 20, 2018",
    "The fair will run on November 3-5",
    "2024 жылы келісім жасалды",
    "2023 йилда шартнома имзоланди",
    "2024-yil yakunlari",
    "Posted 09:05, 14-Mar-2021",
]


@pytest.mark.parametrize("sentence", YEARS)
def test_years_and_dates_are_not_amounts(sentence: str) -> None:
    found = find_amounts(sentence)
    assert found and all(a.is_year for a in found), found


@pytest.mark.parametrize("sentence", ["Сегодня 07:58", "COVID-19 и самолеты Су-35",
                                      "Саммит G20 и сети 5G", "Он сказал, что сад цветет",
                                      "Тысячи компаний и миллионы людей", ""])
def test_no_amount(sentence: str) -> None:
    assert find_amounts(sentence) == []


def test_a_year_with_a_qualifier_is_a_count() -> None:
    [a] = find_amounts("Выполнено более 2000 рейсов")
    assert (a.value, a.is_year, a.qualifier) == (Decimal(2000), False, "gte")


@pytest.mark.parametrize(("sentence", "value"), [
    ("Товарооборот вырос на 16%", "16"),
    ("Экспорт увеличился на 16 процентов", "16"),
    ("Рост составил 7,8 %", "7.8"),
    ("Trade grew by 20 percent", "20"),
    ("Trade grew by 34\npercent", "34"),
    ("Savdo 12 foizga oshdi", "12"),
    ("Ҳажм 15 фоизга ошди", "15"),
    ("Айналым 9 пайызға өсті", "9"),
    ("تجارت میں 12 فیصد اضافہ ہوا", "12"),
])
def test_percent(sentence: str, value: str) -> None:
    [a] = find_amounts(sentence)
    assert (a.value, a.is_percent) == (Decimal(value), True)


@pytest.mark.parametrize(("sentence", "value"), [
    ("Товарооборот вырос в 2 раза", "2"),
    ("Товарооборот вырос в два раза", "2"),
    ("Товарооборот вырос в 1,5 раза", "1.5"),
    ("Число рейсов увеличится втрое", "3"),
    ("Ожидается двукратный рост", "2"),
    ("Объем вырос двукратно", "2"),
    ("Trade has grown over 100-fold", "100"),
    ("Trade grew 1.5 times", "1.5"),
    ("Trade doubled, rising twice as fast", "2"),
    ("Айналым 3 есе өсті", "3"),
    ("Savdo 2 marta oshdi", "2"),
    ("Савдо ҳажми 2 марта ошди", "2"),
])
def test_multiplier(sentence: str, value: str) -> None:
    [a] = find_amounts(sentence)
    assert (a.value, a.is_multiplier) == (Decimal(value), True)


@pytest.mark.parametrize(("sentence", "value"), [
    ("Рейсы выполняются три раза в неделю", "3"),
    ("The airline flies there twice a week", "2"),
])
def test_a_frequency_is_a_count_not_a_multiplier(sentence: str, value: str) -> None:
    [a] = find_amounts(sentence)
    assert (a.value, a.is_multiplier, a.unit) == (Decimal(value), False, None)


def test_march_is_a_month_in_russian() -> None:
    [a] = find_amounts("Встреча прошла 2 марта")
    assert a.is_year and not a.is_multiplier


def test_many_amounts_in_order() -> None:
    s = ("В 2023 году товарооборот вырос на 12% и составил 3,4 млрд долларов, "
         "а число рейсов увеличилось втрое — до 60 в неделю.")
    found = find_amounts(s)
    assert [(a.value, a.is_year, a.is_percent, a.is_multiplier) for a in found] == [
        (Decimal(2023), True, False, False), (Decimal(12), False, True, False),
        (Decimal(3400000000), False, False, False), (Decimal(3), False, False, True),
        (Decimal(60), False, False, False)]
    assert found[2].unit == "USD"


# --- parse_number and format_amount ------------------------------------------------

@pytest.mark.parametrize(("s", "value"), [
    ("4,2", "4.2"), ("4.2", "4.2"), ("1 200", "1200"), ("1\u00a0200", "1200"),
    ("1\u202f200\u202f000", "1200000"), ("1,500", "1500"), ("1,234,567.5", "1234567.5"),
    ("301,9", "301.9"), ("-5", "-5"), ("два", "2"), ("Полтора", "1.5"), ("полутора", "1.5"),
    ("двадцать пять", "25"), ("сто двадцать", "120"), ("двести", "200"), ("семисот", "700"),
    ("two hundred and five", "205"), ("6,5 тысячи", "6500"), ("1,532 миллиарда", "1532000000"),
    ("1 миллиард 86 миллионов", "1086000000"), ("half a billion", "500000000"),
    ("бір", "1"), ("икки", "2"), ("o'n", "10"), ("ایک", "1"),
])
def test_parse_number(s: str, value: str) -> None:
    assert parse_number(s) == Decimal(value)


@pytest.mark.parametrize("s", ["", "   ", "abc", "12abc", "4 и 5", "$5", "миллиарды", "-"])
def test_parse_number_rejects(s: str) -> None:
    assert parse_number(s) is None


@pytest.mark.parametrize(("value", "unit", "text"), [
    (Decimal("4000000000"), "USD", "$4.0 bn"),
    (Decimal("301900000"), "USD", "$301.9 mn"),
    (Decimal("1532000000"), "USD", "$1.532 bn"),
    (24200000000.0, "USD", "$24.2 bn"),
    (Decimal("20500"), "USD", "$20,500"),
    (Decimal("5000000000"), "RUB", "5.0 bn RUB"),
    (Decimal("6500"), None, "6,500"),
    (40, "count", "40"),
    (1.5, None, "1.5"),
    (float("nan"), None, "nan"),
])
def test_format_amount(value: Decimal | float, unit: str | None, text: str) -> None:
    assert format_amount(value, unit) == text


# --- properties ----------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(st.text())
def test_find_amounts_never_raises_and_spans_hold(text: str) -> None:
    found = find_amounts(text)
    for a in found:
        assert 0 <= a.start <= a.num_start < a.end <= len(text)
        assert a.text == text[a.start:a.end]
    assert all(x.end <= y.start for x, y in pairwise(found))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–%$ млрдтысяч\u00a0")), max_size=40))
def test_number_soup_never_raises(text: str) -> None:
    find_amounts(text)
    parse_number(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    parse_number(text)


@given(st.integers(), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_grouped_integers_parse_back(n: int, sep: str) -> None:
    assert parse_number(f"{n:,}".replace(",", sep)) == n


@given(st.integers(min_value=0, max_value=10**18))
def test_grouped_integers_are_found(n: int) -> None:
    [a] = find_amounts(f"всего {n:,} штук".replace(",", " "))
    assert a.value == n


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_decimal_commas_parse_back(x: float) -> None:
    s = f"{x:.1f}"
    assert parse_number(s.replace(".", ",")) == Decimal(s)
    assert parse_number(s) == Decimal(s)
