"""Deux sujets à la fois (vague r34, issue 11) : une réponse pour chacun quand la famille n'en prend qu'un, une
correction qui les veut tous, « lequel est payant ? » parmi plusieurs lignes, « l'autre » d'une offre ou d'une
comparaison, une ligne désignée par son prix, une question fermée sur deux offres ou sur toutes les lignes.
Phrases écrites pour ces tests."""

from __future__ import annotations

import pytest

from actions.clarify import ActionClarify
from actions.conversation import ActionRepeat
from cecaz.audience import names_the_line_by_pronoun
from cecaz.detour import returns_to_earlier
from cecaz.families import compose
from cecaz.focus import AUDIENCE, CORRECTION, SUBJECT_ONLY, Focus, is_correcting, repeated_aspect, tools_asked
from cecaz.lines_in_focus import asks_call_cost, listed_line
from cecaz.moves import read_move
from cecaz.phrasing import Answer, Question
from cecaz.resolve import resolve
from cecaz.verdicts import confirmation_verdict, every_verdict
from tests.unit.conftest import build_tracker, run_action
from tests.unit.test_focus import CAT, MONDAY_10


@pytest.mark.parametrize(("question", "facts"), [
    (Question("ask_tool", outils=("myged", "osc")), ["MyGed", "OSC"]),
    (Question("ask_offer_definition", outils=("simuleasy", "simulupi")), ["standards", "Diners"]),
    (Question("ask_simulator", cartes=("upi", "amex")), ["SimulUPI", "en direct"]),
    (Question("ask_affiliation", cartes=("ancv", "dfs_diners")), ["ANCV", "SimulUPI"]),
    (Question("ask_pricing", offres=("sp_plus", "payplug")), ["CIF", "négocie"]),
])
def test_each_subject_named_gets_its_answer(question: Question, facts: list) -> None:
    text = compose(CAT, question, MONDAY_10).text
    assert all(fact in text for fact in facts), text


def test_one_subject_gets_its_answer_only() -> None:
    assert "MyGed" not in compose(CAT, Question("ask_tool", outils=("osc",)), MONDAY_10).text


@pytest.mark.parametrize(("text", "named", "kept"), [
    ("non, je les voulais toutes les deux, SP+ et JPEL", ("sp_plus", "jpel"), ("sp_plus", "jpel")),
    ("non je demandais pour SP+ et JPEL", ("sp_plus", "jpel"), ("sp_plus", "jpel")),
    ("pas SP+, JPEL", ("sp_plus", "jpel"), ("jpel",)),
    ("pas SP+, je voulais dire JPEL et Payplug", ("sp_plus", "jpel", "payplug"), ("jpel", "payplug")),
])
def test_a_correction_keeps_every_subject_it_means(text: str, named: tuple, kept: tuple) -> None:
    resolution = resolve(CAT, Question(CORRECTION, offres=named), text, Focus("ask_contracts", offres=("sp_plus",)),
                         MONDAY_10)
    assert resolution.question is not None and resolution.question.offres == kept


def test_which_of_several_lines_costs_a_call() -> None:
    focus = Focus("ask_phone", offres=("sp_plus",), contacts=("assistance_spplus_jpel", "service_clients_spplus"))
    which = resolve(CAT, Question("ask_phone"), "laquelle des deux est payante ?", focus, MONDAY_10)
    assert which.question is not None and which.question.contacts == ("service_clients_spplus",)
    assert which.lead is None
    any_one = resolve(CAT, Question("ask_phone"), "il y en a une des deux qui est payante ?", focus, MONDAY_10)
    assert any_one.lead == "Oui." and any_one.question is not None
    assert any_one.question.contacts == ("service_clients_spplus",)


def _clarified(text: str, focus: Focus) -> list:
    """The messages `action_clarify` sends for `text`, which DIET was unsure of, after an answer with that focus."""
    messages, _ = run_action(ActionClarify(), build_tracker(text, "nlu_fallback", confidence=0.4,
                                                            slots={"focus": focus.to_slot()}))
    return messages


def test_which_line_costs_a_call_read_as_unsure_is_still_answered() -> None:
    focus = Focus("ask_phone", offres=("sp_plus",), contacts=("assistance_spplus_jpel", "service_clients_spplus"))
    messages = _clarified("et lequel des 2 est payant", focus)
    assert "0,06 €/min" in messages[0]["text"] and "09 69 37 80 30" not in messages[0]["text"]


