"""Interrompu puis de retour (issue 11, vague r67) : la question d'un collègue n'est pas celle du commerçant, le retour
au commerçant d'avant le détour, le prix d'un appel au numéro cité, l'étape suivante après ce qui vient d'être fait."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from cecaz.detour import without_the_return
from cecaz.focus import opens_on_a_correction
from cecaz.merchant import mentions_a_merchant_from
from tests.unit.conftest import replies_to

Turn = Tuple[str, str, Dict[str, List[str]]]


@pytest.mark.parametrize(("text", "line"), [
    ("Une collègue me demande le mail de l'assistance monétique PRO", "assistance-monetiquepro@natixis.com"),
    ("On me demande le numéro de la monétique pro, tu l'as ?", "09 69 36 06 26"),
])
def test_a_colleague_or_someone_unsaid_asking_gets_the_internal_line_with_its_label(text: str, line: str) -> None:
    family = "ask_email" if "mail" in text else "ask_phone"
    reply = replies_to((text, family, {"services": ["assistance_monetique"]}))[0]
    assert line in reply and "usage interne CECAZ" in reply


@pytest.mark.parametrize("text", [
    "Un fleuriste me demande le numéro de la monétique pro",
    "un maçon me demande le numéro de la monétique pro",
])
def test_the_merchant_asking_still_gets_only_his_lines(text: str) -> None:
    reply = replies_to((text, "ask_phone", {"services": ["assistance_monetique"]}))[0]
    assert "09 69 36 06 26" not in reply


def test_the_call_price_of_a_quoted_number_whatever_the_focus() -> None:
    reply = replies_to(("le contrat VAD, on le conseille ?", "ask_vad", {"offres": ["vad"]}),
                       ("Bon, je reviens à ma fleuriste : appeler le 08 10 00 47 24, c'est payant ?", "ask_audience",
                        {}))[1]
    assert reply.startswith("Oui") and "0,06" in reply and "VAD" not in reply


def test_what_was_just_done_then_what_next_is_no_closed_question() -> None:
    reply = replies_to(("Le CIF vient de faire signer le contrat SP+ à une librairie. Et ensuite ?",
                        "ask_open_services", {"roles": ["cif"], "offres": ["sp_plus"]}))[0]
    assert not reply.startswith(("Oui", "Non")) and "OSC" in reply


@pytest.mark.parametrize(("turns", "expected", "forbidden"), [
    # the merchant of the first message, named again after a detour on a tool
    ([("Une boulangerie en Payplug a une question sur ses virements : qui la renseigne ?", "ask_support",
       {"offres": ["payplug"]}),
      ("Rien à voir : OSC, c'est quoi ?", "ask_tool", {"outils": ["osc"]}),
      ("Et pour la boulangère, l'adresse mail à lui donner ?", "ask_email", {})],
     "support@payplug.com", "partenariat-bpce@payplug.com"),
    # a long next-step question DIET did not place, after a detour
    ([("Le CIF vient de faire signer le contrat SP+ à un horloger. Et après ?", "ask_open_services",
       {"roles": ["cif"], "offres": ["sp_plus"]}),
      ("Une collègue me demande à quoi sert MyGed.", "ask_tool", {"outils": ["myged"]}),
      ("Ok. Et du coup pour l'horloger, la prochaine étape c'était laquelle déjà ?", "nlu_fallback", {})],
     "OSC", "Je n’ai pas compris"),
])
def test_back_to_the_merchant_of_before_the_detour(turns: List[Turn], expected: str, forbidden: str) -> None:
    reply = replies_to(*turns)[-1]
    assert expected in reply and forbidden not in reply


def test_a_follow_up_naming_nothing_is_no_detour() -> None:
    reply = replies_to(("un fleuriste en SP+ a un souci, quelle ligne je lui donne ?", "ask_support",
                        {"offres": ["sp_plus"]}),
                       ("et leurs horaires ?", "ask_hours", {}),
                       ("le fleuriste peut les appeler samedi ?", "ask_is_open", {}))[-1]
    assert reply.startswith("Non") and "08 10 00 47 24" in reply


@pytest.mark.parametrize("text", [
    "Et celui-là, je peux le mettre dans mon mail au traiteur ?",
    "ok, je peux le donner au traiteur ?",
])
def test_the_line_just_given_handed_to_the_merchant_is_no_return(text: str) -> None:
    reply = replies_to(("un traiteur en Payplug n'arrive plus à encaisser : je lui donne quel numéro ?", "ask_phone",
                        {"offres": ["payplug"]}),
                       ("ok, et pour remonter un lead, nous on appelle qui chez Payplug ?", "ask_phone",
                        {"offres": ["payplug"], "outils": ["monexpert"]}),
                       (text, "ask_audience", {}))[-1]
    assert reply.startswith("Non")


def test_the_merchant_mentioned_must_be_one_introduced_before() -> None:
    assert mentions_a_merchant_from("et pour ma pâtisserie, l'adresse ?", ["Une pâtisserie en SP+ a un souci"])
    assert not mentions_a_merchant_from("et pour ma pâtisserie, l'adresse ?", ["Un garage en SP+ a un souci"])
    assert not mentions_a_merchant_from("et pour le client, l'adresse ?", ["Un client en SP+ a un souci"])


@pytest.mark.parametrize(("text", "expected"), [
    ("ok merci. je reviens aux chèques-vacances : l'ANCV lui donne un numéro d'affilié ?",
     "l'ANCV lui donne un numéro d'affilié ?"),
    ("bon, je reviens à mon garage : pardon, il est chez Payplug en fait", "pardon, il est chez Payplug en fait"),
    ("pour revenir à SP+, pourquoi ?", "pour revenir à SP+, pourquoi ?"),
    ("le client revient sur sa décision, il peut résilier le contrat ?",
     "le client revient sur sa décision, il peut résilier le contrat ?"),
    ("l'ANCV, elle lui donne un numéro ?", "l'ANCV, elle lui donne un numéro ?"),
])
def test_the_return_said_first_is_not_part_of_the_claim(text: str, expected: str) -> None:
    assert without_the_return(text) == expected


def test_a_claim_after_a_return_is_confirmed() -> None:
    reply = replies_to(("l'ANCV, le client s'affilie comment ?", "ask_affiliation", {"cartes": ["ancv"]}),
                       ("rien à voir : le mail du support Payplug ?", "ask_email",
                        {"offres": ["payplug"], "services": ["support"]}),
                       ("je reviens aux chèques-vacances : l'ANCV lui donne un numéro d'affilié ?", "ask_affiliation",
                        {"cartes": ["ancv"]}))[-1]
    assert reply.startswith("Oui")


def test_a_step_of_the_site_created_asks_its_doer_not_the_company() -> None:
    reply = replies_to(("un caviste veut qu'on lui crée son site, qui le paramètre dans OSC ?", "nlu_fallback", {}))[0]
    assert not reply.startswith("IZ eCommerce")


def test_who_does_the_next_step_is_still_a_closed_question() -> None:
    reply = replies_to(("le contrat SP+ est signé, c'est le CIF qui fait l'étape suivante ?", "ask_open_services",
                        {"offres": ["sp_plus"], "roles": ["cif"]}))[0]
    assert reply.startswith("Oui")


@pytest.mark.parametrize("text", [
    "une fleuriste voudrait qu'on lui crée son site, qui s'en occupe ?",
    "c'est qui qui fait les sites pour nos clients ?",
])
def test_who_does_what_the_words_describe_is_the_offers_company(text: str) -> None:
    reply = replies_to((text, "nlu_fallback", {}))[0]
    assert reply.startswith("IZ eCommerce")


def test_a_correction_said_after_the_return() -> None:
    replies = replies_to(("Un garage en SP+ a un souci de paiement : quelle ligne je lui donne ?", "ask_support",
                          {"offres": ["sp_plus"]}),
                         ("attends, on me demande à quoi sert OSC", "ask_tool", {"outils": ["osc"]}),
                         ("bon, je reviens à mon garage : pardon, il est chez Payplug en fait", "nlu_fallback",
                          {"offres": ["payplug"]}),
                         ("et leur mail ?", "ask_email", {}))
    assert "+33 1 76 34 01 55" in replies[2] and "08 10 00 47 24" not in replies[2]
    assert "support@payplug.com" in replies[3] and "partenariat-bpce@payplug.com" not in replies[3]


def test_an_internal_line_for_the_affiliation_of_the_card_of_the_detour() -> None:
    reply = replies_to(("le mail de la monétique pro ?", "ask_email", {"services": ["assistance_monetique"]}),
                       ("un hôtel veut accepter l'AMEX, comment il fait ?", "ask_affiliation", {"cartes": ["amex"]}),
                       ("bon, pour revenir à la monétique pro, je peux la donner à l'hôtel pour son affiliation ?",
                        "ask_audience", {"services": ["assistance_monetique"]}))[-1]
    assert reply.startswith("Non") and "affiliation en direct" in reply and "09 69 37 80 30" not in reply


def test_someone_elses_question_coming_in_corrects_nothing() -> None:
    reply = replies_to(("Un garage en SP+ a un souci de paiement : quelle ligne je lui donne ?", "ask_support",
                        {"offres": ["sp_plus"]}),
                       ("attends, on me demande à quoi sert MyGed", "ask_tool", {"outils": ["myged"]}))[-1]
    assert reply.startswith("• MyGed") or reply.startswith("MyGed"), reply


def test_a_colleagues_question_after_a_recommendation_changes_none_of_its_facts() -> None:
    assert not opens_on_a_correction("pardon, une collègue me demande : un commerçant sans site, on conseille quoi ?")
    assert opens_on_a_correction("ah non pardon, il n'a pas de site")
