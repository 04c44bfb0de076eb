"""The repeat-yourself detector: when a customer had to tell us again what we already knew.

A passage is something the customer told us (an inbound contact) or something a
colleague recorded (a handover note's wants, promised or tried). A later inbound
contact repeats an earlier passage when it says the same thing and nothing new:

* its key facts (order numbers, sizes, dates, times, amounts, other numbers) are all
  in the earlier passage, so "the 43 you sent is also too small" after "42 is too
  small, can I have a 43?" is news, not a repeat;
* its words are close to the earlier ones (rapidfuzz's token-set ratio on normalised
  text: case folded, greetings and sign-offs dropped, a few synonyms read as one);
* few of its content words are new (each matched fuzzily, so "boot" covers "boots").

It is a new contact, not the same conversation going on: another channel, another
colleague, or hours later. The thresholds were fixed on the training split of the
labelled timelines in ``evaluation`` (bench/repeat_detector.py) and never on its test split.
When ``sentence-transformers`` is installed, embedding similarity is blended into the
word similarity, so a paraphrase with no shared words can still be caught.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from rapidfuzz import fuzz, process

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Thresholds:
    score: float  # half word similarity, half the share of its words and facts we had heard
    coverage: float  # the least share of the contact's content words and facts we had heard
    # A repeat shares at least this many content words (a key fact counts two).
    shared: int = 2


# Chosen on the training split by bench/repeat_detector.py (it prints its choice each run).
THRESHOLDS = Thresholds(score=0.5, coverage=0.7)
# Two content words are the same word when this close (plurals, small typos).
WORD_MATCH = 84
# The same channel and colleague within this long is one conversation continuing.
SAME_CONVERSATION = datetime.timedelta(hours=6)
# What we knew more than this long ago is not held against the next contact.
HORIZON = datetime.timedelta(days=180)
# The most earlier passages one contact is compared with, newest first.
MAX_EARLIER = 100
# Blend of embedding similarity into word similarity when a semantic model is loaded.
SEMANTIC_WEIGHT = 0.5
SEMANTIC_MODEL = os.environ.get("EVERTHREAD_SEMANTIC_MODEL", "all-MiniLM-L6-v2")

INBOUND = "inbound"
NOTE_FIELDS = ("wants", "promised", "tried")


@dataclass(frozen=True)
class Passage:
    entry_id: int  # the TimelineEntry's id, or the note's id when from a note's field
    kind: str  # "interaction", or "note.wants" / "note.promised" / "note.tried"
    occurred_at: datetime.datetime
    channel: str
    staff_id: int | None
    text: str
    direction: str = INBOUND  # an interaction's direction; notes are what we recorded

    @property
    def is_note(self) -> bool:
        return self.kind.startswith("note")

    @property
    def is_inbound(self) -> bool:
        return not self.is_note and self.direction == INBOUND


@dataclass(frozen=True)
class Repeat:
    customer_id: int
    earlier: Passage
    later: Passage
    score: float
    reason: str


# --- Normalising text -------------------------------------------------------------------

_GREETINGS = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|dear|good\s+(?:morning|afternoon|evening)|morning)\b[^,.!\n]{0,25}[,.!\n]?",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:thanks?(?:\s+you)?(?:\s+so\s+much)?|many\s+thanks|cheers|kind\s+regards|best\s+wishes|"
    r"regards|best|speak\s+soon|ta)\b[\s,.!]*(?:\w+[\s.!]*)?$",
    re.I,
)
_WORD = re.compile(r"[a-z]+|\d+(?:[.:]\d+)?")
# "One" is left alone: "asked to reserve one" names no number.
_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
# Words customers use for the same thing: read as one so rewording is not news.
_SYNONYMS = {
    "swap": "exchange", "change": "exchange", "replace": "exchange", "replacement": "exchange",
    "tight": "small", "smaller": "small", "large": "big", "bigger": "big", "loose": "big",
    "allergic": "allergy", "allergies": "allergy", "kids": "children", "child": "children",
    "arrived": "delivered", "arrive": "delivered", "delivery": "delivered", "parcel": "order",
    "package": "order", "purchase": "order", "refunded": "refund", "booking": "book",
    "booked": "book", "reservation": "book", "reserve": "hold", "reserved": "hold",
    "kept": "hold", "keep": "hold", "shop": "store", "branch": "store", "trainers": "shoes",
    "sneakers": "shoes", "pair": "shoes", "jumper": "sweater", "pullover": "sweater",
    "pass": "membership", "cost": "price", "expensive": "price", "worry": "worried",
    "concern": "worried", "concerned": "worried",
}  # fmt: skip
_FILLER = """a an the and or but if so to of in on at for from with by as is are was were be
been am i me my we us our you your it its this that these those they them their he she his
her do does did have has had can could would will shall should may might must just please
thanks thank hi hello hey there here what when where which who how about into out up get got
any some not no yes ok okay again still one also too very really yet already"""
# How a colleague logs what the customer said, and how customers say they are chasing.
_REPORTING = """customer guest client member caller told tell tells said say says asked ask
asking asks explained called call calling mentioned following follow remind reminder
reminded enquiring wants wanted wanting looking need needs needed"""
_STOPWORDS = frozenset(_FILLER.split()) | frozenset(_REPORTING.split())
# Said again, these words mean the contact adds something: "also", "instead", "now".
_NEWS_WORDS = frozenset({"also", "another", "instead", "now", "new", "different", "other"})


def normalise(text: str) -> str:
    """Case folded, curly quotes straightened, greetings and sign-offs dropped, number words
    as digits and synonyms as one word."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    text = _GREETINGS.sub("", text, count=1)
    text = _SIGN_OFF.sub("", text.strip())
    words = [_NUMBER_WORDS.get(w, w) for w in _WORD.findall(text.casefold())]
    return " ".join(_SYNONYMS.get(w, w) for w in words)


