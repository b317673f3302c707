"""Les jeux « angles » (tests/nlu_angles/) : questions posées sous un autre angle que les exemples
d'entraînement. Ils n'emploient que des intentions et entités du domaine, et aucune de leurs phrases
n'est une phrase d'entraînement, ni à peu de chose près (même règle que le jeu réservé tests/nlu/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import FrozenSet, Tuple

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from cecaz.textnorm import fold
from tests.unit.test_nlu_data import TRAINING_FILES, examples, near_copies

ROOT = Path(__file__).resolve().parents[2]
ANGLES_DIR = ROOT / "tests" / "nlu_angles"
ANGLE_SETS = ("tuning.yml", "held_out.yml")
MIN_SENTENCES = {"tuning.yml": 150, "held_out.yml": 200}
MIN_PER_INTENT = 4


@cache
def domain() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """Les intentions et les entités de domain.yml."""
    data = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = frozenset(i if isinstance(i, str) else next(iter(i)) for i in data["intents"])
    entities = frozenset(e if isinstance(e, str) else next(iter(e)) for e in data["entities"])
    return intents, entities


@cache
def messages(name: str) -> Tuple[Message, ...]:
    return tuple(m for m in load_data(str(ANGLES_DIR / name)).training_examples if m.get("text"))


@pytest.mark.parametrize("name", ANGLE_SETS)
def test_angle_set_uses_only_intents_and_entities_of_the_domain(name: str) -> None:
    intents, entities = domain()
    found = messages(name)
    assert len(found) >= MIN_SENTENCES[name]
    assert sorted({m.get("intent") for m in found} - intents) == []
    assert sorted({e["entity"] for m in found for e in m.get("entities") or []} - entities) == []


@pytest.mark.parametrize("name", ANGLE_SETS)
def test_angle_set_covers_every_intent_of_the_domain(name: str) -> None:
    intents, _ = domain()
    counts = {i: sum(m.get("intent") == i for m in messages(name)) for i in intents - {"nlu_fallback"}}
    assert {i: n for i, n in counts.items() if n < MIN_PER_INTENT} == {}


@pytest.mark.parametrize("name", ANGLE_SETS)
def test_angle_sentences_are_not_training_sentences(name: str) -> None:
    training = {fold(e.text) for e in examples(*TRAINING_FILES)}
    assert [m.get("text") for m in messages(name) if fold(m.get("text")) in training] == []


@pytest.mark.parametrize("name", ANGLE_SETS)
def test_angle_sentences_are_not_near_copies_of_training_sentences(name: str) -> None:
    assert near_copies(examples(ANGLES_DIR / name), examples(*TRAINING_FILES)) == []


def test_the_two_angle_sets_do_not_share_sentences() -> None:
    tuning = examples(ANGLES_DIR / "tuning.yml")
    assert near_copies(examples(ANGLES_DIR / "held_out.yml"), tuning) == []
