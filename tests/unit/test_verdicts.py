"""Questions fermées : oui ou non d'abord (cecaz/verdicts.py), lu dans le catalogue ou dans la réponse composée, et
la même question fermée reposée pour une autre offre (« et pour sp+ ? », cecaz/focus.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.families import compose
from cecaz.focus import FIELDS, Focus, after
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.verdicts import (
    advice_verdict,
    asks_if_contract_needed,
    call_cost_verdict,
    can_verdict,
    claim_verdict,
    confirmation_verdict,
    contract_verdict,
    coordinate_verdict,
    is_closed,
    obligation_verdict,
    staff_line_verdict,
    us_verdict,
    works_too_verdict,
)
from tests.unit.conftest import reply_to
from tests.unit.test_focus import MONDAY_10

CAT = load_catalogue()


@pytest.mark.parametrize("text, closed", [
    ("pour payplug faut ouvrir un contrat monetique chez nous ?", True),
    ("SP+ il y a un contrat à ouvrir ?", True),
    ("c'est le cif qui les parametre ?", True),
    ("quel contrat j'ouvre pour sp+ ?", False),
    ("qui ouvre les contrats ?", False),
    ("c'est quand même obligatoire ?", True),
    ("on ouvre quoi comme contrat ?", False),
    ("pk on doit ouvrir un contrat ?", False),  # Teams spellings of question words
    ("c koi le contrat à ouvrir ?", False),
])
def test_a_question_is_closed_without_an_interrogative_word(text: str, closed: bool) -> None:
    assert is_closed(text) is closed


@pytest.mark.parametrize("text, asked", [
    ("pour payplug faut ouvrir un contrat monetique chez nous ?", True),
    ("jpel ca demande d'ouvrir un contrat ?", True),
    ("est-ce qu'un contrat est nécessaire pour SP+ ?", True),
    ("quels contrats ouvrir pour SP+ ?", False),
    ("le contrat sp+ c'est qui qui le signe ?", False),
    ("il faut un site pour jpel ?", False),
    ("et pour sp+, ça passe forcément par un contrat chez nous ?", True),
    ("jpel ça nécessite un contrat d'acquisition ?", True),
    ("le commerçant signe un contrat avec nous pour payplug ?", True),
    ("ça implique quel contrat pour jpel ?", False),
])
def test_asking_whether_a_contract_must_be_opened(text: str, asked: bool) -> None:
    assert asks_if_contract_needed(text) is asked


def test_the_contract_verdict_is_read_in_the_offers_contracts() -> None:
    assert contract_verdict(CAT, "payplug") == "Non."  # « full service » : aucun contrat côté BPCE
    assert contract_verdict(CAT, "sp_plus") == "Oui."
    assert contract_verdict(CAT, "jpel") == "Oui."
    assert contract_verdict(CAT, "iz_ecommerce") is None  # the document cites no contract either way
    assert contract_verdict(CAT, None) is None


def _ask(focus: Focus, intent: str, text: str, **named: List[str]) -> Dict[str, Any]:
    """Le message lu comme l'assistant le lit (`named` : entités du NLU, puis noms du catalogue dans le texte)."""
    found = {field: tuple(dict.fromkeys([*named.get(field, ()), *CAT.find_in_text(kind, text)]))
             for kind, field in FIELDS.items()}
    reading = Question(intent, **{k: v for k, v in found.items() if v})
    resolution = resolve(CAT, reading, text, focus, MONDAY_10)
    assert resolution.question is not None
    answer = compose(CAT, resolution.question, MONDAY_10)
    return {"text": f"{resolution.lead}\n{answer.text}" if resolution.lead else answer.text,
            "focus": after(focus, resolution.question, answer, point=resolution.point)}


