"""Canal « webchat » : la page de discussion et son Socket.IO, servis par le serveur Rasa lui-même.

Page et socket ont la même origine, l'une des origines admises (`CECAZ_WEB_ORIGINS` et les adresses
locales du serveur) : le serveur Socket.IO refuse toute autre origine, et page comme socket refusent un
en-tête Host qui n'est pas l'hôte d'une origine admise (rattachement DNS). La session est persistante (le
navigateur garde son identifiant et rejoint la même conversation après un rechargement) ; une nouvelle
session reçoit le message d'accueil du bot (`welcome_payload`).

L'identifiant de session est émis et signé par le serveur (`SessionIds`) : un identifiant choisi par le
client n'est jamais admis. Qui le détient lit la conversation : c'est un jeton porteur, gardé dans le
navigateur (docs/securite.md)."""

from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import os
import re
import secrets
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Mapping, Optional, Set
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from addons.channels import MAX_BODY_BYTES, WELCOME_PAYLOAD, conversation_key, reference_page, render
from cecaz import settings
from cecaz.catalogue import CatalogueError, shared_store

logger = logging.getLogger(__name__)

WEBCHAT_DIR = Path(__file__).resolve().parents[2] / "webchat"
SOCKET_IO_CLIENT = WEBCHAT_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
# Fichiers servis, par nom : rien d'autre n'est lisible par ce canal.
ASSETS: Dict[str, Path] = {
    "webchat.css": WEBCHAT_DIR / "webchat.css",
    "webchat.js": WEBCHAT_DIR / "webchat.js",
    "favicon.svg": WEBCHAT_DIR / "favicon.svg",
    "socket.io.min.js": SOCKET_IO_CLIENT,
}
# La page ne charge que ses propres fichiers et ne parle qu'à son origine.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
SESSION_ID = re.compile(r"([0-9a-f]{32})\.([0-9a-f]{32})")  # uuid4 (hex) . HMAC-SHA256 of it, truncated
WRONG_HOST = "Hôte non autorisé."


class SessionIds:
    """Identifiants de session web émis par le serveur : `<uuid4 hex>.<signature>`, la signature étant un
    HMAC-SHA256 (tronqué à 128 bits) de l'uuid par `key`. La conversation est `web:<uuid>`."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    def _signature(self, uid: str) -> str:
        return hmac.new(self.key, uid.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        uid = uuid.uuid4().hex
        return f"{uid}.{self._signature(uid)}"

    def conversation(self, session_id: Any) -> Optional[str]:
        """L'identifiant de conversation (`web:<uuid>`) d'un identifiant émis par ce serveur, sinon None."""
        match = SESSION_ID.fullmatch(session_id) if isinstance(session_id, str) else None
        if match is None or not hmac.compare_digest(match.group(2), self._signature(match.group(1))):
            return None
        return conversation_key("web", match.group(1))


def session_key(config: settings.Settings) -> bytes:
    """La clé des identifiants de session : `CECAZ_WEB_SESSION_KEY`, sinon celle du fichier
    `web_session_key_file` (0600), tirée au hasard et écrite la première fois ; les identifiants restent
    valables d'un redémarrage à l'autre."""
    if config.web_session_key:
        return config.web_session_key.encode()
    path = config.web_session_key_file
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with open(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ValueError(f"clé des sessions web trop courte ou vide : {path}")
    return key.encode()


def allowed_hosts(origins: Iterable[str]) -> Set[str]:
    """Les valeurs d'en-tête Host admises : l'hôte (et le port) de chaque origine admise."""
    return {urlsplit(origin).netloc.lower() for origin in origins}


def host_allowed(headers: Mapping[str, str], hosts: Set[str]) -> bool:
    return str(headers.get("host") or "").lower() in hosts


class WebChatOutput(SocketIOOutput):
    """Une réponse, un message (`bot_uttered`) : le texte, les suggestions et la structure que la page
    affiche en carte (`render.web_payload`) ; le canal de Rasa découpait le texte aux lignes vides."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        custom = message.get("custom")
        if not message.get("text") and not (isinstance(custom, dict) and render.CUSTOM_KEY in custom):
            await super().send_response(recipient_id, message)
            return
        await self._send_message(recipient_id, render.web_payload(render.layout_of(message)))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})


