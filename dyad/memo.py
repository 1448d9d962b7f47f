"""Results computed from the database, kept per file version: a page's warm run reuses them.

A chart's figure (plotly validates every property it is given: 0.3-1.3 s for the bigger
charts at 10 M facts, measured), the target tracker, the claims of a page: each is a pure
function of the database file and its arguments (a `Scope` and strings), and of the
interface language its labels are in. `per_version` caches such a function under
(file version, language, arguments) in this process, shared by every session; a rebuilt
database changes the version (dyad/db.py) and so misses the cache. A result another session
is computing is waited for, not computed a second time (`db.single_flight`); dyad/warm.py
fills these caches for a new version before anyone asks.

What it returns is shared: callers must not change it (copy a figure before
`update_layout`, as dyad/view.py and dyad/images.py do).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar, cast

from dyad import db, i18n

F = TypeVar("F", bound=Callable[..., Any])
CACHES: list[Any] = []  # every per_version cache, for `clear()`


def per_version(maxsize: int = 64) -> Callable[[F], F]:
    """Cache the function's result per (database file version, interface language, args);
    the arguments must be hashable. `fn.cache_clear()` empties it."""
    def decorate(fn: F) -> F:
        @lru_cache(maxsize=maxsize)
        def cached(version: db.Stamp, lang: str, *args: Any) -> Any:
            return fn(*args)

        @wraps(fn)
        def wrapper(*args: Any) -> Any:
            key = (db.version(), i18n.lang(), *args)
            return db.single_flight((cached, key), lambda: cached(*key))

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        CACHES.append(cached)
        return cast(F, wrapper)
    return decorate


def clear() -> None:
    """Empty every per_version cache (the benchmark's cold runs)."""
    for cached in CACHES:
        cached.cache_clear()