def test_the_other_line_asked_for_whom_is_the_offers_other_line() -> None:
    focus = Focus("ask_phone", offres=("payplug",), contacts=("payplug_support",), audience="client")
    resolution = resolve(CAT, Question(AUDIENCE), "et l'autre numéro, il sert à qui ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.contacts == ("payplug_partenariat",)


def test_the_other_subject_of_a_comparison_is_the_same_question_not_a_return() -> None:
    earlier = Focus("ask_phone", offres=("payplug", "sp_plus"), contacts=("payplug_support", "service_clients_spplus"))
    focus = Focus("ask_support", offres=("sp_plus",), contacts=("service_clients_spplus",), point="public",
                  avant=earlier)
    reading = Question(SUBJECT_ONLY, offres=("payplug",))
    assert returns_to_earlier(CAT, "et l'autre, pour Payplug ?", reading, focus, MONDAY_10) is None
    assert returns_to_earlier(CAT, "pour revenir à Payplug, c'est bon ?", reading, focus, MONDAY_10) is not None


@pytest.mark.parametrize(("text", "cost"), [("celle qui est payante, elle a une adresse mail ?", False),
                                            ("le gratuit il ouvre le samedi ?", False),
                                            ("ce numéro est payant ?", True),
                                            ("le tel de la ligne payante de SP+ stp", False),
                                            ("le service client payant ?", True)])
def test_a_line_said_by_its_price_is_not_a_question_on_the_price(text: str, cost: bool) -> None:
    assert asks_call_cost(text) is cost


def test_a_closed_question_on_two_offers_is_answered_for_each() -> None:
    focus = Focus("ask_offer_definition", offres=("payplug", "jpel"))
    resolution = resolve(CAT, Question("ask_contracts"), "et pour les deux il y a un contrat à ouvrir ?", focus,
                         MONDAY_10)
    assert resolution.lead == "Oui pour JePaieEnLigne (JPEL) ; non pour Payplug."
    assert resolution.question is not None and set(resolution.question.offres) == {"payplug", "jpel"}
    same = resolve(CAT, Question("ask_pricing"), "faut une simulation pour ces deux-là ?",
                   Focus("ask_contracts", offres=("sp_plus", "jpel")), MONDAY_10)
    assert same.lead == "Oui."


def test_lines_in_focus_serving_several_offers_are_given_once() -> None:
    question = Question("ask_email", offres=("payplug", "sp_plus"),
                        contacts=("payplug_support", "service_clients_spplus"))
    text = compose(CAT, question, MONDAY_10).text
    assert text.count("support@payplug.com") == 1 and text.count("assistance-spplus@natixis.com") == 1


@pytest.mark.parametrize(("text", "lead"), [("elles sont toutes joignables le samedi ?", "Non."),
                                            ("les 2 répondent le samedi ?", "Non."),
                                            ("ouvert le samedi ?", None)])
def test_whether_all_the_lines_are_open_is_no_when_it_depends_on_the_line(text: str, lead: object) -> None:
    answer = Answer("Ça dépend de la ligne (le samedi) : non pour A ; oui pour B :\n- A\n- B")
    assert every_verdict(CAT, text, answer) == lead


def test_whether_the_lines_given_share_their_coordinate() -> None:
    shared = Focus("ask_email", offres=("sp_plus",), contacts=("assistance_spplus_interne", "service_clients_spplus"))
    same = resolve(CAT, Question("inform_subject"), "c'est la même adresse ?", shared, MONDAY_10)
    assert same.lead == "Oui."
    apart = Focus("ask_email", contacts=("payplug_support", "payplug_partenariat"))
    assert resolve(CAT, Question("inform_subject"), "c'est pareil ?", apart, MONDAY_10).lead == "Non."


def test_the_simulator_chosen_between_two_is_the_next_it() -> None:
    question = Question("ask_simulator", cartes=("dfs_diners",))
    answer = compose(CAT, question, MONDAY_10)
    assert tools_asked(CAT, "SimulUPI ou SimulEasy pour des Diners ?", question, answer,
                       ("simulupi", "simuleasy")) == ("simulupi",)


def test_a_line_said_by_its_place_in_the_previous_answer() -> None:
    focus = Focus("ask_phone", offres=("payplug",), contacts=("payplug_support", "payplug_partenariat"))
    assert listed_line("juste la seconde stp", focus) == ("payplug_partenariat",)
    assert listed_line("le premier numéro de tout à l'heure", focus) == ()  # said in the conversation's order
    resolution = resolve(CAT, Question("repeat_last"), "et le mail du premier ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_email"
    assert resolution.question.contacts == ("payplug_support",)


def test_one_of_the_clients_lines_asked_next_is_still_for_the_client() -> None:
    focus = Focus("ask_phone", offres=("payplug", "jpel"), contacts=("payplug_support", "assistance_spplus_jpel"),
                  audience="client")
    resolution = resolve(CAT, Question("ask_email", offres=("payplug",)), "et l'e-mail côté payplug ?",
                         focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.audience == "client"
    assert "partenariat-bpce@payplug.com" not in compose(CAT, resolution.question, MONDAY_10).text


def test_a_repeat_for_one_of_the_subjects_is_the_previous_question_for_it() -> None:
    focus = Focus("ask_affiliation", cartes=("amex", "dfs_diners"))
    entities = [{"entity": "card", "value": "dfs_diners", "start": 26, "end": 32}]
    tracker = build_tracker("tu me redis seulement pour Diners ?", "repeat_last", entities=entities,
                            slots={"focus": focus.to_slot()},
                            events=[{"event": "bot", "text": "American Express… ; DFS/Diners : SimulUPI…"}])
    messages, _ = run_action(ActionRepeat(), tracker)
    assert "SimulUPI" in messages[0]["text"] and "American Express" not in messages[0]["text"]


def test_whether_it_is_the_same_address_read_as_unsure_is_still_answered() -> None:
    focus = Focus("ask_email", offres=("sp_plus",), contacts=("assistance_spplus_interne", "service_clients_spplus"))
    assert _clarified("c'est pareil les deux ?", focus)[0]["text"].startswith("Oui.")


def test_a_detail_said_back_for_both_is_confirmed() -> None:
    answer = compose(CAT, Question("ask_simulation_filing", outils=("myged",)), MONDAY_10)
    assert confirmation_verdict(CAT, "les deux simulations, on les dépose dans MyGed ?", answer) == "Oui."


def test_whether_none_of_the_lines_is_internal_names_the_one_that_is() -> None:
    focus = Focus("ask_phone", offres=("payplug",), contacts=("payplug_support", "payplug_partenariat"))
    resolution = resolve(CAT, Question("ask_audience"), "et aucune des deux n'est interne ?", focus, MONDAY_10)
    assert resolution.lead is not None and resolution.lead.startswith("En partie : Équipe partenariat")
    assert resolution.question is not None and "payplug_partenariat" in resolution.question.contacts


def test_who_does_it_for_the_offer_in_focus_is_read_in_its_other_answers() -> None:
    # after Payplug's pricing, who signs is said in its contracts' answer (Payplug does), not in the CIF's missions
    resolution = resolve(CAT, Question("ask_role", roles=("cif",)), "donc cest le CIF qui fait signer le contrat ?",
                         Focus("ask_pricing", offres=("payplug",)), MONDAY_10)
    assert resolution.lead == "Non."
    assert resolution.question is not None and resolution.question.intent == "ask_contracts"


@pytest.mark.parametrize(("text", "meant"), [("ma cliente sp+ le réclame, je peux lui transmettre ?", True),
                                             ("et je leur passe ?", True),
                                             ("je lui donne quoi alors ?", False)])
def test_a_line_handed_over_without_being_said_is_the_line_spoken_of(text: str, meant: bool) -> None:
    assert names_the_line_by_pronoun(text) is meant


def test_being_on_the_phone_is_not_asking_for_the_phone() -> None:
    focus = Focus("ask_hours", offres=("payplug",), contacts=("payplug_partenariat",))
    assert repeated_aspect("désolé, j'étais au téléphone avec une cliente, tu peux redire ?", focus) is None
    assert repeated_aspect("redis-moi leur tel", focus) == "ask_phone"


def test_who_does_it_checked_after_a_tool_is_not_a_correction() -> None:
    assert not is_correcting("ok donc c'est le réseau qui choisit en fait ?")
    assert is_correcting("le réseau en fait")


def test_a_service_named_after_an_offers_presentation_asks_its_line() -> None:
    resolution = resolve(CAT, Question("inform_subject", offres=("sp_plus",), services=("service_clients",)),
                         "et le service client de sp+ ?", Focus("ask_offer_definition", offres=("sp_plus",)), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_support"


def test_a_repeat_asked_while_back_from_a_call_is_a_repeat() -> None:
    assert read_move("dsl j'étais au téléphone avec une cliente, tu peux me le redonner ?") == "repeat_last"
