"""Conversations où le sujet change puis revient (vague r38, issue 11) : une ligne nommée après une autre offre,
retour au premier sujet par « et pour revenir à… », « le premier ». Phrases écrites pour ces tests, autres que celles
des conversations."""

from __future__ import annotations

import pytest

from cecaz.detour import returns_to_earlier
from cecaz.diagnostic import NON, Facts, describes_the_client, observe, repeats_known_facts, text_facts
from cecaz.doers import with_doer
from cecaz.families import compose
from cecaz.focus import Focus, affiliation_asked, follow_up_guess
from cecaz.lines_in_focus import focus_for_message
from cecaz.moves import AUDIENCE, REPEAT, SUBJECT_ONLY, read_move
from cecaz.phrasing import Question
from cecaz.textnorm import fold
from tests.unit.test_closed_checks import _moved
from tests.unit.test_focus import CAT, MONDAY_10, answer, focus_after
from tests.unit.test_focus_return import asked, reply


def test_a_line_named_with_a_possessive_after_another_offer_is_asked_for_itself() -> None:
    after_payplug = focus_after("ask_support", offres=["payplug"])
    reply = answer(after_payplug, "ask_hours", "et la monétique pro, ses heures d'ouverture ?",
                   services=["assistance_monetique"])
    assert "samedi" in reply and "+33 1 76 34 01 55" not in reply


def test_a_line_named_with_a_possessive_keeps_the_offer_it_serves() -> None:
    after_spplus = focus_after("ask_support", offres=["sp_plus"])
    reply = answer(after_spplus, "ask_phone", "et leur assistance monétique, son numéro ?",
                   services=["assistance_monetique"])
    assert "09 69 36 06 26" in reply


def _after_two_subjects(first: tuple, second: tuple) -> Focus:
    (intent, subjects), (then, others) = first, second
    return asked(asked(Focus(), intent, **subjects), then, **others)


def test_the_first_is_the_subject_talked_about_before_the_switch() -> None:
    focus = _after_two_subjects(("ask_role", {"roles": ["cif"]}), ("ask_role", {"roles": ["atc"]}))
    back = returns_to_earlier(CAT, "et la première personne, elle signe les contrats ?", Question("ask_open_services"),
                              focus, MONDAY_10)
    assert back is not None and back.roles == ("cif",)


def test_the_first_after_a_list_is_a_position_in_that_list_not_a_return() -> None:
    focus = _after_two_subjects(("ask_offer_definition", {"offres": ["jpel"]}),
                                ("ask_simulator", {}))
    assert returns_to_earlier(CAT, "et le premier, on s'en sert pour quoi ?", Question("ask_tool"), focus,
                              MONDAY_10) is None


def test_a_role_asked_for_an_offer_whose_setup_someone_else_does_is_no() -> None:
    question = Question("ask_open_services", offres=("payplug",))
    answered = compose(CAT, question, MONDAY_10)
    _, reply, verdict, _ = with_doer(CAT, "c'est bien le CIF qui fait les paramétrages ?", question, answered, (),
                                  MONDAY_10)
    assert verdict == CAT.say("verdict.non") and "full service" in reply.text


def test_an_offer_the_last_answer_proposes_is_not_a_return_to_an_earlier_answer() -> None:
    focus = _after_two_subjects(("ask_pricing", {"offres": ["jpel"]}), ("ask_vad", {"offres": ["vad"]}))
    reading = Question("ask_why", offres=("jpel",))
    assert returns_to_earlier(CAT, "et pourquoi JPEL serait mieux ?", reading, focus, MONDAY_10) is None
    assert "porteur" in reply(focus, "ask_why", "et pourquoi JPEL serait mieux ?", offres=["jpel"])


def test_a_question_saying_only_what_the_diagnostic_knows_gives_it_nothing() -> None:
    known = Facts(site=NON, creer_site=NON)
    assert repeats_known_facts(observe(CAT, "mais sans site il encaisse comment ?", "ask_no_website", "moyens"), known)
    assert not repeats_known_facts(observe(CAT, "en fait il a un site, il encaisse comment ?", "ask_no_website",
                                           "moyens"), known)


