"""Le fil qui revient après un détour (issue 11) : `Focus.avant`, `returns_to_earlier`, sans Rasa."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any, Optional

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.detour import returns_to_earlier
from cecaz.families import compose
from cecaz.focus import (
    RECOMMENDATION,
    Focus,
    after,
    after_recommendation,
    asks_for_a_line,
    closed_point,
    offers_by_notion,
    subject_aspect_guess,
)
from cecaz.lines_in_focus import focus_for_message
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.when import Moment
from tests.unit.conftest import MONDAY_10

CAT = load_catalogue()


def asked(focus: Focus, intent: str, **subjects: Any) -> Focus:
    """The focus after the assistant answered `intent` on `subjects`, starting from `focus`."""
    question = Question(intent, **{k: tuple(v) for k, v in subjects.items()})
    return after(focus, question, compose(CAT, question, MONDAY_10))


def reply(focus: Focus, intent: str, text: str, **named: Any) -> str:
    """The reply to `text` (read as `intent` with `named` subjects) after `focus`, back to an earlier focus if the
    message comes back to it, as `actions.answer` does."""
    reading = Question(intent, **{k: tuple(v) for k, v in named.items()})
    focus = returns_to_earlier(CAT, text, reading, focus, MONDAY_10) or focus
    resolution = resolve(CAT, reading, text, focus, MONDAY_10)
    assert resolution.question is not None
    body = compose(CAT, resolution.question, MONDAY_10).text
    return f"{resolution.lead}\n{body}" if resolution.lead else body


def test_a_new_subject_keeps_the_previous_focus_one_level_back_and_in_the_slot() -> None:
    first = asked(Focus(), "ask_offer_definition", offres=["sp_plus"])
    detour = asked(first, "ask_phone", offres=["sp_plus"], services=["service_clients"])
    assert detour.avant is not None and detour.avant.offres == ("sp_plus",) and detour.avant.avant is None
    assert asked(detour, "ask_hours", services=["assistance_monetique"]).avant == detour.avant.__class__(
        **{**detour.__dict__, "avant": None})
    assert Focus.from_slot(detour.to_slot(), CAT) == detour


@pytest.mark.parametrize(("text", "intent", "named", "expected", "forbidden"), [
    # said: « pour revenir à… », « de tout à l'heure », « le premier numéro »
    ("et pour revenir à SP+, pourquoi on ne le propose pas d'office ?", "ask_why", {"offres": ["sp_plus"]},
     ["Payplug"], ["08 10 00 47 24"]),
    ("ok et pour revenir à la vad on la conseille", "ask_advice", {"offres": ["vad"]}, ["déconseille", "JePaieEnLigne"],
     ["09 69 37 80 30"]),
])
def test_a_follow_up_that_says_it_comes_back_is_read_against_the_answer_before_the_detour(
        text: str, intent: str, named: dict, expected: list, forbidden: list) -> None:
    offer = named["offres"][0]
    first = asked(Focus(), "ask_offer_definition" if offer != "vad" else "ask_vad", offres=[offer])
    detour = asked(first, "ask_phone", offres=["jpel"])
    answer = reply(detour, intent if intent != "ask_advice" else "ask_vad", text, **named)
    assert all(fact in answer for fact in expected), answer
    assert not any(fact in answer for fact in forbidden), answer


def test_a_why_naming_only_the_earlier_subject_gives_its_reason_not_the_detours() -> None:
    first = asked(Focus(), "ask_role", outils=["monexpert"])
    detour = asked(first, "ask_is_open", offres=["payplug"], services=["partenariat"])
    answer = reply(detour, "ask_why", "bon et le lead, pk c'est pas systematique", outils=["monexpert"])
    assert "réseau" in answer and "07 57 95 38 07" not in answer


@pytest.mark.parametrize(("text", "named"), [
    ("et payplug ?", {"offres": ["payplug"]}),  # a subject alone: the last question, for it
    ("quel est le numéro de payplug ?", {"offres": ["payplug"]}),  # an open question on it: asked anew
])
def test_a_subject_of_the_earlier_answer_named_without_coming_back_is_not_a_return(text: str, named: dict) -> None:
    first = asked(Focus(), "ask_offer_definition", offres=["payplug"])
    detour = asked(first, "ask_phone", offres=["sp_plus"])
    reading = Question("inform_subject", offres=tuple(named["offres"]))
    assert returns_to_earlier(CAT, text, reading, detour, MONDAY_10) is None


def recommended(conclusion: str, offre: Optional[str]) -> Focus:
    return after_recommendation(offre, {"site": "oui", "payplug": "non", "moyens": []}, conclusion,
                                ("assistance_spplus_jpel", "service_clients_spplus"))


def test_the_client_of_the_diagnostic_after_a_detour_is_the_recommendation() -> None:
    detour = asked(recommended("sp_plus", "sp_plus"), "ask_tool", outils=["osc"])
    back = returns_to_earlier(CAT, "ok et pour le client, quelle ligne je peux lui donner en cas de souci ?",
                              Question("ask_support"), detour, MONDAY_10)
    assert back is not None and back.intent == RECOMMENDATION and back.offres == ("sp_plus",)
    assert back.avant is not None and back.avant.outils == ("osc",)
    # after a line, « pour le client » asks about that line: no return
    line = asked(recommended("sp_plus", "sp_plus"), "ask_phone", services=["assistance_monetique"])
    assert returns_to_earlier(CAT, "et pour le client, je peux le donner ?", Question("ask_audience"), line,
                              MONDAY_10) is None


def test_a_line_asked_for_an_offer_whose_pages_are_another_offers_after_a_detour() -> None:
    # « je lui donne quel num ? » asks for a line, whatever else the message names first (its payment page)
    text = "ok et pour mon client iz, si c'est la page de paiement qui plante je lui donne quel num ?"
    assert subject_aspect_guess(CAT, text, Question("nlu_fallback", offres=("iz_ecommerce",))) == "ask_phone"
    assert asks_for_a_line(text) and not asks_for_a_line("OSC sert aussi pour Payplug ?")


def test_who_enters_the_lead_is_a_role_even_after_the_team_that_handles_leads() -> None:
    lines = asked(Focus(), "ask_phone", offres=["payplug"], services=["partenariat"])
    answer = reply(lines, "ask_open_services", "au fait qui saisit le lead monexpert", outils=["monexpert"])
    assert "ATC" in answer and "07 57 95 38 07" not in answer


def test_the_price_of_a_call_to_a_quoted_number() -> None:
    quoted = focus_for_message(CAT, "Combien coûte un appel au 08 10 00 47 24 ?", Focus())
    answer = reply(quoted, "ask_audience", "Combien coûte un appel au 08 10 00 47 24 ?")
    assert "0,06 €/min" in answer and not answer.startswith("Oui")


def test_why_not_after_a_card_asked_about_with_a_simulator_gives_the_cards_own_reason() -> None:
    # « pour les chèques-vacances je fais une simul simuleasy ? » → the affiliation ; « pk pas ? » : no pricing by us
    card = Focus("ask_affiliation", cartes=("ancv",), objets=("simuleasy",))
    why = reply(card, "ask_why", "pk pas ?")
    assert "négociées directement" in why and "SimulUPI" not in why
    # the tool's own reason still comes when the answer's subject has none (a role)
    role = Focus("ask_role", roles=("atc",), objets=("monexpert",))
    assert "systématique" in reply(role, "ask_why", "pk ?")


def test_a_why_that_says_the_earlier_answers_aspect_comes_back_to_it() -> None:
    funds = asked(Focus(), "ask_funds", offres=["payplug"])
    detour = asked(funds, "ask_email", offres=["payplug"], services=["support"])
    why = reply(detour, "ask_why", "et pour les virements, pk c'est payplug qui vire et pas nous", offres=["payplug"])
    assert "full service" in why and "support@payplug.com" not in why


def test_a_merchant_of_an_offer_dialling_the_line_in_focus_asks_its_public() -> None:
    line = asked(Focus(), "ask_phone", services=["assistance_monetique"])
    answer = reply(line, "ask_offer_definition", "un commerçant en jpel peut le composer lui aussi ?", offres=["jpel"])
    assert answer.startswith("Non") and "09 69 37 80 30" in answer


@pytest.mark.parametrize("text", ["c'est quoi le service client sp plus ?",
                                  "le service client sp plus ça sert à quoi ?"])
def test_what_a_service_is_is_its_line(text: str) -> None:
    reading = Question("nlu_fallback", services=("service_clients",), offres=("sp_plus",))
    assert subject_aspect_guess(CAT, text, reading) == "ask_support"


def test_an_offer_described_by_its_own_words_is_named() -> None:
    # « la solution la plus modulable » : SP+'s notion (« la plus modulaire »), as the diagnostic says it
    assert offers_by_notion(CAT, "la solution la plus modulable pour les sites c laquelle ?") == ("sp_plus",)


def test_an_offer_named_by_its_notion_in_an_unsure_question_is_presented() -> None:
    reading = Question("nlu_fallback", offres=("sp_plus",))
    assert subject_aspect_guess(CAT, "la solution la plus modulable pour les sites c laquelle ?", reading) \
        == "ask_offer_definition"


def test_how_to_reach_a_named_line_read_as_its_phone_gives_the_whole_line() -> None:
    answer = reply(Focus(), "ask_phone", "le support payplug on les joint comment ?", offres=["payplug"],
                   services=["support"])
    assert "+33 1 76 34 01 55" in answer and "support@payplug.com" in answer


def test_a_line_refused_for_one_offers_client_stays_the_line_asked_about() -> None:
    line = Focus.from_slot({"intent": "ask_support", "contacts": ["assistance_spplus_jpel"], "audience": "client",
                            "point": "public", "offres": ["sp_plus"]}, CAT)
    refused = resolve(CAT, Question("ask_audience", offres=("payplug",)),
                      "et a un client payplug je peux le donner aussi ?", line, MONDAY_10)
    assert refused.question is not None and refused.lead == "Non."
    after_no = after(line, refused.question, compose(CAT, refused.question, MONDAY_10), point=refused.point)
    assert after_no.contacts == ("assistance_spplus_jpel",)
    assert reply(after_no, "inform_subject", "et a un client jpel ?", offres=["jpel"]).startswith("Oui")


def test_a_line_for_us_read_as_site_creation_after_client_lines_is_the_internal_line() -> None:
    support = Focus.from_slot({"intent": "ask_support", "offres": ["payplug"], "services": ["support"],
                               "contacts": ["payplug_support"], "audience": "client"}, CAT)
    answer = reply(support, "ask_site_creation", "ils ont une ligne pour nous, côté caisse ?")
    assert "07 57 95 38 07" in answer and "IZ eCommerce" not in answer


def test_the_lines_kept_for_us_after_the_client_assistance_lines_are_the_internal_ones() -> None:
    client_lines = Focus.from_slot({"intent": "ask_phone", "offres": ["payplug", "sp_plus"],
                                    "services": ["assistance"], "audience": "client"}, CAT)
    answer = reply(client_lines, "ask_phone", "et ceux qu’on garde pour nous ?")
    assert "07 57 95 38 07" in answer and "09 69 36 06 26" in answer


@pytest.mark.parametrize(("text", "expected"), [
    ("le 07 57 95 38 07 répond jusqu'à quelle heure ?", "Horaires"),  # read as the line's public by DIET
    ("le 08 10 00 47 24, ça coûte combien à la minute ?", "0,06 €/min"),
    ("le 09 69 36 06 26 il a un mail ?", "assistance-monetiquepro@natixis.com"),
])
def test_another_aspect_of_a_quoted_line_read_as_its_public(text: str, expected: str) -> None:
    answer = reply(focus_for_message(CAT, text, Focus()), "ask_audience", text)
    assert expected in answer and not answer.startswith(("Oui", "Non", "Pour la CECAZ")), answer


def test_whom_to_call_for_a_card_is_the_affiliation() -> None:
    text = "il me demande si c'est lui qui doit appeler American Express pour accepter leurs cartes"
    assert subject_aspect_guess(CAT, text, Question("nlu_fallback", cartes=("amex",))) == "ask_affiliation"


def test_a_subject_named_by_its_notion_alone_asks_the_previous_question_for_it() -> None:
    # « ouvert le samedi ? » on a JPEL line, then « et le support de la filiale clé en main ? » : Payplug's, Saturday
    saturday = Focus("ask_is_open", offres=("jpel",), contacts=("assistance_monetique_pro",), moment=Moment((5,)))
    answer = reply(saturday, "ask_support", "et le support de la filiale cle en main ?", offres=["payplug"],
                   services=["support"])
    assert answer.startswith("Non") and "+33 1 76 34 01 55" in answer


@pytest.mark.parametrize(("text", "point"), [
    ("Un domaine vend ses coffrets sur sa boutique en ligne avec Payplug : il faut ouvrir un contrat monétique ?",
     "contrat"),  # the site only situates the merchant
    ("c'est moi en agence qui lui vends JPEL, sans site internet ?", None),  # who sells it, not the site
    ("pour jpel il faut un site ?", "site"),
])
def test_the_point_of_a_closed_question_on_an_offer(text: str, point: Optional[str]) -> None:
    assert closed_point(text) == point


def test_the_risk_of_an_unpaid_payment_read_as_a_support_question_after_the_vad() -> None:
    vad = Focus("ask_vad", offres=("vad",))
    answer = reply(vad, "ask_support", "et l'impayé, c'est qui qui le supporte dans ce cas ?")
    assert "commerçant qui supporte le risque d’impayé" in answer


@pytest.mark.parametrize(("text", "intent", "expected", "forbidden"), [
    ("Une fleuriste a sa boutique en ligne sous Payplug et les paiements de ses bouquets ne passent plus : quel "
     "numéro je lui donne ?", "ask_choose_offer", "+33 1 76 34 01 55", "Par défaut"),
    ("Un bijoutier vend en ligne avec Payplug : on a une ligne interne chez Payplug pour nous ?", "ask_site_creation",
     "07 57 95 38 07", "IZ eCommerce"),
])
def test_a_line_of_a_named_offer_read_as_another_family(text: str, intent: str, expected: str, forbidden: str) -> None:
    answer = reply(Focus(), intent, text, offres=["payplug"])
    assert expected in answer and forbidden not in answer


def test_an_unsure_question_on_a_card_alone_is_what_the_document_says_of_it() -> None:
    reading = Question("nlu_fallback", cartes=("amex",))
    assert subject_aspect_guess(CAT, "et l'AMEX dans ce cas, il fait quoi ?", reading) == "ask_affiliation"


@pytest.mark.parametrize(("text", "asks"), [
    ("je lui donne quel num ?", True),
    ("et cote caisse on a une autre ligne ?", True),
    ("client jpel qui galere avec son contrat, il appelle qui ?", True),  # whom to call
    ("client sans site, il prend des commandes par mail, tu me recommandes quoi ?", False),  # how he sells
    ("OSC sert aussi pour Payplug ?", False),
])
def test_a_message_asks_for_a_line_when_it_asks_its_word(text: str, asks: bool) -> None:
    assert asks_for_a_line(text) is asks


def test_why_a_company_does_its_own_thing_keeps_it_as_the_subject() -> None:
    answer = reply(Focus("ask_offer_definition", offres=("sp_plus",)), "ask_pricing",
                   "pk c’est iz qui fixe le prix du site ?", offres=["iz_ecommerce"])
    assert "IZ eCommerce négocie directement" in answer and "SP+" not in answer.split("\n")[0]


def test_keying_the_cards_in_himself_by_phone_is_the_vad_not_a_phone_line() -> None:
    answer = reply(Focus("recommendation", offres=("jpel",)), "ask_phone",
                   "et s’il prefere saisir les cartes lui meme par tel ?")
    assert "contestée" in answer and "09 69 37 80 30" not in answer


def test_why_the_company_in_focus_does_it_is_the_reason_of_the_answer() -> None:
    funds = Focus("ask_funds", offres=("payplug",))
    answer = reply(funds, "ask_why", "pk c'est payplug qui vire et pas nous directement ?", offres=["payplug"])
    assert "full service" in answer


def test_a_phone_question_naming_the_support_stays_a_phone_question() -> None:
    # the service's name is not a request for the whole line (only « joindre », « joignable » are)
    answer = reply(Focus(), "ask_phone", "What is the Payplug support phone number?", offres=["payplug"],
                   services=["support"])
    assert answer.startswith("Téléphone pour Payplug")


def test_a_pronoun_subject_then_a_service_of_the_earlier_answer_asks_it_of_the_subject_in_focus() -> None:
    # « elles ont aussi un support ? » after SP+'s pricing, itself after Payplug's support: SP+'s, the pronoun's
    first = asked(Focus(), "ask_email", offres=["payplug"], services=["support"])
    detour = asked(first, "ask_pricing", offres=["sp_plus"])
    reading = Question("ask_support", services=("support",))
    assert returns_to_earlier(CAT, "et elles ont aussi un support ?", reading, detour, MONDAY_10) is None
    # the service named as the subject goes back to it
    assert returns_to_earlier(CAT, "et le support, il répond aussi le samedi ?", reading, detour, MONDAY_10) is not None


def test_an_offer_that_only_says_whose_client_is_no_return_to_the_answer_that_named_it() -> None:
    # Payplug's support, then the monétique PRO: « la » is the line in focus, Payplug says whose client
    first = asked(Focus(), "ask_phone", offres=["payplug"], services=["support"])
    detour = asked(first, "ask_hours", services=["assistance_monetique"])
    reading = Question("ask_audience", offres=("payplug",))
    assert returns_to_earlier(CAT, "je peux la filer à une cliente payplug ?", reading, detour, MONDAY_10) is None


def test_the_moment_asked_just_before_keeps_the_current_answer_in_focus() -> None:
    # both lines' hours, then the partnership team at 17h45: « et le support au même moment ? » is that moment
    first = asked(Focus(), "ask_hours", offres=["payplug"], services=["support", "partenariat"])
    detour = replace(asked(first, "ask_is_open", services=["partenariat"]), moment=Moment(at=time(17, 45)))
    reading = Question("nlu_fallback", services=("support",))
    assert returns_to_earlier(CAT, "et le support au même moment ?", reading, detour, MONDAY_10) is None
