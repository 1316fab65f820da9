"""Arabic counts that agree with their noun: CLDR plural categories and thousands separators.

Arabic chooses the form of a counted noun by the number (CLDR, language ``ar``):

========  ==========================  ==================
category  numbers                      example
========  ==========================  ==================
zero      0                            لا حوادث
one       1                            حادثة واحدة
two       2                            حادثتان
few       n % 100 in 3..10             3 حوادث، 103 حوادث
many      n % 100 in 11..99            11 حادثة، 1099 حادثة
other     everything else (100, 101)   100 حادثة، 102 حادثة
========  ==========================  ==================

The noun forms are data (``NOUNS`` in ``templates/_labels.html``, which a project can
override): a mapping from category to a phrase where ``{n}`` stands for the number. A
missing category falls back to ``other``. Numbers are written with Western digits and a
comma between thousands (10,161), as Arabic news sites write them.
"""

from __future__ import annotations

from collections.abc import Mapping

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def plural_category(n: int) -> str:
    """The CLDR plural category of a whole number ``n`` for Arabic."""
    n = abs(int(n))
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def group_thousands(n: int) -> str:
    """``10161`` -> ``10,161``."""
    return f"{int(n):,}"


def count_phrase(n: int, forms: Mapping[str, str], number: str | None = None) -> str:
    """The phrase for ``n`` of a noun: ``forms[category]`` with ``{n}`` replaced by the number.

    ``number`` replaces the formatted number (a template may wrap it in markup).
    """
    category = plural_category(n)
    if category not in forms and "other" not in forms:
        raise KeyError(f"noun forms need at least 'other' (have {sorted(forms)})")
    template = forms.get(category, forms.get("other"))
    return template.replace("{n}", group_thousands(n) if number is None else number)