@pytest.mark.parametrize("first, offer, follow_up, expected, then, expected_then", [
    ("pour payplug faut ouvrir un contrat monetique chez nous ?", "payplug", "et pour sp+ ?", "Non.", "sp_plus",
     "Oui."),
    ("jpel faut un contrat monétique ?", "jpel", "et pour payplug ?", "Oui.", "payplug", "Non."),
    ("jpel il faut que le commercant ait un site ?", "jpel", "et pour sp+ ?", "Non", "sp_plus", "Oui"),
    ("faut un site pour sp+ ?", "sp_plus", "et pour une vad ?", "Oui", "vad", "Non"),
    ("sp+ on doit ouvrir un contrat ?", "sp_plus", "et payplug ?", "Oui.", "payplug", "Non."),
    # a client without a site: the offer fits him or not, and what fits without a site
    ("client sans site internet, il veut vendre à distance, sp+ ça le fait ?", "sp_plus", "et avec jpel ?", "Non",
     "jpel", "Oui"),
    ("il a pas de site, payplug c'est possible ?", "payplug", "et iz ecommerce ?", "Non", "iz_ecommerce", "Oui"),
])
def test_a_closed_question_is_answered_yes_or_no_then_asked_again_for_another_offer(
        first: str, offer: str, follow_up: str, expected: str, then: str, expected_then: Optional[str]) -> None:
    asked = _ask(Focus(), "ask_contracts", first, offres=[offer])
    assert asked["text"].startswith(expected)
    again = _ask(asked["focus"], "inform_subject", follow_up, offres=[then])
    assert again["text"].startswith(expected_then)
    assert CAT.offres[then].nom.split(" ")[0] in again["text"]


def test_another_question_after_a_closed_one_is_not_closed() -> None:
    asked = _ask(Focus(), "ask_contracts", "pour payplug faut ouvrir un contrat chez nous ?", offres=["payplug"])
    phone = _ask(asked["focus"], "ask_phone", "et leur numéro ?")
    assert phone["focus"].point is None
    assert not phone["text"].startswith(("Oui", "Non"))
    assert Focus.from_slot(asked["focus"].to_slot(), CAT).point == "contrat"


def test_a_contract_question_naming_a_card_or_a_person_is_not_a_contract_verdict() -> None:
    amex = _ask(Focus(), "ask_contracts", "faut ouvrir un contrat pour l'amex ?", cartes=["amex"])
    assert not amex["text"].startswith(("Oui.", "Non."))
    person = _ask(Focus(), "ask_contracts", "c'est l'atc qui ouvre le contrat sp+ ?", offres=["sp_plus"], roles=["atc"])
    assert person["focus"].point is None


def test_a_contract_that_only_says_which_is_not_the_closed_point() -> None:
    assert asks_if_contract_needed("faut ouvrir un contrat pour payplug ?")
    assert asks_if_contract_needed("y a besoin d'un contrat pour sp+ ?")
    assert asks_if_contract_needed("pour un client payplug on doit ouvrir des contrats monetiques cote bpce ?")
    assert not asks_if_contract_needed("et pour un contrat jpel, faut une simu ?")


def test_an_obligation_is_answered_from_the_rule_the_answer_states() -> None:
    filing = compose(CAT, Question("ask_simulation_filing"), MONDAY_10)
    assert obligation_verdict(CAT, "on est obligés de deposer la simu dans myged ?", filing) == "Oui."  # « doit »
    lead = compose(CAT, Question("ask_why", roles=("atc",), about="ask_role"), MONDAY_10)
    assert obligation_verdict(CAT, "c'est obligatoire ?", lead) == "Non."  # « pas systématique »
    assert obligation_verdict(CAT, "où je dépose la simu ?", filing) is None  # not an obligation question
    why_filing = compose(CAT, Question("ask_why", outils=("myged",), about="ask_tool"), MONDAY_10)
    assert obligation_verdict(CAT, "on est obligés de la déposer dans myged ?", why_filing) == "Oui."  # « demande de »
    # a closed « faut… ? » / « je dois… ? » asks the same
    assert obligation_verdict(CAT, "la simu simuleasy faut la deposer dans myged ?", filing) == "Oui."
    assert obligation_verdict(CAT, "je dois la mettre dans myged ?", filing) == "Oui."
    assert obligation_verdict(CAT, "faut la mettre où ?", filing) is None  # open
    assert obligation_verdict(CAT, "c'est systématique ?", lead) == "Non."  # the rule itself
    # the sentence that holds what is asked says it is done only in some cases
    opening = compose(CAT, Question("ask_open_services", outils=("monexpert",)), MONDAY_10)
    assert obligation_verdict(CAT, "latc doit saisir un lead monexpert a chaque fois", opening) == "Non."
    assert obligation_verdict(CAT, "le CIF doit piloter la mise en place ?", opening) is None


