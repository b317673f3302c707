"""Le jeu NLU réservé mesure la généralisation : aucune de ses phrases n'est dans l'entraînement."""

from __future__ import annotations

from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from cecaz.textnorm import fold

ROOT = Path(__file__).resolve().parents[2]


def test_held_out_sentences_are_not_training_sentences():
    training = {fold(m.get("text") or "") for m in load_data(str(ROOT / "data" / "nlu.yml")).training_examples}
    held_out = load_data(str(ROOT / "tests" / "nlu")).training_examples
    assert len(held_out) >= 300
    assert [m.get("text") for m in held_out if fold(m.get("text") or "") in training] == []
