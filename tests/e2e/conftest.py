"""Serveurs réels pour les tests de bout en bout : serveur d'actions et serveur Rasa sur des ports
libres, base de conversations temporaire, arrêtés à la fin de la session de tests."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

from ops.serve import ROOT, Services, ask, free_port

MODEL = ROOT / "models" / "cecaz.tar.gz"
# A Monday morning in Paris: opening-hours answers are deterministic.
FIXED_NOW = "2026-11-30T10:00:00+01:00"


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    if not MODEL.exists():
        pytest.fail(f"modèle absent ({MODEL}) : lancez `make train` avant les tests de bout en bout")
    running = Services(rasa_port=free_port(), action_port=free_port(), model=MODEL,
                       var_dir=tmp_path_factory.mktemp("var"), env_extra={"CECAZ_NOW": FIXED_NOW})
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture
def conversation(services: Services) -> Callable[[str], List[str]]:
    """Une conversation neuve : chaque appel envoie un message et renvoie les textes du bot."""
    sender = f"test-{uuid.uuid4().hex[:10]}"

    def say(text: str) -> List[str]:
        return [r.get("text") or "" for r in ask(services.rasa_url, text, sender=sender)]

    return say


def read_log(services: Services, name: str) -> str:
    return Path(services.log_path(name)).read_text(errors="replace")
