"""Durcissement du serveur HTTP de Rasa 3.6 (issue 19, docs/securite.md), installé par `ops/rasa_cli.py`.

- Corps de requête bornés là où ils sont lus : `MAX_BODY_BYTES` pour les canaux (`/webhooks/…`, donc Teams
  avant même l'authentification) et Socket.IO, au lieu des 100 Mo de Sanic ; au-delà, 413 et un message
  en français, sans lire le reste du corps. L'API HTTP de Rasa (protégée par son jeton) garde ses limites.
- `GET /` répond « ok » sans annoncer la version de Rasa.

Les remplacements visent `rasa.core.run.configure_app` et `rasa.server.add_root_route` de Rasa 3.6 ; comme
`addons/resilience.py`, `install()` refuse une autre version."""

from __future__ import annotations

import logging
from functools import wraps
from typing import Any, Callable

import rasa.core.run
import rasa.server
from sanic import Sanic, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from addons.channels import MAX_BODY_BYTES
from addons.resilience import check_rasa_version

logger = logging.getLogger("cecaz.hardening")

CAPPED_PREFIXES = ("/webhooks/", "/socket.io")
TOO_LARGE = f"Requête trop volumineuse : {MAX_BODY_BYTES // 1024} Kio au plus."


def capped(path: str) -> bool:
    """Vrai si le corps d'une requête vers `path` est borné à `MAX_BODY_BYTES`."""
    return path.startswith(CAPPED_PREFIXES)


async def _cap_body(request: Request, **_: Any) -> None:
    # Runs once the route is known, before Sanic reads the body: the limit applies while reading.
    if capped(request.path) and request.stream is not None:
        request.stream.request_max_size = min(request.stream.request_max_size, MAX_BODY_BYTES)


async def _too_large(request: Request, _: Exception) -> HTTPResponse:
    logger.warning("event=request_too_large path=%.80s", request.path)
    return response.json({"erreur": TOO_LARGE}, status=413)


def harden(app: Sanic) -> Sanic:
    """Borne les corps des canaux et remplace la réponse 413 de Sanic ; renvoie `app`."""
    app.signal("http.routing.after")(_cap_body)
    app.error_handler.add(PayloadTooLarge, _too_large)
    return app


def add_root_route(app: Sanic) -> None:
    """`GET /` : le serveur répond, sans dire quel logiciel ni quelle version."""

    @app.get("/")
    async def hello(_: Request) -> HTTPResponse:
        return response.text("ok")


def _hardened(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    @wraps(configure_app)
    def hardened_configure_app(*args: Any, **kwargs: Any) -> Sanic:
        return harden(configure_app(*args, **kwargs))

    return hardened_configure_app


def install() -> None:
    """Installe le durcissement ; idempotent. Lève `addons.resilience.RasaVersionError` hors de Rasa 3.6.x."""
    check_rasa_version()
    rasa.server.add_root_route = add_root_route
    if getattr(rasa.core.run.configure_app, "__wrapped__", None) is None:
        rasa.core.run.configure_app = _hardened(rasa.core.run.configure_app)