@pytest.mark.parametrize(("text", "verdict", "said"), [
    ("et saisir un lead monexpert c'est obligatoire ?", "Non.", "systématique"),
    ("le schéma délégataire c'est obligatoire ?", "Oui.", "doit respecter"),
    ("c'est imposé de passer par myged ?", "Oui.", "MyGed"),
])
def test_whether_a_named_tool_is_required_is_answered_from_its_rule(text, verdict, said) -> None:
    outils = tuple(CAT.find_in_text("tool", text))
    resolution = resolve(CAT, Question("ask_open_services", outils=outils), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_why"
    answer = compose(CAT, resolution.question, MONDAY_10)
    assert obligation_verdict(CAT, text, answer) == verdict and said in answer.text


def test_we_do_not_do_what_the_document_says_the_cecaz_stays_out_of() -> None:
    amex = compose(CAT, Question("ask_simulator", cartes=("amex",)), MONDAY_10)
    assert us_verdict(CAT, "et les frais amex c’est nous qui les negocions ?", amex) == "Non."
    assert us_verdict(CAT, "ils négocient les tarifs avec nous ?", amex) == "Non."
    assert us_verdict(CAT, "qui négocie les frais amex ?", amex) is None  # an open question
    sp_contracts = compose(CAT, Question("ask_contracts", offres=("sp_plus",)), MONDAY_10)
    assert us_verdict(CAT, "on ouvre un contrat chez nous ?", sp_contracts) is None  # the document does not say no


def test_staff_may_use_a_line_reserved_to_them_but_no_verdict_for_a_client_line() -> None:
    assert staff_line_verdict(CAT, ["assistance_monetique_pro"]) == CAT.say("verdict.oui")
    assert staff_line_verdict(CAT, ["assistance_monetique_pro", "payplug_support"]) is None
    # « Pour les clients et la CECAZ : » in the document: a client line staff may use too
    # (it says so, since its label only says « à communiquer au client »)
    assert staff_line_verdict(CAT, ["service_clients_spplus"]) == CAT.say("public.aussi_cecaz",
                                                                          lignes=["service_clients_spplus"])


@pytest.mark.parametrize(("text", "verdict"), [
    ("c'est payant ?", "verdict.oui"),
    ("il est gratuit ?", "verdict.non"),
    ("ça coûte combien l'appel ?", None),  # open question: the price itself, no yes or no
])
def test_call_cost_verdict_on_a_line_with_a_call_price(text: str, verdict: Optional[str]) -> None:
    expected = CAT.say(verdict) if verdict else None
    assert call_cost_verdict(CAT, text, ["service_clients_spplus"]) == expected


def test_the_call_cost_of_a_line_without_a_price_in_the_document_is_said_to_be_missing() -> None:
    # no « Oui » nor « Non » : the document gives a call price for the SP+ customer service only (`prix_appel_absent`)
    said = str(call_cost_verdict(CAT, "c'est payant ?", ["payplug_support"]))
    assert said.startswith("Le document ne précise pas le prix d’un appel pour Équipe support Payplug"), said


@pytest.mark.parametrize(("text", "family", "contacts", "verdict"), [
    ("il y a un mail aussi ?", "ask_email", ["service_clients_spplus"], "verdict.oui"),
    ("il peut envoyer un mail du coup ?", "ask_email", ["payplug_support"], "verdict.oui"),
    ("ils ont un numéro ?", "ask_phone", ["assistance_spplus_jpel"], "verdict.oui"),
    ("il y a un mail ?", "ask_email", ["assistance_spplus_jpel"], None),  # no e-mail in the document: no « non »
    ("c'est quoi leur mail ?", "ask_email", ["payplug_support"], None),    # an open question
    ("il y a un mail ?", "ask_hours", ["payplug_support"], None),
    ("on a une ligne interne pour jpel ?", "ask_support", ["assistance_monetique_pro"], "verdict.oui"),
    ("on a une ligne interne pour iz ?", "ask_support", [], None),  # no line in the document: no « oui »
    ("il y a un support ?", "ask_support", ["payplug_support"], None),  # not a line, an organisation
])
def test_a_coordinate_that_exists_is_answered_yes_first(text: str, family: str, contacts: List[str],
                                                         verdict: Optional[str]) -> None:
    assert coordinate_verdict(CAT, text, family, contacts) == (CAT.say(verdict) if verdict else None)


@pytest.mark.parametrize(("text", "offres", "verdict"), [
    ("on le conseille ?", ["vad"], "verdict.non"),
    ("le vad c'est conseillé par la cecaz ?", ["vad"], "verdict.non"),
    ("c'est déconseillé ?", ["vad"], "verdict.oui"),
    ("on le conseille ?", ["payplug"], None),        # the document does not say « conseillé » of an offer
    ("pourquoi on le déconseille ?", ["vad"], None),  # a reason, not yes or no
])
def test_advice_on_an_offer_the_bank_discourages(text: str, offres: List[str], verdict: Optional[str]) -> None:
    assert advice_verdict(CAT, text, offres) == (CAT.say(verdict) if verdict else None)


@pytest.mark.parametrize(("text", "before", "offres", "verdict"), [
    ("ce numero il marche pour sp+ aussi ?", ("assistance_spplus_jpel",), ("sp_plus",), "Oui."),
    ("et ça marche aussi pour un client payplug ?", ("assistance_spplus_jpel",), ("payplug",), "Non."),
    ("c'est valable pour jpel ?", ("service_clients_spplus",), ("jpel",), "Non."),
    ("quel numéro pour sp+ ?", ("assistance_spplus_jpel",), ("sp_plus",), None),  # an open question
    ("ce numéro marche pour sp+ aussi ?", (), ("sp_plus",), None),  # no line before
])
def test_whether_the_line_in_focus_also_serves_the_named_offer(text, before, offres, verdict):
    assert works_too_verdict(CAT, text, before, offres) == verdict


@pytest.mark.parametrize(("question", "text", "verdict"), [
    (Question("ask_vad", offres=("vad",)), "le porteur peut contester un paiement fait comme ca ?", "Oui."),
    (Question("ask_vad", offres=("vad",)), "ça peut être contesté par l'acheteur ?", "Oui."),
    (Question("ask_role", roles=("atc",)), "l'ATC peut saisir le lead ?", "Oui."),
    (Question("ask_vad", offres=("vad",)), "on peut lui ouvrir un contrat vad ?", None),  # the answer says nothing
    (Question("ask_vad", offres=("vad",)), "qui peut contester ?", None),  # open question
    (Question("ask_vad", offres=("vad",)), "ça peut être fait par l'agence ?", None),  # « être » is not the verb
    (Question("ask_audience"), "je peux le donner au client ?", None),  # « je vous dirai s'il peut être donné »
])
def test_what_someone_can_do_is_answered_from_a_sentence_of_the_answer(question, text, verdict) -> None:
    assert can_verdict(CAT, text, compose(CAT, question, MONDAY_10)) == verdict


PAYPLUG_FUNDS = compose(CAT, Question("ask_funds", offres=("payplug",)), MONDAY_10)


@pytest.mark.parametrize(("text", "verdict"), [
    ("donc payplug verse tous les jours c’est ça ?", "Oui."),
    ("si j'ai bien compris l'argent arrive par virement chaque jour ?", "Oui."),
    ("payplug vire quotidiennement, non ?", "Oui."),
    # what the answer does not say is neither confirmed nor denied here
    ("donc payplug verse toutes les semaines c’est ça ?", None),
    ("donc payplug ne vire pas tous les jours c'est ça ?", None),
    # a closed question with a subject and its verb says a fact back too; without, it may only ask for the thing
    ("et payplug il verse tous les jours ou non ?", "Oui."),
    ("le virement quotidien de payplug ?", None),
    # an open question is not a fact said back
    ("payplug verse quand ?", None),
    ("c'est ça ?", None),
])
def test_a_fact_said_back_is_confirmed_when_a_sentence_of_the_answer_says_it(text, verdict):
    assert confirmation_verdict(CAT, text, PAYPLUG_FUNDS) == verdict


def test_a_closed_question_on_what_the_answer_says_is_yes_unless_the_answer_already_says_so():
    amex = compose(CAT, Question("ask_affiliation", cartes=("amex",)), MONDAY_10)
    assert confirmation_verdict(CAT, "la demande d'affiliation il la fait en direct ?", amex) == "Oui."
    # the subject named again (the answer is about it), or a noun for who does it
    named_again = "ok et pour l'amex, la demande d'affiliation il la fait en direct ?"
    assert confirmation_verdict(CAT, named_again, amex) == "Oui."
    assert confirmation_verdict(CAT, "le client fait la demande d'affiliation en direct ?", amex) == "Oui."
    assert confirmation_verdict(CAT, "le client fait la demande d'affiliation avec le CIF ?", amex) is None
    hours = compose(CAT, Question("ask_is_open", contacts=("assistance_monetique_pro",)), MONDAY_10)
    assert confirmation_verdict(CAT, "ils sont ouverts du lundi au samedi ?", hours) is None


def test_a_negated_claim_is_confirmed_by_a_sentence_that_says_it_negated_too():
    default = compose(CAT, Question("ask_choose_offer", offres=("payplug", "sp_plus")), MONDAY_10)
    assert confirmation_verdict(CAT, "dc sp+ cest qd payplug convient pas cest ca", default) == "Oui."
    assert confirmation_verdict(CAT, "donc sp+ c'est quand payplug convient, c'est ça ?", default) is None


# --- Ce que le collaborateur croit ou qu'on lui a dit (« on m'a dit que… ») : vérifié contre la réponse composée ---

@pytest.mark.parametrize("text, question, verdict", [
    # another name of the same kind where the message puts its own: no
    ("mon collègue dit que par défaut on propose SP+, vrai ?", Question("ask_choose_offer", offres=("sp_plus",)),
     "Non."),
    ("ma collègue dit que par défaut on propose Payplug, c'est juste ?", Question("ask_choose_offer",
                                                                                  offres=("payplug",)), "Oui."),
    # « pour les sites IZ eCommerce » situates the claim; the payment pages are Payplug's
    ("Ma collègue dit que pour les sites IZ eCommerce la page de paiement c'est SP+, c'est juste ?",
     Question("ask_offer_definition", offres=("iz_ecommerce",)), "Non."),
    ("on m'a dit que pour IZ eCommerce les pages de paiement c'est Payplug, c'est ça ?",
     Question("ask_offer_definition", offres=("iz_ecommerce",)), "Oui."),
    ("On m'a dit que pour l'AMEX le client reçoit un numéro d'affilié, c'est ça ?",
     Question("ask_affiliation", cartes=("amex",)), "Oui."),
    ("osc c'est l'outil où on dépose la simu je crois", Question("ask_simulation_filing"), "Non."),
    ("je crois que la simu on la dépose dans MyGed", Question("ask_simulation_filing"), "Oui."),
    # a part that is right (the sale of the solutions) does not make the claim right (the ATC does not sell them)
    ("La vente des solutions e-commerce, c'est l'ATC qui s'en charge je crois ?",
     Question("ask_role", roles=("cif",)), "Non."),
    # each part of the claim is checked: the answer contradicts « pas besoin de la déposer »
    ("On m'a dit que la simulation on la garde dans nos mails, pas besoin de la déposer, c'est vrai ?",
     Question("ask_simulation_filing"), "Non."),
])
def test_a_reported_claim_is_checked_against_the_answer(text, question, verdict):
    assert claim_verdict(CAT, text, compose(CAT, question, MONDAY_10)) == verdict


@pytest.mark.parametrize("text, question", [
    # not reported: another verdict's business
    ("par défaut on propose SP+ ?", Question("ask_choose_offer", offres=("sp_plus",))),
    # reported, but nothing the answer says decides it
    ("on m'a dit que SP+ était plus cher, c'est vrai ?", Question("ask_choose_offer", offres=("sp_plus",))),
    # a quoted number is judged by the line it is, not by the names around it
    ("Je crois que le service client SP+ c'est le 09 69 37 80 30, c'est ça ?",
     Question("ask_phone", offres=("sp_plus",), services=("service_clients",))),
])
def test_no_verdict_when_nothing_is_reported_or_nothing_decides(text, question):
    assert claim_verdict(CAT, text, compose(CAT, question, MONDAY_10)) is None


@pytest.mark.parametrize(("text", "intent", "named", "says_none"), [
    # an amount the document never gives: said first, whatever the answer is about
    ("et le montant de la pénalité qu'on facture au marchand pour une transaction contestée ?", "ask_vad",
     {"offres": ["vad"]}, True),
    ("la commission payplug elle revient à combien par transaction", "ask_vad", {"offres": ["payplug"]}, True),
    # an answer that says already that the document has no price list
    ("la commission payplug elle revient à combien par transaction", "ask_pricing", {"offres": ["payplug"]}, False),
    # the one price of the document, given: nothing to add
    ("ça coûte combien d'appeler le service clients SP PLUS ?", "ask_phone", {"offres": ["sp_plus"]}, False),
    # a count or a frequency is no amount of money
    ("il faut combien de contrats pour SP+ ?", "ask_contracts", {"offres": ["sp_plus"]}, False),
    ("payplug vire tous les combien ?", "ask_offer_definition", {"offres": ["payplug"]}, False),
])
def test_an_amount_the_document_does_not_give_is_said_missing_first(fixed_clock, text, intent, named, says_none):
    reply, _ = reply_to(text, intent, **named)
    assert reply.startswith("Le document ne donne pas ce montant") is says_none, reply
