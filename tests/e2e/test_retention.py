"""Conservation des conversations (issue 15) : `make purge` (`ops/purge.py`) supprime les sessions de
conversation terminées depuis plus de `CECAZ_RETENTION_DAYS` jours, dans la base SQLite du profil embarqué
et dans PostgreSQL (profil de production), écrites par le magasin SQL de Rasa lui-même ; et sur la base
d'un serveur Rasa en marche, sans l'arrêter."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from ops.purge import DAY_S, engine_for, sqlite_url
from ops.serve import ROOT, Services
from tests.e2e.conftest import Conversation, user_texts_by_conversation
from tests.support.postgres import ThrowawayDatabase, throwaway_database

RETENTION_DAYS = 90


def session(start_days_ago: float, client: str, end_days_ago: float) -> List[Event]:
    """Une session telle que Rasa l'écrit : ouverture le jour `start_days_ago` (jours avant maintenant), un
    message qui nomme `client`, la réponse, puis un dernier message le jour `end_days_ago`."""
    start, end = time.time() - start_days_ago * DAY_S, time.time() - end_days_ago * DAY_S
    return [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start),
            ActionExecuted("action_listen", timestamp=start),
            UserUttered(f"mon client {client} a un site", timestamp=start),
            BotUttered("Payplug convient.", timestamp=start), ActionExecuted("action_listen", timestamp=start),
            UserUttered("merci", timestamp=end), ActionExecuted("action_listen", timestamp=end)]


# Conversation -> its sessions, oldest first: (start, client named, last message), in days before now.
CONVERSATIONS: Dict[str, List[Tuple[float, str, float]]] = {
    "ancienne": [(120, "Dupont", 119)],  # ended long ago: removed whole
    "recente": [(2, "Durand", 1)],  # kept
    "mixte": [(150, "Martin", 150), (3, "Bernard", 3)],  # its old session goes, the recent one stays
    "a-cheval": [(95, "Petit", 80)],  # started before the limit, still active after it: kept whole
    "juste-avant": [(91, "Leroy", 90.5)],  # ended just before the limit: removed
}
KEPT = {"recente": ["Durand"], "mixte": ["Bernard"], "a-cheval": ["Petit"]}


def store_conversations(store: SQLTrackerStore) -> None:
    """Écrit `CONVERSATIONS` par le magasin SQL de Rasa (sa table `events`, ses types d'événements)."""
    for sender, sessions in CONVERSATIONS.items():
        events = [event for start, client, end in sessions for event in session(start, client, end)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def clients_named(engine: sa.engine.Engine) -> Dict[str, List[str]]:
    """Par conversation restante, les clients nommés dans ses messages (tous, sessions anciennes comprises)."""
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT sender_id, data FROM events WHERE type_name = 'user' "
                                          "ORDER BY id")).all()
    named: Dict[str, List[str]] = {}
    for sender, data in rows:
        words = json.loads(data)["text"].split()
        if words[:2] == ["mon", "client"]:
            named.setdefault(sender, []).append(words[2])
        else:
            named.setdefault(sender, [])
    return named


def purge_command(env: Dict[str, str], store: str = "sqlite") -> subprocess.CompletedProcess[str]:
    """`make purge STORE=<store>` (la commande de sa recette), avec `env` en plus de l'environnement."""
    return subprocess.run([sys.executable, "-m", "ops.purge", "--store", store], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "CECAZ_RETENTION_DAYS": str(RETENTION_DAYS), **env})


def run_purge(env: Dict[str, str], store: str = "sqlite") -> str:
    """La sortie d'une purge réussie (voir `purge_command`)."""
    done = purge_command(env, store)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass(frozen=True)
