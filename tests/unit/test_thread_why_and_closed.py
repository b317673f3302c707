"""Relances d'un nouveau collègue qui veut comprendre (vague r53, autres mots) : un moment dit pour joindre la ligne
en focus par un pronom ; si cette ligne sert aussi une offre, ou une autre ligne de l'offre nommée ; « l'autre simu » ;
ce que fait un rôle nommé ou repris par un pronom ; où va la simulation, où est un document ; un pourquoi sans raison
dans le document ; la règle de la tarification après un rôle ; « lui » repris du message d'avant
(docs/conversation.md)."""

from __future__ import annotations

import pytest

from actions.diagnostic import ValidateDiagnosticForm
from tests.unit.conftest import reply_to, run_action
from tests.unit.test_diagnostic_actions import texts, tracker

PAYPLUG_SUPPORT = {"intent": "ask_phone", "offres": ["payplug"], "services": ["support"],
                   "contacts": ["payplug_support"], "audience": "client"}


@pytest.mark.parametrize("text, intent, verdict", [
    ("le commerçant pourra les contacter samedi à 10h ?", "ask_audience", "Non"),
    ("elle peut les joindre demain matin à 9h30", "ask_audience", "Oui"),
    ("il pourra l'appeler ce soir vers 19h ?", "ask_audience", "Non"),
])
def test_a_moment_said_to_reach_the_line_in_focus_is_whether_it_is_open(fixed_clock, text, intent, verdict):
    reply, _ = reply_to(text, intent, PAYPLUG_SUPPORT)
    # « Non (le samedi à 10h) : » : the moment said, not whom the line serves
    assert reply.startswith(f"{verdict} (") and "du lundi au vendredi de 9h à 18h" in reply


def test_the_merchant_calling_the_line_with_no_moment_is_still_whom_it_serves(fixed_clock):
    # guard: without a moment, « il peut l'appeler lui-même ? » asks whether the line may be given
    reply, _ = reply_to("il peut l'appeler lui-même ?", "ask_audience", PAYPLUG_SUPPORT)
    assert reply.startswith("Oui") and "à communiquer au client" in reply


BPCE_ASSISTANCE = {"intent": "ask_support", "offres": ["jpel"], "services": ["assistance"],
                   "contacts": ["assistance_spplus_jpel"]}


@pytest.mark.parametrize("text, offer, verdict", [
    ("et ce service couvre aussi les clients sp+ ?", "sp_plus", "Oui"),
    ("cette ligne elle s'occupe aussi de payplug", "payplug", "Non"),
    ("ce service traite iz ecommerce aussi ?", "iz_ecommerce", "Non"),
])
def test_whether_the_line_in_focus_also_serves_an_offer_is_yes_or_no(fixed_clock, text, offer, verdict):
    reply, _ = reply_to(text, "inform_subject", BPCE_ASSISTANCE, offres=[offer])
    assert reply.startswith(verdict)


def test_the_diagnostic_does_not_start_when_a_line_is_asked_whether_it_serves_an_offer(fixed_clock):
    messages, events = run_action(ValidateDiagnosticForm(), tracker(
        "et cette assistance, elle gère aussi sp+ ?", "inform_payment_methods", {"focus": BPCE_ASSISTANCE},
        entities=[{"entity": "offer", "value": "sp_plus"}], active_loop={}))
    said = "\n".join(t or "" for t in texts(messages))
    assert said.startswith("Oui") and "09 69 37 80 30" in said and "utter_diagnostic_intro" not in said
    assert events[-1].get("event") == "followup" and events[-1].get("name") == "action_listen"


@pytest.mark.parametrize("text", [
    "et pour un commerçant SP+, il existe un autre numéro que celui-là ?",
    "pr un client sp plus ya une autre ligne a part celle la",
])
def test_another_line_for_an_offer_named_is_that_offers_other_client_line(fixed_clock, text):
    reply, _ = reply_to(text, "inform_subject", BPCE_ASSISTANCE, offres=["sp_plus"])
    assert "08 10 00 47 24" in reply and "09 69 37 80 30" not in reply
    assert "assistance-monetiquepro" not in reply


