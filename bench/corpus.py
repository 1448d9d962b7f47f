"""A synthetic corpus of news pages, written file by file: what the benchmark extracts.

Writes DIR/NNN/NNNNNN.txt|.html (1,000 a folder), DIR/manifest.csv (file, url, published,
title, lang) and DIR/planted.jsonl (the article facts each page was written to hold, so a
run can tell it extracted something, not only how fast). Each page is a portal header
and menu, a title, a dateline, an article of ~5 KB on average in one of the five
languages (ru 60 %, en 15 %, uz 10 %, kk 8 %, ky 7 %) mixing the sentence forms the ETL
reads (turnover reached / expected / aimed at with years and qualifiers, joint ventures,
flights per week or per day, documents signed, investment portfolios, number words) with
distractors (exports, one country's trade, growth in per cent, tonnes) and filler prose,
then related news of other pairs, a poll, paging and comments. One page in five is HTML.

Page i depends only on (seed, i): the 1 k corpus is the first thousand pages of the 10 k
one. Nothing is held in memory beyond one page; a folder already generated with the same
parameters is kept (its .stamp says so).

    python -m bench.corpus DIR N [--seed S]
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

VERSION = "1"  # bump when pages change, so old corpora are regenerated
SEED = 20251121
PER_FOLDER = 1000
LANGS = (("ru", 60), ("en", 15), ("uz", 10), ("kk", 8), ("ky", 7))
HTML_SHARE = 0.2
MEAN_BYTES = 5000


@dataclass(frozen=True)
class Country:
    iso: str
    ru: tuple[str, str, str, str, str]  # nominative, genitive, instrumental, accusative, locative
    en: str
    en_adj: str
    kk: str
    ky: tuple[str, str]  # nominative, genitive
    uz: tuple[str, str]  # Cyrillic, Latin


COUNTRIES = [
    Country("KAZ", ("Казахстан", "Казахстана", "Казахстаном", "Казахстан", "Казахстане"),
            "Kazakhstan", "Kazakh", "Қазақстан", ("Казакстан", "Казакстандын"),
            ("Қозоғистон", "Qozog‘iston")),
    Country("UZB", ("Узбекистан", "Узбекистана", "Узбекистаном", "Узбекистан", "Узбекистане"),
            "Uzbekistan", "Uzbek", "Өзбекстан", ("Өзбекстан", "Өзбекстандын"),
            ("Ўзбекистон", "O‘zbekiston")),
    Country("KGZ", ("Кыргызстан", "Кыргызстана", "Кыргызстаном", "Кыргызстан", "Кыргызстане"),
            "Kyrgyzstan", "Kyrgyz", "Қырғызстан", ("Кыргызстан", "Кыргызстандын"),
            ("Қирғизистон", "Qirg‘iziston")),
    Country("TJK", ("Таджикистан", "Таджикистана", "Таджикистаном", "Таджикистан",
                    "Таджикистане"),
            "Tajikistan", "Tajik", "Тәжікстан", ("Тажикстан", "Тажикстандын"),
            ("Тожикистон", "Tojikiston")),
    Country("TKM", ("Туркменистан", "Туркменистана", "Туркменистаном", "Туркменистан",
                    "Туркменистане"),
            "Turkmenistan", "Turkmen", "Түрікменстан", ("Түркмөнстан", "Түркмөнстандын"),
            ("Туркманистон", "Turkmaniston")),
    Country("RUS", ("Россия", "России", "Россией", "Россию", "России"),
            "Russia", "Russian", "Ресей", ("Орусия", "Орусиянын"), ("Россия", "Rossiya")),
    Country("CHN", ("Китай", "Китая", "Китаем", "Китай", "Китае"),
            "China", "Chinese", "Қытай", ("Кытай", "Кытайдын"), ("Хитой", "Xitoy")),
    Country("TUR", ("Турция", "Турции", "Турцией", "Турцию", "Турции"),
            "Turkey", "Turkish", "Түркия", ("Түркия", "Түркиянын"), ("Туркия", "Turkiya")),
    Country("AZE", ("Азербайджан", "Азербайджана", "Азербайджаном", "Азербайджан",
                    "Азербайджане"),
            "Azerbaijan", "Azerbaijani", "Әзірбайжан", ("Азербайжан", "Азербайжандын"),
            ("Озарбайжон", "Ozarbayjon")),
    Country("BLR", ("Беларусь", "Беларуси", "Беларусью", "Беларусь", "Беларуси"),
            "Belarus", "Belarusian", "Беларусь", ("Беларусь", "Беларустун"),
            ("Беларусь", "Belarus")),
    Country("KOR", ("Южная Корея", "Южной Кореи", "Южной Кореей", "Южную Корею",
                    "Южной Корее"),
            "South Korea", "South Korean", "Оңтүстік Корея", ("Түштүк Корея", "Түштүк Кореянын"),
            ("Жанубий Корея", "Janubiy Koreya")),
    Country("IND", ("Индия", "Индии", "Индией", "Индию", "Индии"),
            "India", "Indian", "Үндістан", ("Индия", "Индиянын"), ("Ҳиндистон", "Hindiston")),
    Country("DEU", ("Германия", "Германии", "Германией", "Германию", "Германии"),
            "Germany", "German", "Германия", ("Германия", "Германиянын"),
            ("Германия", "Germaniya")),
    Country("IRN", ("Иран", "Ирана", "Ираном", "Иран", "Иране"),
            "Iran", "Iranian", "Иран", ("Иран", "Ирандын"), ("Эрон", "Eron")),
    Country("PAK", ("Пакистан", "Пакистана", "Пакистаном", "Пакистан", "Пакистане"),
            "Pakistan", "Pakistani", "Пәкістан", ("Пакистан", "Пакистандын"),
            ("Покистон", "Pokiston")),
    Country("JPN", ("Япония", "Японии", "Японией", "Японию", "Японии"),
            "Japan", "Japanese", "Жапония", ("Жапония", "Жапониянын"),
            ("Япония", "Yaponiya")),
]
# Central Asia is most of the news: the first five countries are drawn far more often.
WEIGHTS = [10, 10, 6, 5, 4, 6, 6, 3, 2, 2, 1, 1, 1, 1, 1, 1]

RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
RU_WEEKDAYS = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]

# Number words in the cases the templates need: (value, nominative/accusative, genitive).
RU_BILLIONS = [
    (1.5, "полтора миллиарда", "полутора миллиардов"),
    (2, "два миллиарда", "двух миллиардов"),
    (3, "три миллиарда", "трех миллиардов"),
    (4, "четыре миллиарда", "четырех миллиардов"),
    (5, "пять миллиардов", "пяти миллиардов"),
    (10, "десять миллиардов", "десяти миллиардов"),
]

Fact = tuple[str, str, str, float]  # pair, metric, kind, value
Sentence = tuple[str, Fact | None]


def pair_key(a: Country, b: Country) -> str:
    x, y = sorted((a.iso, b.iso))
    return f"{x}-{y}"


def _num(x: float, comma: bool = True) -> str:
    """4.6 → '4,6' (Russian) or '4.6'; whole numbers without decimals."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return s.replace(".", ",") if comma else s


