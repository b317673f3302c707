"""Le fil d'une conversation sur la mise en place et sur qui fait quoi (vague r41, issue 11) : « c'est pas X qui s'en
charge ? » sur un paramétrage qui existe, « c payant hein » lu comme « répète », l'assistance « de ces contrats », « le
CIF la fait tout seul ? », « c'est le CIF qui fait signer quand il part sur Payplug ? », « c'est pas que pour nous ? »,
une ligne nommée après la question de son public, « pour quelle raison ? » après une règle. Phrases écrites pour ces
tests, autres que celles des conversations."""

from __future__ import annotations

from typing import Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.clarify import ActionClarify
from addons.conversation_moves import ConversationMoves
from cecaz.aspects import aspects
from cecaz.audience import audience_of
from cecaz.focus import RECOMMENDATION, Focus
from cecaz.lines_in_focus import focus_for_message
from cecaz.moves import read_move
from cecaz.phrasing import Answer
from cecaz.verdicts import alone_verdict, confirmation_verdict, coordinate_verdict, is_closed
from tests.unit.conftest import build_tracker, reply_to, run_action
from tests.unit.test_focus import CAT, answer, focus_after

pytestmark = pytest.mark.usefixtures("fixed_clock")


def test_a_role_named_for_a_setup_that_exists_is_checked_against_who_does_it() -> None:
    reply = reply_to("pour SP+, le paramétrage des contrats dans OSC, c'est pas le réseau qui le fait ?",
                     "ask_open_services", offres=["sp_plus"], outils=["osc"], roles=["reseau"])[0]
    assert reply.startswith("Non") and "Le CIF paramètre" in reply, reply


def test_a_setup_that_the_offer_does_not_need_stays_no_whoever_is_named() -> None:
    reply = reply_to("pour Payplug, le paramétrage dans OSC c'est le CIF qui le fait ?",
                     "ask_open_services", offres=["payplug"], outils=["osc"], roles=["cif"])[0]
    assert reply.startswith("Non") and "full service" in reply, reply


@pytest.mark.parametrize("text", ["ça reste payant hein", "il est gratuit au moins"])
def test_a_call_price_read_as_a_request_to_repeat_asks_the_price(text: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "repeat_last", "confidence": 0.9}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "ask_phone"


@pytest.mark.parametrize("text", ["qui s'occupe de l'assistance de leurs contrats ?",
                                  "le support des contrats, c'est qui ?"])
def test_the_support_of_contracts_is_the_aspect_asked(text: str) -> None:
    assert "ask_support" in aspects(text)[0]


def test_the_support_of_the_contracts_in_focus_is_their_line_whatever_diet_read() -> None:
    focus = {"intent": "ask_contracts", "offres": ["jpel"]}
    reply = reply_to("une fois en place, qui fait l'assistance de leurs contrats ?", "ask_open_services", focus,
                     services=["assistance"])[0]
    assert "BPCE" in reply and "09 69 37 80 30" in reply, reply


@pytest.mark.parametrize("text", ["la tarification d'un contrat SP+, le CIF la décide seul ?",
                                  "et il peut la fixer sans l'accord de personne ?"])
def test_done_alone_is_no_when_the_answer_says_with_whom(text: str) -> None:
    priced = Answer("Le CIF établit la tarification du contrat, en accord avec le réseau.")
    assert alone_verdict(CAT, text, priced) == CAT.say("verdict.non")


@pytest.mark.parametrize("text", ["SimulEasy c'est le seul simulateur ?", "il la fait seul ou avec le réseau ?",
                                  "qui la fait tout seul ?"])
def test_the_only_one_a_choice_or_an_open_question_is_not_done_alone(text: str) -> None:
    priced = Answer("Le CIF établit la tarification du contrat, en accord avec le réseau.")
    assert alone_verdict(CAT, text, priced) is None


def test_done_alone_is_answered_from_the_offers_pricing() -> None:
    reply = reply_to("pour JPEL, c'est le CIF qui tarife tout seul ?", "ask_pricing", offres=["jpel"], roles=["cif"])[0]
    assert reply.startswith("Non") and "réseau" in reply, reply


