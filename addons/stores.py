"""Magasins du profil de production (`make cluster`, docs/deploiement.md) : conversations dans PostgreSQL sans
repli en mémoire, verrous de conversation atomiques dans Redis.

Rasa Open Source 3.6 cache deux pannes que plusieurs serveurs Rasa rendent graves :

- **Repli silencieux en mémoire** (Rasa, issue 3243) : l'agent enveloppe le magasin dans un
  `FailSafeTrackerStore` qui, base injoignable, lit un tracker vide (la conversation repart de zéro) et
  écrit dans un `InMemoryTrackerStore` propre au processus ; une classe de magasin introuvable donne aussi
  un magasin en mémoire. Chaque serveur Rasa garde alors sa propre moitié de conversation.
  `DurableSQLTrackerStore` refuse de démarrer sans sa base, lève `StoreUnavailable` quand elle tombe (le
  message reçoit une réponse en français, `addons/resilience.py`, et rien n'est gardé en mémoire) et
  reprend seul à son retour (connexions vérifiées avant usage) ; `install()` retire l'enveloppe et le repli.
- **Verrou Redis non atomique** (Rasa, issue 9213) : `RedisLockStore` lit le verrou, ajoute un ticket et le
  réécrit ; deux serveurs qui le font en même temps se croient seuls et mélangent les événements d'une
  conversation. `AtomicRedisLockStore` fait chaque étape en un script Lua (atomique dans Redis) : file
  d'attente par conversation dans l'ordre d'arrivée, comme les tickets de Rasa ; le détenteur renouvelle
  sa présence tant qu'il vit (une action lente ne perd pas le verrou), un détenteur mort le perd au bout de
  `lifetime` secondes.

`install()` est appelé par `ops/rasa_cli.py` ; les remplacements visent Rasa 3.6 (version vérifiée)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import threading
import time
from typing import Any, AsyncGenerator, Callable, Dict, Generator, Iterable, Optional

import rasa.core.tracker_store
import rasa.shared.utils.common
import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain

from addons.resilience import check_rasa_version
from cecaz.degraded import StoreUnavailable

logger = logging.getLogger("cecaz.stores")

CONNECT_TIMEOUT_S = 3  # a server that does not answer the connection in that time is down
TABLES_LOCK = 0x63656361  # PostgreSQL advisory locks: one replica at a time creates the tables…
DATABASE_LOCK = 0x63656362  # … and the database
POLL_S = 0.02  # a waiting message checks its turn this often (a turn lasts tens of milliseconds at least)
KEY_TTL_MS = 24 * 3600 * 1000  # idle queue keys of a conversation disappear after a day


def _reason(exc: BaseException) -> str:
    """La cause d'une erreur de connexion, sur une ligne, sans mot de passe (les URL sont masquées par
    SQLAlchemy et redis-py)."""
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split())[:300] or type(original).__name__


# --- PostgreSQL -------------------------------------------------------------------------------


class DurableSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` de Rasa sur PostgreSQL, sans attente muette au démarrage ni repli en mémoire.

    Au démarrage : la base `db` est créée si elle manque (depuis `login_db`), les tables une seule fois
    (verrou consultatif, plusieurs serveurs démarrent ensemble) ; serveur injoignable : `StoreUnavailable`,
    le serveur Rasa ne démarre pas (le `SQLTrackerStore` d'origine réessayait sans fin). En marche : chaque
    erreur de connexion devient `StoreUnavailable` ; les connexions sont vérifiées avant usage, si bien que
    le premier message après le retour de la base passe."""

    def __init__(self, domain: Optional[Domain] = None, host: Optional[str] = "127.0.0.1",
                 port: Optional[int] = 5432, db: str = "cecaz", username: Optional[str] = None,
                 password: Optional[str] = None, login_db: Optional[str] = "postgres",
                 event_broker: Any = None, dialect: str = "postgresql", **kwargs: Any) -> None:
        if dialect != "postgresql":
            raise ValueError(f"DurableSQLTrackerStore : PostgreSQL seulement (dialecte {dialect!r}).")
        self.where = f"PostgreSQL {host}:{port}, base {db}"
        url = sa.engine.url.URL.create("postgresql", username or None, password or None, host, int(port or 5432),
                                       db)
        # AttributeError/ImportError here would make Rasa fall back to memory: everything becomes StoreUnavailable.
        try:
            if login_db and login_db != db:
                create_database(url.set(database=login_db), db)
            self.engine = sa.create_engine(url, pool_pre_ping=True,
                                           connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
            with self.engine.begin() as connection:
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": TABLES_LOCK})
                self.Base.metadata.create_all(connection)
        except StoreUnavailable:
            raise
        except Exception as exc:
            raise StoreUnavailable(self.where, _reason(exc)) from exc
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        logger.info("event=tracker_store_connected store=%s", self.where)
        TrackerStore.__init__(self, domain, event_broker, **kwargs)  # SQLTrackerStore.__init__ would loop

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        session = self.sessionmaker()
        try:
            yield session
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            logger.error("event=tracker_store_unavailable store=%s error=%s", self.where, _reason(exc))
            raise StoreUnavailable(self.where, _reason(exc)) from exc
        except sa.exc.DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            logger.error("event=tracker_store_unavailable store=%s error=%s", self.where, _reason(exc))
            raise StoreUnavailable(self.where, _reason(exc)) from exc
        finally:
            session.close()


def create_database(login_url: sa.engine.url.URL, name: str) -> bool:
    """Crée la base `name` sur le serveur de `login_url` (connecté à une autre base, `postgres` en général) si
    elle manque ; vrai si elle a été créée. Plusieurs appels simultanés : un seul la crée. Lève
    `StoreUnavailable` si le serveur est injoignable."""
    engine = sa.create_engine(login_url, isolation_level="AUTOCOMMIT",
                              connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        with engine.connect() as connection:
            # Replicas starting together: one at a time checks and creates (CREATE DATABASE cannot be undone
            # inside a transaction, and two at once collide on the catalogue).
            connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": DATABASE_LOCK})
            try:
                exists = connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                            {"name": name}).first()
                if exists:
                    return False
                quoted = engine.dialect.identifier_preparer.quote(name)
                try:
                    connection.execute(sa.text(f"CREATE DATABASE {quoted}"))
                except (sa.exc.ProgrammingError, sa.exc.IntegrityError) as exc:  # created by another server
                    if getattr(exc.orig, "pgcode", "") not in ("42P04", "23505"):
                        raise
                    return False
                logger.info("event=database_created database=%s", name)
                return True
            finally:
                connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": DATABASE_LOCK})
    except sa.exc.OperationalError as exc:
        where = f"PostgreSQL {login_url.host}:{login_url.port}"
        raise StoreUnavailable(where, _reason(exc)) from exc
    finally:
        engine.dispose()


# --- Redis ------------------------------------------------------------------------------------

# KEYS: queue (sorted set token -> ticket), counter. ARGV: token, presence key, lifetime ms, key ttl ms.
ENQUEUE = """
local ticket = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ticket, ARGV[1])
redis.call('SET', ARGV[2], '1', 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return ticket
"""
# KEYS: queue. ARGV: token, presence key prefix. 1: the turn is this token's; 0: wait; -1: dropped (re-enqueue).
# Holders and waiters whose presence expired (their process died) leave the head of the queue here.
TURN = """
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if not head then return -1 end
  if redis.call('EXISTS', ARGV[2] .. head) == 1 then
    if head == ARGV[1] then return 1 end
    if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
    return -1
  end
  redis.call('ZREM', KEYS[1], head)
end
"""
# KEYS: queue, counter, presence. ARGV: token.
RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 1
"""


class Presences:
    """Présences (clés Redis à durée de vie) des messages de ce processus, renouvelées depuis un fil à part.

    Rasa calcule ses prédictions dans la boucle asyncio, qu'il bloque parfois plusieurs secondes (premier
    message, machine chargée) : un renouvellement dans cette boucle laisserait expirer la présence d'un
    message pourtant vivant. Le fil renouvelle toutes les présences au tiers de `lifetime_ms` ; il s'arrête
    avec le processus, et ses présences expirent alors d'elles-mêmes."""

    def __init__(self, client: Any, lifetime_ms: int, where: str) -> None:
        self.client, self.lifetime_ms, self.where = client, lifetime_ms, where
        self._keys: Dict[str, Optional[str]] = {}  # presence key -> conversation, once it holds the lock
        self._guard = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._failing = False

    def add(self, key: str) -> None:
        with self._guard:
            self._keys[key] = None
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="cecaz-lock-presences", daemon=True)
                self._thread.start()

    def hold(self, key: str, conversation_id: str) -> None:
        with self._guard:
            self._keys[key] = conversation_id

    def discard(self, key: str) -> None:
        with self._guard:
            self._keys.pop(key, None)

    def renew_once(self) -> None:
        import redis.exceptions

        with self._guard:
            items = list(self._keys.items())
        if not items:
            return
        try:
            pipe = self.client.pipeline(transaction=False)
            for key, _ in items:
                pipe.pexpire(key, self.lifetime_ms)
            renewed = pipe.execute()
        except (redis.exceptions.RedisError, OSError) as exc:
            if not self._failing:
                logger.error("event=lock_store_unavailable store=%s error=%s", self.where, _reason(exc))
            self._failing = True
            return
        self._failing = False
        for (key, conversation_id), ok in zip(items, renewed, strict=True):
            with self._guard:
                still_here = key in self._keys
            if not ok and conversation_id and still_here:
                logger.error("event=lock_lost conversation=%s : présence expirée pendant le traitement",
                             conversation_id)

    def _run(self) -> None:
        while True:
            time.sleep(self.lifetime_ms / 3000)
            self.renew_once()