def _billions(r: random.Random) -> float:
    return r.choice([0.3, 0.45, 0.8, 1.2, 1.5, 2, 2.4, 3, 3.8, 4.6, 5.5, 7, 9.8, 12.3, 26, 41])


# --- Russian ---------------------------------------------------------------------------

RU_QUAL = [("", "eq"), ("", "eq"), ("свыше ", "gte"), ("более ", "gte"), ("около ", "approx"),
           ("порядка ", "approx"), ("почти ", "approx")]


def _ru_money(r: random.Random, value_bn: float) -> str:
    if value_bn < 1:
        m = _num(value_bn * 1000)
        return r.choice([f"{m} млн долларов", f"${m} млн", f"{m} млн долл. США"])
    b = _num(value_bn)
    return r.choice([f"{b} млрд долларов", f"${b} млрд", f"{b} млрд долл. США",
                     f"{b} миллиарда долларов" if "," in b else f"{b} млрд долларов"])


def ru_fact(r: random.Random, a: Country, b: Country, year: int) -> Sentence:
    p = pair_key(a, b)
    A, B = a.ru, b.ru
    kind = r.choices(["trade", "forecast", "target", "words", "jv", "jv_words", "flights",
                      "daily", "docs", "portfolio"], [8, 3, 4, 2, 2, 1, 2, 1, 2, 2])[0]
    v = _billions(r)
    q, _ = r.choice(RU_QUAL)
    if kind == "trade":
        s = r.choice([
            f"Товарооборот между {A[2]} и {B[2]} по итогам {year - 1} года составил {q}"
            f"{_ru_money(r, v)}.",
            f"Объем взаимной торговли {A[1]} и {B[1]} за январь–сентябрь {year} года достиг "
            f"{q}{_ru_money(r, v)}.",
            f"По данным статистических служб, в {year - 1} году товарооборот {A[1]} и {B[1]} "
            f"составил {q}{_ru_money(r, v)}, увеличившись на {r.randint(3, 40)}%.",
        ])
        return s, (p, "trade_turnover", "actual", v * 1e9)
    if kind == "forecast":
        s = (f"Ожидается, что по итогам {year} года товарооборот между {A[2]} и {B[2]} "
             f"превысит {_ru_money(r, v)}.")
        return s, (p, "trade_turnover", "forecast", v * 1e9)
    if kind == "target":
        goal = r.choice([5, 10, 15, 20])
        s = r.choice([
            f"Стороны намерены довести товарооборот между {A[2]} и {B[2]} до {goal} млрд "
            f"долларов к {year + r.randint(2, 6)} году.",
            f"Президенты {A[1]} и {B[1]} договорились довести объем взаимной торговли до "
            f"{goal} млрд долларов.",
        ])
        return s, (p, "trade_turnover", "target", goal * 1e9)
    if kind == "words":
        val, nom, gen = r.choice(RU_BILLIONS)
        if r.random() < 0.5:
            s = (f"Лидеры {A[1]} и {B[1]} поставили задачу нарастить товарооборот до {gen} "
                 f"долларов в ближайшие три года.")
            return s, (p, "trade_turnover", "target", val * 1e9)
        s = f"Товарооборот {A[1]} и {B[1]} в прошлом году составил {nom} долларов."
        return s, (p, "trade_turnover", "actual", val * 1e9)
    if kind == "jv":
        n = r.choice([120, 350, 950, 1200, 2300, 4100])
        s = f"В {A[4]} работают {q}{n} совместных с {B[2]} предприятий."
        return s, (p, "joint_ventures", "actual", float(n))
    if kind == "jv_words":
        s = f"С участием капитала {A[1]} и {B[1]} создано 6,5 тысячи совместных предприятий."
        return s, (p, "joint_ventures", "actual", 6500.0)
    if kind == "flights":
        n = r.choice([14, 28, 40, 56, 120, 200])
        s = f"Между {A[2]} и {B[2]} выполняется {q}{n} рейсов в неделю."
        return s, (p, "flights_per_week", "actual", float(n))
    if kind == "daily":
        n = r.choice([2, 3, 5, 6])
        s = f"Сейчас между {A[2]} и {B[2]} выполняется {n} рейсов в день."
        return s, (p, "flights_per_week", "actual", float(n * 7))
    if kind == "docs":
        n = r.choice([8, 12, 15, 22, 30])
        s = f"По итогам переговоров делегаций {A[1]} и {B[1]} подписано {n} документов."
        return s, (p, "documents_signed", "actual", float(n))
    s = (f"{A[0]} и {B[0]} сформировали портфель совместных проектов на сумму {q}"
         f"{_ru_money(r, v)}.")
    return s, (p, "investment_portfolio", "actual", v * 1e9)


