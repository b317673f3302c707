"""Canal « webchat » : la page de discussion et son Socket.IO, servis par le serveur Rasa lui-même.

Page et socket ont la même origine : le serveur Socket.IO refuse toute autre origine. La session est
persistante (le navigateur garde son identifiant et rejoint la même conversation après un
rechargement) ; une nouvelle session reçoit le message d'accueil du bot (`welcome_payload`)."""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from addons.channels import MAX_BODY_BYTES, WELCOME_PAYLOAD, conversation_key

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
SESSION_ID = re.compile(r"[0-9a-f]{32}")


class WebChatInput(SocketIOInput):
    """Socket.IO à session persistante + page de discussion statique, sur la même origine."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(welcome_payload=(credentials or {}).get("welcome_payload", WELCOME_PAYLOAD))

    def __init__(self, welcome_payload: Optional[str] = WELCOME_PAYLOAD) -> None:
        # Événements et chemin fixes : ce sont ceux de webchat/webchat.js.
        super().__init__("user_uttered", "bot_uttered", session_persistence=True, socketio_path="/socket.io")
        self.welcome_payload = welcome_payload

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not SOCKET_IO_CLIENT.exists():
            raise FileNotFoundError(f"{SOCKET_IO_CLIENT} absent : lancez `make webchat` (npm ci dans webchat/).")
        # cors_allowed_origins=None : même origine uniquement. Long-polling seul : le WebSocket
        # d'engineio ne fonctionne pas avec Sanic ≥ 21 (python-engineio#221, trames invalides).
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=None, transports=["polling"],
                          max_http_buffer_size=MAX_BODY_BYTES)
        self.sio = sio
        bp = SocketBlueprint(sio, self.socketio_path, "webchat", __name__)
        output = SocketIOOutput(sio, self.bot_message_evt)

        @bp.route("", methods=["GET"], strict_slashes=True)
        async def page_without_slash(request: Request) -> HTTPResponse:
            return response.redirect(request.path + "/")  # la page charge ses fichiers en relatif

        @bp.route("/", methods=["GET"], strict_slashes=True)
        async def page(_: Request) -> HTTPResponse:
            return await response.file(WEBCHAT_DIR / "index.html", headers=SECURITY_HEADERS)

        @bp.route("/<name>", methods=["GET"])
        async def asset(_: Request, name: str) -> HTTPResponse:
            path = ASSETS.get(name)
            if path is None:
                return response.text("Introuvable", status=404)
            return await response.file(path, headers=SECURITY_HEADERS)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None) -> None:
            if data is not None and not isinstance(data, dict):
                # A bare string, a list…: not the page's {session_id}; the client gets a new session.
                logger.warning("event=session_request_malformed type=%s : nouvelle session attribuée.",
                               type(data).__name__)
            requested = data.get("session_id") if isinstance(data, dict) else None
            known = isinstance(requested, str) and SESSION_ID.fullmatch(requested) is not None
            session_id = requested if known else uuid.uuid4().hex
            # The room is the conversation's tracker id (`web:…`): the bot's replies go to that room.
            joined = sio.enter_room(sid, conversation_key("web", session_id))
            if inspect.isawaitable(joined):  # coroutine à partir de python-socketio 5.10
                await joined
            await sio.emit("session_confirm", session_id, room=sid)
            if not known and self.welcome_payload:
                await on_new_message(UserMessage(self.welcome_payload, output, conversation_key("web", session_id),
                                                 input_channel=self.name()))

        @sio.on(self.user_message_evt)
        async def user_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            session_id, text = data.get("session_id"), data.get("message")
            joined = (isinstance(session_id, str) and SESSION_ID.fullmatch(session_id)
                      and conversation_key("web", session_id) in sio.rooms(sid))
            if not joined or not isinstance(text, str) or not text.strip():
                logger.warning("Message web ignoré : session non demandée (session_request) ou texte vide.")
                return
            # Length, control characters… are screened for every channel: addons/resilience.py.
            await on_new_message(UserMessage(text, output, conversation_key("web", session_id),
                                             input_channel=self.name()))

        return bp
