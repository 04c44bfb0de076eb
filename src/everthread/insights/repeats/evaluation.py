"""A labelled set of generated timelines for measuring the repeat-yourself detector.

Each timeline is a few needs told across channels and colleagues: the customer's
first message, our answer, sometimes a handover note recording it. Then later
contacts, each labelled:

* a planted **repeat**: the same request, fact or complaint in other words, often in
  another channel or to another colleague, sometimes only recorded in a note before;
* a **hard negative**: the same topic with new information ("the 43 you sent is also
  too small", "the wedding moved to 21 March");
* an **unrelated** contact: another need altogether.

Needs are split between training and test by topic, so the test split's wording and
facts were never seen when the thresholds were chosen. Seeded: the same arguments give
the same set.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from everthread.insights.repeats.detect import (
    Passage,
    Repeat,
    Thresholds,
    best_repeat,
    candidates,
    repeats_detect,
)

# A need: how to draw its facts, then what each kind of contact about it says.
Facts = dict[str, str]


@dataclass(frozen=True)
class Topic:
    name: str
    draw: Callable[[random.Random], Facts]
    first: tuple[str, ...]  # the customer tells us
    noted: tuple[str, ...]  # a colleague's note of what they want
    again: tuple[str, ...]  # the customer tells us again, nothing new
    news: tuple[str, ...]  # the same topic with new information


def _order(rng: random.Random) -> str:
    return f"{rng.choice(['HF', 'PF', 'MH', 'OR'])}-{rng.randint(100000, 999999)}"


def _shoe(rng: random.Random) -> Facts:
    size = rng.randint(37, 45)
    return {
        "order": _order(rng),
        "item": rng.choice(["boots", "trainers", "loafers", "brogues"]),
        "size": str(size),
        "want": str(size + 1),
        "next": str(size + 2),
    }


def _dress(rng: random.Random) -> Facts:
    day = rng.randint(3, 24)
    return {
        "size": str(rng.choice([8, 10, 12, 14, 16])),
        "colour": rng.choice(["emerald", "navy", "burgundy", "ivory"]),
        "other": rng.choice(["black", "blush pink", "silver"]),
        "date": f"{day} {rng.choice(['March', 'April', 'June', 'September'])}",
        "moved": f"{day + 5} {rng.choice(['May', 'July', 'October'])}",
        "budget": str(rng.choice([300, 400, 500])),
    }


def _stay(rng: random.Random) -> Facts:
    hour = rng.choice([22, 23])
    return {
        "time": f"{hour}:{rng.choice(['00', '15', '30', '45'])}",
        "later": f"0{rng.randint(0, 2)}:{rng.choice(['00', '30'])}",
        "room": str(rng.randint(101, 540)),
        "date": f"{rng.randint(1, 28)} {rng.choice(['May', 'August', 'November'])}",
    }


def _membership(rng: random.Random) -> Facts:
    return {
        "children": str(rng.randint(2, 3)),
        "club": rng.choice(["Bristol", "Bath"]),
        "price": str(rng.choice([60, 75, 90])),
    }


def _order_late(rng: random.Random) -> Facts:
    return {"order": _order(rng), "days": str(rng.randint(5, 9))}


def _coat(rng: random.Random) -> Facts:
    return {
        "size": str(rng.choice([8, 10, 12, 14])),
        "colour": rng.choice(["camel", "grey", "navy"]),
        "store": rng.choice(["Manchester", "Leeds", "Covent Garden"]),
    }


TOPICS: tuple[Topic, ...] = (
    Topic(
        "shoe exchange",
        _shoe,
        first=(
            "Hi, the {item} from order {order} are a size too small (EU {size}). Can I swap "
            "them for a {want}?",
            "Hello, my {item} from order {order} are too tight, I take a {want} not a {size}. "
            "Could I exchange them?",
        ),
        noted=("To exchange the {item} from order {order} (EU {size}, too small) for EU {want}.",),
        again=(
            "I need to exchange the {item} from {order}, they are too small, I need a {want}",
            "Customer explained the {item} (order {order}) are a size too small and asked to "
            "swap them for EU {want}.",
            "hi again - the {item} I bought are too small, can I change them for size {want}? "
            "order {order}. thanks",
            "Just following up: {item} too small, want to swap for a {want}. Thanks",
        ),
        news=(
            "The {want} you sent is also too small, could I try a {next}?",
            "The {item} from {order} arrived in {want} but the sole is coming away at the heel.",
            "I'd rather return the {item} from {order} for a refund instead of exchanging them.",
        ),
    ),
    Topic(
        "wedding outfit",
        _dress,
        first=(
            "Looking for an outfit for my sister's wedding on {date}. I'm a UK {size} and "
            "love {colour}.",
            "I need a dress for a wedding on {date}, size {size}, ideally {colour}, budget "
            "about £{budget}.",
        ),
        noted=("An outfit for her sister's wedding on {date}: UK {size}, {colour}, £{budget}.",),
        again=(
            "As I said, it's for my sister's wedding on {date} and I'm a size {size}, "
            "{colour} please.",
            "Customer told us again: dress for the wedding on {date}, UK {size}, {colour}.",
            "Hello! Still looking for a {colour} dress in {size} for the wedding on {date}.",
        ),
        news=(
            "The wedding has moved to {moved}, does that change anything?",
            "Could you also show me something in {other}? My sister chose {colour} for the "
            "bridesmaids.",
            "I've gone down a size, I'm now a UK {budget_size} for the wedding.",
        ),
    ),
    Topic(
        "hotel arrival",
        _stay,
        first=(
            "Hello, we arrive on {date} and will check in late, around {time}. I'm allergic "
            "to feathers so I need feather-free pillows please.",
            "Hi, arriving {date} at about {time}. Please can the room have feather-free "
            "pillows, I have a feather allergy.",
        ),
        noted=("Late check-in around {time} on {date}; feather-free pillows (allergy).",),
        again=(
            "Just to remind you I need feather-free pillows, I'm allergic to feathers.",
            "Guest told the front desk again that she needs feather-free pillows (allergy) "
            "and is checking in around {time}.",
            "We check in late on {date}, around {time}, and need pillows without feathers.",
        ),
        news=(
            "Our flight is delayed so we will now check in around {later} instead of {time}.",
            "The feather-free pillows were missing in room {room} last night and I could not "
            "sleep.",
            "Could we also have a cot in the room for our baby?",
        ),
    ),
    Topic(
        "family membership",
        _membership,
        first=(
            "We are interested in a family membership at {club} for two adults and "
            "{children} children. Price is a worry.",
            "Hi, what does a family pass cost at {club}? We have {children} kids.",
        ),
        noted=("A family membership at {club} for two adults and {children} children; price.",),
        again=(
            "Asked again about the family pass at {club} for our {children} children.",
            "We want the family membership at {club}, there are {children} of our kids, "
            "worried about the price.",
            "Hello, enquiring about a family membership for {children} children at {club}.",
        ),
        news=(
            "Could my mother join on the family membership too? She is 70.",
            "We saw the family pass is £{price} a month - is there a discount for paying yearly?",
            "Our eldest turns 16 in June, can she use the gym floor on her own then?",
        ),
    ),
    Topic(
        "late delivery",
        _order_late,
        first=(
            "My order {order} has not arrived after {days} working days.",
            "Hi, order {order} still hasn't been delivered, it's been {days} days.",
        ),
        noted=("Order {order} not delivered after {days} working days: chase the courier.",),
        again=(
            "Order {order} still hasn't arrived, it's been {days} working days.",
            "Customer called to say order {order} has not been delivered yet.",
            "Where is my parcel? Order {order}, not arrived.",
        ),
        news=(
            "Order {order} arrived but the scarf is missing from the parcel.",
            "Order {order} came today but the jumper is the wrong colour.",
            "Please cancel order {order} and refund me, I bought it elsewhere.",
        ),
    ),
    Topic(
        "coat in stock",
        _coat,
        first=(
            "When is the {colour} wool coat back in stock in a size {size}?",
            "Hi, is the {colour} wool coat coming back in {size}? It sold out online.",
        ),
        noted=("The {colour} wool coat in size {size}, sold out online: call when back.",),
        again=(
            "Any news on the {colour} wool coat in size {size}? Asking again.",
            "Customer asked in store whether the {colour} wool coat is back in {size}.",
            "Is the {colour} coat back in stock in a {size} yet?",
        ),
        news=(
            "Could you hold the {colour} wool coat in {size} at {store} for me to try on?",
            "The {colour} coat arrived but the sleeves are too long, can it be altered?",
            "I've changed my mind, I'd prefer the coat in black if it comes in.",
        ),
    ),
)

# Needs that have nothing to do with the ones told before.
UNRELATED = (
    "What time do you open on Sunday?",
    "Do you do gift wrapping?",
    "Can I book a personal training session?",
    "Is there parking near the store?",
    "I'd like to unsubscribe from the newsletter.",
    "Do you have the linen shirt in white?",
    "Can I change the email address on my account?",
    "Is breakfast included with the room?",
)

CHANNELS = ("chat", "email", "phone", "in_store", "whatsapp", "instagram", "sms", "web_form")
# Hold out the topics whose index is in TEST_TOPICS: never seen when thresholds are chosen.
TEST_TOPICS = frozenset({2, 5})


@dataclass(frozen=True)
class Case:
    """One later inbound contact with what it truly is."""

    later_id: int
    label: str  # "repeat", "news" or "unrelated"
    earlier_ids: frozenset[int]  # the passages it truly repeats (for a repeat)


@dataclass(frozen=True)
class Timeline:
    split: str  # "train" or "test"
    passages: tuple[Passage, ...]
    cases: tuple[Case, ...]


def timelines_generate(count: int, *, seed: int = 9) -> list[Timeline]:
    rng = random.Random(seed)
    return [_timeline(rng, number) for number in range(count)]


def _timeline(rng: random.Random, number: int) -> Timeline:
    topic_index = rng.randrange(len(TOPICS))
    topic = TOPICS[topic_index]
    values = topic.draw(rng)
    values.setdefault("budget_size", str(int(values.get("size", "12")) - 2))
    writer = _Writer(rng, base_id=number * 100)
    channel = rng.choice(CHANNELS)
    known: set[int] = set()
    if rng.random() < 0.8:
        known.add(writer.inbound(rng.choice(topic.first).format(**values), channel))
        writer.outbound("Thank you, we'll look into it and come back to you.", channel)
    if not known or rng.random() < 0.5:
        known.add(writer.note(rng.choice(topic.noted).format(**values)))
    # Each thing is said once: a second telling of the same news would be a repeat.
    unsaid = {
        "repeat": rng.sample(topic.again, len(topic.again)),
        "news": rng.sample(topic.news, len(topic.news)),
        "unrelated": rng.sample(UNRELATED, 3),
    }
    cases = [_later(rng, writer, unsaid, values, known, channel) for _ in range(rng.randint(1, 3))]
    return Timeline(
        "test" if topic_index in TEST_TOPICS else "train", tuple(writer.passages), tuple(cases)
    )


def _later(
    rng: random.Random,
    writer: _Writer,
    unsaid: dict[str, list[str]],
    values: Facts,
    known: set[int],
    first_channel: str,
) -> Case:
    writer.wait(rng)
    roll = rng.random()
    # Most repeats come in another channel or to another colleague; some the same way, later.
    channel = first_channel if rng.random() < 0.25 else rng.choice(CHANNELS)
    label = "repeat" if roll < 0.45 else "news" if roll < 0.85 else "unrelated"
    text = unsaid[label].pop().format(**values)
    later_id = writer.inbound(text, channel)
    # A repeat restated again later repeats what came before it too.
    case = Case(later_id, label, frozenset(known) if label == "repeat" else frozenset())
    if label == "repeat":
        known.add(later_id)
    return case


class _Writer:
    """Passages of one timeline, a few hours to days apart, by a few colleagues."""

    def __init__(self, rng: random.Random, *, base_id: int) -> None:
        self.rng, self.next_id = rng, base_id
        self.at = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
        self.passages: list[Passage] = []

    def wait(self, rng: random.Random) -> None:
        self.at += datetime.timedelta(hours=rng.randint(7, 96))

    def _add(self, kind: str, text: str, channel: str, direction: str) -> int:
        self.next_id += 1
        self.at += datetime.timedelta(minutes=self.rng.randint(2, 40))
        staff = self.rng.randint(1, 6)
        self.passages.append(
            Passage(self.next_id, kind, self.at, channel, staff, text, direction=direction)
        )
        return self.next_id

    def inbound(self, text: str, channel: str) -> int:
        return self._add("interaction", text, channel, "inbound")

    def outbound(self, text: str, channel: str) -> int:
        return self._add("interaction", text, channel, "outbound")

    def note(self, text: str) -> int:
        return self._add("note.wants", text, "", "")


# --- Scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    timelines: int
    repeats: int  # planted
    negatives: int  # news and unrelated
    hard_negatives: int
    true_positives: int
    false_positives: int
    hard_negatives_flagged: int
    precision: float
    recall: float
    false_alarm_rate: float
    f1: float
    seconds: float

    @property
    def timelines_per_second(self) -> float:
        return self.timelines / self.seconds if self.seconds else 0.0


Detector = Callable[[Sequence[Passage]], list[Repeat]]


def evaluate(timelines: Sequence[Timeline], detector: Detector = repeats_detect) -> Scores:
    """Run ``detector`` on each timeline and score its findings against the labels.

    A planted repeat is found when the detector flags that contact with one of the
    passages it truly repeats; any other flag on a contact is a false alarm."""
    started = time.perf_counter()
    found = [
        {r.later.entry_id: r.earlier.entry_id for r in detector(t.passages)} for t in timelines
    ]
    return scores_of(timelines, found, seconds=time.perf_counter() - started)


def scores_of(
    timelines: Sequence[Timeline], found: Sequence[dict[int, int]], *, seconds: float = 0.0
) -> Scores:
    """Score flags (later contact id -> the earlier passage id it repeats) against labels."""
    tp = fp = hard = repeats = negatives = hard_negatives = 0
    for timeline, flags in zip(timelines, found, strict=True):
        for case in timeline.cases:
            flagged = flags.get(case.later_id)
            if case.label == "repeat":
                repeats += 1
                tp += flagged in case.earlier_ids
                fp += flagged is not None and flagged not in case.earlier_ids
                continue
            negatives += 1
            hard_negatives += case.label == "news"
            fp += flagged is not None
            hard += flagged is not None and case.label == "news"
        fp += sum(1 for later in flags if later not in {c.later_id for c in timeline.cases})
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / repeats if repeats else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        timelines=len(timelines),
        repeats=repeats,
        negatives=negatives,
        hard_negatives=hard_negatives,
        true_positives=tp,
        false_positives=fp,
        hard_negatives_flagged=hard,
        precision=precision,
        recall=recall,
        false_alarm_rate=(fp / negatives) if negatives else 0.0,
        f1=f1,
        seconds=seconds,
    )


def split(timelines: Sequence[Timeline], name: str) -> list[Timeline]:
    return [t for t in timelines if t.split == name]


# The false-alarm rate tuning aims under, leaving room below the target of 0.1.
TUNING_FALSE_ALARMS = 0.05
SCORE_GRID = tuple(round(0.5 + 0.02 * step, 2) for step in range(16))
COVERAGE_GRID = tuple(round(0.4 + 0.05 * step, 2) for step in range(11))


def thresholds_tune(timelines: Sequence[Timeline]) -> tuple[Thresholds, Scores]:
    """The thresholds with the best recall at a false-alarm rate under TUNING_FALSE_ALARMS
    (then the best precision), on these timelines: only ever the training split."""
    compared = [candidates(t.passages) for t in timelines]
    best: tuple[tuple[float, float, float], Thresholds, Scores] | None = None
    for score in SCORE_GRID:
        for coverage in COVERAGE_GRID:
            thresholds = Thresholds(score=score, coverage=coverage)
            found = [_flags(pairs, thresholds) for pairs in compared]
            result = scores_of(timelines, found)
            allowed = result.false_alarm_rate <= TUNING_FALSE_ALARMS
            rank = (float(allowed), result.recall, result.precision)
            if best is None or rank > best[0]:
                best = (rank, thresholds, result)
    assert best is not None
    return best[1], best[2]


def _flags(compared: list[tuple[Passage, list]], thresholds: Thresholds) -> dict[int, int]:
    flags = {}
    for later, pairs in compared:
        best = best_repeat(pairs, thresholds)
        if best is not None:
            flags[later.entry_id] = best[0].entry_id
    return flags
