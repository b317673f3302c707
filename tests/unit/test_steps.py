"""« Et ensuite ? » (cecaz/steps.py) : l'étape qui suit dans une démarche du catalogue, de l'étape que nomme le
message ou la réponse précédente ; résolu par le focus (cecaz/focus.py) quelle que soit l'intention lue."""

from __future__ import annotations

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.families import compose
from cecaz.focus import Focus, after, after_recommendation
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.steps import Position, answer_next_steps, asks_next_step, opening_of, position_in
from tests.unit.test_focus import MONDAY_10, answer, focus_after

CAT = load_catalogue()


@pytest.mark.parametrize(("text", "asked"), [
    ("et ensuite ?", True), ("et après ?", True), ("ok et après on fait quoi ?", True), ("la suite ?", True),
    ("c'est quoi l'étape suivante ?", True), ("je fais quoi ensuite ?", True), ("ensuite ils font quoi ?", True),
    ("j'ai fini ma simu, je fais quoi ?", True), ("une fois le contrat signé, il se passe quoi ?", True),
    ("le client a reçu son numéro d'affilié, et maintenant ?", True),
    # « j'en fais quoi ? » : what to do with the thing done
    ("la simulation est terminée, j'en fais quoi ?", True), ("contrat signé, on en fait quoi", True),
    # not the step after: a fact, an hour, a place
    ("il est ouvert maintenant ?", False), ("et maintenant ?", False), ("et après 18h ?", False),
    ("puis-je le donner au client ?", False), ("une fois la simu faite je la dépose dans quel outil ?", False),
    ("une fois le contrat signé, qui fait le paramétrage ?", False), ("il la dépose où ensuite ?", False),
])
def test_a_question_on_the_next_step_is_read_by_its_form(text: str, asked: bool) -> None:
    assert asks_next_step(text) is asked


@pytest.mark.parametrize(("text", "offres", "cartes", "expected"), [
    ("j'ai fini ma simu", (), (), Position("tarif_acquisition", 0)),
    ("c'est déposé dans myged", (), (), Position("tarif_acquisition", 2)),
    ("le contrat est signé", ("sp_plus",), (), Position("ouverture_sp_plus", 1)),
    ("le contrat est signé", ("payplug",), (), Position("ouverture_payplug", 1)),
    ("le contrat est signé", (), (), Position("ouverture_services", 1)),  # no offer: the general process
    ("il a son numéro d'affilié", (), ("amex",), Position("affiliation_directe", 1)),
    ("j'ai fini ma simu", ("payplug",), (), None),  # Payplug negotiates its prices: no simulation step
    ("bonjour", (), (), None),
])
def test_the_step_reached_is_the_last_one_the_text_names_in_a_process_for_its_subject(text, offres, cartes,
                                                                                      expected):
    assert position_in(CAT, text, offres, cartes) == expected


def test_the_answer_gives_the_following_steps_in_order_with_the_source():
    text = answer_next_steps(CAT, Position("tarif_acquisition", 0)).text
    assert text.index("schéma délégataire") < text.index("MyGed")
    assert "SimulEasy" not in text and text.endswith("« Ressources collaborateurs – Quelle tarification ? »")


def test_at_the_last_step_the_answer_says_the_document_stops_there_and_routes_to_the_cif():
    text = answer_next_steps(CAT, Position("ouverture_sp_plus", 2)).text
    assert "OSC" in text and "dernière étape" in text and "CIF" in text


def test_without_a_step_the_answer_names_the_processes_the_document_orders():
    text = answer_next_steps(CAT, None).text
    assert all(d.nom in text for d in CAT.etapes.values()) and "Source" not in text


def test_after_a_recommendation_the_diagnostic_is_done():
    assert opening_of(CAT, "sp_plus") == Position("ouverture_sp_plus", 0)
    assert opening_of(CAT, "iz_ecommerce") is None  # IZ eCommerce contracts itself: no process in the document


@pytest.mark.parametrize(("focus", "text", "present", "absent"), [
    # after an answer that ran the whole process: its last step, and that the document stops there
    (focus_after("ask_pricing", offres=["jpel"]), "et ensuite ?", ["MyGed", "dernière étape"], []),
    # the step named in the message wins over the previous answer
    (focus_after("ask_phone", offres=["sp_plus"]), "le contrat SP+ est signé, et après ?", ["OSC"], ["09 69"]),
    (focus_after("ask_open_services", offres=["payplug"]), "c'est quoi l'étape suivante ?",
     ["virements quotidiens"], []),
    (after_recommendation("sp_plus", {}, "SP+", ()), "ok, et ensuite ?", ["contractualisation", "OSC"],
     ["diagnostic des besoins"]),
    (Focus(), "j'ai terminé la simulation, quelle est la prochaine étape ?", ["schéma délégataire", "MyGed"], []),
    (focus_after("ask_phone", offres=["payplug"]), "et ensuite ?", ["De quelle démarche"], ["+33"]),
])
def test_the_next_step_follows_the_conversation(focus, text, present, absent):
    reply = answer(focus, "inform_subject", text)
    assert all(p in reply for p in present), reply
    assert not any(a in reply for a in absent), reply


def test_once_the_process_is_told_to_its_end_the_next_question_gets_its_end():
    resolution = resolve(CAT, Question("inform_subject", offres=("sp_plus",)), "le contrat SP+ est signé, et après ?",
                         Focus(), MONDAY_10)
    assert resolution.question is not None
    focus = after(Focus(), resolution.question, compose(CAT, resolution.question, MONDAY_10))
    assert focus.demarche == "ouverture_sp_plus" and Focus.from_slot(focus.to_slot(), CAT) == focus
    assert "dernière étape" in answer(focus, "inform_subject", "et après ?")