def content_words(normalised: str) -> list[str]:
    words = normalised.split()
    kept = [w for w in words if not w.isdigit() and len(w) > 2 and w not in _STOPWORDS]
    return kept + [w for w in words if w in _NEWS_WORDS]


# --- Key facts --------------------------------------------------------------------------

_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b", re.I)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_FACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("order number", re.compile(r"\b([a-z]{1,4})-?(\d{4,})\b", re.I)),
    (
        "date",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})[a-z]*\.?|\b({_MONTHS})[a-z]*\.?"
            rf"\s+(\d{{1,2}})(?:st|nd|rd|th)?\b",
            re.I,
        ),
    ),
    ("day", re.compile(rf"\b({_DAYS})\b", re.I)),
    ("time", re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(?:am|pm)?\b|\b(\d{1,2})\s*(am|pm)\b", re.I)),
    ("amount", re.compile(r"[£$€]\s?(\d[\d,]*)(?:\.\d\d)?", re.I)),
    ("size", re.compile(r"\b(?:eu|uk|us|size|sz)\s*(\d{1,2}(?:\.5)?)\b", re.I)),
    ("number", re.compile(r"\b(\d+(?:\.\d+)?)\b")),
)


@dataclass(frozen=True)
class Fact:
    kind: str
    key: str  # what two mentions share: "43" for "EU 43" and "a 43"
    said: str  # as the customer or colleague wrote it


def facts(text: str) -> dict[str, Fact]:
    """The key facts in a passage by key, each with its richest kind and its own words."""
    found: dict[str, Fact] = {}
    text = _NUMBER_WORD.sub(lambda match: _NUMBER_WORDS[match.group(0).casefold()], text)
    for kind, pattern in _FACTS:
        for match in pattern.finditer(text):
            key = _fact_key(kind, match)
            found.setdefault(key, Fact(kind, key, match.group(0).strip()))
        text = pattern.sub(" ", text)  # a fact is read once, by its most specific kind
    return found


def _fact_key(kind: str, match: re.Match[str]) -> str:
    groups = [g.casefold()[:3] if g.isalpha() else g for g in match.groups() if g]
    if kind in ("amount", "size", "number"):
        return groups[0].replace(",", "")
    if kind == "date":
        return " ".join(sorted(groups))
    if kind == "time":
        return ":".join(groups)
    return "".join(groups).casefold()


# --- Comparing two passages -------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A passage as the detector compares it, read once."""

    passage: Passage
    normalised: str
    words: tuple[str, ...]
    facts: Mapping[str, Fact]

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.words)


def reading_of(passage: Passage) -> Reading:
    normalised = normalise(passage.text)
    return Reading(passage, normalised, tuple(content_words(normalised)), facts(passage.text))


