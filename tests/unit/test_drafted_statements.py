"""Ce que le collaborateur s'apprête à dire ou à écrire au commerçant, soumis pour vérification (vague r55, autres
mots) : « je vais lui dire que… », « je lui mets le numéro de… », « c'est bien le 08… ? » ; « Oui » ou « Non » d'abord,
quand le document tranche (docs/conversation.md)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from cecaz.hours import PARIS
from cecaz.reported import drafted_question, reported
from cecaz.textnorm import fold
from cecaz.when import Moment, asked_moment
from tests.unit.conftest import reply_to

INTERNAL_ADDRESS = "assistance-monetiquepro@natixis.com"
MONDAY_10H = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize("text, question", [
    ("Je compte écrire à une boulangère qui vend avec SP+ que c'est BPCE qui assure son assistance, c'est juste ?",
     "c est bpce qui assure son assistance ?"),
    ("jvais lui expliquer que la simu sera rangee ds myged c bon", "la simu sera rangee dans myged ?"),
    ("je lui dis de passer par le CIF, ça convient ?", "il doit passer par le cif ?"),
])
def test_a_draft_is_asked_as_the_closed_question_it_is(text, question):
    assert drafted_question(text) == question


def test_the_merchant_it_is_told_to_situates_the_claim():
    # the offer he sells with is where the claim holds, not what it claims
    before, claim = reported(fold("Je vais expliquer à un fromager sous Payplug qu'il est payé chaque jour"))
    assert "payplug" in before and claim == "il est paye chaque jour"


@pytest.mark.parametrize("text", ["je me demande si c'est juste", "il m'a dit que c'est bon", "je vais voir"])
def test_a_message_that_drafts_nothing_has_no_drafted_question(text):
    assert drafted_question(text) is None


@pytest.mark.parametrize("text, intent, named, verdict", [
    ("Je compte expliquer à un fromager en JPEL que ses tarifs seront fixés par le CIF en accord avec le réseau : "
     "correct ?", "ask_pricing", {"offres": ["jpel"], "roles": ["cif", "reseau"]}, "Oui"),
    ("jvais dire a une coiffeuse en jpel que sa simu de tarif sera deposee ds myged c juste", "ask_simulation_filing",
     {"offres": ["jpel"], "outils": ["myged"]}, "Oui"),
    ("Je vais expliquer à un libraire qui vend avec Payplug que ses encaissements arrivent par virements de Payplug et "
     "non de chez nous, c'est bien ça ?", "ask_funds", {"offres": ["payplug"]}, "Oui"),
    ("je vais expliquer à une fleuriste qui a un site que je peux lui vendre SP+ moi-même depuis l'agence, correct ?",
     "ask_open_services",
     {"offres": ["sp_plus"]}, "Non"),
])
def test_a_drafted_claim_is_checked_against_the_document(fixed_clock, text, intent, named, verdict):
    reply, _ = reply_to(text, intent, **named)
    assert reply.startswith(verdict)


@pytest.mark.parametrize("number, verdict", [("09 69 37 80 30", "Oui"), ("09 69 36 06 26", "Non")])
def test_a_line_he_will_tell_the_merchant_to_call_is_checked_by_its_number(fixed_clock, number, verdict):
    reply, _ = reply_to(f"une esthéticienne en JPEL a une panne, je vais lui dire d'appeler le {number}, ok ?",
                        "ask_phone", offres=["jpel"])
    assert reply.startswith(verdict) and "09 69 37 80 30" in reply and INTERNAL_ADDRESS not in reply


@pytest.mark.parametrize("text, named, verdict, number", [
    ("Dans ma réponse à un primeur sous Payplug, je lui mets le numéro de l'équipe partenariat, ok ?",
     {"offres": ["payplug"], "services": ["partenariat"]}, "Non", "+33 1 76 34 01 55"),
    ("dans mon courriel a un traiteur payplug je lui indique l'adresse support@payplug.com ca va",
     {"offres": ["payplug"]}, "Oui", "support@payplug.com"),
])
def test_a_line_written_down_for_the_merchant_is_whether_he_may_have_it(fixed_clock, text, named, verdict, number):
    reply, _ = reply_to(text, "ask_phone", **named)
    assert reply.startswith(verdict) and number in reply


@pytest.mark.parametrize("text, moment", [
    ("il peut les appeler du lundi au vendredi jusqu'à 18h ?", Moment(tuple(range(5)), None, None, time(18))),
    ("elle répond en semaine de 9h à 18h", Moment(tuple(range(5)), None, time(9), time(18))),
    ("ils décrochent dès 8h ?", Moment((), None, time(8))),
])
def test_a_period_stated_is_read_whole(text, moment):
    assert asked_moment(text, MONDAY_10H) == moment


@pytest.mark.parametrize("text, verdict", [
    ("je lui écris qu'elle peut les appeler du lundi au vendredi jusqu'à 18h, c'est juste ?", "Oui"),
    ("il peut les joindre en semaine de 10h à 19h ?", "Non"),
    # guards: a period whose first hour alone gives the same answer
    ("elle peut les appeler de 9h à 18h ?", "Oui"),
    ("ils décrochent dès 8h ?", "Non"),
])
def test_hours_stated_for_a_line_are_yes_or_no(fixed_clock, text, verdict):
    focus = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support"], "audience": "client"}
    reply, _ = reply_to(text, "ask_is_open", focus)
    assert reply.lstrip("*").startswith(verdict)


@pytest.mark.parametrize("number, verdict", [("09 69 37 80 30", "Oui"), ("09 69 36 06 26", "Non")])
def test_a_number_quoted_as_the_one_asked_is_yes_or_no(fixed_clock, number, verdict):
    focus = {"intent": "ask_support", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"], "audience": "client"}
    reply, _ = reply_to(f"et celui à lui donner, c'est bien le {number} ?", "ask_phone", focus)
    assert reply.startswith(verdict)


def test_a_call_said_to_have_a_cost_is_yes_for_a_priced_line(fixed_clock):
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"], "audience": "client"}
    reply, _ = reply_to("et je préviens le client que l'appel a un coût ?", "ask_phone", focus)
    assert reply.startswith("Oui") and "0,06" in reply


def test_the_line_just_named_written_down_by_its_pronoun_is_whether_he_may_have_it(fixed_clock):
    focus = {"intent": "ask_email", "offres": ["payplug"], "contacts": ["payplug_support"], "audience": "client"}
    reply, _ = reply_to("et le téléphone, je le rajoute ?", "ask_phone", focus)
    assert reply.startswith("Oui") and "+33 1 76 34 01 55" in reply


def test_telling_the_merchant_to_go_through_the_bank_for_a_line_is_no(fixed_clock):
    reply, _ = reply_to("Je vais écrire à une couturière chez Payplug que pour l'assistance elle passe par son agence, "
                        "c'est juste ?", "ask_support", offres=["payplug"], services=["support"])
    assert reply.startswith("Non") and "support@payplug.com" in reply


def test_a_line_offered_just_in_case_is_whether_he_may_have_it(fixed_clock):
    # « au cas où » : just in case, not a question of where
    focus = {"intent": "ask_support", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"], "audience": "client"}
    reply, _ = reply_to("et si je lui file aussi le num de la monétique pro au cas où ?", "ask_support", focus,
                        services=["assistance_monetique"])
    assert reply.startswith("Non") and "09 69 37 80 30" in reply


def test_something_of_ours_in_a_claim_is_not_something_we_do(fixed_clock):
    # the TPE he rents from us: the claim is about the link, not about what the CECAZ does
    reply, _ = reply_to("je vais lui dire que le lien se fera avec le terminal qu'il loue chez nous, c'est bien ça ?",
                        "ask_affiliation", cartes=["ancv"])
    assert not reply.startswith("Non")


@pytest.mark.parametrize("text", ["c'est donc un contact pour nous uniquement ?",
                                  "c'est alors une ligne pour nous seulement ?"])
def test_only_for_us_said_after_the_line_is_whether_it_is_reserved(fixed_clock, text):
    focus = {"intent": "ask_support", "contacts": ["assistance_monetique_pro"], "audience": "client", "point": "public"}
    reply, _ = reply_to(text, "ask_audience", focus)
    assert reply.startswith("Oui, réservé aux collaborateurs CECAZ")


def test_a_line_for_a_mail_written_to_merchants_is_theirs_only(fixed_clock):
    # the adviser writes to the merchants: their lines, never an internal one
    reply, _ = reply_to("Je rédige un courriel pour un opticien chez Payplug et un autre pour un garage SP+, quel "
                        "numéro de support dans chacun ?", "ask_phone", offres=["payplug", "sp_plus"],
                        services=["support"])
    assert "+33 1 76 34 01 55" in reply and "09 69 37 80 30" in reply and INTERNAL_ADDRESS not in reply


def test_a_merchant_described_in_a_drafted_claim_does_not_start_the_diagnostic(fixed_clock):
    # the facts situate the claim; the question is the claim, not which offer to propose
    reply, _ = reply_to("un fleuriste a un site et payplug lui va, je lui dis que son argent arrive tous les jours "
                        "c bon", "ask_funds", offres=["payplug"])
    assert reply.startswith("Oui") and "Votre client a-t-il" not in reply