@pytest.mark.parametrize(("text", "facts"), [
    ("je voulais l'adresse de payplug, pas de l'équipe partenariat", {}),
    ("payplug pas du tout, il veut du modulable", {"payplug": NON}),
    ("payplug c'est pas pour lui", {"payplug": NON}),
])
def test_not_the_other_subject_after_payplug_is_no_judgement_on_payplug(text: str, facts: dict) -> None:
    assert text_facts(text) == facts


def test_repeating_what_was_said_on_a_subject_goes_back_to_that_answer() -> None:
    focus = _after_two_subjects(("ask_vad", {"offres": ["vad"]}), ("ask_support", {"offres": ["jpel"]}))
    assert read_move("tu me redis ce que tu disais sur la VAD ?", ("vad",)) == REPEAT
    text = "redis-moi ce que tu m'as dit concernant la VAD"
    assert "impay" in fold(reply(focus, "inform_subject", text, offres=["vad"]))


def test_the_first_role_asked_if_it_does_something_is_yes_or_no_for_that_role() -> None:
    question = Question("ask_open_services", outils=("osc",))
    answered = compose(CAT, question, MONDAY_10)
    _, _, verdict, _ = with_doer(CAT, "et la première, elle règle aussi OSC ?", question, answered, ("role:cif",),
                              MONDAY_10)
    assert verdict == CAT.say("verdict.oui")
    _, _, verdict, _ = with_doer(CAT, "et la première, elle règle aussi OSC ?", question, answered, ("role:atc",),
                              MONDAY_10)
    assert verdict == CAT.say("verdict.non")


@pytest.mark.parametrize("text", ["bon, et la deuxième, c'est aussi pour la CECAZ ?", "et lui c'est pour la cecaz ?"])
def test_whom_a_line_said_by_its_place_serves_is_an_audience_question(text: str) -> None:
    assert read_move(text) == AUDIENCE


def test_an_aspect_said_after_the_subject_is_the_question_for_it() -> None:
    focus = _after_two_subjects(("ask_pricing", {"offres": ["payplug"]}), ("ask_pricing", {"offres": ["jpel"]}))
    text = "ok, pour en revenir à Payplug, les virements"
    assert "quotidien" in reply(focus, "inform_subject", text, offres=["payplug"])
    assert "Tarification" in reply(focus, "inform_subject", "et pour le contrat SP+ ?", offres=["sp_plus"])


def test_whether_the_last_answer_holds_for_another_client_is_no_client_described() -> None:
    assert not describes_the_client(CAT, "elle s'en sert aussi pour un client payplug")
    assert describes_the_client(CAT, "client avec un site, payplug lui va, cb seulement")


def test_a_question_of_its_own_after_the_subject_keeps_the_previous_question() -> None:
    focus = _after_two_subjects(("ask_offer_definition", {"offres": ["jpel"]}),
                                ("ask_open_services", {"offres": ["sp_plus"]}))
    assert "full service" in reply(focus, "inform_subject", "et côté Payplug, on doit en ouvrir aussi ?",
                                   offres=["payplug"])


def test_a_client_line_also_given_to_the_cecaz_is_yes_when_asked_if_it_is_for_us_too() -> None:
    focus = focus_after("ask_email", offres=["sp_plus"], services=["service_clients"])
    said = reply(focus, "ask_audience", "bon, la première, c'est aussi pour la CECAZ ?")
    assert said.startswith("Oui") and "CECAZ" in said
    assert reply(focus_after("ask_phone", offres=["payplug"], services=["support"]), "ask_audience",
                 "et c'est aussi pour nous ?").startswith("Non")


def test_whether_a_role_uses_a_tool_for_another_client_too_is_a_follow_up() -> None:
    assert read_move("elle s'en sert aussi pour un client JPEL", ("jpel",)) == SUBJECT_ONLY
    focus = asked(asked(Focus(), "ask_tool", outils=["simuleasy"]), "ask_role", roles=["cif"], outils=["simuleasy"])
    assert reply(focus, "inform_subject", "il l'utilise également pour un client payplug",
                 offres=["payplug"]).startswith("Non")


