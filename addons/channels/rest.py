"""Canal REST (`/webhooks/rest/webhook`) qui refuse ce que le canal de Rasa accepte en silence.

Le canal d'origine range un corps sans `sender` dans une conversation « default » partagée par tous,
répond 500 à un corps qui n'est pas du JSON et `200 []` quand le traitement échoue.

Canal des appelants de confiance (outils, tests, supervision), jamais de la page web ni de Teams : sans
`CECAZ_REST_TOKEN`, seuls les appels locaux directs (boucle locale, aucun en-tête de relais) sont admis ;
avec, chaque appel doit porter `Authorization: Bearer <jeton>`. Le `sender` désigne une conversation de
l'espace REST (`rest:<sender>`), jamais celle d'un autre canal (docs/securite.md)."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from addons.channels import conversation_key, render
from cecaz import settings

logger = logging.getLogger(__name__)

SENDER = re.compile(r"[\w.@:+-]{1,128}")
# A reverse proxy adds one of these: a request that went through one is not a local call.
FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")
NOT_LOCAL = ("Le canal REST n’accepte que les appels locaux directs ; un appel distant doit porter le jeton "
             "CECAZ_REST_TOKEN (en-tête Authorization: Bearer).")
BAD_TOKEN = "Jeton du canal REST absent ou invalide (en-tête Authorization: Bearer)."
# Only JSON: a web page can post text/plain, form or multipart bodies to another site without a CORS
# preflight, never application/json.
NOT_JSON = "Le corps de la requête doit être envoyé en JSON (en-tête Content-Type: application/json)."
MAX_METADATA_BYTES = 2048  # `metadata` is stored in the tracker with the message
INTERNAL_ERROR = ("Une erreur interne m’empêche de répondre à ce message. Réessayez ; si cela persiste, "
                  "signalez-le à l’équipe qui exploite l’assistant.")


def _error(message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> HTTPResponse:
    return response.json({"erreur": message}, status=status)


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def caller_refusal(headers: Mapping[str, str], peer: str, token: Optional[str]) -> Optional[Tuple[HTTPStatus, str]]:
    """(statut, message) si l'appelant n'est pas admis, None s'il l'est.

    Avec un jeton configuré : `Authorization: Bearer <jeton>` exigé de tous (comparaison à temps constant).
    Sans : l'adresse de l'appelant (`peer`) doit être locale et la requête sans en-tête de relais.
    `headers` : noms en minuscules (ou insensibles à la casse, comme ceux de Sanic)."""
    if token:
        scheme, _, supplied = (headers.get("authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(supplied.strip().encode(), token.encode()):
            return HTTPStatus.UNAUTHORIZED, BAD_TOKEN
        return None
    if not is_loopback(peer) or any(headers.get(name) is not None for name in FORWARDING_HEADERS):
        return HTTPStatus.FORBIDDEN, NOT_LOCAL
    return None


def is_json(content_type: Optional[str]) -> bool:
    """Vrai pour `application/json` (paramètres comme `charset` permis), faux pour tout autre type."""
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/json"


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
    if metadata and len(json.dumps(metadata, ensure_ascii=False).encode()) > MAX_METADATA_BYTES:
        return f"Le champ « metadata » est trop volumineux ({MAX_METADATA_BYTES // 1024} Kio au plus)."
    return body


class OneMessageCollector(CollectingOutputChannel):
    """Une réponse, un message : le texte en Markdown (jamais découpé aux lignes vides, comme le faisait le
    canal de Rasa), ses boutons et sa structure dans `custom` (`addons/channels/render.py`)."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        if not message.get("text") and not (isinstance(custom, dict) and render.CUSTOM_KEY in custom):
            await super().send_response(recipient_id, message)  # an image, another client's JSON…
            return
        await self._persist_message(render.rest_message(recipient_id, render.layout_of(message)))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})


def answered(collector: CollectingOutputChannel, sender: str) -> list:
    """Les réponses du bot, adressées au `sender` de l'appelant (sans le préfixe de l'espace REST)."""
    return [{**message, "recipient_id": sender} for message in collector.messages]


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> GuardedRestInput:
        return cls(token=settings.load().rest_token)

    def __init__(self, token: Optional[str] = None) -> None:
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("cecaz_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = caller_refusal(request.headers, request.ip, self.token)
            if refused:
                logger.warning("event=rest_refused status=%s", refused[0].value)
                return _error(refused[1], refused[0])
            if not is_json(request.headers.get("content-type")):
                return _error(NOT_JSON, HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            body = parse_body(request)
            if isinstance(body, str):
                return _error(body)
            sender = body["sender"]
            collector = OneMessageCollector()
            try:
                await on_new_message(UserMessage(body.get("message") or "", collector, conversation_key("rest", sender),
                                                 input_channel=self.name(), metadata=body.get("metadata")))
            except (asyncio.CancelledError, Exception):  # the user gets a sentence; the log gets the trace
                logger.exception("event=rest_message_failed")
                return response.json([*answered(collector, sender), {"recipient_id": sender, "text": INTERNAL_ERROR}])
            return response.json(answered(collector, sender))

        return webhook