@pytest.mark.parametrize("text", ["c'est l'ATC qui saisit le lead quand il en faut un ?",
                                  "le CIF signe avec lui quand elle choisit SP+ ?"])
def test_when_inside_a_closed_question_is_a_condition(text: str) -> None:
    assert is_closed(text)


@pytest.mark.parametrize("text", ["quand il faut déposer la simu ?", "le lead on le saisit quand ?"])
def test_when_asked_is_still_a_question(text: str) -> None:
    assert not is_closed(text)


def test_a_role_checked_for_an_offer_named_with_it_is_answered_from_that_offer() -> None:
    reply = reply_to("c'est le CIF qui contractualise quand le client choisit Payplug ?", "ask_role",
                     offres=["payplug"], roles=["cif"])[0]
    assert reply.startswith("Non") and "Payplug procède à la contractualisation" in reply, reply


def test_only_for_us_is_no_for_a_line_given_to_clients_and_the_cecaz() -> None:
    focus = focus_after("ask_phone", offres=["jpel"])
    reply = answer(focus, "ask_audience", "ce numéro c'est pas seulement pour nous ?")
    assert reply.startswith("Non : le document donne") and "pour les clients et la CECAZ" in reply, reply


def test_only_for_us_is_yes_for_an_internal_line() -> None:
    focus = focus_after("ask_phone", services=["assistance_monetique"])
    reply = answer(focus, "ask_audience", "c'est uniquement en interne celui-là ?")
    assert reply.startswith("Oui, réservé aux collaborateurs"), reply


def test_a_line_named_after_the_question_of_its_public_gets_the_same_question() -> None:
    focus = Focus("ask_email", ("payplug",), services=("support",), contacts=("payplug_support",),
                  audience="client", point="public")
    reply = answer(focus, "ask_email", "et celle de l'équipe partenariat ?", services=["partenariat"])
    assert reply.startswith("Non, réservé aux collaborateurs") and "support@payplug.com" in reply, reply


def test_the_reason_after_the_filing_rule_is_that_rules_not_the_simulators() -> None:
    reply = answer(focus_after("ask_simulation_filing", outils=["simulupi"]), "ask_why", "et ça, c'est pour quoi ?")
    assert "MyGed" in reply and "sans en donner la raison" in reply and "Union Pay" not in reply, reply


def test_the_role_named_in_a_closed_question_stays_who_him_means_after_a_no() -> None:
    _, focus = reply_to("c'est le CIF qui contractualise quand le client choisit Payplug ?", "ask_role",
                        offres=["payplug"], roles=["cif"])
    assert focus["acteurs"] == ["cif"], focus


@pytest.mark.parametrize("text", ["et le diag des besoins, c'est toujours lui ?", "et le diagnostic, c'est bien lui ?"])
def test_what_a_role_does_before_any_offer_is_chosen_holds_after_the_offers_company(text: str) -> None:
    reply = reply_to(text, "ask_role", {"intent": "ask_contracts", "offres": ["payplug"], "acteurs": ["cif"]})[0]
    assert reply.startswith("Oui") and "diagnostic des besoins" in reply, reply


def test_a_setup_step_after_the_offers_company_still_is_not_the_roles() -> None:
    reply = reply_to("et le paramétrage, c'est bien lui ?", "ask_role",
                     {"intent": "ask_contracts", "offres": ["payplug"], "acteurs": ["cif"]})[0]
    assert reply.startswith("Non"), reply


def test_a_question_on_an_offer_after_a_detour_on_a_role_is_on_the_offer_before() -> None:
    focus = Focus("ask_role", roles=("cif",), acteurs=("cif",), avant=Focus("ask_contracts", ("payplug",)))
    reply = answer(focus, "ask_funds", "et l'argent lui arrive comment sur son compte ?")
    assert "virements quotidiens en provenance de Payplug" in reply, reply


def test_a_question_a_role_answers_stays_on_the_role_after_a_detour() -> None:
    focus = Focus("ask_role", roles=("cif",), acteurs=("cif",), avant=Focus("ask_contracts", ("payplug",)))
    reply = answer(focus, "ask_role", "et il fait quoi d'autre ?")
    assert "Chargé d’Ingénierie Flux" in reply and "virements" not in reply, reply


