"""Example tables for etl.countries: [sentence, expected ISO3 codes in order].

Every sentence here was written for this file. Non-matches are listed too.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from etl.countries import Mention, all_codes, country_name, find_countries
from etl.vocab import load_table


def codes(text: str) -> list[str]:
    return [m.code for m in find_countries(text)]


# ---------------------------------------------------------------- Russian
RUSSIAN_CASES = [
    ("Казахстан наращивает экспорт зерна.", ["KAZ"]),
    ("Делегация Казахстана прибыла утром.", ["KAZ"]),
    ("Казахстану предложили новый маршрут.", ["KAZ"]),
    ("Соглашение с Казахстаном вступит в силу.", ["KAZ"]),
    ("В Казахстане открыли завод.", ["KAZ"]),
    ("Россия и России, Россию, Россией, о России.", ["RUS"] * 5),
    ("Российская Федерация и делегация Российской Федерации.", ["RUS", "RUS"]),
    ("Киргизия, Кыргызстан и власти Кыргызской Республики.", ["KGZ"] * 3),
    ("Посол Республики Узбекистан вручил грамоты.", ["UZB"]),
    ("Переговоры с Республикой Таджикистан завершились.", ["TJK"]),
    ("КНР, Китай и Китайская Народная Республика.", ["CHN"] * 3),
    ("Поставки из Китайской Народной Республики выросли.", ["CHN"]),
    ("США и Соединённые Штаты, Соединенных Штатов Америки.", ["USA"] * 3),
    ("Туркмения и Туркменистан — одно и то же.", ["TKM", "TKM"]),
    ("Беларусь, Беларуси, Белоруссия, Республикой Беларусь.", ["BLR"] * 4),
    ("С Турцией и Ираном, с Индией и Пакистаном.", ["TUR", "IRN", "IND", "PAK"]),
    ("В Афганистане, в Грузии, в Армении, в Монголии, на Украине.",
     ["AFG", "GEO", "ARM", "MNG", "UKR"]),
    ("Японии, Германии, Франции и Великобритании.", ["JPN", "DEU", "FRA", "GBR"]),
    ("Южная Корея и Республика Корея; Северная Корея и КНДР.", ["KOR", "KOR", "PRK", "PRK"]),
    ("Товары из Египта и Израиля, Бразилии и Польши.", ["EGY", "ISR", "BRA", "POL"]),
    ("Сотрудничество с Объединёнными Арабскими Эмиратами.", ["ARE"]),
]

RUSSIAN_ADJECTIVES = [
    ("казахстанский, казахстанского, казахстанскую, казахстанских", ["KAZ"] * 4),
    ("казахская степь и казахские традиции", ["KAZ", "KAZ"]),
    ("узбекский хлопок и узбекистанская делегация", ["UZB", "UZB"]),
    ("российские банки и китайских инвесторов", ["RUS", "CHN"]),
    ("кыргызская, киргизская и таджикская стороны", ["KGZ", "KGZ", "TJK"]),
    ("туркменский газ, белорусская техника, азербайджанская нефть",
     ["TKM", "BLR", "AZE"]),
    ("турецкие строители и иранские перевозчики", ["TUR", "IRN"]),
    ("Узбекская сторона предложила повестку.", ["UZB"]),
    ("индийский чай, японские автомобили, американских компаний",
     ["IND", "JPN", "USA"]),
    ("немецкий концерн, французская компания, британские инвесторы",
     ["DEU", "FRA", "GBR"]),
]

COMPOUNDS = [
    ("в рамках узбекско-казахстанского форума", ["UZB", "KAZ"]),
    ("развитие казахстанско-узбекских отношений", ["KAZ", "UZB"]),
    ("заседание туркмено-российского совета", ["TKM", "RUS"]),
    ("рост кыргызско-узбекских связей", ["KGZ", "UZB"]),
    ("российско-китайские переговоры", ["RUS", "CHN"]),
    ("таджико-афганская граница", ["TJK", "AFG"]),
    ("ирано-пакистанский газопровод", ["IRN", "PAK"]),
    ("американо-китайская торговля", ["USA", "CHN"]),
    ("казахстанско-кыргызско-узбекский проект", ["KAZ", "KGZ", "UZB"]),
    ("Kazakh-Uzbek trade and Sino-Russian ties", ["KAZ", "UZB", "CHN", "RUS"]),
    ("the Russo-Turkish agreement", ["RUS", "TUR"]),
]

CAPITALS = [
    ("Встреча прошла в Астане.", ["KAZ"]),
    ("Тогда столица называлась Нур-Султан, а ещё раньше Акмола.", ["KAZ", "KAZ"]),
    ("Форум в Нур-Султане собрал инвесторов.", ["KAZ"]),
    ("Самолёт вылетел из Алма-Аты.", ["KAZ"]),
    ("Ташкент, Душанбе, Бишкек и Ашхабад", ["UZB", "TJK", "KGZ", "TKM"]),
    ("в Москве, в Пекине, в Минске, в Баку", ["RUS", "CHN", "BLR", "AZE"]),
    ("Анкарой, Тегераном, Кабулом и Исламабадом", ["TUR", "IRN", "AFG", "PAK"]),
    ("между Дели и Нью-Дели, Сеулом и Токио", ["IND", "IND", "KOR", "JPN"]),
    ("из Вашингтона в Берлин, из Парижа в Лондон", ["USA", "DEU", "FRA", "GBR"]),
    ("Talks in Astana, Tashkent and Moscow", ["KAZ", "UZB", "RUS"]),
    ("flights from Beijing and Tehran to New Delhi", ["CHN", "IRN", "IND"]),
    ("Seoul, Tokyo, Washington, Berlin, Paris, London",
     ["KOR", "JPN", "USA", "DEU", "FRA", "GBR"]),
]

ABBREVIATIONS = [
    ("Правительство РК утвердило план.", ["KAZ"]),
    ("Министерство энергетики РУз сообщило.", ["UZB"]),
    ("Посольство РТ в Москве", ["TJK", "RUS"]),
    ("Президент КР подписал закон.", ["KGZ"]),
    ("между РФ и КНР", ["RUS", "CHN"]),
    ("компании из ФРГ и ОАЭ", ["DEU", "ARE"]),
    ("the USA, the US and the UK", ["USA", "USA", "GBR"]),
    ("the U.S. and the PRC", ["USA", "CHN"]),
]

LEADERS = [
    ("Мирзиёев и Токаев провели переговоры.", ["UZB", "KAZ"]),
    ("Шавкат Мирзиеев встретился с Назарбаевым.", ["UZB", "KAZ"]),
    ("Путин позвонил Си Цзиньпину.", ["RUS", "CHN"]),
    ("Жапаров, Рахмон и Бердымухамедов", ["KGZ", "TJK", "TKM"]),
    ("Лукашенко, Алиевым и Эрдоганом", ["BLR", "AZE", "TUR"]),
    ("с Пезешкианом и Моди", ["IRN", "IND"]),
    ("Шахбаз Шариф прибыл в Ташкент.", ["PAK", "UZB"]),
    ("Mirziyoyev and Tokayev met Xi Jinping.", ["UZB", "KAZ", "CHN"]),
    ("Japarov, Rahmon, Erdogan's team, Aliyev", ["KGZ", "TJK", "TUR", "AZE"]),
    ("Заявление сделали в Кремле.", ["RUS"]),
]

DEMONYMS = [
    ("казахстанцы и узбекистанцы", ["KAZ", "UZB"]),
    ("россияне, китайцы и таджики", ["RUS", "CHN", "TJK"]),
    ("Uzbeks and Kazakhs", ["UZB", "KAZ"]),
]

# ---------------------------------------------------------------- English
ENGLISH = [
    ("Kazakhstan and Uzbekistan signed a deal.", ["KAZ", "UZB"]),
    ("Uzbekistan's exports to Russia's market", ["UZB", "RUS"]),
    ("Kazakhstani and Uzbekistani firms", ["KAZ", "UZB"]),
    ("Tajik, Kyrgyz and Turkmen officials", ["TJK", "KGZ", "TKM"]),
    ("Russian, Chinese and Belarusian companies", ["RUS", "CHN", "BLR"]),
    ("Azerbaijani, Turkish and Iranian ministers", ["AZE", "TUR", "IRN"]),
    ("Afghan, Indian and Pakistani traders", ["AFG", "IND", "PAK"]),
    ("Korean and South Korean investors, Japanese banks", ["KOR", "KOR", "JPN"]),
    ("American, German, French and British partners", ["USA", "DEU", "FRA", "GBR"]),
    ("the People's Republic of China and the Republic of Korea", ["CHN", "KOR"]),
    ("Turkey, Türkiye and Chad; Jordan and Georgia", ["TUR", "TUR", "TCD", "JOR", "GEO"]),
]

# ---------------------------------------------------------------- Turkic
KAZAKH = [
    ("Қазақстан мен Өзбекстан арасындағы сауда", ["KAZ", "UZB"]),
    ("Қазақстанның Қытаймен және Ресеймен байланысы", ["KAZ", "CHN", "RUS"]),
    ("Қырғызстанға, Тәжікстанда, Түрікменстаннан", ["KGZ", "TJK", "TKM"]),
    ("Түркиямен және Оңтүстік Кореяның компаниялары", ["TUR", "KOR"]),
    ("Беларусьпен келісім, өзбек және қазақ халқы", ["BLR", "UZB", "KAZ"]),
    ("Ресейдің және Қытайдың инвестициялары", ["RUS", "CHN"]),
    ("ҚР Үкіметі мен АҚШ өкілдері", ["KAZ", "USA"]),
    ("Қытай компаниялары мен қытай инвесторлары", ["CHN", "CHN"]),
]

KYRGYZ = [
    ("Кыргызстан менен Өзбекстандын ортосундагы соода", ["KGZ", "UZB"]),
    ("Кытайга жана Орусияга экспорт", ["CHN", "RUS"]),
    ("Казакстандын жана Россиянын өкүлдөрү", ["KAZ", "RUS"]),
    ("Кыргызстандын Түркия менен байланышы", ["KGZ", "TUR"]),
]

UZBEK_CYRILLIC = [
    ("Ўзбекистон ва Қозоғистон ўртасидаги савдо", ["UZB", "KAZ"]),
    ("Ўзбекистоннинг Хитой билан алоқалари", ["UZB", "CHN"]),
    ("Эронга, Россиядан, Тожикистонда", ["IRN", "RUS", "TJK"]),
    ("Қирғизистон, Туркманистон ва Туркия", ["KGZ", "TKM", "TUR"]),
]

UZBEK_LATIN = [
    ("O'zbekiston va Qozog'iston o'rtasidagi savdo", ["UZB", "KAZ"]),
    ("Oʻzbekiston hamda O‘zbekiston, O’zbekiston, Ozbekiston", ["UZB"] * 4),
    ("O'zbekistonning Xitoy bilan aloqalari", ["UZB", "CHN"]),
    ("Rossiyaga, Eronda, Tojikistondan", ["RUS", "IRN", "TJK"]),
    ("Qirg'iziston, Qirgʻiziston, Turkmaniston va Turkiya", ["KGZ", "KGZ", "TKM", "TUR"]),
    ("Qozogʻistonga eksport oshdi", ["KAZ"]),
    ("AQSh va Yaponiya", ["USA", "JPN"]),
]

ARABIC_SCRIPT = [
    ("ازبکستان اور قازقستان کے درمیان تجارت", ["UZB", "KAZ"]),
    ("بیلاروس، روس اور چین", ["BLR", "RUS", "CHN"]),
    ("تاجکستان، کرغزستان اور ترکمانستان", ["TJK", "KGZ", "TKM"]),
    ("التجارة بين روسيا والصين", ["RUS", "CHN"]),
    ("روسیه و قزاقستان", ["RUS", "KAZ"]),
]

# ---------------------------------------------------------------- non-matches
NON_MATCHES = [
    "Грузоперевозки выросли, грузы доставлены.",
    "Помимо того, решение приняли быстро.",
    "Того же мнения придерживаются эксперты.",
    "ДЛЯ ТОГО ЧТОБЫ ВЫРАСТИ",
    "Индейка подорожала на рынке.",
    "Республика получила кредит.",
    "Женщина в чадре; мали мало.",
    "Он вернулся к перу и бумаге.",
    "рк, кр и рт — строчные буквы",
    "РКИ и КРС не аббревиатуры стран",
    "РТ-Инвест построит завод.",
    "Let us know; tell us more.",
    "We ate turkey and fine china.",
    "Поставки в Латинскую Америку и Южную Америку",
    "Shipping across the Indian Ocean and the Indo-Pacific",
    "Страны Центральной Азии",
    "Русский язык и английский язык",
]

CURRENCY = [
    ("Объём составил 5 млрд долларов США.", []),
    ("Контракт на 4 млн долл. США с Казахстаном", ["KAZ"]),
    ("a US$ 4 bn deal in US dollars with Kazakhstan", ["KAZ"]),
    ("АҚШ долларымен есептелді", []),
    ("Курс американского доллара и канадского доллара", []),
    ("Делегация США прибыла в Астану.", ["USA", "KAZ"]),
]

STRICT_AND_RISKY = [
    ("Делегация Того прибыла в Ломе.", ["TGO", "TGO"]),
    ("Республика Того и Бенин", ["TGO", "BEN"]),
    ("Оман и оманские компании; Куба, Перу и Нигер", ["OMN", "OMN", "CUB", "PER", "NER"]),
    ("Иран, Ирана, Индия, индийский", ["IRN", "IRN", "IND", "IND"]),
    ("Грузия и Грузии, грузинские вина", ["GEO", "GEO", "GEO"]),
    ("Чад и Мали", ["TCD", "MLI"]),
]

PHRASES = [
    ("Папуа — Новая Гвинея и остров Новая Гвинея", ["PNG"]),
    ("Северная Ирландия и Ирландия", ["GBR", "IRL"]),
    ("North American and Latin American markets", []),
    ("Kazakhstan’s and Uzbekistan`s ports", ["KAZ", "UZB"]),
    ("Республика\n\nКазахстан", ["KAZ"]),
    ("Республики\nКазахстан", ["KAZ"]),
]

TABLE = (RUSSIAN_CASES + RUSSIAN_ADJECTIVES + COMPOUNDS + CAPITALS + ABBREVIATIONS + LEADERS
         + DEMONYMS + ENGLISH + KAZAKH + KYRGYZ + UZBEK_CYRILLIC + UZBEK_LATIN + ARABIC_SCRIPT
         + CURRENCY + STRICT_AND_RISKY + PHRASES + [(s, []) for s in NON_MATCHES])


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_example_table(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Казахстан", ("KAZ", "name")),
    ("казахстанского", ("KAZ", "adj")),
    ("Астане", ("KAZ", "capital")),
    ("РУз", ("UZB", "abbr")),
    ("Токаевым", ("KAZ", "leader")),
    ("узбекистанцы", ("UZB", "demonym")),
])
def test_types(text: str, expected: tuple[str, str]) -> None:
    (m,) = find_countries(text)
    assert (m.code, m.type) == expected


def test_offsets_and_forms() -> None:
    text = "В «Узбекистане» и Oʻzbekistonda, а также у Российской  Федерации."
    found = find_countries(text)
    assert [m.form for m in found] == ["Узбекистане", "Oʻzbekistonda", "Российской  Федерации"]
    assert all(text[m.start:m.end] == m.form for m in found)
    assert found == sorted(found, key=lambda m: m.start)
    assert isinstance(found[0], Mention)


def test_compound_gives_two_mentions_with_offsets() -> None:
    text = "узбекско-казахстанского"
    a, b = find_countries(text)
    assert (a.code, a.form, a.start, a.end) == ("UZB", "узбекско", 0, 8)
    assert (b.code, b.form, b.start, b.end) == ("KAZ", "казахстанского", 9, 23)


def test_combining_form_alone_is_not_a_mention() -> None:
    assert codes("франко склад, индо и англо") == []


def test_country_name_and_codes() -> None:
    assert country_name("KAZ") == "Kazakhstan"
    assert country_name("KAZ", "ru") == "Казахстан"
    assert country_name("UZB", "kk") == "Өзбекстан"
    assert country_name("XYZ") == "XYZ"
    assert country_name("TUR", "de") == "Turkey"
    codes_ = all_codes()
    assert len(codes_) == 249 == len(set(codes_))
    assert codes_ == sorted(codes_)
    assert {"KAZ", "UZB", "TJK", "KGZ", "TKM", "RUS", "CHN", "USA", "GBR"} <= set(codes_)


def test_vocabularies_agree() -> None:
    known = set(all_codes())
    forms = load_table("country_forms")
    leaders = load_table("country_leaders")
    assert {r["iso3"] for r in forms} <= known | {"-"}
    assert {r["iso3"] for r in leaders} <= known
    terms = defaultdict(set)
    for r in leaders:
        terms[r["person"]].add((r["iso3"], r["role"], r["terms"]))
    assert all(len(v) == 1 for v in terms.values()), "a leader's rows disagree"


def test_no_word_names_two_countries() -> None:
    from etl.countries import _INDEX
    clashes = {w: {e.code for e in entries if not e.rest}
               for w, entries in _INDEX.items()}
    assert {w: c for w, c in clashes.items() if len(c) > 1} == {}
