"""The query language, and which measures a query finds. ``overrides/assets/search/query.js`` is
its twin; ``tests/test_search_query.py`` feeds both the same queries and compares the output.

A query is cut into terms at spaces, except inside quotation marks (``"…"``, ``“…”``, ``「…」``:
any opening mark, closed by the next mark of any kind, or by the end of the query). A term is
folded like the texts (``tokenize.compact``), so a term is a phrase: 不动产登记 and 不动产“登记”
are the same term. A term that starts with ``-`` (or ``－``) excludes the measures that contain it.
A term typed without quotation marks that is a key of ``expansions`` (``expand.py``: other
spellings of a department, synonyms) also finds the measures with one of its alternatives; a
quoted term, or one to exclude, is exact. Terms that fold to nothing (only punctuation) are
left out.

A measure is found when every term it must have (or one of that term's alternatives) is in one
of its texts, and no excluded term is in any. A query without spaces is one phrase, as always.

Ranking, best first: the whole query (its terms joined in order) in the title; every term in the
title; the whole query in one text; every term in one text; the terms spread over the measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reforms.search.index import own_texts, searchable
from reforms.search.tokenize import compact

SPACES = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
QUOTES = "\"＂“”「」『』"
EXCLUDE = "-－"
MAX_TERMS = 12
MAX_TERM_CHARS = 60

# Ranking levels (higher is better); query.js has the same numbers.
PHRASE_IN_TITLE, ALL_IN_TITLE, PHRASE_IN_TEXT, ALL_IN_ONE_TEXT, SPREAD = 5, 4, 3, 2, 1


@dataclass
class Term:
    text: str  # as typed, without the quotation marks and the minus
    needle: str  # folded
    quoted: bool = False
    exclude: bool = False
    alternatives: list[str] = field(default_factory=list)  # folded; the needle first
    also: list[str] = field(default_factory=list)  # the other alternatives, as written


@dataclass
class Query:
    terms: list[Term]  # those a measure must have
    excluded: list[Term]
    cut: bool = False  # more terms, or longer ones, than are searched for

    @property
    def phrase(self) -> str:
        return "".join(t.needle for t in self.terms)


def split_terms(text: str) -> list[tuple[str, bool, bool]]:
    """(text, quoted, excluded) of each term, before folding."""
    found: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in SPACES:
            i += 1
        if i == n:
            break
        exclude = text[i] in EXCLUDE
        if exclude:
            i += 1
        quoted = False
        piece = ""
        while i < n and text[i] not in SPACES:
            if text[i] in QUOTES:
                quoted = True
                end = i + 1
                while end < n and text[end] not in QUOTES:
                    end += 1
                piece += text[i + 1 : end]
                i = end + 1
            else:
                piece += text[i]
                i += 1
        found.append((piece, quoted, exclude))
    return found


def parse(text: str, expansions: dict[str, list[str]] | None = None) -> Query:
    query = Query([], [])
    for piece, quoted, exclude in split_terms(text):
        needle = compact(piece)
        if not needle:
            continue
        if len(needle) > MAX_TERM_CHARS:
            needle, query.cut = needle[:MAX_TERM_CHARS], True
        also = [] if quoted or exclude else (expansions or {}).get(needle, [])
        term = Term(piece, needle, quoted, exclude, [needle, *(compact(a) for a in also)], list(also))
        group = query.excluded if exclude else query.terms
        if len(query.terms) + len(query.excluded) >= MAX_TERMS:
            query.cut = True
            continue
        group.append(term)
    return query


def has(texts: list[str], term: Term) -> bool:
    return any(alternative in text for alternative in term.alternatives for text in texts)


def matches(texts: list[str], query: Query) -> bool:
    """Whether a measure whose folded texts are ``texts`` is found by the query."""
    return all(has(texts, t) for t in query.terms) and not any(has(texts, t) for t in query.excluded)


def rank(title: str, texts: list[str], query: Query) -> int:
    """The ranking level of a found measure: its folded title, and all its folded texts."""
    phrase = query.phrase
    if phrase and phrase in title:
        return PHRASE_IN_TITLE
    if query.terms and all(has([title], t) for t in query.terms):
        return ALL_IN_TITLE
    if phrase and any(phrase in text for text in texts):
        return PHRASE_IN_TEXT
    if query.terms and any(all(has([text], t) for t in query.terms) for text in texts):
        return ALL_IN_ONE_TEXT
    return SPREAD


@dataclass
class FoldedMeasure:
    id: str
    title: str
    own: list[str]  # its own texts, the title first
    every: list[str]  # with its document's


def folded_measures(resolved) -> list[FoldedMeasure]:
    """Every measure's folded texts, as the query rule reads them (``index.searchable``)."""
    result = []
    for measure in resolved.measures:
        own = [compact(t) for texts in own_texts(measure).values() for t in texts]
        every = [compact(t) for texts in searchable(measure).values() for t in texts]
        result.append(FoldedMeasure(measure.id, own[0], own, every))
    return result


def found(measures: list[FoldedMeasure], query: Query) -> dict[str, int]:
    """The measures the query finds, each with its ranking level."""
    return {m.id: rank(m.title, m.own, query) for m in measures if matches(m.every, query)}
