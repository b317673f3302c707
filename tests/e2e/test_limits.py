"""La borne des corps de requête tient le plus long message admis (issue 15, docs/securite.md) : le message le
plus long que lit le filtre d'entrée, dans son pire encodage JSON, passe sous `MAX_BODY_BYTES` sur le canal REST
et sur Socket.IO ; au-delà, une session web réelle est refusée (413) sans que rien n'arrive au bot. Les refus
d'un corps trop gros sans session sont dans tests/e2e/test_security.py."""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from typing import List, Tuple

from addons.channels import MAX_BODY_BYTES
from cecaz.input_guard import MAX_CHARS
from ops.serve import Services
from tests.e2e.conftest import read_log, wait_until
from tests.e2e.test_socketio import ChatClient, texts, user_messages

LONGEST_RAW = 4 * MAX_CHARS  # cecaz/input_guard.py _HARD_LIMIT: the longest text the filter reads
WORST_CHAR = "\U0001F600"  # an emoji: 12 bytes once escaped by JSON (a surrogate pair, \ud83d\ude00)
TOO_LONG = "trop long"  # cecaz.input_guard.too_long_reply
REFUSED = "event=request_too_large path=/socket.io/"  # addons/hardening.py


def test_the_longest_rest_message_fits_under_the_cap_in_its_worst_encoding() -> None:
    body = json.dumps({"sender": f"limite-{uuid.uuid4().hex[:8]}", "message": WORST_CHAR * LONGEST_RAW}).encode()
    assert 12 * LONGEST_RAW < len(body) < MAX_BODY_BYTES


def post_rest(services: Services, body: bytes) -> Tuple[int, str]:
    request = urllib.request.Request(f"{services.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.status, reply.read().decode()


def test_the_longest_messages_are_read_and_answered_in_french(services: Services) -> None:
    """Sous la borne, le plus long message admis (1 000 caractères accentués, chacun échappé en `\\u00e9`) est
    compris ; le plus long que lit le filtre (4 000 émojis échappés) reçoit « trop long » : jamais un 413."""
    question = "Quel est le numéro de l'assistance SP+ ? "
    accented = (question + "é" * MAX_CHARS)[:MAX_CHARS]
    status, body = post_rest(services, json.dumps({"sender": f"limite-{uuid.uuid4().hex[:8]}",
                                                   "message": accented}).encode())
    assert status == 200 and "09 69 37 80 30" in body.replace("\u202f", " ").replace("\u00a0", " ")
    status, body = post_rest(services, json.dumps({"sender": f"limite-{uuid.uuid4().hex[:8]}",
                                                   "message": WORST_CHAR * LONGEST_RAW}).encode())
    assert status == 200 and TOO_LONG in body


def test_a_web_session_gets_the_longest_message_through_and_nothing_beyond_the_cap(services: Services) -> None:
    """Sur une session web réelle (long-polling, comme la page) : 4 000 émojis passent et reçoivent « trop
    long » ; un message de 70 000 caractères est refusé à la lecture (413) et n'atteint jamais le bot."""
    oversized = "a" * (MAX_BODY_BYTES + 5000)

    async def scenario() -> Tuple[str, List[dict]]:
        client = ChatClient(services)
        await client.connect()
        session_id = await client.start_session()
        await client.until("Bonjour")
        longest = await client.ask(WORST_CHAR * LONGEST_RAW, TOO_LONG)
        refused_before = read_log(services, "rasa").count(REFUSED)
        await client.sio.emit("user_uttered", {"message": oversized, "session_id": session_id})
        await asyncio.to_thread(wait_until, lambda: read_log(services, "rasa").count(REFUSED) > refused_before,
                                30, "le refus (413) du message dans le journal du serveur Rasa")
        # The refused POST ended the client's transport: leave without waiting for its pending long-poll.
        await client.sio.eio.disconnect(abort=True)
        return session_id, longest

    session_id, longest = asyncio.run(scenario())
    assert len(longest) == 1 and TOO_LONG in texts(longest)
    assert oversized not in user_messages(services, session_id)
