"""Purge des conversations au-delà de la durée de conservation (`CECAZ_RETENTION_DAYS`) : `make purge`.

Les conversations peuvent contenir le nom d'un client : on ne les garde pas plus longtemps qu'il ne faut
(docs/securite.md, « Conservation des conversations »). La purge travaille sur la table `events` du
magasin SQL de Rasa (SQLite du profil embarqué ou PostgreSQL), par sessions de conversation : une session
(de son événement `session_started` au suivant) dont le dernier événement est plus ancien que la limite est
supprimée ; une session encore active à la limite est gardée entière, et la conversation continue. Une
conversation sans aucun événement récent disparaît donc entièrement.

Sûre pendant que les serveurs tournent : Rasa relit le tracker en base à chaque message (seule la dernière
session compte pour lui), et la suppression se fait en une transaction. Sous SQLite, les pages libérées
sont effacées (`secure_delete`) : les textes supprimés ne restent pas lisibles dans le fichier.

    python -m ops.purge                        # profil embarqué : base SQLite des conversations (TRACKER_DB)
    python -m ops.purge --store postgresql     # profil de production : base PostgreSQL (CECAZ_PG_*)"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from cecaz import settings
from cecaz.settings import SettingsError

DAY_S = 86_400
# Rasa's SQL tracker store (rasa.core.tracker_store.SQLTrackerStore.SQLEvent): the columns the purge reads.
EVENTS = sa.table("events", sa.column("id", sa.Integer), sa.column("sender_id", sa.String),
                  sa.column("type_name", sa.String), sa.column("timestamp", sa.Float),
                  sa.column("action_name", sa.String))
SESSION_STARTED = "session_started"
STORES = ("sqlite", "postgresql")
CONNECT_TIMEOUT_S = 10
# Rasa writes this action just before the `session_started` of a new session: it belongs to the new one.
SESSION_START_ACTION = "action_session_start"


@dataclass(frozen=True)
class Purged:
    """Ce que la purge a supprimé : conversations entières et événements (sessions anciennes comprises)."""

    conversations: int
    events: int


def cutoff(retention_days: int, now: Optional[float] = None) -> float:
    """L'instant limite (secondes depuis l'époque Unix, comme les `timestamp` de Rasa) : `now` (par défaut
    l'heure réelle) moins `retention_days` jours."""
    return (time.time() if now is None else now) - retention_days * DAY_S


def _recent(limit: float) -> Any:
    """Par conversation, le premier événement récent (`timestamp` >= `limit`) qui n'ouvre pas une session."""
    return (sa.select(EVENTS.c.sender_id, sa.func.min(EVENTS.c.id).label("first"))
            .where(EVENTS.c.timestamp >= limit, sa.not_(_opening(EVENTS)))
            .group_by(EVENTS.c.sender_id).subquery("recent"))


def _opening(events: Any) -> Any:
    return sa.and_(events.c.type_name == "action", events.c.action_name == SESSION_START_ACTION)


def _kept_from(connection: sa.engine.Connection, limit: float) -> Dict[str, int]:
    """Pour chaque conversation qui a des événements récents et des sessions plus anciennes : l'identifiant
    du premier événement gardé, l'ouverture de la session où tombe son premier événement récent."""
    recent = _recent(limit)
    starts = connection.execute(
        sa.select(EVENTS.c.sender_id, sa.func.max(EVENTS.c.id))
        .join(recent, recent.c.sender_id == EVENTS.c.sender_id)
        .where(EVENTS.c.type_name == SESSION_STARTED, EVENTS.c.id <= recent.c.first)
        .group_by(EVENTS.c.sender_id)).all()
    kept = {}
    for sender, start in starts:
        # Ids are shared by every conversation: the event before `start` is looked up, not computed.
        previous = connection.execute(
            sa.select(EVENTS.c.id, _opening(EVENTS).label("opening"))
            .where(EVENTS.c.sender_id == sender, EVENTS.c.id < start)
            .order_by(EVENTS.c.id.desc()).limit(1)).first()
        if previous is not None and previous.opening:
            start = previous.id
            previous = connection.execute(sa.select(EVENTS.c.id).where(EVENTS.c.sender_id == sender,
                                                                      EVENTS.c.id < start).limit(1)).first()
        if previous is not None:  # something older than the kept session
            kept[sender] = start
    return kept


def purge(engine: Engine, limit: float) -> Purged:
    """Supprime de la table `events` de `engine` les sessions de conversation terminées avant `limit`
    (secondes Unix) ; une base sans table `events` n'a rien à purger. Une seule transaction."""
    if not sa.inspect(engine).has_table("events"):
        return Purged(0, 0)
    with engine.begin() as connection:
        stale = connection.execute(sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
                                   .having(sa.func.max(EVENTS.c.timestamp) < limit)).scalars().all()
        kept = _kept_from(connection, limit)
        deleted = 0
        if stale:
            deleted += connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(stale))).rowcount
        if kept:
            older = [{"sender": sender, "start": start} for sender, start in kept.items()]
            deleted += connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sa.bindparam("sender"),
                                                                  EVENTS.c.id < sa.bindparam("start")),
                                          older).rowcount
    return Purged(conversations=len(stale), events=deleted)


def engine_for(url: Union[str, URL]) -> Engine:
    """Un moteur SQLAlchemy pour la base `url` ; sous SQLite, les pages libérées sont effacées et l'on attend
    jusqu'à 30 s que le serveur Rasa relâche son verrou d'écriture."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, future=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    engine = sa.create_engine(url, future=True, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _secure_delete(connection: Any, _: Any) -> None:
        connection.execute("PRAGMA secure_delete = ON")

    return engine


def sqlite_url(path: Path) -> URL:
    """L'adresse SQLAlchemy du fichier SQLite `path`."""
    return URL.create("sqlite", database=str(path))


def store_url(config: settings.Settings, store: str) -> URL:
    """L'adresse de la base des conversations du profil : `sqlite` (embarqué, `tracker_db`) ou `postgresql`
    (production, réglages `pg_*`, mot de passe compris : ne pas l'afficher sans `hide_password`)."""
    if store == "postgresql":
        return URL.create("postgresql", username=config.pg_user, password=config.pg_password, host=config.pg_host,
                          port=config.pg_port, database=config.pg_database)
    return sqlite_url(config.tracker_db)


def main(argv: Optional[List[str]] = None) -> int:
    """`make purge` : purge la base des conversations du profil choisi, dit ce qui a été supprimé. 2 pour un
    réglage inutilisable, 1 si la base est injoignable."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=STORES, default="sqlite",
                        help="sqlite : profil embarqué (TRACKER_DB) ; postgresql : profil de production (CECAZ_PG_*)")
    args = parser.parse_args(argv)
    try:
        config = settings.load()
    except SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    if args.store == "sqlite" and not config.tracker_db.exists():
        print(f"Rien à purger : {config.tracker_db} n'existe pas encore.")
        return 0
    url = store_url(config, args.store)
    where = url.render_as_string(hide_password=True)
    engine = engine_for(url)
    try:
        purged = purge(engine, cutoff(config.retention_days))
    except sa.exc.OperationalError as exc:
        reason = " ".join(str(exc.orig).split())
        print(f"Erreur : base des conversations injoignable ({where}) : {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"✔ Conversations de plus de {config.retention_days} jours supprimées ({where}) : "
          f"{purged.conversations} conversation(s) entière(s), {purged.events} événement(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
