"""Réponses composées depuis le catalogue : justes, sourcées, sans fait inventé."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Optional

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.families import FAMILIES, compose
from cecaz.hours import PARIS
from cecaz.phrasing import Answer, Question
from cecaz.when import Moment
from tests.support.facts import unknown_contacts

CAT = load_catalogue()
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
SUNDAY_10 = datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)


def ask(intent: str, now: datetime = MONDAY_10, **entities) -> str:
    return compose(CAT, Question(intent, **{k: tuple(v) for k, v in entities.items()}), now).text


def asks_offer(answer: Answer) -> bool:
    return answer.text.startswith("Pour quelle offre voulez-vous")


ALL_QUESTIONS = [Question(i, offres=(o,)) for i in FAMILIES for o in CAT.offres] + [Question(i) for i in FAMILIES]
# The answers that state no fact, so cite no source, by how they start.
# (« un support est-il ouvert ? » without an offer: the lines open now, for every offer)
OFFER_DEPENDENT = ("ask_offer_definition", "ask_contracts", "ask_funds", "ask_support", "ask_phone", "ask_email",
                   "ask_hours")
NO_CONTACT_IN_THE_DOCUMENT = ("iz_ecommerce", "vad")


def unsourced_lead(q: Question) -> Optional[str]:
    """Le début d'une réponse qui n'affirme rien (donc sans source) : l'offre demandée en retour, rien
    encore à justifier, aucune ligne dont dire le public, ce que sait faire l'assistant ; sinon None."""
    if q.intent == "bot_capabilities":
        return "Je réponds aux questions des collaborateurs CECAZ sur l’encaissement des cartes à distance"
    if q.intent == "ask_why":  # no previous answer in a bare question
        return "Je n’ai encore rien affirmé dans cette conversation"
    if q.intent == "ask_next_step" and not q.etape:  # no step reached in a bare question
        return "De quelle démarche parlez-vous ?"
    if q.intent == "ask_audience" and (not q.offres or q.offres[0] in NO_CONTACT_IN_THE_DOCUMENT):
        return "De quelle ligne parlez-vous ?"
    if q.intent in OFFER_DEPENDENT and not q.offres:
        return "Pour quelle offre voulez-vous "
    return None


@pytest.mark.parametrize("question", ALL_QUESTIONS, ids=lambda q: f"{q.intent}-{'-'.join(q.offres)}")
def test_every_answer_states_its_source_unless_it_states_no_fact(question: Question) -> None:
    text = compose(CAT, question, MONDAY_10).text
    assert unknown_contacts(CAT, [text]) == []
    lead = unsourced_lead(question)
    if lead:
        assert text.startswith(lead) and "Source :" not in text
    else:
        *body, last = text.split("\n\n")
        assert body and re.fullmatch(r"Source : « .+ »", last), text
        assert set(re.findall(r"« ([^»]+) »", last)) <= set(CAT.sources.values())


def test_missing_offer_is_asked_with_buttons_not_guessed():
    answer = compose(CAT, Question("ask_phone"), MONDAY_10)
    assert asks_offer(answer)
    assert [t for t, _ in answer.buttons] == ["Payplug", "SP+", "JePaieEnLigne (JPEL)", "IZ eCommerce"]
    assert answer.buttons[1][1] == '/ask_phone{"offer":"sp_plus"}'


def test_sp_plus_phone_separates_client_lines_from_internal_line():
    text = ask("ask_phone", offres=["sp_plus"])
    lines = text.splitlines()
    client = [line for line in lines if "à communiquer au client" in line]
    internal = [line for line in lines if "à ne pas transmettre" in line]
    assert any("09 69 37 80 30" in line for line in client)
    assert any("08 10 00 47 24" in line and "0,06 €/min" in line for line in client)
    assert any("09 69 36 06 26" in line for line in internal)
    assert text.startswith("Téléphone pour SP+")


def test_payplug_contacts():
    text = ask("ask_support", offres=["payplug"])
    assert text.startswith("C’est Payplug qui assure le support.")
    assert "+33 1 76 34 01 55" in text and "support@payplug.com" in text
    assert "07 57 95 38 07" in text and "partenariat-bpce@payplug.com" in text
    assert "du lundi au vendredi de 9h30 à 17h30" in text


def test_email_question_gives_emails_only():
    text = ask("ask_email", offres=["payplug"])
    assert "support@payplug.com" in text and "+33" not in text


def test_service_named_without_offer():
    text = ask("ask_phone", services=["assistance_monetique"])
    assert "09 69 36 06 26" in text and "à ne pas transmettre" in text
    assert "09 69 37 80 30" not in text


