"""Ce que les actions lisent du dernier message : le texte tapé, pas la forme sans accents que lit la NLU."""

from __future__ import annotations

from actions.clarify import ActionClarify
from actions.tracker_reading import last_bot_messages, message_text
from cecaz.segments import PART_METADATA, blank_leading_courtesy
from cecaz.textnorm import normalize_same_length
from tests.unit.conftest import build_tracker, run_action


def as_read_by_the_nlu(typed: str) -> str:
    """Le texte que `addons.normalizer.TextNormalizer` laisse dans `latest_message`."""
    return blank_leading_courtesy(normalize_same_length(typed))


def test_the_text_typed_keeps_its_accents():
    typed = "bonjour, c’était où déjà pour la simulation ?"
    tracker = build_tracker(as_read_by_the_nlu(typed), "nlu_fallback",
                            events=[{"event": "user", "text": "avant"}, {"event": "user", "text": typed}])
    assert message_text(tracker) == " " * len("bonjour, ") + "c’était où déjà pour la simulation ?"


def test_an_event_that_is_not_the_message_read_is_not_taken_for_it():
    tracker = build_tracker("et pour payplug ?", "inform_subject", events=[{"event": "user", "text": "où ça ?"}])
    assert message_text(tracker) == "et pour payplug ?"
    assert message_text(build_tracker("et pour payplug ?", "inform_subject")) == "et pour payplug ?"


def test_where_said_with_its_accent_mid_sentence_is_read_as_where_in_a_live_tracker():
    # Live, `latest_message` holds « c'etait ou deja… » : only the typed « où » says where.
    typed = "c’était où déjà pour la simu ?"
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_simulation_filing", "confidence": 0.43},
               {"name": "ask_simulator", "confidence": 0.31}]
    focus = {"intent": "ask_delegation", "outils": ["schema_delegataire"], "regles": ["schema_delegataire"]}
    tracker = build_tracker(as_read_by_the_nlu(typed), "nlu_fallback", confidence=0.45, ranking=ranking,
                            slots={"focus": focus}, events=[{"event": "user", "text": typed}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "MyGed" in messages[0]["text"], messages[0]["text"]


def test_a_leading_ok_is_courtesy_for_the_actions_as_for_the_nlu():
    typed = "ok et c’est qui qui va lui vendre tout ça ?"
    tracker = build_tracker(as_read_by_the_nlu(typed), "ask_role", events=[{"event": "user", "text": typed}])
    assert message_text(tracker).split()[:2] == ["et", "c’est"]


SECOND_ROLE = "et le second, il signe le contrat ?"


def _after(previous: str) -> list:
    return [{"event": "user", "text": previous}, {"event": "user", "text": SECOND_ROLE}]


def test_a_reading_kept_for_one_message_is_not_served_for_another_thread_with_the_same_message():
    # the same message and focus, two threads that named the roles in another order: each reads its own rank
    focus = {"focus": {"intent": "role_info", "roles": ["cif", "atc"]}}
    first = build_tracker(SECOND_ROLE, "ask_role", slots=focus, events=_after("le CIF et l'ATC, ils font quoi ?"))
    other = build_tracker(SECOND_ROLE, "ask_role", slots=focus, events=_after("l'ATC et le CIF, ils font quoi ?"))
    assert "ATC" in message_text(first) and "CIF" not in message_text(first)
    assert "CIF" in message_text(other) and "ATC" not in message_text(other)
    assert "ATC" in message_text(first)


def test_a_reading_is_computed_again_when_the_tracker_gets_a_new_message():
    tracker = build_tracker(SECOND_ROLE, "ask_role", slots={"focus": {"intent": "role_info", "roles": ["cif", "atc"]}},
                            events=_after("le CIF et l'ATC, ils font quoi ?"))
    assert "ATC" in message_text(tracker)
    tracker.events.append({"event": "user", "text": "et le premier ?"})
    tracker.latest_message = {"text": "et le premier ?", "intent": {"name": "inform_subject"}, "entities": []}
    assert message_text(tracker).startswith("et le CIF")


def test_the_answers_to_every_part_of_a_message_are_the_last_ones():
    # « le mail du support payplug et leur tel » was cut in two parts, each answered: « tu peux répéter ? » gets both
    def user(text: str, part: int = 0) -> dict:
        return {"event": "user", "text": text, "metadata": {PART_METADATA: part} if part else {}}

    def bot(text: str) -> dict:
        return {"event": "bot", "text": text, "data": {}}

    events = [user("bonjour"), bot("Bonjour !"), user("le mail du support payplug"), bot("support@payplug.com"),
              user("leur tel", part=1), bot("+33 1 76 34 01 55"), user("tu peux répéter ?")]
    assert [m["text"] for m in last_bot_messages(events)] == ["support@payplug.com", "+33 1 76 34 01 55"]
    # a message sent on its own is answered on its own
    events[4] = user("leur tel")
    assert [m["text"] for m in last_bot_messages(events)] == ["+33 1 76 34 01 55"]