@pytest.mark.parametrize(("text", "offre", "verdict", "line"), [
    ("et elles traitent aussi les contrats Payplug ?", "payplug", "Non", "+33 1 76 34 01 55"),
    ("ils s'occupent aussi des contrats JPEL, eux ?", "jpel", "Oui", "09 69 37 80 30"),
])
def test_the_contracts_a_line_in_focus_handles_ask_whether_it_serves_that_offer(text, offre, verdict, line) -> None:
    _, focus = reply_to("mon client SP+ a un souci de paiement, il appelle qui ?", "ask_support", offres=["sp_plus"])
    move = read_move(text, (offre,))
    reply, _ = reply_to(text, move or "ask_contracts", focus, offres=[offre])
    assert reply.startswith(verdict) and line in reply and "contractualisation" not in reply, reply


@pytest.mark.parametrize("text", ["et lui, il s'occupe de quoi en plus ?", "Et elle, à part ça, elle fait quoi ?"])
def test_what_the_person_set_apart_does_after_a_yes_no_on_his_tool_is_his_role(text: str) -> None:
    # « il le saisit aussi pour un client JPEL ? » on the ATC, answered on the offer: the stressed pronoun goes back
    focus = Focus("ask_contracts", ("jpel",), avant=Focus("ask_role", roles=("atc",), acteurs=("atc",)))
    reply = answer(focus, "ask_role", text)
    assert "ATC : peut saisir le Lead Monexpert" in reply, reply


def test_what_she_does_after_a_line_is_what_the_line_is_for() -> None:
    focus = Focus("ask_phone", ("payplug",), contacts=("payplug_partenariat",),
                  avant=Focus("ask_role", roles=("cif",), acteurs=("cif",)))
    assert "Chargé d’Ingénierie Flux" not in answer(focus, "ask_support", "et elle s'occupe de quoi exactement ?")


def test_what_it_does_without_a_stressed_pronoun_stays_on_the_offer() -> None:
    focus = Focus("ask_contracts", ("jpel",), avant=Focus("ask_role", roles=("atc",), acteurs=("atc",)))
    assert "ATC : peut saisir" not in answer(focus, "ask_role", "et il fait quoi d'autre ?")


@pytest.mark.parametrize(("text", "intent"), [("c chaque jour alors", "nlu_fallback"),
                                              ("ok top, bonne fin de journée", "goodbye"), ("@+", "goodbye")])
def test_a_goodbye_without_a_farewell_is_read_against_the_conversation(text: str, intent: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "goodbye", "confidence": 0.6}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == intent


def test_a_detail_said_back_after_c_est_is_checked_against_the_answer() -> None:
    messages, _ = run_action(ActionClarify(), build_tracker(
        "c chaque jour alors", "nlu_fallback", confidence=0.5,
        slots={"focus": {"intent": "ask_funds", "offres": ["payplug"]}}))
    assert messages[0]["text"].startswith("Oui") and "virements quotidiens" in messages[0]["text"], messages


def test_a_line_by_its_place_asked_if_internal_gets_yes_or_no() -> None:
    focus = focus_after("ask_phone", offres=["sp_plus"], audience="client")
    assert focus.contacts[1:2] == ("service_clients_spplus",), focus
    reply = answer(focus, "ask_audience", "et le second c'est une ligne interne ?")
    assert reply.startswith("Non : le document donne Service Clients E-Commerce SP PLUS"), reply


def test_whom_a_quoted_internal_line_serves_says_what_it_handles_not_its_coordinates() -> None:
    text = "le 07 57 95 38 07 il est pour qui lui ?"
    reply = answer(focus_for_message(CAT, text, focus_after("ask_support", offres=["payplug"])), "ask_audience", text)
    assert reply.startswith("Pour la CECAZ seulement") and "traitement des leads" in reply, reply
    assert "partenariat-bpce@payplug.com" not in reply, reply


def test_an_internal_line_for_a_card_the_client_asks_himself_is_no_then_the_affiliation() -> None:
    focus = focus_after("ask_affiliation", cartes=["ancv"])
    reply = answer(focus, "ask_audience", "je peux lui filer la hotline monétique pro pour son affiliation ?",
                   services=["assistance_monetique"])
    assert reply.startswith("Non, réservé aux collaborateurs") and "demande d’affiliation" in reply, reply
    assert "09 69 37 80 30" not in reply, reply


