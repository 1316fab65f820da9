"""Inflected forms of the lexicon's weapon names, so that a count finds its noun however written.

Arabic inflects a counted noun by its number: the dual (``صاروخان``، ``صاروخين``، ``قذيفتان``،
``قذيفتين``، ``لغمين``), the dual in a construct (``قذيفتي هاون``، ``قذيفتا هاون``), and the
accusative singular after 11 to 99 (``15 صاروخا``، ``13 لغما أرضيا``، ``12 برميلا متفجرا``).
The lexicon (``content/lexicon.yaml``) lists a name once; :func:`inflections` derives these
forms from it, for every entry, including those a user adds. Adjectives agree with their noun,
while a noun in a construct (``قذيفة هاون``) does not, so both readings are derived: a form
that never occurs costs nothing. Forms with the article (``البراميل المتفجرة``) and words
ending in alif (``كاتيوشا``) are left as they are.
"""

from __future__ import annotations

from sitegen.extract.normtext import normalize

_DUAL_ENDINGS = ("ان", "ين")


def _dual(word: str, ending: str) -> str:
    return word[:-1] + "ت" + ending if word.endswith("ه") else word + ending


def _accusative(word: str) -> str:
    return word if word.endswith(("ه", "ا", "ء", "ات")) else word + "ا"


def inflections(form: str) -> set[str]:
    """The dual and accusative forms of a weapon name (normalized), the name itself excluded."""
    words = normalize(form).split()
    if not words or any(w.startswith("ال") or w.endswith("ا") or not w.isalpha() for w in words):
        return set()
    first, rest = words[0], words[1:]
    forms = set()
    for ending in _DUAL_ENDINGS:
        forms.add(" ".join(_dual(w, ending) for w in words))  # صاروخين موجهين
        if rest:
            forms.add(" ".join([_dual(first, ending), *rest]))  # طائرتين بدون طيار
    if rest and first.endswith("ه"):
        forms.update(" ".join([first[:-1] + ending, *rest]) for ending in ("تي", "تا"))  # قذيفتي هاون
    forms.add(" ".join(_accusative(w) for w in words))  # برميلا متفجرا
    forms.discard(" ".join(words))
    return forms


def is_dual(word: str) -> bool:
    """Whether ``word`` (normalized, clitics removed) reads as a dual form of :func:`inflections`."""
    return len(word) >= 5 and word.endswith(("ان", "ين", "تي", "تا"))
