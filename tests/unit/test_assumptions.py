"""Ce que le collègue suppose (vague r63, autres mots) : le rôle deviné dans une question « qui… ? », le pronom qui
reprend celui que la réponse nomme, un fait redit avec « ces … bien » ; docs/conversation.md."""

from __future__ import annotations

import pytest

from tests.unit.conftest import reply_to


@pytest.mark.parametrize(("text", "opening"), [
    ("qui fait signer le commerçant SP+, je suppose que c'est l'ATC ?", "Non"),
    ("qui réalise le diagnostic des besoins, c'est bien le CIF non ?", "Oui"),
])
def test_the_role_a_who_question_guesses_is_checked_against_the_answer(fixed_clock, text, opening):
    role = "atc" if "ATC" in text else "cif"
    reply, _ = reply_to(text, "ask_open_services", roles=[role])
    assert reply.startswith(opening) and "CIF" in reply


def test_after_a_wrong_guess_he_is_the_role_the_answer_names(fixed_clock):
    _, kept = reply_to("qui pilote la mise en place des services, ce serait le réseau ?", "ask_open_services",
                       roles=["reseau"])
    assert kept["roles"] == ["cif"]
    reply, _ = reply_to("et il paramètre aussi les contrats dans OSC ?", "ask_open_services", kept, outils=["osc"])
    assert reply.startswith("Oui")


def test_a_fact_said_back_with_these_and_well_is_confirmed(fixed_clock):
    funds = {"intent": "ask_funds", "offres": ["payplug"]}
    reply, _ = reply_to("ces paiements tombent bien sur son compte à la CECAZ ?", "ask_funds", funds)
    assert reply.startswith("Oui")


def test_what_an_offer_solves_is_what_it_brings_not_its_support(fixed_clock):
    reply, _ = reply_to("et avec JePaieEnLigne, en quoi ça évite le problème ?", "ask_support", offres=["jpel"])
    assert "le porteur saisit lui-même" in reply and "09 69 37 80 30" not in reply


def test_another_line_that_will_do_too_is_asked_of_its_public(fixed_clock):
    given = {"intent": "ask_audience", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"],
             "audience": "client", "point": "public"}
    reply, _ = reply_to("et le mail de la monétique pro à la suite de celui-là, c'est bon ?", "nlu_fallback", given,
                        services=["assistance_monetique"])
    assert reply.startswith("Non") and "assistance-monetiquepro@natixis.com" not in reply


def test_done_alone_of_another_aspect_than_the_answers_is_asked_for_its_offer(fixed_clock):
    contracts = {"intent": "ask_contracts", "offres": ["sp_plus"], "roles": ["cif"], "acteurs": ["cif"]}
    reply, _ = reply_to("et les tarifs de l'acquisition, le CIF les décide seul ?", "ask_pricing", contracts,
                        roles=["cif"])
    assert reply.startswith("Non") and "réseau" in reply and "Tarification SP+" in reply


@pytest.mark.parametrize(("text", "simulators"), [
    ("la simu qu'on dépose là-dedans, on la monte sur quel outil ?", True),
    ("et la simulation, elle se range où ?", False),
])
def test_what_a_simulation_is_made_with_is_the_simulators_not_its_filing(fixed_clock, text, simulators):
    reply, _ = reply_to(text, "ask_simulation_filing", {"intent": "ask_tool", "outils": ["myged"]})
    assert ("Deux simulateurs de rentabilité" in reply) is simulators


def test_a_role_named_beside_the_guess_is_not_the_guess(fixed_clock):
    # « l'ATC » is who is warned, the guess is « le commerçant »: no verdict on the ATC
    from cecaz.catalogue import shared_store
    from cecaz.families import compose
    from cecaz.focus import guessed_doer_verdict
    from cecaz.phrasing import Question
    from tests.unit.conftest import MONDAY_10
    cat, question = shared_store().get(), Question("ask_role", roles=("atc",))
    assert guessed_doer_verdict(cat, "qui prévient l'ATC, c'est le commerçant ?", question,
                                compose(cat, question, MONDAY_10)) is None
