"""Questions fermées et public d'une ligne au fond d'un fil (vague r48, issue 11) : un contrat d'une autre offre
« pour » celle-ci, « il en faut une ? » après une question de simulation, un rôle qui « peut » faire la démarche du
client à sa place, une ligne recopiée « telle quelle », le prix d'un appel que le document ne donne pas, la ligne
« que le client compose », un délai, un moment pour un service nommé, une ligne interne proposée « à la place » de
celle de l'offre, une perte dite avant « je lui donne quoi ? », les simulateurs d'une offre, « le second » après une
réponse qui ne liste rien, « on peut l'appeler nous aussi ? » pour une ligne d'une liste, qui fait quoi après une
recommandation. Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

from datetime import datetime

import pytest

from actions import runtime
from actions.answer import changes_the_recommendation
from cecaz.focus import Focus
from cecaz.lines_in_focus import listed_subject
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from cecaz.when import asks_a_delay
from tests.unit.conftest import reply_to

pytestmark = pytest.mark.usefixtures("fixed_clock")

_JPEL_LINE = {"intent": "ask_phone", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"], "audience": "client"}
_INTERNAL_LINE = {"intent": "ask_phone", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}
_AMEX = {"intent": "ask_affiliation", "cartes": ["amex"]}


def test_another_offer_s_contract_for_this_offer_is_no_then_this_offer_s_contracts() -> None:
    # « contrat VAD pour JPEL » : JPEL is the offer asked about, its contract is « JPEL » (section « Comment ouvrir les
    # services ? »)
    reply, kept = reply_to("un contrat SP+ pour JPEL, il en faut un aussi ?", "nlu_fallback",
                           {"intent": "ask_vad", "offres": ["vad"]}, offres=["sp_plus", "jpel"])
    assert reply.startswith("Non.") and "contrat monétique « JPEL »" in reply, reply
    assert kept["offres"] == ["jpel"], kept


def test_a_simulation_asked_again_for_another_offer_with_en_keeps_the_point() -> None:
    # « il en faut une ? » after « faut-il une simulation pour Payplug ? » : a simulation, for SP+ (it has one)
    _, kept = reply_to("il faut passer par une simulation SimulEasy pour un client Payplug ?", "nlu_fallback",
                       {"intent": "ask_pricing", "offres": ["payplug"]}, outils=["simuleasy"], offres=["payplug"])
    assert kept.get("point") == "simulation", kept
    reply, _ = reply_to("et pour un contrat SP+, il en faut une aussi ?", "ask_contracts", kept, offres=["sp_plus"])
    assert reply.startswith("Oui.") and "SimulEasy" in reply, reply


@pytest.mark.parametrize("text", ["le CIF pourrait faire la demande pour lui ?",
                                  "l'ATC peut s'en occuper à sa place ?"])
def test_a_role_able_to_do_the_client_s_own_step_is_no(text: str) -> None:
    # the client joins AMEX himself, « en direct » (section « Quelle tarification ? »)
    reply, _ = reply_to(text, "ask_open_services", _AMEX, roles=["cif" if "CIF" in text else "atc"])
    assert reply.startswith("Non.") and "en direct" in reply, reply


def test_a_line_pasted_as_it_is_into_a_reply_is_the_question_of_its_public() -> None:
    reply, _ = reply_to("je peux l'ajouter telle quelle dans mon message au commerçant ?", "ask_phone", _JPEL_LINE)
    assert reply.startswith("Oui, à communiquer au client"), reply


@pytest.mark.parametrize("text", ["l'appel est payant ?", "il coûte quelque chose l'appel ?"])
def test_the_price_of_a_call_the_document_does_not_give_is_said_to_be_missing(text: str) -> None:
    # only the Service Clients E-Commerce SP PLUS has a call price in the document
    reply, _ = reply_to(text, "ask_phone", _JPEL_LINE)
    assert reply.startswith("Le document ne précise pas le prix d’un appel"), reply
    assert "Service Clients E-Commerce SP PLUS" in reply.split("\n")[0] and "Oui" not in reply, reply


def test_the_line_said_to_be_the_one_the_client_dials_is_checked_against_its_public() -> None:
    reply, _ = reply_to("c'est bien la ligne que le client appelle en cas de panne ?", "ask_phone", _INTERNAL_LINE)
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ"), reply


@pytest.mark.parametrize(("text", "delay"), [
    ("sous combien de temps ils traitent une demande ?", True),
    ("il faut compter combien de jours pour l'ouverture ?", True),
    ("ils sont ouverts combien d'heures par jour ?", False),
])
def test_a_delay_is_recognised(text: str, delay: bool) -> None:
    assert asks_a_delay(text) is delay


def test_a_delay_asked_of_a_line_says_the_document_gives_none_then_the_line() -> None:
    reply, _ = reply_to("et ils mettent combien de temps à répondre ?", "ask_email",
                        {"intent": "ask_email", "offres": ["payplug"], "contacts": ["payplug_support"]})
    assert reply.startswith("Le document ne donne aucun délai") and "support@payplug.com" in reply, reply


def test_a_moment_with_a_service_named_asks_whether_it_is_open_then() -> None:
    reply, _ = reply_to("et l'équipe support, samedi vers 10h c'est possible ?", "inform_subject",
                        {"intent": "ask_email", "offres": ["payplug"], "contacts": ["payplug_support"]},
                        services=["support"])
    assert reply.startswith("Non (le samedi"), reply


def test_an_internal_line_offered_instead_of_the_offer_s_support_gives_that_offer_s_support() -> None:
    # IZ eCommerce assures its own support (section « Comment assister mon client ? »), not SP+'s lines
    reply, _ = reply_to("et si je donne au commerçant la monétique pro à la place ?", "ask_audience",
                        {"intent": "ask_support", "offres": ["iz_ecommerce"], "services": ["support"]},
                        services=["assistance_monetique"])
    assert reply.startswith("Non, réservé") and "IZ eCommerce qui assure le support" in reply, reply
    assert "09 69 37 80 30" not in reply, reply


def test_the_merchant_dialling_the_line_himself_is_the_question_of_its_public() -> None:
    reply, _ = reply_to("et elle l'appelle elle-même, ce numéro ?", "ask_phone", _JPEL_LINE)
    assert reply.startswith("Oui, à communiquer au client"), reply


def test_what_he_no_longer_gets_before_what_to_give_him_asks_for_his_lines() -> None:
    reply, _ = reply_to("ma cliente sp+ ne reçoit plus rien depuis lundi, je lui donne quoi ?", "ask_funds",
                        offres=["sp_plus"])
    assert "08 10 00 47 24" in reply and "assistance-monetiquepro@natixis.com" not in reply, reply


def test_the_simulators_asked_for_an_offer_are_both_simulators() -> None:
    reply, _ = reply_to("pour un contrat SP+, on a quels simulateurs ?", "ask_simulator", offres=["sp_plus"])
    assert "SimulEasy" in reply and "SimulUPI" in reply, reply


def test_a_position_is_only_read_in_an_answer_that_lists() -> None:
    cat = runtime.catalogue()
    now = datetime.fromisoformat("2026-11-30T10:00:00+01:00")
    filing = Focus.from_slot({"intent": "ask_simulation_filing"}, cat)
    assert listed_subject(cat, "et le second ?", filing, now) == {}  # one sentence naming MyGed and the scheme
    simulators = Focus.from_slot({"intent": "ask_simulator"}, cat)
    assert listed_subject(cat, "et le second ?", simulators, now) == {"outils": ("simulupi",)}


def test_the_staff_may_call_a_line_picked_from_a_list_when_the_document_gives_it_to_them_too() -> None:
    focus = {"intent": "ask_support", "offres": ["sp_plus"],
             "contacts": ["assistance_spplus_jpel", "service_clients_spplus"]}
    reply, _ = reply_to("et le deuxième, nous on peut l'appeler aussi ?", "nlu_fallback", focus)
    assert reply.startswith("Oui : le document donne Service Clients E-Commerce SP PLUS"), reply


def test_who_does_a_thing_after_a_recommendation_is_checked_against_the_offer_advised() -> None:
    focus = {"intent": "recommendation", "offres": ["jpel"],
             "recommendation": {"facts": {"site": "non", "creer_site": "non"}, "conclusion": "jpel"}}
    reply, _ = reply_to("c'est l'acheteur qui saisit sa carte, du coup ?", "nlu_fallback", focus)
    assert reply.startswith("Oui.") and "porteur saisit lui-même" in reply, reply
    reply, _ = reply_to("et c'est donc le CIF qui contractualise avec elle ?", "nlu_fallback", focus, roles=["cif"])
    assert reply.startswith("Oui.") and "Le CIF procède à la contractualisation" in reply, reply


def test_who_does_it_named_in_a_short_closed_question_at_a_contract_point_is_a_who_question() -> None:
    # after SP+'s contracts (« Oui » to a contract to open), « c'est encore Payplug qui… ? » asks who, not the contract
    focus = {"intent": "ask_contracts", "offres": ["sp_plus"], "acteurs": ["cif"], "point": "contrat"}
    reply, _ = reply_to("et c'est encore Payplug qui contractualise ?", "ask_open_services", focus, offres=["payplug"])
    assert reply.startswith("Non.") and "Le CIF procède à la contractualisation" in reply, reply


def test_a_thing_placed_that_the_previous_answer_does_not_place_is_checked_against_its_own_answer() -> None:
    # the CIF's missions put the setup in OSC, not the simulation, which goes to MyGed (section « Quelle
    # tarification ? »)
    focus = {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"]}
    reply, _ = reply_to("et la simulation, on la classe dans OSC ?", "ask_simulation_filing", focus, outils=["osc"])
    assert reply.startswith("Non.") and "MyGed" in reply, reply


def test_a_moment_set_before_the_question_does_not_choose_the_family() -> None:
    focus = {"intent": "ask_next_step", "offres": ["sp_plus"]}
    reply, _ = reply_to("après la signature, le commerçant est assisté par qui ?", "ask_contracts", focus,
                        services=["assistance"])
    assert "L’assistance des contrats SP+ est assurée par BPCE" in reply, reply


def test_the_site_itself_after_its_payment_pages_is_the_site_s_own_support() -> None:
    # an IZ eCommerce site's payment pages are Payplug's, the site's support is IZ eCommerce's
    focus = {"intent": "ask_support", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"],
             "avant": {"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]}}
    reply, _ = reply_to("et le site en lui-même, s'il tombe en panne ?", "nlu_fallback", focus)
    assert reply.startswith("C’est IZ eCommerce qui assure le support") and "+33 1 76 34 01 55" not in reply, reply
    reply, _ = reply_to("et pour le site en tant que tel, c'est eux aussi ?", "nlu_fallback", focus)
    assert reply.startswith("Non.") and "IZ eCommerce" in reply, reply


@pytest.mark.parametrize("text", ["on ne s'en mêle pas, de la négociation ?", "et nous on négocie quelque chose ?"])
def test_whether_we_do_what_a_company_does_is_no(text: str) -> None:
    # Payplug negotiates its pricing directly with the client (section « Quelle tarification ? »)
    reply, _ = reply_to(text, "nlu_fallback", {"intent": "ask_pricing", "offres": ["payplug"]})
    assert reply.startswith("Non.") and "Payplug négocie directement" in reply, reply


def test_where_the_money_arrives_chez_nous_is_not_what_we_do() -> None:
    # « sur son compte chez nous » says where the transfers arrive (his CECAZ account), not that we do something
    reply, _ = reply_to("les virements tombent sur son compte chez nous ?", "ask_funds",
                        {"intent": "ask_contracts", "offres": ["payplug"]})
    assert not reply.startswith("Non."), reply


def test_a_contract_said_not_to_be_needed_on_top_is_checked_for_the_offer_in_focus() -> None:
    reply, _ = reply_to("et aucun contrat SP+ en plus, hein ?", "ask_contracts",
                        {"intent": "ask_contracts", "offres": ["jpel"]}, offres=["sp_plus"])
    assert reply.startswith("Non.") and "contrat monétique « JPEL »" in reply, reply


def test_which_line_is_there_at_a_moment_when_the_nlu_hesitates_lists_the_lines_open_then() -> None:
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"]}
    reply, _ = reply_to("et dimanche, on a quel numéro nous ?", "nlu_fallback", focus)
    assert reply.startswith("Lignes ouvertes le dimanche") or reply.startswith("Aucune ligne"), reply


@pytest.mark.parametrize("text", ["et l'assistance, c'est BPCE, hein ?", "l'assistance c'est bien BPCE, c'est ça"])
def test_who_does_it_with_a_tag_read_as_a_correction_is_a_check(text: str) -> None:
    # JPEL's assistance is BPCE's (section « Comment assister mon client ? ») ; no « D'accord, pour… »
    reply, _ = reply_to(text, "correct_subject", {"intent": "ask_offer_definition", "offres": ["jpel"]},
                        services=["assistance"])
    assert reply.startswith("Oui.") and "assurée par BPCE" in reply, reply


def test_who_types_the_card_read_as_the_vad_is_checked_against_the_offer_in_focus() -> None:
    # with JPEL the card holder types his card details himself (section « Encaisser à distance sans site Internet »)
    reply, _ = reply_to("c'est bien l'acheteuse qui saisit elle-même sa carte, c'est ça ?", "ask_vad",
                        {"intent": "ask_offer_definition", "offres": ["jpel"]})
    assert reply.startswith("Oui.") and "JePaieEnLigne" in reply and "déconseille" not in reply.split("\n")[1], reply


def test_a_merchant_said_in_the_feminine_is_the_client() -> None:
    reply, _ = reply_to("et c'est la commerçante qui signe avec Payplug ?", "nlu_fallback",
                        {"intent": "ask_contracts", "offres": ["payplug"]})
    assert reply.startswith("Non.") and "Payplug procède à la contractualisation" in reply, reply


def test_the_team_called_by_les_after_the_staff_s_line_is_that_line() -> None:
    # the question before asked the staff's line (the partnership team), the client's line came apart
    focus = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support", "payplug_partenariat"],
             "audience": "staff"}
    reply, _ = reply_to("et la commerçante, elle peut les contacter elle aussi ?", "ask_audience", focus)
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "Équipe partenariat" in reply, reply


def test_a_line_said_by_its_rank_in_the_last_answer_s_list_is_that_line() -> None:
    focus = {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_support", "payplug_partenariat"]}
    reply, kept = reply_to("et la deuxième ligne, elle est pour qui déjà ?", "ask_phone", focus)
    assert reply.startswith("Pour la CECAZ seulement") and "Équipe partenariat" in reply.split("\n")[0], reply
    assert kept.get("contacts") == ["payplug_partenariat"], kept


@pytest.mark.parametrize(("text", "changes"), [
    ("oups pardon, elle n'a pas de site du tout et ne compte pas en créer un", True),
    ("non je voulais dire JPEL", False),  # a subject corrected, no fact of the client
])
def test_a_fact_of_the_client_taken_back_after_a_recommendation_recomputes_it(text: str, changes: bool) -> None:
    cat = runtime.catalogue()
    focus = Focus.from_slot({"intent": "recommendation", "offres": ["payplug"],
                             "recommendation": {"facts": {"site": "oui", "payplug": "oui"}, "conclusion": "payplug"}},
                            cat)
    assert changes_the_recommendation(cat, focus, text, Question("nlu_fallback")) is changes


def test_who_prices_a_kind_of_contract_read_as_the_contracts_is_the_role() -> None:
    # the CIF prices the acceptance contracts with the network's agreement (section « Quelle tarification ? »)
    reply, kept = reply_to("les contrats d'acquisition, qui est-ce qui les tarifie ?", "ask_contracts")
    assert reply.lstrip("• ").startswith("CIF") and "Pour quelle offre" not in reply, reply
    assert "cif" in kept.get("roles", []), kept



@pytest.mark.parametrize("text", ["et les virements tombent chaque jour",
                                  "les paiements arrivent sur son compte chez nous",
                                  "et leurs encaissements apparaissent chaque jour sur le compte ?"])
def test_a_fact_said_back_with_the_money_as_its_subject_is_confirmed(text: str) -> None:
    # « virements quotidiens », « sur le compte CECAZ du client » (section « Comment ouvrir les services ? »)
    reply, _ = reply_to(text, "ask_funds", {"intent": "ask_contracts", "offres": ["payplug"]})
    assert reply.startswith("Oui."), reply


def test_celle_ci_right_after_the_payment_pages_is_that_page() -> None:
    cat = runtime.catalogue()
    now = datetime.fromisoformat("2026-11-30T10:00:00+01:00")
    focus = Focus.from_slot({"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]}, cat)
    resolution = resolve(cat, Question("ask_phone"), "et celle-là, en cas de bug, le commerçant contacte qui ?", focus,
                         now, previous_text="et la partie paiement du site, c'est géré par qui ?")
    assert resolution.question is not None and resolution.question.offres == ("payplug",), resolution
