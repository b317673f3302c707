"""Le canal Socket.IO de la page web, avec un vrai client Socket.IO (python-socketio) sur les serveurs réels :
session demandée, accueil, question et réponse, reconnexion avec le même identifiant de session et
suite de la même conversation ; autre origine refusée, session non demandée ignorée."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import urllib.error
import urllib.request
import uuid
from typing import Any, Awaitable, Callable, List, Optional, Tuple

import pytest
import socketio

from addons.channels import conversation_key
from ops.serve import Services, ask
from tests.e2e.conftest import conversations_holding, plain_spaces, read_log, wait_until

QUESTION = "numéro de l'assistance SP+"
ANSWER = "09 69 37 80 30"
REPLY_TIMEOUT = 30.0
TOO_LONG = "Votre message est trop long (20\u202f000 caractères"
ISSUED = r"[0-9a-f]{32}\.[0-9a-f]{32}"  # uuid4 . signature: a session id issued by the server
IGNORED = "Message web ignoré"  # addons/channels/webchat.py, for a session this client never requested


class ChatClient:
    """Un navigateur vu du serveur : client Socket.IO en long-polling, comme la page."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: asyncio.Queue[Tuple[str, Any]] = asyncio.Queue()
        self.session_id: Optional[str] = None
        for event in ("session_confirm", "bot_uttered"):
            self.sio.on(event, self._recorder(event))

    def _recorder(self, event: str) -> Callable[[Any], Awaitable[None]]:
        async def record(data: Any) -> None:
            await self.events.put((event, data))
        return record

    async def connect(self, origin: Optional[str] = None) -> None:
        headers = {"Origin": origin} if origin else {}
        await self.sio.connect(self.services.rasa_url, transports=["polling"], socketio_path="/socket.io",
                               headers=headers, wait_timeout=10)

    async def next(self, event: str, timeout: float = REPLY_TIMEOUT) -> Any:
        """Le prochain événement `event` reçu (les autres sont passés), au plus `timeout` secondes d'attente."""
        while True:
            name, data = await asyncio.wait_for(self.events.get(), timeout)
            if name == event:
                return data

    async def until(self, expected: str, timeout: float = REPLY_TIMEOUT) -> List[dict]:
        """Les messages du bot reçus jusqu'à celui qui contient `expected`, compris ; échoue au bout de
        `timeout` secondes avec ce qui est arrivé."""
        replies: List[dict] = []
        try:
            async with asyncio.timeout(timeout):
                while not replies or expected not in replies[-1].get("text", ""):
                    replies.append(await self.next("bot_uttered", timeout))
        except TimeoutError:
            raise AssertionError(f"pas de message contenant « {expected} » en {timeout:.0f} s : {replies}") from None
        return replies

    async def start_session(self, session_id: Optional[str] = None) -> str:
        await self.sio.emit("session_request", {"session_id": session_id})
        self.session_id = await self.next("session_confirm")
        return self.session_id

    async def ask(self, text: str, expected: str) -> List[dict]:
        """Envoie une question et renvoie les messages du bot jusqu'à la réponse attendue (`expected`)."""
        await self.sio.emit("user_uttered", {"message": text, "session_id": self.session_id})
        return await self.until(expected)


def texts(replies: List[dict]) -> str:
    return "\n".join(reply.get("text", "") for reply in replies)


def user_messages(services: Services, session_id: str) -> List[str]:
    """Les messages de la conversation de la session web `session_id` (`<uuid>.<signature>`), dans la base."""
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
                          (conversation_key("web", session_id.split(".")[0]),)).fetchall()
    return [json.loads(row[0])["text"] for row in rows]