SIMULEASY = {"intent": "ask_tool", "outils": ["simuleasy"], "objets": ["simuleasy"]}


def test_the_other_simulator_after_one_is_the_second_of_the_two(fixed_clock):
    _, kept = reply_to("Et l'autre simu, il sert à quoi ?", "ask_tool", SIMULEASY)
    assert kept["outils"] == ["simulupi"]


@pytest.mark.parametrize("text, card, verdict", [
    ("l'autre simulateur, il prend les Diners ?", "diners", "Oui"),
    ("et l'autre simu ça marche pour les cartes chinoises ?", "upi", "Oui"),
])
def test_a_closed_question_on_the_other_simulator_is_answered_for_it(fixed_clock, text, card, verdict):
    reply, _ = reply_to(text, "inform_subject", SIMULEASY, cartes=[card])
    assert reply.startswith(verdict) and "SimulUPI" in reply


CIF_ROLE = {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"]}
ATC_ROLE = {"intent": "ask_role", "roles": ["atc"], "acteurs": ["atc", "reseau"]}


@pytest.mark.parametrize("text, intent, role, said", [
    ("et le réseau, il fait quoi au juste ?", "ask_open_services", "reseau", "donne son accord"),
    ("Et l'ATC, c'est quoi son rôle ?", "ask_pricing", "atc", "Lead Monexpert"),
])
def test_what_a_role_named_does_is_its_missions_whatever_the_family_read(fixed_clock, text, intent, role, said):
    reply, kept = reply_to(text, intent, CIF_ROLE, roles=[role])
    assert said in reply and kept["intent"] == "ask_role"


@pytest.mark.parametrize("text, tool", [
    ("il peut aussi faire les paramétrages dans OSC ?", "osc"),
    ("Il pourrait établir la tarification avec SimulEasy ?", "simuleasy"),
])
def test_what_the_role_in_focus_can_do_by_a_pronoun_is_no_when_another_does_it(fixed_clock, text, tool):
    reply, _ = reply_to(text, "ask_open_services", ATC_ROLE, outils=[tool])
    assert reply.startswith("Non") and "CIF" in reply


@pytest.mark.parametrize("text", [
    "le calcul de rentabilité, je le range où une fois fini",
    "Ma simulation terminée, on la dépose où ?",
])
def test_where_the_simulation_goes_asked_first_is_myged(fixed_clock, text):
    reply, _ = reply_to(text, "nlu_fallback")
    assert "MyGed" in reply


DELEGATION_DOERS = {"intent": "ask_role", "roles": ["cif", "reseau"], "acteurs": ["cif", "reseau"],
                    "objets": ["schema_delegataire"]}


@pytest.mark.parametrize("text", ["on le trouve où ce schéma", "Et ce document, il se trouve où ?"])
def test_where_a_document_in_focus_is_read_as_whom_it_serves_is_still_where(fixed_clock, text):
    reply, _ = reply_to(text, "ask_audience", DELEGATION_DOERS)
    assert "page 3" in reply and "De quelle ligne" not in reply


LEAD_DOERS = {"intent": "ask_role", "roles": ["atc", "reseau"], "acteurs": ["atc", "reseau"], "objets": ["monexpert"]}


@pytest.mark.parametrize("text", ["pk c le réseau qui décide", "Et pourquoi est-ce au réseau de choisir ?"])
def test_a_why_the_document_does_not_answer_says_so_and_what_it_says_of_the_role(fixed_clock, text):
    reply, _ = reply_to(text, "ask_why", LEAD_DOERS, roles=["reseau"])
    assert "ne donne pas la raison" in reply and "Réseau : donne son accord" in reply


@pytest.mark.parametrize("text", [
    "il doit respecter quelque chose quand il fixe les prix ?",
    "y a des plafonds à respecter pr sa tarif",
])
def test_the_rule_of_the_pricing_asked_after_a_role_is_the_delegation_scheme(fixed_clock, text):
    reply, _ = reply_to(text, "ask_pricing", CIF_ROLE)
    assert "schéma délégataire" in reply


VAD = {"intent": "ask_vad", "offres": ["vad"]}


@pytest.mark.parametrize("text, before", [
    ("et en JPEL c'est encore lui qui la saisit ?", "donc c'est le commerçant qui saisit la carte en VAD ?"),
    ("avec jpel cest tjrs elle qui tape les numeros de carte", "c'est ma cliente qui porte le risque d'impayé ?"),
])
def test_he_who_the_message_before_named_is_the_merchant_for_who_does_it(fixed_clock, text, before):
    reply, _ = reply_to(text, "nlu_fallback", VAD, before=before, offres=["jpel"])
    assert reply.startswith("Non") and "porteur saisit lui-même" in reply


ANCV_FOR_A_JPEL_CLIENT = {"intent": "ask_affiliation", "offres": ["jpel"], "cartes": ["ancv"]}


def test_an_internal_line_to_give_for_an_affiliation_is_no_and_the_direct_request(fixed_clock):
    reply, kept = reply_to("je lui file le mail de la monétique pro pour sa demande ?", "ask_audience",
                           ANCV_FOR_A_JPEL_CLIENT, services=["assistance_monetique"])
    assert reply.startswith("Non") and "en direct" in reply and "09 69 37 80 30" not in reply
    reply, _ = reply_to("du coup il s'adresse à qui ?", "ask_support", kept)
    assert "en direct" in reply and "assistance-monetiquepro" not in reply


IZ_PRICING = {"intent": "ask_pricing", "offres": ["iz_ecommerce"]}


@pytest.mark.parametrize("text", [
    "et pour la page de paiement, c'est également eux ?",
    "Et les pages de paiement de son site, c'est aussi eux ?",
])
def test_is_it_also_them_with_also_before_the_pronoun(fixed_clock, text):
    reply, _ = reply_to(text, "ask_offer_definition", IZ_PRICING)
    assert reply.startswith("Non") and "Payplug" in reply


JPEL_PRICING_DINERS = {"intent": "ask_pricing", "offres": ["jpel"], "cartes": ["dfs_diners"],
                       "acteurs": ["cif", "reseau"], "regles": ["schema_delegataire"]}


@pytest.mark.parametrize("text", ["pk on doit passer par un simulateur", "Pourquoi faire une simulation ?"])
def test_why_a_simulation_after_a_cards_pricing_is_the_simulations_reason(fixed_clock, text):
    reply, _ = reply_to(text, "ask_why", JPEL_PRICING_DINERS)
    assert "simulateur de rentabilité" in reply and "DFS/Diners" not in reply


SP_PLUS_CLIENT_LINES = {"intent": "ask_phone", "offres": ["sp_plus"],
                        "contacts": ["assistance_spplus_jpel", "service_clients_spplus"], "audience": "client"}
SERVICE_CLIENTS = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"]}


@pytest.mark.parametrize("text", ["elle a une adresse mail celle la", "il a un mail ce numero la"])
def test_a_demonstrative_typed_without_its_hyphen_is_not_now(fixed_clock, text):
    reply, _ = reply_to(text, "ask_email", SERVICE_CLIENTS)
    assert "assistance-spplus@natixis.com" in reply and "en ce moment" not in reply


def test_the_line_picked_by_its_price_is_the_subject_and_the_other_one_is_left(fixed_clock):
    reply, kept = reply_to("c lequel qui est payant", "ask_phone", SP_PLUS_CLIENT_LINES)
    assert "08 10 00 47 24" in reply and kept["contacts"] == ["service_clients_spplus"]
    reply, _ = reply_to("et l'autre il couvre jpel aussi ?", "inform_subject", kept, offres=["jpel"])
    assert reply.startswith("Oui") and "09 69 37 80 30" in reply and "assistance-monetiquepro" not in reply
