"""Revue de sécurité des canaux (issue 19, docs/securite.md), sur les serveurs réels de la session : qui peut
appeler le canal REST, ce qu'il accepte, ce que le serveur Rasa et le serveur d'actions laissent voir."""

from __future__ import annotations

import http.client
import json
import stat
import urllib.error
import urllib.request
import uuid
import zlib
from typing import Dict, Iterator, Optional, Tuple

import pytest

from ops.serve import ACTION_SECRET_HEADER, Services, free_port
from tests.e2e.conftest import MODEL, read_log


def rest(services: Services, body: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    """POST au canal REST : (statut, corps de la réponse). Par défaut, une question ordinaire en JSON."""
    if body is None:
        body = json.dumps({"sender": f"secu-{uuid.uuid4().hex[:8]}", "message": "tel payplug"}).encode()
    request = urllib.request.Request(f"{services.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("header", [{"X-Forwarded-For": "203.0.113.7"}, {"Forwarded": "for=203.0.113.7"},
                                    {"X-Real-IP": "203.0.113.7"}], ids=["x-forwarded-for", "forwarded", "x-real-ip"])
def test_rest_without_a_token_refuses_what_came_through_a_proxy(services: Services, header: Dict[str, str]) -> None:
    """Issue 19, point 2 : le canal REST est réservé aux appelants de confiance ; sans jeton configuré, un
    appel relayé par un proxy (donc venu d'ailleurs) est refusé."""
    status, body = rest(services, headers=header)
    assert status == 403 and "CECAZ_REST_TOKEN" in json.loads(body)["erreur"]
    assert "event=rest_refused status=403" in read_log(services, "rasa")
    assert rest(services)[0] == 200  # a direct local call is still answered


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          None])
def test_rest_answers_415_unless_the_body_is_declared_json(services: Services, content_type: Optional[str]) -> None:
    """Issue 19, point 4 : un corps JSON envoyé en `text/plain` était traité ; n'importe quelle page web pouvait
    ainsi faire poster des messages par le navigateur d'un collaborateur, sans requête préalable CORS."""
    body = json.dumps({"sender": f"secu-{uuid.uuid4().hex[:8]}", "message": "tel payplug"}).encode()
    connection = http.client.HTTPConnection("127.0.0.1", services.rasa_port, timeout=60)
    try:
        connection.request("POST", "/webhooks/rest/webhook", body=body,
                           headers={"Content-Type": content_type} if content_type else {})
        reply = connection.getresponse()
        status, payload = reply.status, json.loads(reply.read())
    finally:
        connection.close()
    assert status == 415 and "application/json" in payload["erreur"]
    assert rest(services, body, {"Content-Type": "application/json; charset=utf-8"})[0] == 200


def test_rest_bodies_are_capped_before_being_read(services: Services) -> None:
    """Issue 19, point 5 : un corps REST de plusieurs Mo était lu en entier (Sanic admet 100 Mo)."""
    oversized = json.dumps({"sender": f"secu-{uuid.uuid4().hex[:8]}", "message": "a" * 100_000}).encode()
    status, body = rest(services, oversized)
    assert status == 413 and "64 Kio au plus" in json.loads(body)["erreur"]
    # 10 MB announced: refused at once, before the body is sent.
    assert announced_body_status(services.rasa_port, "/webhooks/rest/webhook", 10_000_000,
                                 {"Content-Type": "application/json"}) == 413
    assert "event=request_too_large path=/webhooks/rest/webhook" in read_log(services, "rasa")
    # Under the cap, a long message still gets its French answer (« trop long »), not a 413.
    status, body = rest(services, json.dumps({"sender": "secu-long", "message": "a" * 20_000}).encode())
    assert status == 200 and "trop long" in body


def test_socket_io_bodies_are_capped_too(services: Services) -> None:
    """Issue 19, point 5 : les corps Socket.IO (long-polling) étaient lus jusqu'à 1 Mo (python-engineio), et
    jusqu'aux 100 Mo de Sanic avant lui."""
    connection = http.client.HTTPConnection("127.0.0.1", services.rasa_port, timeout=60)
    try:
        connection.request("POST", "/socket.io/?EIO=4&transport=polling&sid=inconnu", body=b"4" + b"a" * 100_000,
                           headers={"Content-Type": "text/plain;charset=UTF-8"})
        status = connection.getresponse().status
    finally:
        connection.close()
    assert status == 413


def test_rest_metadata_is_bounded(services: Services) -> None:
    """Issue 19, point 5 : un champ `metadata` de 2 Mo était rangé tel quel dans le tracker."""
    sender = f"secu-{uuid.uuid4().hex[:8]}"
    status, body = rest(services, json.dumps({"sender": sender, "message": "tel payplug",
                                              "metadata": {"x": "y" * 3000}}).encode())
    assert status == 400 and "metadata" in json.loads(body)["erreur"]
    status, _ = rest(services, json.dumps({"sender": sender, "message": "tel payplug",
                                           "metadata": {"poste": "agence-12"}}).encode())
    assert status == 200