def test_session_survives_a_reconnection(services: Services) -> None:
    async def scenario() -> Tuple[str, dict, List[dict], str, List[dict]]:
        first = ChatClient(services)
        await first.connect()
        session_id = await first.start_session()
        welcome = await first.next("bot_uttered")
        answer = await first.ask(QUESTION, ANSWER)
        await first.sio.disconnect()

        second = ChatClient(services)
        await second.connect()
        again = await second.start_session(session_id)
        follow_up = await second.ask("tel payplug ?", "+33 1 76 34 01 55")
        await second.sio.disconnect()
        return session_id, welcome, answer, again, follow_up

    session_id, welcome, answer, again, follow_up = asyncio.run(scenario())
    assert re.fullmatch(ISSUED, session_id)
    # Words, not typography (its no-break spaces are tested by tests/unit/test_layout.py).
    assert plain_spaces(welcome["text"]).startswith("Bonjour ! Je suis l’assistant CECAZ") and welcome["quick_replies"]
    assert [ANSWER in reply["text"] for reply in answer] == [True]  # one reply, the answer
    assert again == session_id
    assert ["+33 1 76 34 01 55" in reply["text"] for reply in follow_up] == [True]
    # The tracker is saved once the turn is over, just after its last reply: wait for that write.
    wait_until(lambda: user_messages(services, session_id) == ["/greet", QUESTION, "tel payplug ?"], 30,
               "les trois messages de la session enregistrés dans la base")


def test_message_outside_a_requested_session_is_ignored(services: Services) -> None:
    ignored_before = read_log(services, "rasa").count(IGNORED)
    intruder = ""

    async def scenario() -> Tuple[List[dict], List[dict]]:
        nonlocal intruder
        owner = ChatClient(services)  # a session issued to another client, which this client never requested
        await owner.connect()
        intruder = await owner.start_session()
        await owner.until("Bonjour")
        await owner.sio.disconnect()
        client = ChatClient(services)
        await client.connect()
        await client.sio.emit("user_uttered", {"message": QUESTION, "session_id": intruder})
        # The event that matters: the server says it ignored the message.
        await asyncio.to_thread(wait_until, lambda: read_log(services, "rasa").count(IGNORED) > ignored_before,
                                REPLY_TIMEOUT, "« Message web ignoré » dans le journal du serveur Rasa")
        # The same connection then gets its own session: only its welcome and its answer arrive.
        await client.start_session()
        welcome = await client.until("Bonjour")
        answer = await client.ask(QUESTION, ANSWER)
        await client.sio.disconnect()
        return welcome, answer

    welcome, answer = asyncio.run(scenario())
    assert len(welcome) == 1 and len(answer) == 1, (welcome, answer)
    assert user_messages(services, intruder) == ["/greet"]  # the owner's welcome only


def test_other_origin_is_refused(services: Services) -> None:
    async def scenario() -> None:
        client = ChatClient(services)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect(origin="https://intrus.example")

    asyncio.run(scenario())


def test_bad_input_on_the_web_page_channel_is_screened_too(services: Services) -> None:
    async def scenario() -> Tuple[str, str]:
        client = ChatClient(services)
        await client.connect()
        await client.start_session()
        await client.until("Bonjour")  # the welcome: one message, with its suggestions
        long_reply = texts(await client.ask("a" * 20_000, TOO_LONG))
        answer = texts(await client.ask(QUESTION, ANSWER))
        await client.sio.disconnect()
        return long_reply, answer

    long_reply, answer = asyncio.run(scenario())
    assert long_reply.startswith(TOO_LONG) and ANSWER not in long_reply
    assert ANSWER in answer


MALFORMED = "event=session_request_malformed"  # addons/channels/webchat.py, WARNING


@pytest.mark.parametrize("request_data", ["une-chaine", ["liste"], 42], ids=["chaîne", "liste", "nombre"])
def test_malformed_session_request_gets_a_new_session_and_a_warning(services: Services, request_data: Any) -> None:
    """Issue 13, point 7 : une chaîne au lieu de {session_id} ne recevait aucune confirmation et laissait
    une AttributeError dans le journal ; le client reçoit une session neuve et son accueil."""
    warned_before = read_log(services, "rasa").count(MALFORMED)

    async def scenario() -> Tuple[str, List[dict], List[dict]]:
        client = ChatClient(services)
        await client.connect()
        await client.sio.emit("session_request", request_data)
        session_id = await client.next("session_confirm")
        client.session_id = session_id
        welcome = await client.until("Bonjour")
        answer = await client.ask(QUESTION, ANSWER)
        await client.sio.disconnect()
        return session_id, welcome, answer

    session_id, welcome, answer = asyncio.run(scenario())
    assert re.fullmatch(ISSUED, session_id) and session_id != request_data
    assert len(welcome) == 1 and [ANSWER in reply["text"] for reply in answer] == [True]
    log = read_log(services, "rasa")
    assert log.count(MALFORMED) == warned_before + 1
    assert [line for line in log.splitlines() if MALFORMED in line][-1].split()[2] == "WARNING"


