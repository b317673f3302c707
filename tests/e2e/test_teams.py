"""Le canal Microsoft Teams sur un vrai serveur Rasa (et le vrai serveur d'actions), Microsoft simulé en
local : des activités signées par une clé RSA générée ici atteignent le serveur ; les réponses arrivent
au `serviceUrl` de l'activité avec le bon texte et des boutons cliquables ; un jeton absent, expiré,
pour une autre audience, d'un autre émetteur, signé par une autre clé ou pour un autre `serviceUrl`
reçoit 401 et aucune réponse."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest

from addons.channels.render import ADAPTIVE_CARD
from cecaz import feedback
from ops.serve import Services, ask, free_port
from tests.e2e.conftest import (
    FIXED_NOW,
    MODEL,
    conversations_holding,
    plain_spaces,
    read_log,
    user_texts_by_conversation,
    wait_until,
)
from tests.e2e.microsoft_standin import ACCESS_TOKEN, Capture, MicrosoftStandIn, new_key
from tests.support import adaptive_cards

APP_ID = str(uuid.uuid4())
APP_PASSWORD = "secret-" + uuid.uuid4().hex
TENANT_ID = str(uuid.uuid4())
REST_TOKEN = "rest-" + uuid.uuid4().hex  # this server's REST channel is protected by a token
BOT = {"id": f"28:{APP_ID}", "name": "Assistant CECAZ"}


@pytest.fixture(scope="module")
def microsoft() -> Iterator[MicrosoftStandIn]:
    standin = MicrosoftStandIn(tenant_id=TENANT_ID)
    standin.start()
    yield standin
    standin.stop()


@pytest.fixture(scope="module")
def teams_rasa(services: Services, microsoft: MicrosoftStandIn,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Un second serveur Rasa, canal Teams activé par l'environnement, avec le serveur d'actions commun."""
    rasa = Services(rasa_port=free_port(), action_port=services.action_port, model=MODEL,
                    action_secret=services.action_secret,  # the common action server's shared secret
                    var_dir=tmp_path_factory.mktemp("var-teams"), env_extra={
                        "CECAZ_NOW": FIXED_NOW,
                        "MICROSOFT_APP_ID": APP_ID,
                        "MICROSOFT_APP_PASSWORD": APP_PASSWORD,
                        "MICROSOFT_APP_TENANT_ID": TENANT_ID,
                        "BOTFRAMEWORK_OPENID_METADATA_URL": microsoft.openid_metadata_url,
                        "BOTFRAMEWORK_TOKEN_URL": microsoft.token_url,
                        "CECAZ_REST_TOKEN": REST_TOKEN,
                        "CECAZ_TEAMS_TEST_LOOPBACK": "1",  # Microsoft simulated over http on 127.0.0.1
                    })
    try:
        rasa.start_rasa()
        rasa.wait_rasa(240)
        yield rasa
    finally:
        rasa.stop()


def activity(microsoft: MicrosoftStandIn, conversation_id: str, **fields: Any) -> Dict[str, Any]:
    base = {
        "type": "message", "id": uuid.uuid4().hex, "channelId": "msteams", "serviceUrl": microsoft.service_url,
        "timestamp": "2026-11-30T09:00:00.000Z",
        "from": {"id": "29:utilisateur-" + conversation_id, "name": "Camille Martin",
                 "aadObjectId": str(uuid.uuid5(uuid.NAMESPACE_URL, conversation_id))},  # one user per conversation
        "recipient": BOT,
        "conversation": {"id": conversation_id, "conversationType": "personal", "tenantId": TENANT_ID},
        "channelData": {"tenant": {"id": TENANT_ID}},
    }
    base.update(fields)
    return base


def post(rasa: Services, body: Dict[str, Any], token: Optional[str]) -> int:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{rasa.rasa_url}/webhooks/teams/webhook", data=json.dumps(body).encode(),
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def processed(rasa: Services, activity_id: str) -> bool:
    """Vrai quand le serveur a fini de traiter l'activité (elle est acquittée avant, dès sa réception)."""
    return f"event=teams_activity_done id={activity_id}" in read_log(rasa, "rasa")


def post_and_wait(rasa: Services, body: Dict[str, Any], token: Optional[str]) -> int:
    """`post`, puis, si l'activité est acceptée, attend la fin de son traitement (toutes ses réponses envoyées)."""
    status = post(rasa, body, token)
    if status == 200:
        wait_until(lambda: processed(rasa, body["id"]), 60, f"activité {body['id']} traitée")
    return status


@pytest.fixture
def send(teams_rasa: Services, microsoft: MicrosoftStandIn) -> Callable[..., List[Capture]]:
    """Envoie une activité signée dans une conversation neuve et renvoie les réponses reçues au serviceUrl."""
    conversation_id = f"a:{uuid.uuid4().hex}"

    def say(text: Optional[str] = None, **fields: Any) -> List[Capture]:
        body = activity(microsoft, conversation_id, **({"text": text} if text is not None else {}), **fields)
        before = len(microsoft.replies_to(conversation_id))
        assert post_and_wait(teams_rasa, body, microsoft.token(APP_ID)) == 200
        replies = microsoft.replies_to(conversation_id)[before:]
        for reply in replies:
            assert reply.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
            assert reply.path.endswith(f"/activities/{body['id']}")
            assert reply.body["replyToId"] == body["id"]
            assert reply.body["from"] == BOT and reply.body["recipient"]["id"] == body["from"]["id"]
        return replies

    return say


def card_nodes(node: Any) -> List[Dict[str, Any]]:
    """Tous les objets d'une carte (éléments, actions), en profondeur."""
    if isinstance(node, dict):
        return [node, *(n for value in node.values() for n in card_nodes(value))]
    if isinstance(node, list):
        return [n for value in node for n in card_nodes(value)]
    return []


def said(reply: Capture) -> str:
    """Ce que montre une activité : son texte, et les textes de sa carte adaptative (issue 14 : une réponse
    est une carte), espaces insécables lues comme des espaces."""
    cards = [a["content"] for a in reply.body.get("attachments", []) if a["contentType"] == ADAPTIVE_CARD]
    texts = [reply.body.get("text") or "", *(n["text"] for n in card_nodes(cards) if n.get("type") == "TextBlock")]
    return plain_spaces("\n".join(t for t in texts if t))


def buttons(replies: List[Capture]) -> List[Dict[str, Any]]:
    """Les boutons `messageBack` des cartes (actions Action.Submit dont `data.msteams` est un messageBack)."""
    return [{"title": action["title"], **action["data"]["msteams"]} for reply in replies
            for attachment in reply.body.get("attachments", []) for action in attachment["content"].get("actions", [])
            if action["type"] == "Action.Submit"]


def test_question_answered_at_the_service_url(send: Callable[..., List[Capture]],
                                              microsoft: MicrosoftStandIn) -> None:
    replies = send("<at>Assistant CECAZ</at> numéro de l'assistance SP+")
    assert any("09 69 37 80 30" in said(reply) for reply in replies), [r.body for r in replies]
    token_request = microsoft.token_requests[-1]
    assert token_request.path == f"/{TENANT_ID}/oauth2/v2.0/token"  # point de terminaison mono-locataire
    assert token_request.body == {"grant_type": "client_credentials", "client_id": APP_ID,
                                  "client_secret": APP_PASSWORD, "scope": "https://api.botframework.com/.default"}


def test_buttons_are_clickable_message_back(send: Callable[..., List[Capture]]) -> None:
    greeting = send("bonjour")
    actions = buttons(greeting)
    assert actions, [reply.body for reply in greeting]
    for action in actions:
        assert action["type"] == "messageBack"
        assert action["title"] and action["displayText"] == action["title"]
        assert action["text"].startswith("/")
    clicked = send(actions[0]["text"], value=actions[0]["value"])  # ce que Teams envoie au clic
    assert clicked and all(said(reply) for reply in clicked)


def test_an_answer_card_has_thumbs_and_thumbs_down_offers_a_human(send: Callable[..., List[Capture]]) -> None:
    """Issue 17 : 👍 / 👎 sous une réponse factuelle (boutons messageBack) ; 👎 demande ce qui manquait et
    donne le bon interlocuteur."""
    answer = send("numéro de l'assistance SP+")
    thumbs = [node["data"]["msteams"] for reply in answer for node in card_nodes(reply.body.get("attachments"))
              if node.get("type") == "Action.Submit" and node["data"]["msteams"].get("text") in feedback.PAYLOADS]
    assert [t["displayText"] for t in thumbs] == ["👍 Réponse utile", "👎 Réponse pas utile"]
    down = send(thumbs[1]["text"], value=thumbs[1]["value"])  # ce que Teams envoie au clic
    assert any(plain_spaces(feedback.MISSING_QUESTION) in said(reply) for reply in down), [said(r) for r in down]


def test_welcome_when_installed_in_personal_scope(send: Callable[..., List[Capture]]) -> None:
    welcome = send(type="conversationUpdate", membersAdded=[BOT])
    assert any("Bonjour" in said(reply) for reply in welcome)
    assert buttons(welcome)


def test_no_welcome_outside_personal_scope(send: Callable[..., List[Capture]]) -> None:
    team = {"id": "19:equipe@thread.tacv2", "conversationType": "channel", "tenantId": TENANT_ID}
    assert send(type="conversationUpdate", membersAdded=[BOT], conversation=team) == []


REJECTED = {
    "sans jeton": lambda m: None,
    "expiré": lambda m: m.token(APP_ID, expires_in=-3600),
    "autre audience": lambda m: m.token(str(uuid.uuid4())),
    "autre émetteur": lambda m: m.token(APP_ID, issuer="https://sts.windows.net/intrus/"),
    "autre clé": lambda m: m.token(APP_ID, key=new_key()),
    "autre serviceUrl": lambda m: m.token(APP_ID, service_url="https://intrus.example/"),
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_bad_tokens_get_401_and_no_reply(case: str, teams_rasa: Services, microsoft: MicrosoftStandIn) -> None:
    conversation_id = f"a:{uuid.uuid4().hex}"
    rejected = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    assert post(teams_rasa, rejected, REJECTED[case](microsoft)) == 401
    # Then a signed message in the same conversation, processed after anything the rejected one could
    # have caused. Only the signed message gets replies.
    signed = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    assert post_and_wait(teams_rasa, signed, microsoft.token(APP_ID)) == 200
    replies = microsoft.replies_to(conversation_id)
    assert replies and {reply.body["replyToId"] for reply in replies} == {signed["id"]}


def test_a_resent_activity_is_answered_once(teams_rasa: Services, microsoft: MicrosoftStandIn) -> None:
    """Issue 13, point 5 : Teams renvoie une activité restée sans réponse ; avant, chaque envoi avait ses réponses."""
    conversation_id = f"a:{uuid.uuid4().hex}"
    body = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    assert post(teams_rasa, body, microsoft.token(APP_ID)) == 200
    assert post(teams_rasa, body, microsoft.token(APP_ID)) == 200  # the re-send: acknowledged, then dropped
    wait_until(lambda: processed(teams_rasa, body["id"]), 60, "première activité traitée")
    wait_until(lambda: f"event=teams_activity_duplicate id={body['id']}" in read_log(teams_rasa, "rasa"), 10,
               "renvoi écarté dans le journal")
    replies = microsoft.replies_to(conversation_id)
    assert [reply.body["replyToId"] for reply in replies] == [body["id"]], [r.body for r in replies]
    assert "09 69 37 80 30" in said(replies[0])
    assert read_log(teams_rasa, "rasa").count(f"event=teams_activity_done id={body['id']}") == 1


def test_an_activity_is_acknowledged_before_a_slow_reply(teams_rasa: Services, microsoft: MicrosoftStandIn) -> None:
    """Teams attend 15 s au plus : l'accusé de réception n'attend ni les actions ni l'envoi des réponses."""
    conversation_id = f"a:{uuid.uuid4().hex}"
    body = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    microsoft.reply_delay_s = 5.0  # Microsoft slow to take the reply
    try:
        started = time.monotonic()
        assert post(teams_rasa, body, microsoft.token(APP_ID)) == 200
        acknowledged_in = time.monotonic() - started
        assert acknowledged_in < 2.0, acknowledged_in
        assert microsoft.replies_to(conversation_id) == []  # the reply was not sent yet
        wait_until(lambda: processed(teams_rasa, body["id"]), 60, "activité traitée")
    finally:
        microsoft.reply_delay_s = 0.0
    assert ["09 69 37 80 30" in said(reply) for reply in microsoft.replies_to(conversation_id)] == [True]


def refused_then_answered(teams_rasa: Services, microsoft: MicrosoftStandIn,
                          change: Callable[[Dict[str, Any]], None]) -> int:
    """Poste une activité signée modifiée par `change`, puis une activité normale dans la même conversation ;
    renvoie le statut de la première et vérifie que seule la seconde a reçu des réponses."""
    conversation_id = f"a:{uuid.uuid4().hex}"
    odd = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    change(odd)
    status = post(teams_rasa, odd, microsoft.token(APP_ID))
    signed = activity(microsoft, conversation_id, text="numéro de l'assistance SP+")
    assert post_and_wait(teams_rasa, signed, microsoft.token(APP_ID)) == 200
    replies = microsoft.replies_to(conversation_id)
    assert replies and {reply.body["replyToId"] for reply in replies} == {signed["id"]}, [r.body for r in replies]
    return status


@pytest.mark.parametrize("channel", ["webchat", "directline", "emulator"])
def test_other_bot_framework_channels_get_403_and_no_reply(channel: str, teams_rasa: Services,
                                                            microsoft: MicrosoftStandIn) -> None:
    """Issue 19, point 1 : signée par une clé approuvée pour ce canal, une activité `webchat`, `directline`
    ou `emulator` était traitée comme une activité Teams."""
    assert refused_then_answered(teams_rasa, microsoft, lambda body: body.update(channelId=channel)) == 403
    assert "event=teams_activity_forbidden reason=channel" in read_log(teams_rasa, "rasa")


OTHER_TENANT = str(uuid.uuid4())


def _other_tenant(body: Dict[str, Any]) -> None:
    body["channelData"] = {"tenant": {"id": OTHER_TENANT}}
    body["conversation"]["tenantId"] = OTHER_TENANT


def _other_conversation_tenant(body: Dict[str, Any]) -> None:
    body["conversation"]["tenantId"] = OTHER_TENANT


def _no_tenant(body: Dict[str, Any]) -> None:
    body["channelData"] = {}
    del body["conversation"]["tenantId"]


@pytest.mark.parametrize("change", [_other_tenant, _other_conversation_tenant, _no_tenant],
                         ids=["autre locataire", "autre locataire de la conversation", "sans locataire"])
def test_other_tenants_get_403_and_no_reply(change: Callable[[Dict[str, Any]], None], teams_rasa: Services,
                                            microsoft: MicrosoftStandIn) -> None:
    """Issue 19, point 1 : le bot mono-locataire répondait à une activité signée d'une autre organisation."""
    assert refused_then_answered(teams_rasa, microsoft, change) == 403
    assert "event=teams_activity_forbidden reason=tenant" in read_log(teams_rasa, "rasa")


def test_a_rest_caller_cannot_enter_a_teams_conversation(teams_rasa: Services, microsoft: MicrosoftStandIn) -> None:
    """Issue 19, point 2 : un appel REST dont le `sender` était l'identifiant Teams d'un utilisateur (« 29:… »)
    entrait dans sa conversation ; chaque canal a maintenant son espace (`teams:<locataire>:<utilisateur>`)."""
    question = "numéro de l'assistance SP+"
    body = activity(microsoft, f"a:{uuid.uuid4().hex}", text=question)
    assert post_and_wait(teams_rasa, body, microsoft.token(APP_ID)) == 200
    teams_key = f"teams:{TENANT_ID}:{body['from']['aadObjectId']}"
    for sender in (body["from"]["id"], body["from"]["aadObjectId"], teams_key):
        intrusion = f"et leur e-mail ? {uuid.uuid4().hex[:6]}"
        assert ask(teams_rasa.rasa_url, intrusion, sender=sender, token=REST_TOKEN)
        # The REST message is alone in a conversation of its own, where nothing of the Teams user is.
        assert list(conversations_holding(teams_rasa, intrusion).values()) == [[intrusion]], sender
    assert user_texts_by_conversation(teams_rasa)[teams_key] == [question]


def rest_status(rasa: Services, headers: Dict[str, str]) -> int:
    body = json.dumps({"sender": f"jeton-{uuid.uuid4().hex[:6]}", "message": "tel payplug"}).encode()
    request = urllib.request.Request(f"{rasa.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_rest_channel_requires_its_token_when_one_is_set(teams_rasa: Services) -> None:
    """Issue 19, point 2 : avec `CECAZ_REST_TOKEN`, le canal REST n'est ouvert qu'aux appelants qui le portent."""
    assert rest_status(teams_rasa, {}) == 401
    assert rest_status(teams_rasa, {"Authorization": "Bearer " + REST_TOKEN[:-1]}) == 401
    assert rest_status(teams_rasa, {"Authorization": REST_TOKEN}) == 401
    assert rest_status(teams_rasa, {"Authorization": "Bearer " + REST_TOKEN}) == 200


@pytest.mark.parametrize("service_url", ["https://intrus.example/teams/", "http://smba.trafficmanager.net/teams/",
                                         "https://smba.trafficmanager.net.intrus.example/teams/",
                                         "https://smba.trafficmanager.net:8443/teams/"])
def test_a_service_url_that_is_not_teams_gets_403_and_nothing_is_sent(service_url: str, teams_rasa: Services,
                                                                      microsoft: MicrosoftStandIn) -> None:
    """Issue 19, point 3 : un jeton valable dont le `serviceUrl` désignait un autre hôte (ou http) faisait partir
    la réponse, et le jeton d'accès du bot, vers cet hôte."""
    body = activity(microsoft, f"a:{uuid.uuid4().hex}", text="numéro de l'assistance SP+", serviceUrl=service_url)
    assert post(teams_rasa, body, microsoft.token(APP_ID, service_url=service_url)) == 403
    log = read_log(teams_rasa, "rasa")
    assert f"event=teams_activity_forbidden reason=service_url channel='msteams' id={body['id']!r}" in log
    assert "Réponse Teams non remise" not in log


def test_an_oversized_activity_is_refused_before_authentication(teams_rasa: Services,
                                                                microsoft: MicrosoftStandIn) -> None:
    """Issue 19, point 5 : le corps d'une requête Teams (jusqu'à 100 Mo) était lu avant l'authentification."""
    body = activity(microsoft, f"a:{uuid.uuid4().hex}", text="a" * 100_000)
    assert post(teams_rasa, body, None) == 413
    assert "event=request_too_large path=/webhooks/teams/webhook" in read_log(teams_rasa, "rasa")


def the_card(reply: Capture) -> Dict[str, Any]:
    [attachment] = reply.body["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    assert attachment["content"]["version"] == "1.4"  # the highest version Teams renders everywhere
    assert adaptive_cards.problems(attachment["content"]) == []  # official schema 1.4 and Teams' rules
    return attachment["content"]


def test_a_factual_answer_is_one_activity_one_valid_card(send: Callable[..., List[Capture]]) -> None:
    """Issue 14 : une réponse (texte, listes, source) arrive en une activité, une carte adaptative 1.4."""
    [reply] = send("tous les numéros pour SP+")
    texts = said(reply)
    the_card(reply)
    assert "Téléphone pour SP+" in texts and "09 69 37 80 30" in texts and "08 10 00 47 24" in texts
    assert "Source : « Ressources collaborateurs – Comment assister mon client ? »" in texts and reply.body["summary"]
    [internal] = send("numéro assistance monétique pro")
    card = the_card(internal)
    assert "⚠ Interne CECAZ — ne pas transmettre" in said(internal)  # the internal line is marked in the card
    assert any(n.get("style") == "attention" for n in card_nodes(card))


def test_the_end_of_a_diagnostic_is_one_activity_with_folded_details_and_a_recap_to_copy(
        send: Callable[..., List[Capture]]) -> None:
    send("aide-moi à choisir une solution pour mon client")
    send("il a un site mais Payplug ne lui convient pas")
    [reply] = send("non, pas d'autres moyens de paiement")
    card = the_card(reply)
    assert said(reply).startswith("Recommandation : SP+")
    details = next(n for n in card_nodes(card) if n.get("id") == "details")
    assert details["isVisible"] is False and "Contractualisation et contrats" in json.dumps(details, ensure_ascii=False)
    [again] = buttons([reply])
    assert again["text"] == "/start_diagnostic" and again["type"] == "messageBack"
    copy = next(n for n in card_nodes(card) if n.get("title") == "Copier le récapitulatif")
    msteams = copy["data"]["msteams"]
    # What Teams sends when the button is clicked: the bot answers with the recap alone, in a code block.
    [recap] = send(msteams["text"], value=msteams["value"])
    text = recap.body["text"]
    assert text.startswith("```\nDiagnostic encaissement à distance (assistant CECAZ)") and text.endswith("\n```")
    assert "Offre recommandée" in text and "usage interne" not in text
