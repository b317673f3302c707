"""Activités Teams : texte reçu nettoyé, boutons `messageBack` cliquables, accueil en conversation personnelle."""

from __future__ import annotations

from addons.channels import teams_activities

BOT = {"id": "28:bot", "name": "Assistant CECAZ"}


def test_mentions_and_non_breaking_spaces_are_removed() -> None:
    activity = {"text": "<at>Assistant CECAZ</at>&nbsp;numéro  de l'assistance SP+ \n"}
    assert teams_activities.incoming_text(activity) == "numéro de l'assistance SP+"
    assert teams_activities.incoming_text({"text": '<at id="0">Bot</at>'}) == ""
    assert teams_activities.incoming_text({}) == ""


def test_buttons_become_message_back_actions_of_a_hero_card() -> None:
    activity = teams_activities.message("Pour quelle offre ?", [
        {"title": "Payplug", "payload": '/ask_contact{"offer":"payplug"}'},
        {"title": "SP+", "payload": '/ask_contact{"offer":"sp_plus"}'},
    ])
    assert activity["text"] == "Pour quelle offre ?"
    [card] = activity["attachments"]
    assert card["contentType"] == "application/vnd.microsoft.card.hero"
    assert card["content"]["buttons"][0] == {
        "type": "messageBack", "title": "Payplug", "displayText": "Payplug",
        "text": '/ask_contact{"offer":"payplug"}', "value": {"payload": '/ask_contact{"offer":"payplug"}'}}


def test_text_without_buttons_has_no_card_and_keeps_its_line_breaks() -> None:
    activity = teams_activities.message("Téléphone :\n• Payplug\n• SP+\n\nSource : document")
    assert "attachments" not in activity
    assert activity["text"] == "Téléphone :\n\n• Payplug\n\n• SP+\n\nSource : document"
    assert activity["textFormat"] == "markdown"


def test_welcome_only_when_the_bot_joins_a_personal_conversation() -> None:
    install = {"type": "conversationUpdate", "recipient": BOT, "membersAdded": [BOT],
               "conversation": {"id": "a:1", "conversationType": "personal"}}
    assert teams_activities.welcomes_user(install)
    assert not teams_activities.welcomes_user({**install, "conversation": {"conversationType": "channel"}})
    assert not teams_activities.welcomes_user({**install, "membersAdded": [{"id": "29:user"}]})


def test_reply_goes_back_from_the_bot_to_the_user_in_the_same_conversation() -> None:
    incoming = {"id": "act-1", "from": {"id": "29:user"}, "recipient": BOT, "conversation": {"id": "a:1"}}
    assert teams_activities.reply_envelope(incoming) == {
        "from": BOT, "recipient": {"id": "29:user"}, "conversation": {"id": "a:1"}, "replyToId": "act-1"}


class Clock:
    """Une horloge monotone que le test avance à la main."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_activity_id_is_processed_once() -> None:
    seen = teams_activities.SeenActivities(clock=Clock())
    assert seen.first_time("a1") and not seen.first_time("a1") and not seen.first_time("a1")
    assert seen.first_time("a2")


def test_ids_are_forgotten_after_their_time_to_live() -> None:
    clock = Clock()
    seen = teams_activities.SeenActivities(ttl_s=60, clock=clock)
    assert seen.first_time("a1")
    clock.now += 59
    assert not seen.first_time("a1")
    clock.now += 2  # 61 s after its first reception
    assert seen.first_time("a1")


def test_memory_is_bounded_oldest_first() -> None:
    seen = teams_activities.SeenActivities(max_ids=3, clock=Clock())
    for activity_id in ("a1", "a2", "a3", "a4"):
        assert seen.first_time(activity_id)
    assert len(seen) == 3
    assert not seen.first_time("a4") and not seen.first_time("a3")
    assert seen.first_time("a1")  # the oldest was let go to stay within the bound


TENANT = "6f1e0a57-2c3b-4d8e-9f10-a1b2c3d4e5f6"


def signed_activity(**fields: object) -> dict:
    activity = {"type": "message", "channelId": "msteams", "channelData": {"tenant": {"id": TENANT}},
                "conversation": {"id": "a:1", "tenantId": TENANT}, "from": {"id": "29:u", "aadObjectId": "oid"}}
    activity.update(fields)
    return activity


def test_only_the_msteams_channel_is_admitted() -> None:
    """Issue 19, point 1 : une activité signée d'un autre canal du Bot Framework était traitée."""
    assert teams_activities.refusal(signed_activity(), TENANT) is None
    for channel in ("webchat", "directline", "emulator", "skype", "", None):
        assert teams_activities.refusal(signed_activity(channelId=channel), TENANT) == "channel"
        assert teams_activities.refusal(signed_activity(channelId=channel), None) == "channel"


def test_a_single_tenant_bot_admits_its_tenant_only() -> None:
    """Issue 19, point 1 : une activité signée d'un autre locataire était traitée."""
    other = "00000000-0000-0000-0000-000000000001"
    assert teams_activities.refusal(signed_activity(), TENANT.upper()) is None  # casse indifférente
    assert teams_activities.refusal(signed_activity(channelData={}), TENANT) is None  # un seul des deux suffit
    refused = [
        signed_activity(channelData={"tenant": {"id": other}}, conversation={"id": "a:1", "tenantId": other}),
        signed_activity(channelData={"tenant": {"id": other}}),  # deux locataires différents déclarés
        signed_activity(conversation={"id": "a:1", "tenantId": other}),
        signed_activity(channelData={}, conversation={"id": "a:1"}),  # aucun locataire déclaré
        signed_activity(channelData="texte", conversation=None),
    ]
    assert [teams_activities.refusal(activity, TENANT) for activity in refused] == ["tenant"] * len(refused)
    # Bot multi-locataire (aucun locataire configuré) : le locataire n'est pas vérifié.
    assert teams_activities.refusal(refused[0], None) is None
