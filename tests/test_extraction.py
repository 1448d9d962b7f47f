"""Facts from sentences we wrote, through the real pipeline, in each language.

Each case is a short page (a title line and a body) and the facts it must
give as (pair, metric, kind, value, qualifier), plus target_year or period
when the text states one. Non-matches are cases with no facts.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.ingest import RawDocument
from etl.model import DocMeta
from etl.pipeline import extract

PUBLISHED = date(2024, 6, 14)


def facts_of(text: str, published: date | None = PUBLISHED):
    raw = RawDocument("case.txt", Path("case.txt"), text, DocMeta(published=published), "txt")
    return extract(raw, published).facts


def keys(text: str, published: date | None = PUBLISHED):
    return {(f.pair, f.metric, f.kind, f.value, f.qualifier) for f in facts_of(text, published)}


CASES = [
    # --- Russian: turnover, every kind ---
    ("Товарооборот между Казахстаном и Китаем по итогам 2023 года составил 41 млрд долларов.",
     {("CHN-KAZ", "trade_turnover", "actual", 41e9, "eq")}),
    ("Объем взаимной торговли России и Беларуси за январь–сентябрь достиг почти 40 миллиардов долларов США.",
     {("BLR-RUS", "trade_turnover", "actual", 40e9, "approx")}),
    ("Узбекистан и Туркменистан укрепляют связи\nСтороны намерены довести товарооборот до 5 млрд долларов к 2030 году.",
     {("TKM-UZB", "trade_turnover", "target", 5e9, "eq")}),
    ("Таджикистан и Кыргызстан обсудили торговлю\nОжидается, что по итогам года товарооборот превысит 300 млн долларов.",
     {("KGZ-TJK", "trade_turnover", "forecast", 3e8, "gte")}),
    ("Товарооборот между РК и РУз в 2022 году составил 4,6 млрд долл. США.",
     {("KAZ-UZB", "trade_turnover", "actual", 4.6e9, "eq")}),
    ("Казахстанско-азербайджанский товарооборот достиг полутора миллиардов долларов.",
     {("AZE-KAZ", "trade_turnover", "actual", 1.5e9, "eq")}),
    ("Российско-таджикская торговля\nВ прошлом году товарооборот вырос на 12% и составил порядка 1 200 млн долларов.",
     {("RUS-TJK", "trade_turnover", "actual", 1.2e9, "approx")}),
    ("Лидеры Кыргызстана и Узбекистана поставили задачу нарастить товарооборот до двух миллиардов долларов в ближайшие три года.",
     {("KGZ-UZB", "trade_turnover", "target", 2e9, "eq")}),
    ("Мирзиёев и Токаев обсудили торговлю. Президенты отметили, что товарооборот с начала года составил свыше 3 млрд долларов.",
     {("KAZ-UZB", "trade_turnover", "actual", 3e9, "gte")}),
    # --- Russian: the other metrics ---
    ("В Казахстане работают более 1200 совместных с Турцией предприятий.",
     {("KAZ-TUR", "joint_ventures", "actual", 1200, "gte")}),
    ("Между Ташкентом и Москвой выполняется свыше 200 рейсов в неделю.",
     {("RUS-UZB", "flights_per_week", "actual", 200, "gte")}),
    ("Казахстан и Китай расширяют авиасообщение\nСейчас между двумя странами выполняется 6 рейсов в день.",
     {("CHN-KAZ", "flights_per_week", "actual", 42, "eq")}),
    ("Туркменистан и Узбекистан подписали документы\nПо итогам переговоров подписано 15 документов.",
     {("TKM-UZB", "documents_signed", "actual", 15, "eq")}),
    ("Беларусь и Узбекистан сформировали портфель совместных проектов на сумму около 2 млрд долларов.",
     {("BLR-UZB", "investment_portfolio", "actual", 2e9, "approx")}),
    # --- Russian: what is not a fact of the pair ---
    ("Экспорт Казахстана в Узбекистан составил 2,1 млрд долларов.", set()),
    ("Внешнеторговый оборот Узбекистана составил 60 млрд долларов.", set()),
    ("Товарооборот России и Казахстана составил 1,5 трлн рублей.", set()),
    ("Товарооборот между Казахстаном и Узбекистаном вырос на 25% за год.", set()),
    ("В Узбекистане работают свыше 3000 предприятий с российским капиталом.", set()),
    ("Делегации двух стран провели 5 раундов переговоров по торговле.", set()),
    # --- English ---
    ("Trade turnover between Uzbekistan and Turkey reached $3.2 billion in 2023.",
     {("TUR-UZB", "trade_turnover", "actual", 3.2e9, "eq")}),
    ("Kazakhstan and Korea eye more trade\nThe two countries aim to boost bilateral trade to $10 billion by 2030.",
     {("KAZ-KOR", "trade_turnover", "target", 10e9, "eq")}),
    ("Kazakhstan and Russia currently operate more than 150 flights per week.",
     {("KAZ-RUS", "flights_per_week", "actual", 150, "gte")}),
    ("Some 300 joint ventures with Chinese capital operate in Tajikistan.",
     {("CHN-TJK", "joint_ventures", "actual", 300, "approx")}),
    ("Azerbaijan and Uzbekistan signed 12 documents during the visit.",
     {("AZE-UZB", "documents_signed", "actual", 12, "eq")}),
    ("Kazakhstan's exports to China amounted to $5 billion.", set()),
    # --- Kazakh, Kyrgyz, Uzbek ---
    ("Қазақстан мен Қытай арасындағы тауар айналымы 2023 жылы 41 млрд долларға жетті.",
     {("CHN-KAZ", "trade_turnover", "actual", 41e9, "eq")}),
    ("Кыргызстан менен Казакстандын ортосундагы соода жүгүртүү 1,5 миллиард долларга жетти.",
     {("KAZ-KGZ", "trade_turnover", "actual", 1.5e9, "eq")}),
    ("Ўзбекистон ва Туркия ўртасидаги товар айирбошлаш ҳажми 3 миллиард долларга етди.",
     {("TUR-UZB", "trade_turnover", "actual", 3e9, "eq")}),
    ("O‘zbekiston va Qozog‘iston o‘rtasidagi tovar ayirboshlash hajmi 4 milliard dollarga yetdi.",
     {("KAZ-UZB", "trade_turnover", "actual", 4e9, "eq")}),
    ("Ўзбекистон ва Хитой товар айирбошлаш ҳажмини 20 миллиард долларга етказишни мақсад қилган.",
     {("CHN-UZB", "trade_turnover", "target", 20e9, "eq")}),
    ("Казахстан и Узбекистан\nЗа год товарооборот вырос с 3 до 4 млрд долларов.", {("KAZ-UZB","trade_turnover","actual",3e9,"eq"),("KAZ-UZB","trade_turnover","actual",4e9,"eq")}),
    # --- wire-agency leads, quotes, subsets ("в том числе 30"), documents with a total value ---
    ("ASTANA. KAZINFORM – Trade turnover between Kazakhstan and Kyrgyzstan grew by 8.4% to $1.8 billion in 2023, the Bureau of National Statistics said.", {("KAZ-KGZ","trade_turnover","actual",1.8e9,"eq")}),
    ("BAKU, Azerbaijan, June 5. Trade between Azerbaijan and Turkmenistan amounted to $470.6 million from January through April 2024.", {("AZE-TKM","trade_turnover","actual",470.6e6,"eq")}),
    ("Uzbekistan, Kyrgyzstan set $5bn trade goal\nThe presidents instructed their governments to bring mutual trade to $5 billion.", {("KGZ-UZB","trade_turnover","target",5e9,"eq")}),
    ("Tajikistan and Uzbekistan have signed 17 documents, including an agreement on allied relations.", {("TJK-UZB","documents_signed","actual",17,"eq")}),
    ("Almost 1,000 joint ventures operate between Turkey and Uzbekistan.", {("TUR-UZB","joint_ventures","actual",1000,"approx")}),
    ("Kazakhstan, Turkmenistan discuss transit\nThe volume of mutual trade increased 1.5 times.", set()),
    ("China's trade with Central Asia reached $89 billion in 2023.", set()),
    ("АСТАНА, 12 марта. /ТАСС/. Товарооборот Казахстана и России по итогам 2023 года составил $27,8 млрд, сообщил вице-премьер.", {("KAZ-RUS","trade_turnover","actual",27.8e9,"eq")}),
    ("Российско-казахстанский товарооборот в январе-феврале составил около 4 млрд долларов.", {("KAZ-RUS","trade_turnover","actual",4e9,"approx")}),
    ("Токаев и Жапаров поручили довести товарооборот до 3 миллиардов долларов.", {("KAZ-KGZ","trade_turnover","target",3e9,"eq")}),
    ("Садыр Жапаров: «Наша цель – довести товарооборот с Узбекистаном до $2 млрд»", {("KGZ-UZB","trade_turnover","target",2e9,"eq")}),
    ("Казахстан и Беларусь\nВзаимный товарооборот за 11 месяцев прошлого года вырос на 20% и превысил $1,2 млрд.", {("BLR-KAZ","trade_turnover","actual",1.2e9,"gte")}),
    ("Туркменистан и Россия\nОбъем товарооборота между странами в прошлом году вырос на 13,5% и достиг 1,5 млрд долларов США.", {("RUS-TKM","trade_turnover","actual",1.5e9,"eq")}),
    ("Узбекистан и Китай\nКитай является крупнейшим торговым партнером Узбекистана: по итогам 2023 года товарооборот составил 13,7 млрд долларов.", {("CHN-UZB","trade_turnover","actual",13.7e9,"eq")}),
    ("Узбекистан и Казахстан\nВ Узбекистане функционируют более 1 тыс. предприятий с участием казахстанского капитала.", set()),
    ("Узбекистан и Казахстан\nВ настоящее время между двумя странами выполняется 100 авиарейсов в неделю, в том числе 30 из Ташкента в Алматы.", {("KAZ-UZB","flights_per_week","actual",100,"eq")}),
    ("Кыргызстан и Казахстан\nСтороны подписали 20 документов на общую сумму более 500 млн долларов.", {("KAZ-KGZ","documents_signed","actual",20,"eq"),("KAZ-KGZ","investment_portfolio","actual",500e6,"gte")}),
    ("Узбекистан и Германия\nДостигнуты договоренности по проектам на 10 миллиардов евро.", set()),
    ("Азербайджан и Казахстан\nПо словам министра, товарооборот между странами за 2022 год составил 482 млн долларов, что в 1,5 раза больше показателя 2021 года.", {("AZE-KAZ","trade_turnover","actual",482e6,"eq")}),
    # --- group totals, lists of partners, changes ('вырос на', 'increased by') are not levels ---
    ("Узбекистан и Казахстан\nТоварооборот Узбекистана со странами Центральной Азии: с Казахстаном — 4 млрд долларов, с Кыргызстаном — 1,2 млрд долларов.", {("KAZ-UZB","trade_turnover","actual",4e9,"eq"),("KGZ-UZB","trade_turnover","actual",1.2e9,"eq")}),
    ("Китай и Казахстан\nТоварооборот Китая со странами Центральной Азии достиг 89 млрд долларов.", set()),
    ("China and Kazakhstan\nChina's trade with Central Asia reached $89 billion in 2023.", set()),
    ("Казахстан и Узбекистан\nТоварооборот вырос на 1,2 млрд долларов.", set()),
    ("Казахстан и Узбекистан\nТоварооборот составил 4 млрд долларов, что на 500 млн долларов больше, чем годом ранее.", {("KAZ-UZB","trade_turnover","actual",4e9,"eq")}),
    ("Kazakhstan and Uzbekistan\nBilateral trade increased by $500 million to $4 billion.", {("KAZ-UZB","trade_turnover","actual",4e9,"eq")}),
    ("Казахстан и Узбекистан\nТоварооборот между странами в 2019 году составлял 3 млрд долларов, а в 2023 году вырос до 5 млрд долларов.", {("KAZ-UZB","trade_turnover","actual",3e9,"eq"),("KAZ-UZB","trade_turnover","actual",5e9,"eq")}),
    ("Россия и Казахстан\nТоварооборот России со странами ЕАЭС составил 90 млрд долларов.", set()),
    # --- documents in packages, weekly flights, Turkic verbs after the amount, other currencies ---
    ("Казахстан и Узбекистан\nВ ходе визита было подписано более 20 документов.", {("KAZ-UZB","documents_signed","actual",20,"gte")}),
    ("Казахстан и Узбекистан\nПо итогам переговоров подписан пакет из 15 документов.", {("KAZ-UZB","documents_signed","actual",15,"eq")}),
    ("Казахстан и Узбекистан\nКомпании двух стран подписали соглашения на $1,6 млрд.", {("KAZ-UZB","investment_portfolio","actual",1.6e9,"eq")}),
    ("Kazakhstan and Uzbekistan\nAirlines of the two countries operate 30 weekly flights.", {("KAZ-UZB","flights_per_week","actual",30,"eq")}),
    ("Қазақстан мен Өзбекстан\nЕкі ел арасындағы тауар айналымы 4 млрд доллардан асты.", {("KAZ-UZB","trade_turnover","actual",4e9,"gte")}),
    ("Ўзбекистон ва Қирғизистон\nИкки давлат ўртасидаги савдо ҳажми 1,5 миллиард долларни ташкил этди.", {("KGZ-UZB","trade_turnover","actual",1.5e9,"eq")}),
    ("O‘zbekiston va Turkiya\nIkki davlat o‘rtasidagi savdo aylanmasi 3 milliard dollarga yetdi.", {("TUR-UZB","trade_turnover","actual",3e9,"eq")}),
    ("Кыргызстан жана Кытай\nЭки өлкөнүн ортосундагы соода жүгүртүүсү 2 миллиард доллардан ашты.", {("CHN-KGZ","trade_turnover","actual",2e9,"gte")}),
    ("Казахстан и Узбекистан\nВ этом году товарооборот составит около 5 млрд долларов.", {("KAZ-UZB","trade_turnover","forecast",5e9,"approx")}),
    ("Казахстан и Узбекистан\nТоварооборот будет доведен до 10 млрд долларов.", {("KAZ-UZB","trade_turnover","target",10e9,"eq")}),
    ("Казахстан и Китай\nВ 2023 году товарооборот между РК и КНР составил $31,5 млрд, а в январе–июне 2024 года — $20,1 млрд.", {("CHN-KAZ","trade_turnover","actual",31.5e9,"eq"),("CHN-KAZ","trade_turnover","actual",20.1e9,"eq")}),
    ("Казахстан и Китай\nДоля Китая во внешней торговле Казахстана составила 22%, или 31 млрд долларов.", set()),
    ("Казахстан и Китай\nКитайские инвестиции в экономику Казахстана превысили 25 млрд долларов.", set()),
    ("Казахстан и Китай\nИмпорт из Китая вырос до 15 млрд долларов.", set()),
    ("Казахстан и Китай\nМежду странами курсирует 46 пассажирских рейсов в неделю.", {("CHN-KAZ","flights_per_week","actual",46,"eq")}),
    ("Казахстан и Китай\nВ Казахстане зарегистрировано свыше 4 тысяч совместных казахстанско-китайских предприятий.", {("CHN-KAZ","joint_ventures","actual",4000,"gte")}),
    ("Узбекистан и Южная Корея\nОбъем торговли между Узбекистаном и Республикой Корея составил 2,4 млрд долларов.", {("KOR-UZB","trade_turnover","actual",2.4e9,"eq")}),
    ("Туркменистан и Азербайджан\nТоварооборот между Туркменистаном и Азербайджаном составил 1 млрд 100 млн долларов.", {("AZE-TKM","trade_turnover","actual",1.1e9,"eq")}),
    ("Узбекистан и Германия\nТоварооборот между странами в 2024 году превысил 1,2 млрд евро.", set()),
    ("Uzbekistan and Germany\nTrade between the countries exceeded 1.2 billion euros.", set()),
    ("Таджикистан и Китай\nПосол отметил, что в республике работают около 400 предприятий с китайским капиталом, из них 120 совместных.", set()),
    # --- more shapes: pair only in the title, clauses, daily flights, kinds from modal verbs ---
    ("Узбекистан и Кыргызстан нарастят торговлю\nТоварооборот между странами по итогам 2022 года вырос на 30% и достиг $5,5 млрд.", {("KGZ-UZB","trade_turnover","actual",5.5e9,"eq")}),
    ("Товарооборот между Узбекистаном и Кыргызстаном в 2023 году составил $1,1 млрд, увеличившись на 20%.", {("KGZ-UZB","trade_turnover","actual",1.1e9,"eq")}),
    ("Казахстан и Армения\nЗа 9 месяцев 2024 года объем торговли составил 890,5 млн долларов.", {("ARM-KAZ","trade_turnover","actual",890.5e6,"eq")}),
    ("Казахстан и Армения\nСтороны поставили цель увеличить взаимный товарооборот до $1 млрд в течение трех лет.", {("ARM-KAZ","trade_turnover","target",1e9,"eq")}),
    ("Президенты Таджикистана и Узбекистана договорились довести объем взаимной торговли до 2 млрд долларов.", {("TJK-UZB","trade_turnover","target",2e9,"eq")}),
    ("Казахстан и Турция\nКоличество совместных предприятий достигло 950.", {("KAZ-TUR","joint_ventures","actual",950,"eq")}),
    ("Казахстан и Турция\nАвиакомпании двух стран выполняют 56 рейсов в неделю.", {("KAZ-TUR","flights_per_week","actual",56,"eq")}),
    ("Казахстан и Турция\nЧисло прямых рейсов между странами увеличится до 30 в неделю.", {("KAZ-TUR","flights_per_week","target",30,"eq")}),
    ("Turkmenistan and Uzbekistan trade amounted to $1 billion last year.", {("TKM-UZB","trade_turnover","actual",1e9,"eq")}),
    ("Uzbekistan, Azerbaijan discuss ties\nBilateral trade stood at $2.4 billion in 2023, up 15% year-on-year.", {("AZE-UZB","trade_turnover","actual",2.4e9,"eq")}),
    ("Uzbekistan, Azerbaijan discuss ties\nThe trade turnover between the two countries amounted to $658.4 million in January-October 2024.", {("AZE-UZB","trade_turnover","actual",658.4e6,"eq")}),
    ("Kyrgyzstan and Turkey\nThe countries intend to increase the trade turnover to $1 billion.", {("KGZ-TUR","trade_turnover","target",1e9,"eq")}),
    ("Kyrgyzstan and Turkey\nThe trade turnover exceeded $1.2 billion in 2023.", {("KGZ-TUR","trade_turnover","actual",1.2e9,"gte")}),
    ("There are over 800 enterprises with Turkish capital in Uzbekistan.", set()),
    ("Kazakhstan and Hungary\nSome 24 documents were signed following the talks.", {("HUN-KAZ","documents_signed","actual",24,"approx")}),
    ("Казахстан и Узбекистан\nВзаимная торговля за 2023 год составила 3,8 млрд долларов США, экспорт из Казахстана — 2,4 млрд долларов США.", {("KAZ-UZB","trade_turnover","actual",3.8e9,"eq")}),
    ("Казахстан и Узбекистан\nПо итогам 2023 года товарооборот между двумя странами превысил 4 миллиарда долларов.", {("KAZ-UZB","trade_turnover","actual",4e9,"gte")}),
    ("Казахстан и Узбекистан\nТоварооборот может достичь $5 млрд уже в этом году.", {("KAZ-UZB","trade_turnover","forecast",5e9,"eq")}),
    ("Kazakhstan and Uzbekistan\nTrade turnover is expected to reach $5 billion this year.", {("KAZ-UZB","trade_turnover","forecast",5e9,"eq")}),
    ("Kazakhstan and Uzbekistan\nTrade could reach $10 billion by 2026.", {("KAZ-UZB","trade_turnover","target",10e9,"eq")}),
    ("Россия и Узбекистан\nВ 2025 году товарооборот планируется довести до 15 млрд долларов.", {("RUS-UZB","trade_turnover","target",15e9,"eq")}),
    ("Грузоперевозки между Казахстаном и Китаем выросли до 30 млн тонн.", set()),
    ("Китай инвестировал в экономику Казахстана 25 млрд долларов.", set()),
    ("Казахстан и Китай\nТоварооборот между странами в январе-мае 2024 года составил 12,3 млрд долларов, сообщает Минторговли.", {("CHN-KAZ","trade_turnover","actual",12.3e9,"eq")}),
    ("Товарооборот Азербайджана и Туркменистана за 11 месяцев вырос в 1,5 раза.", set()),
    ("Посол Китая в Узбекистане сообщил, что в республике работают 2 300 совместных узбекско-китайских предприятий.", {("CHN-UZB","joint_ventures","actual",2300,"eq")}),
    ("Казахстан и ОАЭ\nОбъем двусторонней торговли достиг $1 млрд.", {("ARE-KAZ","trade_turnover","actual",1e9,"eq")}),
    ("Узбекистан и Россия\nРоссийско-узбекский товарооборот по итогам прошлого года составил 9,8 млрд долларов.", {("RUS-UZB","trade_turnover","actual",9.8e9,"eq")}),
    ("Товарооборот между Казахстаном и Россией составил 26 млрд долларов, а с Китаем — 31 млрд долларов.", {("KAZ-RUS","trade_turnover","actual",26e9,"eq"),("CHN-KAZ","trade_turnover","actual",31e9,"eq")}),
    ("Премьер-министр Казахстана встретился с послом Индии. Стороны отметили, что товарооборот двух стран превысил 1 миллиард долларов.", {("IND-KAZ","trade_turnover","actual",1e9,"gte")}),
    ("Қазақстан мен Өзбекстан арасындағы тауар айналымын 10 миллиард долларға жеткізу міндеті қойылды.", {("KAZ-UZB","trade_turnover","target",10e9,"eq")}),
    ("Казахстан и Кыргызстан\nЕжедневно между Алматы и Бишкеком выполняется 4 рейса.", {("KAZ-KGZ","flights_per_week","actual",28,"eq")}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_facts(text, expected):
    assert keys(text) == expected


def test_target_year_from_deadline_and_from_years_ahead():
    f = facts_of("Стороны намерены довести товарооборот между Казахстаном и Арменией "
                 "до 1 млрд долларов в ближайшие пять лет.")
    assert [(x.kind, x.target_year) for x in f] == [("target", 2029)]
    f = facts_of("Uzbekistan and Japan plan to raise trade to $3 billion by 2028.")
    assert [(x.kind, x.target_year) for x in f] == [("target", 2028)]


@pytest.mark.parametrize("text, period", [
    ("Товарооборот Казахстана и Узбекистана за январь–апрель составил 1,3 млрд долларов.", "2024-01/2024-04"),
    ("Товарооборот Казахстана и Узбекистана с начала года составил 1,3 млрд долларов.", "2024-YTD"),
    ("В 2021 году товарооборот Казахстана и Узбекистана составил 3,1 млрд долларов.", "2021"),
    ("В прошлом году товарооборот Казахстана и Узбекистана составил 3,1 млрд долларов.", "2023"),
])
def test_period(text, period):
    assert [f.period for f in facts_of(text)] == [period]


def test_other_pair_in_an_article_of_one_country():
    text = ("Главные торговые партнеры Узбекистана\n"
            "Товарооборот Узбекистана и Казахстана составил 2 млрд долларов. "
            "На первом месте Китай с товарооборотом 5 млрд долларов. "
            "Товарооборот Узбекистана с Россией достиг 4 млрд долларов.")
    pairs = {(f.pair, f.value) for f in facts_of(text)}
    assert pairs == {("KAZ-UZB", 2e9), ("CHN-UZB", 5e9), ("RUS-UZB", 4e9)}


def test_evidence_is_the_sentence_and_confidence_in_range():
    text = "Заголовок\nТоварооборот Казахстана и Турции составил 6 млрд долларов. Другое."
    [f] = facts_of(text)
    assert f.evidence == "Товарооборот Казахстана и Турции составил 6 млрд долларов."
    assert 0.5 < f.confidence < 1


HTML = """<html><head><title>Казахстан и Азербайджан</title><script>var x=1;</script></head><body>
<nav><ul><li>Главная</li><li>Политика</li><li>Экономика</li><li>Спорт</li></ul></nav>
<div class="article"><h1>Казахстан и Азербайджан намерены довести товарооборот до $1 млрд</h1>
<div class="date">12 февраля 2025, 14:30</div>
<p>Президент Казахстана Касым-Жомарт Токаев и Президент Азербайджана Ильхам Алиев провели переговоры в Баку.</p>
<p>По итогам 2024 года товарооборот между странами составил 480 млн долларов, увеличившись на 18%.</p>
<p>Стороны поставили задачу довести объем взаимной торговли до 1 млрд долларов в ближайшие годы. В Казахстане действует более 500 компаний с азербайджанским капиталом.</p>
<p>По итогам визита подписано 9 документов.</p></div>
<aside><h3>Читайте также</h3><ul>
<li><a>Товарооборот Казахстана и России в 2024 году составил 27 млрд долларов</a> <span>10 февраля 2025</span></li>
<li><a>Узбекистан и Китай подписали соглашения на 5 млрд долларов</a> <span>9 февраля 2025</span></li>
</ul></aside>
<div class="poll">Опрос: Как вы оцениваете отношения? 45% Хорошо 55% Отлично</div>
<footer>© 2025 Новости. Все права защищены.</footer></body></html>"""


def test_noisy_html_page_keeps_article_and_related_items_apart():
    from etl.ingest import read_bytes
    text, fmt = read_bytes(HTML.encode(), "page.html")
    raw = RawDocument("page.html", Path("page.html"), text, DocMeta(), fmt)
    ex = extract(raw, date(2025, 3, 1))
    got = {(f.pair, f.metric, f.kind, f.value, f.date) for f in ex.facts}
    assert ex.pair == "AZE-KAZ" and ex.date == "2025-02-12"
    assert ("AZE-KAZ", "trade_turnover", "actual", 480e6, "2025-02-12") in got
    assert ("AZE-KAZ", "trade_turnover", "target", 1e9, "2025-02-12") in got
    assert ("AZE-KAZ", "documents_signed", "actual", 9, "2025-02-12") in got
    # a related item keeps its own pair and date, never the article's
    assert ("KAZ-RUS", "trade_turnover", "actual", 27e9, "2025-02-10") in got
    assert not any(f.pair == "AZE-KAZ" and f.value in (27e9, 5e9) for f in ex.facts)
    assert not any("var x" in f.evidence or "45%" in f.evidence for f in ex.facts)


EN = """Home | News | Business | Politics
Uzbekistan, Kazakhstan agree to boost trade to $10bn
TASHKENT, March 3 (Reuters) - Uzbekistan and Kazakhstan agreed on Monday to raise annual bilateral trade to $10 billion by 2030, up from about $4.5 billion last year, the Uzbek presidential press service said.
The two neighbours also signed 16 agreements, including deals on water sharing and energy, during a visit by Kazakh President Kassym-Jomart Tokayev to Tashkent.
Kazakhstan is Uzbekistan's second-largest trading partner after China, with which trade reached $13.7 billion in 2024.
Related stories
Kyrgyzstan, Tajikistan settle border dispute
Turkmenistan gas exports to China rise to $8 billion
"""


def test_wire_story_dateline_up_from_and_third_country():
    raw = RawDocument("wire.txt", Path("wire.txt"), EN, DocMeta(), "txt")
    ex = extract(raw, date(2025, 3, 4))
    got = {(f.pair, f.metric, f.kind, f.value, f.qualifier, f.target_year) for f in ex.facts}
    assert got == {
        ("KAZ-UZB", "trade_turnover", "target", 10e9, "eq", 2030),
        ("KAZ-UZB", "trade_turnover", "actual", 4.5e9, "approx", None),
        ("KAZ-UZB", "documents_signed", "actual", 16, "eq", None),
        ("CHN-UZB", "trade_turnover", "actual", 13.7e9, "eq", None),
    }
    assert {f.date for f in ex.facts} == {"2025-03-03"}


def test_the_date_in_an_articles_address_dates_its_facts():
    """No manifest date and no dateline: the day the URL states is the publication day;
    a manifest date still wins over it."""
    text = ("Казахстан и Узбекистан обсудили торговлю\n\n"
            "Товарооборот между Казахстаном и Узбекистаном составил 4 млрд долларов.\n")
    url = "https://news.example.kz/ru/2023/05/17/tovarooborot"

    def dated(meta: DocMeta) -> set:
        raw = RawDocument("case.txt", Path("case.txt"), text, meta, "txt")
        return {f.date for f in extract(raw, date(2025, 1, 1)).facts}

    assert dated(DocMeta(url=url)) == {"2023-05-17"}
    assert dated(DocMeta(url=url, published=date(2023, 5, 18))) == {"2023-05-18"}
    assert dated(DocMeta(url="https://news.example.kz/ru/12345")) != {"2023-05-17"}
