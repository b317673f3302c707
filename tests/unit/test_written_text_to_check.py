"""Le texte écrit à vérifier (issue 11, vague r68 « le brouillon à vérifier ») : chaque ligne qu'il cite, pour qui il
est écrit (au commerçant : peut-il l'avoir ? pour le dossier : la ligne et sa mention interne), l'offre du client
gardée, « et je mets quoi à la place ? » après un refus, une question d'existence à la forme négative sans oui ni
non."""

from __future__ import annotations

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.reported import written_for
from cecaz.verdicts import coordinate_verdict
from tests.unit.conftest import replies_to


@pytest.mark.parametrize(("text", "public"), [
    ("Dans le courriel pour un maraîcher j'ai mis le 08 10 00 47 24, ça passe ?", "client"),
    ("je lui ecris 'appelez le 09 69 37 80 30' c ok", "client"),
    ("jnote dans la fiche du client : partenariat 07 57 95 38 07. c bon ?", "staff"),
    ("le 09 69 36 06 26, c'est bon pour un client ?", None),
    ("Mon mail au client est parti hier, il a un souci : il appelle qui ?", None),
    ("un texto à une cliente SP+ : 08 10 00 47 24, ça passe pas, elle appelle qui ?", None),
    ("je transfère un mail à l'équipe partenariat avec le 07 57 95 38 07, c'est bon ?", None),
    ("je note le 09 69 37 80 30 pour la cliente, ça va ?", "client"),
    ("je réponds au commerçant : le 09 69 37 80 30, c bon", "client"),
])
def test_who_a_written_text_to_check_is_for(text: str, public: str) -> None:
    assert written_for(text) == public


def test_every_line_a_text_to_the_merchant_quotes_and_an_address_shared_is_his() -> None:
    reply = replies_to(("Message pour une cordonnière en SP+ : « écrivez à assistance-spplus@natixis.com ou appelez "
                        "le 08 10 00 47 24 ». C'est bon ?", "nlu_fallback", {"offres": ["sp_plus"]}))[0]
    assert reply.startswith("Oui, à communiquer au client") and "Service Clients E-Commerce SP PLUS" in reply
    assert "Assistance SP+ (ligne CECAZ)" not in reply


def test_an_internal_number_in_a_text_to_the_merchant_is_refused_and_replaced_by_his_offers_lines() -> None:
    reply = replies_to(("j'écris à un glacier en SP+ : appelez le 08 10 00 47 24 ou le 09 69 36 06 26, c'est juste ?",
                        "ask_audience", {"offres": ["sp_plus"]}))[0]
    assert reply.startswith("Oui pour") and "09 69 37 80 30" in reply
    assert "assistance-monetiquepro@natixis.com" not in reply


def test_a_note_for_the_file_gives_the_line_it_quotes_with_its_internal_label() -> None:
    reply = replies_to(("je note dans le dossier : « leads à l'équipe partenariat, 07 57 95 38 07 ». C'est bon ?",
                        "nlu_fallback", {}))[0]
    assert "Équipe partenariat BPCE de Payplug" in reply and "usage interne CECAZ" in reply


def test_the_clients_offer_stays_after_an_internal_address_refused_and_what_replaces_it() -> None:
    replies = replies_to(
        ("Dans mon courriel à une modiste en JPEL, je cite assistance-monetiquepro@natixis.com. Ça va ?",
         "ask_audience", {"offres": ["jpel"]}),
        ("je lui donne quoi à la place alors ?", "ask_open_services", {}),
        ("et moi en interne, pour elle, c'est quel numéro ?", "ask_phone", {}))
    assert replies[0].startswith("Non, réservé aux collaborateurs CECAZ") and "08 10 00 47 24" not in replies[0]
    assert "09 69 37 80 30" in replies[1] and "CIF" not in replies[1]
    assert "09 69 36 06 26" in replies[2]


@pytest.mark.parametrize(("text", "verdict"), [
    ("y a un mail pour lui aussi ?", "Oui."),
    ("y a pas de mail pour lui ?", None),
    ("ils n'ont pas d'adresse e-mail ?", None),
])
def test_a_coordinate_asked_in_the_negative_gets_no_yes(text: str, verdict: str) -> None:
    assert coordinate_verdict(load_catalogue(), text, "ask_email", ["service_clients_spplus"]) == verdict


def test_a_correction_of_the_clients_offer_after_a_text_checked_gives_his_lines_only() -> None:
    replies = replies_to(
        ("j'écris à un fromager en JPEL : « appelez le 09 69 37 80 30 », c'est bon ?", "ask_audience",
         {"offres": ["jpel"]}),
        ("ah non, il est chez SP+ en fait", "correct_subject", {"offres": ["sp_plus"]}),
        ("et par mail ?", "ask_email", {}))
    assert "08 10 00 47 24" in replies[1] and "Oui pour" not in replies[1]
    assert "assistance-monetiquepro@natixis.com" not in replies[1] + replies[2]


def test_a_client_line_of_another_offer_in_a_text_to_the_merchant_is_refused_for_his_own() -> None:
    reply = replies_to(("j'écris à une cliente Payplug : « appelez le 08 10 00 47 24 », c'est juste ?", "ask_audience",
                        {"offres": ["payplug"]}))[0]
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply
