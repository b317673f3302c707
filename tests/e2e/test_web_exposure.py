"""Ce que la page web laisse voir à un autre site ou à un autre utilisateur (issue 15, docs/securite.md) :
CORS limité aux origines configurées de la page, et identifiants de session qu'on ne devine pas ; réutiliser
celui d'un autre ne donne pas l'historique de sa conversation."""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.request
import uuid
from typing import Dict, List, Tuple

import pytest

from ops.serve import Services
from tests.e2e.test_socketio import ANSWER, ISSUED, ChatClient, texts, user_messages

ROUTES = [("OPTIONS", "/webhooks/rest/webhook"), ("GET", "/webhooks/webchat/"), ("GET", "/webhooks/webchat/reference"),
          ("GET", "/")]
FOREIGN = ["https://intrus.example", "null", "http://127.0.0.1.intrus.example"]


def cors_headers(services: Services, method: str, path: str, origin: str) -> Dict[str, str]:
    """Les en-têtes CORS (`access-control-…`) de la réponse à une requête venue de la page `origin` ; pour
    OPTIONS, la requête préalable d'un POST JSON."""
    headers = {"Origin": origin}
    if method == "OPTIONS":
        headers.update({"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    request = urllib.request.Request(f"{services.rasa_url}{path}", headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            received = reply.headers
    except urllib.error.HTTPError as error:
        received = error.headers
    return {name.lower(): value for name, value in received.items() if name.lower().startswith("access-control-")}


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_cors_admits_the_origins_of_the_page_only(services: Services, method: str, path: str) -> None:
    """Seules les origines configurées de la page (`CECAZ_WEB_ORIGINS` et les adresses locales du serveur)
    reçoivent un en-tête `Access-Control-Allow-Origin` ; une autre page ne peut ni lire une réponse, ni
    poster au canal REST depuis le navigateur d'un collaborateur."""
    for origin in services.effective_settings().allowed_web_origins:
        assert cors_headers(services, method, path, origin).get("access-control-allow-origin") == origin
    for origin in FOREIGN:
        assert cors_headers(services, method, path, origin) == {}, origin


def test_socket_io_answers_the_origins_of_the_page_only(services: Services) -> None:
    origin = services.effective_settings().allowed_web_origins[0]
    handshake = "/socket.io/?EIO=4&transport=polling"
    assert cors_headers(services, "GET", handshake, origin).get("access-control-allow-origin") == origin
    assert "access-control-allow-origin" not in cors_headers(services, "GET", handshake, FOREIGN[0])


PAYPLUG_PHONE = "+33 1 76 34 01 55"


async def owner_conversation(services: Services) -> Tuple[ChatClient, str]:
    """Une session web qui a demandé le numéro de l'assistance SP+ pour un client : (son client, son identifiant).
    Ce numéro (`ANSWER`) n'est dans aucune autre réponse des tests de ce module : il trahirait une fuite."""
    owner = ChatClient(services)
    await owner.connect()
    session_id = await owner.start_session()
    await owner.until("Bonjour")
    await owner.ask(f"numéro de l'assistance SP+ pour mon client Lambert {uuid.uuid4().hex[:6]}", ANSWER)
    return owner, session_id


def test_a_guessed_session_id_opens_no_other_conversation(services: Services) -> None:
    """Des identifiants devinés à partir de celui d'un autre (son uuid seul, avec une autre signature, un uuid
    voisin signé comme lui, un identifiant tiré au hasard) donnent chacun une session neuve : le devineur ne
    reçoit rien de la conversation de l'autre, ni avant ni après."""
    async def scenario() -> Tuple[str, List[str], List[List[dict]]]:
        owner, session_id = await owner_conversation(services)
        uid, _, signature = session_id.partition(".")
        neighbour = f"{int(uid, 16) ^ 1:032x}"
        guesses = [uid, f"{uid}.{'f' * 32}", f"{neighbour}.{signature}", f"{uuid.uuid4().hex}.{uuid.uuid4().hex}"]
        guessers, given = [], []
        for guess in guesses:
            guesser = ChatClient(services)
            await guesser.connect()
            given.append(await guesser.start_session(guess))
            await guesser.until("Bonjour")
            guessers.append(guesser)
        await owner.ask("numéro de l'assistance SP+", ANSWER)  # the owner goes on
        # Whatever the owner's room received would reach a guesser in it before the guesser's own answer.
        received = [await guesser.ask("tel payplug ?", PAYPLUG_PHONE) for guesser in guessers]
        for client in (owner, *guessers):
            await client.sio.disconnect()
        return session_id, given, received

    session_id, given, received = asyncio.run(scenario())
    assert all(re.fullmatch(ISSUED, new) for new in given) and len({session_id, *given}) == 1 + len(given)
    assert [len(replies) for replies in received] == [1] * len(received)  # each its own answer only
    assert not any(ANSWER in texts(replies) for replies in received)
    assert user_messages(services, session_id)[-1] == "numéro de l'assistance SP+"


def test_reusing_another_session_id_does_not_give_its_history(services: Services) -> None:
    """L'identifiant de session est un jeton porteur (docs/securite.md) : qui détient celui d'un autre rejoint
    sa conversation pour la suite, mais le serveur ne renvoie rien de ce qui a déjà été dit (l'historique
    n'est gardé que dans l'onglet de son propriétaire)."""
    async def scenario() -> Tuple[str, str, List[dict]]:
        owner, session_id = await owner_conversation(services)
        await owner.sio.disconnect()
        holder = ChatClient(services)
        await holder.connect()
        confirmed = await holder.start_session(session_id)
        replies = await holder.ask("tel payplug ?", PAYPLUG_PHONE)
        await holder.sio.disconnect()
        return session_id, confirmed, replies

    session_id, confirmed, replies = asyncio.run(scenario())
    assert confirmed == session_id
    assert len(replies) == 1 and ANSWER not in texts(replies)  # its own answer, nothing said before it
