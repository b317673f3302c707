"""Tous les boutons que l'assistant peut montrer, lus dans le code et les données — pas une liste écrite
à la main : un bouton ajouté à une réponse du domaine, à une réponse composée (`cecaz.families`), au
diagnostic, à la clarification ou au menu de commandes de Teams est compté sans toucher à ce fichier.

Chaque groupe est un ensemble de boutons montrés ensemble (une réponse), avec d'où il vient. Les
payloads écrits en dur ailleurs dans le code sont confrontés à cette liste par
tests/unit/test_button_titles.py : une nouvelle sorte de bouton qui n'y serait pas fait échouer ce test."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Dict, Iterator, List, Sequence, Set, Tuple

import yaml

from cecaz.catalogue import ENTITY_KINDS, ENTITY_SECTIONS, Catalogue
from cecaz.clarify import INTENT_LABELS, OTHER, offers_json, suggestions
from cecaz.diagnostic import CONCLUSIONS, other_cards_buttons, payplug_question
from cecaz.families import FAMILIES, compose
from cecaz.feedback import THUMBS
from cecaz.focus import FIELDS, RECOMMENDATION, WHY
from cecaz.phrasing import OFFER_CHOICES, Button, Question, example_buttons

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain.yml"
TEAMS_MANIFEST = ROOT / "teams" / "manifest.json"
# Where payloads may be written in the code (the channels only pass them on).
CODE_DIRS = ("cecaz", "actions", "addons")


@dataclass(frozen=True)
class Group:
    """Des boutons montrés ensemble : `source` dit d'où ils viennent (réponse du domaine, famille…)."""

    source: str
    buttons: Tuple[Button, ...]


def domain_groups(path: Path = DOMAIN) -> List[Group]:
    """Les réponses du domaine qui ont des boutons."""
    responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
    return [Group(f"domaine:{name}", tuple((str(b["title"]), str(b["payload"])) for b in variant["buttons"]))
            for name, variants in responses.items() for variant in variants if variant.get("buttons")]


def _questions(cat: Catalogue, intent: str) -> Iterator[Question]:
    """Les questions d'une famille : sans sujet, puis sur chaque sujet du catalogue qu'elle accepte ; pour
    « pourquoi ? », aussi « pourquoi pas X ? » après chaque recommandation."""
    yield Question(intent)
    for kind in ENTITY_KINDS:
        if kind in FAMILIES[intent].about or intent == WHY:
            for key in getattr(cat, ENTITY_SECTIONS[kind]):
                yield replace(Question(intent), **{FIELDS[kind]: (key,)})
    if intent == WHY:
        for conclusion, offre in CONCLUSIONS.items():
            for alternative in cat.offres:
                yield Question(WHY, offres=(offre,) if offre else (), about=RECOMMENDATION, alternative=alternative,
                               recommendation={"facts": {}, "conclusion": conclusion})


def family_groups(cat: Catalogue, now: datetime) -> List[Group]:
    """Les boutons des réponses composées à partir du catalogue, famille par famille."""
    found: Dict[Tuple[Button, ...], str] = {}
    for intent in FAMILIES:
        for question in _questions(cat, intent):
            buttons = tuple(compose(cat, question, now).buttons)
            if buttons:
                found.setdefault(buttons, f"famille:{intent}")
    return [Group(source, buttons) for buttons, source in found.items()]


def clarification_groups(cat: Catalogue) -> List[Group]:
    """« Vouliez-vous dire… » : chaque libellé proposé seul ou avec l'offre nommée, et, sans suggestion,
    les exemples (`actions/clarify.py`) ; « De quoi parlez-vous ? » (`actions/answer.py`)."""
    groups = [Group("clarification:sans suggestion", (*example_buttons(), OTHER)),
              Group("réponse:sans sujet", tuple(example_buttons()))]
    for intent in INTENT_LABELS:
        for offres in ((), *((o,) for o in OFFER_CHOICES)):
            ranking = [{"name": intent, "confidence": 1.0}]
            groups.append(Group(f"clarification:{intent}", tuple(suggestions(ranking, offers_json(offres)))))
    return groups


def diagnostic_groups(cat: Catalogue) -> List[Group]:
    """Les questions du diagnostic dont les boutons sont faits par les actions."""
    return [Group("diagnostic:payplug", tuple(payplug_question(cat).buttons)),
            Group("diagnostic:moyens", tuple(other_cards_buttons()))]


def teams_command_titles(path: Path = TEAMS_MANIFEST) -> List[str]:
    """Les titres du menu de commandes de Teams : envoyés en texte, sans payload."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return [str(command["title"]) for bot in manifest.get("bots") or [] for commands in bot.get("commandLists") or []
            for command in commands.get("commands") or []]


def feedback_group() -> Group:
    """👍 / 👎 d'une réponse notée (`cecaz.feedback`), titrés comme sur la carte Teams : posés sur la réponse,
    pas parmi ses boutons (ni suggestions, ni titre à retaper), donc hors de `every_group`."""
    return Group("avis", tuple((f"{icon} {name}", payload) for icon, payload, name in THUMBS))


def every_group(cat: Catalogue, now: datetime) -> List[Group]:
    """Tous les groupes de boutons que l'assistant peut montrer parmi ses suggestions."""
    return [*domain_groups(), *family_groups(cat, now), *clarification_groups(cat), *diagnostic_groups(cat)]


def every_button(groups: Sequence[Group]) -> Set[Button]:
    return {button for group in groups for button in group.buttons}


_PAYLOAD_INTENT = re.compile(r"^/([a-z_]+)")


def payload_intents_in_code(root: Path = ROOT) -> Dict[str, List[str]]:
    """Intention → fichiers, pour chaque chaîne du code (hors docstrings) qui commence comme un payload
    (« /ask_support », « /inform_payment_methods »…)."""
    found: Dict[str, List[str]] = {}
    for directory in CODE_DIRS:
        for path in sorted((root / directory).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                          and node.body and isinstance(node.body[0], ast.Expr)
                          and isinstance(node.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                    match = _PAYLOAD_INTENT.match(node.value)
                    if match:
                        found.setdefault(match.group(1), []).append(str(path.relative_to(root)))
    return found