def ru_distractor(r: random.Random, a: Country, b: Country, year: int) -> str:
    A, B = a.ru, b.ru
    return r.choice([
        f"Экспорт {A[1]} в {B[3]} составил {_ru_money(r, _billions(r))}.",
        f"Внешнеторговый оборот {A[1]} в {year - 1} году составил {r.randint(20, 90)} млрд "
        f"долларов.",
        f"Товарооборот между {A[2]} и {B[2]} вырос на {r.randint(5, 60)}% за год.",
        f"Грузоперевозки между {A[2]} и {B[2]} выросли до {r.randint(5, 40)} млн тонн.",
        f"Делегации двух стран провели {r.randint(3, 9)} раундов переговоров по торговле.",
        f"Компании {B[1]} инвестировали в экономику {A[1]} {r.randint(2, 30)} млрд долларов.",
    ])


RU_FILLER = [
    "Стороны обсудили вопросы расширения торгово-экономического сотрудничества.",
    "Особое внимание было уделено развитию транспортных коридоров и логистики.",
    "Президенты отметили высокий уровень политического диалога между странами.",
    "В ходе встречи были рассмотрены перспективы сотрудничества в энергетике.",
    "Участники переговоров подчеркнули важность укрепления культурных и гуманитарных связей.",
    "Отдельно обсуждались вопросы водно-энергетического баланса региона.",
    "Эксперты считают, что визит придаст новый импульс двусторонним отношениям.",
    "Стороны договорились продолжить работу межправительственной комиссии.",
    "Было отмечено, что промышленная кооперация остается приоритетом для обеих сторон.",
    "На полях визита прошел бизнес-форум с участием представителей деловых кругов.",
    "Министры иностранных дел провели отдельную встречу в расширенном составе.",
    "Стороны выразили заинтересованность в реализации совместных проектов в сельском хозяйстве.",
    "Обсуждались также вопросы цифровизации таможенных процедур на границе.",
    "В заключение лидеры подтвердили приверженность принципам добрососедства.",
    "По словам министра, правительство рассчитывает на дальнейшее углубление партнерства.",
    "Сотрудничество в сфере образования и науки также получило развитие.",
    "Аналитики отмечают рост интереса инвесторов к региону в последние годы.",
    "Следующее заседание совета планируется провести в будущем году.",
]
RU_MENU = ["Главная", "Новости", "Политика", "Экономика", "Общество", "В мире", "Спорт",
           "Культура", "Происшествия", "Мнения"]
