"""Le générateur de charge de `make bench` sur les serveurs de la session, en petit : quelques collaborateurs
simulés, quelques messages de chaque sorte, toutes les réponses comptées ; puis le rapport du banc rendu."""

from __future__ import annotations

import asyncio

import pytest

from ops import bench
from ops.loadgen import (
    DIAGNOSTIC,
    FOLLOW_UP,
    QUESTION,
    SCENARIOS,
    Load,
    NotLoopback,
    length_probes,
    length_script,
    run_load,
)
from ops.serve import Services

# One conversation of each kind: a question and its follow-ups, a whole diagnostic.
SMOKE_SCENARIOS = [SCENARIOS[0], SCENARIOS[8]]
SMOKE_MESSAGES = 9


def test_a_small_load_gets_a_real_answer_to_every_message(services: Services) -> None:
    load = Load(users=3, duration_s=40, max_messages=SMOKE_MESSAGES, think_s=(0.05, 0.2), spread_s=0.3)
    result = asyncio.run(run_load(services.rasa_url, load, SMOKE_SCENARIOS))
    assert len(result.samples) == SMOKE_MESSAGES
    assert [(s.kind, s.error) for s in result.samples if s.error] == []
    assert all(0 < s.latency_ms < 30_000 for s in result.samples)
    summary = bench.load_summary(result)
    assert summary["tous"]["n"] == SMOKE_MESSAGES and summary["tous"]["errors"] == 0
    assert 0 < summary["tous"]["p50"] <= summary["tous"]["p95"] <= summary["tous"]["max"]
    assert summary["debit"] > 0
    kinds = {s.kind for s in result.samples}
    assert kinds <= {QUESTION, FOLLOW_UP, DIAGNOSTIC}
    assert set(summary) == {"tous", *kinds, "debit", "duree_s", "utilisateurs", "problemes"}
    assert summary["problemes"] == {}


def test_the_cost_against_length_pairs_each_late_message_with_its_early_twin(services: Services) -> None:
    # Like for like, at the same moment: only the number of messages before them differs (the bench compares them).
    samples = asyncio.run(length_probes(services.rasa_url, 12, chain=1))
    turns = [text for _, text in length_script(12)]
    assert [(s.conversation, s.position) for s in samples[:7]] == [(0, p) for p in range(1, 8)]
    assert [(s.conversation, s.position) for s in samples[7:]] == [
        (c, p) for k in range(1, 6) for c, p in ((0, 7 + k), (1, k))]
    assert [s.text for s in samples] == turns[:7] + [t for t in turns[:5] for _ in (0, 1)]
    assert [s.kind for s in samples[:6]] == [QUESTION, FOLLOW_UP, FOLLOW_UP, QUESTION, FOLLOW_UP, QUESTION]
    assert [s.error for s in samples] == [None] * 17


def test_only_servers_of_this_machine_are_loaded() -> None:
    with pytest.raises(NotLoopback):
        asyncio.run(run_load("http://192.0.2.1:5005", Load(users=1, duration_s=1, max_messages=1)))
