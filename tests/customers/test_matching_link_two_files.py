"""Linking an imported file to the customer base pairs records across the two
files only, never two records of one file."""

from __future__ import annotations

from everthread.customers.matching import link
from everthread.customers.matching.synthetic import synthetic_base


def test_linking_pairs_each_imported_record_with_its_customer() -> None:
    base = synthetic_base(800, duplicate_share=0.2, household_share=0.0, seed=81)
    duplicate_ids = {dup for _, dup in base.duplicates}
    existing = [r for r in base.records if r.id not in duplicate_ids]
    imported = [r for r in base.records if r.id in duplicate_ids]

    pairs = link(existing, imported).pairs

    existing_ids = {r.id for r in existing}
    assert all(p.left_id in existing_ids and p.right_id in duplicate_ids for p in pairs)
    found = {(p.left_id, p.right_id) for p in pairs}
    assert len(found & base.duplicates) >= 0.95 * len(base.duplicates)