class AtomicRedisLockStore(LockStore):
    """Verrou de conversation dans Redis, atomique (scripts Lua), à la place du `RedisLockStore` de Rasa.

    Chaque message prend un ticket dans la file de sa conversation et attend d'en être en tête ; les
    messages d'une conversation passent un à un, dans l'ordre d'arrivée, quel que soit le serveur Rasa qui
    les reçoit. Tant qu'il attend ou tient le verrou, le message est présent (clé à durée de vie `lifetime`
    secondes, renouvelée au tiers de celle-ci par `Presences`) : un traitement plus long que `lifetime`
    garde son tour ; un processus mort perd le sien au bout de `lifetime` secondes au plus.

    Réglages (section `lock_store` d'endpoints.yml, écrite par `ops/cluster.py`) : `url` (hôte), `port`,
    `db`, `password`, `key_prefix`, `lifetime` (secondes). Redis injoignable : `StoreUnavailable`."""

    def __init__(self, endpoint_config: Any = None, host: str = "127.0.0.1", port: int = 6379, db: int = 0,
                 password: Optional[str] = None, key_prefix: str = "cecaz", lifetime: float = 10.0,
                 socket_timeout: float = 5.0) -> None:
        import redis
        import redis.asyncio

        options: Dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config is not None else {}
        host = (endpoint_config.url if endpoint_config is not None and endpoint_config.url else host)
        port, db = int(options.get("port", port)), int(options.get("db", db))
        password = options.get("password", password) or None
        self.key_prefix = str(options.get("key_prefix", key_prefix))
        self.lifetime_ms = max(int(float(options.get("lifetime", lifetime)) * 1000), 300)
        self.where = f"Redis {host}:{port}/{db}"
        connection = {"host": host, "port": port, "db": db, "password": password,
                      "socket_timeout": float(options.get("socket_timeout", socket_timeout)),
                      "socket_connect_timeout": CONNECT_TIMEOUT_S}
        self.red = redis.asyncio.Redis(**connection)
        self.presences = Presences(redis.Redis(**connection), self.lifetime_ms, self.where)
        self._enqueue = self.red.register_script(ENQUEUE)
        self._turn = self.red.register_script(TURN)
        self._release = self.red.register_script(RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> Dict[str, str]:
        # One hash tag per conversation: all its keys are on the same node of a Redis cluster.
        base = f"{self.key_prefix}:lock:{{{conversation_id}}}"
        return {"queue": f"{base}:queue", "counter": f"{base}:counter", "presence": f"{base}:present:"}

    async def _call(self, script: Callable[..., Any], keys: Iterable[str], args: Iterable[Any]) -> Any:
        import redis.exceptions

        try:
            return await script(keys=list(keys), args=list(args))
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            logger.error("event=lock_store_unavailable store=%s error=%s", self.where, _reason(exc))
            raise StoreUnavailable(self.where, _reason(exc)) from exc

    async def _join(self, keys: Dict[str, str], token: str) -> int:
        """Prend un ticket dans la file de la conversation ; renvoie son numéro (ordre d'arrivée dans Redis)."""
        return int(await self._call(self._enqueue, [keys["queue"], keys["counter"]],
                                    [token, keys["presence"] + token, self.lifetime_ms, KEY_TTL_MS]))

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = 0, wait_time_in_seconds: float = 0,
                   ) -> AsyncGenerator[None, None]:
        """Le tour de `conversation_id` ; `lock_lifetime` et `wait_time_in_seconds` (paramètres de Rasa) sont
        remplacés par `lifetime` et `POLL_S`."""
        keys = self._keys(conversation_id)
        token = secrets.token_hex(16)
        presence = keys["presence"] + token
        self.presences.add(presence)
        try:
            await self._join(keys, token)
            while True:
                turn = await self._call(self._turn, [keys["queue"]], [token, keys["presence"]])
                if turn == 1:
                    break
                if turn == -1:  # presence expired while waiting (process stalled): back in the queue
                    logger.warning("event=lock_ticket_expired conversation=%s", conversation_id)
                    await self._join(keys, token)
                await asyncio.sleep(POLL_S)
            self.presences.hold(presence, conversation_id)
            yield None
        finally:
            self.presences.discard(presence)
            with contextlib.suppress(StoreUnavailable):  # the presence then expires by itself
                await self._call(self._release, [keys["queue"], keys["counter"], presence], [token])

    # Rasa's ticket-lock interface, used only through `lock()`: nothing else of it is called.
    def get_lock(self, conversation_id: str) -> None:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        return None

    def save_lock(self, lock: Any) -> None:
        return None


