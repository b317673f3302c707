"""Magasins du profil de production (`addons/stores.py`) : le magasin PostgreSQL refuse de démarrer sans sa
base et n'est jamais remplacé par un magasin en mémoire ; le verrou Redis est atomique, dans l'ordre
d'arrivée, gardé par un détenteur lent, rendu par un détenteur mort.

Les tests du verrou parlent au Redis de la machine (`CECAZ_REDIS_HOST`:`CECAZ_REDIS_PORT`) et sont passés,
avec la raison, s'il ne répond pas ; chaque test a son propre préfixe de clés."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import secrets
import threading
import time
import uuid
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.agent import Agent
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from addons import stores
from addons.stores import AtomicRedisLockStore, DurableSQLTrackerStore
from cecaz import settings
from cecaz.degraded import StoreUnavailable
from ops.serve import free_port


def test_an_unreachable_postgresql_refuses_the_start_at_once() -> None:
    """Rasa's SQLTrackerStore retried every 5 s forever; here the Rasa server stops with the reason."""
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match=r"PostgreSQL 127\.0\.0\.1:\d+ .*injoignable"):
        DurableSQLTrackerStore(host="127.0.0.1", port=free_port(), db="cecaz", username="postgres")
    assert time.monotonic() - started < 10


def test_the_durable_store_is_not_wrapped_in_rasas_in_memory_fallback() -> None:
    stores.install()
    durable = DurableSQLTrackerStore.__new__(DurableSQLTrackerStore)  # no database needed for the wiring
    assert Agent._create_tracker_store(durable, Domain.empty()) is durable
    wrapped = Agent._create_tracker_store(InMemoryTrackerStore(Domain.empty()), Domain.empty())
    assert isinstance(wrapped, FailSafeTrackerStore)  # other stores: Rasa's behaviour, unchanged


def test_an_unknown_store_class_stops_the_start_instead_of_using_memory() -> None:
    stores.install()
    config = EndpointConfig(type="addons.stores.NoSuchStore")
    with pytest.raises((AttributeError, ImportError)):
        rasa_tracker_store._create_from_endpoint_config(config, Domain.empty())


def test_the_lock_replaces_rasas_lock_with_the_same_call() -> None:
    assert list(inspect.signature(AtomicRedisLockStore.lock).parameters) == \
        list(inspect.signature(LockStore.lock).parameters)


# --- Redis ------------------------------------------------------------------------------------


def _redis_reason() -> str:
    import redis

    config = settings.load()
    try:
        redis.Redis(host=config.redis_host, port=config.redis_port, socket_connect_timeout=2).ping()
    except (redis.exceptions.RedisError, OSError) as exc:
        return f"Redis absent ({config.redis_host}:{config.redis_port}) : {exc}"
    return ""


@pytest.fixture
def lock_stores() -> Iterator[Tuple[AtomicRedisLockStore, AtomicRedisLockStore]]:
    """Deux magasins de verrous, deux connexions : deux serveurs Rasa. Durée de vie 0,6 s."""
    reason = _redis_reason()
    if reason:
        pytest.skip(reason)
    config = settings.load()
    prefix = f"test{uuid.uuid4().hex[:10]}"

    def one() -> AtomicRedisLockStore:
        return AtomicRedisLockStore(EndpointConfig(url=config.redis_host, port=config.redis_port,
                                                   db=config.redis_db, key_prefix=prefix, lifetime=0.6))
    yield one(), one()


async def _close(*lock_store: AtomicRedisLockStore) -> None:
    for one in lock_store:
        await one.red.aclose() if hasattr(one.red, "aclose") else await one.red.close()


def test_one_holder_at_a_time_across_two_servers_in_arrival_order(lock_stores) -> None:
    first, second = lock_stores
    conversation = f"rest:{uuid.uuid4().hex}"
    current: contextvars.ContextVar[int] = contextvars.ContextVar("message")
    inside: List[int] = []
    tickets: Dict[int, int] = {}  # ticket taken in Redis -> message
    entered: List[int] = []
    overlaps: List[int] = []
    for store in (first, second):
        async def noted_join(keys: Dict[str, str], token: str, join: Any = store._join) -> int:
            ticket = await join(keys, token)
            tickets[ticket] = current.get()
            return ticket
        store._join = noted_join  # type: ignore[method-assign]

    async def message(number: int, store: AtomicRedisLockStore) -> None:
        current.set(number)  # each message is its own task, with its own copy of the context
        async with store.lock(conversation):
            if inside:
                overlaps.append(number)
            inside.append(number)
            entered.append(number)
            await asyncio.sleep(0.03)
            inside.remove(number)

    async def run() -> None:
        await asyncio.gather(*(message(n, (first, second)[n % 2]) for n in range(10)))
        await _close(first, second)

    asyncio.run(run())
    assert overlaps == []
    assert sorted(entered) == list(range(10))
    assert entered == [tickets[ticket] for ticket in sorted(tickets)]  # first come, first served

