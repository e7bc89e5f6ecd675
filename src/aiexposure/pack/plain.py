"""Plain words: how long a sentence may be and which words to use, over every text a person reads.

`rules check` applies these rules (the pack's `plain` and `glossary`, in glossary.yaml); loading a pack for any
other command does not, so a pack with one long sentence still gives people their reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from aiexposure.escape import one_line
from aiexposure.pack.schema import LANGS, GlossaryTerm, Lang, Option, Pack, Source, Task, Text
from aiexposure.pack.yamlsource import Path_

Problem = tuple[Path_, str]

# A sentence ends after '.', '!' or '?' followed by a space, and at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
FIRST_WORDS = 8  # how much of a long sentence an error quotes: enough to find it in the file

# Texts no person reads as sentences of the pack's own, so neither rule applies to them (each kind is also a
# plain string, not an en/id text, except `formerly`):
# - a source's `citation`: a bibliographic reference for researchers that quotes titles as they were published
#   ("Generative AI and Jobs"); a source's short names are checked, as reports show them beside findings;
# - an option's or a task's `formerly`: its labels in earlier releases, kept word for word so old answer files and
#   old class forms still read;
# - the glossary itself (its `use` words and `means` notes): it has checks of its own, below;
# - a role's `words` (names people type, such as "ojol") and a task's `matches` (an index's own task wording).
_NOT_CHECKED: frozenset[tuple[type[BaseModel], str]] = frozenset(
    {(Option, "formerly"), (Task, "formerly"), (Pack, "glossary")}
)


def sentences(text: str) -> list[str]:
    """The sentences of `text`: split at line breaks, then after '.', '!' or '?' followed by a space."""
    found: list[str] = []
    for line in text.splitlines():
        found += [part for part in _SENTENCE_END.split(line) if part.strip()]
    return found


def word_count(sentence: str) -> int:
    """Words are what spaces separate: a `{placeholder}` is one word, and so is '15%' or '(KP'."""
    return len(sentence.split())


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """`phrase` as whole words, in any case, with any run of spaces between its words ('nilai' is not in
    'menilai')."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def texts(pack: Pack) -> Iterator[tuple[Path_, Lang, str]]:
    """Every text a person reads, with its data path and language: each en/id text, and the sources' short names."""
    borrowed = set(pack.borrowed_messages())  # the shipped pack's words, not this pack's author's
    for path, lang, text in _walk(pack, ()):
        if path[0] == "messages" and path[1] in borrowed:
            continue
        yield path, lang, text


def _walk(node: Any, path: Path_) -> Iterator[tuple[Path_, Lang, str]]:
    if isinstance(node, Text):
        for lang in LANGS:
            yield (*path, lang), lang, node(lang)
    elif isinstance(node, Source):
        yield (*path, "short"), "en", node.short
        yield (*path, "short" if node.short_id is None else "short_id"), "id", node.name("id")
    elif isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            if (type(node), name) not in _NOT_CHECKED:
                yield from _walk(getattr(node, name), (*path, field.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def plain_problems(pack: Pack) -> list[Problem]:
    """Every plain-words problem: the glossary's own, then each text's long sentences and avoided words."""
    problems = list(_glossary(pack.glossary))
    limit = pack.plain.max_sentence_words if pack.plain is not None else None
    # each phrase with its first word in lower case: a text without that word needs no regular expression, which
    # keeps the check of a whole pack (some 1,800 texts, each against every phrase) fast
    avoided = {
        lang: [
            (term, phrase.split()[0].lower(), phrase_pattern(phrase))
            for term in pack.glossary
            for phrase in term.avoid(lang)
        ]
        for lang in LANGS
    }
    for path, lang, text in texts(pack):
        if limit is not None:
            problems += [(path, _too_long(lang, sentence, limit)) for sentence in _long(text, limit)]
        lowered = text.lower()
        for term, first, pattern in avoided[lang]:
            found = pattern.search(text) if first in lowered else None
            if found is not None:
                shown = " ".join(found.group(0).split())
                problems.append(
                    (
                        path,
                        f"'{one_line(shown)}' ({lang}) is a word the glossary avoids for '{term.id}'; "
                        f"use '{term.use(lang)}'",
                    )
                )
    return problems


def _long(text: str, limit: int) -> list[str]:
    return [sentence for sentence in sentences(text) if word_count(sentence) > limit]


def _too_long(lang: Lang, sentence: str, limit: int) -> str:
    words = sentence.split()
    start = " ".join(words[:FIRST_WORDS]) + (" …" if len(words) > FIRST_WORDS else "")
    return (
        f'a sentence ({lang}) of {len(words)} words, more than {limit}: "{one_line(start)}"; '
        "split it into shorter sentences"
    )


def _glossary(terms: list[GlossaryTerm]) -> Iterator[Problem]:
    """A glossary that can be followed: one entry per idea, and no word to use that the glossary itself refuses."""
    ids = [term.id for term in terms]
    for index, term in enumerate(terms):
        path: Path_ = ("glossary", index)
        if ids.index(term.id) != index:
            yield (*path, "id"), f"glossary id '{term.id}' is used twice"
        for lang in LANGS:
            for number, phrase in enumerate(term.avoid(lang)):
                pattern = phrase_pattern(phrase)
                for other in terms:
                    if pattern.search(other.use(lang)) is None:
                        continue
                    whose = "its own word to use" if other is term else f"the word to use for '{other.id}'"
                    yield (
                        (*path, "avoid", lang, number),
                        f"'{one_line(phrase)}' is found in {whose}, '{other.use(lang)}', so that word would be "
                        "refused too; remove it from avoid or choose another word to use",
                    )