class Database:
    """Une base de conversations : son adresse, sa sorte (`make purge STORE=…`), l'environnement qui la désigne."""

    url: sa.engine.URL
    store: str
    env: Dict[str, str]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Une base neuve écrite par le magasin SQL de Rasa. PostgreSQL : une base jetable sur 127.0.0.1:5432,
    supprimée à la fin."""
    if request.param == "sqlite":
        path = tmp_path / "tracker.db"
        store_conversations(SQLTrackerStore(dialect="sqlite", db=str(path)))
        yield Database(sqlite_url(path), "sqlite", {"TRACKER_DB": str(path)})
        return
    with throwaway_database("cecaz_purge") as throwaway:
        store = SQLTrackerStore(dialect="postgresql", host="127.0.0.1", port=5432, username="postgres",
                                db=throwaway.name)
        store_conversations(store)
        store.engine.dispose()
        yield Database(throwaway.url, "postgresql", throwaway.env)


def test_purge_removes_the_sessions_older_than_the_retention(database: Database) -> None:
    engine = engine_for(database.url)
    try:
        before = clients_named(engine)
        assert before == {sender: [client for _, client, _ in sessions] for sender, sessions in CONVERSATIONS.items()}
        out = run_purge(database.env, database.store)
        assert clients_named(engine) == KEPT
        old_events = 8 * 3  # "ancienne", "juste-avant" and the first session of "mixte"
        assert f"plus de {RETENTION_DAYS} jours supprimées" in out and f"2 conversation(s) entière(s), " \
            f"{old_events} événement(s)" in out, out
        # The kept session of "mixte" is whole, from its opening on: Rasa reads it as before.
        with engine.connect() as connection:
            mixed = connection.execute(sa.text("SELECT type_name FROM events WHERE sender_id = 'mixte' "
                                               "ORDER BY id")).scalars().all()
        assert mixed == ["action", "session_started", "action", "user", "bot", "action", "user", "action"]
        assert "0 conversation(s) entière(s), 0 événement(s)" in run_purge(database.env, database.store)
    finally:
        engine.dispose()


def test_purge_on_the_database_of_a_running_server(services: Services, conversation: Conversation) -> None:
    """Une conversation réelle (REST) qui nomme un client, vieillie de 100 jours, disparaît de la base du serveur
    en marche ; une conversation récente reste, et les deux expéditeurs sont encore servis ensuite."""
    old, recent = Conversation(services), conversation
    old("numéro de l'assistance SP+ pour mon client Lambert")
    recent("numéro de l'assistance SP+ pour mon client Moreau")
    database = services.var_dir / "tracker.db"
    with sqlite3.connect(database) as db:
        db.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?",
                   (100 * DAY_S, f"rest:{old.sender}"))
    out = run_purge({"TRACKER_DB": str(database), "CECAZ_VAR_DIR": str(services.var_dir)})
    assert "1 conversation(s) entière(s)" in out, out
    remaining = user_texts_by_conversation(services)
    assert f"rest:{old.sender}" not in remaining
    assert remaining[f"rest:{recent.sender}"] == ["numéro de l'assistance SP+ pour mon client Moreau"]
    assert "09 69 37 80 30" in "\n".join(old("numéro de l'assistance SP+"))  # a new conversation for it
    assert "09 69 37 80 30" in "\n".join(recent("numéro de l'assistance SP+"))
    assert user_texts_by_conversation(services)[f"rest:{old.sender}"] == ["numéro de l'assistance SP+"]


def test_an_unreachable_database_is_reported_in_french(database: Database) -> None:
    """Une base introuvable : code 1 et un message qui la nomme (sans mot de passe), rien de créé."""
    env = {**database.env, "TRACKER_DB": str(ROOT / "var" / "absente" / "tracker.db"),
           **ThrowawayDatabase(f"cecaz_absente_{uuid.uuid4().hex[:8]}").env, "CECAZ_PG_PASSWORD": "secret-de-test"}
    done = purge_command(env, database.store)
    if database.store == "sqlite":
        assert done.returncode == 0 and "Rien à purger" in done.stdout
        assert not (ROOT / "var" / "absente").exists()
    else:
        assert done.returncode == 1 and "Erreur : base des conversations injoignable" in done.stderr
        assert env["CECAZ_PG_DATABASE"] in done.stderr and "secret-de-test" not in done.stderr
