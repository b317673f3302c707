"""Canal REST (`/webhooks/rest/webhook`) qui refuse ce que le canal de Rasa accepte en silence.

Le canal d'origine range un corps sans `sender` dans une conversation « default » partagée par tous,
répond 500 à un corps qui n'est pas du JSON et `200 []` quand le traitement échoue."""

from __future__ import annotations

import asyncio
import logging
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

SENDER = re.compile(r"[\w.@:+-]{1,128}")
INTERNAL_ERROR = ("Une erreur interne m’empêche de répondre à ce message. Réessayez ; si cela persiste, "
                  "signalez-le à l’équipe qui exploite l’assistant.")


def _error(message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> HTTPResponse:
    return response.json({"erreur": message}, status=status)


def parse_body(request: Request) -> Dict[str, Any] | str:
    """Le corps JSON validé, ou le message d'erreur à renvoyer (en français)."""
    try:
        body = request.json
    except SanicException:
        return "Le corps de la requête doit être du JSON."
    if not isinstance(body, dict):
        return "Le corps de la requête doit être un objet JSON {\"sender\": …, \"message\": …}."
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        return ("Le champ « sender » est obligatoire : identifiant de la conversation, 1 à 128 caractères "
                "parmi lettres, chiffres et . @ : + - _.")
    if message is not None and not isinstance(message, str):
        return "Le champ « message » doit être du texte."
    if metadata is not None and not isinstance(metadata, dict):
        return "Le champ « metadata » doit être un objet JSON."
    return body


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("cecaz_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = parse_body(request)
            if isinstance(body, str):
                return _error(body)
            sender = body["sender"]
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(body.get("message") or "", collector, sender,
                                                 input_channel=self.name(), metadata=body.get("metadata")))
            except (asyncio.CancelledError, Exception):  # the user gets a sentence; the log gets the trace
                logger.exception("event=rest_message_failed")
                return response.json([*collector.messages, {"recipient_id": sender, "text": INTERNAL_ERROR}])
            return response.json(collector.messages)

        return webhook
