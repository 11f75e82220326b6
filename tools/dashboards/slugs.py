"""Stable ASCII file names for company pages."""

from __future__ import annotations

import hashlib
import re

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def company_slug(name: str) -> str:
    """ASCII letters of the name (if any) plus a short hash of the whole name.

    The hash keeps names that differ only in Chinese characters apart and makes the slug
    independent of the order of the data.

    >>> company_slug("字节跳动")
    'c-702c213f'
    >>> company_slug("Shopee 新加坡")
    'shopee-4e69993b'
    """
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    ascii_part = _NOT_ASCII_WORD.sub("-", name.lower()).strip("-")[:40].strip("-")
    return f"{ascii_part or 'c'}-{digest}"


_SIMPLE_ID = re.compile(r"\w+")  # letters and digits of any script, and _


def topic_anchor(topic: str) -> str:
    """The HTML id of a topic's section on the questions page: letters, digits, ``_`` and ``-``.

    Topic ids come from the data (``interviews.topics``, ``topics.yaml``), so anything else
    gets a hash instead of being written into the id.

    >>> topic_anchor("A05")
    'topic-a05'
    >>> topic_anchor('x"><b>')
    'topic-x-b-612409e0'
    """
    if _SIMPLE_ID.fullmatch(topic):
        return f"topic-{topic.lower()}"
    return f"topic-{company_slug(topic)}"