RU_PORTALS = ["Центральноазиатский информационный портал «News-Asia»", "Деловой вестник Евразии",
              "Информационное агентство «Регион-Пресс»", "Портал «Восток сегодня»"]


def _ru_date(d: date, with_time: bool, r: random.Random) -> str:
    s = f"{d.day} {RU_MONTHS[d.month - 1]} {d.year}"
    return f"{s}, {r.randint(7, 22):02d}:{r.randint(0, 59):02d}" if with_time else s


# --- English ---------------------------------------------------------------------------

EN_QUAL = [("", "eq"), ("", "eq"), ("more than ", "gte"), ("over ", "gte"), ("about ", "approx")]


def _en_money(r: random.Random, value_bn: float) -> str:
    if value_bn < 1:
        return f"${_num(value_bn * 1000, comma=False)} million"
    return f"${_num(value_bn, comma=False)} billion"


def en_fact(r: random.Random, a: Country, b: Country, year: int) -> Sentence:
    p = pair_key(a, b)
    kind = r.choices(["trade", "forecast", "target", "flights", "jv", "docs"],
                     [6, 2, 3, 2, 2, 2])[0]
    v = _billions(r)
    q, _ = r.choice(EN_QUAL)
    if kind == "trade":
        s = r.choice([
            f"Trade turnover between {a.en} and {b.en} reached {q}{_en_money(r, v)} in "
            f"{year - 1}.",
            f"Bilateral trade between {a.en} and {b.en} stood at {_en_money(r, v)} in "
            f"{year - 1}, up {r.randint(3, 40)}% year-on-year.",
        ])
        return s, (p, "trade_turnover", "actual", v * 1e9)
    if kind == "forecast":
        s = (f"Trade turnover between {a.en} and {b.en} is expected to reach "
             f"{_en_money(r, v)} this year.")
        return s, (p, "trade_turnover", "forecast", v * 1e9)
    if kind == "target":
        goal = r.choice([5, 10, 15])
        s = f"{a.en} and {b.en} aim to boost bilateral trade to ${goal} billion by {year + 4}."
        return s, (p, "trade_turnover", "target", goal * 1e9)
    if kind == "flights":
        n = r.choice([14, 28, 56, 150])
        s = f"{a.en} and {b.en} currently operate {q}{n} flights per week."
        return s, (p, "flights_per_week", "actual", float(n))
    if kind == "jv":
        n = r.choice([150, 300, 800, 1100])
        s = f"Some {n} joint ventures with {b.en_adj} capital operate in {a.en}."
        return s, (p, "joint_ventures", "actual", float(n))
    n = r.choice([6, 12, 24])
    s = f"{a.en} and {b.en} signed {n} documents during the visit."
    return s, (p, "documents_signed", "actual", float(n))


def en_distractor(r: random.Random, a: Country, b: Country, year: int) -> str:
    return r.choice([
        f"{a.en}'s exports to {b.en} amounted to {_en_money(r, _billions(r))}.",
        f"There are over {r.randint(100, 900)} enterprises with {b.en_adj} capital in {a.en}.",
        f"Trade between {a.en} and {b.en} grew by {r.randint(5, 40)}% in {year - 1}.",
    ])


