"""Questions fermées telles que les collègues les posent (vague r36, issue 11) : demande de confirmation en fin de
question, « ça marche sans site ? » sur l'offre présentée, contrat d'une autre offre demandé pour celle du focus,
simulateur nommé après une carte, commerçant repris par son métier, sorte de client demandée à une offre, « pourquoi
pas moi ? », raison d'un aspect « tout court », pages de paiement après la raison qui nommait leur offre, « et celui
du support, je peux ? », ligne interne proposée pour le client du focus, prix d'un appel lu comme un besoin.
Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

from datetime import time

import pytest
from rasa.shared.nlu.training_data.message import Message

from addons.conversation_moves import ConversationMoves
from cecaz.audience import audience_of
from cecaz.diagnostic import describes_the_client, text_facts
from cecaz.doers import asked
from cecaz.families import compose
from cecaz.focus import AUDIENCE, Focus, after_recommendation, client_kind
from cecaz.moves import asks_if_it_works_without_a_site, read_move
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.segments import blank_trailing_tag
from cecaz.when import Moment
from tests.unit.conftest import reply_to
from tests.unit.test_focus import CAT, MONDAY_10, answer, focus_after


@pytest.mark.parametrize(("text", "kept"), [
    ("on peut l'ouvrir sans contrat VAD, c'est bien ça ?", "on peut l'ouvrir sans contrat VAD"),
    ("le virement arrive tous les jours, non ?", "le virement arrive tous les jours"),
    ("c'est le CIF qui tarife, n'est-ce pas ?", "c'est le CIF qui tarife"),
    ("pas besoin de MyGed pour Payplug, si ?", "pas besoin de MyGed pour Payplug"),
])
def test_a_confirmation_tag_is_blanked_before_the_nlu_reads_the_question(text: str, kept: str) -> None:
    blanked = blank_trailing_tag(text)
    assert len(blanked) == len(text) and blanked.rstrip(" ?") == kept and blanked.endswith("?")


@pytest.mark.parametrize("text", ["il le prend ou non ?", "c'est ça ?", "tu confirmes, oui ou non ?"])
def test_a_choice_or_a_bare_tag_stays_as_typed(text: str) -> None:
    assert blank_trailing_tag(text) == text


@pytest.mark.parametrize(("text", "works"), [
    ("et ça fonctionne sans boutique en ligne ?", True),
    ("c'est faisable sans site ?", True),
    ("mon commerçant n'a pas de site", False),
    ("il est sans site, on propose quoi ?", False),
])
def test_whether_it_works_without_a_site_is_asked_of_the_offer_not_said_of_the_client(text: str, works: bool) -> None:
    assert asks_if_it_works_without_a_site(text) is works


def _moved(text: str, intent: str) -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6}, "entities": []})
    processed = ConversationMoves().process([message])[0]
    return processed.get("intent")["name"]


@pytest.mark.parametrize(("text", "diet", "move"), [
    ("ça fonctionne aussi sans site ?", "inform_no_site", "ask_offer_definition"),
    ("ça passe sans site web, c'est bien ça ?", "affirm", "ask_offer_definition"),
    ("il est gratuit pour le commerçant au moins ?", "inform_needs_modular", "ask_phone"),
    ("il n'a pas de site", "inform_no_site", "inform_no_site"),
])
def test_a_question_on_what_was_just_said_is_not_a_fact_for_the_diagnostic(text: str, diet: str, move: str) -> None:
    assert _moved(text, diet) == move


@pytest.mark.parametrize(("offer", "lead"), [("jpel", "Oui"), ("sp_plus", "Non")])
def test_it_works_without_a_site_is_yes_or_no_for_the_offer_in_focus(offer: str, lead: str) -> None:
    reply = answer(focus_after("ask_offer_definition", offres=[offer]), "ask_offer_definition",
                   "ça fonctionne sans site ?")
    assert reply.startswith(lead), reply


def test_another_offers_contract_asked_for_the_offer_in_focus_is_no() -> None:
    reply = answer(focus_after("ask_offer_definition", offres=["jpel"]), "ask_vad",
                   "il lui faut quand même un contrat SP+ ?", offres=["sp_plus"])
    assert reply.startswith("Non") and "JePaieEnLigne" in reply, reply


def test_an_offer_only_qualifying_the_contract_is_not_a_claim() -> None:
    reply = answer(focus_after("ask_pricing", offres=["payplug"]), "ask_contracts",
                   "et avec un contrat sp+, faut une simulation ?", offres=["sp_plus"])
    assert not reply.startswith("Non"), reply


def test_a_simulator_asked_after_a_card_of_direct_affiliation_is_no() -> None:
    reply = answer(focus_after("ask_affiliation", cartes=["ancv"]), "ask_simulator",
                   "je dois quand même passer par SimulEasy ?", outils=["simuleasy"])
    assert reply.startswith("Non"), reply


def test_the_merchant_described_before_is_the_client_when_asked_who_does_it() -> None:
    who = asked(CAT, "c'est le fleuriste qui s'en charge ?", (),
                ["une fleuriste veut accepter l'amex, je fais quoi ?", "un fleuriste veut accepter l'amex"])
    assert who is not None and who[0] == frozenset({"client"})
    assert asked(CAT, "c'est le fleuriste qui s'en charge ?", (), ["quel simulateur pour l'amex ?"]) is None


@pytest.mark.parametrize(("offer", "lead"), [("sp_plus", "Oui."), ("jpel", None)])
def test_a_kind_of_client_asked_of_an_offer_gives_whom_it_is_for(offer: str, lead: str | None) -> None:
    resolution = resolve(CAT, Question("inform_subject"), "et pour une grosse entreprise aussi ?",
                         focus_after("ask_offer_definition", offres=[offer]), MONDAY_10)
    assert resolution.question is not None and resolution.question.offres == (offer,)
    assert resolution.lead == lead


def test_why_not_the_speaker_gives_the_reason_of_the_role_who_does_it() -> None:
    focus = Focus("ask_contracts", offres=("jpel",), acteurs=("cif",))
    reply = answer(focus, "ask_why", "et pourquoi c'est pas nous ?")
    assert "diagnostic" in reply and "CIF" in reply, reply


def test_the_reason_of_an_aspect_at_all_drops_the_subject() -> None:
    focus = Focus("ask_simulator", cartes=("dfs_diners",), outils=("simulupi",))
    reply = answer(focus, "ask_why", "mais pourquoi une simulation de manière générale ?")
    assert "rentabilit" in reply and "Diners" not in reply, reply


def test_the_page_after_a_reason_naming_its_offer_is_the_payment_page() -> None:
    resolution = resolve(CAT, Question("ask_support"), "et si la page bugue, il appelle qui ?",
                         focus_after("ask_offer_definition", offres=["iz_ecommerce"]), MONDAY_10,
                         "mais pourquoi Payplug si le site est fait par IZ ?")
    assert resolution.question is not None and resolution.question.offres == ("payplug",)


def test_may_i_for_another_line_after_a_public_question_is_the_same_question() -> None:
    first = Question(AUDIENCE, offres=("payplug",), services=("partenariat",))
    focus = Focus("ask_phone", offres=("payplug",), services=("partenariat",), contacts=("payplug_partenariat",),
                  audience="client", point="public")
    assert compose(CAT, first, MONDAY_10).text.startswith("Non")
    reply = answer(focus, "ask_phone", "et le support, on peut ?", services=["support"])
    assert reply.startswith("Oui") and "+33 1 76 34 01 55" in reply, reply


def test_an_internal_line_for_the_client_in_focus_gives_that_clients_support() -> None:
    focus = focus_after("ask_support", offres=["iz_ecommerce"], services=["support"])
    reply = answer(focus, "ask_audience", "je peux lui donner l'assistance monétique pro ?",
                   services=["assistance_monetique"])
    assert reply.startswith("Non") and "IZ eCommerce" in reply and "09 69 37 80 30" not in reply, reply


def test_an_internal_line_for_a_payplug_client_gives_payplugs_support() -> None:
    focus = focus_after("ask_phone", offres=["payplug"], services=["support"])
    reply = answer(focus, "ask_audience", "et la monétique pro, je peux la lui passer ?",
                   services=["assistance_monetique"])
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply and "09 69 37 80 30" not in reply, reply


@pytest.mark.parametrize("text", ["site oui, payplug non, cb seulement, je prends quoi ?",
                                  "elle a un site et payplug ne va pas, quoi comme offre ?"])
def test_a_client_described_then_which_offer_starts_the_diagnostic(text: str) -> None:
    assert describes_the_client(CAT, text)


@pytest.mark.parametrize(("text", "move"), [
    ("c'est bien le client qui paie les frais ?", "nlu_fallback"),
    ("oui, un autre", "affirm"),
    ("oui il a déjà un site ?", "affirm"),
])
def test_a_question_read_as_yes_is_not_a_yes(text: str, move: str) -> None:
    assert _moved(text, "affirm") == move


@pytest.mark.parametrize(("role", "lead"), [("atc", "Non."), ("cif", "Oui.")])
def test_whether_a_role_uses_the_tool_in_focus_is_read_in_the_roles_missions(role: str, lead: str) -> None:
    resolution = resolve(CAT, Question("ask_role", roles=(role,)), f"c'est bien le {role} qui l'utilise ?",
                         Focus("ask_tool", outils=("osc",), objets=("osc",)), MONDAY_10)
    assert resolution.lead == lead
    assert resolution.question is not None and resolution.question.roles == ("cif",)


def test_contracts_then_another_offer_is_not_that_offers_contract_claimed() -> None:
    reply = answer(focus_after("ask_contracts", offres=["payplug"]), "ask_contracts",
                   "bon, les contrats, chez sp+ il en faut un ?", offres=["sp_plus"])
    assert reply.startswith("Oui"), reply


def test_why_it_is_them_and_not_us_stays_the_reason_of_the_offer() -> None:
    reply = answer(Focus("ask_contracts", offres=("payplug",), acteurs=("cif",)), "ask_why",
                   "pourquoi c'est Payplug qui signe et pas nous ?", offres=["payplug"])
    assert "full service" in reply, reply


def test_that_moment_is_the_moment_asked_before() -> None:
    focus = Focus("ask_is_open", offres=("payplug",), services=("partenariat",), contacts=("payplug_partenariat",),
                  moment=Moment((), time(17, 50)))
    reply = answer(focus, "ask_hours", "et le service client sp+ au même moment ?", offres=["sp_plus"],
                   services=["service_clients"])
    assert reply.startswith("Oui (aujourd’hui à 17h50)"), reply


def test_them_after_the_line_asked_for_staff_is_that_team() -> None:
    focus = Focus("ask_support", offres=("payplug",), contacts=("payplug_partenariat", "payplug_support"),
                  audience="staff")
    reply = answer(focus, "ask_audience", "et on peut leur passer un commerçant ?")
    assert reply.startswith("Non"), reply


def _after_recommendation(offer: str, **facts: object) -> Focus:
    values = {"site": None, "creer_site": None, "payplug": None, "moyens": [], **facts}
    return after_recommendation(offer, values, offer, tuple(CAT.offres[offer].contacts))


def test_a_simulator_asked_after_a_recommendation_is_checked_against_its_cards() -> None:
    focus = _after_recommendation("sp_plus", site="oui", payplug="non", moyens=["dfs_diners"])
    reply = answer(focus, "ask_simulator", "je simule avec SimulEasy du coup ?", outils=["simuleasy"])
    assert reply.startswith("Non") and "SimulUPI" in reply, reply


@pytest.mark.parametrize(("text", "named", "expected"), [
    ("et pourquoi SimulUPI ?", {"outils": ["simulupi"]}, "Union Pay"),
    ("pourquoi c'est à lui de demander l'affiliation ANCV ?", {"cartes": ["ancv"]}, "affiliation"),
])
def test_the_reason_of_a_tool_or_card_named_after_a_recommendation_is_its_own(text: str, named: dict,
                                                                             expected: str) -> None:
    focus = _after_recommendation("sp_plus", site="oui", payplug="non", moyens=["upi", "ancv"])
    reply = answer(focus, "ask_why", text, **named)
    assert expected in reply and "09 69 37 80 30" not in reply, reply


@pytest.mark.parametrize(("text", "creer_site"), [
    ("pas de site, et aucune envie d'en monter un", "non"),
    ("sans site, pas l'intention d'en ouvrir un", "non"),
    ("pas encore de site mais elle veut en lancer un", "oui"),
])
def test_wanting_a_site_or_not_is_read_in_other_words(text: str, creer_site: str) -> None:
    assert text_facts(text).get("creer_site") == creer_site


def test_an_internal_line_for_the_client_of_a_recommendation_gives_that_clients_support() -> None:
    focus = _after_recommendation("iz_ecommerce", site="non", creer_site="oui")
    reply = answer(focus, "ask_support", "je lui passe l'assistance monétique pro s'il a un pépin ?",
                   services=["assistance_monetique"])
    assert reply.startswith("Non") and "IZ eCommerce" in reply and "09 69 37 80 30" not in reply, reply


def test_serves_too_for_an_offer_asks_whether_the_line_in_focus_serves_it() -> None:
    focus = Focus("ask_support", offres=("sp_plus",), contacts=("assistance_spplus_jpel",))
    reply = answer(focus, "inform_subject", "ce numéro sert aussi pour un client jpel ?", offres=["jpel"])
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize(("text", "audience"), [
    ("les numéros pour mon client SP+, et le nôtre en interne stp", None),
    ("pour un commerçant jpel et pour nous, c'est quoi les lignes ?", None),
    ("le tel pour le client payplug et celui de sp+", "client"),
    ("mon client a un souci, je lui donne la ligne pour nous ?", "staff"),
])
def test_lines_asked_for_both_publics_at_once_are_given_each_in_its_part(text: str, audience: str | None) -> None:
    assert audience_of(text) == audience


def test_a_contract_asked_without_a_fact_of_the_client_is_not_a_diagnostic() -> None:
    assert _moved("et pour lui faut aussi un contrat monétique", "inform_has_site") == "ask_contracts"
    assert _moved("il a déjà un site, faut un contrat ?", "inform_has_site") != "ask_contracts"


def test_a_strong_confirmation_tag_is_blanked_even_without_a_question_mark() -> None:
    blanked = blank_trailing_tag("donc sp+ c'est si payplug va pas c'est ça")
    assert blanked.rstrip() == "donc sp+ c'est si payplug va pas"
    assert blank_trailing_tag("il a pas de site non") == "il a pas de site non"


@pytest.mark.parametrize(("text", "move"), [("et ça c'est pour les commerçants ?", "ask_audience"),
                                             ("c'est pour le client qu'on ouvre le contrat ?", None)])
def test_whom_the_line_serves_is_read_from_its_form(text: str, move: str | None) -> None:
    assert read_move(text) == move


def test_in_house_after_the_line_to_give_is_the_line_for_us_whatever_the_nlu_read() -> None:
    focus = Focus("ask_phone", offres=("payplug",), contacts=("payplug_support",), audience="client")
    reply = answer(focus, "ask_offer_definition", "et en interne on a quoi ?")
    assert "07 57 95 38 07" in reply, reply


def test_a_kind_of_client_is_guessed_when_the_nlu_is_unsure() -> None:
    assert client_kind(CAT, "même pour une petite entreprise ?", Focus("ask_offer_definition", offres=("sp_plus",)))


@pytest.mark.parametrize(("first", "named", "then", "then_named", "same"), [
    # the same simulator for both cards: yes
    ("quel simulateur pour les cartes UnionPay ?", {"cartes": ["upi"]}, "et pour les Diners, c'est pareil ?",
     {"cartes": ["dfs_diners"]}, True),
    # another simulator: not a yes (the answer says which)
    ("quel simulateur pour les cartes UnionPay ?", {"cartes": ["upi"]}, "idem pour les CB classiques ?",
     {"cartes": ["standard"]}, False),
])
def test_the_same_answer_for_another_subject_is_a_yes(fixed_clock, first, named, then, then_named, same):
    _, focus = reply_to(first, "ask_simulator", **named)
    reply, _ = reply_to(then, "inform_subject", focus, **then_named)
    assert reply.startswith("Oui") is same


@pytest.mark.parametrize(("text", "named", "yes"), [
    # an offer named first, then what it is said to be: the answer's sentence confirms it
    ("Payplug est bien une filiale du Groupe BPCE ?", {"offres": ["payplug"]}, True),
    ("SP+ c'est bien une offre du groupe BPCE ?", {"offres": ["sp_plus"]}, False),  # the document does not say it
    ("payplug numéro du support ?", {"offres": ["payplug"]}, False),  # asked for, not said back
])
def test_an_offer_named_first_then_a_claim_is_confirmed_from_the_answer(fixed_clock, text, named, yes):
    reply, _ = reply_to(text, "ask_offer_definition", **named)
    assert reply.startswith("Oui") is yes
