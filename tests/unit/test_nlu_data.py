"""Les données NLU : le jeu réservé mesure la généralisation (aucune de ses phrases n'est dans
l'entraînement, ni à peu de chose près), et les lecteurs à règles ne lisent que des mots que
l'entraînement enseigne (jamais un mot venu d'une phrase de test ou du jeu réservé)."""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path
from typing import List, NamedTuple, Optional, Sequence, Tuple

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from cecaz.scope import FOREIGN_SUBJECTS
from cecaz.textnorm import fold

ROOT = Path(__file__).resolve().parents[2]
# Every training file that holds NLU examples (data/nlu*.yml, data/feedback.yml…).
TRAINING_FILES = tuple(sorted(p for p in (ROOT / "data").glob("*.yml")
                              if re.search(r"^nlu:", p.read_text(encoding="utf-8"), re.M)))
HELD_OUT_DIR = ROOT / "tests" / "nlu"
# Politeness and filler words: a sentence means the same without them.
FILLER_WORDS = frozenset("""svp stp sil plait merci bonjour bjr salut slt hello coucou please pls ok okay alors bon
euh donc du coup deja exactement concretement fait juste hein ah""".split()) - {"du", "fait", "juste"}
FILLER_PHRASES = ("s il te plait", "s il vous plait", "merci d avance", "du coup", "en fait", "au juste",
                  "dis moi", "dites moi")
SIMILARITY = 0.9  # character similarity from which two normalised sentences are near-copies


class Example(NamedTuple):
    text: str
    intent: str


@cache
def examples(*paths: Path) -> Tuple[Example, ...]:
    """Les exemples (texte sans annotations, intention) des fichiers ou dossiers NLU `paths`."""
    return tuple(Example(m.get("text"), m.get("intent")) for path in paths
                 for m in load_data(str(path)).training_examples if m.get("text"))


def normalised(text: str) -> Tuple[str, ...]:
    """Les mots de `text` replié (casse, accents, ponctuation), sans mots de politesse ni de remplissage ;
    la phrase entière si elle n'est faite que de tels mots (« bonjour »)."""
    folded = f" {fold(text)} "
    for phrase in FILLER_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    words = tuple(w for w in folded.split() if w not in FILLER_WORDS)
    return words or tuple(fold(text).split())


def words_apart(a: Sequence[str], b: Sequence[str]) -> int:
    """Distance d'édition en mots (insertion, suppression ou remplacement d'un mot)."""
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


def near_copy_reason(a: str, b: str) -> Optional[str]:
    """Pourquoi `a` est une quasi-copie de `b`, ou None : même texte aux espaces, à la politesse et aux
    mots de remplissage près, un mot d'écart (avec au moins un mot commun), ou des caractères semblables
    à 90 % au moins."""
    wa, wb = normalised(a), normalised(b)
    if "".join(wa) == "".join(wb):
        return "mêmes mots"
    if set(wa) & set(wb) and abs(len(wa) - len(wb)) <= 1 and words_apart(wa, wb) <= 1:
        return "un mot d'écart"
    sa, sb = " ".join(wa), " ".join(wb)
    matcher = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY \
            and matcher.ratio() >= SIMILARITY:
        return f"caractères semblables à {matcher.ratio():.0%}"
    return None


def near_copies(held_out: Sequence[Example], training: Sequence[Example]) -> List[str]:
    """Les phrases réservées qui sont des quasi-copies d'une phrase d'entraînement de la même intention."""
    found = []
    for held in held_out:
        for trained in training:
            reason = trained.intent == held.intent and near_copy_reason(held.text, trained.text)
            if reason:
                found.append(f"{held.intent} : « {held.text} » ≈ « {trained.text} » ({reason})")
                break
    return found


def test_held_out_sentences_are_not_training_sentences() -> None:
    training = {fold(e.text) for e in examples(*TRAINING_FILES)}
    held_out = examples(HELD_OUT_DIR)
    assert len(held_out) >= 300
    assert [e.text for e in held_out if fold(e.text) in training] == []


def test_held_out_sentences_are_not_near_copies_of_training_sentences() -> None:
    assert near_copies(examples(HELD_OUT_DIR), examples(*TRAINING_FILES)) == []


@pytest.mark.parametrize(("held", "trained", "reason"), [
    ("je paie en ligne c'est quoi exactement ?", "JePaieEnLigne c'est quoi ?", "mêmes mots"),
    ("mets-moi en relation avec quelqu'un svp", "mets moi en relation avec quelqu'un", "mêmes mots"),
    ("ok et leur tel du coup ?", "et leur tel ?", "mêmes mots"),
    ("combien coûte jpel ?", "combien coûte SP+ ?", "un mot d'écart"),
    ("pourquoi ?", "et pourquoi ?", "un mot d'écart"),
    ("quel contrat monétique pour JPEL ?", "quels contrats monétiques pour jpel ?", "caractères semblables à 96%"),
])
def test_near_copies_are_found(held: str, trained: str, reason: str) -> None:
    assert near_copy_reason(held, trained) == reason


@pytest.mark.parametrize(("held", "trained"), [
    ("quel numéro donner au commerçant pour SP+ ?", "numéro assistance SP+"),
    ("il vend par téléphone, comment il encaisse ?", "encaisser sans site"),
    ("merci", "bonjour"),  # politeness only: kept whole, and different
    ("oui absolument", "non jamais"),
])
def test_different_sentences_are_not_near_copies(held: str, trained: str) -> None:
    assert near_copy_reason(held, trained) is None


def test_a_near_copy_counts_only_against_the_same_intent() -> None:
    held = [Example("et le téléphone ?", "ask_phone")]
    assert near_copies(held, [Example("et le CIF ?", "inform_subject")]) == []
    assert near_copies(held, [Example("et le tel ?", "ask_phone")]) != []


@pytest.mark.parametrize("subject", FOREIGN_SUBJECTS)
def test_every_neighbouring_subject_of_the_out_of_scope_screen_is_taught_by_training_examples(subject: str) -> None:
    pattern = re.compile(rf"\b(?:{subject})\b")
    taught = [e.text for e in examples(*TRAINING_FILES) if e.intent == "out_of_scope" and pattern.search(fold(e.text))]
    assert taught, f"« {subject} » : aucun exemple out_of_scope dans {', '.join(p.name for p in TRAINING_FILES)}"