EN_FILLER = [
    "The two sides discussed expanding cooperation in trade, energy and transport.",
    "Particular attention was paid to new transport corridors and logistics hubs.",
    "The presidents praised the high level of political dialogue between the countries.",
    "The parties agreed to continue the work of the intergovernmental commission.",
    "A business forum was held on the sidelines of the visit with hundreds of participants.",
    "Experts believe the visit will give fresh impetus to bilateral relations.",
    "Officials also discussed digitalisation of customs procedures at the border.",
    "The ministers held a separate meeting to review joint projects in agriculture.",
    "Cooperation in education and science was also on the agenda.",
    "Analysts note a growing interest of investors in the region in recent years.",
]
EN_MENU = ["Home", "News", "Politics", "Business", "World", "Sport", "Opinion", "Culture"]
EN_PORTALS = ["The Eurasia Times", "Central Asia Business Review", "Silk Road Daily"]


# --- Kazakh, Kyrgyz, Uzbek -------------------------------------------------------------

def kk_fact(r: random.Random, a: Country, b: Country, year: int) -> Sentence:
    v = max(_billions(r), 1.0)
    s = (f"{a.kk} мен {b.kk} арасындағы тауар айналымы {year - 1} жылы {_num(v)} млрд "
         f"долларға жетті.")
    return s, (pair_key(a, b), "trade_turnover", "actual", v * 1e9)


def ky_fact(r: random.Random, a: Country, b: Country, year: int) -> Sentence:
    v = max(_billions(r), 1.0)
    s = (f"{a.ky[0]} менен {b.ky[1]} ортосундагы соода жүгүртүү {_num(v)} миллиард долларга "
         f"жетти.")
    return s, (pair_key(a, b), "trade_turnover", "actual", v * 1e9)


def uz_fact(r: random.Random, a: Country, b: Country, year: int) -> Sentence:
    v = max(_billions(r), 1.0)
    p = pair_key(a, b)
    if r.random() < 0.5:
        if r.random() < 0.7:
            s = (f"{a.uz[0]} ва {b.uz[0]} ўртасидаги товар айирбошлаш ҳажми {_num(v)} "
                 f"миллиард долларга етди.")
            return s, (p, "trade_turnover", "actual", v * 1e9)
        goal = r.choice([5, 10, 20])
        s = (f"{a.uz[0]} ва {b.uz[0]} товар айирбошлаш ҳажмини {goal} миллиард долларга "
             f"етказишни мақсад қилган.")
        return s, (p, "trade_turnover", "target", goal * 1e9)
    s = (f"{a.uz[1]} va {b.uz[1]} o‘rtasidagi tovar ayirboshlash hajmi {_num(v)} milliard "
         f"dollarga yetdi.")
    return s, (p, "trade_turnover", "actual", v * 1e9)


KK_FILLER = [
    "Тараптар сауда-экономикалық ынтымақтастықты кеңейту мәселелерін талқылады.",
    "Кездесу барысында көлік және логистика салаларындағы жобалар қаралды.",
    "Президенттер екі ел арасындағы саяси диалогтың жоғары деңгейін атап өтті.",
    "Энергетика саласындағы ынтымақтастыққа ерекше назар аударылды.",
    "Сарапшылар сапар екіжақты қарым-қатынасқа жаңа серпін береді деп санайды.",
    "Тараптар үкіметаралық комиссияның жұмысын жалғастыруға келісті.",
]
KY_FILLER = [
    "Тараптар соода-экономикалык кызматташтыкты кеңейтүү маселелерин талкуулашты.",
    "Жолугушууда транспорт жана логистика тармагындагы долбоорлор каралды.",
    "Президенттер эки өлкөнүн ортосундагы саясий диалогдун жогорку деңгээлин белгилешти.",
    "Энергетика тармагындагы кызматташтыкка өзгөчө көңүл бурулду.",
    "Эксперттер сапар эки тараптуу мамилелерге жаңы түрткү берет деп эсептешет.",
]
UZ_FILLER = [
    "Томонлар савдо-иқтисодий ҳамкорликни кенгайтириш масалаларини муҳокама қилди.",
    "Учрашувда транспорт ва логистика соҳасидаги лойиҳалар кўриб чиқилди.",
    "Президентлар икки мамлакат ўртасидаги сиёсий мулоқотнинг юқори даражасини таъкидлади.",
    "Tomonlar savdo-iqtisodiy hamkorlikni kengaytirish masalalarini muhokama qildi.",
    "Uchrashuvda energetika sohasidagi hamkorlikka alohida e’tibor qaratildi.",
    "Ekspertlar tashrif ikki tomonlama munosabatlarga yangi turtki beradi deb hisoblaydi.",
]


