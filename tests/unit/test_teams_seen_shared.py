"""Issue 15 : un renvoi de Teams peut arriver à un autre serveur Rasa que le premier. La mémoire partagée des
activités reçues (`SharedSeenActivities`) vit dans le Redis de la machine (127.0.0.1:6379) ; sans lui, ces tests
sont passés avec la raison."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any, Awaitable, Callable, List

import pytest
import redis
import redis.asyncio

from addons.channels import teams_activities
from cecaz import settings
from ops.serve import free_port


@pytest.fixture(scope="module")
def redis_up() -> None:
    try:
        redis.Redis(socket_connect_timeout=2).ping()
    except (redis.exceptions.RedisError, OSError) as exc:
        pytest.skip(f"Redis local (127.0.0.1:6379) injoignable : {exc}")


def run(make: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(make())


def replicas(count: int, ttl_s: float = 60.0, port: int = 6379) -> List[teams_activities.SharedSeenActivities]:
    """`count` mémoires, chacune avec son propre client (comme deux serveurs Rasa), même préfixe neuf."""
    prefix = f"cecaz-test:{uuid.uuid4().hex[:8]}:"
    return [teams_activities.SharedSeenActivities(redis.asyncio.Redis(port=port, socket_connect_timeout=1),
                                                  ttl_s, prefix) for _ in range(count)]


def test_a_resent_activity_is_claimed_once_across_replicas(redis_up: None) -> None:
    async def scenario() -> List[bool]:
        first, second = replicas(2)
        return [await first.claim("a1"), await second.claim("a1"), await first.claim("a1"),
                await second.claim("a2")]

    assert run(scenario) == [True, False, False, True]


def test_simultaneous_claims_have_one_winner(redis_up: None) -> None:
    async def scenario() -> List[bool]:
        memories = replicas(10)
        return list(await asyncio.gather(*(memory.claim("same") for memory in memories)))

    assert sorted(run(scenario)) == [False] * 9 + [True]


def test_an_id_is_forgotten_after_its_time_to_live(redis_up: None) -> None:
    async def scenario() -> List[bool]:
        (memory,) = replicas(1, ttl_s=0.3)
        claims = [await memory.claim("a1"), await memory.claim("a1")]
        await asyncio.sleep(0.5)
        return [*claims, await memory.claim("a1")]

    assert run(scenario) == [True, False, True]


def test_without_redis_the_activity_is_processed_and_a_warning_logged(caplog: pytest.LogCaptureFixture) -> None:
    (memory,) = replicas(1, port=free_port())  # nothing listens there
    with caplog.at_level(logging.WARNING, logger=teams_activities.__name__):
        started = time.monotonic()
        assert run(lambda: memory.claim("a1")) and run(lambda: memory.claim("a1"))
    assert time.monotonic() - started < 5
    assert [r.getMessage() for r in caplog.records] == ["event=teams_seen_unavailable error=ConnectionError"] * 2


def test_the_profile_chooses_the_memory() -> None:
    assert isinstance(teams_activities.seen_activities(settings.load({})), teams_activities.SeenActivities)
    shared = teams_activities.seen_activities(settings.load({"CECAZ_TEAMS_SEEN_IN_REDIS": "1",
                                                             "CECAZ_REDIS_PORT": "6390"}))
    assert isinstance(shared, teams_activities.SharedSeenActivities)
    assert shared.client.connection_pool.connection_kwargs["port"] == 6390