@dataclass(frozen=True)
class Comparison:
    score: float
    coverage: float
    shared_facts: tuple[Fact, ...]
    shared_words: tuple[str, ...]
    new_facts: tuple[str, ...]

    def is_repeat(self, thresholds: Thresholds) -> bool:
        shared = len(self.shared_words) + 2 * len(self.shared_facts)
        return (
            not self.new_facts
            and shared >= thresholds.shared
            and self.coverage >= thresholds.coverage
            and self.score >= thresholds.score
        )


def compare(
    earlier: Reading,
    later: Reading,
    *,
    similarity: float,
    alike: Mapping[str, frozenset[str]] | None = None,
) -> Comparison:
    """How much ``later`` says what ``earlier`` said, and whether it adds a fact.

    ``similarity`` is 0-100 (token-set ratio, or its blend with a semantic model);
    ``alike`` maps each of the later words to the words it matches, when known already."""
    new_facts = tuple(key for key in later.facts if key not in earlier.facts)
    shared_facts = tuple(
        # "a 43" told again is the size when the earlier passage said "EU 43".
        earlier.facts[key] if later.facts[key].kind == "number" else later.facts[key]
        for key in later.facts
        if key in earlier.facts
    )
    alike = alike if alike is not None else words_alike(later, earlier.vocabulary)
    heard = earlier.vocabulary
    shared = [
        word
        for word in later.words
        if (word not in _NEWS_WORDS or word in heard) and not alike[word].isdisjoint(heard)
    ]
    # A key fact heard before counts as a word heard before.
    said = len(later.words) + len(later.facts)
    coverage = (len(shared) + len(shared_facts)) / said if said else 0.0
    score = 0.5 * similarity / 100 + 0.5 * coverage
    return Comparison(
        round(score, 4), coverage, shared_facts, tuple(dict.fromkeys(shared)), new_facts
    )


