"""Le fil d'une conversation sur la tarification, les outils et les organismes (vague r44, issue 11) : « ce n'est pas
X qui la fait ? » et « c'est pas le CIF ? » vérifiés contre qui fait l'action de la réponse ou de la question d'avant,
« il la décide seul ? » qui garde la personne en focus, « c'est pas dans OSC qu'on la met ? » (un outil dit comme un
lieu), les coordonnées d'un organisme AMEX ou ANCV que le document ne donne pas, « pk faut le suivre ? » après une
règle, « pourquoi faut-il… ? » impersonnel. Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

from typing import Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from addons.conversation_moves import ConversationMoves
from cecaz.audience import CLIENT, audience_of
from cecaz.verdicts import is_closed
from tests.unit.conftest import reply_to
from tests.unit.test_focus import CAT

pytestmark = pytest.mark.usefixtures("fixed_clock")

_JPEL_PRICING = {"intent": "ask_pricing", "offres": ["jpel"], "acteurs": ["cif", "reseau"],
                 "regles": ["schema_delegataire"]}


@pytest.mark.parametrize("text", ["ce n'est pas l'agence qui la fait ?", "c'est pas plutôt le réseau qui la fait"])
def test_a_role_said_with_no_action_of_its_own_is_checked_against_the_answers_action(text: str) -> None:
    reply, focus = reply_to(text, "nlu_fallback", _JPEL_PRICING, roles=["reseau"])
    assert reply.startswith("Non.") and "Le CIF établit la tarification" in reply, reply
    assert focus.get("intent") == "ask_pricing"


def test_a_bare_doer_check_takes_the_action_of_the_question_before() -> None:
    reply, _ = reply_to("ce n'est pas le CIF ?", "correct_subject", {"intent": "ask_pricing", "offres": ["payplug"]},
                        before="et les tarifs de Payplug, qui les négocie ?", roles=["cif"])
    assert reply.startswith("Non.") and "Payplug négocie" in reply, reply


def test_a_bare_doer_check_that_holds_is_yes() -> None:
    reply, _ = reply_to("c'est bien le CIF ?", "correct_subject", _JPEL_PRICING,
                        before="pour JPEL, qui établit la tarification ?", roles=["cif"])
    assert reply.startswith("Oui."), reply


def test_done_alone_keeps_the_person_in_focus() -> None:
    reply, focus = reply_to("et il en décide tout seul ?", "nlu_fallback", {"intent": "ask_role", "roles": ["cif"],
                                                                "acteurs": ["cif", "reseau"]})
    assert reply.startswith("Non.") and "en accord avec le réseau" in reply, reply
    assert focus.get("roles") == ["cif"]


_FILING = {"intent": "ask_simulation_filing", "regles": ["myged", "schema_delegataire"]}


@pytest.mark.parametrize(("text", "tool", "verdict"), [
    ("on la range pas plutôt dans OSC ?", "osc", "Non."),
    ("c'est sur SimulUPI qu'on la met ?", "simulupi", "Non."),
    ("c'est bien dans MyGed qu'on la classe ?", "myged", "Oui."),
])
def test_a_tool_said_as_the_place_of_the_thing_in_focus_is_checked(text: str, tool: str, verdict: str) -> None:
    reply, focus = reply_to(text, "nlu_fallback", _FILING, outils=[tool])
    assert reply.startswith(verdict) and "déposée dans MyGed" in reply, reply
    assert focus.get("intent") == "ask_simulation_filing"


def test_a_tool_the_answer_uses_but_not_as_a_place_is_not_judged_a_place() -> None:
    reply, _ = reply_to("on la fait sur SimulEasy ?", "nlu_fallback", _JPEL_PRICING, outils=["simuleasy"])
    assert reply.startswith("Oui."), reply


@pytest.mark.parametrize(("text", "intent", "named"), [
    ("ils ont une adresse mail ?", "ask_email", {}),
    ("et l'ANCV, un téléphone à lui passer ?", "ask_phone", {"cartes": ["ancv"]}),
])
def test_the_coordinates_of_a_card_organisation_are_not_in_the_document(text: str, intent: str,
                                                                        named: Dict[str, List[str]]) -> None:
    reply, focus = reply_to(text, intent, {"intent": "ask_affiliation", "cartes": ["amex"]}, **named)
    assert reply.startswith("Le document de référence ne donne pas les coordonnées de ces organismes"), reply
    assert "affiliation" in reply and "09 69" not in reply and "@" not in reply, reply
    assert focus.get("intent") == "ask_affiliation"


@pytest.mark.parametrize(("text", "intent"), [("et l'AMEX lui attribuera un numéro ?", "ask_phone"),
                                             ("American Express leur fournit un numéro ?", "ask_phone"),
                                             ("et l'AMEX, elle lui remet quoi au final ?", "nlu_fallback")])
def test_a_number_the_organisation_hands_the_merchant_is_the_affiliates_not_its_coordinates(text: str,
                                                                                           intent: str) -> None:
    reply, _ = reply_to(text, intent, {"intent": "ask_affiliation", "cartes": ["amex"]}, cartes=["amex"])
    assert "numéro d’affilié" in reply and "ne donne pas les coordonnées" not in reply, reply


def test_a_trouble_with_a_card_is_not_a_request_for_the_organisations_coordinates() -> None:
    reply, _ = reply_to("il a un souci avec l'AMEX, un numéro ?", "ask_phone", {}, cartes=["amex"])
    assert not reply.startswith("Le document de référence ne donne pas les coordonnées de ces organismes"), reply


@pytest.mark.parametrize("text", ["pourquoi faut le suivre ?", "pk on l'applique"])
def test_why_follow_it_after_a_rule_is_the_rules_reason(text: str) -> None:
    reply, _ = reply_to(text, "ask_why", _JPEL_PRICING)
    assert "schéma délégataire" in reply and "ne donne pas la raison" in reply, reply


def test_an_impersonal_il_in_a_why_is_not_a_person() -> None:
    reply, _ = reply_to("pourquoi faut-il faire une simulation ?", "ask_why", _JPEL_PRICING)
    assert "simulateur de rentabilité" in reply, reply


def test_a_line_for_clients_and_staff_says_so_in_the_documents_words() -> None:
    reply, _ = reply_to("le 09 69 37 80 30 il sert à qui", "ask_audience", {})
    assert reply.startswith("Pour les clients et pour la CECAZ"), reply
    assert CAT.contacts["assistance_spplus_jpel"].cecaz_aussi


def test_her_after_a_card_organisation_may_be_the_merchant() -> None:
    reply, _ = reply_to("c'est elle qui doit faire la demande d'affiliation ?", "nlu_fallback",
                        {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith("Oui."), reply


def test_the_client_typing_his_own_card_is_the_card_holder() -> None:
    reply, _ = reply_to("c'est bien le client qui tape lui-même sa carte ?", "nlu_fallback",
                        {"intent": "ask_offer_definition", "offres": ["jpel"]})
    assert reply.startswith("Oui.") and "le porteur saisit lui-même" in reply, reply


@pytest.mark.parametrize(("text", "card", "role"), [("pour l'AMEX, il faut passer par l'ATC ?", "amex", "atc"),
                                                   ("les chèques-vacances, c'est le CIF qui gère ?", "ancv", "cif")])
def test_a_role_for_a_card_joined_directly_is_no(text: str, card: str, role: str) -> None:
    reply, focus = reply_to(text, "ask_role", {}, cartes=[card], roles=[role])
    assert reply.startswith("Non.") and "affiliation en direct par le client" in reply, reply
    assert focus.get("intent") == "ask_affiliation"


def test_the_company_of_the_offer_in_focus_named_as_the_doer_is_checked_in_that_answer() -> None:
    reply, focus = reply_to("donc c'est Payplug qui fait le virement, pas la caisse ?", "nlu_fallback",
                            {"intent": "ask_funds", "offres": ["payplug"]}, offres=["payplug"])
    assert reply.startswith("Oui.") and "virements quotidiens en provenance de Payplug" in reply, reply
    assert focus.get("intent") == "ask_funds"


def test_a_merchant_described_after_pour_keeps_the_question_closed() -> None:
    reply, _ = reply_to("SP+ ça le fait pour une cave qui n'a pas de boutique en ligne ?", "ask_offer_definition", {},
                        offres=["sp_plus"])
    assert reply.startswith("Non"), reply


@pytest.mark.parametrize(("text", "closed"), [
    ("y a un numéro chez nous pour les paiements qui bloquent ?", True),
    ("une adresse pour ses clients qui n'ont pas de site ?", True),
    ("pour un souci qui appeler ?", False),
    ("pour les contrats SP+ qui contacter ?", False),
])
def test_a_relative_who_describing_a_thing_keeps_the_question_closed(text: str, closed: bool) -> None:
    assert is_closed(text) is closed


_PAYPLUG_RECOMMENDED = {"intent": "recommendation", "offres": ["payplug"],
                        "recommendation": {"facts": {"site": "oui", "creer_site": None, "payplug": "oui", "moyens": []},
                                           "conclusion": "payplug"}}


@pytest.mark.parametrize(("text", "named", "said"), [
    ("mais pourquoi c'est Payplug qui signe avec le client ?", {"offres": ["payplug"]}, "full service"),
    ("pk c'est pas le CIF qui fait le contrat", {"roles": ["cif"]}, "full service"),
    ("et pourquoi pas de contrat à ouvrir côté BPCE pour lui ?", {}, "full service"),
])
def test_why_someone_does_it_is_the_reason_of_that_aspect_for_the_offer(text: str, named: Dict[str, List[str]],
                                                                       said: str) -> None:
    reply, _ = reply_to(text, "ask_why", _PAYPLUG_RECOMMENDED, **named)
    assert said in reply and "choix par défaut" not in reply, reply


@pytest.mark.parametrize("text", ["et pourquoi est-ce qu'il faut en passer par une simulation ?",
                                  "mais du coup pourquoi on en fait une de simulation en général"])
def test_a_longer_why_naming_nothing_is_a_why(text: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "ask_simulation_filing", "confidence": 0.5},
                            "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "ask_why"


def test_who_does_a_mission_after_an_answer_naming_nobody_is_that_role() -> None:
    reply, focus = reply_to("et qui s'occupe du diagnostic ?", "ask_role", {"intent": "ask_offer_definition",
                                                                            "offres": ["sp_plus"]})
    assert reply.lstrip("• ").startswith("CIF"), reply
    assert focus.get("roles") == ["cif"]


@pytest.mark.parametrize(("text", "offer", "verdict"), [("et SP+, on le conseille d'emblée ?", "sp_plus", "Non."),
                                                        ("payplug on le met par défaut ?", "payplug", "Oui.")])
def test_whether_an_offer_named_after_a_line_is_proposed_by_default(text: str, offer: str, verdict: str) -> None:
    reply, focus = reply_to(text, "inform_subject", {"intent": "ask_email", "offres": ["payplug"],
                                                     "contacts": ["payplug_support"]}, offres=[offer])
    assert reply.startswith(verdict) and "Par défaut, proposez Payplug" in reply, reply
    assert focus.get("intent") == "ask_choose_offer"


@pytest.mark.parametrize("text", ["et si c'était un client SP+, je lui donnerais quoi comme numéro ?",
                                  "je lui passerai lequel alors ?"])
def test_handing_a_line_over_in_any_tense_is_for_the_client(text: str) -> None:
    assert audience_of(text) == CLIENT


def test_a_line_to_hand_over_asked_by_its_aspect_after_an_offer_is_for_the_client() -> None:
    reply, focus = reply_to("si ça coince je lui file quel numéro", "inform_subject",
                            {"intent": "ask_offer_definition", "offres": ["sp_plus"]})
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply, reply
    assert focus.get("audience") == CLIENT


def test_calling_a_named_line_at_a_moment_with_a_lead_and_a_merchant_described_is_whether_it_is_open() -> None:
    reply, focus = reply_to("pour le lead d'un caviste qui veut vendre en ligne, j'appelle l'équipe partenariat : ils "
                            "répondent demain à 9h ?", "nlu_fallback", {}, outils=["monexpert"], offres=["payplug"],
                        services=["partenariat"])
    assert reply.startswith("Non (le mardi à 9h)"), reply
    assert focus.get("intent") == "ask_is_open"


def test_now_after_lines_given_for_a_moment_is_whether_they_are_open_now() -> None:
    reply, _ = reply_to("et là maintenant ?", "inform_subject",
                        {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_partenariat"]},
                    before="je peux joindre l'équipe partenariat samedi ?")
    assert reply.startswith("Oui (en ce moment)"), reply


def test_a_team_named_with_de_belongs_to_that_company() -> None:
    reply, _ = reply_to("et eux ils gèrent aussi les questions de distribution ?", "nlu_fallback",
                        {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_partenariat"]})
    assert reply.startswith("Oui."), reply


def test_an_offer_in_focus_proposed_by_default_is_checked_by_its_pronoun() -> None:
    reply, _ = reply_to("on le met en avant d'office ?", "ask_choose_offer", {"intent": "ask_offer_definition",
                                                                              "offres": ["sp_plus"]})
    assert reply.startswith("Non.") and "Par défaut, proposez Payplug" in reply, reply


def test_done_alone_by_the_role_the_answer_names_keeps_the_answer() -> None:
    reply, focus = reply_to("donc le CIF la décide tout seul", "ask_pricing", _JPEL_PRICING, roles=["cif"])
    assert reply.startswith("Non.") and "Tarification JePaieEnLigne" in reply, reply
    assert focus.get("offres") == ["jpel"]


def test_a_bare_check_of_someone_the_answer_names_is_read_in_that_answer() -> None:
    reply, _ = reply_to("c pas le réseau", "correct_subject", {"intent": "ask_open_services", "roles": ["cif"],
                                                               "acteurs": ["cif", "reseau"]},
                    before="qui pilote la mise en place des services une fois le diag fait ?", roles=["reseau"])
    assert reply.startswith("Non.") and "Le CIF pilote la mise en place" in reply, reply


def test_going_through_a_role_after_a_card_joined_directly_is_no() -> None:
    reply, focus = reply_to("faut qu'il passe par l'ATC pour ça ?", "ask_role", {"intent": "ask_affiliation",
                                                                                 "cartes": ["ancv"]}, roles=["atc"])
    assert reply.startswith("Non.") and "affiliation en direct par le client" in reply, reply
    assert focus.get("cartes") == ["ancv"]


@pytest.mark.parametrize("text", ["elle est chez Payplug", "c'est un client Payplug"])
def test_the_clients_offer_said_after_lines_asks_the_same_question_for_it(text: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", {"intent": "ask_phone", "offres": ["jpel"],
                                               "contacts": ["assistance_spplus_jpel"], "audience": "client"},
                    offres=["payplug"])
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply, reply


def test_a_correction_that_says_the_request_gives_the_line_for_it() -> None:
    reply, focus = reply_to("non pardon, celui qu'on utilise nous pour la distribution du produit", "correct_subject",
                            {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support"],
                             "audience": "client"})
    assert "07 57 95 38 07" in reply and "+33 1 76 34 01 55" not in reply, reply
    assert focus.get("contacts") == ["payplug_partenariat"]


@pytest.mark.parametrize("text", ["faut un site pour ça ou pas", "il faut pas un contrat pr ca si"])
def test_what_the_offer_just_spoken_of_needs_is_no_fact_of_the_client(text: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "inform_no_site", "confidence": 0.9}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "nlu_fallback"


def test_the_simulator_named_for_the_cards_asked_is_the_tool_taken_up_next(fixed_clock):
    _, focus = reply_to("pour les cartes chinoises on tarife avec quel simulateur ?", "ask_simulator", cartes=["upi"])
    assert focus.get("objets") == ["simulupi"]
    _, focus = reply_to("et qui l'utilise ?", "ask_role", focus)
    reply, _ = reply_to("il s'en sert aussi pour un commerçant Payplug ?", "nlu_fallback", focus)
    assert reply.startswith("Non") and "Payplug négocie" in reply, reply