@dataclass(frozen=True)
class Lang:
    code: str
    fact: Callable[[random.Random, Country, Country, int], Sentence]
    filler: list[str]
    menu: list[str]
    portals: list[str]
    related: str
    title: Callable[[Country, Country], str]


LANG = {
    "ru": Lang("ru", ru_fact, RU_FILLER, RU_MENU, RU_PORTALS, "Читайте также",
               lambda a, b: f"{a.ru[0]} и {b.ru[0]} обсудили расширение сотрудничества"),
    "en": Lang("en", en_fact, EN_FILLER, EN_MENU, EN_PORTALS, "Related news",
               lambda a, b: f"{a.en} and {b.en} discuss closer economic ties"),
    "kk": Lang("kk", kk_fact, KK_FILLER, ["Басты бет", "Жаңалықтар", "Саясат", "Экономика",
                                          "Қоғам", "Спорт"], ["Kazinform", "Egemen Qazaqstan"],
               "Тағы оқыңыз",
               lambda a, b: f"{a.kk} мен {b.kk} ынтымақтастықты кеңейтеді"),
    "ky": Lang("ky", ky_fact, KY_FILLER, ["Башкы бет", "Жаңылыктар", "Саясат", "Экономика",
                                          "Коом", "Спорт"], ["Kabar", "24.kg"],
               "Тектеш жаңылыктар",
               lambda a, b: f"{a.ky[0]} менен {b.ky[0]} кызматташтыкты кеңейтет"),
    "uz": Lang("uz", uz_fact, UZ_FILLER, ["Бош саҳифа", "Янгиликлар", "Сиёсат", "Иқтисодиёт",
                                          "Жамият", "Спорт"], ["Dunyo", "Xalq so‘zi"],
               "Шунингдек ўқинг",
               lambda a, b: f"{a.uz[0]} ва {b.uz[0]} ҳамкорликни кенгайтиради"),
}


# --- one page --------------------------------------------------------------------------

@dataclass
class Page:
    lines: list[str]  # the page as text lines (blank lines separate blocks)
    title: str
    lang: str
    published: date | None
    url: str
    facts: list[Fact]  # the article's
    related: list[Fact]  # those of the related-news items
    html: bool


def _pair(r: random.Random) -> tuple[Country, Country]:
    a = r.choices(COUNTRIES, WEIGHTS)[0]
    b = a
    while b is a:
        b = r.choices(COUNTRIES, WEIGHTS)[0]
    return a, b


def _dateline(lang: str, d: date, r: random.Random) -> str:
    if lang == "ru":
        return _ru_date(d, True, r)
    if lang == "en":
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year} {r.randint(7, 22):02d}:00"
    return f"{d.day:02d}.{d.month:02d}.{d.year} {r.randint(7, 22):02d}:{r.randint(0, 59):02d}"