@pytest.mark.parametrize("text", ["une opticienne a un bug sur son site SP+, elle contacte qui ?",
                                  "un caviste en SP+ a une question sur un encaissement, qui peut le renseigner ?"])
def test_whom_the_merchant_calls_is_answered_with_client_lines_only(text: str) -> None:
    assert audience_of(text) == "client"
    reply = answer(Focus(), "ask_support", text, offres=["sp_plus"])
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply and "monetiquepro" not in reply, reply


@pytest.mark.parametrize("value", ["plus", "pro"])
def test_a_common_word_tagged_as_an_offer_names_none(value: str) -> None:
    assert CAT.resolve("offer", value) is None


def test_a_misspelt_offer_still_names_it() -> None:
    assert CAT.resolve("offer", "paiplgu") == "payplug"


@pytest.mark.parametrize("text", ["mon client Payplug veut prendre les chèques vacances, il doit contacter qui ?",
                                  "un hôtel en JPEL voudrait l'AMEX : il s'adresse à qui pour ça ?"])
def test_whom_to_call_to_take_a_card_with_direct_affiliation_is_the_affiliation(text: str) -> None:
    cards = ["ancv"] if "vacances" in text else ["amex"]
    offers = ["payplug"] if "Payplug" in text else ["jpel"]
    reply = answer(Focus(), "ask_support", text, offres=offers, cartes=cards)
    assert "demande d’affiliation" in reply and "+33 1 76 34 01 55" not in reply, reply


def test_a_trouble_with_a_card_is_still_the_offers_support() -> None:
    reply = answer(Focus(), "ask_support", "mon client Payplug a un souci de paiement AMEX, il appelle qui ?",
                   offres=["payplug"], cartes=["amex"])
    assert "+33 1 76 34 01 55" in reply, reply


@pytest.mark.parametrize(("text", "named", "lead"), [
    ("mon commerçant SP+ a une question, il peut joindre le 08 10 00 47 24 dimanche ?", {}, "Non"),
    ("le 09 69 36 06 26 il décroche là maintenant ?", {}, "Oui"),
    ("j'ai un client Payplug en rade, il peut appeler le support demain vers 8h ?",
     {"offres": ["payplug"], "services": ["support"]}, "Non"),
    ("je dois recontacter la monétique pro pour un dossier SP+ bloqué, ils sont dispo samedi à 11h ?",
     {"offres": ["sp_plus"], "services": ["assistance_monetique"]}, "Oui"),
])
def test_calling_a_line_at_a_moment_is_whether_it_is_open_then(text: str, named: Dict[str, List[str]],
                                                                lead: str) -> None:
    reply = answer(Focus(), "ask_audience", text, **named)
    assert reply.startswith(lead), reply


def test_a_merchant_calling_at_a_moment_gets_only_his_lines() -> None:
    reply = answer(Focus(), "ask_support", "mon client SP+ peut appeler l'assistance samedi matin ?",
                   offres=["sp_plus"], services=["assistance"])
    assert "09 69 36 06 26" not in reply, reply


def test_a_question_read_as_a_fact_for_the_diagnostic_is_answered_by_its_words() -> None:
    reply = answer(Focus(), "inform_payment_methods",
                   "un restaurant en JPEL veut aussi les Diners, on fait la tarif avec quel outil ?",
                   offres=["jpel"], cartes=["dfs_diners"])
    assert "SimulUPI" in reply, reply


@pytest.mark.parametrize(("text", "lead", "line"), [
    ("ma cliente JPEL a un paiement qui ne passe pas, je l'oriente vers Payplug ?", "Non", "09 69 37 80 30"),
    ("mon client IZ eCommerce a un bug au moment de payer, je le renvoie vers Payplug ?", "Oui", "+33 1 76 34 01 55"),
])
def test_sending_the_merchant_to_an_offer_is_checked_against_whose_support_it_is(text: str, lead: str,
                                                                                 line: str) -> None:
    reply = answer(Focus(), "ask_support", text)
    assert reply.startswith(lead) and line in reply and "09 69 36 06 26" not in reply, reply


