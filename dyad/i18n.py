"""The interface in English or Russian: `t("Overview")` is the string in the chosen language.

English strings are the keys (so the code reads in English and a missing translation
shows English, never a blank); `RU` maps each to Russian. tests/test_i18n.py checks that
every literal passed to `t()` in app.py, pages/ and dyad/ has its Russian entry.

The language is per script run: app.py calls `set_lang` at the top of every run, and a
ContextVar keeps two sessions (two threads) from seeing each other's choice.
"""
from __future__ import annotations

from contextvars import ContextVar

LANGS = {"en": "English", "ru": "Русский"}
_lang: ContextVar[str] = ContextVar("dyad_lang", default="en")


def set_lang(code: str | None) -> None:
    _lang.set(code if code in LANGS else "en")


def lang() -> str:
    return _lang.get()


def t(text: str, **values: object) -> str:
    """`text` in the interface language, with `{name}` fields filled from `values`."""
    out = RU.get(text, text) if _lang.get() == "ru" else text
    return out.format(**values) if values else out


MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "ru": ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
}

RU: dict[str, str] = {
    # navigation and page titles
    "Overview": "Обзор",
    "Trade": "Торговля",
    "Trade turnover": "Товарооборот",
    "Agreements": "Соглашения",
    "Cooperation": "Сотрудничество",
    "Targets": "Цели",
    "Target tracker": "Выполнение целей",
    "Corroboration": "Подтверждение",
    "Compare": "Сравнение",
    "Compare pairs": "Сравнение пар",
    "Timeline": "Хроника",
    "Sources": "Источники",
    "Review": "Проверка",
    "Add articles": "Добавить статьи",
    "Embedded chart": "Встроенный график",
    # sidebar
    "Country pair": "Пара стран",
    "Dates": "Даты",
    "Filters": "Фильтры",
    "Compare with": "Сравнить с",
    "Metric": "Показатель",
    "Kind": "Вид",
    "Language": "Язык",
    "Source": "Источник",
    "Minimum confidence": "Минимальная уверенность",
    "Your name": "Ваше имя",
    "Shown beside your corrections.": "Указывается рядом с вашими исправлениями.",
    "Interface": "Интерфейс",
    "Database built {when}": "База собрана {when}",
    "data version {version}": "версия данных {version}",
    "The database has no facts yet: add articles to data/raw/ and rebuild.":
        "В базе пока нет фактов: добавьте статьи в data/raw/ и пересоберите.",
    "No database yet: run `make run` or `python -m etl build`.":
        "Базы пока нет: выполните `make run` или `python -m etl build`.",
    # metrics, kinds, qualifiers
    "Joint ventures": "Совместные предприятия",
    "Flights per week": "Авиарейсов в неделю",
    "Documents signed": "Подписано документов",
    "Investment portfolio": "Инвестиционный портфель",
    "Actual": "Факт",
    "Expected": "Ожидается",
    "Target": "Цель",
    "over ": "более ",
    "up to ": "до ",
    "about ": "около ",
    "date unknown": "дата неизвестна",
    # common
    "Download CSV": "Скачать CSV",
    "Download chart data (CSV)": "Скачать данные графика (CSV)",
    "Nothing in this range.": "В этом диапазоне ничего нет.",
    "Download CSV (every row)": "Скачать CSV (все строки)",
    "Page": "Страница",
    "The newest {n} of {total}.": "Последние {n} из {total}.",
    "The {n} least sure of {total}.": "{n} наименее надёжных из {total}.",
    "Rows {first}–{last} of {n}": "Строки {first}–{last} из {n}",
    "Facts in month": "Фактов за месяц",
    "Lowest": "Наименьшее",
    "Highest": "Наибольшее",
    "Past {n} facts a point is a month: its newest figure, with the month's count and range "
    "in the CSV.": "Больше {n} фактов: точка — месяц, его последнее значение; число фактов "
    "за месяц и их разброс — в CSV.",
    "From the newest {n} of {total} facts.": "По последним {n} из {total} фактов.",
    "The newest {n} of {total} articles.": "Последние {n} из {total} статей.",
    "Nothing to chart in this range.": "В этом диапазоне нечего показать на графике.",
    "No figure in this range.": "В этом диапазоне нет значения.",
    "Source: {source}": "Источник: {source}",
    "period {period}": "период {period}",
    "by {year}": "к {year} г.",
    "to review (confidence {c})": "на проверку (уверенность {c})",
    "corrected by {who}, {when}": "исправлено: {who}, {when}",
    "confirmed by {who}, {when}": "подтверждено: {who}, {when}",
    "rejected by {who}, {when}": "отклонено: {who}, {when}",
    # document types and sectors (fmt.label)
    "Treaty": "Договор", "Agreement": "Соглашение", "Memorandum": "Меморандум",
    "Programme": "Программа", "Plan": "План", "Roadmap": "Дорожная карта",
    "Declaration": "Декларация", "Protocol": "Протокол", "Contract": "Контракт",
    "Statement": "Заявление", "Document": "Документ", "Other": "Другое",
    "Agriculture": "Сельское хозяйство", "Culture": "Культура", "Digital": "Цифровизация",
    "Emergency": "Чрезвычайные ситуации", "Energy": "Энергетика",
    "Foreign affairs": "Внешняя политика", "Health": "Здравоохранение",
    "Industry": "Промышленность", "Investment": "Инвестиции", "Justice": "Юстиция",
    "Labour": "Труд", "Mining": "Недропользование", "Security": "Безопасность",
    "Space": "Космос", "Tourism": "Туризм", "Transport": "Транспорт",
    "Urban": "Городское развитие", "Water": "Водные ресурсы", "General": "Общее",
    # pages: sections, headings, captions
    "Analysis": "Анализ",
    "Data": "Данные",
    "Trade target": "Цель по товарообороту",
    "Documents signed (latest event)": "Подписано документов (последнее событие)",
    "Country-pair brief": "Справка по паре стран",
    "Country-pair brief (HTML)": "Справка по паре стран (HTML)",
    "One HTML file: key figures, targets, charts, conflicts and sources.":
        "Один HTML-файл: ключевые показатели, цели, графики, расхождения и источники.",
    "Trade against the announced target": "Товарооборот и объявленная цель",
    "Needs both a reported turnover and an announced target in this range.":
        "Нужны и фактический товарооборот, и объявленная цель в этом диапазоне.",
    "{actual} ({when}) is {share} of the {target} target{by} (announced {announced})":
        "{actual} ({when}) — это {share} от цели {target}{by} (объявлена {announced})",
    "Every target, its pace and status": "Все цели, нужный темп и статус",
    "Latest figures": "Последние значения",
    "Actual: reached. Expected: forecast. Target: aimed at; the dashed line runs to the year "
    "it is to be reached by. A dark ring marks a reviewed figure.":
        "Факт: достигнуто. Ожидается: прогноз. Цель: намечено; пунктир ведёт к году, к "
        "которому цель должна быть достигнута. Тёмное кольцо отмечает проверенное значение.",
    "Every trade figure": "Все данные о товарообороте",
    "Documents signed per event": "Подписано документов на событии",
    "By type": "По типу",
    "By sector": "По отрасли",
    "Documents by type": "Документы по типу",
    "Documents by sector": "Документы по отрасли",
    "Signed documents": "Подписанные документы",
    "Every cooperation figure": "Все данные о сотрудничестве",
    "A target restated by later articles is one target; its history lists every statement. "
    "Add pairs under Filters → Compare with to track them side by side.":
        "Цель, повторённая в поздних статьях, — одна цель; её история перечисляет все "
        "заявления. Добавьте пары в Фильтры → Сравнить с, чтобы видеть их рядом.",
    "No target announced for these pairs in this range.":
        "Для этих пар в этом диапазоне цели не объявлялись.",
    "How the status is decided": "Как определяется статус",
    "announced": "объявлена",
    "Actual figures against the target": "Фактические значения и цель",
    "History of the target": "История цели",
    "met": "достигнута", "missed": "не достигнута", "on track": "по плану",
    "behind": "отставание", "no data": "нет данных",
    "Claims": "Утверждения",
    "Conflicts": "Расхождения",
    "Conflicting figures": "Расходящиеся значения",
    "Different figures for the same metric, kind and period; never averaged.":
        "Разные значения одного показателя, вида и периода; они не усредняются.",
    "No conflicting figures in this range.": "В этом диапазоне расхождений нет.",
    "Claims and their sources": "Утверждения и их источники",
    "Claims by period: {metric}": "Утверждения по периодам: {metric}",
    "Choose the metric under Filters → Metric. Two dots in one column disagree.":
        "Показатель выбирается в Фильтры → Показатель. Две точки в одном столбце расходятся.",
    "conflict": "расхождение", "agreed": "согласуется",
    "{metric}: {pairs}": "{metric}: {pairs}",
    "Add pairs under Filters → Compare with; choose the metric under Filters → Metric.":
        "Добавьте пары в Фильтры → Сравнить с; показатель — в Фильтры → Показатель.",
    "Every pair": "Все пары",
    "Latest trade turnover": "Последний товарооборот",
    "Network of documents signed": "Сеть подписанных документов",
    "Map of the pairs": "Карта пар",
    "Events": "События",
    "{n} articles, {d} documents signed, {f} facts":
        "статей: {n}, подписано документов: {d}, фактов: {f}",
    "Coverage": "Освещение",
    "Articles per month about the pair and the pairs compared with it, a colour per source "
    "and a pattern per language: a spike from one new source shows as one colour.":
        "Статьи в месяц о паре и о парах для сравнения: цвет — источник, штриховка — язык; "
        "всплеск из одного нового источника виден одним цветом.",
    "signing": "подписание", "visit": "визит", "talks": "переговоры", "report": "сообщение",
    "To review (confidence below {c})": "На проверку (уверенность ниже {c})",
    "Every fact in this range is above the threshold.":
        "Все факты в этом диапазоне выше порога.",
    "Confirm, correct or reject facts": "Подтвердить, исправить или отклонить факты",
    "Every fact": "Все факты",
    "Evidence": "Доказательство",
    "Each fact's sentence is marked in its document, the figure in bold; facts to review "
    "are open.":
        "Предложение каждого факта выделено в документе, число — жирным; факты на проверку "
        "раскрыты.",
    "Show whole documents": "Показать документы целиком",
    "Evidence shown for the first {n} of {total} facts; narrow the dates.":
        "Показаны доказательства первых {n} из {total} фактов; сузьте даты.",
    "Files that could not be read": "Файлы, которые не удалось прочитать",
    "confidence {c}": "уверенность {c}",
    "to review": "на проверку",
    # review
    "Decisions are saved to {file} with your name ({who}) and re-applied on every rebuild.":
        "Решения сохраняются в {file} с вашим именем ({who}) и применяются при каждой "
        "пересборке.",
    "Only the files just added": "Только что добавленные файлы",
    "Fact": "Факт",
    "Reason (optional)": "Причина (необязательно)",
    "Confirm": "Подтвердить",
    "Reject": "Отклонить",
    "Correct": "Исправить",
    "Save correction": "Сохранить исправление",
    "Nothing changed.": "Ничего не изменено.",
    "Saved and rebuilt.": "Сохранено, база пересобрана.",
    "Rebuild now": "Пересобрать сейчас",
    "Rebuild the database from the raw folder; every correction is re-applied.":
        "Пересобрать базу из папки исходных данных; все исправления применяются заново.",
    "Rebuilt; corrections re-applied.": "База пересобрана, исправления применены заново.",
    "Corrections log": "Журнал исправлений",
    "{n} corrections name facts no longer extracted; they are kept in the file.":
        "Исправлений, чьи факты больше не извлекаются: {n}; они сохранены в файле.",
    "Extracted": "Извлечено", "Confirmed": "Подтверждено", "Corrected": "Исправлено",
    "Rejected": "Отклонено",
    "Extracting and rebuilding the database…": "Извлечение и пересборка базы…",
    "Building…": "Сборка…",
    "Done": "Готово",
    "Database rebuilt in {s} s": "База пересобрана за {s} с",
    "The build failed": "Сборка не удалась",
    # upload
    "Files are stored under the raw folder and listed in its manifest; their type is read "
    "from their content. The same file twice is stored once. At most {n} files of {mb} MB "
    "each per upload.":
        "Файлы сохраняются в папке исходных данных и вносятся в её манифест; тип файла "
        "определяется по содержимому. Один и тот же файл сохраняется один раз. Не более {n} "
        "файлов по {mb} МБ за раз.",
    "Articles": "Статьи",
    "URL (optional)": "URL (необязательно)",
    "Published (optional)": "Дата публикации (необязательно)",
    "Add and extract": "Добавить и извлечь",
    "Choose at least one file.": "Выберите хотя бы один файл.",
    "Too many files: at most {n} per upload.": "Слишком много файлов: не более {n} за раз.",
    "The URL must start with http:// or https://.": "URL должен начинаться с http:// или https://.",
    "Storing {n} files…": "Сохранение файлов: {n}…",
    "Upload refused": "Загрузка отклонена",
    "Stored": "Сохранён",
    "Already stored": "Уже есть",
    "Your upload": "Ваша загрузка",
    "Facts found in these files": "Факты, найденные в этих файлах",
    "No facts were found in these files.": "В этих файлах фактов не найдено.",
    "Review these facts": "Проверить эти факты",
    # exports and embeds
    "Embed": "Встроить",
    "Pin to this data version": "Закрепить за этой версией данных",
    "A pinned link keeps showing this chart as it is now, whatever is rebuilt later.":
        "Закреплённая ссылка показывает график таким, как сейчас, что бы ни пересобиралось "
        "потом.",
    "Open": "Открыть",
    "Source: Dyad database {name}, data version {version}, built {built}; each row's article "
    "is in its Source column":
        "Источник: база Dyad {name}, версия данных {version}, собрана {built}; статья каждой "
        "строки — в столбце Источник",
    "Exported: {when}": "Выгружено: {when}",
    "No such chart.": "Такого графика нет.",
    "No such pinned chart.": "Такого закреплённого графика нет.",
    "pinned to data version {version} (built {built})":
        "закреплено за версией данных {version} (собрана {built})",
    "Key figures": "Ключевые показатели",
    "Charts": "Графики",
    "Every figure": "Все значения",
    "generated {when}": "создано {when}",
    # chart titles (catalog)
    "Pairs compared": "Сравнение пар",
    "Documents signed, every pair": "Подписано документов, все пары",
    "Latest trade turnover, every pair": "Последний товарооборот, все пары",
    "Coverage: articles per month": "Освещение: статьи в месяц",
    "Target and actual figures": "Цель и фактические значения",
    "Claims by period": "Утверждения по периодам",
    # column names
    "Date": "Дата", "Figure": "Значение", "Value": "Величина", "Unit": "Единица",
    "Period": "Период", "Target year": "Год цели", "Confidence": "Уверенность",
    "Block": "Блок", "Article": "Статья", "Reviewed": "Проверка", "Series": "Ряд",
    "Value (USD)": "Величина (USD)", "Value (count)": "Величина (шт.)", "No.": "№",
    "Title": "Название", "Type": "Тип", "Sector": "Отрасль", "Documents": "Документы",
    "Pair": "Пара", "Country A": "Страна A", "Country B": "Страна B",
    "Latest trade": "Последний товарооборот", "Trade as of": "Товарооборот на дату",
    "Event": "Событие", "Facts": "Факты", "Titles": "Заголовки", "Month": "Месяц",
    "New source": "Новый источник", "Announced": "Объявлена", "Deadline": "Срок",
    "Latest actual": "Последний факт", "As of": "На дату", "Progress": "Выполнение",
    "Expected by now": "Ожидалось к этому времени", "Needed per year": "Нужно в год",
    "Growth needed per year": "Нужный рост в год", "Status": "Статус",
    "Restated": "Заявлений", "Target value": "Величина цели", "By year": "К году",
    "First reported": "Впервые", "Last reported": "Последний раз",
    "Conflict": "Расхождение", "Figure 1": "Значение 1", "Sources 1": "Источники 1",
    "Figure 2": "Значение 2", "Sources 2": "Источники 2", "Figure 3": "Значение 3",
    "Sources 3": "Источники 3", "File": "Файл", "Result": "Результат",
    "Stored as": "Сохранён как", "Why": "Причина", "Note": "Примечание",
    "fact_id": "fact_id", "action": "действие", "field": "поле", "value": "значение",
    "who": "кто", "at": "когда", "reason": "причина",
}
