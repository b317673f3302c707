"""Canal Microsoft Teams (Bot Framework), à la place du canal `botframework` de Rasa 3.6.

Corrige pour Teams : boutons cliquables (`messageBack`), mentions <at>…</at> retirées, point de
terminaison du jeton configurable (bot mono-locataire), émetteur et `serviceUrl` du jeton vérifiés,
clés de signature lues à la première requête (pas au démarrage), appels sortants asynchrones
(aiohttp), message d'accueil quand l'application est installée en conversation personnelle.

Une activité authentifiée n'est traitée que si elle vient du canal `msteams` et, pour un bot
mono-locataire (`tenant_id`), de ce locataire seulement : sinon 403, journalisé
(`event=teams_activity_forbidden`). Voir docs/securite.md.

Point de terminaison de messagerie : https://<hôte>/webhooks/teams/webhook (voir docs/teams.md)."""

from __future__ import annotations

import asyncio
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from addons.channels import WELCOME_PAYLOAD, render, teams_activities
from addons.channels.botframework_auth import OPENID_METADATA_URL, AuthError, SigningKeys, bearer_token, check_token
from addons.channels.botframework_connector import Connector, ConnectorError, default_token_url, service_url_allowed
from cecaz import settings
from cecaz.settings import secure_url

logger = logging.getLogger(__name__)

HTTP_TIMEOUT_SECONDS = 15
REQUIRED_FIELDS = ("serviceUrl", "conversation", "from")


