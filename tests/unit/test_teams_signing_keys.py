"""Clés de signature du Bot Framework : lues à la première requête via le document OpenID, gardées un
jour, relues pour une clé inconnue (au plus toutes les 5 min) ; anciennes clés gardées si Microsoft
ne répond plus."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Dict, List

import aiohttp
import jwt
import pytest
from aiohttp import web

from addons.channels import botframework_auth
from addons.channels.botframework_auth import AuthError, SigningKeys


def token_with_kid(kid: str) -> str:
    return jwt.encode({"aud": "bot"}, "clé-de-test-assez-longue-pour-hs256", algorithm="HS256", headers={"kid": kid})


Scenario = Callable[[SigningKeys, List[str]], Awaitable[None]]


async def with_keys(served: List[Dict[str, Any]], scenario: Scenario) -> None:
    """Sert un document OpenID local dont les clés sont served[-1] et joue le scénario."""
    hits: List[str] = []

    async def metadata(request: web.Request) -> web.Response:
        hits.append("metadata")
        return web.json_response({"jwks_uri": f"http://{request.host}/keys"})

    async def keys(_: web.Request) -> web.Response:
        if not served:
            return web.Response(status=503)
        return web.json_response({"keys": served[-1:]})

    app = web.Application()
    app.router.add_get("/openid", metadata)
    app.router.add_get("/keys", keys)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        try:
            await scenario(SigningKeys(f"http://127.0.0.1:{port}/openid", lambda: session), hits)
        finally:
            await runner.cleanup()


def test_keys_are_read_once_then_on_unknown_kid_after_a_pause() -> None:
    served = [{"kid": "k1", "kty": "RSA"}]

    async def scenario(keys: SigningKeys, hits: List[str]) -> None:
        assert "k1" in await keys.for_token(token_with_kid("k1"))
        await keys.for_token(token_with_kid("k1"))
        await keys.for_token(token_with_kid("inconnue"))  # juste après une lecture : pas de relecture
        assert hits == ["metadata"]
        served.append({"kid": "k2", "kty": "RSA"})
        keys.fetched_at -= botframework_auth.KEYS_MIN_REFRESH_SECONDS + 1
        assert "k2" in await keys.for_token(token_with_kid("k2"))
        assert hits == ["metadata", "metadata"]

    asyncio.run(with_keys(served, scenario))


def test_cached_keys_survive_an_unreachable_microsoft() -> None:
    served = [{"kid": "k1", "kty": "RSA"}]

    async def scenario(keys: SigningKeys, _: List[str]) -> None:
        await keys.for_token(token_with_kid("k1"))
        served.clear()
        keys.fetched_at -= botframework_auth.KEYS_MAX_AGE_SECONDS + 1
        assert "k1" in await keys.for_token(token_with_kid("k1"))
        with pytest.raises(AuthError, match="illisibles"):
            await keys.for_token(token_with_kid("k9"))

    asyncio.run(with_keys(served, scenario))


class Clock:
    """Horloge monotone réglée par le test."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_after_a_failed_fetch_requests_wait_for_the_back_off() -> None:
    """Issue 19, point 8 : chaque requête non authentifiée relançait la lecture des clés (jusqu'à 15 s sous
    le verrou) tant que Microsoft ne répondait pas ; les essais sont maintenant espacés (10 s, 20 s… 5 min)."""
    served: List[Dict[str, Any]] = []  # Microsoft's keys unavailable (503)

    async def scenario(keys: SigningKeys, hits: List[str]) -> None:
        clock = Clock()
        keys.clock = clock
        with pytest.raises(AuthError, match="illisibles"):
            await keys.for_token(token_with_kid("k1"))
        for _ in range(20):
            with pytest.raises(AuthError, match="illisibles.*nouvel essai dans"):
                await keys.for_token(token_with_kid("k1"))
        assert hits == ["metadata"]  # one fetch, not 21
        clock.now += botframework_auth.KEYS_RETRY_FIRST_SECONDS + 1
        with pytest.raises(AuthError):
            await keys.for_token(token_with_kid("k1"))
        assert hits == ["metadata"] * 2
        clock.now += botframework_auth.KEYS_RETRY_FIRST_SECONDS + 1  # the delay has doubled: not yet
        with pytest.raises(AuthError):
            await keys.for_token(token_with_kid("k1"))
        assert hits == ["metadata"] * 2
        served.append({"kid": "k1", "kty": "RSA"})
        clock.now += botframework_auth.KEYS_RETRY_FIRST_SECONDS
        assert "k1" in await keys.for_token(token_with_kid("k1"))
        assert hits == ["metadata"] * 3 and keys.failures == 0

    asyncio.run(with_keys(served, scenario))


def test_the_back_off_is_bounded() -> None:
    async def scenario(keys: SigningKeys, _: List[str]) -> None:
        clock = Clock()
        keys.clock = clock
        for _attempt in range(12):
            clock.now = max(clock.now, keys.retry_at)
            with pytest.raises(AuthError):
                await keys.for_token(token_with_kid("k1"))
            assert keys.retry_at - clock.now <= botframework_auth.KEYS_RETRY_MAX_SECONDS
        assert keys.retry_at - clock.now == botframework_auth.KEYS_RETRY_MAX_SECONDS

    asyncio.run(with_keys([], scenario))


def test_cached_keys_are_no_longer_trusted_long_after_their_last_read() -> None:
    """Issue 19, point 8 : tant que la relecture échouait, les clés en cache étaient admises indéfiniment."""
    served = [{"kid": "k1", "kty": "RSA"}]

    async def scenario(keys: SigningKeys, _: List[str]) -> None:
        clock = Clock()
        keys.clock = clock
        await keys.for_token(token_with_kid("k1"))
        served.clear()
        clock.now += botframework_auth.KEYS_MAX_AGE_SECONDS + 1
        assert "k1" in await keys.for_token(token_with_kid("k1"))  # a day old, Microsoft down: still trusted
        clock.now += botframework_auth.KEYS_MAX_TRUST_SECONDS - botframework_auth.KEYS_MAX_AGE_SECONDS
        with pytest.raises(AuthError, match="plus admises"):
            await keys.for_token(token_with_kid("k1"))
        served.append({"kid": "k1", "kty": "RSA"})  # Microsoft back: trusted again after the next read
        clock.now += botframework_auth.KEYS_RETRY_MAX_SECONDS
        assert "k1" in await keys.for_token(token_with_kid("k1"))

    asyncio.run(with_keys(served, scenario))
