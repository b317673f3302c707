"""Après un détour, ce qui revient (issue 11, restes de la vague r67) : l'adresse qu'une ligne interne partage avec une
ligne pour les clients, le numéro cité pour le client d'une offre, la ligne désignée parmi celles d'avant le détour,
le support de l'offre du client après un « non » à une ligne interne, « pourquoi X et pas Y ? » entre deux offres."""

from __future__ import annotations

import pytest

from tests.unit.conftest import replies_to


def test_an_address_an_internal_line_shares_with_a_client_line_may_be_given_after_a_detour() -> None:
    replies = replies_to(
        ("C'est quoi le mail de l'assistance SP+ côté caisse ?", "ask_email",
         {"offres": ["sp_plus"], "services": ["assistance"]}),
        ("au fait, qui fixe les tarifs d'un contrat JPEL ?", "ask_pricing", {"offres": ["jpel"]}),
        ("Je reviens au mail SP+ d'avant : je peux le transmettre à un client SP+ ?", "ask_audience",
         {"offres": ["sp_plus"]}))
    assert replies[2].startswith("Oui") and "assistance-spplus@natixis.com" in replies[2]
    assert "assistance-monetiquepro@natixis.com" not in replies[2]


@pytest.mark.parametrize(("offer", "client_line"), [("sp_plus", "08 10 00 47 24"), ("jpel", "09 69 37 80 30")])
def test_a_number_quoted_for_a_client_of_an_offer_is_that_line_only(offer: str, client_line: str) -> None:
    name = {"sp_plus": "SP+", "jpel": "JPEL"}[offer]
    replies = replies_to(
        (f"quelle ligne je donne à un client {name} ?", "ask_support", {"offres": [offer]}),
        ("au fait, on fait la simulation de rentabilité avec quel outil ?", "ask_simulator", {}),
        (f"je reviens à mon client {name} : le 09 69 36 06 26, je peux le lui passer aussi ?", "ask_audience",
         {"offres": [offer]}))
    assert replies[2].startswith("Non, réservé aux collaborateurs CECAZ") and client_line in replies[2]
    assert "Oui pour" not in replies[2]


def test_the_line_designated_among_those_before_the_detour_for_the_client_of_its_offer() -> None:
    replies = replies_to(
        ("les numéros à donner à une cliente SP+ ?", "ask_phone", {"offres": ["sp_plus"]}),
        ("au fait c'est qui qui signe pour JPEL", "ask_contracts", {"offres": ["jpel"]}),
        ("Pour revenir à ma cliente SP+ : celui en 09, il ouvre à quelle heure ?", "ask_hours",
         {"offres": ["sp_plus"]}))
    assert "Assistance SP+ et JPEL" in replies[2] and "08 10 00 47 24" not in replies[2]


def test_after_an_internal_line_refused_the_support_of_the_clients_own_offer() -> None:
    replies = replies_to(
        ("Mon client a fait faire son site par IZ eCommerce : je lui file le mail de la monétique pro ?",
         "ask_audience", {"offres": ["iz_ecommerce"], "services": ["assistance_monetique"]}),
        ("et pour un problème sur le site lui-même il contacte qui ?", "ask_support", {}))
    assert replies[0].startswith("Non")
    assert "IZ eCommerce" in replies[1] and "09 69 37 80 30" not in replies[1] and "08 10" not in replies[1]


@pytest.mark.parametrize(("why", "chosen", "other"), [
    ("pourquoi SP+ et pas Payplug ?", "SP+, l’offre de pages de paiement la plus modulaire", "clé en main de Payplug"),
    ("et pk payplug plutot que sp+", "l’offre clé en main de Payplug", "la plus modulaire"),
])
def test_why_one_offer_and_not_the_other_is_the_reason_of_the_choice(why: str, chosen: str, other: str) -> None:
    replies = replies_to(
        ("un fleuriste a un site, qui ouvre les contrats SP+ ?", "ask_contracts", {"offres": ["sp_plus"]}),
        (why, "ask_why", {"offres": ["sp_plus", "payplug"]}))
    assert chosen in replies[1] and other not in replies[1]


def test_why_an_offer_has_a_contract_and_not_the_other_is_still_the_contracts_reason() -> None:
    replies = replies_to(
        ("qui ouvre les contrats SP+ ?", "ask_contracts", {"offres": ["sp_plus"]}),
        ("pourquoi des contrats pour SP+ et pas pour Payplug ?", "ask_why", {"offres": ["sp_plus", "payplug"]}))
    assert "full service" in replies[1]