def words_alike(later: Reading, vocabulary: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each of the later words with the words of ``vocabulary`` it matches (itself, plurals,
    small typos), scored all at once."""
    choices = sorted(set(vocabulary) | set(later.words))
    scores = process.cdist(later.words, choices, scorer=fuzz.ratio, score_cutoff=WORD_MATCH)
    return {
        word: frozenset(choices[j] for j in scores[i].nonzero()[0])
        for i, word in enumerate(later.words)
    }


def _new_contact(earlier: Passage, later: Passage) -> bool:
    """Not the same conversation going on: another channel, colleague, or hours later."""
    if earlier.is_note:
        return True
    same_place = earlier.channel == later.channel and earlier.staff_id == later.staff_id
    return not same_place or later.occurred_at - earlier.occurred_at >= SAME_CONVERSATION


# --- The detector -----------------------------------------------------------------------


def repeats_detect(
    passages: Sequence[Passage],
    *,
    customer_id: int = 0,
    staff_names: Mapping[int, str] | None = None,
    thresholds: Thresholds = THRESHOLDS,
) -> list[Repeat]:
    """Every later inbound contact that told us again what an earlier passage said.

    One repeat per later contact: the earlier passage it repeats most closely. Pure:
    the evaluation calls it on generated timelines, the pages on real ones."""
    found: list[Repeat] = []
    for later, pairs in candidates(passages):
        best = best_repeat(pairs, thresholds)
        if best is not None:
            earlier, comparison = best
            reason = reason_of(earlier, later, comparison, staff_names or {})
            found.append(Repeat(customer_id, earlier, later, comparison.score, reason))
    return found


Candidates = list[tuple[Passage, Comparison]]


def candidates(passages: Sequence[Passage]) -> list[tuple[Passage, Candidates]]:
    """Each later inbound contact with its comparison to every earlier passage it could
    repeat: what the detector decides on, and what thresholds are tuned on."""
    ordered = sorted(passages, key=lambda p: (p.occurred_at, p.entry_id))
    readings = [reading_of(p) for p in ordered]
    known = [r for r in readings if r.passage.is_note or r.passage.is_inbound]
    moments = [r.passage.occurred_at for r in known]
    compared = []
    for later in readings:
        if not later.passage.is_inbound or not later.words:
            continue
        earlier = _earlier_known(known, moments, later.passage)
        if earlier:
            compared.append((later.passage, _compare_all(earlier, later)))
    return compared


def best_repeat(pairs: Candidates, thresholds: Thresholds) -> tuple[Passage, Comparison] | None:
    passing = [pair for pair in pairs if pair[1].is_repeat(thresholds)]
    # The closest; of equals, the latest: the last time they told us.
    return max(reversed(passing), key=lambda pair: pair[1].score, default=None)


def _earlier_known(
    known: list[Reading], moments: list[datetime.datetime], later: Passage
) -> list[Reading]:
    """The latest MAX_EARLIER passages within HORIZON before ``later``: a long history costs
    each contact a bounded number of comparisons."""
    first = bisect.bisect_left(moments, later.occurred_at - HORIZON)
    last = bisect.bisect_left(moments, later.occurred_at)
    window = known[max(first, last - MAX_EARLIER) : last]
    return [r for r in window if r.passage is not later and _new_contact(r.passage, later)]


def _compare_all(earlier: list[Reading], later: Reading) -> Candidates:
    # A passage the contact adds a key fact to is never what it repeats: skip it cheaply.
    earlier = [r for r in earlier if later.facts.keys() <= r.facts.keys()]
    if not earlier:
        return []
    ratios = process.cdist(
        [later.normalised], [r.normalised for r in earlier], scorer=fuzz.token_set_ratio
    )[0]
    alike = words_alike(later, (word for r in earlier for word in r.words))
    semantic = _semantic_similarities(later, earlier)
    pairs = []
    for index, reading in enumerate(earlier):
        similarity = float(ratios[index])
        if semantic is not None:
            similarity = (1 - SEMANTIC_WEIGHT) * similarity + SEMANTIC_WEIGHT * semantic[index]
        comparison = compare(reading, later, similarity=similarity, alike=alike)
        pairs.append((reading.passage, comparison))
    return pairs


# --- Optional semantic similarity -------------------------------------------------------


@functools.cache
def semantic_model() -> Any | None:
    """The sentence-embedding model when the `semantic` extra is installed; None otherwise."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    try:
        return SentenceTransformer(SEMANTIC_MODEL)
    except OSError as error:  # installed, but the model is neither cached nor downloadable
        log.warning("Repeat detector without semantic similarity: %s", error)
        return None


def _semantic_similarities(later: Reading, earlier: list[Reading]) -> list[float] | None:
    model = semantic_model()
    if model is None:
        return None
    texts = [later.normalised, *(r.normalised for r in earlier)]
    vectors = model.encode(texts, normalize_embeddings=True)
    return [max(0.0, float(vectors[0] @ vector)) * 100 for vector in vectors[1:]]


# --- Saying why, in words staff understand ----------------------------------------------

_CHANNEL_PHRASES = {
    "in_store": "in store",
    "phone": "on the phone",
    "email": "by email",
    "chat": "in live chat",
    "sms": "by SMS",
    "whatsapp": "on WhatsApp",
    "instagram": "on Instagram",
    "x": "on X",
    "messenger": "on Messenger",
    "web_form": "in a web form",
    "app": "in the app",
    "video": "on a video appointment",
    "click_and_collect": "at click and collect",
}
_NOTE_FIELD_WORDS = {"wants": "wants", "promised": "promises", "tried": "what was tried"}


def reason_of(
    earlier: Passage, later: Passage, comparison: Comparison, staff_names: Mapping[int, str]
) -> str:
    """E.g. "the size (EU 43) was already in Chloe Evans's note of 3 March; told again in
    store to Marcus Bell"."""
    if comparison.shared_facts:
        said = [f"the {fact.kind} ({fact.said})" for fact in comparison.shared_facts[:2]]
        what = " and ".join(said)
        verb = "were" if len(said) > 1 else "was"
    else:
        what, verb = f"what they said ({', '.join(comparison.shared_words[:3])})", "was"
    when = _day(earlier.occurred_at)
    if earlier.is_note:
        field = _NOTE_FIELD_WORDS.get(earlier.kind.partition(".")[2], "text")
        author = staff_names.get(earlier.staff_id or 0)
        whose = f"{author}'s note" if author else "a handover note"
        where = f"in {whose} of {when} ({field})"
    else:
        heard_by = staff_names.get(earlier.staff_id or 0)
        where = f"told {_CHANNEL_PHRASES.get(earlier.channel, 'to us')} on {when}"
        where += f" to {heard_by}" if heard_by else ""
    again = f"told again {_CHANNEL_PHRASES.get(later.channel, 'to us')}"
    listener = staff_names.get(later.staff_id or 0)
    if listener:
        again += f" to {listener}"
    return f"{what} {verb} already {where}; {again}"


def _day(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local.day} {local:%B %Y}"