def test_the_root_does_not_advertise_the_version(services: Services) -> None:
    """Issue 19, point 11 : `GET /` répondait « Hello from Rasa: 3.6.21 »."""
    with urllib.request.urlopen(f"{services.rasa_url}/", timeout=10) as reply:
        text = reply.read().decode()
    assert reply.status == 200 and text == "ok"


def announced_body_status(port: int, path: str, length: int, headers: Dict[str, str]) -> int:
    """Le statut de la réponse à un POST qui annonce un corps de `length` octets et n'en envoie qu'un début :
    un serveur qui borne les corps répond (413) sans attendre le reste."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("POST", path)
        for name, value in {**headers, "Content-Length": str(length)}.items():
            connection.putheader(name, value)
        connection.endheaders(b"{" + b" " * 1000)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Un serveur d'actions à part (ses erreurs provoquées restent dans son propre journal)."""
    alone = Services(rasa_port=free_port(), action_port=free_port(), model=MODEL,
                     var_dir=tmp_path_factory.mktemp("var-actions"))
    try:
        alone.start_actions()
        alone.wait_actions(120)
        yield alone
    finally:
        alone.stop()


def call_actions(server: Services, path: str, body: Optional[bytes] = None,
                 headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    request = urllib.request.Request(f"{server.action_url}{path}", data=body, headers=headers or {},
                                     method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_action_server_requires_the_shared_secret(action_server: Services) -> None:
    """Issue 19, point 9 : le serveur d'actions répondait à tout processus de la machine."""
    secret = {ACTION_SECRET_HEADER: action_server.action_secret}
    assert call_actions(action_server, "/actions")[0] == 401
    assert call_actions(action_server, "/actions", headers={ACTION_SECRET_HEADER: "devine"})[0] == 401
    assert call_actions(action_server, "/webhook", b'{"next_action": "action_answer"}')[0] == 401
    status, listed = call_actions(action_server, "/actions", headers=secret)
    assert status == 200 and {"name": "action_answer"} in json.loads(listed)
    assert call_actions(action_server, "/health")[0] == 200  # readiness probe: open, says nothing
    assert "event=action_request_refused path=/webhook" in read_log(action_server, "actions")


def test_an_action_server_error_does_not_echo_the_request(action_server: Services) -> None:
    """Issue 19, point 9 : une erreur répondait 500 avec tout le corps reçu (le tracker de la conversation)."""
    marker = "conversation-privee-" + uuid.uuid4().hex
    body = json.dumps({"next_action": "action_answer", "sender_id": marker, "tracker": marker, "domain": {}})
    status, text = call_actions(action_server, "/webhook", body.encode(),
                                {ACTION_SECRET_HEADER: action_server.action_secret, "Content-Type": "application/json"})
    assert status == 500 and marker not in text
    assert json.loads(text) == {"error": "Erreur interne du serveur d'actions."}
    assert "event=action_request_failed path=/webhook error=" in read_log(action_server, "actions")


def test_action_server_bodies_are_bounded_even_compressed(action_server: Services) -> None:
    """Issue 19, point 9 : un corps `deflate` était décompressé sans limite (50 Ko qui deviennent 50 Mo…)."""
    secret = {ACTION_SECRET_HEADER: action_server.action_secret, "Content-Type": "application/json"}
    bomb = zlib.compress(b"[" + b" " * 50_000_000 + b"]", 9)
    assert len(bomb) < 100_000
    assert call_actions(action_server, "/webhook", bomb, {**secret, "Content-Encoding": "deflate"})[0] == 413
    assert announced_body_status(action_server.action_port, "/webhook", 9 * 1024 * 1024, secret) == 413
    # A compressed call of normal size is still read (here: an unknown action, answered 404 by rasa_sdk).
    small = zlib.compress(json.dumps({"next_action": "action_inconnue", "tracker": {}, "domain": {}}).encode())
    assert call_actions(action_server, "/webhook", small, {**secret, "Content-Encoding": "deflate"})[0] == 404


def test_conversations_and_logs_are_readable_by_their_owner_only(services: Services) -> None:
    """Issue 19, point 10 : la base des conversations et les journaux étaient créés en 0644 (lisibles par tous)."""
    rest(services)  # at least one conversation stored
    assert stat.S_IMODE(services.var_dir.stat().st_mode) == 0o700
    private = [services.var_dir / "tracker.db", services.log_path("rasa"), services.log_path("actions"),
               services.var_dir / "endpoints.yml"]
    assert {path.name: oct(stat.S_IMODE(path.stat().st_mode)) for path in private} == {
        path.name: "0o600" for path in private}
    assert stat.S_IMODE((services.var_dir / "webchat-session.key").stat().st_mode) == 0o600
