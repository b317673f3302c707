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

from cecaz.catalogue import load_catalogue
from cecaz.textnorm import fold
from tests.unit.test_nlu_data import TRAINING_FILES, examples, near_copies

ROOT = Path(__file__).resolve().parents[2]
ANGLES_DIR = ROOT / "tests" / "nlu_angles"
ANGLE_SETS = ("tuning.yml", "held_out.yml", "tuning_r2.yml")
MIN_SENTENCES = {"tuning.yml": 150, "held_out.yml": 200, "tuning_r2.yml": 150}
MIN_PER_INTENT = 4
CAT = load_catalogue()


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


# --- Exactitude « intention et sujet » (ops/nlu_angles.py) ---


def _example(text: str, intent: str, *subjects: Tuple[str, str]):
    from ops.nlu_angles import Example

    return Example(text, intent, frozenset(subjects))


def _parse(intent: str, *entities: Tuple[str, str, str]) -> dict:
    return {"intent": {"name": intent}, "entities": [{"entity": t, "value": v, "text": x} for t, v, x in entities]}


def test_a_sentence_counts_only_with_its_intent_and_its_subjects_both_right():
    from ops.nlu_angles import score

    examples = [_example("num sp+ ?", "ask_contact", ("offer", "sp_plus")),
                _example("num de leur support ?", "ask_contact", ("offer", "sp_plus")),
                _example("horaires payplug", "ask_hours", ("offer", "payplug")),
                _example("c'est quoi jpel", "ask_offer_definition", ("offer", "jpel"))]
    parses = [_parse("ask_contact", ("offer", "plus", "plus")),       # unknown to the catalogue: no subject
              _parse("ask_contact", ("offer", "payplug", "support")),  # wrong subject
              _parse("ask_contact"),                                   # wrong intent
              _parse("ask_offer_definition", ("card", "amex", "amex"))]  # extra subject
    result = score(CAT, examples, parses)
    assert (result.total, result.correct, result.intent_correct) == (4, 1, 3)
    assert result.accuracy == 0.25
    assert [text for text, _ in result.errors] == ["num de leur support ?", "horaires payplug", "c'est quoi jpel"]


def test_subjects_are_read_as_the_assistant_reads_them():
    from ops.nlu_angles import subjects_of

    assert subjects_of(CAT, "numéro de la monétique pro", []) == {("service", "assistance_monetique")}
    assert subjects_of(CAT, "et pour eux ?", [{"entity": "offer", "value": "SP plus", "text": "eux"}]) == {
        ("offer", "sp_plus")}
    assert subjects_of(CAT, "la ligne de je paie", [{"entity": "offer", "value": "ligne", "text": "ligne"}]) == set()