class WebChatInput(SocketIOInput):
    """Socket.IO à session persistante + page de discussion statique, sur la même origine."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(welcome_payload=(credentials or {}).get("welcome_payload", WELCOME_PAYLOAD))

    def __init__(self, welcome_payload: Optional[str] = WELCOME_PAYLOAD,
                 config: Optional[settings.Settings] = None) -> None:
        # Événements et chemin fixes : ce sont ceux de webchat/webchat.js.
        super().__init__("user_uttered", "bot_uttered", session_persistence=True, socketio_path="/socket.io")
        self.welcome_payload = welcome_payload
        config = config or settings.load()
        self.origins = list(config.allowed_web_origins)
        self.hosts = allowed_hosts(self.origins)
        self.sessions = SessionIds(session_key(config))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not SOCKET_IO_CLIENT.exists():
            raise FileNotFoundError(f"{SOCKET_IO_CLIENT} absent : lancez `make webchat` (npm ci dans webchat/).")
        # Origines admises listées (jamais déduites des en-têtes Host ou X-Forwarded-Host de la requête).
        # Long-polling seul : le WebSocket d'engineio ne fonctionne pas avec Sanic ≥ 21
        # (python-engineio#221, trames invalides).
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.origins, transports=["polling"],
                          max_http_buffer_size=MAX_BODY_BYTES)
        self.sio = sio
        bp = SocketBlueprint(sio, self.socketio_path, "webchat", __name__)
        output = WebChatOutput(sio, self.bot_message_evt)

        def wrong_host(request: Request) -> Optional[HTTPResponse]:
            if host_allowed(request.headers, self.hosts):
                return None
            logger.warning("event=webchat_host_refused host=%.80r", request.headers.get("host"))
            return response.text(WRONG_HOST, status=400)

        @bp.route("", methods=["GET"], strict_slashes=True)
        async def page_without_slash(request: Request) -> HTTPResponse:
            return wrong_host(request) or response.redirect(request.path + "/")  # fichiers chargés en relatif

        @bp.route("/", methods=["GET"], strict_slashes=True)
        async def page(request: Request) -> HTTPResponse:
            return wrong_host(request) or await response.file(WEBCHAT_DIR / "index.html", headers=SECURITY_HEADERS)

        @bp.route("/reference", methods=["GET"], strict_slashes=True)
        async def reference(request: Request) -> HTTPResponse:
            refused = wrong_host(request)
            if refused:
                return refused
            try:
                text = reference_page.page(shared_store().get())
            except CatalogueError:
                logger.exception("event=reference_page_failed")
                return response.text("Document de référence indisponible pour le moment.", status=503)
            return response.html(text, headers=SECURITY_HEADERS)

        @bp.route("/<name>", methods=["GET"])
        async def asset(request: Request, name: str) -> HTTPResponse:
            path = ASSETS.get(name)
            if path is None:
                return response.text("Introuvable", status=404)
            return wrong_host(request) or await response.file(path, headers=SECURITY_HEADERS)

        @sio.on("connect")
        async def connect(sid: str, environ: Dict[str, Any], *_: Any) -> bool:
            if str(environ.get("HTTP_HOST") or "").lower() in self.hosts:
                return True
            logger.warning("event=webchat_host_refused host=%.80r", environ.get("HTTP_HOST"))
            return False

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None) -> None:
            if data is not None and not isinstance(data, dict):
                # A bare string, a list…: not the page's {session_id}; the client gets a new session.
                logger.warning("event=session_request_malformed type=%s : nouvelle session attribuée.",
                               type(data).__name__)
            requested = data.get("session_id") if isinstance(data, dict) else None
            conversation = self.sessions.conversation(requested)
            if requested is not None and conversation is None:
                # Not issued by this server (chosen by the client, forged, from another key): a new session.
                logger.info("event=session_request_unknown : nouvelle session attribuée.")
            session_id = requested if conversation else self.sessions.issue()
            room = self.sessions.conversation(session_id)
            # The room is the conversation's tracker id (`web:<uuid>`): the bot's replies go to that room.
            joined = sio.enter_room(sid, room)
            if inspect.isawaitable(joined):  # coroutine à partir de python-socketio 5.10
                await joined
            await sio.emit("session_confirm", session_id, room=sid)
            if conversation is None and self.welcome_payload and room:
                await on_new_message(UserMessage(self.welcome_payload, output, room, input_channel=self.name()))

        @sio.on(self.user_message_evt)
        async def user_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            room, text = self.sessions.conversation(data.get("session_id")), data.get("message")
            if room is None or room not in sio.rooms(sid) or not isinstance(text, str) or not text.strip():
                logger.warning("Message web ignoré : session non demandée (session_request) ou texte vide.")
                return
            # Length, control characters… are screened for every channel: addons/resilience.py.
            await on_new_message(UserMessage(text, output, room, input_channel=self.name()))

        return bp
