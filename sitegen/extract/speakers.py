"""Named speakers and the body they speak for: ``المتحدثة باسم البيت الأبيض، جين بساكي``.

Two written forms are read:

- *role, name*: ``المتحدث(ة)/الناطق(ة) [الرسمي] باسم <body>، <name>،``
- *name, role*: ``<name>، المتحدث(ة) باسم <body>``, after a speech verb (قال، قالت، أكد ...).

The name is two to four words. The role is kept as written; the body is matched against the
actors vocabulary when possible (``البيت الأبيض`` → white-house).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.normtext import NormText

_ROLE = r"(?:ال)?(?:متحدث|متحدثه|ناطق|ناطقه)(?:\s+(?:الرسمي|الرسميه|الاعلامي|الاعلاميه))?\s+باسم\s+[^،,.:؛\n“”\"]{2,40}?"
_NAME = r"[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){1,3}"
_ROLE_NAME = re.compile(rf"(?<!\w)[وبل]?(?P<role>{_ROLE})\s*[،,]\s*(?P<name>{_NAME})\s*[،,]")
_NAME_ROLE = re.compile(
    rf"(?:قال|قالت|اكد|اكدت|صرح|صرحت|اوضح|اوضحت|اعلن|اعلنت)\s+(?P<name>{_NAME})\s*[،,]\s*(?P<role>{_ROLE})\s*[،,.]"
)


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str  # as written: المتحدثة باسم البيت الأبيض
    start: int  # offsets of the whole phrase in the original text
    end: int


def find_speakers(norm: NormText) -> list[Speaker]:
    speakers: dict[str, Speaker] = {}
    for regex in (_ROLE_NAME, _NAME_ROLE):
        for m in regex.finditer(norm.text):
            name = norm.phrase(*m.span("name")).strip()
            role = norm.phrase(*m.span("role")).strip()
            a, b = norm.span(*m.span())
            speakers.setdefault(" ".join(name.split()), Speaker(name, role, a, b))
    return sorted(speakers.values(), key=lambda s: s.start)
