"""A belief said back or doubted, without Rasa: « t'es sûr ? », a detail of the previous answer to confirm (« avec
l'accord du réseau ? »), whether a line is the staff's, who a cleft names as the doer, a why set against an
expectation, when a tool is used, and never an internal line where the client's is asked."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.answer import ActionAnswer
from actions.clarify import ActionClarify
from actions.tracker_reading import mentioned_by_kind
from addons.conversation_moves import ConversationMoves
from cecaz.audience import asks_if_for_staff
from cecaz.doers import doer_check
from cecaz.families import compose
from cecaz.focus import (
    AUDIENCE,
    LINES_GIVEN,
    WHY,
    Focus,
    affiliation_asked,
    detail_checked,
    set_aside_offers,
    who_in_the_answer,
)
from cecaz.lines_in_focus import listed_subject
from cecaz.moves import doubts_the_answer, read_move
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.verdicts import default_verdict, detail_verdict, for_staff_verdict
from tests.unit.conftest import build_tracker, run_action
from tests.unit.test_focus import CAT, MONDAY_10


@pytest.mark.parametrize(("text", "doubt"), [
    ("tu es sûr ?", True),
    ("ah bon ?", True),
    ("sérieux ?", True),
    ("comment ça ?", True),
    ("c'est-à-dire ?", True),
    ("vraiment ? pourtant mon collègue m'a dit le contraire", True),
    ("t'en es certain ? je croyais que c'était au conseiller de le faire", True),
    # a yes or no of its own after the doubt: a verdict on that claim, not the reason again
    ("vraiment ? c'est au CIF de signer ?", False),
    ("sûr ? il peut pas l'appeler lui-même ?", False),
    ("bon, et pour SP+ ?", False),
    ("sur le site du client ?", False),
])
def test_a_doubt_on_the_previous_answer_asks_its_reason(text: str, doubt: bool) -> None:
    assert doubts_the_answer(text) == doubt
    if doubt:
        assert read_move(text) == WHY


def test_a_why_set_against_what_was_expected_is_a_why_however_long() -> None:
    assert read_move("pourquoi c'est SP+ qui est proposé et pas Payplug pour ce client ?", {"sp_plus", "payplug"}) \
        == WHY
    assert read_move("pourquoi le client doit appeler Payplug alors que le site est chez IZ ?",
                     {"payplug", "iz_ecommerce"}) == WHY


def test_each_coordinated_clause_has_its_own_doer() -> None:
    # « … contestée par le porteur de la carte, et c'est alors le commerçant qui supporte le risque d'impayé » : the
    # merchant bears the risk, although the line opens on the CECAZ and its first clause has the card holder as agent
    vad = compose(CAT, Question("ask_vad", offres=("vad",)), MONDAY_10).text
    merchant = doer_check(CAT, "c'est le marchand qui assume l'impayé ?", vad)
    assert merchant is not None and merchant.verdict == "verdict.oui"
    bank = doer_check(CAT, "c'est la CECAZ qui supporte le risque d'impayé ?", vad)
    assert bank is not None and bank.verdict == "verdict.non"


@pytest.mark.parametrize(("text", "question", "confirmed"), [
    ("et en accord avec le réseau ?", Question("ask_pricing", offres=("sp_plus",)), True),
    ("via des virements ?", Question("ask_funds", offres=("payplug",)), True),
    ("par chèque ?", Question("ask_funds", offres=("payplug",)), False),
    ("avec l'accord de l'ATC ?", Question("ask_pricing", offres=("jpel",)), False),
    # a question word asks for the fact, it does not say it back
    ("avec quel simulateur ?", Question("ask_pricing", offres=("jpel",)), False),
])
def test_a_detail_said_back_is_confirmed_only_when_the_answer_says_it(text: str, question: Question,
                                                                      confirmed: bool) -> None:
    verdict = detail_verdict(CAT, text, compose(CAT, question, MONDAY_10))
    assert verdict == ("Oui." if confirmed else None)


def test_a_detail_naming_a_person_of_the_answer_keeps_the_answer() -> None:
    # the network named in « et en accord avec le réseau ? » is part of SP+'s pricing, not a new subject
    focus = Focus("ask_pricing", offres=("sp_plus",), acteurs=("cif", "reseau"))
    resolution = resolve(CAT, Question("ask_role", roles=("reseau",)), "et en accord avec le réseau ?", focus,
                         MONDAY_10)
    assert resolution.lead == "Oui."
    assert resolution.question is not None and resolution.question.intent == "ask_pricing"
    assert resolution.question.offres == ("sp_plus",)


@pytest.mark.parametrize(("text", "asked"), [
    ("c'est une ligne interne ?", True),
    ("ce numéro c'est seulement pour nous ?", True),
    ("elle est réservée aux collaborateurs ?", True),
    ("c'est pour nous ou pour le client ?", False),  # who it serves, not a yes or no
    ("c'est pour qui ?", False),
])
def test_whether_a_line_is_the_staffs(text: str, asked: bool) -> None:
    assert asks_if_for_staff(text) == asked


def test_whether_a_line_is_the_staffs_is_answered_yes_or_no_then_the_line() -> None:
    assert for_staff_verdict(CAT, ["assistance_monetique_pro"]).startswith("Oui, réservé aux collaborateurs")
    assert for_staff_verdict(CAT, ["payplug_support"]).startswith("Non")
    focus = Focus(LINES_GIVEN, contacts=("payplug_partenariat",))
    resolution = resolve(CAT, Question("ask_phone"), "c'est une ligne interne ?", focus, MONDAY_10)
    assert resolution.lead is not None and resolution.lead.startswith("Oui")
    assert resolution.question is not None and resolution.question.contacts == ("payplug_partenariat",)


def test_a_line_quoted_with_who_is_it_is_answered_by_whom_it_serves() -> None:
    messages, _ = run_action(ActionAnswer(), build_tracker("le 09 69 36 06 26, c'est qui ?", AUDIENCE))
    assert messages[0]["text"].startswith("Pour la CECAZ seulement")
    assert "Assistance monétique PRO" in messages[0]["text"]


def test_an_address_two_lines_share_is_both_when_asked_for_whom() -> None:
    focus = Focus("ask_email", offres=("sp_plus",), contacts=("assistance_spplus_interne",))
    resolution = resolve(CAT, Question(AUDIENCE), "elle sert au client ou à nous ?", focus, MONDAY_10)
    assert resolution.question is not None
    text = compose(CAT, resolution.question, MONDAY_10).text
    assert text.startswith("Les deux") and "CECAZ" in text and "à communiquer au client" in text


@pytest.mark.parametrize("text", ["et ma cliente, elle joint qui ?", "le commerçant il doit téléphoner où alors ?"])
def test_an_internal_line_in_focus_is_never_the_clients_answer(text: str) -> None:
    focus = Focus("ask_phone", contacts=("payplug_partenariat",))
    resolution = resolve(CAT, Question("ask_phone"), text, focus, MONDAY_10)
    assert resolution.question is not None
    answer = compose(CAT, resolution.question, MONDAY_10)
    assert "07 57 95 38 07" not in answer.text and "+33 1 76 34 01 55" in answer.text


def test_when_a_tool_is_used_is_its_condition_not_opening_hours() -> None:
    focus = Focus("ask_open_services", roles=("cif",), acteurs=("cif", "atc"), objets=("monexpert",))
    resolution = resolve(CAT, Question("ask_hours"), "ok et on le saisit dans quel cas ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.outils == ("monexpert",)
    assert "réseau le souhaite" in compose(CAT, resolution.question, MONDAY_10).text


def test_the_request_after_a_recommendation_with_ancv_is_its_affiliation() -> None:
    focus = Focus.from_slot({"intent": "recommendation", "offres": ["sp_plus"],
                             "recommendation": {"facts": {"site": "oui", "payplug": "non", "moyens": ["ancv"]},
                                                "conclusion": "sp_plus"}}, CAT)
    assert affiliation_asked(CAT, "et la demande, c'est à lui de la faire ?", focus) == ("ancv",)
    assert affiliation_asked(CAT, "et le contrat, qui le signe ?", focus) == ()


def test_bearing_the_unpaid_risk_is_not_the_support_line() -> None:
    # « supporter » (to bear) read by DIET as the support service: neither a service named nor a support question
    message = {"text": "et le risque, qui le supporte au final ?",
               "entities": [{"entity": "service", "start": 21, "end": 29, "value": "supporte"}]}
    assert mentioned_by_kind(CAT, message)["service"] == []
    tracker = build_tracker(message["text"], "ask_support", entities=message["entities"],
                            slots={"focus": {"intent": "ask_vad", "offres": ["vad"]}})
    messages, _ = run_action(ActionAnswer(), tracker)
    assert "commerçant qui supporte le risque d’impayé" in messages[0]["text"]


@pytest.mark.parametrize("text", ["et par mail ?", "en interne ?", "et pour le client ?"])
def test_a_coordinate_or_a_public_after_a_line_is_not_a_detail_to_confirm(text: str) -> None:
    focus = Focus("ask_phone", offres=("sp_plus",), contacts=("service_clients_spplus",))
    assert detail_checked(CAT, text, {}, focus, MONDAY_10) is None


def test_whether_a_role_does_it_for_the_offer_in_focus_is_read_in_that_offers_answer() -> None:
    # after Payplug's contracts, the CIF's general missions (he contracts SP+ and JPEL) do not answer for Payplug
    focus = Focus("ask_contracts", offres=("payplug",))
    resolution = resolve(CAT, Question("ask_role", roles=("cif",)), "c'est bien le CIF qui fait signer le client ?",
                         focus, MONDAY_10)
    assert resolution.lead == "Non."
    assert resolution.question is not None and resolution.question.offres == ("payplug",)
    sp_plus = resolve(CAT, Question("ask_role", roles=("cif",)), "c'est bien le CIF qui fait signer le client ?",
                      Focus("ask_contracts", offres=("sp_plus",)), MONDAY_10)
    assert sp_plus.lead == "Oui."


def test_who_beside_a_word_of_the_previous_answer() -> None:
    # read as « d'accord » by DIET: a question, and its answer is in the previous one
    message = Message(data={"text": "et sous réserve de l'accord de qui ?", "intent": {"name": "affirm",
                                                                                       "confidence": 0.6},
                            "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "inform_subject"
    pricing = Focus("ask_pricing", offres=("sp_plus",), acteurs=("cif", "reseau"))
    resolution = resolve(CAT, Question("inform_subject"), "et sous réserve de l'accord de qui ?", pricing, MONDAY_10)
    assert resolution.question is not None and resolution.question.roles == ("reseau",)
    lead = Focus("ask_tool", outils=("monexpert",))
    assert who_in_the_answer(CAT, "il le saisit à la demande de qui ?", lead, MONDAY_10) == "reseau"
    assert who_in_the_answer(CAT, "il le saisit à la demande de qui ?", Focus("ask_phone", offres=("jpel",)),
                             MONDAY_10) is None


def test_whether_two_lines_share_a_coordinate_is_yes_or_no_then_both() -> None:
    # the SP+ client service and the CECAZ's own SP+ line share their e-mail, not the monétique pro
    focus = Focus("ask_hours", offres=("sp_plus",), contacts=("service_clients_spplus",))
    same = resolve(CAT, Question("ask_email", offres=("sp_plus",), services=("assistance",)),
                   "leur adresse mail est identique à celle de l'assistance SP+ pour nous en interne ?", focus,
                   MONDAY_10)
    assert same.lead == "Oui."
    assert same.question is not None and "assistance_spplus_interne" in same.question.contacts
    other = resolve(CAT, Question("ask_email", services=("assistance_monetique",)),
                    "et c'est le même mail que l'assistance monétique ?", focus, MONDAY_10)
    assert other.lead == "Non."


def test_the_other_simulator_is_not_the_contracts_to_open() -> None:
    focus = Focus("ask_role", roles=("cif",), objets=("simulupi",))
    resolution = resolve(CAT, Question("ask_contracts", cartes=("standard",)),
                         "et celui des contrats standards c'est lequel ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_simulator"
    assert "SimulEasy" in compose(CAT, resolution.question, MONDAY_10).text


def test_an_offer_set_aside_by_the_merchant_is_not_asked_about() -> None:
    text = "mon fleuriste a son site, Payplug ne lui va pas, il prend SP+ : qui paramètre ses contrats ?"
    resolution = resolve(CAT, Question("ask_contracts", offres=("payplug", "sp_plus")), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.offres == ("sp_plus",)
    # both named in one clause: a comparison, nothing set aside
    assert set_aside_offers(CAT, "pourquoi SP+ et pas Payplug ?") == set()
    assert set_aside_offers(CAT, "JPEL sans site, et IZ pour en créer un ?") == set()


def test_a_payment_that_does_not_go_through_read_as_i_dont_know_is_a_support_question() -> None:
    message = Message(data={"text": "et si le paiement ne passe plus sur sa boutique ?",
                            "intent": {"name": "dont_know", "confidence": 0.5}, "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "inform_subject"


@pytest.mark.parametrize(("offer", "text", "lead"), [
    ("payplug", "et on doit passer par une simulation pour ses prix ?", "Non."),
    ("sp_plus", "on fait une simul pour lui aussi ?", "Oui."),
    ("jpel", "faut faire une simu ?", "Oui."),
    ("payplug", "et on a un paramétrage à faire ?", "Non."),
    ("sp_plus", "faut-il paramétrer quelque chose ?", "Oui."),
])
def test_whether_an_offer_needs_a_simulation_or_a_setup_is_yes_or_no_first(offer: str, text: str, lead: str) -> None:
    resolution = resolve(CAT, Question("ask_pricing"), text, Focus("ask_contracts", offres=(offer,)), MONDAY_10)
    assert resolution.lead == lead
    assert resolution.question is not None and resolution.question.offres == (offer,)


def test_a_setup_in_osc_for_the_offer_in_focus_is_whether_it_has_contracts() -> None:
    resolution = resolve(CAT, Question("ask_tool", outils=("osc",)), "faut-il un paramétrage dans OSC ?",
                         Focus("ask_contracts", offres=("payplug",)), MONDAY_10)
    assert resolution.lead == "Non."
    assert "full service" in compose(CAT, resolution.question, MONDAY_10).text  # type: ignore[arg-type]


def test_where_the_money_comes_from_is_who_pays_it() -> None:
    funds = compose(CAT, Question("ask_funds", offres=("payplug",)), MONDAY_10).text
    paid = doer_check(CAT, "c'est bien Payplug qui vire les fonds ?", funds)
    assert paid is not None and paid.verdict == "verdict.oui"
    assert detail_verdict(CAT, "chaque jour ?", compose(CAT, Question("ask_funds", offres=("payplug",)),
                                                        MONDAY_10)) == "Oui."


@pytest.mark.parametrize(("text", "offer", "lead"), [
    ("SP+ on le met en avant d'office ?", "sp_plus", "Non."),
    ("Payplug c'est celui qu'on propose par défaut ?", "payplug", "Oui."),
])
def test_whether_an_offer_is_the_default_one(text: str, offer: str, lead: str) -> None:
    answer = compose(CAT, Question("ask_choose_offer", offres=(offer,)), MONDAY_10)
    assert default_verdict(CAT, text, (offer,), answer) == lead


def test_an_unsure_closed_question_on_the_offer_in_focus_is_answered_yes_or_no() -> None:
    tracker = build_tracker("et une simulation, c'est nécessaire ?", "nlu_fallback", confidence=0.45,
                            slots={"focus": {"intent": "ask_contracts", "offres": ["sp_plus"]}})
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Oui.") and "SimulEasy" in messages[0]["text"]


def test_a_coordinate_asked_after_the_address_to_give_the_client_is_for_him_too() -> None:
    focus = Focus("ask_email", offres=("sp_plus",), audience="client",
                  contacts=("service_clients_spplus", "assistance_monetique_pro", "assistance_spplus_interne"))
    resolution = resolve(CAT, Question("ask_phone"), "et son téléphone ?", focus, MONDAY_10)
    assert resolution.question is not None
    text = compose(CAT, resolution.question, MONDAY_10).text
    assert "08 10 00 47 24" in text and "09 69 36 06 26" not in text


@pytest.mark.parametrize(("card", "lead"), [("dfs_diners", "Oui."), ("amex", "Non.")])
def test_whether_the_recommendations_simulator_serves_another_card(card: str, lead: str) -> None:
    # « il » is SimulUPI, the simulator of the Chinese cards in the recommendation: a question on the answer, not a
    # card the client now wants
    focus = {"intent": "recommendation", "offres": ["jpel"],
             "recommendation": {"facts": {"site": "non", "creer_site": "non", "payplug": None, "moyens": ["upi"]},
                                "conclusion": "jpel"}}
    for action, intent in ((ActionAnswer(), "inform_subject"), (ActionClarify(), "nlu_fallback")):
        tracker = build_tracker("il marche aussi pour ces cartes-là ?", intent, confidence=0.5,
                                entities=[{"entity": "card", "value": card}], slots={"focus": focus})
        messages, events = run_action(action, tracker)
        assert messages[0]["text"].startswith(lead)
        assert not any(e.get("event") == "followup" and e.get("name") != "action_listen" for e in events)


@pytest.mark.parametrize(("focus", "text", "subject"), [
    (Focus("ask_choose_offer"), "la seconde, elle se contractualise comment ?", {"offres": ("sp_plus",)}),
    (Focus("ask_choose_offer"), "et pour la première, l'argent arrive où ?", {"offres": ("payplug",)}),
    (Focus("ask_simulator"), "le premier, il sert à quoi au juste ?", {"outils": ("simuleasy",)}),
    (Focus("ask_simulator"), "et le deuxième ?", {"outils": ("simulupi",)}),
    # a line at a position is named by its number, not by the order of a list
    (Focus("ask_choose_offer"), "le premier numéro, je le donne au client ?", {}),
])
def test_a_position_in_the_previous_answers_list_names_that_subject(focus: Focus, text: str,
                                                                     subject: dict) -> None:
    assert listed_subject(CAT, text, focus, MONDAY_10) == subject


def test_a_position_with_the_support_asked() -> None:
    choice = Focus("ask_choose_offer", acteurs=("cif",))
    first = resolve(CAT, Question("ask_phone", services=("support",)),
                    "la 1ère que tu m'as donnée, son tel de support ?", choice, MONDAY_10)
    assert first.question is not None and first.question.offres == ("payplug",)
    assert first.question.services == ("support",)
