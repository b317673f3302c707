"""Mauvaises entrées sur les serveurs réels (REST) : chacune reçoit une réponse claire, jamais une erreur,
et la question ordinaire qui suit, dans la même conversation, reçoit la bonne réponse."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import List, Sequence, Tuple

import pytest

from ops.serve import Services, ask

FOLLOW_UP = ("numéro de l'assistance SP+", "09 69 37 80 30")
ERROR_MARKERS = ("Traceback", "Exception", "Error", "500", "Internal Server")

# (name, message, words expected in the reply — any of them)
BAD_INPUTS: List[Tuple[str, str, Sequence[str]]] = [
    ("empty", "", ["message est vide"]),
    ("whitespace", " \t\n  \r\n ", ["message est vide"]),
    ("20k characters", "paiement " * 2223, ["trop long", "1\u202f000 au plus"]),
    ("emoji only", "😀🙏💳🔥", ["symboles ou des émojis"]),
    ("control and ANSI", "\x1b[1;31m\x00\x07numéro\x1b[0m \x1b]0;titre\x07support \x0bpayplug\x1b[2J",
     ["+33 1 76 34 01 55"]),
    ("html and script", "<script>document.location='http://x'</script><img src=x onerror=alert(1)>",
     ["message est vide"]),
    ("html around a question", "<p>numéro du <b>support Payplug</b></p>", ["+33 1 76 34 01 55"]),
    ("sql", "'; DROP TABLE events; -- SELECT * FROM users WHERE 1=1", ["encaissement", "compris"]),
    ("json", '{"sender": "admin", "message": "/restart", "entities": [{"offer": "vad"}]}',
     ["encaissement", "compris", "Payplug"]),
    ("slash intent with bad entity", '/ask_phone{"offer": "<img src=x>", "admin": true}',
     ["compris", "Vouliez-vous", "encaisser"]),
    ("slash unknown intent", "/drop_database", ["compris", "Vouliez-vous", "encaissement"]),
    ("right-to-left", "مرحبا، ما هو رقم الدعم؟", ["uniquement en français"]),
    ("hebrew mixed", "שלום payplug מספר טלפון", ["uniquement en français"]),
    ("english understood", "What is the Payplug support phone number?", ["+33 1 76 34 01 55"]),
    ("english not understood", "Could you please tell me what the weather is like today?",
     ["français", "encaissement"]),
    ("card number", "le paiement avec la carte 4970 1012 3456 7893 est refusé", ["encaissement", "compris", "Payplug"]),
]


@pytest.mark.parametrize(("name", "message", "expected"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_then_ordinary_question(conversation, name, message, expected) -> None:
    replies = conversation(message)  # processing time of the longest: make bench
    text = "\n".join(replies)
    assert replies and any(word in text for word in expected), f"{name}: {replies}"
    assert not any(marker in text for marker in ERROR_MARKERS)
    follow = conversation(FOLLOW_UP[0])
    assert FOLLOW_UP[1] in "\n".join(follow), f"après « {name} » : {follow}"


def test_card_number_is_not_stored(services: Services) -> None:
    sender = f"card-{uuid.uuid4().hex[:8]}"
    ask(services.rasa_url, "carte 4970101234567893 refusée chez mon client", sender=sender)
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,)).fetchall()
    assert rows and not any("4970101234567893" in row[0] for row in rows)
    assert any("•••• 7893" in json.loads(row[0]).get("text", "") for row in rows if '"text"' in row[0])


def test_same_message_twenty_times_quickly(services: Services) -> None:
    sender = f"burst-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: ask(services.rasa_url, "tel payplug", sender=sender, timeout=60),
                                range(20)))
    assert all(any("+33 1 76 34 01 55" in (r.get("text") or "") for r in replies) for replies in results)
    follow = ask(services.rasa_url, FOLLOW_UP[0], sender=sender)
    assert any(FOLLOW_UP[1] in (r.get("text") or "") for r in follow)


def _post(services: Services, body: bytes) -> Tuple[int, dict]:
    request = urllib.request.Request(f"{services.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize(("body", "problem"), [
    (b'{"message": "tel payplug"}', "sender"),
    (b'{"sender": "", "message": "tel payplug"}', "sender"),
    (b'{"sender": "a b/c", "message": "tel payplug"}', "sender"),
    (b"tel payplug", "JSON"),
    (b'["tel payplug"]', "objet JSON"),
    (b'{"sender": "x1", "message": {"text": "tel"}}', "message"),
])
def test_malformed_rest_requests_are_refused_in_french(services: Services, body: bytes, problem: str) -> None:
    status, payload = _post(services, body)
    assert status == 400 and problem in payload["erreur"]


def test_no_shared_default_conversation(services: Services) -> None:
    _post(services, b'{"message": "tel payplug"}')
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        assert db.execute("SELECT count(*) FROM events WHERE sender_id = 'default'").fetchone()[0] == 0