def test_a_holder_slower_than_the_lifetime_keeps_its_turn(lock_stores) -> None:
    first, second = lock_stores
    conversation = f"rest:{uuid.uuid4().hex}"
    order: List[str] = []

    async def slow() -> None:
        async with first.lock(conversation):
            order.append("slow in")
            await asyncio.sleep(2.0)  # more than three lifetimes (0.6 s)
            order.append("slow out")

    async def next_message() -> None:
        await asyncio.sleep(0.2)
        async with second.lock(conversation):
            order.append("next")

    async def run() -> None:
        await asyncio.gather(slow(), next_message())
        await _close(first, second)

    asyncio.run(run())
    assert order == ["slow in", "slow out", "next"]


def test_a_holder_blocking_its_event_loop_beyond_the_lifetime_keeps_its_turn(lock_stores) -> None:
    """Rasa predicts inside its event loop and may block it for seconds: the presence is renewed from another
    thread, so a message of another server (its own process, here its own thread and loop) still waits."""
    first, second = lock_stores
    conversation = f"rest:{uuid.uuid4().hex}"
    order: List[str] = []
    holding = threading.Event()

    async def other_server() -> None:
        await asyncio.to_thread(holding.wait, 10)
        async with second.lock(conversation):
            order.append("next")
        await _close(second)

    async def blocking_holder() -> None:
        async with first.lock(conversation):
            order.append("slow in")
            holding.set()
            time.sleep(2.0)  # the loop is blocked: more than three lifetimes (0.6 s)
            order.append("slow out")
        await _close(first)

    waiter = threading.Thread(target=lambda: asyncio.run(other_server()))
    waiter.start()
    asyncio.run(blocking_holder())
    waiter.join(20)
    assert order == ["slow in", "slow out", "next"]


def test_a_dead_holder_loses_the_lock_after_its_lifetime(lock_stores) -> None:
    """A process killed while holding the lock renews nothing: its turn ends after `lifetime` seconds."""
    first, second = lock_stores
    conversation = f"rest:{uuid.uuid4().hex}"

    async def run() -> float:
        keys = first._keys(conversation)
        await first._join(keys, secrets.token_hex(16))  # a holder that will never renew nor release
        started = time.monotonic()
        async with second.lock(conversation):
            waited = time.monotonic() - started
        await _close(first, second)
        return waited

    waited = asyncio.run(run())
    assert 0.4 < waited < 2.0


def test_an_unreachable_redis_is_a_store_unavailable() -> None:
    store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=free_port(), lifetime=1))

    async def run() -> None:
        async with store.lock("rest:x"):
            pass

    with pytest.raises(StoreUnavailable, match="Redis"):
        asyncio.run(run())


# --- PostgreSQL --------------------------------------------------------------------------------


def test_replicas_starting_together_create_the_database_once() -> None:
    """Two servers starting at the same time both find the database missing: one creates it, the other waits
    for it (without the advisory lock, the second CREATE DATABASE failed and stopped its server)."""
    from concurrent.futures import ThreadPoolExecutor

    import sqlalchemy as sa

    config = settings.load()
    login = sa.engine.url.URL.create("postgresql", config.pg_user, config.pg_password, config.pg_host,
                                     config.pg_port, "postgres")
    try:
        sa.create_engine(login, connect_args={"connect_timeout": 2}).connect().close()
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL absent ({config.pg_host}:{config.pg_port}) : {exc.orig}")
    name = f"cecaz_test_{uuid.uuid4().hex[:10]}"
    try:
        with ThreadPoolExecutor(4) as pool:
            created = list(pool.map(lambda _: stores.create_database(login, name), range(4)))
        assert sorted(created) == [False, False, False, True]
    finally:
        engine = sa.create_engine(login, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()
