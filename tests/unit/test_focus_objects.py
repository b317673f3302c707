"""What a follow-up refers to when the last answer was about a tool, a role or a set of lines (not an offer),
without Rasa: the tool kept across « et pour tel client ? », a card asked of a simulator, a why asked first, the lines
kept across a second coordinate, whether something is always done."""

from __future__ import annotations

from datetime import time

import pytest

from actions.answer import ActionAnswer
from cecaz.aspects import asks_what_to_give, aspects
from cecaz.audience import asks_if_shareable
from cecaz.families import compose
from cecaz.focus import Focus, after, tools_asked
from cecaz.moves import asks_about_previous_answer, asks_what_a_role_does, read_move
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.verdicts import asks_unconditionally, obligation_verdict
from cecaz.when import Moment
from tests.unit.conftest import build_tracker, run_action
from tests.unit.test_focus import CAT, MONDAY_10


def test_the_tool_stays_the_subject_when_asked_about_for_an_offer() -> None:
    # OSC presented, then « on s'en sert aussi pour un client JPEL ? » is answered with JPEL's contracts: OSC is still
    # what the conversation is about, so « et pour un IZ ? » next asks the same of OSC
    osc = Focus("ask_tool", outils=("osc",), objets=("osc",))
    question = Question("ask_contracts", offres=("jpel",))
    answered = compose(CAT, question, MONDAY_10)
    kept = tools_asked(CAT, "on s'en sert aussi pour un client JPEL ?", question, answered, (), osc)
    assert kept == ("osc",)
    focus = after(osc, question, answered, objets=kept)
    resolution = resolve(CAT, Question("ask_offer_definition", offres=("sp_plus",)),
                         "et chez un client SP+, on y règle quoi ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_contracts"


@pytest.mark.parametrize(("card", "lead", "simulator"), [
    ("standard", "Non.", "SimulEasy"),
    ("dfs_diners", "Oui.", "SimulUPI"),
])
def test_a_card_asked_of_the_simulator_in_focus_gets_yes_or_no_then_its_simulator(card: str, lead: str,
                                                                                   simulator: str) -> None:
    focus = Focus("ask_tool", outils=("simulupi",), objets=("simulupi",))
    resolution = resolve(CAT, Question("ask_offer_definition", cartes=(card,)),
                         "ça vaut aussi pour ces cartes-là ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_simulator"
    assert resolution.lead == lead
    assert f"{simulator}." in compose(CAT, resolution.question, MONDAY_10).text.split("\n")[0]


@pytest.mark.parametrize(("text", "verdict"), [
    ("l'ATC saisit le lead même sans l'accord du réseau ?", "Non."),
    ("il s'en charge systématiquement ?", "Non."),
])
def test_whether_something_is_always_done_is_read_in_its_condition(text: str, verdict: str) -> None:
    answered = compose(CAT, Question("ask_role", roles=("atc",)), MONDAY_10)
    assert asks_unconditionally(text)
    assert obligation_verdict(CAT, text, answered) == verdict


def test_always_done_comes_before_who_does_it() -> None:
    # the ATC in focus: « il » is the ATC, who does it, but the question is whether he always does
    tracker = build_tracker("il s'en occupe à tous les coups ?", "ask_role",
                            slots={"focus": {"intent": "ask_role", "roles": ["atc"], "acteurs": ["atc", "reseau"]}})
    messages, _ = run_action(ActionAnswer(), tracker)
    assert messages[0]["text"].startswith("Non.")


def test_a_question_on_what_a_named_role_does_is_not_a_diagnostic() -> None:
    assert asks_what_a_role_does("et le CIF il s'occupe du diag ?", {"cif"})
    assert not asks_what_a_role_does("je voudrais faire un diagnostic pour un client", set())


@pytest.mark.parametrize(("text", "shareable"), [
    ("pourquoi on doit passer par le CIF pour un client e-commerce ?", False),
    ("un marchand jpel peut les joindre ?", True),
])
def test_going_through_someone_is_not_handing_a_line_over(text: str, shareable: bool) -> None:
    assert asks_if_shareable(text) == shareable


def test_coordinates_ask_every_way_to_reach_a_line_but_not_a_card() -> None:
    assert ("ask_support",) in aspects("vous avez les coordonnées du support ?")
    assert ("ask_support",) not in aspects("il note les coordonnées de la carte au téléphone")


def test_a_why_asked_first_leaves_what_it_was_about_in_focus() -> None:
    question = resolve(CAT, Question("ask_why", roles=("cif",)), "pourquoi faut-il un CIF ?", Focus(),
                       MONDAY_10).question
    assert question is not None and question.about == "ask_role"
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10))
    assert focus.intent == "ask_role" and focus.roles == ("cif",)


def test_a_second_coordinate_is_about_every_line_given_before() -> None:
    lines = ("assistance_spplus_jpel", "service_clients_spplus", "assistance_monetique_pro",
             "assistance_spplus_interne")
    focus = Focus("ask_support", offres=("sp_plus",), contacts=lines)
    question = Question("ask_email", offres=("sp_plus",))
    answered = compose(CAT, question, MONDAY_10)
    assert set(answered.contacts) < set(lines)  # the line without an e-mail is not in the e-mail answer
    assert after(focus, question, answered).contacts == lines


