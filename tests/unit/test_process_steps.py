"""Relances sur les étapes de la mise en place d'une offre (vague r33, issue 11) : besoin d'un paramétrage quand la
question nomme qui le ferait, simulation demandée par le nom du simulateur, simulateur donné à la place de celui
demandé, personne d'une réponse sur les rôles confirmée, ligne client qui partage l'adresse d'une ligne interne,
deux coordonnées demandées ensemble, « il » impersonnel d'un pourquoi, ligne désignée par la fin de son numéro ou par
un démonstratif en tête.
Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from cecaz.audience import asks_if_staff_may_use
from cecaz.families import compose
from cecaz.focus import AUDIENCE, Focus
from cecaz.lines_in_focus import focus_for_message, quoted_contacts
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from tests.unit.conftest import build_tracker, run_action
from tests.unit.test_focus import CAT, MONDAY_10


@pytest.mark.parametrize(("offer", "lead"), [("payplug", "Non."), ("sp_plus", "Oui.")])
def test_whether_a_role_must_set_something_up_is_whether_the_offer_has_contracts(offer: str, lead: str) -> None:
    # « le CIF doit… » says who would do it; the question is whether there is anything to set up
    question = Question("ask_tool", outils=("osc",), roles=("cif",))
    resolution = resolve(CAT, question, "pour ce client, le CIF a des paramétrages à faire dans OSC ?",
                         Focus("ask_offer_definition", offres=(offer,)), MONDAY_10)
    assert resolution.lead == lead
    assert resolution.question is not None and resolution.question.intent == "ask_contracts"


def test_asking_who_sets_it_up_is_not_whether_there_is_anything_to_set_up() -> None:
    resolution = resolve(CAT, Question("ask_tool", outils=("osc",), roles=("cif",)),
                         "c'est le CIF qui fait le paramétrage dans OSC ?", Focus("ask_contracts", offres=("payplug",)),
                         MONDAY_10)
    assert resolution.lead is None


@pytest.mark.parametrize(("offer", "lead"), [("payplug", "Non."), ("jpel", "Oui.")])
def test_a_simulation_asked_by_its_simulators_name_is_whether_the_offer_needs_one(offer: str, lead: str) -> None:
    resolution = resolve(CAT, Question("ask_simulator", outils=("simuleasy",)), "on doit passer par SimulEasy ?",
                         Focus("ask_contracts", offres=(offer,)), MONDAY_10)
    assert resolution.lead == lead
    assert resolution.question is not None and resolution.question.offres == (offer,)


def test_a_simulation_for_a_card_names_the_simulator_not_the_offers_need() -> None:
    resolution = resolve(CAT, Question("ask_simulator", outils=("simuleasy",), cartes=("dfs_diners",)),
                         "on doit passer par SimulEasy pour les Diners ?", Focus("ask_contracts", offres=("jpel",)),
                         MONDAY_10)
    assert resolution.point != "simulation"


def test_the_simulator_given_instead_of_the_one_asked_is_the_next_it() -> None:
    entities = [{"entity": "tool", "value": "simuleasy", "start": 31, "end": 40},
                {"entity": "card", "value": "upi", "start": 50, "end": 57}]
    text = "pour son contrat on simule sur SimulEasy avec l'UnionPay ?"
    messages, events = run_action(ActionAnswer(), build_tracker(text, "ask_simulator", entities=entities))
    assert messages[0]["text"].startswith("Non.") and "SimulUPI" in messages[0]["text"]
    focus = Focus.from_slot(events[0]["value"])
    assert focus.objets == ("simulupi",)
    diners = resolve(CAT, Question("ask_simulator", cartes=("dfs_diners",)), "et il marche pour Diners aussi ?",
                     focus, MONDAY_10)
    assert diners.lead is not None and diners.lead.startswith("Oui")


def test_whether_a_person_of_the_roles_answer_does_it_is_read_in_that_answer() -> None:
    focus = Focus("ask_role", roles=("atc", "reseau"), acteurs=("atc", "reseau"), objets=("monexpert",))
    decides = resolve(CAT, Question("ask_open_services", roles=("reseau",)),
                      "donc c'est le réseau qui choisit si le lead est saisi ?", focus, MONDAY_10)
    assert decides.lead == "Oui."
    assert decides.question is not None and decides.question.intent == "ask_role"


def test_the_client_line_sharing_an_internal_address_becomes_the_line_in_focus() -> None:
    focus = Focus("ask_email", offres=("sp_plus",), contacts=("assistance_spplus_interne",))
    resolution = resolve(CAT, Question(AUDIENCE), "un commerçant peut écrire à cette adresse ?", focus, MONDAY_10)
    assert resolution.question is not None
    answer = compose(CAT, resolution.question, MONDAY_10)
    assert answer.contacts[0] == "service_clients_spplus"


@pytest.mark.parametrize("text", ["le numéro et l'adresse mail de la monétique pro ?",
                                  "horaires et tél de l'assistance monétique svp"])
def test_two_coordinates_asked_together_give_the_whole_line(text: str) -> None:
    resolution = resolve(CAT, Question("ask_email", services=("assistance_monetique",)), text, Focus(), MONDAY_10)
    assert resolution.question is not None
    answer = compose(CAT, resolution.question, MONDAY_10).text
    assert "09 69 36 06 26" in answer and "assistance-monetiquepro@natixis.com" in answer and "9h à 18h" in answer


def test_the_impersonal_il_of_a_why_is_not_the_person_of_the_answer() -> None:
    focus = Focus("ask_pricing", offres=("sp_plus",), roles=("cif",), acteurs=("cif", "reseau"))
    impersonal = resolve(CAT, Question("ask_why"), "pourquoi il est obligatoire de faire une simulation ?", focus,
                         MONDAY_10)
    assert impersonal.question is not None and impersonal.question.about != "ask_role"
    person = resolve(CAT, Question("ask_why"), "et pourquoi lui ?", focus, MONDAY_10)
    assert person.question is not None and person.question.about == "ask_role"


@pytest.mark.parametrize(("text", "line"), [("et le numéro qui se termine par 06 26, il est pour qui ?",
                                             "assistance_monetique_pro"),
                                            ("celui finissant en 01 55 je peux le donner ?", "payplug_support"),
                                            ("le numéro en +33, on le passe au client ?", "payplug_support")])
def test_a_line_named_by_the_end_of_its_number(text: str, line: str) -> None:
    assert quoted_contacts(CAT, text) == (line,)


def test_whether_a_line_named_by_its_last_digits_may_be_given_is_its_public() -> None:
    text = "et celle qui se termine par 06 26 ?"
    focus = focus_for_message(CAT, text, Focus("ask_support", offres=("sp_plus",),
                                               contacts=("assistance_spplus_jpel", "assistance_spplus_interne")))
    resolution = resolve(CAT, Question(AUDIENCE), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == AUDIENCE
    assert resolution.question.contacts == ("assistance_monetique_pro",)


@pytest.mark.parametrize(("text", "asked"), [("et celui du début, on peut le joindre nous aussi ?", True),
                                             ("celle d'avant, je peux l'utiliser ?", True),
                                             ("et celui du début, il ouvre à quelle heure ?", False)])
def test_whether_the_staff_may_use_a_line_said_by_a_demonstrative(text: str, asked: bool) -> None:
    assert asks_if_staff_may_use(text) is asked
