"""Les longs fils où le sujet change et revient (vague r46, issue 11) : une coordonnée partagée par une ligne interne et
une ligne pour les clients, « le premier numéro » d'un fil, « il … seul ? » sur la tarification, un outil dit comme un
lieu, « ils ont aussi un mail ? ». Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.answer import ActionAnswer
from actions.tracker_reading import lines_given
from addons.conversation_moves import ConversationMoves
from cecaz.audience import asks_if_for_clients
from cecaz.focus import Focus, after
from cecaz.phrasing import Answer, Question
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


@pytest.mark.parametrize(("text", "intent", "opening"), [
    ("et moi, conseillère en agence, je peux le vendre à mon client ?", "nlu_fallback", "Non."),
    ("je peux le vendre moi-même, en tant que CIF ?", "nlu_fallback", "Oui."),
])
def test_whether_the_speaker_may_sell_the_offer_in_focus_is_answered_by_the_role_that_sells(
        text: str, intent: str, opening: str) -> None:
    # the CIF sells the e-commerce solutions (section « Comment ouvrir les services ? »); who speaks is no subject
    reply, focus = reply_to(text, intent, {"intent": "ask_offer_definition", "offres": ["sp_plus"]})
    assert reply.startswith(opening) and "CIF" in reply, reply
    assert focus.get("roles") == ["cif"], focus


@pytest.mark.parametrize("text", ["ça concerne quelles offres", "et c'est valable pour quelle offre ?"])
def test_which_offers_a_previous_answer_is_about_starts_no_diagnostic(text: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "start_diagnostic", "confidence": 0.6}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "inform_subject"


@pytest.mark.parametrize(("text", "service", "opening", "line"), [
    ("l'équipe partenariat s'occupe aussi de la distribution du produit ?", "partenariat", "Oui.", "07 57 95 38 07"),
    ("et le support payplug, il prend les leads lui aussi ?", "support", "Non.", "07 57 95 38 07"),
])
def test_whether_a_named_line_handles_a_request_is_checked_against_its_object(text: str, service: str,
                                                                             opening: str, line: str) -> None:
    # the partnership team's object: « produit, distribution, traitement des leads » (section « Comment assister… »)
    reply, _ = reply_to(text, "ask_support", {"intent": "ask_phone", "offres": ["payplug"],
                                              "contacts": ["payplug_support"]}, services=[service])
    assert reply.startswith(opening) and line in reply, reply


def test_what_is_set_up_in_a_tool_is_for_the_offer_in_focus() -> None:
    reply, _ = reply_to("et du coup on règle quoi dans OSC ?", "ask_open_services",
                        {"intent": "ask_role", "offres": ["jpel"], "roles": ["cif"]}, outils=["osc"])
    assert reply.startswith("JePaieEnLigne") and "acquisition" in reply, reply


def test_a_line_to_hand_over_after_a_recommendation_with_amex_is_no_affiliation() -> None:
    focus = {"intent": "recommendation", "offres": ["sp_plus"],
             "recommendation": {"facts": {"site": "oui", "payplug": "non", "moyens": ["amex"]},
                                "conclusion": "sp_plus"}}
    reply, _ = reply_to("s'il a un problème, quel numéro je lui donne ?", "ask_phone", focus)
    assert "09 69 37 80 30" in reply and "affiliation" not in reply, reply


def test_a_generic_service_after_a_tool_answer_is_the_offer_talked_about_before() -> None:
    focus = {"intent": "ask_simulation_filing", "regles": ["myged"],
             "avant": {"intent": "ask_pricing", "offres": ["jpel"], "acteurs": ["cif", "reseau"]}}
    reply, _ = reply_to("et l'assistance pour le commerçant ?", "inform_subject", focus, services=["assistance"])
    assert "09 69 37 80 30" in reply and "Pour quelle offre" not in reply, reply


def test_what_he_does_is_the_person_the_closed_question_named() -> None:
    focus = {"intent": "ask_contracts", "offres": ["payplug"], "acteurs": ["cif"]}
    reply, focus_after = reply_to("ok et lui il fait quoi concrètement ?", "ask_offer_definition", focus)
    assert "diagnostic des besoins" in reply and focus_after.get("roles") == ["cif"], reply


def test_a_request_said_alone_after_a_lines_hours_gives_the_line_for_it() -> None:
    focus = {"intent": "ask_is_open", "services": ["support"], "contacts": ["payplug_support"]}
    reply, _ = reply_to("et pour des leads, c'est laquelle du coup", "inform_subject", focus)
    assert "07 57 95 38 07" in reply and "+33 1 76 34 01 55" not in reply, reply


def test_an_internal_line_for_the_client_of_the_offer_just_presented_gives_that_offers_support() -> None:
    reply, _ = reply_to("je peux lui passer le numéro de la monétique pro ?", "ask_phone",
                        {"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]},
                        services=["assistance_monetique"])
    assert reply.startswith("Non") and "IZ eCommerce qui assure le support" in reply, reply
    assert "09 69 37 80 30" not in reply and "08 10 00 47 24" not in reply, reply


def test_whether_another_role_does_it_too_is_a_question_on_the_role_not_a_fact_of_the_client() -> None:
    message = Message(data={"text": "et le réseau il peut le faire aussi", "entities": [
        {"entity": "role", "value": "reseau"}], "intent": {"name": "inform_payment_methods", "confidence": 0.7}})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "ask_role"
    reply, _ = reply_to("et le réseau il peut le faire aussi", "ask_role", {"intent": "ask_role", "roles": ["cif"]},
                        roles=["reseau"])
    assert reply.startswith("Non.") and "CIF" in reply, reply


@pytest.mark.parametrize(("text", "contacts", "opening"), [
    ("c'est bien là qu'on traite les leads ?", ["payplug_partenariat"], "Oui."),
    ("ils s'occupent aussi de la distribution du produit", ["payplug_support"], "Non."),
])
def test_whether_the_line_in_focus_handles_a_request_is_checked_against_its_object(text: str, contacts: list,
                                                                                  opening: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", {"intent": "ask_hours", "contacts": contacts})
    assert reply.startswith(opening) and "07 57 95 38 07" in reply, reply


def test_what_a_cards_organisation_hands_the_client_is_his_affiliation_number_not_a_line() -> None:
    reply, _ = reply_to("l'organisme lui fournit un numéro, c'est bien ça ?", "ask_phone",
                        {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith("Oui") and "numéro d’affilié" in reply, reply


def test_an_obligation_asked_after_who_enters_a_tool_is_the_tools_rule() -> None:
    focus = {"intent": "ask_open_services", "outils": ["monexpert"], "acteurs": ["cif", "atc"],
             "objets": ["monexpert"]}
    reply, _ = reply_to("il est forcé de le faire à chaque fois ?", "ask_why", focus)
    assert reply.startswith("Non") and "réseau" in reply, reply


def test_a_client_line_asked_again_after_an_internal_one_is_the_one_given_before() -> None:
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["assistance_monetique_pro"],
             "avant": {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"],
                       "audience": "client"}}
    reply, _ = reply_to("redis-moi celui pour le commerçant stp", "ask_phone", focus)
    assert "08 10 00 47 24" in reply and "09 69 36 06 26" not in reply and "09 69 37 80 30" not in reply, reply


def test_an_obligation_after_a_simulators_answer_stays_the_rule_of_its_answer() -> None:
    # not the simulator's own use: the answer said the pricing must respect the delegation scheme, then MyGed
    focus = {"intent": "ask_simulator", "outils": ["simuleasy"], "acteurs": ["cif", "reseau"],
             "regles": ["schema_delegataire"], "objets": ["simuleasy"]}
    reply, _ = reply_to("et c'est imposé ?", "ask_why", focus)
    assert "MyGed" in reply and "réserve SimulEasy" not in reply, reply


def test_an_answer_on_tools_only_stays_the_answer_before_the_next_subject() -> None:
    listed = Focus("ask_simulator", objets=("simuleasy",))
    narrowed = after(listed, Question("ask_tool", outils=("simulupi",)), Answer("SimulUPI : …"))
    assert narrowed.avant is not None and narrowed.avant.objets == ("simuleasy",), narrowed


@pytest.mark.parametrize(("text", "named", "expected"), [
    ("bon et le second, c'est pour quels contrats ?", {}, "Union Pay International"),
    ("et le second, il vaut aussi pour les cartes chinoises ?", {"cartes": ["upi"]}, "Oui."),
])
def test_a_place_in_the_list_two_answers_back_is_read_on_that_list(text: str, named: dict, expected: str) -> None:
    # the two simulators were listed, then one was asked about; the place is in the list (section « Quelle
    # tarification ? »)
    focus = {"intent": "ask_tool", "outils": ["simuleasy"], "objets": ["simuleasy"],
             "avant": {"intent": "ask_simulator", "acteurs": ["cif", "reseau"], "objets": ["simuleasy"]}}
    if named:
        focus = {"intent": "ask_pricing", "offres": ["payplug"], "objets": ["simuleasy", "simulupi"],
                 "avant": {"intent": "ask_tool", "outils": ["simuleasy", "simulupi"], "objets": ["simuleasy"]}}
    reply, _ = reply_to(text, "inform_subject", focus, **named)
    assert reply.startswith(expected) or expected in reply.split("\n")[0], reply


def test_a_place_checked_after_the_steps_of_a_process_is_read_in_those_steps() -> None:
    focus = {"intent": "ask_next_step", "outils": ["simuleasy"], "regles": ["schema_delegataire"],
             "demarche": "tarif_acquisition"}
    reply, _ = reply_to("on ne la dépose pas sur OSC ?", "correct_subject", focus, outils=["osc"])
    assert reply.startswith("Non.") and "MyGed" in reply and "De quelle démarche" not in reply, reply
