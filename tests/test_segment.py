"""The article stands apart from menus, polls, paging and related news, each in its language."""
import pytest

from etl.clean import clean_text
from etl.langs import detect_lang
from etl.segment import segment

PORTAL = """вторник, 3 марта 2026
Информационный портал «Пример». Новости региона: Казахстана, Кыргызстана и Китая

Контакты

Напишите нам

Казахстан и Кыргызстан договорились о новых шагах в торговле

Премьер-министры Казахстана и Кыргызстана провели переговоры в Астане и обсудили торговлю.
Товарооборот между странами за прошлый год составил 1,5 млрд долларов, сообщили стороны.

Транспорт и логистика

Стороны условились расширить транзитные маршруты и модернизировать пункты пропуска на границе.
Фото: пресс-служба

2 марта 2026 18:20     Комментарии [0]

1 марта 2026 10:00

Туркменистан и Иран обсудили поставки газа

Стороны договорились увеличить поставки газа в следующем году по новому контракту.

28 февраля 2026 09:15

Таджикистан запустил новую ГЭС

Станция мощностью 100 МВт будет снабжать электроэнергией три района страны.

 1   2   3   4   5   ...   40

Наш опрос
Как вы оцениваете работу транспорта?
45%
Хорошо
55%
Плохо
Всего голосов: 1200
"""


def roles(text):
    t = clean_text(text)
    return [(b.role, t[b.start:b.end]) for b in segment(t)]


def test_article_is_found_between_menu_and_related_news():
    blocks = roles(PORTAL)
    article = [t for r, t in blocks if r == "article"]
    assert len(article) == 1
    assert article[0].startswith("Казахстан и Кыргызстан договорились")
    assert "модернизировать пункты пропуска" in article[0]
    assert "Туркменистан" not in article[0] and "Информационный портал" not in article[0]


def test_related_items_are_separate_blocks_with_their_own_text():
    related = [t for r, t in roles(PORTAL) if r == "related"]
    assert len(related) == 2
    assert "Туркменистан и Иран" in related[0] and "Таджикистан" not in related[0]
    assert related[1].startswith("28 февраля 2026")


def test_article_dateline_poll_and_paging_are_not_prose():
    blocks = roles(PORTAL)
    assert ("dateline", "2 марта 2026 18:20 Комментарии [0]") in blocks
    poll = [t for r, t in blocks if r == "poll"]
    assert poll and "45%" in poll[0]
    assert not any("Всего голосов" in t for r, t in blocks if r in ("article", "related"))


def test_related_news_marker_in_another_language():
    page = ("Заголовок новости о переговорах двух президентов\n"
            "Президенты провели переговоры и договорились о расширении торговли и инвестиций.\n"
            "متعلقہ خبریں\n"
            "ازبکستان کے صدر نے بیلاروس کے وزیر اعظم سے ملاقات کی\n"
            "دونوں ممالک کے درمیان تجارتی حجم بڑھ گیا۔\n")
    blocks = [(b.role, b.lang) for b in segment(clean_text(page))]
    assert ("article", "ru") in blocks
    assert ("related", "ur") in blocks


@pytest.mark.parametrize("text, lang", [
    ("Товарооборот между странами вырос.", "ru"),
    ("Қазақстан мен Өзбекстан арасындағы тауар айналымы өсті.", "kk"),
    ("Ўзбекистон ва Эрон ўртасидаги савдо ҳажми ошди.", "uz"),
    ("O‘zbekiston va Qozog‘iston o‘rtasidagi savdo hajmi oshdi.", "uz"),
    ("Кыргызстан менен Кытайдын ортосундагы соода жүгүртүү өстү.", "ky"),
    ("Trade between the two countries grew.", "en"),
    ("دونوں ممالک کے درمیان تجارت بڑھ گئی۔", "ur"),
    ("12 345", "und"),
])
def test_language_by_script(text, lang):
    assert detect_lang(text) == lang


def test_a_long_dotted_line_is_not_read_as_paging_in_exponential_time():
    """"25.07.2019 22:46" made the paging rule try every split of the digits and dots
    before failing at the colon; forty such characters took minutes, and this line of
    ~80 would take longer than anyone waits. Not a speed test (the bench measures speed):
    the alarm only stops a run that would never end."""
    import signal

    def never_ends(*_: object) -> None:
        raise TimeoutError("the paging rule backtracks exponentially")

    line = ".".join(str(i) for i in range(1, 30)) + ":00"
    old = signal.signal(signal.SIGALRM, never_ends)
    signal.alarm(60)
    try:
        page = f"Заголовок статьи\n\n{line}\n\n1 2 3 4 5 … 112"
        blocks = segment(page)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    # a line of numbers and dots with a time is text, not the paging bar
    assert any(b.role == "article" and line in page[b.start:b.end] for b in blocks)
