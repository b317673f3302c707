"""Une famille de questions factuelles est complète partout : domaine, règles, réponse composée,
libellé de clarification, jeu NLU réservé ; et aucune table ne nomme une intention inconnue du domaine.
Voir la liste de contrôle « Ajouter une famille de questions » du README."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Set

import pytest
import yaml

from cecaz.catalogue import ENTITY_KINDS
from cecaz.clarify import INTENT_LABELS
from cecaz.diagnostic import ANSWER_INTENTS, INTENT_FACTS, SHORT_ANSWERS
from cecaz.families import FAMILIES, RESOLVED_ONLY

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES: List[Dict[str, Any]] = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
HELD_OUT = yaml.safe_load((ROOT / "tests" / "nlu" / "test_nlu.yml").read_text(encoding="utf-8"))["nlu"]
DOMAIN_INTENTS: Set[str] = set(DOMAIN["intents"]) | {"nlu_fallback"}
MIN_HELD_OUT = 4  # sentences per family in tests/nlu, written apart from the training data
FACTUAL = {i for i in DOMAIN["intents"] if i.startswith("ask_")}


def _intents(step: Dict[str, Any]) -> Set[str]:
    if "intent" in step:
        return {step["intent"]}
    return {s["intent"] for s in step.get("or", []) if "intent" in s}


def answered_by(action: str, *, in_diagnostic: bool) -> Set[str]:
    """Intentions qu'une règle fait suivre de `action` (hors diagnostic, ou diagnostic en cours)."""
    found: Set[str] = set()
    for rule in RULES:
        active = {"active_loop": "diagnostic_form"} in (rule.get("condition") or [])
        if active != in_diagnostic:
            continue
        steps = rule["steps"]
        for step, following in zip(steps, steps[1:], strict=False):
            if following.get("action") == action:
                found |= _intents(step)
    return found


def test_every_factual_intent_of_the_domain_is_a_family_and_back():
    assert FACTUAL, "le domaine doit déclarer des intentions ask_*"
    assert set(FAMILIES) >= FACTUAL, f"familles manquantes dans cecaz/families.py : {FACTUAL - set(FAMILIES)}"
    assert set(FAMILIES) - RESOLVED_ONLY <= DOMAIN_INTENTS, \
        f"intentions inconnues du domaine : {set(FAMILIES) - RESOLVED_ONLY - DOMAIN_INTENTS}"
    assert not RESOLVED_ONLY & DOMAIN_INTENTS


@pytest.mark.parametrize("intent", sorted(FAMILIES))
def test_family_has_a_label_for_people_and_a_composer(intent):
    family = FAMILIES[intent]
    assert family.label and "_" not in family.label and callable(family.compose)
    assert INTENT_LABELS.get(intent, family.label) == family.label and (intent in INTENT_LABELS) != (
        intent in RESOLVED_ONLY)


def test_every_family_is_answered_by_a_rule_in_and_out_of_the_diagnostic():
    assert set(FAMILIES) - RESOLVED_ONLY <= answered_by("action_answer", in_diagnostic=False)
    assert set(FAMILIES) - RESOLVED_ONLY <= answered_by("action_answer", in_diagnostic=True)


@pytest.mark.parametrize("intent", sorted(set(FAMILIES) - RESOLVED_ONLY))
def test_every_family_has_held_out_examples(intent):
    examples = [line for block in HELD_OUT if block.get("intent") == intent
                for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= MIN_HELD_OUT


def test_no_table_names_an_intent_the_domain_does_not_have():
    tables = {
        "clarify.INTENT_LABELS": set(INTENT_LABELS), "diagnostic.ANSWER_INTENTS": set(ANSWER_INTENTS),
        "diagnostic.INTENT_FACTS": set(INTENT_FACTS), "diagnostic.SHORT_ANSWERS": set(SHORT_ANSWERS),
        "data/rules.yml": {i for rule in RULES for step in rule["steps"] for i in _intents(step)},
        "tests/nlu": {block["intent"] for block in HELD_OUT if "intent" in block},
    }
    unknown = {name: names - DOMAIN_INTENTS for name, names in tables.items() if names - DOMAIN_INTENTS}
    assert unknown == {}


def test_entity_kinds_are_the_domain_entities():
    assert list(ENTITY_KINDS) == DOMAIN["entities"]