def test_document_silence_is_said_without_sending_anyone_looking():
    iz = ask("ask_phone", offres=["iz_ecommerce"])
    assert "C’est IZ eCommerce qui assure le support. Le document de référence ne donne pas ses coordonnées." in iz
    pricing = ask("ask_pricing", offres=["payplug"])
    assert "Payplug négocie directement" in pricing and "ne donne pas de grille tarifaire" in pricing
    assert "horaires non précisés dans le document" in ask("ask_is_open", offres=["sp_plus"])
    delegation = ask("ask_delegation")
    assert "(sa page 3) : cette page n’est pas dans le document de référence" in delegation
    assert "ce détail n’est pas dans le document de référence" in ask("ask_site_creation")
    assert "il le dit pour Payplug seulement" in ask("ask_funds", offres=["sp_plus"])
    # No knowledge lent to a role the document does not give it, no page to go and look for.
    for text in (iz, pricing, delegation, ask("ask_site_creation"), ask("ask_funds", offres=["jpel"])):
        assert "votre CIF" not in text and "voir sa page" not in text and "qui peut la communiquer" not in text


def test_amex_and_ancv_keep_the_document_s_terminals_and_say_its_silence_for_the_offers():
    text = ask("ask_affiliation", cartes=["amex"])
    assert "permettant de faire le lien avec nos TPE, sous réserve du chargement du logiciel" in text
    assert ("Le document décrit ce lien pour nos TPE seulement et ne dit rien de ces moyens de paiement avec "
            "Payplug, SP+, JePaieEnLigne (JPEL) et IZ eCommerce : à vérifier avec le CIF") in text


def test_iz_ecommerce_negotiates_the_price_conditions_of_the_site_not_the_site():
    for text in (ask("ask_pricing", offres=["iz_ecommerce"]), ask("ask_contracts", offres=["iz_ecommerce"])):
        assert "les conditions tarifaires de création du site internet" in text
        assert "négocie directement la création" not in text


def test_is_open_depends_on_the_clock():
    line = ("Équipe support Payplug (à communiquer au client) : tél. +33 1 76 34 01 55, "
            "du lundi au vendredi de 9h à 18h — ")
    assert line + "ouvert en ce moment (jusqu’à 18h)" in ask("ask_is_open", offres=["payplug"])
    sunday = ask("ask_is_open", SUNDAY_10, offres=["payplug"])
    assert line + "fermé en ce moment, réouverture demain à 9h" in sunday


@pytest.mark.parametrize(("intent", "entities", "facts"), [
    ("ask_choose_offer", {}, ["Par défaut, proposez Payplug ; SP+ peut répondre si Payplug ne convient pas.",
                              "CIF (Chargé d’Ingénierie Flux), qui réalise le diagnostic des besoins du client"]),
    ("ask_no_website", {}, ["Sans site internet, proposez JePaieEnLigne (JPEL)",
                            "c’est alors le commerçant qui supporte le risque d’impayé",
                            "Si le client veut créer un site : IZ eCommerce."]),
    ("ask_vad", {}, ["La CECAZ déconseille le contrat VAD", "c’est alors le commerçant qui supporte le risque d’impayé",
                     "À la place, proposez JePaieEnLigne (JPEL)"]),
    ("ask_contracts", {"offres": ["payplug"]}, ["aucun contrat monétique n’est à ouvrir côté BPCE",
                                                "(notion de « full service »)",
                                                "virements quotidiens en provenance de Payplug"]),
    ("ask_contracts", {"offres": ["sp_plus"]}, ["SP+ : contrat d’acquisition et contrat d’acceptation.",
                                                "Le CIF paramètre ensuite dans OSC les contrats d’acquisition"]),
    ("ask_funds", {"offres": ["payplug"]}, ["virements quotidiens en provenance de Payplug"]),
    ("ask_simulator", {"cartes": ["upi"]}, ["Pour Union Pay International (cartes chinoises) : SimulUPI."]),
    ("ask_simulator", {"cartes": ["dfs_diners"]}, ["Pour DFS/Diners : SimulUPI."]),
    ("ask_simulator", {}, ["• SimulEasy : simulateur de rentabilité pour tous les contrats « standards ».",
                           "La simulation est ensuite déposée dans MyGed."]),
    ("ask_affiliation", {"cartes": ["amex"]}, ["American Express (AMEX) : affiliation en direct par le client.",
                                              "qui lui fournit un numéro d’affilié",
                                              "la CECAZ n’intervient pas dans cette négociation"]),
    ("ask_simulation_filing", {}, ["La simulation doit être déposée dans MyGed"]),
    ("ask_delegation", {}, ["L’application de la tarification doit respecter le schéma délégataire.",
                            "C’est le CIF qui établit la tarification, en accord avec le réseau."]),
    ("ask_role", {"roles": ["atc"]}, ["ATC : peut saisir le Lead Monexpert", "si le réseau le souhaite"]),
    ("ask_tool", {"outils": ["osc"]}, ["OSC : outil dans lequel le CIF réalise les paramétrages"]),
    ("ask_offer_definition", {"offres": ["iz_ecommerce"]}, ["le service de création de sites internet d’e-commerce",
                                                            "les pages de paiement du site sont prises en charge par "
                                                            "Payplug"]),
    ("ask_offer_definition", {"outils": ["myged"]}, ["MyGed : outil dans lequel la simulation"]),
    ("ask_pricing", {"cartes": ["upi"]}, ["Pour Union Pay International (cartes chinoises) : SimulUPI."]),
    ("ask_open_services", {"offres": ["sp_plus"]}, ["Tout part du diagnostic des besoins du client par un CIF",
                                                    "Le CIF réalise les paramétrages dans OSC",
                                                    "l’ATC peut le saisir si le réseau le souhaite",
                                                    "SP+ : contrat d’acquisition et contrat d’acceptation."]),
])
def test_answer_contains_the_document_facts(intent, entities, facts):
    text = ask(intent, **entities)
    for fact in facts:
        assert fact in text


