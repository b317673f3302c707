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
