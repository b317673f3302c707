"""Exactitude du NLU sur un jeu « angles » (`tests/nlu_angles/`) : intention **et** sujet justes (issue 12).

    python -m ops.nlu_angles --model models/cecaz.tar.gz tests/nlu_angles/held_out.yml --min 0.90

Une phrase compte juste si l'intention prédite par tout le pipeline NLU du modèle (composants de
`addons/` compris) est celle de l'annotation, et si l'ensemble de ses sujets — paires (type d'entité,
identifiant du catalogue) — est exactement celui de l'annotation. Les sujets sont lus des deux côtés
comme les lit l'assistant (`actions.tracker_reading.mentioned` : entités résolues par le catalogue, puis
noms et alias du catalogue trouvés dans le texte) : une entité que le catalogue ne connaît pas (« plus »
extrait seul de « SP plus ») n'est pas un sujet, pour l'assistant comme pour la mesure.
N'imprime que des chiffres globaux (le jeu réservé ne doit pas servir au réglage) ; `--show-errors`
liste les phrases fausses, pour le jeu de réglage seulement.
Code de sortie 1 sous `--min`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from actions.tracker_reading import mentioned_by_kind
from cecaz.catalogue import Catalogue, shared_store
from ops.quiet import apply_quiet_environment

Subject = Tuple[str, str]


class Example(NamedTuple):
    """Une phrase annotée : texte, intention attendue, sujets attendus (type, identifiant)."""

    text: str
    intent: str
    subjects: FrozenSet[Subject]


class Score(NamedTuple):
    """Résultat : nombre de phrases, phrases justes, intentions justes, phrases fausses (texte, prédiction)."""

    total: int
    correct: int
    intent_correct: int
    errors: List[Tuple[str, str]]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def subjects_of(cat: Catalogue, text: str, entities: Sequence[Mapping[str, Any]]) -> FrozenSet[Subject]:
    """Les sujets (type, identifiant) d'une phrase et de ses entités, lus comme l'assistant les lit."""
    message = {"text": text, "entities": list(entities)}
    return frozenset((kind, ident) for kind, ids in mentioned_by_kind(cat, message).items() for ident in ids)


def score(cat: Catalogue, examples: Sequence[Example], parses: Sequence[Mapping[str, Any]]) -> Score:
    """Compare chaque analyse `parses[i]` (sortie de `Agent.parse_message`) à `examples[i]`."""
    correct = intent_correct = 0
    errors: List[Tuple[str, str]] = []
    for example, parse in zip(examples, parses, strict=True):
        intent = (parse.get("intent") or {}).get("name") or ""
        subjects = subjects_of(cat, example.text, parse.get("entities") or [])
        intent_correct += intent == example.intent
        if intent == example.intent and subjects == example.subjects:
            correct += 1
        else:
            found = ", ".join(f"{t}={v}" for t, v in sorted(subjects))
            errors.append((example.text, f"{intent} [{found}] au lieu de {example.intent} "
                                         f"[{', '.join(f'{t}={v}' for t, v in sorted(example.subjects))}]"))
    return Score(len(examples), correct, intent_correct, errors)


def load_examples(cat: Catalogue, path: Path) -> List[Example]:
    """Les phrases annotées d'un fichier NLU de Rasa, sujets lus par `subjects_of`."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [Example(m.get("text"), m.get("intent"), subjects_of(cat, m.get("text"), m.get("entities") or []))
            for m in data.intent_examples]


async def _parse_all(model: Path, texts: Sequence[str]) -> List[Dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # one debug line per parse otherwise

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", type=Path, help="fichier NLU annoté (tests/nlu_angles/…)")
    parser.add_argument("--model", type=Path, default=Path("models/cecaz.tar.gz"))
    parser.add_argument("--min", type=float, default=0.0, help="exactitude minimale (0 à 1)")
    parser.add_argument("--show-errors", action="store_true", help="liste les phrases fausses (réglage seulement)")
    args = parser.parse_args(argv)
    apply_quiet_environment()
    cat = shared_store().get()
    examples = load_examples(cat, args.examples)
    parses = asyncio.run(_parse_all(args.model, [e.text for e in examples]))
    result = score(cat, examples, parses)
    if args.show_errors:
        for text, why in result.errors:
            print(f"  ✘ {text!r} → {why}")
    print(f"NLU sous d'autres angles ({args.examples.name}) : intention et sujet justes "
          f"{result.correct}/{result.total} = {result.accuracy:.3f} (min {args.min}), "
          f"intention seule {result.intent_correct}/{result.total}")
    return 0 if result.accuracy >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