class TeamsOutput(OutputChannel):
    """Répond à une activité reçue : même conversation, adresse `serviceUrl` de l'activité. Une réponse du
    bot est une activité, sa carte adaptative (`teams_activities.card_message`) ; `public_url` : l'adresse
    publique de la page web, pour ouvrir les sources dans la page du document."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, connector: Connector, incoming: Dict[str, Any], public_url: Optional[str] = None) -> None:
        self.connector = connector
        self.incoming = incoming
        self.public_url = public_url

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        if not message.get("text") and not (isinstance(custom, dict) and render.CUSTOM_KEY in custom):
            await super().send_response(recipient_id, message)
            return
        await self.send_activity(teams_activities.card_message(render.layout_of(message), self.public_url))

    async def send_activity(self, activity: Dict[str, Any]) -> None:
        activity.update(teams_activities.reply_envelope(self.incoming))
        try:
            await self.connector.send(self.incoming["serviceUrl"], self.incoming["conversation"]["id"], activity,
                                      reply_to_id=self.incoming.get("id"))
        except (ConnectorError, aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.error("Réponse Teams non remise : %s", error)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})


class TeamsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        if not credentials or not credentials.get("app_id") or not credentials.get("app_password"):
            cls.raise_missing_credentials_exception()
        allow_loopback_http = settings.load().teams_test_loopback
        return cls(
            app_id=str(credentials["app_id"]),
            app_password=str(credentials["app_password"]),
            token_url=credentials.get("token_url") or default_token_url(credentials.get("tenant_id")),
            openid_metadata_url=credentials.get("openid_metadata_url") or OPENID_METADATA_URL,
            welcome_payload=credentials.get("welcome_payload", WELCOME_PAYLOAD),
            tenant_id=credentials.get("tenant_id") or None,
            allow_loopback_http=allow_loopback_http,
        )

    def __init__(self, app_id: str, app_password: str, token_url: str, openid_metadata_url: str,
                 welcome_payload: Optional[str], tenant_id: Optional[str] = None,
                 allow_loopback_http: bool = False) -> None:
        if not secure_url(openid_metadata_url, allow_loopback_http):
            raise ValueError(f"document OpenID refusé (https attendu) : {openid_metadata_url!r}")
        self.allow_loopback_http = allow_loopback_http  # tests only: Microsoft simulated on 127.0.0.1
        origins = settings.load().web_origins
        self.public_url = origins[0] if origins else None  # where the reference page opens, if published
        self.app_id = app_id
        self.tenant_id = str(tenant_id) if tenant_id else None  # None: multi-tenant bot, any tenant
        self.welcome_payload = welcome_payload
        self.session: Optional[aiohttp.ClientSession] = None
        self.seen = teams_activities.seen_activities(settings.load())  # re-sent activities, dropped
        self.pending: Set[asyncio.Task] = set()  # turns being processed, kept from the garbage collector
        self.keys = SigningKeys(openid_metadata_url, self.http)
        self.connector = Connector(app_id, app_password, token_url, self.http, allow_loopback_http)

    def http(self) -> aiohttp.ClientSession:
        if self.session is None or self.session.closed:
            self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_SECONDS),
                                                 trust_env=True)
        return self.session

    async def authenticate(self, request: Request, activity: Dict[str, Any]) -> None:
        token = bearer_token(request.headers.get("Authorization"))
        check_token(token, await self.keys.for_token(token), app_id=self.app_id,
                    service_url=str(activity.get("serviceUrl") or ""), channel_id=str(activity.get("channelId")))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("teams_webhook", __name__)

        @bp.listener("after_server_stop")
        async def close_http(*_: Any) -> None:
            if self.session is not None:
                await self.session.close()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            activity = request.json
            if not isinstance(activity, dict) or not all(activity.get(key) for key in REQUIRED_FIELDS):
                return response.text("Activité invalide.", status=HTTPStatus.BAD_REQUEST)
            try:
                await self.authenticate(request, activity)
            except AuthError as error:
                logger.warning("Requête Teams refusée : %s", error)
                return response.text("Non autorisé.", status=HTTPStatus.UNAUTHORIZED)
            refused = teams_activities.refusal(activity, self.tenant_id)
            if not refused and not service_url_allowed(str(activity["serviceUrl"]), self.allow_loopback_http):
                refused = "service_url"  # the reply (and the access token) would go to a host that is not Teams
            if refused:
                # Validly signed, but not for this bot: another Bot Framework channel or another organisation.
                logger.warning("event=teams_activity_forbidden reason=%s channel=%.40r id=%.80r", refused,
                               activity.get("channelId"), activity.get("id"))
                return response.text("Interdit.", status=HTTPStatus.FORBIDDEN)
            activity_id = str(activity.get("id") or "")
            if activity_id and not await self.seen.claim(activity_id):
                logger.info("event=teams_activity_duplicate id=%s", activity_id)
                return response.empty(status=HTTPStatus.OK)
            # Acknowledged at once, processed in the background: Teams re-sends an activity that gets
            # no answer within about 15 s, and a turn may take longer (actions, calls to Microsoft).
            task = asyncio.create_task(self.process(on_new_message, activity))
            self.pending.add(task)
            task.add_done_callback(self.pending.discard)
            return response.empty(status=HTTPStatus.OK)

        return bp

    async def process(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      activity: Dict[str, Any]) -> None:
        """Traite une activité acceptée (rien pour une activité sans texte ni accueil) ; la fin est
        journalisée (`event=teams_activity_done`), sans le texte de l'utilisateur."""
        text = self.text_for(activity)
        output = TeamsOutput(self.connector, activity, self.public_url)
        try:
            recap = teams_activities.recap_request(activity)
            if recap is not None:  # « Copier le récapitulatif » : the recap alone, in a code block
                await output.send_activity(teams_activities.recap_message(recap))
            elif text:
                await on_new_message(UserMessage(text, output,
                                                 sender_id=teams_activities.conversation_key(activity),
                                                 input_channel=self.name()))
        except Exception:  # nobody awaits this task: the failure must reach the log
            logger.exception("event=teams_activity_failed id=%s", activity.get("id"))
        else:
            logger.info("event=teams_activity_done id=%s", activity.get("id"))

    def text_for(self, activity: Dict[str, Any]) -> Optional[str]:
        """Ce que le bot doit traiter : le message de l'utilisateur, ou l'accueil à l'installation."""
        if activity.get("type") == "message":
            return teams_activities.incoming_text(activity) or None
        if activity.get("type") == "conversationUpdate" and teams_activities.welcomes_user(activity):
            return self.welcome_payload
        return None