def test_advice_on_a_practice_described_with_a_merchant_clause_is_no() -> None:
    reply = reply_to("un kiné qui saisit lui-même la carte de ses patients au téléphone, vous recommandez ça ?",
                     "ask_vad")[0]
    assert reply.startswith("Non"), reply


def test_what_a_quoted_address_is_for_is_what_its_line_handles() -> None:
    text = "support@payplug.com, à quoi ça sert cette adresse ?"
    reply = answer(focus_for_message(CAT, text, Focus()), "ask_audience", text)
    assert "pour toutes les demandes clients" in reply, reply


def test_a_named_line_said_back_as_reserved_to_us_is_yes_for_an_internal_line() -> None:
    focus = Focus("ask_email", contacts=("payplug_partenariat",), audience="client", point="public")
    reply = answer(focus, "ask_audience", "bon donc l'équipe partenariat c'est réservé aux collaborateurs",
                   services=["partenariat"])
    assert reply.startswith("Oui, réservé aux collaborateurs"), reply


@pytest.mark.parametrize("text", ["c pour nous ca", "c'est pour le client celui-là ?"])
def test_whom_the_line_serves_with_the_line_taken_up_at_the_end(text: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.4}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "ask_audience"


def test_a_question_on_the_offer_of_a_client_described_is_no_diagnostic() -> None:
    message = Message(data={"text": "une boutique en JPEL veut en plus l'UnionPay, la tarif se fait comment ?",
                            "intent": {"name": "inform_payment_methods", "confidence": 0.6},
                            "entities": [{"entity": "offer", "value": "jpel"}, {"entity": "card", "value": "upi"}]})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "ask_pricing"


def test_a_client_described_without_his_offer_still_starts_the_diagnostic() -> None:
    message = Message(data={"text": "mon client a un site et veut l'UnionPay, on lui propose quoi ?",
                            "intent": {"name": "inform_payment_methods", "confidence": 0.6},
                            "entities": [{"entity": "card", "value": "upi"}]})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == "inform_payment_methods"


@pytest.mark.parametrize("text", ["mon client SP+ je peux lui envoyer assistance-monetiquepro@natixis.com ?",
                                  "je transmets le 09 69 36 06 26 à mon client JPEL ?"])
def test_handing_a_line_to_the_client_is_no_offer_he_is_sent_to(text: str) -> None:
    reply = answer(focus_for_message(CAT, text, Focus()), "ask_audience", text)
    assert reply.startswith("Non, réservé aux collaborateurs"), reply


def test_another_line_for_the_merchant_is_the_offers_other_client_line() -> None:
    focus = Focus("ask_phone", ("sp_plus",), services=("service_clients",), contacts=("service_clients_spplus",))
    reply = answer(focus, "ask_support", "il existe un autre numéro pour lui ?")
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply, reply


def test_who_handles_a_trouble_with_a_site_is_its_support_not_the_offer() -> None:
    reply = answer(Focus(), "ask_offer_definition",
                   "une cliente IZ eCommerce me dit que sa boutique ne s'affiche plus, qui s'en occupe ?",
                   offres=["iz_ecommerce"])
    assert reply.startswith("C’est IZ eCommerce qui assure le support"), reply


def test_the_support_asked_after_a_quoted_line_is_that_lines_offers() -> None:
    focus = Focus("ask_phone", contacts=("assistance_spplus_jpel",))
    reply = answer(focus, "ask_support", "et l'assistance elle est gérée par qui ?", services=["assistance"])
    assert "assurée par BPCE" in reply, reply


def test_a_line_said_internal_then_asked_if_it_may_be_given_is_the_giving() -> None:
    text = "le 09 69 37 80 30 c'est interne il me semble, je peux le filer à mon client SP+ ou pas ?"
    reply = answer(focus_for_message(CAT, text, Focus()), "ask_audience", text)
    assert reply.startswith("Oui, à communiquer au client"), reply


def test_the_number_asked_after_an_email_for_a_subject_is_the_number() -> None:
    focus = Focus("ask_email", contacts=("assistance_monetique_pro",))
    reply = answer(focus, "inform_subject", "d'accord et le numéro à passer à un client JPEL ?", offres=["jpel"])
    assert "09 69 37 80 30" in reply and not reply.startswith("Oui"), reply


