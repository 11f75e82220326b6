"""How much of the tracker a public build publishes: one setting, decided in one place.

``public_tracker`` in ``settings.yaml`` (or ``HANDBOOK_PUBLIC_TRACKER`` for one build):

- ``full``: every page, without the private fields (the bundled demo uses this);
- ``anonymised``: the same with company names replaced by 公司A, 公司B, …;
- ``off``: no tracker page, navigation entry, link, search entry or file from the data.

A local build (not public) always shows everything. The bundled demo is recognised by the
SHA-256 of its applications file (``demo_sha256`` in its settings), so a user who edits the
demo files in place is no longer "the demo" and is warned before publishing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PublicTracker = Literal["full", "anonymised", "off"]
PUBLIC_TRACKER_CHOICES: tuple[PublicTracker, ...] = ("full", "anonymised", "off")
APPLICATION_FILES = ("applications.csv", "applications.yaml", "applications.yml")

OPT_IN_HINT = (
    "公开构建默认不发布你的投递记录;要发布,在 settings.yaml 里写 public_tracker: full 或 anonymised。"
    " Public builds leave your tracker out; to publish it, set public_tracker: full or anonymised in settings.yaml."
)


class PublishingError(ValueError):
    """A ``public_tracker`` value that is not one of the choices."""


@dataclass(frozen=True)
class TrackerPublishing:
    """What this build shows of the tracker."""

    pages: bool  # tracker pages, their navigation entries and KB links to them
    public: bool  # private fields left out
    anonymised: bool  # company names replaced
    warning: str | None = None  # to log: non-demo data about to be published without a choice


def parse_public_tracker(value: object, where: str) -> PublicTracker | None:
    """``None`` when absent; otherwise one of the choices, or a clear error.

    >>> parse_public_tracker("off", "settings.yaml"), parse_public_tracker(None, "settings.yaml")
    ('off', None)
    >>> parse_public_tracker(False, "settings.yaml")  # YAML reads a bare `off` as false
    'off'
    >>> parse_public_tracker("yes", "settings.yaml")
    Traceback (most recent call last):
    tools.tracker.publishing.PublishingError: settings.yaml: public_tracker: 应为 full、anonymised 或 off expected full, anonymised or off, got 'yes'
    """
    if value is None:
        return None
    if value is False:
        return "off"
    if value not in PUBLIC_TRACKER_CHOICES:
        raise PublishingError(
            f"{where}: public_tracker: 应为 full、anonymised 或 off expected full, anonymised or off, got {value!r}"
        )
    return value  # type: ignore[return-value]


def applications_sha256(data_dir: Path) -> str | None:
    """SHA-256 of the first applications file found in ``data_dir``, or ``None``."""
    for name in APPLICATION_FILES:
        path = data_dir / name
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


def decide_publishing(
    *,
    public: bool,
    chosen: PublicTracker | None,
    anonymise_override: bool,
    is_demo: bool,
    has_applications: bool,
) -> TrackerPublishing:
    """The one rule for every build.

    >>> decide_publishing(public=False, chosen="off", anonymise_override=False, is_demo=False, has_applications=True)
    TrackerPublishing(pages=True, public=False, anonymised=False, warning=None)
    >>> decide_publishing(public=True, chosen="off", anonymise_override=True, is_demo=False, has_applications=True)
    TrackerPublishing(pages=False, public=True, anonymised=False, warning=None)
    >>> decide_publishing(public=True, chosen="anonymised", anonymise_override=False, is_demo=False, has_applications=True)
    TrackerPublishing(pages=True, public=True, anonymised=True, warning=None)
    >>> decide_publishing(public=True, chosen=None, anonymise_override=False, is_demo=True, has_applications=True).warning is None
    True
    """
    if not public:
        return TrackerPublishing(pages=True, public=False, anonymised=anonymise_override)
    if chosen == "off":
        return TrackerPublishing(pages=False, public=True, anonymised=False)
    warning = None
    if chosen is None and has_applications and not is_demo:
        warning = (
            "公开构建将发布你的投递记录(公司、岗位、日期、进度),但 settings.yaml 没有写 public_tracker。"
            "请明确选择 full、anonymised 或 off(建议 off)。"
            " This public build would publish your own applications, and public_tracker was never chosen:"
            " set public_tracker: full, anonymised or off (off is safest) in settings.yaml."
        )
    return TrackerPublishing(pages=True, public=True, anonymised=anonymise_override or chosen == "anonymised", warning=warning)
