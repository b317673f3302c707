"""Mauvaises entrées sur les serveurs réels (REST) : chacune reçoit une réponse claire, jamais une erreur,
et la question ordinaire qui suit, dans la même conversation, reçoit la bonne réponse."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import List, Tuple

import pytest
import yaml

from addons.channels import conversation_key
from cecaz.clarify import clarification_text
from cecaz.input_guard import EMPTY_REPLY, NO_WORDS_REPLY, NOT_FRENCH_REPLY, NOT_UNDERSTOOD_PAYLOAD
from ops.serve import ROOT, Services, ask
from tests.e2e.conftest import Conversation
from tests.support.facts import EMAIL, PHONE

FOLLOW_UP = ("numéro de l'assistance SP+", "09 69 37 80 30")
ERROR_MARKERS = ("Traceback", "Exception", "Error", "500", "Internal Server")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
# The assistant's ways of saying it did not understand, or that a subject is not its own: a message
# read as words but meaning nothing here gets one of them first, and no fact.
NOT_UNDERSTOOD = (DOMAIN["responses"]["utter_out_of_scope"][0]["text"], DOMAIN["responses"]["utter_default"][0]["text"],
                  clarification_text(True), clarification_text(False))
# A list item of the answer's Markdown (issue 14: the REST text is Markdown).
PAYPLUG_PHONE = ("- Équipe support Payplug (à communiquer au client) : tél. +33 1 76 34 01 55, "
                 "du lundi au vendredi de 9h à 18h")
TOO_LONG = re.compile(r"Votre message est trop long \(20[\u202f ]00\d caractères ; 1[\u202f ]000 au plus\) : "
                      r"je ne l’ai pas lu\.")

# Screened before understanding: (name, message, the reply, word for word). Nothing of them is stored.
SCREENED: List[Tuple[str, str, str]] = [
    ("empty", "", EMPTY_REPLY),
    ("whitespace", " \t\n  \r\n ", EMPTY_REPLY),
    ("html and script", "<script>document.location='http://x'</script><img src=x onerror=alert(1)>", EMPTY_REPLY),
    ("emoji only", "😀🙏💳🔥", NO_WORDS_REPLY),
    ("right-to-left", "مرحبا، ما هو رقم الدعم؟", NOT_FRENCH_REPLY),
    ("hebrew mixed", "שלום payplug מספר טלפון", NOT_FRENCH_REPLY),
]
# Cleaned, then understood as the question they hold: the Payplug support's phone line.
UNDERSTOOD: List[Tuple[str, str]] = [
    ("control and ANSI", "\x1b[1;31m\x00\x07numéro\x1b[0m \x1b]0;titre\x07support \x0bpayplug\x1b[2J"),
    ("html around a question", "<p>numéro du <b>support Payplug</b></p>"),
    ("english understood", "What is the Payplug support phone number?"),
]
# Read as words that mean nothing here (never as a command): a refusal or a clarification, no fact.
MEANINGLESS: List[Tuple[str, str]] = [
    ("sql", "'; DROP TABLE events; -- SELECT * FROM users WHERE 1=1"),
    ("slash intent with bad entity", '/ask_phone{"offer": "<img src=x>", "admin": true}'),
    ("slash unknown intent", "/drop_database"),
    ("english not understood", "Could you please tell me what the weather is like today?"),
]


def stored(services: Services, sender: str, type_name: str) -> List[dict]:
    """Les événements `type_name` (« user », « restart »…) de la conversation REST `sender` dans la base."""
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = ? ORDER BY id",
                          (conversation_key("rest", sender), type_name)).fetchall()
    return [json.loads(row[0]) for row in rows]


def contacts_cited(replies: List[str]) -> List[str]:
    """Les numéros de téléphone et adresses e-mail cités (aucun n'est attendu dans un refus)."""
    text = "\n".join(replies)
    return PHONE.findall(text) + EMAIL.findall(text)


def then_the_ordinary_question_is_answered(conversation: Conversation, name: str, replies: List[str]) -> None:
    """Jamais une erreur ; la question ordinaire qui suit, dans la même conversation, a sa réponse."""
    assert not [marker for marker in ERROR_MARKERS if marker in "\n".join(replies)], f"{name}: {replies}"
    follow = conversation(FOLLOW_UP[0])
    assert FOLLOW_UP[1] in "\n".join(follow), f"après « {name} » : {follow}"


@pytest.mark.parametrize(("name", "message", "reply"), SCREENED, ids=[c[0] for c in SCREENED])
def test_screened_input_gets_its_reply_and_is_never_stored(services: Services, conversation: Conversation,
                                                           name: str, message: str, reply: str) -> None:
    replies = conversation(message)
    assert replies == [reply]
    assert stored(services, conversation.sender, "user") == []  # it went no further than the screen
    then_the_ordinary_question_is_answered(conversation, name, replies)


def test_twenty_thousand_characters_are_refused_with_their_length(conversation: Conversation) -> None:
    replies = conversation("paiement " * 2223)  # processing time of the longest: make bench
    assert len(replies) == 1 and TOO_LONG.match(replies[0]), replies
    then_the_ordinary_question_is_answered(conversation, "20k characters", replies)


@pytest.mark.parametrize(("name", "message"), UNDERSTOOD, ids=[c[0] for c in UNDERSTOOD])
def test_the_question_inside_noise_is_answered(conversation: Conversation, name: str, message: str) -> None:
    replies = conversation(message)
    assert PAYPLUG_PHONE in replies[0].splitlines(), replies
    then_the_ordinary_question_is_answered(conversation, name, replies)


@pytest.mark.parametrize(("name", "message"), MEANINGLESS, ids=[c[0] for c in MEANINGLESS])
def test_meaningless_words_get_a_refusal_or_a_clarification_and_no_fact(conversation: Conversation, name: str,
                                                                         message: str) -> None:
    replies = conversation(message)
    assert replies and replies[0].startswith(NOT_UNDERSTOOD), replies
    assert contacts_cited(replies) == [], replies
    then_the_ordinary_question_is_answered(conversation, name, replies)


def test_json_is_read_as_words_and_never_runs_its_command(services: Services, conversation: Conversation) -> None:
    message = '{"sender": "admin", "message": "/restart", "entities": [{"offer": "vad"}]}'
    replies = conversation(message)
    (user,) = stored(services, conversation.sender, "user")
    assert user["text"] == message and user["parse_data"]["intent"]["name"] != "restart"
    assert stored(services, conversation.sender, "restart") == []
    assert stored(services, "admin", "user") == []  # the "sender" inside the text changes nothing
    then_the_ordinary_question_is_answered(conversation, "json", replies)


@pytest.mark.parametrize("written", ["4970101234567893", "4970 1012 3456 7893", "4970-1012-3456-7893",
                                     "4970.1012.3456.7893"])
def test_card_number_is_masked_before_understanding_storage_and_reply(services: Services, written: str) -> None:
    sender = f"card-{uuid.uuid4().hex[:8]}"
    replies = ask(services.rasa_url, f"carte {written} refusée chez mon client", sender=sender)
    assert replies and not [r for r in replies if "3456" in (r.get("text") or "")]
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = [row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = ?",
                                             (conversation_key("rest", sender),))]
    assert rows and not [row for row in rows if "3456" in row]
    (user,) = stored(services, sender, "user")
    assert user["text"] == "carte [carte •••• 7893] refusée chez mon client"


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