def test_a_line_quoted_by_its_number_keeps_the_line_before_one_level_back() -> None:
    first = focus_for_message(CAT, "le 08 10 00 47 24, c'est quelle ligne ?", Focus())
    line = asked(first, "ask_support", contacts=list(first.contacts))
    second = focus_for_message(CAT, "et le 07 57 95 38 07 ?", line)
    assert second.avant is not None and second.avant.contacts == first.contacts
    said = reply(asked(second, "ask_support", contacts=list(second.contacts)), "ask_phone",
                 "ok et le premier, il est gratuit ?")
    assert said.startswith("Non") and "0,06" in said


def test_a_correction_that_says_what_was_not_meant_and_which_coordinate() -> None:
    focus = _after_two_subjects(("ask_email", {"offres": ["payplug"], "services": ["partenariat"]}),
                                ("ask_choose_offer", {}))
    said = reply(focus, "correct_subject", "non, l'adresse mail je la voulais pour le support Payplug, pas pour le "
                 "partenariat", offres=["payplug"], services=["support", "partenariat"])
    assert "support@payplug.com" in said and "partenariat-bpce@payplug.com" not in said


def test_that_of_another_line_after_a_quoted_line_is_the_same_question_not_a_return() -> None:
    both = asked(Focus(), "ask_email", offres=["payplug"], services=["support", "partenariat"])
    quoted = focus_for_message(CAT, "partenariat-bpce@payplug.com, je peux l'envoyer au client ?", both)
    line = asked(quoted, "ask_audience", contacts=list(quoted.contacts))
    assert returns_to_earlier(CAT, "et celle du support, je peux ?", Question("ask_audience", services=("support",)),
                              line, MONDAY_10) is None


@pytest.mark.parametrize("text", ["et au bout du compte, l'organisme lui fournit quoi ?",
                                  "il obtient quoi de leur part ?"])
def test_what_the_cards_company_hands_over_is_the_affiliation(text: str) -> None:
    after_amex = focus_after("ask_affiliation", cartes=["amex"])
    assert "affili" in fold(answer(after_amex, "ask_open_services", text))
    assert affiliation_asked(CAT, text, focus_after("ask_simulator", cartes=["upi"])) == ()


def test_whether_we_take_part_in_the_cards_fees_is_a_pricing_question_after_the_card() -> None:
    after_ancv = focus_after("ask_affiliation", cartes=["ancv"])
    assert follow_up_guess("nous on participe à la négociation des frais ?", [], after_ancv) == "ask_pricing"


def test_whether_a_simulation_is_needed_is_no_diagnostic() -> None:
    assert _moved("d'accord, et on doit passer par une simulation quand même ?", "start_diagnostic") == "ask_simulator"
    assert _moved("il a un site et il faut une simu ?", "inform_has_site") != "ask_simulator"


def test_aspect_words_say_the_question_when_the_nlu_reads_the_choice_of_an_offer() -> None:
    said = answer(Focus(), "ask_choose_offer", "pour la tarification d'un JPEL, on doit respecter quelle règle ?",
                  offres=["jpel"])
    assert "schéma délégataire" in said
    assert "Payplug" in answer(Focus(), "ask_choose_offer", "payplug ou sp+ pour lui ?", offres=["payplug", "sp_plus"])


def test_the_risk_asked_after_the_vad_contract_is_the_vads_answer() -> None:
    after_vad = focus_after("ask_offer_definition", offres=["vad"])
    assert "porteur" in answer(after_vad, "inform_subject", "et l'impayé, qui le supporte ?")


def test_a_card_asked_with_it_too_is_a_follow_up_not_a_card_the_client_wants() -> None:
    assert read_move("et pour les diners, c'est lui aussi ?", ("dfs_diners",), ("dfs_diners",)) == SUBJECT_ONLY