def test_several_offers_in_one_question_are_all_answered():
    text = ask("ask_phone", offres=["payplug", "sp_plus"])
    assert "+33 1 76 34 01 55" in text and "09 69 37 80 30" in text


def test_contact_answer_without_offer_is_titled_with_the_service_it_names():
    text = compose(CAT, Question("ask_is_open", services=("assistance_monetique",)), MONDAY_10).text
    assert text.startswith("Oui (en ce moment) :\n• Assistance monétique PRO")
    hours = compose(CAT, Question("ask_hours", services=("assistance_monetique",)), MONDAY_10).text
    assert hours.startswith("Horaires pour Assistance monétique PRO :")


@pytest.mark.parametrize(("offre", "who", "cif_steps"), [
    ("payplug", "Payplug procède à la contractualisation", False),  # Payplug signs: the CIF's steps do not apply
    ("sp_plus", "Le CIF procède à la contractualisation", True),
])
def test_opening_an_offers_services_says_who_signs_first(offre: str, who: str, cif_steps: bool) -> None:
    text = compose(CAT, Question("ask_open_services", offres=(offre,)), datetime(2026, 11, 30, 10, tzinfo=PARIS)).text
    assert text.index(who) < text.index("Source")
    assert ("Tout part du diagnostic" in text) is cif_steps


@pytest.mark.parametrize(("now", "moment", "opened", "closed"), [
    (MONDAY_10, Moment(days=(5,)), ["09 69 36 06 26"], ["+33 1 76 34 01 55", "07 57 95 38 07", "08 10 00 47 24"]),
    (MONDAY_10, Moment(at=time(17, 45)), ["+33 1 76 34 01 55", "08 10 00 47 24", "09 69 36 06 26"],
     ["07 57 95 38 07"]),
    (SUNDAY_10, None, [], ["+33 1 76 34 01 55", "07 57 95 38 07", "08 10 00 47 24", "09 69 36 06 26"]),
])
def test_which_line_is_open_at_a_moment_without_an_offer_lists_the_open_ones(now, moment, opened, closed):
    # « quelle ligne répond le samedi ? » : the lines open then (client lines apart from internal ones), the
    # closed ones by name, and the line whose hours the document does not give (section « Comment assister »)
    answer = compose(CAT, Question("ask_is_open", moment=moment), now)
    blocks = answer.text.split("\n\n")
    listed = blocks[0] if blocks[0].startswith("Lignes ouvertes") else ""
    assert all(number in listed for number in opened) and not any(number in listed for number in closed)
    assert sorted(CAT.contacts[cid].telephone for cid in answer.contacts) == sorted(opened)
    assert "Horaires non précisés dans le document :\n• Assistance SP+ et JPEL" in answer.text
    assert all(CAT.contacts[cid].nom in answer.text for cid in CAT.contacts if CAT.contacts[cid].horaires)
    if "09 69 36 06 26" in opened:  # an internal line stays marked as such
        assert "Assistance monétique PRO (usage interne CECAZ, à ne pas transmettre au client)" in listed
    assert "Source :" in answer.text


def test_a_line_for_the_vad_contract_is_the_one_of_the_offer_proposed_instead():
    answer = compose(CAT, Question("ask_phone", offres=("vad",)), MONDAY_10)
    assert "ne prévoit pas de support pour un contrat VAD" in answer.text and "09 69 37 80 30" in answer.text
    assert answer.offre == "jpel" and "assistance_spplus_jpel" in answer.contacts


def test_an_address_for_a_client_whose_line_has_none_gives_the_line_to_give_instead():
    # « il n'a pas plutôt une adresse mail ? » after the JPEL client's phone line: no client address in the document
    question = Question("ask_email", offres=("jpel",), services=("assistance",),
                        contacts=("assistance_spplus_jpel",), audience="client")
    text = compose(CAT, question, MONDAY_10).text
    assert text.startswith("Le document ne donne pas d’adresse e-mail à communiquer au client") and \
        "09 69 37 80 30" in text and "assistance-monetiquepro" not in text, text
