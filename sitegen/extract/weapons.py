"""Weapons used, with their counts: ``بعدة قذائف صاروخية``, ``8 صواريخ``, ``بستة قذائف مدفعية``.

A weapon mention is a lexicon form found by the scanner. The word before it may give the
count: digits, a number word (``ستة``, ``بستة``, ``ثمانية``), or a vague quantity (``عدة``,
``عشرات``: count unknown, phrase kept). A dual noun (``صاروخين``, ``قذيفتين``, ``عبوتان``, ``انتحاريان``, ``حزامين``) counts two;
digits with an attached preposition or article count too (``ب59 صاروخ``, ``الـ36 صاروخا``).
``count_text`` is the phrase from the count to the weapon, without the attached preposition.
Weapons named as a target or a source (``مواقع إطلاق صواريخ`` rocket launch sites, ``مصدر
الصواريخ`` where the rockets came from, ``مخازن أسلحة``) are not weapons used, nor those of a
sentence that seizes, finds, dismantles, holds or supplies them (``حجز``، ``العثور على``،
``تفكيك``، ``امتلاك``). A four-digit year before the noun (``جانفي 2017 لغم``) is no count.

A count may also follow the noun (``صاروخ واحد``، ``قذائف بلغ عددها 12``، ``الغارات الأربع``),
stand for an earlier weapon (``أربعة منها``، ``و3 أخرى``), or count strikes written without
``جوية`` in a sentence that names aircraft (``نفذت طائرات التحالف 17 ضربة``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.numbers import VAGUE, WORDS, clitic_length, read_count
from sitegen.extract.scan import WEAPON, Scan
from sitegen.extract.weapon_forms import is_dual

_LAUNCH_SITE = ({"اطلاق"}, {"مواقع", "موقع", "منصات", "منصه", "منصتي"})
_NOT_USED = {"مصدر", "مصادر", "مخزن", "مخازن", "شحنه", "شحنات", "مستودع", "مستودعات"}
# Verbs that make a bare barrel (برميلين، براميل) a barrel bomb.
_DROP_VERBS = {"القي", "القت", "القاء", "يلقي", "تلقي", "القوا", "بالقاء", "اسقط", "اسقطت", "اسقاط", "اسقطوا"}
# Weapons named in incidents whose counts are no weapon counts: rifles, bullets (7 طلقات نارية).
_UNCOUNTED = {"small_arms"}
# Aircraft that drop barrels: قصفت المروحيات البلدة ب12 برميلا.
_AIRCRAFT = {"مروحيات", "المروحيات", "مروحيه", "المروحيه", "المروحي", "الطيران", "طاءرات", "الطاءرات"}
# Words of a sentence about oil, whose barrels are no bombs whatever the verb.
_OIL = {"نفط", "النفط", "خام", "الخام", "دولار", "دولارا", "سعر", "اسعار", "برنت"}
# Words of a sentence that make its weapons seized, found or held rather than used.
_SEIZED = {
    "حجز", "حجزت", "حجزه", "حجزا", "الحجز", "ضبط", "ضبطت", "العثور", "عثر", "عثرت", "استرجاع", "مصادره", "صادرت",
    "امتلاك", "امتلاكها", "تمتلك", "يمتلك", "تملك", "ترسانه", "مخبا", "المخبا", "يحتوي", "تفكيك", "فككت", "المحجوزه", "المحجوز",
    "تسليم", "سلم", "الاستيلاء", "استولي", "استولت", "غنم", "غنائم", "صفقه", "بيع", "شراء", "تزويد", "زودت",
    "حجزها", "حوزته", "حوزتهم", "حوزتها", "حوزتهما", "حوزه",
}
# Words of a sentence that make its weapons threatened, planned, foiled or tested rather than used
# (هدد بإطلاق 5 صواريخ، تخطط لتفجير 3 سيارات مفخخة، تجربة على صاروخين), unless a verb of use in
# the past follows them (بعد تهديدات متكررة، شنت الطائرات 20 غارة).
_NOT_YET = {
    "هدد", "هددت", "يهدد", "تهدد", "تهديد", "تهديدات", "توعد", "توعدت", "يتوعد", "تتوعد",
    "تجربه", "تجارب", "اختبار", "اختبارات", "تجريبي", "يخطط", "تخطط", "خطط", "خططت", "خططوا",
    "التخطيط", "مخطط", "مخططات", "يعتزم", "تعتزم", "ينوي", "تنوي",
}
# A foiled attack keeps its weapons (the incident was one) but not their count: they were not
# used as planned (أحبطت القوات هجوما بسيارتين مفخختين), unless a past verb of use follows.
_FOILED = {"احباط", "احبطت", "احبط", "احبطوا", "افشال", "افشلت", "افشل"}
# Verbs of use in the past: after a word of _SEIZED or _NOT_YET in the same sentence, they make
# the weapon used again (عثر المسعفون على جثث بعد أن سقطت 3 قذائف); after a seizure, their nouns
# too (بعد سقوط 4 صواريخ), not after a threat (هدد بإطلاق).
_USED_VERBS = {
    "سقط", "سقطت", "اطلق", "اطلقت", "اطلقوا", "انفجر", "انفجرت", "شن", "شنت", "شنوا",
    "استهدف", "استهدفت", "استهدفوا", "قصف", "قصفت", "قصفوا", "القت", "القي", "القوا", "فجر", "فجرت", "فجروا",
}
_USED = _USED_VERBS | {"سقوط", "انفجار"}
# Shot down: not used, unless what falls is dropped (أسقطت المروحيات براميل: dropped barrel bombs).
_SHOT_DOWN = {"اسقط", "اسقطت", "اسقاط", "اسقطوا", "اسقطها"}
_DROPPED = {"barrel_bomb", "bomb"}


# Words after a weapon noun that make it something else: tear gas and stun grenades (قنابل مسيلة
# للدموع، قنابل الغاز، قنابل صوتية).
_NOT_WEAPON_AFTER = {"مسيله", "غاز", "الغاز", "صوتيه", "الصوت", "دخانيه", "ضوءيه"}
# A cardinal after a definite plural: الانتحاريون الثلاثة، الغارات الأربع (not ordinals: الثالث).
# Both genders: الصواريخ الأربعة، القذائف الأربع.
_DEFINITE_CARDINALS = {"ال" + word: value for word, value in WORDS.items()
                       if 3 <= value <= 10 and (word.endswith("ه") or word + "ه" in WORDS)}
# "X of them" after a weapon count: أطلقوا عشرة صواريخ سقط أربعة منها.
_OF_THEM = {"منها", "منهما"}
# Nouns that انتحاري qualifies as an adjective (suicide attacks), without clitics or article.
_SUICIDE_QUALIFIED = {
    "هجوم", "هجومين", "هجومان", "هجمات", "هجمتين", "تفجير", "تفجيرين", "تفجيران", "تفجيرات",
    "عمليه", "عمليتين", "عمليتان", "عمليات", "اعتداء", "اعتداءين", "اعتداءات",
}
# "X others" after a weapon: سقطت 4 قذائف على الحي و3 أخرى على السوق (feminine: things, not people).
_OTHERS = {"اخري", "اخريات", "اخريان", "اخريين"}
# One or two, after an indefinite weapon noun: صاروخ واحد، عبوة ناسفة واحدة، انتحاريين اثنين.
_ONE_OR_TWO = {"واحد": 1, "واحده": 1, "واحدا": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2}
# Negations before "one": لم يسقط صاروخ واحد، ولو بقذيفة واحدة (not a single one).
_NOT_EVEN = {"لم", "ولم", "لا", "ولا", "لن", "دون", "بدون", "ولو", "لو", "حتي", "اي"}
# A count given after the noun: قذائف بلغ عددها 12، براميل عددها تسعة.
_NUMBER_OF = {"عددها", "وعددها", "عددهما"}
_REACHED = {"بلغ", "يبلغ", "وبلغ", "ويبلغ", "تجاوز", "يتجاوز", "فاق", "يفوق", "وصل", "يصل"}
_ABOUT = {"نحو", "حوالي", "قرابه", "زهاء", "اكثر", "من", "ما", "يقارب", "يناهز"}
# Strikes counted without "جوية" (نفذ التحالف 17 ضربة) are air strikes when the sentence speaks of
# aircraft, and not penalties or blows (ضربات الترجيح، ضربة قاضية).
_STRIKES = {"ضربه", "ضربات", "ضربتين", "ضربتان"}
_AIR = {"جويه", "الجويه", "جوي", "الجوي", "الطيران", "طيران", "طاءرات", "الطاءرات", "طاءره", "الطاءره",
        "مقاتلات", "المقاتلات", "قاذفات", "القاذفات", "التحالف", "غارات", "الغارات"}
_NOT_AIR_AFTER = {"جزاء", "الجزاء", "ترجيح", "الترجيح", "حره", "ركنيه", "قاضيه", "موجعه", "قويه",
                  "استباقيه", "امنيه", "ارهابيه", "صاروخيه"}
_OF_THEM_REACH = 8  # tokens from the weapon to "X منها"
_COUNT_REACH = 6  # words a number phrase may span before its noun


@dataclass(frozen=True)
class WeaponMention:
    type: str
    count: int | None
    count_text: str
    start: int  # offsets in the original text
    end: int


def find_weapons(scan: Scan) -> list[WeaponMention]:
    mentions = []
    starts = {match.first for match, _ in scan.of(WEAPON)}
    for match, ids in scan.of(WEAPON):
        before = scan.words_before(match, 2)
        if len(before) == 2 and before[1] in _LAUNCH_SITE[0] and before[0] in _LAUNCH_SITE[1]:
            continue
        if before and before[-1] in _NOT_USED:
            continue
        words_before = _sentence_before(scan, match.first)
        sentence = set(words_before)
        if _unused(words_before) or (_SHOT_DOWN & sentence and ids[0] not in _DROPPED):
            continue  # seized, found, dismantled, held, threatened, planned, tested or shot down
        if match.last < len(scan.tokens) and scan.joinable[match.last - 1] and \
                scan.tokens[match.last].text in _NOT_WEAPON_AFTER:
            continue  # tear gas, stun grenades
        if ids[0] == "barrel_bomb" and "متفجر" not in match.form and (_OIL & sentence or not (
            (_DROP_VERBS | _AIRCRAFT) & {w.lstrip("و") for w in scan.words_before(match, 6)}
        )):
            continue  # a barrel (of oil) unless dropped: ألقى الطيران برميلين، قصفت المروحيات البلدة ب12 برميلا
        count, start, end = None, match.start, match.end
        if ids[0] == "suicide_bomber" and match.first > 0 and scan.joinable[match.first - 1] and \
                _bare(scan.tokens[match.first - 1].text) in _SUICIDE_QUALIFIED:
            a, b = scan.norm.span(start, end)  # an adjective: هجومين انتحاريين (two attacks), no count
            mentions.append(WeaponMention(ids[0], None, scan.norm.original[a:b], a, b))
            continue
        words = _joined_words_before(scan, match.first)
        number, spanned = read_count(words)
        if number is None and len(words) > 1 and words[-1] == "من" and (
                _definite(scan, match) or _construct(scan, match)):
            number, spanned = read_count(words[:-1])  # أربعة من الصواريخ، خمسة من صواريخ الغراد
            number, spanned = (number, spanned + 1) if number is not None and number >= 2 else (None, 0)
        if number is not None and spanned == 1 and 1900 <= number <= 2100 and \
                len(scan.tokens[match.first - 1].text.lstrip("وبال")) == 4:
            number = None  # a year closing a date (جانفي 2017 لغم), not a count
        if ids[0] in _UNCOUNTED or _after_without_use(words_before, _FOILED):
            pass  # named, never counted; or foiled
        elif number is not None:
            token = scan.tokens[match.first - spanned]
            start = token.start + clitic_length(token.text)
            count = None if number == VAGUE else number
        elif _is_dual(scan.tokens[match.first].text, match):
            count = 2  # a dual: صاروخين، قذيفتين، عبوتين، انتحاريان، حزامين، قذيفتي هاون
        elif _definite(scan, match) and match.last < len(scan.tokens) and scan.joinable[match.last - 1] and \
                _cardinal_after(scan.tokens[match.last].text):
            count = _cardinal_after(scan.tokens[match.last].text)  # الانتحاريون الثلاثة، الصواريخ الـ59
            end = scan.tokens[match.last].end
        elif (after := _count_after(scan, match, starts)) is not None:
            count, end = after  # صاروخ واحد، قذائف بلغ عددها 12
        a, b = scan.norm.span(start, end)
        mentions.append(WeaponMention(ids[0], count, scan.norm.original[a:b], a, b))
    mentions += _counted_strikes(scan, {i for match, _ in scan.of(WEAPON) for i in range(match.first, match.last)})
    return mentions + _of_them(scan, mentions) + _others(scan, mentions)


def _bare(word: str) -> str:
    """A word without its conjunction, preposition and article: والهجومين -> هجومين."""
    word = word[1:] if len(word) > 3 and word[0] in "وف" else word
    word = word[1:] if len(word) > 3 and word[0] in "بل" else word
    return word[2:] if len(word) > 4 and word.startswith("ال") else word


def _definite(scan: Scan, match) -> bool:
    """Whether the weapon noun carries the article (الصواريخ، بالصواريخ، للقذائف)."""
    word = scan.tokens[match.first].text
    word = word[1:] if len(word) > 3 and word[0] in "وف" else word
    return word.startswith(("ال", "بال", "لل", "كال"))


def _construct(scan: Scan, match) -> bool:
    """Whether the weapon noun heads a construct with a definite word: صواريخ الكاتيوشا."""
    return match.last < len(scan.tokens) and scan.joinable[match.last - 1] and \
        scan.tokens[match.last].text.lstrip("و").startswith("ال") and not _definite(scan, match)


def _count_after(scan: Scan, match, starts: set[int]) -> tuple[int, int] | None:
    """A count written after an indefinite weapon noun, with the offset where it ends.

    ``واحد`` right after the noun is one (``صاروخ واحد``، ``عبوة ناسفة واحدة``), ``اثنين`` two
    (``انتحاريين اثنين``, whose noun alone may be a plural); ``عددها`` and a
    number within the next words give the number (``قذائف بلغ عددها 12``، ``براميل عددها
    تسعة``). Vague numbers and ranges give nothing, nor a number followed by a weapon noun
    (``starts``: the tokens where one begins), which carries the count itself
    (``قذائف يبلغ عددها 15 قذيفة``).
    """
    tokens, i = scan.tokens, match.last
    if _definite(scan, match) or i >= len(tokens) or not scan.joinable[i - 1]:
        return None
    if tokens[i].text in _ONE_OR_TWO:
        if _NOT_EVEN & set(scan.words_before(match, 3)):
            return None  # لم يسقط صاروخ واحد: not a single one
        return _ONE_OR_TWO[tokens[i].text], tokens[i].end
    if tokens[i].text in _REACHED and i + 1 < len(tokens) and scan.joinable[i]:
        i += 1
    if tokens[i].text not in _NUMBER_OF:
        return None
    following = []  # the indices of the tokens after عددها, approximations (نحو، أكثر من) left out
    while i + 1 < len(tokens) and scan.joinable[i] and len(following) < _COUNT_REACH:
        i += 1
        if following or tokens[i].text not in _ABOUT:
            following.append(i)
    for size in range(len(following), 0, -1):
        number, spanned = read_count([tokens[k].text for k in following[:size]])
        if number is not None and spanned == size:
            last = following[size - 1]
            if number == VAGUE or (last + 1 in starts and scan.joinable[last]):
                return None
            return number, tokens[last].end
    return None


def _cardinal_after(word: str) -> int | None:
    """A cardinal written after a definite noun: الثلاثة، الأربعة، الـ59 (not an ordinal: الثالث)."""
    if word in _DEFINITE_CARDINALS:
        return _DEFINITE_CARDINALS[word]
    digits = word[2:] if word.startswith("ال") else ""
    return int(digits) if digits.isascii() and digits.isdigit() and 1 < int(digits) < 1900 else None


def _joined_words_before(scan: Scan, first: int) -> list[str]:
    """The normalized words right before token ``first``, with only spaces between them, nearest last."""
    words: list[str] = []
    i = first - 1
    while i >= 0 and len(words) < _COUNT_REACH and scan.joinable[i]:
        words.append(scan.tokens[i].text)
        i -= 1
    return words[::-1]


def _of_them(scan: Scan, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """Counts written "X of them" after a weapon of the same sentence: عشرة صواريخ سقط أربعة منها.

    The weapon must start at most ``_OF_THEM_REACH`` words before, with no full stop between,
    and a part is smaller than its whole (when the weapon has a count).
    """
    return [
        WeaponMention(antecedent.type, number, text, a, b)
        for number, text, a, b, antecedent, _ in _elided_counts(scan, mentions, _OF_THEM, 0)
        if antecedent.count is None or number < antecedent.count
    ]


def _elided_counts(scan: Scan, mentions: list[WeaponMention], markers: set[str], extra_reach: int):
    """Yield the counts whose noun is a word of ``markers`` standing for an earlier weapon.

    Each is ``(number, text, start, end, antecedent, between)``: the number before the marker,
    the phrase from the number to the marker, its offsets, the nearest weapon mention ending
    before it (starting at most ``_OF_THEM_REACH`` words, plus ``extra_reach``, before the
    marker, with no full stop between) and the words between that mention and the number.
    """
    tokens = scan.tokens
    for i, token in enumerate(tokens):
        if token.text not in markers or i == 0 or not scan.joinable[i - 1]:
            continue
        number, spanned = read_count(_joined_words_before(scan, i))
        if number is None or number == VAGUE:
            continue
        first = tokens[i - spanned]
        a, b = scan.norm.span(first.start + clitic_length(first.text), token.end)
        earlier = [m for m in mentions if m.end <= a]
        if not earlier:
            continue
        antecedent = earlier[-1]
        window_start, _ = scan.norm.span(tokens[max(0, i - extra_reach - _OF_THEM_REACH)].start, token.end)
        if antecedent.start < window_start or any(mark in scan.norm.original[antecedent.end:a] for mark in ".!?؟\n"):
            continue
        between = [t.text for t in tokens[:i - spanned] if scan.norm.span(t.start, t.end)[0] >= antecedent.end]
        yield number, scan.norm.original[a:b], a, b, antecedent, between


def _counted_strikes(scan: Scan, matched: set[int]) -> list[WeaponMention]:
    """Air strikes written ``ضربة`` alone with a count, in a sentence that names aircraft.

    ``نفذت طائرات التحالف 17 ضربة``، ``شنت المقاتلات ضربتين``: the lexicon's ``ضربة جوية`` needs
    its adjective, since ``ضربة`` alone is also a penalty or a blow; here a number (or a dual)
    and an aircraft word in the sentence (``_AIR``) make it a strike. Tokens already read as
    a weapon (``matched``) are left to :func:`find_weapons`.
    """
    found = []
    tokens = scan.tokens
    for i, token in enumerate(tokens):
        word = token.text[1:] if token.text[:1] in "وب" and token.text[1:] in _STRIKES else token.text
        if word not in _STRIKES or i in matched:
            continue
        if i + 1 < len(tokens) and scan.joinable[i] and tokens[i + 1].text in _NOT_AIR_AFTER:
            continue
        before = _sentence_before(scan, i)
        if not _AIR & (set(before) | {t.text for t in tokens[i + 1:i + 4]}) or _unused(before):
            continue  # no aircraft in the sentence; or threatened, planned, tested
        number, spanned = read_count(_joined_words_before(scan, i))
        if number is None and word in ("ضربتين", "ضربتان"):
            number, spanned = 2, 0
        if number is None or number == VAGUE or number > 100000:
            continue
        first = tokens[i - spanned]
        a, b = scan.norm.span(first.start + (clitic_length(first.text) if spanned else 0), token.end)
        found.append(WeaponMention("air_strike", number, scan.norm.original[a:b], a, b))
    return found


def _others(scan: Scan, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """Counts written "X others" after a weapon of the same sentence: 4 قذائف على الحي و3 أخرى.

    ``أخرى`` is the feminine of things (people are ``آخرون``). The weapon must start at most
    ``_OF_THEM_REACH`` + 3 words before ``أخرى``, with no full stop and no other number between
    (``بعشرة صواريخ 4 منازل و3 أخرى``: the others are houses).
    """
    return [
        WeaponMention(antecedent.type, number, text, a, b)
        for number, text, a, b, antecedent, between in _elided_counts(scan, mentions, _OTHERS, 3)
        if antecedent.type not in _UNCOUNTED and not any(read_count([w])[0] is not None for w in between)
    ]


def _is_dual(token: str, match) -> bool:
    """A dual noun of a weapon: ends in ين (oblique) or ان (nominative), or a construct dual.

    ``الانتحاريين`` and ``انتحاريين`` may be plurals as well (one of the suicide bombers): the
    nisba ending يين is no count; other weapon nouns have no plural in ين, so an oblique dual
    counts with or without the article (``بالقذيفتين``، ``العبوتين الناسفتين``). A construct dual
    (``قذيفتي هاون``، ``قذيفتا هاون``) has its noun after it.
    """
    if not is_dual(match.form.split()[0]) or len(token) < 5:
        return False
    if token.endswith(("تي", "تا")):
        return match.last - match.first > 1
    if token.endswith("ان"):
        return True
    return token.endswith("ين") and not token.endswith("يين")


def _unused(words: list[str]) -> bool:
    """Whether the words of the sentence before a weapon make it not used (in reading order).

    A threat, plan, foiled attack or test (``_NOT_YET``) with no verb of use in the past
    (``_USED_VERBS``) after it; or a seizure or find (``_SEIZED``, but not ``ضبط النفس``
    self-restraint) with no verb or noun of use (``_USED``) after it: ``عثر على جثث بعد أن
    سقطت 3 قذائف`` counts the shells.
    """
    if _after_without_use(words, _NOT_YET):
        return True
    seized = [i for i, w in enumerate(words) if w in _SEIZED
              and not (w in ("ضبط", "ضبطت") and words[i + 1:i + 2] == ["النفس"])]
    return bool(seized) and not _USED & set(words[seized[-1] + 1:])


def _after_without_use(words: list[str], markers: set[str]) -> bool:
    """Whether a word of ``markers`` stands in ``words`` with no past verb of use after it."""
    found = [i for i, w in enumerate(words) if w in markers]
    return bool(found) and not _USED_VERBS & set(words[found[-1] + 1:])


def _sentence_before(scan: Scan, first: int) -> list[str]:
    """The normalized words of the sentence before token ``first``, clitics و/ف/ب/ل removed."""
    text = scan.norm.text
    cut = max(text.rfind(mark, 0, scan.tokens[first].start) for mark in ".!?؟\n")
    words = []
    for token in scan.tokens[max(0, first - 40):first]:
        if token.start > cut:
            word = token.text
            words.append(word[1:] if len(word) > 3 and word[0] in "وفبل" else word)
    return words
