"""Word-level alignment of a quote against its located source text, as typed edits.

Both wordings are tokenised (words, numbers, CJK characters, punctuation),
contractions are expanded on both sides so ``don't`` meets ``do not``, and
rapidfuzz aligns the token lists. Each difference becomes an
:class:`~quoteverify.model.Edit` of a kind (``case``, ``punctuation``,
``spelling``, ``contraction``, ``number_format``, ``insert``, ``delete``,
``replace``, ``editorial``) and says whether it carries meaning.

>>> from quoteverify.location import locate
>>> src = "Technology is definitely not to blame."
>>> a = align("technology is definitely to blame", locate("technology is definitely to blame", src))
>>> [e.describe() for e in a.edits]
['case "Technology" -> "technology"', 'delete "not" (negation: changes meaning)']
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence

import attrs
import regex
from rapidfuzz.distance import OSA, Indel

from ._text import (
    DOUBLE_QUOTE_GLYPHS,
    EDITORIAL_BRACKET,
    SENTENCE_PUNCTUATION,
    SIC,
    SINGLE_QUOTE_GLYPHS,
    STAGE_DIRECTION,
    sentence_end,
)
from ._tokens import ASCII_TOKEN, TOKEN
from .errors import InvalidInputError
from .model import Alignment, Edit, EditKind, Location, Quote, Span
from .normalization import normalize
from .vocabulary import (
    COMMON_WORDS,
    CONTRACTIONS,
    FILLER_PHRASES,
    FILLERS,
    INTERJECTIONS,
    MEANING_WORDS,
    TRANSCRIPTION_VARIANTS,
    meaning_of,
    number_value,
)

__all__ = ["align", "widen"]



@attrs.frozen
class _Tok:
    span: Span  # in the original quote or source text
    key: str  # matching form (folded glyphs, case)
    plain: str  # folded glyphs, original case
    kind: str  # word, number, cjk, punct
    expanded: bool = False  # one of the words a contraction stands for
    editorial: bool = False  # inside [brackets] or a stage direction's (parentheses)
    sentence_start: bool = False
    context: str = ""  # the text the token came from, read as context[span.start - base : ...]
    base: int = 0
    parts: int = 1  # how many words the contraction this token belongs to stands for


# (and invisible characters inside a word, a soft hyphen, a zero-width joiner: not letters)
_GLYPH_STEPS = ("compatibility", "quotes", "dashes", "ellipsis", "invisible", "soft_hyphen")
_INVISIBLE_STEPS = ("invisible", "soft_hyphen")
# Quotation marks of any kind are one mark to compare: the single marks a style guide puts
# inside a quotation ("said, 'Can you help us'") are the transcript's double ones.
_QUOTE_MARKS = frozenset(DOUBLE_QUOTE_GLYPHS + SINGLE_QUOTE_GLYPHS)
_QUOTE_KEY = '"'



@functools.lru_cache(maxsize=65536)
def _fold_glyphs(text: str) -> str:
    """A token with its glyphs folded (quotes, dashes, compatibility forms), case kept."""
    if text.isascii():
        return text.replace("`", "'")
    return normalize(text, steps=_GLYPH_STEPS).text


def _fold(text: str, *, case: bool) -> str:
    plain = _fold_glyphs(text)
    return plain.casefold() if case else plain


def _tokens(text: str, start: int, end: int, *, shift: int = 0) -> list[_Tok]:
    """Tokens of ``text[start:end]``, trimmed to run from the first word to the last."""
    piece = text[start:end]
    brackets = [m.span() for m in EDITORIAL_BRACKET.finditer(piece)] if "[" in piece else []
    if "(" in piece:  # "(Applause.)", "(laughs)": a transcript's stage direction, nobody's words
        brackets += [m.span() for m in STAGE_DIRECTION.finditer(piece) if m.group()[0] == "("]
    sics = [m.span() for m in SIC.finditer(piece)] if brackets else []
    pattern = ASCII_TOKEN if piece.isascii() else TOKEN
    raw = [(m.start(), m.end(), m.group(), m.lastgroup or "punct") for m in pattern.finditer(piece)]
    words = [i for i, t in enumerate(raw) if t[3] != "punct"]
    if not words:
        return []
    out: list[_Tok] = []
    prev_punct: str | None = "."
    base = shift + start
    for t_start, t_end, t_text, kind in raw[words[0] : words[-1] + 1]:
        in_bracket = False
        if brackets:
            if any(a <= t_start < b for a, b in sics):
                continue
            in_bracket = any(a <= t_start < b for a, b in brackets)
            if kind == "punct" and (t_text in "[]" or (in_bracket and t_text in "()")):
                prev_punct = None
                continue
        span = Span(base + t_start, base + t_end, t_text)
        plain = _fold(t_text, case=False)
        key = plain.casefold()
        if kind == "punct" and all(ch in _QUOTE_MARKS for ch in t_text):
            key = _QUOTE_KEY
        starts = prev_punct is not None and prev_punct in SENTENCE_PUNCTUATION
        expansion = CONTRACTIONS.get(key) if kind == "word" else None
        if expansion is not None:
            out.extend(
                _Tok(span, part, part, "word", True, in_bracket, starts, text, shift, len(expansion))
                for part in expansion
            )
        else:
            out.append(_Tok(span, key, plain, kind, False, in_bracket, starts, text, shift))
        prev_punct = t_text if kind == "punct" else None
    return out


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes from ``a`` to ``b``; adjacent deletes and inserts merge into replace."""
    ops: list[tuple[str, int, int, int, int]] = []
    for op in Indel.opcodes(list(a), list(b)):
        if op.tag != "equal" and ops and ops[-1][0] != "equal":
            _, i1, _, j1, _ = ops[-1]
            ops[-1] = ("", i1, op.src_end, j1, op.dest_end)
        else:
            ops.append((op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return [
        (
            t if t == "equal" else "insert" if i1 == i2 else "delete" if j1 == j2 else "replace",
            i1,
            i2,
            j1,
            j2,
        )
        for t, i1, i2, j1, j2 in ops
    ]


def _joined(toks: Sequence[_Tok]) -> str:
    """The original text from the first token to the last."""
    if not toks:
        return ""
    first, last = toks[0], toks[-1]
    return first.context[first.span.start - first.base : last.span.end - first.base]


def _edit(
    kind: EditKind,
    q: Sequence[_Tok],
    s: Sequence[_Tok],
    *,
    meaning: str | None = None,
) -> Edit:
    return Edit(
        kind,
        _joined(q),
        _joined(s),
        meaning=meaning is not None,
        reason=meaning,
        quote_start=q[0].span.start if q else None,
        quote_end=q[-1].span.end if q else None,
        source_start=s[0].span.start if s else None,
        source_end=s[-1].span.end if s else None,
    )


def _is_entity(t: _Tok) -> bool:
    if t.kind != "word" or t.expanded:
        return False
    first = t.plain[:1]
    if not first.isupper():
        return False
    if t.plain.isupper() and len(t.plain) > 1:
        return True  # an acronym: NASA, IJOP
    return not t.sentence_start and t.key not in COMMON_WORDS


def _meaning(toks: Sequence[_Tok], other: Sequence[_Tok], words: Mapping[str, str]) -> str | None:
    """Why the words ``toks`` (absent from ``other``) carry meaning, or None."""
    other_keys = {t.key for t in other}
    for t in toks:
        if t.key in other_keys:
            continue
        reason = meaning_of(t.key, words)
        if reason is None and t.kind == "number":
            reason = "number"
        if reason is None and _is_entity(t):
            reason = "entity"
        if reason is not None:
            return reason
    return None


def _classify_words(q: list[_Tok], s: list[_Tok], words: Mapping[str, str]) -> list[Edit]:
    """Word differences (no punctuation; editorial blocks were taken out by ``_classify``)."""
    if not q and not s:
        return []
    if q and s:
        qv, sv = number_value([t.key for t in q]), number_value([t.key for t in s])
        if qv is not None and sv is not None:
            if qv == sv:
                return [_edit(EditKind.NUMBER_FORMAT, q, s)]
            return [_edit(EditKind.REPLACE, q, s, meaning="number")]
        if _variants(q, s):
            return [_edit(EditKind.SPELLING, q, s)]  # "OK" and "okay", "gonna" and "going to"
        if normalize(_joined(q), steps=_INVISIBLE_STEPS).text == normalize(_joined(s), steps=_INVISIBLE_STEPS).text:
            return [_edit(EditKind.WHITESPACE, q, s)]  # a soft hyphen, a zero-width joiner
        if _digits_of(q) != _digits_of(s):
            return [_edit(EditKind.REPLACE, q, s, meaning="number")]  # "UTF-87" for "UTF-8"
        if "".join(t.key for t in q).replace("-", "") == "".join(t.key for t in s).replace("-", ""):
            return [_edit(EditKind.SPELLING, q, s)]
        if len(q) == len(s) and all(_typo(a, b, words) for a, b in zip(q, s, strict=True)):
            return [_edit(EditKind.SPELLING, q, s)]
    if not s:
        reason = _meaning(q, s, words)
        if reason is None and all(t.expanded for t in q):
            return [_edit(EditKind.SPELLING, q, s)]  # "That's makes me" for "That makes me"
        return [_edit(EditKind.INSERT, q, s, meaning=reason)]
    if not q:
        reason = _meaning(s, q, words)
        if reason is None and all(t.expanded for t in s):
            return [_edit(EditKind.SPELLING, q, s)]
        return [_edit(EditKind.DELETE, q, s, meaning=reason)]
    return [_edit(EditKind.REPLACE, q, s, meaning=_meaning(s, q, words) or _meaning(q, s, words))]


def _variant_key(toks: Sequence[_Tok]) -> str:
    return " ".join(t.key.replace(".", "") for t in toks if t.key.replace(".", ""))


_VARIANT_OF = {form: group for group in TRANSCRIPTION_VARIANTS for form in group}


def _variants(q: Sequence[_Tok], s: Sequence[_Tok]) -> bool:
    """True when the two wordings are one of :data:`~quoteverify.vocabulary.TRANSCRIPTION_VARIANTS`."""
    a, b = _variant_key(q), _variant_key(s)
    group = _VARIANT_OF.get(a)
    return a != b and group is not None and b in group


def _digits_of(toks: Sequence[_Tok]) -> str:
    """The digits of ``toks``, each token's apart: a number inside a token counts too."""
    return " ".join("".join(ch for ch in t.key if ch.isdigit()) for t in toks if any(c.isdigit() for c in t.key))


def _typo(a: _Tok, b: _Tok, words: Mapping[str, str]) -> bool:
    """A small in-word change (a typo, a British/American spelling), not another word."""
    x, y = a.key, b.key
    if x == y:
        return True
    if a.kind != b.kind or a.kind != "word":
        return False
    if x in COMMON_WORDS and y in COMMON_WORDS:
        return False  # "now" for "not", "ever" for "never": a different word
    mx, my = meaning_of(x, words), meaning_of(y, words)
    if mx != my and (y if mx else x) in COMMON_WORDS:
        return False  # a real word standing where a negation or modal was
    longest = max(len(x), len(y))
    if min(len(x), len(y)) < 3:
        return False
    limit = 1 if longest <= 5 else 2 if longest <= 10 else 3
    return OSA.distance(x, y) <= limit


def _classify(q: list[_Tok], s: list[_Tok], words: Mapping[str, str]) -> list[Edit]:
    qw = [t for t in q if t.kind != "punct"]
    sw = [t for t in s if t.kind != "punct"]
    if (qw and all(t.editorial for t in qw)) or (not qw and sw and all(t.editorial for t in sw)):
        return [_edit(EditKind.EDITORIAL, q, s)]
    qp = [t for t in q if t.kind == "punct" and not t.editorial]
    sp = [t for t in s if t.kind == "punct" and not t.editorial]
    edits: list[Edit] = []
    if [t.key for t in qp] != [t.key for t in sp]:
        edits.append(_edit(EditKind.PUNCTUATION, qp, sp))
    edits.extend(_classify_words(qw, sw, words))
    return edits


def _words_after(toks: Sequence[_Tok], start: int, n: int) -> list[str]:
    return [t.key for t in toks[start:] if t.kind != "punct"][:n]


def _words_before(toks: Sequence[_Tok], end: int, n: int) -> list[str]:
    keys = [t.key for t in toks[:end] if t.kind != "punct"]
    return keys[-n:] if n else []


def _repeats(keys: list[str], toks: Sequence[_Tok], a: int, b: int) -> bool:
    """True when the words ``keys`` (at ``toks[a:b]``) are copies of the words next to them:
    "we have -- we have", "the the", "I -- I -- I": one or more copies of a phrase of up to
    four words that the speaker then says (or had just said) once more."""
    for unit in range(1, min(4, len(keys)) + 1):
        if len(keys) % unit:
            continue
        phrase = keys[:unit]
        if any(keys[k : k + unit] != phrase for k in range(0, len(keys), unit)):
            continue
        if any(meaning_of(k) for k in phrase) and not any(t.kind == "punct" for t in _around(toks, a, b)):
            continue  # "not not" may be meant; a stutter is marked ("not -- not")
        if _words_after(toks, b, unit) == phrase or _words_before(toks, a, unit) == phrase:
            return True
    return False


def _around(toks: Sequence[_Tok], a: int, b: int) -> Sequence[_Tok]:
    """The tokens of ``toks[a:b]`` and one on either side."""
    return toks[max(0, a - 1) : b + 1]


def _false_start(dropped: Sequence[_Tok], toks: Sequence[_Tok], b: int) -> bool:
    """True when ``dropped`` (ending at ``toks[b]``) is words the speaker broke off at a dash and
    said again: "tells us I should take it -- that we should take it". The restart repeats at
    least half of them and every meaning-bearing one ("should"), so a dropped "not" or a
    changed number is never a false start."""
    words = [t for t in dropped if t.kind != "punct"]
    if not words or len(words) > 8 or dropped[-1].kind != "punct" or "-" not in dropped[-1].key:
        return False
    after = set(_words_after(toks, b, len(words) + 3))
    keys = [t.key for t in words]
    if any(meaning_of(k) and k not in after for k in keys) or any(_is_entity(t) for t in words if t.key not in after):
        return False
    return 2 * sum(k in after for k in keys) >= len(keys)


def _set_off(toks: Sequence[_Tok], a: int, b: int) -> bool:
    """True when ``toks[a:b]`` stands apart: punctuation (a comma, a dash) or the edge on each side."""
    before = a == 0 or toks[a - 1].kind == "punct" or toks[a].kind == "punct"
    after = b >= len(toks) or toks[b].kind == "punct" or toks[b - 1].kind == "punct"
    return before and after


def _speech(q: list[_Tok], s: list[_Tok], at: tuple[int, int, int, int]) -> list[Edit] | None:
    """The difference at ``q[i1:i2]``/``s[j1:j2]`` as an edit reporters make to spoken words,
    or None: a repetition printed once, a filler left out, an interjection at the quote's edge.
    Only words missing from one side: a changed word is never one of these, so a negation, a
    number or a name that differs still counts (and copies that differ are no repetition)."""
    i1, i2, j1, j2 = at
    qs, ss = q[i1:i2], s[j1:j2]
    qw = [t.key for t in qs if t.kind != "punct"]
    sw = [t.key for t in ss if t.kind != "punct"]
    if bool(qw) == bool(sw):
        return None
    toks, side, a, b, keys = (s, ss, j1, j2, sw) if sw else (q, qs, i1, i2, qw)
    edge = a == 0 or b >= len(toks)
    phrase = " ".join(keys)
    if _repeats(keys, toks, a, b):
        kind = EditKind.REPETITION
    elif sw and _false_start(side, toks, b):
        kind = EditKind.FALSE_START
    elif all(k in FILLERS for k in keys) or (phrase in FILLER_PHRASES and _set_off(toks, a, b)):
        kind = EditKind.FILLER
    elif edge and phrase in INTERJECTIONS and _set_off(toks, a, b):
        kind = EditKind.INTERJECTION
    else:
        return None
    return [_edit(kind, [] if sw else side, side if sw else [])]


_GAP_WORDS = 12  # a silent gap longer than this is a splice of two passages, not a dropped phrase


def _dropped_between(location: Location, quote: list[_Tok], words: Mapping[str, str]) -> list[Edit]:
    """A quote joined over a short stretch of the source without an ellipsis (an unmarked
    splice) drops those words: when they hold a negation the quote lacks ("they are *not --*
    they are not simply"), that is a meaning-bearing deletion, whatever else the splice is."""
    if not location.unmarked_splice or len(location.fragments) < 2 or not location.in_order:
        return []
    out = []
    frags = sorted(location.fragments, key=lambda f: f.start)
    whole: list[_Tok] | None = None
    for left, right in itertools.pairwise(frags):
        a, b = left.end - location.start, right.start - location.start
        if not 0 <= a < b <= len(location.text):
            continue
        gap = _tokens(location.text, a, b, shift=location.start)
        gap_words = [t for t in gap if t.kind != "punct"]
        if not gap_words or len(gap_words) > _GAP_WORDS:
            continue
        if whole is None:
            whole = _tokens(location.text, 0, len(location.text), shift=location.start)
        inside = [k for k, t in enumerate(whole) if left.end <= t.span.start and t.span.end <= right.start]
        keys = [t.key for t in gap_words]
        if inside and _repeats(keys, whole, inside[0], inside[-1] + 1):
            # "budget -- council published budget": said twice, the quote joins over the copy
            out.append(_edit(EditKind.REPETITION, [], gap))
            continue
        if inside and _false_start([whole[k] for k in inside], whole, inside[-1] + 1):
            out.append(_edit(EditKind.FALSE_START, [], gap))
            continue
        reason = _meaning(gap_words, quote, words)
        if reason == "negation":  # (a dropped aside, "— all of them —", stays a splice)
            out.append(_edit(EditKind.DELETE, [], gap, meaning=reason))
    return out


def _equal_edits(q: list[_Tok], s: list[_Tok]) -> list[Edit]:
    """Edits inside a run of matching words: contractions, and case (one edit per run of words)."""
    edits: list[Edit] = []
    run_q: list[_Tok] = []
    run_s: list[_Tok] = []

    def flush() -> None:
        if run_q:
            edits.append(_edit(EditKind.CASE, run_q, run_s))
            run_q.clear()
            run_s.clear()

    i = 0
    while i < len(q):
        a, b = q[i], s[i]
        if a.expanded != b.expanded:
            # A contraction on one side only: gather the words it stands for.
            j = i + 1
            while j < len(q) and (
                (q[j].span == q[j - 1].span and q[j].expanded)
                or (s[j].span == s[j - 1].span and s[j].expanded)
            ):
                j += 1
            flush()
            group = (q if a.expanded else s)[i:j]
            if len(group) >= group[0].parts:
                # Only a whole contraction is cosmetic; one split by the
                # alignment ("don't" against "do") is part of another edit.
                edits.append(_edit(EditKind.CONTRACTION, q[i:j], s[i:j]))
            i = j
            continue
        first_of_group = not a.expanded or a.span != (q[i - 1].span if i else None)
        qa, sb = _fold(a.span.text, case=False), _fold(b.span.text, case=False)
        if first_of_group and qa != sb and qa.casefold() == sb.casefold():
            # Keys are equal, so the words differ only in case.
            run_q.append(a)
            run_s.append(b)
        elif first_of_group and a.expanded and b.expanded and qa.casefold() != sb.casefold():
            # two forms of one contraction ("can't" and "cannot"): the same words, another form
            flush()
            j = i + 1
            while j < len(q) and q[j].span == q[j - 1].span and s[j].span == s[j - 1].span:
                j += 1
            if j - i >= max(a.parts, b.parts):  # the whole contraction, not its last word
                edits.append(_edit(EditKind.CONTRACTION, q[i:j], s[i:j]))
            i = j
            continue
        elif first_of_group:
            flush()
        i += 1
    flush()
    return edits


_EDGE_REACH = 8  # source words looked at past either end of a match for a quote's edge word
_SOURCE_WORD = regex.compile(r"[\w'’\-]+")


def _near(a: str, b: str) -> bool:
    """The same word but for a typo, an apostrophe ending or a hyphen ("That's"/"That")."""
    x, y = _fold(a, case=True).strip("'’-"), _fold(b, case=True).strip("'’-")
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    return min(len(x), len(y)) >= 4 and OSA.distance(x, y) <= 1


_TOKEN_REACH = 24  # characters a match may grow by to take the whole of a token it cut


def _in_token(ch: str) -> bool:
    return ch.isalnum() or ch == "%"


def widen(
    quote: Quote | str,
    location: Location,
    source_text: str,
    alignment: Alignment,
    *,
    meaning: Mapping[str, str] | None = None,
    speech_cosmetic: bool = True,
) -> tuple[Location, Alignment]:
    """The match widened to a quote's first or last word when the alignment inserts it but the
    source has it (or a near-identical word) within a few words outside the match, aligned
    again: "The fight was imminent" against "The fight was not -- was not imminent" drops a
    negation, where the match stopped at "The fight was". Kept only when more of the quote's words then match; else the inputs unchanged.

    >>> from quoteverify.location import locate
    >>> src = "The person was too remote? The fight was not -- was not imminent?"
    >>> loc = locate("The fight was imminent", src)
    >>> loc2, ali = widen("The fight was imminent", loc, src, align("The fight was imminent", loc))
    >>> src[loc2.start:loc2.end], [e.describe() for e in ali.edits if e.meaning]
    ('The fight was not -- was not imminent', ['delete "not -- was not" (negation: changes meaning)'])
    """
    text = quote.text if isinstance(quote, Quote) else quote
    if len(location.fragments) > 1 or not alignment.edits:
        return location, alignment
    words = list(_SOURCE_WORD.finditer(text))
    if not words:
        return location, alignment
    start, end = location.start, location.end
    head, tail = alignment.edits[0], alignment.edits[-1]
    if head.kind is EditKind.INSERT and head.quote_start is not None and head.quote_start <= words[0].start():
        before = list(_SOURCE_WORD.finditer(source_text, max(0, start - 200), start))[-_EDGE_REACH:]
        hit = next((m for m in reversed(before) if _near(m.group(), words[0].group())), None)
        if hit is not None:
            start = hit.start()
    if tail.kind is EditKind.INSERT and tail.quote_end is not None and tail.quote_end >= words[-1].end():
        after = list(_SOURCE_WORD.finditer(source_text, end, min(len(source_text), end + 200)))[:_EDGE_REACH]
        hit = next((m for m in after if _near(m.group(), words[-1].group())), None)
        if hit is not None:
            end = hit.end()
    # a match that cuts a source token ("20" of "20%") takes the whole token
    hits = (start, end)
    # (a few characters at most: a text with no spaces, CJK, is not one long token)
    s0 = start
    while s0 - start < _TOKEN_REACH and 0 < start < len(source_text) and _in_token(source_text[start - 1]) and source_text[start].isalnum():
        start -= 1
    if s0 - start >= _TOKEN_REACH:
        start = s0
    e0 = end
    while end - e0 < _TOKEN_REACH and 0 < end < len(source_text) and source_text[end - 1].isalnum() and _in_token(source_text[end]):
        end += 1
    if end - e0 >= _TOKEN_REACH:
        end = e0
    if (
        tail.kind is EditKind.REPLACE
        and tail.source_start is not None
        and tail.source_start >= start
        and not any(ch in SENTENCE_PUNCTUATION for ch in tail.quote_text)
    ):
        # the match ran on into the next sentence ("20%. Then he left" for "20 percent"): cut it there
        cut = sentence_end(source_text, tail.source_start, end)
        if start < cut < end:
            end = cut
    if (start, end) == (location.start, location.end):
        return location, alignment
    span = Span(start, end, source_text[start:end])
    wider = attrs.evolve(location, start=start, end=end, text=span.text, fragments=(span,))
    again = align(text, wider, meaning=meaning, speech_cosmetic=speech_cosmetic)

    def unmatched(a: Alignment) -> int:
        return sum(len(e.quote_text.split()) for e in a.edits if e.kind in (EditKind.INSERT, EditKind.REPLACE))

    if unmatched(again) < unmatched(alignment) or (hits == (location.start, location.end) and unmatched(again) <= unmatched(alignment)):
        return wider, again
    return location, alignment


def _pairs(location: Location, quote_text: str) -> list[tuple[Span, Span]]:
    if location.quote_fragments and len(location.quote_fragments) == len(location.fragments):
        return list(zip(location.quote_fragments, location.fragments, strict=True))
    return [(Span(0, len(quote_text), quote_text), location.span)]


def align(
    quote: Quote | str,
    location: Location,
    *,
    source_text: str | None = None,
    meaning: Mapping[str, str] | None = None,
    speech_cosmetic: bool = True,
) -> Alignment:
    """Align ``quote`` with the source words at ``location``, as typed edits.

    ``location`` comes from :func:`~quoteverify.location.locate`; its
    fragments are aligned one by one with the matching pieces of the quote.
    Source offsets in the edits index the source text (pass ``source_text``
    when the location's fragments should be read from it; by default the
    fragments' own text is used). ``meaning`` replaces the words that carry
    meaning (:data:`~quoteverify.vocabulary.MEANING_WORDS`, see
    :func:`~quoteverify.vocabulary.meaning_words`). The edits reporters make to
    spoken words (a repetition printed once, a filler or an edge interjection
    left out) are their own cosmetic kinds; with ``speech_cosmetic=False`` they
    are word edits like any other.

    >>> from quoteverify.location import locate
    >>> src = "We don't have access to the data."
    >>> a = align("We do not have access to the data", locate("We do not have access to the data", src))
    >>> [(e.kind.value, e.quote_text, e.source_text, e.meaning) for e in a.edits]
    [('contraction', 'do not', "don't", False)]
    """
    text = quote.text if isinstance(quote, Quote) else quote
    if not isinstance(location, Location):
        msg = f"location must be a Location (got {location!r} that is a {type(location).__name__})"
        raise TypeError(msg)
    if not isinstance(text, str):
        msg = f"quote must be str or Quote (got {type(text).__name__})"
        raise TypeError(msg)
    words = MEANING_WORDS if meaning is None else meaning
    quote_toks: list[_Tok] = []
    qtoks_all: list[Span] = []
    stoks_all: list[Span] = []
    opcodes: list[tuple[str, int, int, int, int]] = []
    edits: list[Edit] = []
    kept = 0  # tokens that are the same, or differ only cosmetically
    total = 0
    for qspan, sspan in _pairs(location, text):
        if qspan.end > len(text) or text[qspan.start : qspan.end] != qspan.text:
            msg = "location does not belong to this quote (its quote fragments do not index it)"
            raise InvalidInputError(msg)
        src = sspan.text
        q = _tokens(text, qspan.start, qspan.end)
        s = _tokens(src, 0, len(src), shift=sspan.start)
        if source_text is not None and source_text[sspan.start : sspan.end] != src:
            msg = "location does not index source_text"
            raise InvalidInputError(msg)
        qi, sj = len(qtoks_all), len(stoks_all)
        qk, sk = [t.key for t in q], [t.key for t in s]
        for tag, i1, i2, j1, j2 in _opcodes(qk, sk):
            opcodes.append((tag, i1 + qi, i2 + qi, j1 + sj, j2 + sj))
            if tag == "equal":
                block = _equal_edits(q[i1:i2], s[j1:j2])
            else:
                spoken = _speech(q, s, (i1, i2, j1, j2)) if speech_cosmetic else None
                block = spoken if spoken is not None else _classify(q[i1:i2], s[j1:j2], words)
            edits.extend(block)
            size = (i2 - i1) + (j2 - j1)
            total += size
            if all(e.kind.cosmetic and not e.meaning for e in block):
                kept += size
        qtoks_all.extend(t.span for t in q)
        stoks_all.extend(t.span for t in s)
        quote_toks.extend(q)
    edits.extend(_dropped_between(location, quote_toks, words))
    score = kept / total if total else 1.0
    return Alignment(
        quote_tokens=tuple(qtoks_all),
        source_tokens=tuple(stoks_all),
        opcodes=tuple(opcodes),
        edits=tuple(edits),
        score=round(score, 6),
    )
