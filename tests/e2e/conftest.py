"""Serveurs réels pour les tests de bout en bout : serveur d'actions et serveur Rasa sur des ports
libres, base de conversations temporaire, arrêtés à la fin de la session de tests."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, List, Sequence, Tuple, TypeVar

import pytest

from cecaz import settings
from cecaz.catalogue import shared_store
from ops.serve import ROOT, Services, ask, free_port
from tests.support.facts import unknown_contacts

# CECAZ_TEST_MODEL: a model trained elsewhere (a branch's domain) without touching models/cecaz.tar.gz.
MODEL = settings.load().test_model or ROOT / "models" / "cecaz.tar.gz"
# A Monday morning in Paris: opening-hours answers are deterministic.
FIXED_NOW = "2026-11-30T10:00:00+01:00"
T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float, what: str, interval: float = 0.1) -> T:
    """Attend, au plus `timeout` secondes, que `condition()` renvoie une valeur vraie, et la renvoie.

    Vérifie `condition` toutes les `interval` secondes : on attend l'événement qui compte (un fichier
    écrit, un processus terminé, une ligne en base), jamais une durée fixe. L'échec dit `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"au bout de {timeout:.0f} s, toujours pas : {what}")
        time.sleep(interval)


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


@dataclass
class Conversation:
    """Une conversation neuve avec l'assistant, par le canal REST : chaque appel envoie un message et
    renvoie les textes du bot ; `transcript` garde tout, pour les messages d'échec."""

    services: Services
    sender: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:10]}")
    transcript: List[str] = field(default_factory=list)

    def send(self, text: str) -> List[dict]:
        """Les réponses brutes du bot (texte, boutons…)."""
        replies = ask(self.services.rasa_url, text, sender=self.sender)
        self.transcript += [f"> {text}", *(r.get("text") or "" for r in replies)]
        return replies

    def __call__(self, text: str) -> List[str]:
        return [r.get("text") or "" for r in self.send(text)]

    def reply(self, text: str) -> Tuple[str, List[Tuple[str, str]]]:
        """(textes du bot réunis, boutons (titre, payload))."""
        replies = self.send(text)
        buttons = [(b["title"], b["payload"]) for r in replies for b in r.get("buttons") or []]
        return "\n".join(r.get("text") or "" for r in replies), buttons

    def play(self, turns: Sequence[Tuple[str, Sequence[str]]]) -> List[str]:
        """Joue les tours (message, fragments attendus) ; l'échec montre la conversation entière.
        Renvoie tous les textes du bot ; aucun numéro ni e-mail hors catalogue n'y est admis."""
        everything: List[str] = []
        for text, expected in turns:
            replies = self(text)
            everything += replies
            joined = "\n".join(replies)
            missing = [fragment for fragment in expected if fragment not in joined]
            assert not missing, f"attendu {missing} après « {text} » :\n" + "\n".join(self.transcript)
        assert unknown_contacts(shared_store().get(), everything) == []
        return everything


@pytest.fixture
def conversation(services: Services) -> Conversation:
    """Une conversation neuve (expéditeur unique) sur les serveurs de la session."""
    return Conversation(services)


def read_log(services: Services, name: str) -> str:
    return Path(services.log_path(name)).read_text(errors="replace")
