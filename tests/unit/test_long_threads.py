"""Les longs fils où le sujet change et revient (vague r46, issue 11) : une coordonnée partagée par une ligne interne et
une ligne pour les clients, « le premier numéro » d'un fil, « il … seul ? » sur la tarification, un outil dit comme un
lieu, « ils ont aussi un mail ? ». Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from actions.tracker_reading import lines_given
from cecaz.audience import asks_if_for_clients
from tests.unit.conftest import build_tracker, reply_to, run_action

pytestmark = pytest.mark.usefixtures("fixed_clock")

_INTERNAL_SPPLUS_EMAIL = {"intent": "ask_email", "offres": ["sp_plus"], "services": ["assistance"],
                          "contacts": ["assistance_spplus_interne"], "audience": "staff"}


@pytest.mark.parametrize(("text", "intent"), [
    ("ce mail, un commerçant peut lui écrire lui aussi ?", "ask_email"),
    ("et mon client, il peut écrire à cette adresse ?", "ask_email"),
    ("je peux transmettre cette adresse à mon client ?", "ask_audience"),
])
def test_an_address_an_internal_line_shares_with_a_client_line_may_be_handed_over(text: str, intent: str) -> None:
    reply, focus = reply_to(text, intent, _INTERNAL_SPPLUS_EMAIL)
    assert reply.startswith("Oui") and "Service Clients E-Commerce SP PLUS" in reply, reply
    assert "réservé aux collaborateurs" not in reply, reply
    assert focus["contacts"][0] == "service_clients_spplus", focus


def _given(*lines: str) -> list:
    """The focus events of earlier answers, each giving `lines` (one contact key, or several joined by « + »)."""
    return [{"event": "slot", "name": "focus", "value": {"intent": "ask_phone", "contacts": line.split("+")}}
            for line in lines]


@pytest.mark.parametrize(("text", "intent", "given", "focus", "expected"), [
    ("et la première ligne, elle est à communiquer au commerçant ?", "ask_phone",
     ("assistance_spplus_jpel", "assistance_monetique_pro"),
     {"intent": "ask_is_open", "offres": ["jpel"], "contacts": ["assistance_monetique_pro"]},
     ["Oui", "09 69 37 80 30"]),
    ("le 1er numéro, lui, il est interne ?", "ask_audience", ("payplug_partenariat", "payplug_support"),
     {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support"]},
     ["Oui", "Équipe partenariat BPCE de Payplug"]),
    ("et le premier numéro c'est bien pour les clients", "ask_phone", ("payplug_partenariat", "payplug_support"),
     {"intent": "ask_open_services", "offres": ["payplug"], "services": ["support"]},
     ["Non", "réservé aux collaborateurs"]),
])
def test_the_first_number_is_the_line_the_conversation_gave_first(text: str, intent: str, given: tuple, focus: dict,
                                                                   expected: list) -> None:
    events = [*_given(*given), {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}]
    messages, _ = run_action(ActionAnswer(), build_tracker(text, intent, slots={"focus": focus}, events=events))
    reply = "\n".join(m.get("text") or "" for m in messages)
    assert reply.startswith(expected[0]) and all(fact in reply for fact in expected[1:]), reply


def test_the_lines_given_are_counted_from_the_start_of_the_session() -> None:
    events = [*_given("payplug_partenariat"), {"event": "session_started"},
              *_given("assistance_spplus_jpel+service_clients_spplus", "payplug_support", "assistance_spplus_jpel")]
    assert lines_given(build_tracker(events=events)) == ["assistance_spplus_jpel", "service_clients_spplus",
                                                         "payplug_support"]


@pytest.mark.parametrize(("text", "closed"), [
    ("et le premier numéro, c'est pour le client ?", True),
    ("elle est à donner au commerçant celle-là ?", True),
    ("c'est bien pour les clients ce mail", True),
    ("c'est pour le client ou pour nous ?", False),
    ("quel numéro pour le client ?", False),
])
def test_whether_a_line_is_for_the_client_is_a_closed_question(text: str, closed: bool) -> None:
    assert asks_if_for_clients(text) is closed


@pytest.mark.parametrize(("text", "intent", "focus"), [
    ("et il la valide seul ?", "nlu_fallback", {"intent": "ask_simulator", "cartes": ["upi"], "acteurs": ["cif"]}),
    ("il établit le prix tout seul ?", "ask_pricing",
     {"intent": "ask_simulation_filing", "regles": ["myged", "schema_delegataire"]}),
])
def test_pricing_done_alone_is_no_wherever_the_answer_says_with_whom(text: str, intent: str, focus: dict) -> None:
    # « en accord avec le réseau » (section « Quelle tarification ? »), in the answer's body, not only its opening
    reply, _ = reply_to(text, intent, focus)
    assert reply.startswith("Non.") and "réseau" in reply, reply


_PAYPLUG_SUPPORT = {"intent": "ask_email", "offres": ["payplug"], "services": ["support"],
                    "contacts": ["payplug_support"]}


@pytest.mark.parametrize(("text", "intent", "named", "opening"), [
    ("qui décide du tarif pour la création d'un site ?", "ask_pricing", {}, "Tarification IZ eCommerce"),
    ("pour la création des sites internet, c'est bien IZ qui négocie les prix ?", "ask_pricing",
     {"offres": ["iz_ecommerce"]}, "Oui."),
])
def test_an_offer_said_by_its_notion_is_the_subject_even_when_named_as_the_doer(text: str, intent: str, named: dict,
                                                                                opening: str) -> None:
    # « création de sites » : IZ eCommerce's notion (catalogue), its articles and number free
    reply, focus = reply_to(text, intent, _PAYPLUG_SUPPORT, **named)
    assert reply.startswith(opening) and "conditions tarifaires de création du site" in reply, reply
    assert "+33 1 76 34 01 55" not in reply and focus["offres"] == ["iz_ecommerce"], (reply, focus)


@pytest.mark.parametrize(("text", "opening"), [
    ("on ne la dépose pas sur OSC plutôt ?", "Non."),
    ("je ne la mets pas dans MyGed ?", "Oui."),
])
def test_a_place_checked_in_the_negative_is_answered_from_the_answer_in_focus(text: str, opening: str) -> None:
    named = {"outils": ["osc" if "OSC" in text else "myged"]}
    reply, _ = reply_to(text, "ask_simulation_filing",
                        {"intent": "ask_simulation_filing", "regles": ["myged", "schema_delegataire"]}, **named)
    assert reply.startswith(opening) and "MyGed" in reply, reply