def test_a_rest_caller_cannot_enter_a_web_conversation(services: Services) -> None:
    """Issue 19, point 2 : un appel REST dont le `sender` était l'identifiant d'une session web entrait
    dans cette conversation (et lisait ses réponses) ; chaque canal a maintenant son espace."""
    async def scenario() -> str:
        client = ChatClient(services)
        await client.connect()
        session_id = await client.start_session()
        await client.until("Bonjour")
        await client.ask(QUESTION, ANSWER)
        await client.sio.disconnect()
        return session_id

    session_id = asyncio.run(scenario())
    wait_until(lambda: user_messages(services, session_id) == ["/greet", QUESTION], 30, "la session web enregistrée")
    intrusion = f"et leur e-mail ? {uuid.uuid4().hex[:6]}"
    ask(services.rasa_url, intrusion, sender=session_id)
    # The REST message has a conversation of its own, where nothing of the web session is.
    assert list(conversations_holding(services, intrusion).values()) == [[intrusion]]
    assert user_messages(services, session_id) == ["/greet", QUESTION]


@pytest.mark.parametrize("chosen", ["client", "forged", "old"])
def test_a_session_id_the_server_did_not_issue_gets_a_new_session(services: Services, chosen: str) -> None:
    """Issue 19, point 6 : tout identifiant bien formé était admis, y compris un identifiant choisi par le client ;
    seuls les identifiants émis (signés) par le serveur le sont maintenant."""
    async def scenario() -> Tuple[str, str, List[dict]]:
        client = ChatClient(services)
        await client.connect()
        issued = await client.start_session()
        await client.until("Bonjour")
        uid, _, signature = issued.partition(".")
        requested = {"client": uuid.uuid4().hex,  # the former format, chosen by the client
                     "forged": f"{uuid.uuid4().hex}.{signature}",  # another uuid, a real signature
                     "old": f"{uid}.{'0' * 32}"}[chosen]  # a real uuid, a made-up signature
        given = await client.start_session(requested)
        welcome = await client.until("Bonjour")
        await client.sio.disconnect()
        return requested, given, welcome

    requested, given, welcome = asyncio.run(scenario())
    assert given != requested and re.fullmatch(ISSUED, given)
    assert len(welcome) == 1  # a new conversation, with its welcome
    assert user_messages(services, requested) in ([], ["/greet"])  # nothing sent into the requested one


def handshake_status(services: Services, headers: dict) -> int:
    """Statut de la poignée de main Engine.IO (long-polling) envoyée avec ces en-têtes."""
    request = urllib.request.Request(f"{services.rasa_url}/socket.io/?EIO=4&transport=polling", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_origin_is_checked_against_the_listed_origins_not_the_request_host(services: Services) -> None:
    """Issue 19, point 7 : l'origine admise était déduite des en-têtes Host / X-Forwarded-Host de la requête
    elle-même ; une page d'un autre site (rattachement DNS, proxy) passait le contrôle."""
    local = f"127.0.0.1:{services.rasa_port}"
    assert handshake_status(services, {"Origin": f"http://{local}"}) == 200
    assert handshake_status(services, {"Origin": f"http://intrus.example:{services.rasa_port}",
                                       "Host": f"intrus.example:{services.rasa_port}"}) == 400
    assert handshake_status(services, {"Origin": "https://intrus.example", "X-Forwarded-Host": "intrus.example",
                                       "X-Forwarded-Proto": "https"}) == 400


def test_another_host_gets_neither_the_page_nor_a_socket(services: Services) -> None:
    """Issue 19, point 7 : l'en-tête Host n'était pas vérifié (rattachement DNS d'un autre nom vers ce serveur)."""
    other = f"intrus.example:{services.rasa_port}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(services.webchat_url, headers={"Host": other}), timeout=30)
    assert refused.value.code == 400

    async def scenario() -> None:
        client = ChatClient(services)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.sio.connect(services.rasa_url, transports=["polling"], socketio_path="/socket.io",
                                     headers={"Host": other}, wait_timeout=10)

    asyncio.run(scenario())
    assert "event=webchat_host_refused host='intrus.example" in read_log(services, "rasa")