@pytest.mark.parametrize(("text", "exists"), [("le support a un mail ?", True), ("t'as leur num ?", True),
                                               ("le num à donner à un client ?", False),
                                               # « en » before the verb
                                               ("et un courriel, elle en a un ?", True),
                                               ("le mail, je le mets seulement s'il en a besoin ?", False)])
def test_whether_a_coordinate_exists_needs_a_subject_that_has_it(text: str, exists: bool) -> None:
    verdict = coordinate_verdict(CAT, text, "ask_email", ("payplug_support",))
    assert (verdict == CAT.say("verdict.oui")) is exists


@pytest.mark.parametrize("text", ["les fonds arrivent chaque jour", "l'argent tombe sur son compte chez nous ?",
                                  "il faut la mettre dans MyGed après ?",
                                  # what his sales bring in is the money collected
                                  "les fonds de ses ventes tomberont bien sur son compte chez nous ?"])
def test_a_fact_restated_with_its_subject_is_confirmed_by_the_answer(text: str) -> None:
    funds = Answer("Les encaissements apparaissent sur le compte CECAZ du client sous forme de virements quotidiens "
                   "en provenance de Payplug.")
    filing = Answer("La simulation est ensuite déposée dans MyGed.")
    assert confirmation_verdict(CAT, text, filing if "MyGed" in text else funds) == CAT.say("verdict.oui")


def test_a_fact_the_answer_does_not_say_is_not_confirmed() -> None:
    funds = Answer("Les encaissements apparaissent sur le compte CECAZ du client sous forme de virements quotidiens "
                   "en provenance de Payplug.")
    assert confirmation_verdict(CAT, "l'argent arrive sur son compte en 48 heures", funds) is None


def test_who_signs_after_a_recommendation_is_read_in_the_recommended_offers_answer() -> None:
    focus = Focus(RECOMMENDATION, ("payplug",), recommendation={"facts": {"site": "oui", "payplug": "oui"},
                                                               "conclusion": "payplug"})
    reply = answer(focus, "nlu_fallback", "et c'est le CIF qui fait signer le contrat ?", roles=["cif"])
    assert reply.startswith("Non") and "Payplug procède à la contractualisation" in reply, reply


@pytest.mark.parametrize(("text", "card"), [("et l'AMEX lui remettra un numéro ?", "American Express (AMEX)"),
                                           ("l'ANCV lui attribue un numéro d'affilié ?", "Chèques-vacances ANCV")])
def test_what_a_cards_organisation_hands_over_said_back_is_confirmed_in_other_verbs(text: str, card: str) -> None:
    affiliation = Answer(f"{card} : affiliation en direct par le client.\nLe client doit faire lui-même une demande "
                         "d’affiliation, en direct, auprès de l’organisme concerné, qui lui fournit un numéro "
                         "d’affilié.")
    assert confirmation_verdict(CAT, text, affiliation) == CAT.say("verdict.oui")


def test_a_condition_said_back_in_other_words_than_the_documents_is_confirmed() -> None:
    link = Answer("American Express (AMEX) : affiliation en direct par le client.\nL’organisme lui fournit un numéro "
                  "d’affilié permettant de faire le lien avec nos TPE, sous réserve du chargement du logiciel sur "
                  "notre matériel de location.")
    text = "donc le lien se fait avec les TPE en location chez nous, à condition de charger le logiciel, c'est ça ?"
    assert confirmation_verdict(CAT, text, link) == CAT.say("verdict.oui")


@pytest.mark.parametrize("text", ["et pourquoi lui, pas moi ?", "pk le cif et pas nous en agence"])
def test_a_person_set_against_the_speaker_after_a_rule_is_why_that_person(text: str) -> None:
    # where the CIF files the simulation (a rule, no one named), after the CIF's missions
    focus = Focus("ask_simulation_filing", regles=("myged",), avant=Focus("ask_role", roles=("cif",), acteurs=("cif",)))
    reply = answer(focus, "ask_why", text)
    assert "diagnostic des besoins" in reply and "MyGed" not in reply, reply
    assert "MyGed" in answer(focus, "ask_why", "pourquoi ?")  # the rule's own reason
