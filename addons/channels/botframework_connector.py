"""Envoi des réponses au service du Bot Framework, sans bloquer la boucle d'événements (aiohttp).

Le bot obtient un jeton d'accès par « client credentials » auprès de Microsoft Entra ID (point de
terminaison du locataire pour un bot mono-locataire), le garde jusqu'à peu avant son expiration, et
poste chaque activité à l'adresse `serviceUrl` de l'activité reçue, comme Microsoft le demande.

Le jeton d'accès n'est posté qu'à une adresse https, et les réponses qu'à un `serviceUrl` en https sur un
hôte Teams de Microsoft (`TEAMS_SERVICE_HOSTS`) : un jeton valable qui désignerait un autre hôte ne fait
sortir ni le jeton d'accès ni la réponse (en http vers 127.0.0.1 seulement pour les tests)."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Dict, Optional
from urllib.parse import quote, urlsplit

import aiohttp

from cecaz.settings import is_loopback_host, secure_url

# Teams' service URLs (the `serviceUrl` of its activities): public cloud, GCC, GCC High, DoD.
TEAMS_SERVICE_HOSTS = frozenset({"smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com",
                                 "smba.infra.gov.teams.microsoft.us", "smba.infra.dod.teams.microsoft.us"})
BOTFRAMEWORK_SCOPE = "https://api.botframework.com/.default"
MULTI_TENANT = "botframework.com"
TOKEN_MARGIN_SECONDS = 300


def default_token_url(tenant_id: Optional[str]) -> str:
    """Bot mono-locataire : le locataire de l'application ; sinon le locataire commun botframework.com."""
    return f"https://login.microsoftonline.com/{tenant_id or MULTI_TENANT}/oauth2/v2.0/token"


def service_url_allowed(url: str, allow_loopback_http: bool = False) -> bool:
    """Vrai si le bot peut répondre à `url` : https, hôte Teams de Microsoft, port 443 ; avec
    `allow_loopback_http` (tests, Microsoft simulé), aussi une adresse de la boucle locale."""
    if not secure_url(url, allow_loopback_http):
        return False
    parts = urlsplit(url)
    if allow_loopback_http and is_loopback_host(parts.hostname):
        return True
    return parts.scheme == "https" and (parts.hostname or "").lower() in TEAMS_SERVICE_HOSTS \
        and parts.port in (None, 443)


def activities_url(service_url: str, conversation_id: str, reply_to_id: Optional[str] = None) -> str:
    url = f"{service_url.rstrip('/')}/v3/conversations/{quote(conversation_id, safe='')}/activities"
    return f"{url}/{quote(reply_to_id, safe='')}" if reply_to_id else url


class ConnectorError(RuntimeError):
    """Microsoft a refusé le jeton ou l'activité : la réponse n'a pas été remise."""


class Connector:
    def __init__(self, app_id: str, app_password: str, token_url: str,
                 http: Callable[[], aiohttp.ClientSession], allow_loopback_http: bool = False) -> None:
        if not secure_url(token_url, allow_loopback_http):
            raise ValueError(f"point de terminaison du jeton refusé (https attendu) : {token_url!r}")
        self.allow_loopback_http = allow_loopback_http
        self.app_id = app_id
        self.app_password = app_password
        self.token_url = token_url
        self.http = http
        self.token: Optional[str] = None
        self.token_expires_at = float("-inf")
        self.lock = asyncio.Lock()

    async def access_token(self) -> str:
        async with self.lock:
            if self.token is None or time.monotonic() >= self.token_expires_at:
                form = {"grant_type": "client_credentials", "client_id": self.app_id,
                        "client_secret": self.app_password, "scope": BOTFRAMEWORK_SCOPE}
                async with self.http().post(self.token_url, data=form) as reply:
                    if reply.status != 200:
                        raise ConnectorError(f"jeton refusé par {self.token_url} ({reply.status}) : "
                                             f"{(await reply.text())[:300]}")
                    body = await reply.json(content_type=None)
                self.token = body["access_token"]
                self.token_expires_at = time.monotonic() + int(body["expires_in"]) - TOKEN_MARGIN_SECONDS
            return self.token

    async def send(self, service_url: str, conversation_id: str, activity: Dict[str, Any],
                   reply_to_id: Optional[str] = None) -> None:
        if not service_url_allowed(service_url, self.allow_loopback_http):
            raise ConnectorError(f"serviceUrl refusé (https vers un hôte Teams de Microsoft attendu) : {service_url!r}")
        url = activities_url(service_url, conversation_id, reply_to_id)
        headers = {"Authorization": f"Bearer {await self.access_token()}"}
        async with self.http().post(url, json=activity, headers=headers) as reply:
            if reply.status >= 300:
                raise ConnectorError(f"activité refusée par {url} ({reply.status}) : {(await reply.text())[:300]}")