def test_a_question_the_subject_in_focus_cannot_answer_is_about_the_offer_recommended() -> None:
    # a recommendation (JPEL), then the simulator of a card: « qui rédige le contrat avec lui ? » is about JPEL
    recommended = {"facts": {"site": "non", "creer_site": "non", "moyens": ["upi"]}, "conclusion": "jpel"}
    focus = Focus("ask_simulator", cartes=("upi",), recommendation=recommended)
    resolution = resolve(CAT, Question("ask_contracts"), "qui rédige le contrat avec lui ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.offres == ("jpel",)


def test_a_why_naming_an_offer_after_a_tool_gives_what_the_tool_does_for_it_and_moves_the_focus() -> None:
    # OSC's parameter-setting by the CIF, then « pourquoi on ne le fait jamais pour SP+… » would be another offer;
    # here « on n'en paramètre pas » is a negated verb, not « pourquoi pas Payplug ? » (no offer set against another)
    focus = Focus("ask_role", roles=("cif",), acteurs=("cif", "reseau"), objets=("osc",))
    question = resolve(CAT, Question("ask_why", offres=("payplug",)),
                       "et pour un commerçant Payplug, pourquoi on n'en paramètre pas ?", focus, MONDAY_10).question
    assert question is not None and question.alternative is None and question.about == "ask_contracts"
    assert "full service" in compose(CAT, question, MONDAY_10).text
    moved = after(focus, question, compose(CAT, question, MONDAY_10))
    assert moved.offres == ("payplug",)
    funds = resolve(CAT, Question("ask_funds"), "et l'argent, il le reçoit comment ?", moved, MONDAY_10).question
    assert funds is not None and funds.offres == ("payplug",)


def test_a_why_naming_an_offer_asks_the_aspect_its_words_name() -> None:
    focus = Focus("ask_role", roles=("cif",), acteurs=("cif", "reseau"))
    question = resolve(CAT, Question("ask_why", offres=("payplug",)),
                       "pourquoi les virements viennent de Payplug et pas de chez nous ?", focus, MONDAY_10).question
    assert question is not None and question.about == "ask_funds" and question.alternative is None


def test_whether_a_simulator_works_for_a_card_is_asked_without_aussi_too() -> None:
    focus = Focus("ask_tool", outils=("simuleasy",), objets=("simuleasy",))
    resolution = resolve(CAT, Question("inform_subject", cartes=("upi",)), "ça fonctionne pour les cartes chinoises",
                         focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_simulator"
    assert resolution.lead == "Non."


@pytest.mark.parametrize("text", ["elle peut les contacter elle aussi ?", "mais vous avez un interlocuteur pour moi ?"])
def test_a_line_asked_for_someone_is_an_audience_move_whatever_diet_read(text: str) -> None:
    assert read_move(text) == "ask_audience"


def test_someone_for_us_after_hours_gives_the_whole_internal_line() -> None:
    focus = Focus("ask_hours", offres=("payplug",), services=("support",), contacts=("payplug_support",))
    question = resolve(CAT, Question("ask_audience"), "ils ont un interlocuteur pour nous en interne ?", focus,
                       MONDAY_10).question
    assert question is not None and question.intent == "ask_support"
    assert "07 57 95 38 07" in compose(CAT, question, MONDAY_10).text


def test_what_to_give_without_lui_is_still_what_to_give() -> None:
    assert asks_what_to_give("pour un marchand sp+ on transmet lequel ?")


def test_the_demarche_is_the_request_the_document_says_the_merchant_makes() -> None:
    recommended = {"facts": {"site": "oui", "payplug": "oui", "moyens": ["ancv"]}, "conclusion": "payplug"}
    tracker = build_tracker("c'est bien à lui de lancer la démarche ?", "ask_affiliation",
                            slots={"focus": {"intent": "recommendation", "offres": ["payplug"],
                                             "recommendation": recommended}})
    messages, _ = run_action(ActionAnswer(), tracker)
    assert messages[0]["text"].startswith("Oui.")


def test_now_after_another_moment_asks_whether_the_line_is_open_now() -> None:
    focus = Focus("ask_is_open", offres=("payplug",), services=("partenariat",), contacts=("payplug_partenariat",),
                  moment=Moment(days=(1,), at=time(9, 0)))
    question = resolve(CAT, Question("inform_subject"), "et à l'instant même ?", focus, MONDAY_10).question
    assert question is not None and question.intent == "ask_is_open" and question.moment is None


def test_a_thing_put_first_then_who_does_it_by_a_pronoun_is_asked_of_the_subject_in_focus() -> None:
    # after IZ eCommerce's pricing: « ils » is IZ eCommerce, « la page » what is done; the pages are Payplug's
    tracker = build_tracker("et le paiement en ligne, ils le gèrent aussi ?", "ask_offer_definition",
                            slots={"focus": {"intent": "ask_pricing", "offres": ["iz_ecommerce"]}})
    messages, _ = run_action(ActionAnswer(), tracker)
    assert messages[0]["text"].startswith("Non.")


def test_who_it_is_typed_without_a_question_mark_is_not_a_fact_of_the_client() -> None:
    assert asks_about_previous_answer("et l'assistance du site, c'est eux")
    assert not asks_about_previous_answer("il a déjà un site")


def test_whether_the_caller_pays_is_the_price_of_the_call() -> None:
    focus = Focus("ask_audience", offres=("sp_plus",), contacts=("service_clients_spplus",), point="public")
    resolution = resolve(CAT, Question("ask_audience"), "le commerçant paye son appel ?", focus, MONDAY_10)
    assert resolution.lead == "Oui." and resolution.question is not None
    assert "0,06" in compose(CAT, resolution.question, MONDAY_10).text
