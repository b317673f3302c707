"""Le même fait demandé sous un autre angle en suite de conversation (vague r47, issue 11) : une ligne écrite dans un
mail au commerçant, le prix d'un appel dit « ça lui coûte », « c'est bien une ligne interne ? », « pardon, pour
l'interne », un souci décrit avant la ligne demandée, la ligne ouverte à un moment, tous les numéros à donner, une
adresse dite par sa partie locale, une carte pour un client dont l'offre est connue. Phrases écrites pour ces tests,
autres que celles des conversations."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions import runtime
from addons.conversation_moves import ConversationMoves
from cecaz.focus import Focus, after_early_offer, repeated_aspect
from cecaz.lines_in_focus import quoted_contacts
from cecaz.textnorm import fold
from tests.unit.conftest import reply_to

pytestmark = pytest.mark.usefixtures("fixed_clock")

_CLIENT_LINE = {"intent": "ask_phone", "offres": ["sp_plus"], "services": ["service_clients"],
                "contacts": ["service_clients_spplus"]}
_INTERNAL_LINE = {"intent": "ask_phone", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}


@pytest.mark.parametrize(("focus", "public", "absent"), [
    (_CLIENT_LINE, "Pour les clients", "réservé aux collaborateurs"),
    (_INTERNAL_LINE, "Pour la CECAZ seulement", "Oui"),
])
@pytest.mark.parametrize("text", [
    "je colle ce numéro dans ma réponse au commerçant, y a un risque ?",
    "si je le note dans le message au client, c'est gênant ?",
])
def test_a_line_written_into_a_mail_to_the_merchant_is_answered_by_whom_it_serves(
        focus: dict, public: str, absent: str, text: str) -> None:
    # « ça pose souci ? » : a « Oui » would say there is a problem; who the line serves says it either way
    # (section « Comment assister mon client ? »)
    reply, kept = reply_to(text, "nlu_fallback", focus)
    assert reply.startswith(public) and not reply.startswith(absent), reply
    assert kept.get("point") == "public_ou", kept


def test_an_internal_line_written_into_a_mail_comes_with_the_lines_to_give_instead() -> None:
    reply, _ = reply_to("je mets cette adresse en signature de mon mail à un client SP+, c'est un problème ?",
                        "nlu_fallback", _INTERNAL_LINE, offres=["sp_plus"])
    assert "09 69 37 80 30" in reply.split("À donner au client :")[1], reply


@pytest.mark.parametrize(("text", "opening"), [
    ("et ça leur coûte quelque chose ?", "Oui."),
    ("ça lui coûte rien au moins ?", "Non."),
])
def test_what_a_call_costs_the_merchant_is_the_line_s_call_price(text: str, opening: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", _CLIENT_LINE)
    assert reply.startswith(opening) and "0,06 €/min" in reply, reply


def test_a_subject_glued_to_its_verb_is_spelled_out() -> None:
    assert fold("si jai un souci jappelle qui, jenvoie ça ou") == "si j ai un souci j appelle qui j envoie ca ou"
    assert fold("jpel jeton") == "jpel jeton"


@pytest.mark.parametrize(("focus", "opening"), [(_INTERNAL_LINE, "Oui"), (_CLIENT_LINE, "Non")])
def test_whether_a_line_is_internal_is_answered_with_the_qualifier_before_the_line(focus: dict, opening: str) -> None:
    reply, _ = reply_to("c'est bien un numéro interne", "ask_audience", focus)
    assert reply.startswith(opening), reply


def test_a_correction_to_the_staff_asks_the_same_lines_again_for_them() -> None:
    focus = Focus.from_slot({"intent": "ask_phone", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"],
                             "audience": "client"})
    assert repeated_aspect("non pardon, celui pour nous", focus) == "ask_phone"
    assert repeated_aspect("tu peux me le redonner pour moi ?", focus) is None  # a repeat, not a correction


def test_a_line_asked_after_the_merchant_s_trouble_is_the_line_not_the_trouble() -> None:
    reply, kept = reply_to("un client payplug voit pas arriver ses encaissements, je l'oriente vers quel contact ?",
                           "ask_funds", offres=["payplug"])
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply, reply
    assert kept["intent"] == "ask_support", kept


def test_which_line_answers_at_a_moment_after_a_line_closed_then_lists_every_line() -> None:
    reply, kept = reply_to("c'est laquelle qui bosse le samedi alors ?", "ask_is_open", _CLIENT_LINE)
    assert reply.startswith("Lignes ouvertes le samedi") and "09 69 36 06 26" in reply, reply
    assert kept["contacts"] == ["assistance_monetique_pro"], kept


@pytest.mark.parametrize("focus", [_CLIENT_LINE, {"intent": "ask_phone", "contacts": ["service_clients_spplus"]}])
def test_every_number_to_give_after_one_of_the_offer_s_lines(focus: dict) -> None:
    # the offer is the focus's, or the one the line serves (a line quoted by its number names no offer)
    reply, _ = reply_to("bon, en résumé je lui passe quels numéros ?", "ask_phone", focus)
    assert "09 69 37 80 30" in reply and "08 10 00 47 24" in reply and "09 69 36 06 26" not in reply, reply


def test_an_address_said_by_its_compound_local_part_is_that_address() -> None:
    cat = runtime.catalogue()
    assert quoted_contacts(cat, "l'adresse partenariat-bpce, c'est pour qui ?") == ("payplug_partenariat",)
    assert quoted_contacts(cat, "le mail support, c'est lequel ?") == ()


@pytest.mark.parametrize(("text", "intent"), [
    ("une boutique sous payplug veut prendre les chèques-vacances, elle fait comment ?", "ask_affiliation"),
    ("client sans site, il veut aussi l'amex, on lui propose quoi ? jpel ?", "inform_payment_methods"),
])
def test_a_card_for_a_client_whose_offer_is_known_is_the_affiliation(text: str, intent: str) -> None:
    entities = [{"entity": "offer", "value": "payplug" if "payplug" in text else "jpel"},
                {"entity": "card", "value": "ancv" if "chèques" in text else "amex"}]
    message = Message(data={"text": text, "intent": {"name": "inform_payment_methods", "confidence": 0.6},
                            "entities": entities})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == intent


def test_a_question_after_the_offer_the_diagnostic_announced_early_is_about_that_offer() -> None:
    # « L'offre à proposer : IZ eCommerce », then a question on the way: its payment pages are Payplug's (section
    # « Créer son site Internet d'e-Commerce »)
    reply, _ = reply_to("et l'encaissement sur le site qu'ils font, il passe par qui ?", "nlu_fallback",
                        after_early_offer("iz_ecommerce").to_slot())
    assert "Payplug" in reply, reply


@pytest.mark.parametrize(("text", "offer", "moved"), [
    ("un caviste avec son e-shop, cb seulement, je lui mets sp+ d'emblée ?", "sp_plus", "ask_choose_offer"),
    ("une prof de yoga sans site, on part sur payplug", "payplug", "ask_no_website"),
    ("un caviste avec son e-shop, cb seulement, on lui propose quoi ?", "sp_plus", "inform_has_site"),
])
def test_an_offer_put_forward_for_a_described_client_is_checked_not_diagnosed(text: str, offer: str,
                                                                             moved: str) -> None:
    message = Message(data={"text": text, "intent": {"name": "inform_has_site", "confidence": 0.6},
                            "entities": [{"entity": "offer", "value": offer}]})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == moved


def test_an_offer_put_forward_for_a_client_with_a_site_is_answered_no_then_the_default() -> None:
    reply, _ = reply_to("un caviste a déjà un site marchand et ne prend que la carte bancaire, on lui propose SP+ "
                        "d'emblée ?", "ask_choose_offer", offres=["sp_plus"])
    assert reply.startswith("Non.") and "Par défaut, proposez Payplug" in reply, reply


@pytest.mark.parametrize(("text", "confirmed"), [
    ("sur le compte CECAZ du client, c'est bien ça ?", True),
    ("chez nous, sur son compte ?", True),
    ("sur un compte chez Payplug ?", False),
])
def test_a_place_said_back_after_the_funds_is_checked_against_the_answer(text: str, confirmed: bool) -> None:
    # « Les encaissements apparaissent sur le compte CECAZ du client » (section « Comment ouvrir les services ? »)
    reply, _ = reply_to(text, "ask_funds", {"intent": "ask_funds", "offres": ["payplug"]})
    assert reply.startswith("Oui.") == confirmed and "compte CECAZ" in reply, reply


def test_which_tool_after_who_does_a_step_is_where_that_step_is_done() -> None:
    # « qui les paramètre ? » after SP+'s contracts, then « dans quel logiciel ? » : OSC (section « Comment ouvrir les
    # services ? »), not a guess
    focus = {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"],
             "avant": {"intent": "ask_contracts", "offres": ["sp_plus"], "acteurs": ["cif"]}}
    reply, kept = reply_to("et ça, dans quel logiciel ?", "nlu_fallback", focus)
    assert "OSC" in reply and "Vouliez-vous dire" not in reply, reply
    assert kept["intent"] == "ask_open_services", kept


def test_a_closed_question_on_pricing_after_the_vad_is_about_the_offer_proposed_in_its_place() -> None:
    # the VAD contract is discouraged and JPEL proposed instead (section « Encaisser à distance sans site Internet »):
    # its pricing goes through SimulEasy; a VAD named again keeps the VAD answer
    reply, kept = reply_to("et son tarif, ça se fait sur SimulEasy ?", "nlu_fallback",
                           {"intent": "ask_vad", "offres": ["vad"]}, outils=["simuleasy"])
    assert reply.startswith("Oui.") and "JePaieEnLigne" in reply, reply
    assert kept["offres"] == ["jpel"], kept
    reply, _ = reply_to("un contrat vad, on l'ouvre chez nous ?", "ask_contracts", {"intent": "ask_vad",
                                                                                  "offres": ["vad"]}, offres=["vad"])
    assert "déconseille" in reply, reply
