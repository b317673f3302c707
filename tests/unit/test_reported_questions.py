"""La question du commerçant rapportée par le collaborateur (« il me demande si… », « elle veut savoir qui… ») : lue
comme il l'a posée (`cecaz.reported.asked_directly`), puis répondue comme elle (vague 64)."""

from __future__ import annotations

import pytest

from cecaz.aspects import asks_who_they_are
from cecaz.reported import asked_directly, merchant_question
from tests.unit.conftest import reply_to


@pytest.mark.parametrize(("text", "asked"), [
    ("il voudrait savoir si la simulation est obligatoire", "il me demande : la simulation est obligatoire ?"),
    ("Mon boulanger m’a demandé s’il devait signer deux contrats.",
     "Mon boulanger me demande : il devait signer deux contrats ?"),
    ("le gérant se demande si l'appel au service client est payant ?",
     "le gérant me demande : l'appel au service client est payant ?"),
    ("un pharmacien m'a demandé ce qu'est SimulUPI", "un pharmacien me demande : c'est quoi SimulUPI ?"),
    # its own sentence only; what follows stays
    ("il voudrait savoir si c'est payant. Je lui dis quoi ?", "il me demande : c'est payant ? Je lui dis quoi ?"),
    # what situates the merchant, before the report, is kept
    ("Un opticien a un site. Il aimerait savoir si Payplug lui irait",
     "Un opticien a un site. Il me demande : Payplug lui irait ?"),
])
def test_the_merchants_reported_question_is_asked_as_he_asked_it(text: str, asked: str) -> None:
    assert asked_directly(text) == asked


@pytest.mark.parametrize("text", [
    "il me demande les tarifs",            # no question reported: what he asked for
    "je me demande si",                   # nothing after the report
    "le CIF se demande où",
    "quel numéro je lui donne ?",
    "on se demande si le CIF peut le faire seul",  # the advisers wondering, not the merchant asking
    "sur la tarif je me demande si le réseau valide",
    "elle voudrait savoir si c'est le CIF qui signe ou si c'est l'ATC",  # a choice, not a yes or no
    # an open question reported stays as it is: who asks says whose lines
    "Un commerçant Payplug me demande qui appeler quand ses paiements bloquent.",
])
def test_a_message_that_reports_no_question_is_unchanged(text: str) -> None:
    assert asked_directly(text) == text


@pytest.mark.parametrize(("before", "before_intent", "offer", "text", "intent", "named"), [
    ("c'est quoi IZ eCommerce ?", "ask_site_creation", "iz_ecommerce",
     "il me demande si c'est IZ eCommerce qui fixe le prix de son site", "ask_pricing", ["iz_ecommerce"]),
    ("c'est quoi Payplug ?", "ask_offer_definition", "payplug", "elle me demande s'ils gèrent aussi l'acquisition",
     "ask_contracts", []),
])
def test_a_reported_closed_question_is_answered_yes_or_no_first(fixed_clock, before, before_intent, offer, text,
                                                                  intent, named):
    _, focus = reply_to(before, before_intent, offres=[offer])
    reply, _ = reply_to(text, intent, focus, offres=named)
    assert reply.startswith("Oui"), reply


def test_a_reported_question_unplaced_by_the_nlu_still_follows_on_the_answer(fixed_clock):
    # « elle » is the merchant of the conversation: the question is on the answer before, its rule
    _, focus = reply_to("la simu SimulEasy d'un contrat SP+ est faite, on en fait quoi ?", "ask_simulation_filing",
                        offres=["sp_plus"], outils=["simuleasy"])
    reply, _ = reply_to("elle aimerait savoir si sa tarification doit suivre une règle", "nlu_fallback", focus)
    assert reply.startswith("Oui") and "schéma délégataire" in reply, reply


@pytest.mark.parametrize(("text", "offre", "said"), [
    ("Demain je vois un boulanger qui me demande ce qu'est SP+ au juste.", "sp_plus", "la plus modulaire"),
    ("rdv cet aprem avec une opticienne qui voudrait savoir ce qu'est JPEL", "jpel", "sans site"),
])
def test_who_asks_described_before_his_question_makes_no_who_question(text: str, offre: str, said: str) -> None:
    # « … une caviste qui me demande… » : that « qui » describes who speaks; what is asked is what the offer is
    reply, _ = reply_to(asked_directly(text), "nlu_fallback", offres=[offre])
    assert said in reply, reply


def test_the_merchants_question_alone_is_its_own_sentence() -> None:
    assert merchant_question("il me demande : c'est payant ? Je lui dis quoi ?") == "c'est payant ?"
    assert merchant_question("quel numéro je lui donne ?") is None


@pytest.mark.parametrize(("text", "who"), [
    ("dans le récap : « pages de paiement gérées par Payplug ». c qui deja ceux la", True),
    ("Qui sont-ils au juste ?", True),
    ("c'est qui qui signe le contrat ?", False),  # who does something
    ("qui c'est qui fait la simu ?", False),
])
def test_who_they_are_is_the_whole_last_question(text: str, who: bool) -> None:
    assert asks_who_they_are(text) is who


def test_who_a_company_noted_in_the_file_is_what_the_offer_is() -> None:
    reply, focus = reply_to("le collègue a écrit « encaissement via Payplug ». C'est qui exactement ?", "nlu_fallback",
                            offres=["payplug"])
    assert "filiale du Groupe BPCE" in reply and focus["intent"] == "ask_offer_definition", reply
