"""Vérification du jeton que le Bot Framework joint à chaque activité (en-tête Authorization).

Règles de Microsoft (« Authenticate requests from the Bot Connector service ») : signature RS256 par
une clé publiée dans le document OpenID du Bot Framework et approuvée pour le canal de l'activité,
émetteur https://api.botframework.com, audience = l'identifiant de l'application du bot, jeton non
expiré (5 min de tolérance d'horloge), revendication `serviceUrl` égale au `serviceUrl` de l'activité."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Callable, Dict, Mapping, Optional

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

BOTFRAMEWORK_ISSUER = "https://api.botframework.com"
OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
CLOCK_SKEW_SECONDS = 300
KEYS_MAX_AGE_SECONDS = 24 * 3600  # Microsoft : relire les clés au moins une fois par jour
KEYS_MIN_REFRESH_SECONDS = 300  # une clé inconnue ne provoque pas plus d'une relecture toutes les 5 min
# Relecture impossible : clés en cache encore admises jusqu'à 48 h après leur lecture, plus ensuite.
KEYS_MAX_TRUST_SECONDS = 48 * 3600
# Après un échec de lecture, pas de nouvel essai avant 10 s, puis 20 s, 40 s… 5 min au plus : une
# requête non authentifiée ne déclenche pas un appel à Microsoft (ni l'attente de 15 s qui va avec).
KEYS_RETRY_FIRST_SECONDS = 10
KEYS_RETRY_MAX_SECONDS = 300


class AuthError(Exception):
    """Jeton absent ou refusé : la requête reçoit 401 et aucune réponse n'est envoyée."""


def bearer_token(authorization: Optional[str]) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("en-tête Authorization absent ou sans jeton Bearer")
    return token.strip()


def check_token(token: str, keys: Mapping[str, Dict[str, Any]], *, app_id: str, service_url: str,
                channel_id: str) -> Dict[str, Any]:
    """Renvoie les revendications du jeton s'il est valable pour cette activité, sinon lève AuthError."""
    try:
        key = keys.get(jwt.get_unverified_header(token).get("kid"))
        if key is None:
            raise AuthError("clé de signature inconnue")
        endorsements = key.get("endorsements")
        if endorsements is not None and channel_id not in endorsements:
            raise AuthError(f"clé de signature non approuvée pour le canal « {channel_id} »")
        claims = jwt.decode(token, RSAAlgorithm.from_jwk(key), algorithms=["RS256"], audience=app_id,
                            issuer=BOTFRAMEWORK_ISSUER, leeway=CLOCK_SKEW_SECONDS,
                            options={"require": ["exp", "iss", "aud"]})
    except jwt.PyJWTError as error:
        raise AuthError(f"jeton refusé : {error}") from error
    if str(claims.get("serviceUrl", "")).rstrip("/") != service_url.rstrip("/"):
        raise AuthError("le serviceUrl du jeton n'est pas celui de l'activité")
    return claims


class SigningKeys:
    """Clés publiques de Microsoft : document OpenID -> jwks_uri, gardées un jour, relues si une clé
    inconnue se présente. Lues à la première requête, jamais au démarrage.

    Quand Microsoft ne répond pas : les essais suivants attendent un délai croissant (10 s à 5 min), et les
    clés en cache cessent d'être admises `KEYS_MAX_TRUST_SECONDS` après leur dernière lecture.
    `clock` : secondes monotones."""

    def __init__(self, metadata_url: str, http: Callable[[], aiohttp.ClientSession],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.metadata_url = metadata_url
        self.http = http
        self.clock = clock
        self.keys: Dict[str, Dict[str, Any]] = {}
        self.fetched_at = float("-inf")
        self.failures = 0
        self.retry_at = float("-inf")  # no fetch before this instant (after a failure)
        self.last_error = ""
        self.lock = asyncio.Lock()

    async def _get_json(self, url: str) -> Dict[str, Any]:
        async with self.http().get(url) as reply:
            reply.raise_for_status()
            return await reply.json(content_type=None)

    async def for_token(self, token: str) -> Mapping[str, Dict[str, Any]]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as error:
            raise AuthError(f"jeton illisible : {error}") from error
        async with self.lock:
            now = self.clock()
            age = now - self.fetched_at
            due = age > KEYS_MAX_AGE_SECONDS or (kid not in self.keys and age > KEYS_MIN_REFRESH_SECONDS)
            if due and now >= self.retry_at:
                try:
                    await self._refresh()
                except AuthError as error:
                    self._failed(now, str(error))
                    if kid in self.keys and now - self.fetched_at <= KEYS_MAX_TRUST_SECONDS:
                        logger.warning("event=botframework_keys_unread failures=%d : les clés en cache restent "
                                       "utilisées.", self.failures)
                else:
                    self.failures, self.retry_at = 0, float("-inf")
            if due and self.failures and kid not in self.keys:
                raise AuthError(f"{self.last_error} ; nouvel essai dans {max(0.0, self.retry_at - now):.0f} s")
            if self.keys and self.clock() - self.fetched_at > KEYS_MAX_TRUST_SECONDS:
                raise AuthError(f"clés de signature lues il y a plus de {KEYS_MAX_TRUST_SECONDS // 3600} h et non "
                                f"relues ({self.last_error or 'relecture en échec'}) : plus admises")
        return self.keys

    def _failed(self, now: float, error: str) -> None:
        self.failures += 1
        self.retry_at = now + min(KEYS_RETRY_FIRST_SECONDS * 2 ** (self.failures - 1), KEYS_RETRY_MAX_SECONDS)
        self.last_error = error

    async def _refresh(self) -> None:
        try:
            metadata = await self._get_json(self.metadata_url)
            jwks = await self._get_json(metadata["jwks_uri"])
            self.keys = {key["kid"]: key for key in jwks["keys"]}
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as error:
            raise AuthError(f"clés de signature illisibles ({self.metadata_url}) : {error!r}") from error
        self.fetched_at = self.clock()