def make_page(i: int, seed: int = SEED) -> Page:
    """Page i of the corpus with seed `seed`: the same page on every run and machine."""
    r = random.Random(f"{seed}:{i}")
    code = r.choices([c for c, _ in LANGS], [w for _, w in LANGS])[0]
    L = LANG[code]
    a, b = _pair(r)
    day = date(2015, 1, 1) + timedelta(days=r.randrange(11 * 365))
    year = day.year
    target = min(14000, max(2000, int(r.lognormvariate(0, 0.35) * MEAN_BYTES * 0.94)))
    title = L.title(a, b)
    head = [
        f"{RU_WEEKDAYS[day.weekday()]}, {_ru_date(day, False, r)}" if code == "ru"
        else day.isoformat(),
        r.choice(L.portals), "", *r.sample(L.menu, 6), "", title, "",
    ]
    size = sum(len(s.encode()) for s in head)
    facts: list[Fact] = []
    body: list[str] = []
    para: list[str] = []
    n_facts = r.randint(1, 4)
    tail_budget = int(target * 0.3)  # related news, poll, paging, comments
    while size < target - tail_budget or n_facts > 0:
        roll = r.random()
        if n_facts > 0 and roll < 0.3:
            s, fact = L.fact(r, a, b, year)
            n_facts -= 1
            if fact:
                facts.append(fact)
        elif code in ("ru", "en") and roll < 0.38:
            s = (ru_distractor if code == "ru" else en_distractor)(r, *_pair(r), year)
        else:
            s = r.choice(L.filler)
        para.append(s)
        size += len(s.encode()) + 1
        if len(para) >= r.randint(2, 4):
            body.append(" ".join(para))
            para = []
    if para:
        body.append(" ".join(para))
    tail = ["", _dateline(code, day, r), "", L.related]
    related: list[Fact] = []
    for _ in range(r.randint(3, 7)):
        ra, rb = _pair(r)
        rday = day - timedelta(days=r.randrange(1, 400))
        s, fact = L.fact(r, ra, rb, rday.year)
        if fact:
            related.append(fact)
        tail += [_dateline(code, rday, r), L.title(ra, rb), s]
        size += sum(len(x.encode()) for x in tail[-3:])
        if size > target:
            break
    if code != "en":
        tail += ["", "Наш опрос", "Как вы оцениваете перспективы сотрудничества?"]
        votes = [r.randint(1, 90) for _ in range(3)]
        for label, v in zip(("Высоко", "Средне", "Затрудняюсь ответить"), votes, strict=True):
            tail += [label, f"{round(100 * v / sum(votes))}%"]
        tail.append(f"Всего голосов: {sum(votes)}")
    else:
        tail += ["", "Poll", "Will trade keep growing?", "Yes", "61%", "No", "39%",
                 f"Total votes: {r.randint(100, 999)}"]
    last = r.randint(20, 300)
    tail += ["", f"1 2 3 4 5 … {last}", "",
             "Комментарии [0]" if code != "en" else "Comments", "© 2025 " + r.choice(L.portals)]
    published = None if r.random() < 0.1 else day
    return Page(head + body + tail, title, code, published,
                f"https://example.org/{code}/{day.year}/{i}", facts, related,
                r.random() < HTML_SHARE)


def page_html(p: Page) -> str:
    """The same page as a portal's HTML: nav, article, aside with related news, footer."""
    e = html.escape
    out = [f'<!DOCTYPE html><html lang="{p.lang}"><head><meta charset="utf-8">',
           f"<title>{e(p.title)}</title><script>var ads = [1, 2, 3];</script></head><body>"]
    block: list[str] = []
    for line in p.lines:
        if not line:
            if block:
                out.append("<div>" + "".join(f"<p>{e(x)}</p>" for x in block) + "</div>")
                block = []
            continue
        block.append(line)
    if block:
        out.append("<div>" + "".join(f"<p>{e(x)}</p>" for x in block) + "</div>")
    out.append("</body></html>")
    return "\n".join(out)


def page_text(p: Page) -> str:
    return "\n".join(p.lines) + "\n"


# --- the corpus ------------------------------------------------------------------------

def generate(out: Path, n: int, seed: int = SEED, log: bool = True) -> Path:
    """Write pages 0..n-1 under `out` (skipped when `out` already holds exactly them)."""
    out = Path(out)
    stamp = out / ".stamp"
    want = f"{VERSION} {n} {seed}"
    if stamp.exists() and stamp.read_text().strip() == want:
        return out
    out.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as mf, \
            open(out / "planted.jsonl", "w", encoding="utf-8") as pf:
        manifest = csv.writer(mf)
        manifest.writerow(["file", "url", "published", "title", "lang"])
        for i in range(n):
            p = make_page(i, seed)
            rel = f"{i // PER_FOLDER:03d}/{i:06d}.{'html' if p.html else 'txt'}"
            path = out / rel
            path.parent.mkdir(exist_ok=True)
            path.write_text(page_html(p) if p.html else page_text(p), encoding="utf-8")
            manifest.writerow([rel, p.url, p.published.isoformat() if p.published else "",
                               p.title, p.lang])
            for block, facts in (("article", p.facts), ("related", p.related)):
                for pair, metric, kind, value in facts:
                    pf.write(json.dumps({"file": rel, "pair": pair, "metric": metric,
                                         "kind": kind, "value": value, "block": block}) + "\n")
            if log and (i + 1) % 10000 == 0:
                print(f"bench: {i + 1} pages written to {out}", file=sys.stderr)
    stamp.write_text(want + "\n")
    return out


def corpus_bytes(folder: Path) -> int:
    """Bytes of the pages (not the manifest)."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*")
               if p.suffix in (".txt", ".html"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    generate(a.out, a.n, a.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
