"""Generalisation probes: sentences and pages written fresh (not from the gold sets), each
case an example of a general rule the extraction follows. Table-driven like
tests/test_extraction.py: a short page (a title line and a body) and the facts it must
give as (pair, metric, kind, value, qualifier); PERIODS checks the period or target year.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.clean import clean_text
from etl.ingest import RawDocument
from etl.model import DocMeta
from etl.pipeline import extract
from etl.segment import segment

PUBLISHED = date(2024, 10, 15)
T, J, F, D, P = ("trade_turnover", "joint_ventures", "flights_per_week", "documents_signed",
                 "investment_portfolio")


def facts_of(text: str, published: date = PUBLISHED):
    raw = RawDocument("case.txt", Path("case.txt"), text, DocMeta(published=published), "txt")
    return extract(raw, published).facts


def keys(text: str, published: date = PUBLISHED):
    return {(f.pair, f.metric, f.kind, f.value, f.qualifier) for f in facts_of(text, published)}


CASES = [
    # --- a verb of exceeding in any form makes gte; 'более' / 'over' elsewhere do not ---
    ("Россия и Беларусь\nТоварооборот двух стран по итогам года может превысить 50 млрд долларов, заявили в Минске.",
     {("BLR-RUS", T, "forecast", 50e9, "gte")}),
    ("Казахстан и Узбекистан\nТоварооборот вырос более чем на 20% и составил 1,2 млрд долларов.",
     {("KAZ-UZB", T, "actual", 1.2e9, "eq")}),
    ("Kazakhstan and Uzbekistan\nBilateral trade rose by more than 20 percent to $1.2 billion.",
     {("KAZ-UZB", T, "actual", 1.2e9, "eq")}),
    ("Uzbekistan and Hungary\nBilateral trade has grown 1.6 times over the past three years and reached $360 million in 2023.",
     {("HUN-UZB", T, "actual", 360e6, "eq")}),
    ("Kazakhstan, Azerbaijan\nTrade reached $1.5 billion in 2023 and is expected to top $2 billion this year.",
     {("AZE-KAZ", T, "actual", 1.5e9, "eq"), ("AZE-KAZ", T, "forecast", 2e9, "gte")}),
    # --- an expectation word after a reached figure is the next clause's ---
    ("Казахстан и Узбекистан\nПо итогам 2023 года товарооборот между Казахстаном и Узбекистаном составил 4,5 млрд долларов, а по итогам текущего года ожидается на уровне 5 млрд.",
     {("KAZ-UZB", T, "actual", 4.5e9, "eq"), ("KAZ-UZB", T, "forecast", 5e9, "eq")}),
    ("Туркменистан и Турция\nТоварооборот между Туркменистаном и Турцией составил 2,6 миллиарда долларов США и, по оценкам, в этом году превысит 3 миллиарда.",
     {("TKM-TUR", T, "actual", 2.6e9, "eq"), ("TKM-TUR", T, "forecast", 3e9, "gte")}),
    ("Казахстан и Азербайджан\nВ 2023 году товарооборот вырос на 15% и составил 1,5 млрд долларов, а в этом году, по прогнозам, он достигнет 2 млрд долларов.",
     {("AZE-KAZ", T, "actual", 1.5e9, "eq"), ("AZE-KAZ", T, "forecast", 2e9, "eq")}),
    # --- other cue words after an amount count only up to the next number ---
    ("Узбекистан и Казахстан\nМежду Узбекистаном и Казахстаном еженедельно совершается 75 рейсов, ещё 10 планируется открыть до конца года.",
     {("KAZ-UZB", F, "actual", 75, "eq")}),
    # --- "ещё N", "another N": an addition, not the level ---
    ("Таджикистан и Казахстан\nМежду Душанбе и Алматы выполняется ежедневный рейс, еще 3 рейса в неделю связывают Худжанд и Астану.",
     set()),
    # --- "с X до Y" / "from X to Y" with an aim: X is where it stands now ---
    ("Казахстан и Китай\nЕсть договоренность увеличить число рейсов с 28 до 42 в неделю.",
     {("CHN-KAZ", F, "actual", 28, "eq"), ("CHN-KAZ", F, "target", 42, "eq")}),
    ("Kazakhstan and Uzbekistan\nAirlines plan to increase the number of flights from 20 to 35 per week.",
     {("KAZ-UZB", F, "actual", 20, "eq"), ("KAZ-UZB", F, "target", 35, "eq")}),
    ("Казахстан и Узбекистан\nТоварооборот планируется увеличить с нынешних 4 млрд до 10 млрд долларов.",
     {("KAZ-UZB", T, "actual", 4e9, "eq"), ("KAZ-UZB", T, "target", 10e9, "eq")}),
    # --- "the target is $N": a target, not a past fact ---
    ("Trade turnover between Kazakhstan and Uzbekistan reached $4.4 billion, while the target is $10 billion.",
     {("KAZ-UZB", T, "actual", 4.4e9, "eq"), ("KAZ-UZB", T, "target", 10e9, "eq")}),
    # --- a pronoun after an aim verb refers to the turnover of the sentence before ---
    ("Кыргызстан и Узбекистан\nТоварооборот между Кыргызстаном и Узбекистаном в 2023 году составил 1,2 млрд долларов. Президенты поручили правительствам довести его до 5 млрд долларов.",
     {("KGZ-UZB", T, "actual", 1.2e9, "eq"), ("KGZ-UZB", T, "target", 5e9, "eq")}),
    ("Узбекистан и Кыргызстан\nТоварооборот между странами вырос на 18 процентов и составил 1,2 млрд долларов. Сейчас стоит задача увеличить его до 5 миллиардов долларов.",
     {("KGZ-UZB", T, "actual", 1.2e9, "eq"), ("KGZ-UZB", T, "target", 5e9, "eq")}),
    ("Uzbekistan and Hungary\nBilateral trade reached $360 million in 2023. The parties set the task of bringing it to $1 billion.",
     {("HUN-UZB", T, "actual", 360e6, "eq"), ("HUN-UZB", T, "target", 1e9, "eq")}),
    ("Kyrgyzstan and Uzbekistan\nIn 2023, trade between the two countries grew by 25% to $1.3 billion. In January–February 2024 it amounted to $240 million.",
     {("KGZ-UZB", T, "actual", 1.3e9, "eq"), ("KGZ-UZB", T, "actual", 240e6, "eq")}),
    ("Кыргызстан и Узбекистан\nТоварооборот Кыргызстана и Узбекистана в 2022 году вырос до 900 млн долларов. В 2021 году он составлял 650 млн долларов.",
     {("KGZ-UZB", T, "actual", 900e6, "eq"), ("KGZ-UZB", T, "actual", 650e6, "eq")}),
    ("Uzbekistan signs 9 documents with Azerbaijan during state visit to Baku.",
     {("AZE-UZB", D, "actual", 9, "eq")}),
    # --- the countries between two figures belong to the clause they stand in ---
    ("Внешняя торговля Узбекистана\nТоварооборот Узбекистана с Кыргызстаном составил $1,2 млрд, с Таджикистаном — $500 млн.",
     {("KGZ-UZB", T, "actual", 1.2e9, "eq"), ("TJK-UZB", T, "actual", 500e6, "eq")}),
    ("Узбекистан подвел итоги внешней торговли\nТоварооборот с Казахстаном составил 3,9 млрд долларов, с Кыргызстаном — 1,3 млрд, с Таджикистаном — 600 млн.",
     {("KAZ-UZB", T, "actual", 3.9e9, "eq"), ("KGZ-UZB", T, "actual", 1.3e9, "eq"),
      ("TJK-UZB", T, "actual", 600e6, "eq")}),
    ("Uzbekistan's trade with neighbours\nTrade with Kazakhstan amounted to $3.9 billion, with Kyrgyzstan – $1.3 billion and with Tajikistan – $600 million.",
     {("KAZ-UZB", T, "actual", 3.9e9, "eq"), ("KGZ-UZB", T, "actual", 1.3e9, "eq"),
      ("TJK-UZB", T, "actual", 600e6, "eq")}),
    # --- a clause a colon opens: a country ranked against is not the partner ---
    ("Казахстан и Узбекистан\nКазахстан является вторым по величине торговым партнером Узбекистана после России: товарооборот за 9 месяцев составил 3 млрд долларов.",
     {("KAZ-UZB", T, "actual", 3e9, "eq")}),
    # --- one country's own turnover is its trade with the world ---
    ("Узбекистан и Казахстан\nТоварооборот Узбекистана вырос на 20% и составил 63,6 млрд долларов.", set()),
    ("Казахстан и Россия\nТоварооборот Казахстана за девять месяцев вырос на 5% и составил 105 млрд долларов.", set()),
    ("Kazakhstan and Russia\nKazakhstan's foreign trade turnover reached $139 billion in 2023.", set()),
    ("Kazakhstan and China\nKazakhstan's trade turnover reached $139 billion.", set()),
    ("Казахстан и Китай\nКазахстанский товарооборот вырос до 139 млрд долларов.", set()),
    ("Қазақстан мен Қытай\nҚазақстанның сыртқы сауда айналымы 139 млрд долларды құрады.", set()),
    ("Ўзбекистон ва Хитой\nЎзбекистоннинг ташқи савдо айланмаси 63 миллиард долларни ташкил этди.", set()),
    ("Казахстан и Китай\nС Китаем товарооборот составил 31 млрд долларов.",
     {("CHN-KAZ", T, "actual", 31e9, "eq")}),
    ("Kazakhstan and China\nTrade with China amounted to $31 billion.",
     {("CHN-KAZ", T, "actual", 31e9, "eq")}),
    # --- a change stated with words between the verb and 'на' / 'by' is no level ---
    ("Казахстан и Узбекистан\nТоварооборот между странами достиг 2 млрд долларов, увеличившись за год на 300 млн долларов.",
     {("KAZ-UZB", T, "actual", 2e9, "eq")}),
    ("Trade between Kazakhstan and Uzbekistan grew by $600 million to $4.4 billion.",
     {("KAZ-UZB", T, "actual", 4.4e9, "eq")}),
    # --- number words: 'полумиллиарда', 'двух десятков' ---
    ("Кыргызстан и Беларусь\nТоварооборот между странами в 2023 году составил свыше полумиллиарда долларов.",
     {("BLR-KGZ", T, "actual", 0.5e9, "gte")}),
    ("Казахстан и Таджикистан\nПо итогам визита подписано свыше двух десятков документов.",
     {("KAZ-TJK", D, "actual", 20, "gte")}),
    ("Казахстан и Узбекистан\nТоварооборот превысил 3-х млрд долларов.",
     {("KAZ-UZB", T, "actual", 3e9, "gte")}),
    ("Казахстан и Китай\nВ Казахстане работают около 5-ти тысяч совместных предприятий с китайским капиталом.",
     {("CHN-KAZ", J, "actual", 5000, "approx")}),
    # --- flights: more words between 'рейс' / 'flights' and the week; the week first ---
    ("Кыргызстан и Россия\nКоличество рейсов между Бишкеком и Москвой увеличится до 60 в неделю.",
     {("KGZ-RUS", F, "target", 60, "eq")}),
    ("Узбекистан и Китай\nЧисло авиарейсов между Узбекистаном и Китаем выросло до 48 в неделю.",
     {("CHN-UZB", F, "actual", 48, "eq")}),
    ("Казахстан и Россия\nМежду Казахстаном и Россией в неделю выполняется более 200 рейсов.",
     {("KAZ-RUS", F, "actual", 200, "gte")}),
    ("Казахстан и Китай\nЕженедельно из Алматы в Пекин и Урумчи выполняется 14 рейсов.",
     {("CHN-KAZ", F, "actual", 14, "eq")}),
    ("Uzbekistan, Turkey\nThe number of flights between Uzbekistan and Turkey has reached 100 per week.",
     {("TUR-UZB", F, "actual", 100, "eq")}),
    # --- documents with a value in English ---
    ("Uzbekistan, Pakistan sign deals\nA total of 34 documents worth over $4.7 billion were signed during the visit.",
     {("PAK-UZB", D, "actual", 34, "eq"), ("PAK-UZB", P, "actual", 4.7e9, "gte")}),
    # --- a deadline of its own beyond this year makes a bare future an aim ---
    ("Казахстан и Узбекистан\nТоварооборот Казахстана и Узбекистана в 2024 году может достичь 5 млрд долларов, а к 2030 году — 10 млрд.",
     {("KAZ-UZB", T, "forecast", 5e9, "eq"), ("KAZ-UZB", T, "target", 10e9, "eq")}),
    # --- 'почти достиг', 'приблизился к': about ---
    ("Казахстан и Азербайджан\nТоварооборот между нашими странами приблизился к 2 млрд долларов.",
     {("AZE-KAZ", T, "actual", 2e9, "approx")}),
    ("Узбекистан и Туркменистан\nТоварооборот почти достиг отметки в 1 млрд долларов.",
     {("TKM-UZB", T, "actual", 1e9, "approx")}),
    # --- 'включая 14 ...' is a part of the 27 ---
    ("Казахстан и Узбекистан\nПодписано 27 двусторонних документов, включая 14 межправительственных соглашений.",
     {("KAZ-UZB", D, "actual", 27, "eq")}),
    # --- a count of signed documents, and the value of signed agreements, named before the number ---
    ("Казахстан и Турция\nКоличество подписанных документов достигло 35.",
     {("KAZ-TUR", D, "actual", 35, "eq")}),
    ("Kazakhstan and Turkey\nThe number of documents signed reached 35.",
     {("KAZ-TUR", D, "actual", 35, "eq")}),
    ("Узбекистан и Казахстан\nОбъем подписанных соглашений составил 3,2 млрд долларов.",
     {("KAZ-UZB", P, "actual", 3.2e9, "eq")}),
    ("Узбекистан и Казахстан\nОбщая стоимость подписанных контрактов превысила 1,5 млрд долларов.",
     {("KAZ-UZB", P, "actual", 1.5e9, "gte")}),
    ("Kazakhstan and China\nThe total value of the signed agreements exceeded $4 billion.",
     {("CHN-KAZ", P, "actual", 4e9, "gte")}),
    # --- Kyrgyz passive 'кол коюлду' is signing ---
    ("Кыргызстан жана Өзбекстан\nСапардын жыйынтыгында 12 документке кол коюлду.",
     {("KGZ-UZB", D, "actual", 12, "eq")}),
    # --- Turkic: 'two countries' is no count; 'amalga oshirilmoqda' is being done ---
    ("O‘zbekiston va Turkiya\nIkki mamlakat o‘rtasida haftasiga 50 dan ortiq reys amalga oshirilmoqda.",
     {("TUR-UZB", F, "actual", 50, "gte")}),
    ("Қазақстан мен Қырғызстан\nЕкі ел арасында аптасына 40-тан астам рейс орындалады.",
     {("KAZ-KGZ", F, "actual", 40, "gte")}),
    # --- second probe: "1 млрд. 200 млн.": the abbreviation's dot does not split a number ---
    ("Товарооборот между Таджикистаном и Казахстаном составил 1 млрд. 200 млн. долл. США.",
     {("KAZ-TJK", T, "actual", 1.2e9, "eq")}),
    # --- a capital after 'в' / 'in' in a sentence naming two other countries is the venue ---
    ("В Пекине встретились лидеры Казахстана и Узбекистана; они отметили, что товарооборот между странами превысил 4 млрд долларов.",
     {("KAZ-UZB", T, "actual", 4e9, "gte")}),
    ("На полях саммита ШОС в Астане президенты Таджикистана и Кыргызстана отметили, что товарооборот в 2023 году составил 90 млн долларов.",
     {("KGZ-TJK", T, "actual", 90e6, "eq")}),
    ("В ходе визита в Москву президент Узбекистана встретился с премьер-министром Казахстана: стороны договорились довести товарооборот до 10 млрд долларов.",
     {("KAZ-UZB", T, "target", 10e9, "eq")}),
    ("On the sidelines of the summit in Baku, the leaders of Kazakhstan and Kyrgyzstan said bilateral trade had reached $1.6 billion.",
     {("KAZ-KGZ", T, "actual", 1.6e9, "eq")}),
    # ... but a capital on a route, or beside one other country, is a party
    ("Казахстан и Китай\nИз Алматы в Пекин и Урумчи выполняется 14 рейсов в неделю.",
     {("CHN-KAZ", F, "actual", 14, "eq")}),
    ("Узбекистан и Турция\nВ Ташкенте работают более 300 совместных предприятий с турецким капиталом.",
     {("TUR-UZB", J, "actual", 300, "gte")}),
    # --- Istanbul is named for Turkey in flight news ---
    ("Между Ашхабадом и Стамбулом еженедельно выполняется 11 рейсов.",
     {("TKM-TUR", F, "actual", 11, "eq")}),
    # --- a verb of exceeding is the amount's that follows it, not the next one's ---
    ("\"Our trade has already surpassed $1 billion, and we want to reach $2 billion by 2026,\" the ambassador of Uzbekistan to Turkmenistan said.",
     {("TKM-UZB", T, "actual", 1e9, "gte"), ("TKM-UZB", T, "target", 2e9, "eq")}),
    ("Казахстан и Азербайджан\nТоварооборот уже превысил 500 млн долларов, а к 2027 году стороны хотят довести его до 1 млрд долларов.",
     {("AZE-KAZ", T, "actual", 500e6, "gte"), ("AZE-KAZ", T, "target", 1e9, "eq")}),
    # --- the number of a list item is no count ---
    ("Узбекистан и Кыргызстан подвели итоги визита\nИтоги визита:\n1. Подписано 12 соглашений.\n2. Товарооборот за 9 месяцев — 1,2 млрд долларов.\n3. Число рейсов увеличено до 35 в неделю.",
     {("KGZ-UZB", D, "actual", 12, "eq"), ("KGZ-UZB", T, "actual", 1.2e9, "eq"),
      ("KGZ-UZB", F, "actual", 35, "eq")}),
    # --- a label and its value: "Documents signed – 12", "Подписано документов — 12" ---
    ("Kazakhstan, Uzbekistan: 2023 in figures\nDocuments signed during the state visit – 12.",
     {("KAZ-UZB", D, "actual", 12, "eq")}),
    ("Казахстан и Узбекистан\nПодписано документов — 12.", {("KAZ-UZB", D, "actual", 12, "eq")}),
    ("Казахстан и Узбекистан\nПодписанных соглашений: 9.", {("KAZ-UZB", D, "actual", 9, "eq")}),
    # --- 'подписаны соглашения в сфере ...': plural, no number: the count is unknowable ---
    ("Туркменистан и Россия\nПутин и Бердымухамедов провели переговоры в Москве.\nТакже подписаны соглашения в сфере энергетики, транспорта и образования.",
     set()),
    ("Kazakhstan and Hungary\nThe ministers held talks in Astana.\nThey also signed agreements on energy, transport and education.",
     set()),
    # --- 'для сравнения', 'for comparison': the figures of the sentence before, in other years ---
    ("Кыргызстан и Узбекистан\nТоварооборот между странами по итогам 2024 года достиг 2 млрд долларов. Для сравнения: в 2023 году — 1,7 млрд, в 2022 году — 1,2 млрд долларов.",
     {("KGZ-UZB", T, "actual", 2e9, "eq"), ("KGZ-UZB", T, "actual", 1.7e9, "eq"),
      ("KGZ-UZB", T, "actual", 1.2e9, "eq")}),
    ("Kazakhstan and Georgia\nBilateral trade reached $500 million in 2023. For comparison, in 2021 it was $300 million.",
     {("GEO-KAZ", T, "actual", 500e6, "eq"), ("GEO-KAZ", T, "actual", 300e6, "eq")}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_facts(text, expected):
    assert keys(text) == expected


PERIODS = [
    # a time after a figure, past a clause break, belongs to the figure that follows it
    ("Таджикистан и Казахстан\nМинистр отметил, что в прошлом году двусторонний товарооборот составил 680 млн долларов США, а за семь месяцев текущего года — 520 млн.",
     {680e6: "2023", 520e6: "2024-01/2024-07"}),
    ("Туркменистан и Узбекистан\nТоварооборот между Туркменистаном и Узбекистаном в 2022 году составил около 1 миллиарда долларов, а в 2023 году — уже 1,2 миллиарда.",
     {1e9: "2022", 1.2e9: "2023"}),
    ("Узбекистан и Беларусь\nПо итогам прошлого года товарооборот составил $2,3 млрд, а в январе-мае текущего года – $1,1 млрд.",
     {2.3e9: "2023", 1.1e9: "2024-01/2024-05"}),
    # "в 2022-м": the ending stands for the year word
    ("Казахстан и Таджикистан\nТоварооборот в 2021 году составил 900 млн долларов, в 2022-м — 1,1 млрд, а в 2023-м — 1,4 млрд долларов.",
     {900e6: "2021", 1.1e9: "2022", 1.4e9: "2023"}),
    # "к концу текущего года" makes a bare future a forecast for this year
    ("Казахстан и Туркменистан\nВзаимный товарооборот может вырасти до 1,5 млрд долларов уже к концу текущего года.",
     {1.5e9: "2024"}),
    # "в позапрошлом году": two years before the document
    ("Узбекистан и Беларусь\nВ позапрошлом году товарооборот Узбекистана и Беларуси составил 1,1 млрд долларов.",
     {1.1e9: "2022"}),
    ("Казахстан и Грузия\nЗа январь–май позапрошлого года товарооборот составил 200 млн долларов.",
     {200e6: "2022-01/2022-05"}),
    # a table flattened into text: the year before a dash or colon is its value's period
    ("Казахстан и Узбекистан\nТоварооборот Казахстана и Узбекистана: 2021 — 3,7 млрд долларов; 2022 — 4,6 млрд долларов; 2023 — 4,4 млрд долларов.",
     {3.7e9: "2021", 4.6e9: "2022", 4.4e9: "2023"}),
    ("Kyrgyzstan and Uzbekistan\nTrade between Kyrgyzstan and Uzbekistan: 2022 – $1.2 bn; 2023 – $1.3 bn.",
     {1.2e9: "2022", 1.3e9: "2023"}),
    ("Kazakhstan and Uzbekistan\nTrade between Kazakhstan and Uzbekistan in 2023 – $4.4 billion (2022 – $4.6 billion).",
     {4.4e9: "2023", 4.6e9: "2022"}),
]


@pytest.mark.parametrize("text, periods", PERIODS, ids=[c[0][:40] for c in PERIODS])
def test_periods(text, periods):
    got = {f.value: f.period for f in facts_of(text)}
    assert got == periods
    if "к концу" in text:
        assert {f.kind for f in facts_of(text)} == {"forecast"}


def test_dateline_with_rubric_and_bars_lets_the_title_above_it_be_read():
    page = ("Новости\nУзбекистан\nМир\nЭкономика\n"
            "Количество узбекско-казахстанских совместных предприятий превысило 1 000\n"
            "Экономика | 22 декабря 2023 | 18:40\n"
            "В Узбекистане на 1 декабря зарегистрировано 1 032 совместных предприятия с "
            "участием казахстанского капитала, сообщает Комитет по статистике.\n"
            "Наибольшее число таких компаний работает в Ташкенте и Ташкентской области.\n")
    text = clean_text(page)
    blocks = segment(text)
    assert any(u.kind == "dateline" and "|" in u.text for b in blocks for u in b.units)
    assert [text[b.start:b.end] for b in blocks if b.role == "title"] == [
        "Количество узбекско-казахстанских совместных предприятий превысило 1 000"]
    got = keys(page, date(2023, 12, 22))
    assert got == {("KAZ-UZB", J, "actual", 1000, "gte"), ("KAZ-UZB", J, "actual", 1032, "eq")}


KAZINFORM_LIKE = """Главная
Политика
Экономика
Казахстан и Кыргызстан намерены нарастить товарооборот до 3 млрд долларов
2 ноября 2024, 13:05
АСТАНА. KAZINFORM — Премьер-министры Казахстана и Кыргызстана провели переговоры в Астане, передает корреспондент агентства.
По словам главы правительства, за январь–сентябрь 2024 года взаимный товарооборот составил 1,4 млрд долларов, что на 6,2% больше, чем за аналогичный период прошлого года.
«Мы поставили перед собой задачу довести объем торговли до 3 миллиардов долларов в ближайшие пять лет. Для этого у нас есть все возможности», — отметил глава казахстанского правительства.
Стороны также обсудили вопросы транзита, водно-энергетического сотрудничества и пограничной инфраструктуры.
Читайте также
Курс доллара на 17 мая
Товарооборот Казахстана и Кыргызстана в 2021 году превысил 1 млрд долларов
15 февраля 2022, 10:20
Ташкент и Бишкек: товарооборот за 2018 год составил 400 млн долларов
16 мая 2019
Подписаться на новости
"""


def test_related_items_with_their_date_below_the_headline_keep_that_date():
    got = {(f.pair, f.kind, f.value, f.date) for f in facts_of(KAZINFORM_LIKE, date(2024, 11, 2))}
    assert got == {("KAZ-KGZ", "actual", 1.4e9, "2024-11-02"),
                   ("KAZ-KGZ", "target", 3e9, "2024-11-02"),
                   ("KAZ-KGZ", "actual", 1e9, "2022-02-15"),
                   ("KGZ-UZB", "actual", 400e6, "2019-05-16")}


PAGE_24KG_LIKE = """24.kg
Новости
Экономика
Кыргызстан и Казахстан подписали 12 документов
Экономика | 24.05.2024 | 17:20
Президенты Кыргызстана и Казахстана Садыр Жапаров и Касым-Жомарт Токаев провели переговоры в Чолпон-Ате.
По итогам встречи подписаны 12 документов, в том числе соглашение о демаркации отдельных участков границы.
Товарооборот между странами в 2023 году составил 1,56 млрд долларов. Стороны поставили задачу довести его до 3 млрд долларов.
Казахстан является вторым торговым партнером Кыргызстана после России.
Другие новости
Товарооборот Кыргызстана и Узбекистана в 2022 году вырос до 900 млн долларов
Об этом сообщил Нацстатком. В 2021 году он составлял 650 млн долларов.
14:10, 20 января 2023
Жапаров и Путин обсудили рост товарооборота
Президенты отметили, что товарооборот в прошлом году превысил 3 млрд долларов.
10:05, 15 апреля 2023
"""


def test_related_items_of_headline_lead_and_date_each_keep_their_pair_and_date():
    got = {(f.pair, f.kind, f.value, f.period, f.date)
           for f in facts_of(PAGE_24KG_LIKE, date(2024, 5, 24))}
    assert got == {
        ("KAZ-KGZ", "actual", 12, None, "2024-05-24"),
        ("KAZ-KGZ", "actual", 1.56e9, "2023", "2024-05-24"),
        ("KAZ-KGZ", "target", 3e9, None, "2024-05-24"),
        ("KGZ-UZB", "actual", 900e6, "2022", "2023-01-20"),
        ("KGZ-UZB", "actual", 650e6, "2021", "2023-01-20"),
        ("KGZ-RUS", "actual", 3e9, "2022", "2023-04-15"),
    }


_BODY = ("Казахстан и Кыргызстан обсудили торговлю\n"
         "АСТАНА. Премьер-министры Казахстана и Кыргызстана провели переговоры в Астане, "
         "передает корреспондент агентства.\n"
         "По словам главы правительства, за январь–сентябрь 2024 года взаимный товарооборот "
         "составил 1,4 млрд долларов, что больше, чем годом ранее.\n"
         "Стороны также обсудили вопросы транзита, водно-энергетического сотрудничества и "
         "пограничной инфраструктуры региона.\n"
         "Читайте также\n")
_ITEM_A = "Товарооборот Казахстана и Кыргызстана в 2021 году превысил 1 млрд долларов\n"
_ITEM_B = "Товарооборот Кыргызстана и Узбекистана в 2022 году вырос до 900 млн долларов\n"


@pytest.mark.parametrize("related", [
    # the date above each item, after a label line
    "Все новости раздела\n15 февраля 2022, 10:20\n" + _ITEM_A + "30 августа 2023, 17:45\n" + _ITEM_B,
    # the date below each item
    _ITEM_A + "15 февраля 2022, 10:20\n" + _ITEM_B + "30 августа 2023, 17:45\n",
], ids=["date-above", "date-below"])
def test_related_items_get_their_own_date_whichever_side_it_stands(related):
    got = {(f.pair, f.value, f.date) for f in facts_of(_BODY + related, date(2024, 11, 2))}
    assert got == {("KAZ-KGZ", 1.4e9, "2024-11-02"), ("KAZ-KGZ", 1e9, "2022-02-15"),
                   ("KGZ-UZB", 900e6, "2023-08-30")}


INTERVIEW = """Главная » Экономика
Интервью
Посол Азербайджана в Казахстане: «Мы видим потенциал для удвоения торговли»
20 февраля 2024
Беседовала Алия Нурланова
— Господин посол, как вы оцениваете уровень экономического сотрудничества?
— Отношения между Азербайджаном и Казахстаном сегодня находятся на высоком уровне. В прошлом году товарооборот между нашими странами вырос на 19% и составил почти 470 млн долларов.
— Какие цели ставятся на ближайшие годы?
— Наши президенты поставили задачу довести товарооборот до 1 млрд долларов. Я уверен, что мы достигнем этой цели.
Фото из архива
Читайте также:
Казахстан и Азербайджан подписали 12 документов
Материалы по теме
"""


def test_an_interview_in_dash_lines_is_the_article_and_a_listed_headline_a_related_item():
    """Long dash lines (an interview's answers) are prose that can open the article; a headline
    under "Читайте также:" is a related item even without its date."""
    got = {(f.pair, f.metric, f.kind, f.value, f.qualifier, f.block)
           for f in facts_of(INTERVIEW, date(2024, 2, 20))}
    assert got == {("AZE-KAZ", T, "actual", 470e6, "approx", "article"),
                   ("AZE-KAZ", T, "target", 1e9, "eq", "article"),
                   ("AZE-KAZ", D, "actual", 12, "eq", "related")}


SHORT_RELATED = """Главная / Новости / Экономика
Казахстан и Узбекистан договорились нарастить товарооборот
20 ноября 2024, 14:32 | Просмотров: 1 245 | Комментарии: 3
Фото: пресс-служба Акорды
Президенты Казахстана и Узбекистана провели переговоры в узком и расширенном составе.
По итогам переговоров подписано 17 документов.
Поделиться: Facebook Telegram WhatsApp
Читайте также
Казахстан и Узбекистан подписали 10 документов
15 марта 2019, 18:40
Теги: Казахстан, Узбекистан, Китай, Россия, товарооборот
© 2008–2024 Новостной портал. Все права защищены.
"""


def test_a_short_related_headline_with_its_date_is_a_related_item():
    got = {(f.pair, f.value, f.date, f.block) for f in facts_of(SHORT_RELATED, date(2024, 11, 20))}
    assert got == {("KAZ-UZB", 17, "2024-11-20", "article"), ("KAZ-UZB", 10, "2019-03-15", "related")}


# --- third probe: precision. Numbers of the page that are not the pair's metric: each row
# is a rule, and most rows must give nothing ---
PRECISION = [
    # a balance takes the trade word after it: not turnover
    ("Казахстан и Китай\nСальдо торговли с Китаем составило минус 3 млрд долларов.", set()),
    ("Казахстан и Китай\nПрофицит Казахстана в торговле с КНР составил 2 млрд долларов.", set()),
    # one country's retail, wholesale, e-commerce or exchange trade is no pair's trade
    ("Казахстан и Узбекистан\nОборот розничной торговли в Казахстане вырос до 50 млрд долларов.", set()),
    ("Казахстан и Узбекистан\nОбъем торговли на бирже за день составил 40 млн долларов.", set()),
    ("Kazakhstan and Uzbekistan\nE-commerce turnover in Uzbekistan exceeded $1 billion.", set()),
    ("Kazakhstan and Uzbekistan\nKazakhstan's retail trade turnover reached $50 billion.", set()),
    # documents to be signed are no count of signed ones
    ("Казахстан и Узбекистан\nПланируется подписать 15 документов.", set()),
    ("Казахстан и Узбекистан\nВ ходе визита ожидается подписание более 20 соглашений.", set()),
    ("Казахстан и Узбекистан\nСтороны готовят к подписанию 12 документов.", set()),
    ("Kazakhstan and Uzbekistan\nThe parties are expected to sign 15 agreements during the visit.", set()),
    ("Казахстан и Узбекистан\nВ ходе визита удалось подписать 14 документов.",
     {("KAZ-UZB", D, "actual", 14, "eq")}),
    # documents signed over years are many events, not one
    ("Казахстан и Узбекистан\nЗа 30 лет дипломатических отношений между странами подписано более 300 документов.", set()),
    ("Kazakhstan and Uzbekistan\nMore than 200 documents have been signed since 1992.", set()),
    # a count noun after a signing verb is not the count of the number before the verb
    ("Казахстан и Узбекистан\nКроме того, 12 казахстанских банков подписали соглашения с оператором платежей.", set()),
    # a count of goods, people or firms is no count of ventures
    ("Казахстан и Узбекистан\nСовместное предприятие произведет 50 тысяч автомобилей в год.", set()),
    ("Kazakhstan and Uzbekistan\nThe joint venture will produce 20,000 tractors a year.", set()),
    # "300 из которых": a part named right after its number
    ("Казахстан и Узбекистан\nСоздано 900 совместных предприятий, 300 из которых работают в Ташкенте.",
     {("KAZ-UZB", J, "actual", 900, "eq")}),
    ("Казахстан и Узбекистан\nТоварооборот составил 4,4 млрд долларов, из них экспорт — 2,8 млрд долларов.",
     {("KAZ-UZB", T, "actual", 4.4e9, "eq")}),
    # flights between two cities of one country, or on domestic lines, are domestic
    ("Казахстан и Узбекистан\nМежду Алматы и Астаной ежедневно выполняется 20 рейсов.", set()),
    ("Kazakhstan and Uzbekistan\nAir Astana operates 12 daily flights between Almaty and Astana.", set()),
    ("Узбекистан и Турция\nПо внутренним направлениям ежедневно выполняется 18 рейсов в Самарканд и Бухару.", set()),
    # Dubai is the hub of flight news: a third country, not the article's pair
    ("Казахстан и Узбекистан\nИз Ташкента в Дубай выполняется 30 рейсов в неделю.",
     {("ARE-UZB", F, "actual", 30, "eq")}),
    # a group joined to a country ("ЕС и Казахстана", "the EU's trade with") is the group's
    ("Казахстан и Китай\nТоварооборот ЕС и Казахстана составил 40 млрд долларов.", set()),
    ("Kazakhstan and Uzbekistan\nThe EU's trade with Kazakhstan reached $40 billion.", set()),
    # three countries listed together: the group's figure, not a pair's
    ("Казахстан и Узбекистан\nТоварооборот между Казахстаном, Узбекистаном и Кыргызстаном в сумме составил 6 млрд долларов.", set()),
    ("Kazakhstan and China\nTrade of China with Kazakhstan, Kyrgyzstan and Tajikistan reached $70 billion.", set()),
    ("Узбекистан и Кыргызстан\nТоварооборот Китая с Казахстаном составил 41 млрд долларов, с Кыргызстаном — 19,7 млрд, с Узбекистаном — 14 млрд долларов.",
     {("CHN-KAZ", T, "actual", 41e9, "eq"), ("CHN-KGZ", T, "actual", 19.7e9, "eq"),
      ("CHN-UZB", T, "actual", 14e9, "eq")}),
    # one project or deal is no package: only plural nouns value a portfolio
    ("Казахстан и Узбекистан\nСумма сделки по покупке 49% акций составила 100 млн долларов.", set()),
    ("Казахстан и Китай\nПроект стоимостью 200 млн долларов реализует китайская компания в Казахстане.", set()),
    ("Казахстан и Узбекистан\nПодписаны соглашения на сумму 1,2 млрд долларов.",
     {("KAZ-UZB", P, "actual", 1.2e9, "eq")}),
]


@pytest.mark.parametrize("text, expected", PRECISION, ids=[c[0][:40] for c in PRECISION])
def test_precision(text, expected):
    assert keys(text) == expected


POPULAR_BOX = """Главная Экономика Мир
Узбекистан и Туркменистан расширяют транспортное сотрудничество
14 мая 2024
ТАШКЕНТ. Министры транспорта Узбекистана и Туркменистана обсудили развитие транзитных коридоров.
Объем транзитных грузов через территорию Туркменистана в прошлом году составил 3,2 млн тонн, что на 18 процентов больше, чем годом ранее.
Популярное
Товарооборот Узбекистана и Казахстана превысил 4 млрд долларов
Россия и Узбекистан подписали 30 документов
"""


def test_a_most_read_box_is_no_part_of_the_article():
    got = {(f.pair, f.value, f.block) for f in facts_of(POPULAR_BOX, date(2024, 5, 14))}
    assert got == {("KAZ-UZB", 4e9, "related"), ("RUS-UZB", 30, "related")}


# --- fourth probe: ATTRIBUTES. The fact is easy, its kind / qualifier / period / target year
# are not: each row is (page, {(pair, metric, kind, value, qualifier, period, target_year)}) ---
KU = "KAZ-UZB"
ATTRIBUTES = [
    # "в следующем году", "next year": the year after the document's, as a forecast's period
    # or a target's year
    ("Казахстан и Узбекистан\nВ следующем году товарооборот планируется довести до 6 млрд долларов.",
     {(KU, T, "target", 6e9, "eq", None, 2025)}),
    ("Kazakhstan and Uzbekistan\nNext year the sides plan to bring trade to $6 billion.",
     {(KU, T, "target", 6e9, "eq", None, 2025)}),
    ("Kazakhstan and Uzbekistan\nTrade is expected to reach $6 billion next year.",
     {(KU, T, "forecast", 6e9, "eq", "2025", None)}),
    ("Казахстан и Узбекистан\nВ будущем году товарооборот, по прогнозам, превысит 6 млрд долларов.",
     {(KU, T, "forecast", 6e9, "gte", "2025", None)}),
    ("Kazakhstan and China\nThe number of joint ventures is expected to exceed 3,000 next year.",
     {("CHN-KAZ", J, "forecast", 3000, "gte", "2025", None)}),
    # ... and never the period of a reached figure
    ("Казахстан и Китай\nСтороны сформировали портфель совместных проектов на сумму около $5,5 млрд. Следующее заседание планируется провести в будущем году.",
     {("CHN-KAZ", P, "actual", 5.5e9, "approx", None, None)}),
    # "рассчитываем, что ...": an expectation; "рассчитываем довести": an aim
    ("Казахстан и Китай\nСтороны рассчитывают, что в следующем году товарооборот вырастет до 45 млрд долларов.",
     {("CHN-KAZ", T, "forecast", 45e9, "eq", "2025", None)}),
    ("Казахстан и Китай\nСтороны рассчитывают довести товарооборот до 45 млрд долларов.",
     {("CHN-KAZ", T, "target", 45e9, "eq", None, None)}),
    # "должен вырасти": a future that, with a deadline beyond this year, is an aim
    ("Казахстан и Узбекистан\nК 2030 году товарооборот должен вырасти до 10 млрд долларов.",
     {(KU, T, "target", 10e9, "eq", None, 2030)}),
    # "до" with no verb of growth is a cap when reached; a word before "до" says how exact
    ("Узбекистан и Турция\nСтоимость пакета совместных проектов — до 3 млрд долларов.",
     {("TUR-UZB", P, "actual", 3e9, "lte", None, None)}),
    ("Казахстан и Узбекистан\nТоварооборот вырос почти до 2 млрд долларов.",
     {(KU, T, "actual", 2e9, "approx", None, None)}),
    ("Казахстан и Узбекистан\nТоварооборот вырос более чем до 2 млрд долларов.",
     {(KU, T, "actual", 2e9, "gte", None, None)}),
    ("Казахстан и Узбекистан\nТоварооборот вырос до 2 млрд долларов.",
     {(KU, T, "actual", 2e9, "eq", None, None)}),
    # English bounds: "no fewer than" is a floor, "just shy of" about, "could top" over
    ("Kazakhstan and Uzbekistan\nNo fewer than 10 documents were signed during the visit.",
     {(KU, D, "actual", 10, "gte", None, None)}),
    ("Kazakhstan and Uzbekistan\nNot fewer than 12 agreements were signed at the talks.",
     {(KU, D, "actual", 12, "gte", None, None)}),
    ("Kazakhstan and Uzbekistan\nBilateral trade was just shy of $4 billion in 2023.",
     {(KU, T, "actual", 4e9, "approx", "2023", None)}),
    ("Kazakhstan and Uzbekistan\nBilateral trade could top $6 billion in 2025.",
     {(KU, T, "target", 6e9, "gte", None, 2025)}),
    ("Казахстан и Узбекистан\nВ Казахстане работает не менее чем 300 совместных с Узбекистаном предприятий.",
     {(KU, J, "actual", 300, "gte", None, None)}),
    # near neighbours that were right and must stay so
    ("Казахстан и Узбекистан\nЗа 11 месяцев товарооборот составил 4 млрд долларов.",
     {(KU, T, "actual", 4e9, "eq", "2023-01/2023-11", None)}),
    ("Казахстан и Узбекистан\nЗадача — нарастить товарооборот до 10 млрд долларов в течение пяти лет.",
     {(KU, T, "target", 10e9, "eq", None, 2029)}),
    ("Казахстан и Кыргызстан\nПрезиденты поставили задачу увеличить взаимную торговлю до 3 млрд долларов в среднесрочной перспективе.",
     {("KAZ-KGZ", T, "target", 3e9, "eq", None, None)}),
    ("Казахстан и Узбекистан\nТоварооборот составил 1,5 миллиарда долларов с лишним.",
     {(KU, T, "actual", 1.5e9, "gte", None, None)}),
]


@pytest.mark.parametrize("text, expected", ATTRIBUTES, ids=[c[0][:40] for c in ATTRIBUTES])
def test_attributes(text, expected):
    got = {(f.pair, f.metric, f.kind, f.value, f.qualifier, f.period, f.target_year)
           for f in facts_of(text)}
    assert got == expected


# --- fifth probe: ENGLISH AND TURKIC news (Trend, AKIpress, Kazinform, The Astana Times,
# Daryo, Gazeta.uz, Xinhua styles; Kazakh, Kyrgyz, Uzbek Latin and Cyrillic, Turkmen). Each
# row is a rule: (page, {(pair, metric, kind, value, qualifier, period, target_year)}), said
# on 20 June 2025 ---
PUB_ET = date(2025, 6, 20)
ENGLISH_TURKIC = [
    # "U.S. dollars": the abbreviation's dot stands between the country word and the currency
    ("China, Kyrgyzstan\nChina-Kyrgyzstan trade volume rose 5.3 percent year on year to 22.7 billion U.S. dollars in 2024.",
     {("CHN-KGZ", T, "actual", 22.7e9, "eq", "2024", None)}),
    ("China, Kazakhstan\nTrade between China and Kazakhstan reached a record 43.8 billion U.S. dollars in 2024.",
     {("CHN-KAZ", T, "actual", 43.8e9, "eq", "2024", None)}),
    # a comparison with a figure of its own: the time after it is that figure's period
    ("Kyrgyzstan and Uzbekistan\nMutual trade exceeded $1.5 billion last year, compared to $1.2 billion in 2023.",
     {("KGZ-UZB", T, "actual", 1.5e9, "gte", "2024", None), ("KGZ-UZB", T, "actual", 1.2e9, "eq", "2023", None)}),
    ("Kazakhstan and Uzbekistan\nTrade reached $2 billion in 2024, compared to $1.5 billion in 2023.",
     {(KU, T, "actual", 2e9, "eq", "2024", None), (KU, T, "actual", 1.5e9, "eq", "2023", None)}),
    ("Казахстан и Узбекистан\nТоварооборот составил 2 млрд долларов против 1,5 млрд долларов в 2023 году.",
     {(KU, T, "actual", 2e9, "eq", None, None), (KU, T, "actual", 1.5e9, "eq", "2023", None)}),
    # ... and without one, still the comparison's base, not the figure's period
    ("Kazakhstan and Uzbekistan\nTrade rose 10% compared with 2023 to $4 billion.",
     {(KU, T, "actual", 4e9, "eq", None, None)}),
    # "9M 2024": the first nine months, and no $9 million
    ("Azerbaijan, Uzbekistan\nMutual trade grew by 30 percent year-on-year to exceed $500 mln in 9M 2024.",
     {("AZE-UZB", T, "actual", 500e6, "gte", "2024-01/2024-09", None)}),
    # a word inside a time expression is no cue: the "may" of "yanvar-may" is a month
    ("O‘zbekiston va Qirg‘iziston\nJoriy yilning yanvar-may oylarida o‘zaro savdo 1,1 mlrd dollarni tashkil etdi.",
     {("KGZ-UZB", T, "actual", 1.1e9, "eq", "2025-01/2025-05", None)}),
    ("Kazakhstan and Uzbekistan\nTrade may reach $5 billion this year.",
     {(KU, T, "forecast", 5e9, "eq", "2025", None)}),
    # "by the end of 2025" said in 2025 is this year: a forecast for it
    ("Uzbekistan and Hungary\nThe trade volume is projected to reach $500 million by the end of 2025.",
     {("HUN-UZB", T, "forecast", 500e6, "eq", "2025", None)}),
    # a passive to come ("will be increased", "to be increased") is no past "increased"
    ("Kazakhstan and Kyrgyzstan\nThe volume of trade is planned to be increased to USD 3 bn by 2027.",
     {("KAZ-KGZ", T, "target", 3e9, "eq", None, 2027)}),
    ("Uzbekistan and China\nThe number of weekly flights between Uzbekistan and China will be increased to 60.",
     {("CHN-UZB", F, "target", 60, "eq", None, None)}),
    ("Kazakhstan and Uzbekistan\nTrade has been increased to $5 billion.",
     {(KU, T, "actual", 5e9, "eq", None, None)}),
    # "JVs"
    ("Uzbekistan, Turkey\nThe number of JVs with Turkish capital in Uzbekistan has reached 1,900.",
     {("TUR-UZB", J, "actual", 1900, "eq", None, None)}),
    # "10 more flights", "5 additional flights": an addition, not the level
    ("Kyrgyzstan and Kazakhstan\nThe airlines will launch 10 more flights per week.", set()),
    ("Kyrgyzstan and Kazakhstan\nThe airlines will add 5 additional flights per week.", set()),
    ("Uzbekistan and Russia\nMore than 250 flights per week connect Uzbekistan and Russia.",
     {("RUS-UZB", F, "actual", 250, "gte", None, None)}),
    # Kazakh: Latin script "tauar aınalymy"; "Әзербайжан" spelled as the news spell it
    ("Qazaqstan men Ózbekstan\nEki el arasyndağy tauar aınalymy 4,4 mlrd dollardy qurady.",
     {(KU, T, "actual", 4.4e9, "eq", None, None)}),
    ("Қазақстан мен Әзербайжан\nСапар барысында 15 құжатқа қол қойылды.",
     {("AZE-KAZ", D, "actual", 15, "eq", None, None)}),
    # Kyrgyz case endings glued to digits in every vowel group: "50дөн", "30дон"
    ("Кыргызстан менен Казакстан\nЭки өлкөнүн ортосунда жумасына 50дөн ашык рейс аткарылат.",
     {("KAZ-KGZ", F, "actual", 50, "gte", None, None)}),
    # Uzbek Latin "loyihalar portfeli"; Hungary in Uzbek
    ("O‘zbekiston va Vengriya\nTomonlar 1 milliard dollarlik loyihalar portfeli shakllantirilganini qayd etdi.",
     {("HUN-UZB", P, "actual", 1e9, "eq", None, None)}),
    # Turkmen: country names with their case endings, "haryt / söwda dolanyşygy", "ýetdi",
    # "geçdi" (exceeded), "ýetirmek" (bring to), "resminama ... gol çekildi" (signed)
    ("Türkmenistan we Özbegistan\nTürkmenistan bilen Özbegistanyň arasyndaky haryt dolanyşygy 1 milliard amerikan dollaryndan geçdi.",
     {("TKM-UZB", T, "actual", 1e9, "gte", None, None)}),
    ("Türkmenistan we Türkiýe\nTürkmenistanyň we Türkiýäniň arasyndaky haryt dolanyşygy 2024-nji ýylda 2,5 milliard amerikan dollaryna ýetdi.",
     {("TKM-TUR", T, "actual", 2.5e9, "eq", "2024", None)}),
    ("Türkmenistan we Azerbaýjan\nSaparyň dowamynda 10 resminama gol çekildi.",
     {("AZE-TKM", D, "actual", 10, "eq", None, None)}),
    ("Türkmenistan we Hytaý\nHytaý bilen haryt dolanyşygyny 15 milliard dollara ýetirmek meýilleşdirilýär.",
     {("CHN-TKM", T, "target", 15e9, "eq", None, None)}),
]


@pytest.mark.parametrize("text, expected", ENGLISH_TURKIC, ids=[c[0][:40] for c in ENGLISH_TURKIC])
def test_english_and_turkic(text, expected):
    got = {(f.pair, f.metric, f.kind, f.value, f.qualifier, f.period, f.target_year)
           for f in facts_of(text, PUB_ET)}
    assert got == expected


UZ_LATIN_PAGE = """Bosh sahifa
Iqtisodiyot
O‘zbekiston va Qozog‘iston o‘rtasidagi tovar aylanmasi 4 mlrd dollardan oshdi
20.06.2025, 09:00
Statistika agentligi ma’lumotlariga ko‘ra, 2024-yilda O‘zbekiston va Qozog‘iston o‘rtasidagi tovar aylanmasi 4,1 mlrd dollarni tashkil etdi.
Shuningdek, Qozog‘iston kapitali ishtirokidagi 1 200 ta qo‘shma korxona faoliyat yuritmoqda.
Yana o‘qing
O‘zbekiston va Turkiya 15 ta hujjat imzoladi
"""


def test_an_uzbek_read_also_line_with_any_apostrophe_opens_related_items():
    got = {(f.pair, f.metric, f.value, f.qualifier, f.block) for f in facts_of(UZ_LATIN_PAGE, PUB_ET)}
    assert got == {(KU, T, 4e9, "gte", "title"), (KU, T, 4.1e9, "eq", "article"),
                   (KU, J, 1200, "eq", "article"), ("TUR-UZB", D, 15, "eq", "related")}
