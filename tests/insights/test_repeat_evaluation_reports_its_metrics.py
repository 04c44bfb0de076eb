"""The labelled evaluation set: generated timelines with planted repeats, news and unrelated
contacts, split by topic; its scores are computed from the detector's findings."""

from __future__ import annotations

from everthread.insights.repeats.evaluation import (
    evaluate,
    split,
    thresholds_tune,
    timelines_generate,
)


def test_the_generated_set_is_labelled_split_and_seeded() -> None:
    timelines = timelines_generate(60, seed=3)

    assert timelines == timelines_generate(60, seed=3)
    assert {t.split for t in timelines} == {"train", "test"}
    labels = {case.label for t in timelines for case in t.cases}
    assert labels == {"repeat", "news", "unrelated"}
    for timeline in timelines:
        ids = {p.entry_id for p in timeline.passages}
        for case in timeline.cases:
            assert case.later_id in ids and case.earlier_ids <= ids


def test_precision_recall_and_false_alarms_are_computed_on_the_test_split() -> None:
    timelines = timelines_generate(60, seed=3)
    test = split(timelines, "test")

    scores = evaluate(test)

    assert scores.timelines == len(test)
    assert scores.repeats + scores.negatives == sum(len(t.cases) for t in test)
    assert scores.true_positives <= scores.repeats
    assert scores.hard_negatives_flagged <= scores.hard_negatives <= scores.negatives
    for figure in (scores.precision, scores.recall, scores.false_alarm_rate, scores.f1):
        assert 0.0 <= figure <= 1.0
    assert scores.seconds > 0


def test_thresholds_are_tuned_on_the_split_they_are_given() -> None:
    train = split(timelines_generate(40, seed=4), "train")

    thresholds, scores = thresholds_tune(train)

    assert 0 < thresholds.score <= 1 and 0 < thresholds.coverage <= 1
    assert scores.timelines == len(train)
