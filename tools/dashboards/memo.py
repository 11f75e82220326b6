"""A pure function's results kept in memory by the content of its inputs (``tools/dev.py serve``).

After a saved CSV the fast path of ``tools/site/data_reload.py`` generates every dashboard again,
though one new application changes a few company pages out of fifty. The parts that are a pure
function of a few small values are kept, under the SHA-256 of their pickled inputs: equal bytes
unpickle to equal values, so a hit can only be the result those inputs give; a changed row, date
or template gives a new key. Inputs that cannot be pickled are simply not kept. One process only
(a full build without ``serve`` starts empty). The memos, each beside the function it keeps:
``site._TABLES`` (each tracker table as read and coerced, the derived offers, and the states
that the loader and the application table both derive), ``site._COMPANY_PAGES`` (a company's
timeline and page), ``overview._VARIANTS`` (a filter option's KPIs and charts),
``mianjing_pages._PREVIEWS`` (an interview's 面经 preview, keyed by its rows as plain values:
pickling a Series and a one-row frame per interview cost more than the preview's work) and
``mianjing_pages._ANONYMITY`` (the anonymity table, by the bytes of its file).

Pickle writes an object shared by two places once and refers to it the second time, so equal values
shared differently give different keys: a miss, never a wrong hit. That is why the tracker's
settings are kept by their text (``tools/tracker/settings.py``): loads that reuse kept tables then
share the same strings as the first load did, and their keys match.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def content_key(inputs: object) -> bytes | None:
    """SHA-256 of the pickled ``inputs``; None when they cannot be pickled.

    >>> content_key((1, "a")) == content_key((1, "a")), content_key((1, "a")) == content_key((1, "b"))
    (True, False)
    >>> content_key(lambda: 1) is None
    True
    """
    try:
        return hashlib.sha256(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).digest()
    except (pickle.PicklingError, TypeError, AttributeError, ValueError):
        return None


class ContentMemo(Generic[T]):
    """At most ``keep`` results, the least recently used dropped first."""

    def __init__(self, keep: int = 1024) -> None:
        self.keep = keep
        self._results: OrderedDict[Hashable, T] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, inputs: object, compute: Callable[[], T]) -> T:
        """``compute()``, or what it returned before for inputs of the same content.
        ``compute`` must depend on nothing but ``inputs``."""
        key = content_key(inputs)
        if key is not None and key in self._results:
            self.hits += 1
            self._results.move_to_end(key)
            return self._results[key]
        self.misses += 1
        result = compute()
        if key is not None:
            self._results[key] = result
            while len(self._results) > self.keep:
                self._results.popitem(last=False)
        return result

    def __len__(self) -> int:
        return len(self._results)


def template_source(path: Any) -> bytes:
    """A template file's bytes, for a key (an edited template under ``serve`` gives a new one)."""
    return path.read_bytes()


def frame_schema(frame: Any) -> tuple:
    """A frame's column names, dtypes and index dtype, for a content key."""
    return tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)), str(frame.index.dtype)


def frame_rows(frame: Any) -> list[tuple]:
    """Each row of ``frame`` as its index label and plain values (one pass per column, not a
    Series per row), for content keys beside :func:`frame_schema`.

    >>> import pandas as pd
    >>> frame_rows(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[5, 7]))
    [(5, 1, 'x'), (7, 2, 'y')]
    """
    columns = [frame[name].tolist() for name in frame.columns]
    return [(label, *values) for label, *values in zip(frame.index.tolist(), *columns)]
