"""Daniel told chat his boots from HF-100482 were too small and he wanted a 43; in store he
has to say it again. The detector finds it, with both passages and a reason staff read."""

from __future__ import annotations

import datetime

from everthread.insights.repeats import Passage, repeats_detect

MARCH_3 = datetime.datetime(2026, 3, 3, 14, 2, tzinfo=datetime.UTC)
CHLOE, MARCUS = 7, 8


def test_the_size_and_order_told_again_in_store_are_found_with_their_reason() -> None:
    chat = Passage(
        1,
        "interaction",
        MARCH_3,
        "chat",
        None,
        "Hi, the Chelsea boots from order HF-100482 are a size too small (EU 42). "
        "Can I swap them for a 43? Thanks, Daniel",
    )
    our_answer = Passage(
        2,
        "interaction",
        MARCH_3 + datetime.timedelta(minutes=5),
        "chat",
        CHLOE,
        "Of course, Daniel. Leeds Briggate will have them ready in EU 43.",
        direction="outbound",
    )
    in_store = Passage(
        3,
        "interaction",
        MARCH_3 + datetime.timedelta(days=2),
        "in_store",
        MARCUS,
        "Hello - my boots from HF-100482 are too tight, I need to exchange them for EU 43.",
    )

    [repeat] = repeats_detect(
        [in_store, our_answer, chat], customer_id=5, staff_names={MARCUS: "Marcus Bell"}
    )

    assert (repeat.earlier, repeat.later, repeat.customer_id) == (chat, in_store, 5)
    assert repeat.reason == (
        "the order number (HF-100482) and the size (EU 43) were already told in live chat "
        "on 3 March 2026; told again in store to Marcus Bell"
    )
    assert 0 < repeat.score <= 1


def test_what_we_said_ourselves_is_not_something_the_customer_repeated() -> None:
    ours = Passage(
        1, "interaction", MARCH_3, "chat", CHLOE, "Boots HF-100482 in EU 43", direction="outbound"
    )
    theirs = Passage(
        2,
        "interaction",
        MARCH_3 + datetime.timedelta(days=1),
        "in_store",
        MARCUS,
        "I am here for the boots HF-100482 in EU 43",
    )

    assert repeats_detect([ours, theirs]) == []
