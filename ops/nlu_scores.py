"""Lit les rapports de `rasa test nlu` et échoue sous les seuils (macro-F1 intentions, F1 entités)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Target 0.95. On 2026-11-30 the set-aside set was made independent (135 near-copies of training
# sentences rewritten, issue 20): the same model fell from 0.975 to 0.890, and 329 new training
# examples from other angles left it at 0.882 (issue 12 is open). This gate guards against
# regressions until the target is reached; raise it with every gain.
INTENT_MACRO_F1_MIN = 0.86
ENTITY_F1_MIN = 0.90


def scores(results: Path) -> tuple:
    intents = json.loads((results / "intent_report.json").read_text())
    entities = json.loads((results / "DIETClassifier_report.json").read_text())
    entity_f1 = entities.get("micro avg", entities.get("weighted avg", {})).get("f1-score", 0.0)
    return intents["macro avg"]["f1-score"], entity_f1


def main(argv: list) -> int:
    results = Path(argv[1] if len(argv) > 1 else "results/nlu")
    intent_f1, entity_f1 = scores(results)
    print(f"NLU (jeu réservé) : macro-F1 intentions = {intent_f1:.3f} (min {INTENT_MACRO_F1_MIN}), "
          f"F1 entités = {entity_f1:.3f} (min {ENTITY_F1_MIN})")
    if intent_f1 < INTENT_MACRO_F1_MIN or entity_f1 < ENTITY_F1_MIN:
        errors = results / "intent_errors.json"
        print(f"Erreur : scores NLU sous les seuils ; détail dans {errors}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
