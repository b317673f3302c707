"""Serveurs réels pour les tests de bout en bout : serveur d'actions et serveur Rasa sur des ports
libres, base de conversations temporaire, arrêtés à la fin de la session de tests."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Sequence, Tuple, TypeVar

import pytest
from playwright.sync_api import Browser, sync_playwright

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


@contextmanager
def running_services(var_dir: Path, now: str) -> Iterator[Services]:
    """Serveur d'actions et serveur Rasa sur des ports libres, à l'heure fixée `now` (ISO), arrêtés à la sortie."""
    if not MODEL.exists():
        pytest.fail(f"modèle absent ({MODEL}) : lancez `make train` avant les tests de bout en bout")
    running = Services(rasa_port=free_port(), action_port=free_port(), model=MODEL, var_dir=var_dir,
                       env_extra={"CECAZ_NOW": now})
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    with running_services(tmp_path_factory.mktemp("var"), FIXED_NOW) as running:
        yield running


# What an operator alerts on: an ERROR or CRITICAL entry (Rasa, Sanic, action server), or a traceback.
LOG_ALARM = re.compile(r"\b(?:ERROR|CRITICAL)\b|\[ERROR\]|\"level\": \"(?:error|critical)\"|Traceback \(most recent")
SERVER_LOGS = ("rasa", "actions")
OUTAGE_MARKER = "outage"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{OUTAGE_MARKER}: le test arrête un serveur ; les ERROR de la panne sont "
                                       "attendues et ne sont pas vérifiées")


def log_alarms(text: str) -> List[str]:
    """Les lignes de journal qui déclencheraient une alerte chez l'exploitant."""
    return [line for line in text.splitlines() if LOG_ALARM.search(line)]


class LogWatch:
    """Ce que les serveurs de la session ont écrit dans leurs journaux depuis la dernière lecture."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.read_up_to: Dict[str, int] = {}

    def new_lines(self) -> str:
        chunks = []
        for name in SERVER_LOGS:
            path = self.services.log_path(name)
            if not path.exists():
                continue
            with open(path, "rb") as log:
                log.seek(self.read_up_to.get(name, 0))
                chunks.append(log.read().decode(errors="replace"))
                self.read_up_to[name] = log.tell()
        return "\n".join(chunks)


@pytest.fixture(scope="session")
def log_watch(services: Services) -> LogWatch:
    return LogWatch(services)


@pytest.fixture(autouse=True)
def no_error_in_the_server_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Une conversation normale ne journalise ni ERROR ni trace d'exception (les exploitants alertent dessus).

    Vérifié après chaque test qui parle aux serveurs de la session, sur tout ce qu'ils ont écrit depuis
    le test précédent (y compris les conversations jouées par une fixture de module, comme le jeu de
    conversations). Un test qui provoque une panne est marqué `outage` : ses lignes sont passées."""
    watch = request.getfixturevalue("log_watch") if "services" in request.fixturenames else None
    yield
    if watch is None:
        return
    alarms = log_alarms(watch.new_lines())
    if request.node.get_closest_marker(OUTAGE_MARKER) is None:
        assert alarms == [], "ERROR ou trace dans les journaux des serveurs :\n" + "\n".join(a[:600] for a in alarms)


NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def plain_spaces(reply: T) -> T:
    """`reply` (texte, liste, dictionnaire) avec les espaces insécables (typographie française) remplacées
    par des espaces ordinaires."""
    if isinstance(reply, str):
        return reply.translate(NO_BREAK_SPACES)  # type: ignore[return-value]
    if isinstance(reply, list):
        return [plain_spaces(item) for item in reply]  # type: ignore[return-value]
    if isinstance(reply, dict):
        return {key: plain_spaces(value) for key, value in reply.items()}  # type: ignore[return-value]
    return reply


@dataclass
class Conversation:
    """Une conversation neuve avec l'assistant, par le canal REST : chaque appel envoie un message et
    renvoie les textes du bot ; `transcript` garde tout, pour les messages d'échec."""

    services: Services
    sender: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:10]}")
    transcript: List[str] = field(default_factory=list)

    def send(self, text: str) -> List[dict]:
        """Les réponses du bot (texte, boutons…), espaces insécables de la typographie lues comme des espaces :
        les tests lisent les mots (la typographie a ses propres tests, tests/unit/test_layout.py)."""
        replies = [plain_spaces(reply) for reply in ask(self.services.rasa_url, text, sender=self.sender)]
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


def user_texts_by_conversation(services: Services) -> Dict[str, List[str]]:
    """Les messages des utilisateurs enregistrés dans la base des conversations, par identifiant de tracker."""
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id").fetchall()
    texts: Dict[str, List[str]] = {}
    for sender_id, data in rows:
        texts.setdefault(sender_id, []).append(json.loads(data).get("text"))
    return texts


def conversations_holding(services: Services, text: str) -> Dict[str, List[str]]:
    """Les conversations (identifiant -> tous leurs messages) où un utilisateur a écrit `text`."""
    return {sender: texts for sender, texts in user_texts_by_conversation(services).items() if text in texts}


# --- navigateur (pages web) --------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium de Debian (`make browser`), un par module de tests."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} absent : lancez `make browser` (paquet Debian chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