# --- installation ------------------------------------------------------------------------------

_original_create_tracker_store = Agent._create_tracker_store


def _create_tracker_store(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
    """`Agent._create_tracker_store` de Rasa, sans l'enveloppe `FailSafeTrackerStore` (repli en mémoire) pour
    un `DurableSQLTrackerStore`."""
    if isinstance(store, DurableSQLTrackerStore):
        store.domain = domain
        return store
    return _original_create_tracker_store(store, domain)


def _load_tracker_store_class(domain: Domain, store: Any, event_broker: Any = None) -> TrackerStore:
    """Charge la classe de magasin nommée dans endpoints.yml ; introuvable : le démarrage s'arrête (Rasa
    prenait en silence un magasin en mémoire)."""
    tracker_store_class = rasa.shared.utils.common.class_from_module_path(store.type)
    return tracker_store_class(host=store.url, domain=domain, event_broker=event_broker, **store.kwargs)


def install() -> None:
    """Installe les remplacements ; idempotent. Lève `addons.resilience.RasaVersionError` hors de Rasa 3.6.x."""
    check_rasa_version()
    Agent._create_tracker_store = staticmethod(_create_tracker_store)  # type: ignore[method-assign]
    rasa.core.tracker_store._load_from_module_name_in_endpoint_config = _load_tracker_store_class