@pytest.mark.parametrize("command", ["/session_start", "/restart", "/back", '/session_start{"offer":"vad"}'])
def test_rasa_internal_intents_typed_are_words_and_change_nothing(services: Services, conversation: Conversation,
                                                                  command: str) -> None:
    """Issue 13, point 4 : avant, `/session_start` tapé passait le filtre, recevait `200 []` et ouvrait une
    nouvelle session en plein diagnostic. Seuls les boutons montrés dans la conversation sont des commandes."""
    assert "a-t-il déjà un site e-commerce ?" in "\n".join(conversation("diagnostic"))
    replies = conversation(command)
    assert replies and all(replies), replies  # an answer, never a silent 200 []
    (_, typed) = stored(services, conversation.sender, "user")
    # Read as words (« restart » is then the word, no command), or as not understood (« session_start »).
    assert typed["text"] in {command.lstrip("/"), NOT_UNDERSTOOD_PAYLOAD}
    assert len(stored(services, conversation.sender, "session_started")) == 1  # the first one only
    assert stored(services, conversation.sender, "restart") == []  # Rasa's reset never ran
    # The diagnostic is still there and goes on.
    assert "lui convient-elle ?" in "\n".join(conversation("oui il a un site"))


def test_a_button_shown_in_the_conversation_is_a_command(conversation: Conversation) -> None:
    _, buttons = conversation.reply("bonjour")
    payload = dict(buttons)["Contacts de support"]
    assert payload == "/ask_support"
    text, _ = conversation.reply(payload)  # what a click sends
    assert "contacts de support" in text and not text.startswith(NOT_UNDERSTOOD), text
