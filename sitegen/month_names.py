"""Gregorian month names as each Arabic-speaking region writes them, for the pages.

``sitegen.yaml``'s ``months`` setting picks one set; ``MONTHS`` in ``_labels.html`` uses it,
so a project that wants another set overrides that one line.
"""

from __future__ import annotations

MONTH_NAMES: dict[str, tuple[str, ...]] = {
    # Egypt, the Gulf, Sudan, Yemen, Libya: the names from the Latin months.
    "standard": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                 "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    # Syria, Iraq, Lebanon, Jordan, Palestine: the Syriac names.
    "levant": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
               "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
    # Tunisia and Algeria: the names from the French months.
    "maghreb": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
                "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    # Morocco.
    "morocco": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
                "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"),
}
