"""Serveur d'actions lié à 127.0.0.1, fermé à qui n'a pas le secret partagé avec le serveur Rasa.

Le catalogue est validé avant d'accepter la moindre requête. Port : `--port`, sinon `ACTION_PORT` ;
journaux : `LOG_LEVEL` (voir `cecaz/settings.py`).

Par rapport au serveur de `rasa_sdk` (docs/securite.md) : chaque requête, sauf `/health`, doit porter
l'en-tête `ACTION_SECRET_HEADER` égal à `CECAZ_ACTION_SECRET` (tiré au hasard par `ops/serve.py` à chaque
démarrage, transmis par l'environnement, jamais écrit) ; une erreur répond 500 sans renvoyer la requête
(le serveur de rasa_sdk renvoyait tout le tracker reçu) ; corps bornés à `MAX_BODY_BYTES`, décompressé
(`Content-Encoding: deflate`) compris."""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
import zlib
from typing import Any, Optional

from cecaz import settings
from ops.quiet import apply_quiet_environment

logger = logging.getLogger("cecaz.action_server")

ACTION_SECRET_HEADER = "X-Cecaz-Action-Secret"
# Rasa posts the whole tracker and the domain at each action call: a long conversation stays far below.
MAX_BODY_BYTES = 8 * 1024 * 1024
OPEN_PATHS = ("/health",)  # readiness probe of ops/serve.py: says nothing but « ok »


class BodyTooLarge(ValueError):
    """Le corps décompressé dépasse la limite."""


def inflate(data: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    """`data` décompressé (zlib, comme `Content-Encoding: deflate` chez rasa_sdk), sans jamais produire plus de
    `limit` octets. Lève `BodyTooLarge` au-delà, `zlib.error` pour des données illisibles."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise BodyTooLarge(f"corps décompressé de plus de {limit} octets")
    out += inflater.flush()
    if len(out) > limit:
        raise BodyTooLarge(f"corps décompressé de plus de {limit} octets")
    return out


def secret_matches(supplied: Optional[str], secret: str) -> bool:
    return hmac.compare_digest((supplied or "").encode(), secret.encode())


def harden(app: Any, secret: Optional[str]) -> Any:
    """Ajoute au serveur de rasa_sdk (`app`, Sanic) le secret partagé, la décompression bornée et une réponse
    d'erreur qui ne renvoie rien de la requête ; renvoie `app`. Sans `secret`, aucune requête n'est vérifiée
    (serveur lancé à la main, hors de `ops/serve.py`)."""
    from sanic import response
    from sanic.exceptions import SanicException

    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

    @app.middleware("request")
    async def guard(request: Any) -> Any:
        if request.path in OPEN_PATHS:
            return None
        if secret and not secret_matches(request.headers.get(ACTION_SECRET_HEADER), secret):
            logger.warning("event=action_request_refused path=%.80s", request.path)
            return response.json({"error": "Non autorisé."}, status=401)
        if request.headers.get("content-encoding") == "deflate":
            try:
                request.body = inflate(request.body or b"")
            except BodyTooLarge:
                logger.warning("event=action_request_too_large")
                return response.json({"error": "Requête trop volumineuse."}, status=413)
            except zlib.error:
                return response.json({"error": "Corps compressé illisible."}, status=400)
            del request.headers["content-encoding"]  # rasa_sdk then reads the JSON of the inflated body
        return None

    async def error(request: Any, exception: Exception) -> Any:
        if isinstance(exception, SanicException) and exception.status_code < 500:
            return response.json({"error": "Requête refusée."}, status=exception.status_code)
        logger.error("event=action_request_failed path=%.80s error=%s", request.path, type(exception).__name__,
                     exc_info=exception)
        return response.json({"error": "Erreur interne du serveur d'actions."}, status=500)

    app.error_handler.add(Exception, error)
    return app


def main() -> None:
    """Démarre le serveur d'actions ; s'arrête avec un message clair (code 1) sur un réglage inutilisable."""
    try:
        apply_quiet_environment()
        config = settings.load()
    except settings.SettingsError as exc:
        sys.exit(f"Erreur : {exc}")
    from rasa_sdk import utils  # after the warning filters
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.plugin import plugin_manager

    from actions.runtime import check_catalogue_at_start

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=config.action_port)
    # Kubernetes (docs/deploiement.md): its own pod, reached by the Rasa pods through a Service; the shared
    # secret and a NetworkPolicy then do what the loopback interface does here.
    parser.add_argument("--interface", default="127.0.0.1", help="interface d'écoute (127.0.0.1 par défaut)")
    args = parser.parse_args()
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    check_catalogue_at_start()
    if not config.action_secret:
        logger.warning("event=action_secret_unset : CECAZ_ACTION_SECRET absent, requêtes non vérifiées "
                       "(lancez le serveur par `make run`).")
    # What rasa_sdk.endpoint.run does, with the hardened app, on the loopback interface unless told otherwise.
    app = harden(create_app("actions", cors_origins=None), config.action_secret)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    app.run(args.interface, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
