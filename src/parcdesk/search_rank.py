"""How a search query meets an item, and which hits come first — for the window's search box
and `parcdesk search` alike (one rule, one place).

What a Vietnamese reader expects of a search box:

- a word typed **with its marks** ("ngân") matches those marks: it finds "ngân", not "ngàn" or
  "ngành"; a word typed **without marks** ("ngan") matches the folded text (đ = d) as before.
  When nothing holds the marked words, the query is taken folded instead (a mistyped mark
  should not leave the officer with nothing);
- the whole phrase, in order, ranks above the same words scattered;
- a whole word ranks above a word's beginning, which ranks above a piece inside a word
  ("ngan" puts "ngân" above "ngành");
- the title ranks above the other fields (target, agencies, notes), which rank above what was
  written in the period's progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from parcdesk.text import clean, fold_for_search, fold_search_text

T = TypeVar("T")

# What each field is worth, and what each way of matching is worth within a field.
TITLE, OTHER, PROGRESS = 3, 2, 1
WHOLE_PHRASE, WHOLE_WORD, WORD_START, INSIDE = 40, 6, 3, 1
MARKS = 100  # every marked word found with its marks: above any folded-only hit

# Everything that is not a letter or a digit separates words. A translate table (one C-level
# pass) rather than a regex: the command line judges thousands of items per query.
_PUNCTUATION = "".join(chr(c) for c in range(0x80) if not chr(c).isalnum()) + \
    "\u00a0\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2264\u2265\u00ab\u00bb\u00b7"
_SEPARATE = str.maketrans({c: " " for c in _PUNCTUATION})
# The folded copies are ASCII: bytes.translate (a 256-byte table) is several times quicker there
_SEPARATE_ASCII = bytes(32 if chr(b) in _PUNCTUATION else b for b in range(256))


def _words_line(text: str) -> str:
    """" w1 w2 … ": punctuation made spaces, padded, so that " w " finds a whole word (one pass)."""
    if text.isascii():
        return " " + text.encode("ascii").translate(_SEPARATE_ASCII).decode("ascii") + " "
    return " " + text.translate(_SEPARATE) + " "


class _once(Generic[T]):
    """functools.cached_property without its lock (Python 3.11 takes one per read, which costs
    more than the search's own work): computed at first read, then a plain attribute."""

    def __init__(self, make: Callable[[Any], T]):
        self.make, self.name = make, make.__name__

    def __get__(self, obj: Any, owner: Any = None) -> T:
        value = obj.__dict__[self.name] = self.make(obj)
        return value


def marked(text: str | None) -> str:
    """The text as compared with its marks: NFC, case folded, whitespace single."""
    return " ".join(clean(text or "").casefold().split())


@dataclass(frozen=True)
class QueryWord:
    folded: str
    marked: str | None  # the word as typed, when it carries marks (đ included); else None


@dataclass(frozen=True)
class Query:
    words: tuple[QueryWord, ...]

    @property
    def has_marks(self) -> bool:
        return any(word.marked for word in self.words)

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(text: str | None) -> Query:
    words = []
    for typed in marked(text).translate(_SEPARATE).split():
        folded = fold_search_text(typed)
        if folded:
            words.append(QueryWord(folded, typed if folded != typed else None))
    return Query(tuple(words))


class ItemText:
    """An item's searchable text by field weight — title, its other fields (target, agencies,
    notes…), the progress written — in both forms (with marks, folded), made when first asked.
    `folded_other` / `folded_progress`: the database's folded copies, when at hand."""

    def __init__(self, title: str, other: str, progress: str = "", folded_other: str | None = None,
                 folded_progress: str | None = None, folded_title: str | None = None):
        self._title, self._other, self._progress = title or "", other or "", progress or ""
        self._folded_other, self._folded_progress = folded_other, folded_progress
        self._folded_title = folded_title

    @classmethod
    def of(cls, title: str, others: list[str], progress: list[str] | None = None) -> "ItemText":
        return cls(title, " | ".join(t for t in others if t), " | ".join(t for t in (progress or []) if t))

    @_once
    def folded(self) -> tuple[str, str, str]:
        other = self._folded_other if self._folded_other is not None else fold_for_search(self._other)
        progress = self._folded_progress if self._folded_progress is not None else fold_for_search(self._progress)
        title = self._folded_title if self._folded_title is not None else fold_search_text(self._title)
        return _words_line(title), _words_line(other), _words_line(progress)

    @_once
    def with_marks(self) -> tuple[str, ...]:
        return tuple(_words_line(marked(t)) for t in (self._title, self._other, self._progress))

    @_once
    def folded_all(self) -> str:
        return "".join(self.folded)

    @_once
    def marked_all(self) -> str:
        return "".join(self.with_marks)


_WEIGHTS = (TITLE, OTHER, PROGRESS)
_KINDS = (WHOLE_WORD, WORD_START, INSIDE)  # the patterns " w ", " w", "w" (each implies the next)

# A word's worth is the best (field weight × kind of match) over the fields that hold it. Every
# (field, kind) pair, best first: the first that holds gives the same figure as trying them all,
# usually at the first or second look (a title's whole word) — the scoring runs per item per
# keystroke, so this ladder is what keeps the window's filter-as-you-type quick.
_LADDER = tuple(sorted(((weight * kind, field, k) for field, weight in enumerate(_WEIGHTS)
                        for k, kind in enumerate(_KINDS)), key=lambda rung: -rung[0]))
_PHRASE_LADDER = tuple(sorted(((weight * WHOLE_PHRASE, field) for field, weight in enumerate(_WEIGHTS)),
                              key=lambda rung: -rung[0]))


def _patterns(words: list[str]) -> tuple[str | None, tuple[tuple[str, str, str], ...]]:
    """The phrase (in order, nothing between: a comma breaks it) and each word's three patterns."""
    phrase = " " + " ".join(words) + " " if len(words) > 1 else None
    return phrase, tuple((" " + word + " ", " " + word, word) for word in words)


def _score_form(patterns: tuple[str | None, tuple[tuple[str, str, str], ...]], fields: tuple[str, ...]) -> int:
    phrase, words = patterns
    score = 0
    if phrase is not None:
        for value, field in _PHRASE_LADDER:
            if phrase in fields[field]:
                score += value
                break
    for word in words:
        for value, field, kind in _LADDER:
            if word[kind] in fields[field]:
                score += value
                break
    return score


class Matcher:
    """A parsed query, to judge many items. Everything about the query itself (its patterns,
    which words carry marks) is worked out once here, not per item."""

    def __init__(self, query: Query):
        self.query = query
        self._folded = [w.folded for w in query.words]
        self._marked = [w.marked or w.folded for w in query.words]
        self._with_marks_needed = tuple(w.marked for w in query.words if w.marked)
        self._folded_needed = tuple(w.folded for w in query.words if not w.marked)
        self._folded_patterns = _patterns(self._folded)
        self._marked_patterns = _patterns(self._marked)

    def matches(self, text: ItemText, with_marks: bool) -> bool:
        """Every word somewhere in the item: marked words with their marks when `with_marks`."""
        if with_marks:
            haystack = text.marked_all
            for word in self._with_marks_needed:
                if word not in haystack:
                    return False
            words: tuple[str, ...] | list[str] = self._folded_needed
        else:
            words = self._folded
        haystack = text.folded_all
        for word in words:
            if word not in haystack:
                return False
        return True

    def score(self, text: ItemText, with_marks: bool) -> int:
        score = _score_form(self._folded_patterns, text.folded)
        if with_marks:
            score += _score_form(self._marked_patterns, text.with_marks) + MARKS
        return score


def rank(query: Query, texts: dict[int, ItemText], order: list[int] | None = None,
         folded_already: bool = False) -> list[int]:
    """The ids of the items the query finds, best first; ties keep `order` (the plan's order).
    `folded_already`: every text given holds the folded words (the database narrowed them)."""
    if not query:
        return []
    matcher = Matcher(query)
    ids = order if order is not None else list(texts)
    with_marks = query.has_marks
    hits = [i for i in ids if matcher.matches(texts[i], True)] if with_marks else []
    if not hits:  # no marks typed, or nothing holds them: the folded match
        with_marks = False
        hits = ids if folded_already else [i for i in ids if matcher.matches(texts[i], False)]
    scores = {i: matcher.score(texts[i], with_marks) for i in hits}
    return sorted(hits, key=lambda i: -scores[i])  # sorted() is stable: ties keep the plan's order
