"""Public, oui / non, pourquoi et pronoms sur les sujets moins demandés, au fond d'un fil (vague r49, issue 11) : un
appel désigné par un démonstratif (« cet appel »), une ligne recopiée « telle quelle » (« quel » n'y demande rien),
« on appelle qui » pour nous, « ce service » après nos lignes, « le nôtre ou celui du commerçant », une suite sans
point d'interrogation lue « non » par DIET, « la négo », un délai lu hors sujet, « le second » d'une liste de rôles,
une simulation au fil d'une recommandation, les demandes que traite une ligne, « la hotline monétique pro », quoi
donner après un « non » sur une adresse interne, l'assistance « côté caisse », le site lui-même après un premier
message, « eux ils font… » lu comme un fait du client, une phrase avant « : » qui n'est pas l'en-tête d'une ligne.
Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

import pytest

from actions import runtime
from cecaz.doers import statements
from cecaz.focus import Focus, question_of
from cecaz.phrasing import without_qualifying_word
from cecaz.resolve import resolve
from cecaz.textnorm import has_question_word
from tests.unit.conftest import MONDAY_10, reply_to
from tests.unit.test_closed_checks import _moved
from tests.unit.test_focus import CAT

pytestmark = pytest.mark.usefixtures("fixed_clock")

_PAYPLUG_SUPPORT = {"intent": "ask_phone", "offres": ["payplug"], "services": ["support"],
                    "contacts": ["payplug_support"]}
_SP_PLUS_SERVICE = {"intent": "ask_phone", "offres": ["sp_plus"], "services": ["service_clients"],
                    "contacts": ["service_clients_spplus"], "audience": "client"}


@pytest.mark.parametrize("text", ["et il coûte rien, cet appel ?",
                                  "ça coûte quelque chose, cet appel-là ?"])
def test_the_cost_of_this_call_is_the_call_price_the_document_does_not_give(text: str) -> None:
    # Payplug's support: the document gives no call price (section « Comment assister mon client ? »)
    reply, _ = reply_to(text, "ask_phone", _PAYPLUG_SUPPORT)
    assert reply.startswith("Le document ne précise pas le prix d’un appel"), reply


@pytest.mark.parametrize("text", ["Et ça, je le passe tel quel à mon commerçant ?",
                                  "Bon, et celui-ci, je peux l'envoyer tel quel au marchand ?"])
def test_a_line_handed_over_as_it_is_is_the_question_of_its_public(text: str) -> None:
    reply, _ = reply_to(text, "ask_phone", _SP_PLUS_SERVICE)
    assert reply.startswith("Oui, à communiquer au client"), reply


@pytest.mark.parametrize("text", ["je la recopie telle quelle ?", "tel quel, ça passe ?"])
def test_tel_quel_asks_nothing(text: str) -> None:
    assert not has_question_word(text)
    assert has_question_word("tel numéro ou quel autre ?")


@pytest.mark.parametrize("text", ["et nous côté agence, on contacte qui pour un souci sur un contrat SP+ ?",
                                  "en interne j'appelle qui pour SP+"])
def test_whom_we_call_is_the_internal_line_not_whether_a_line_may_be_given(text: str) -> None:
    # read by DIET as a line's public: « qui » asks which line, for the staff (section « Comment assister mon
    # client ? »: the Assistance monétique PRO serves the CECAZ's staff)
    reply, kept = reply_to(text, "ask_audience", offres=["sp_plus"])
    assert not reply.startswith(("Oui", "Non")), reply
    assert reply.index("09 69 36 06 26") < reply.index("09 69 37 80 30"), reply
    assert kept.get("audience") == "staff", kept


@pytest.mark.parametrize("text", ["et cette équipe, l'appel est payant ?", "ce service il est gratuit à appeler ?"])
def test_this_service_after_the_lines_for_us_is_the_internal_line(text: str) -> None:
    # after the lines for the staff, « ce service » is the one asked for (the internal line), whose call price the
    # document does not give (section « Comment assister mon client ? »)
    staff_lines = {"intent": "ask_phone", "offres": ["sp_plus"], "audience": "staff",
                   "contacts": ["assistance_spplus_jpel", "service_clients_spplus", "assistance_monetique_pro"]}
    reply, _ = reply_to(text, "ask_phone", staff_lines)
    assert reply.startswith("Le document ne précise pas le prix d’un appel pour Assistance monétique PRO"), reply


_INTERNAL_LINE = {"intent": "ask_phone", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}


@pytest.mark.parametrize(("text", "intent"), [("ce num c celui du marchand ou le notre", "nlu_fallback"),
                                              ("c'est un numéro interne ou à donner au client ?", "ask_phone")])
def test_the_merchant_s_or_ours_is_whom_the_line_serves(text: str, intent: str) -> None:
    reply, _ = reply_to(text, intent, _INTERNAL_LINE)
    assert reply.startswith("Pour la CECAZ seulement"), reply


@pytest.mark.parametrize(("text", "diet"), [("mais on touche pas du tout aux frais alors", "deny"),
                                            ("et c'est lui qui s'en charge tout seul", "affirm")])
def test_a_follow_on_without_question_mark_is_not_a_bare_yes_or_no(text: str, diet: str) -> None:
    assert _moved(text, diet) == "nlu_fallback"


@pytest.mark.parametrize("text", ["et non il n'en veut pas", "non pas du tout", "et oui il en a déjà un"])
def test_a_yes_or_no_after_et_stays_an_answer(text: str) -> None:
    assert _moved(text, "deny") == "deny"


def test_the_nego_after_a_card_s_affiliation_is_its_pricing() -> None:
    # the conditions are negotiated directly with the organisation (section « Quelle tarification ? »)
    reply, _ = reply_to("et la nego on s'en mêle pas du tout", "nlu_fallback",
                        {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith("Non.") and "directement" in reply, reply


@pytest.mark.parametrize("text", ["ça prend combien de temps en général", "et ils mettent combien de temps à le faire"])
def test_a_delay_read_off_topic_after_an_answer_is_the_delay_the_document_does_not_give(text: str) -> None:
    reply, _ = reply_to(text, "out_of_scope", {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith("Le document ne donne aucun délai") and "en direct" in reply, reply


def test_the_clients_payment_page_after_a_card_asked_past_a_recommendation_is_the_recommended_offer_s() -> None:
    # an IZ eCommerce site's payment pages are Payplug's (section « Créer son site Internet d'e-Commerce »)
    after_the_card = {"intent": "ask_affiliation", "cartes": ["ancv"], "recommendation": {
        "facts": {"site": "non", "creer_site": "oui", "payplug": None, "moyens": ["ancv"]},
        "conclusion": "iz_ecommerce"}}
    reply, _ = reply_to("si la page de paiement de sa boutique plante, il appelle qui ?", "ask_support", after_the_card)
    assert "+33 1 76 34 01 55" in reply and "partenariat-bpce@payplug.com" not in reply, reply


def test_a_doer_question_asked_again_for_another_offer_keeps_whom_its_pronoun_designated() -> None:
    # « lui » was the CIF (the answer before), not Payplug that the question named; for JPEL the CIF contracts
    # (section « Comment ouvrir les services ? »)
    after_payplug = {"intent": "ask_open_services", "offres": ["payplug"],
                     "avant": {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"]}}
    reply, _ = reply_to("et pour jpel ?", "inform_subject", after_payplug,
                        "et avec un client payplug, c'est encore lui qui fait la contractualisation ?", offres=["jpel"])
    assert reply.startswith("Oui."), reply


@pytest.mark.parametrize(("text", "verdict"), [("c'est bien avec eux que ça se négocie, les frais ?", "Oui."),
                                               ("et c'est avec la caisse qu'il négocie sa commission ?", "Non.")])
def test_with_whom_an_action_is_done_is_checked_in_the_answer(text: str, verdict: str) -> None:
    # « Les conditions tarifaires sont négociées directement avec ces organismes » (section « Quelle tarification ? »)
    reply, _ = reply_to(text, "nlu_fallback", {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith(verdict), reply


_CIF_AND_ATC = {"intent": "ask_role", "roles": ["cif", "atc"], "acteurs": ["cif", "reseau"]}


@pytest.mark.parametrize(("text", "intent"), [("et le deuxième, c'est lui qui fait le diagnostic ?", "ask_role"),
                                              ("le second il établit les tarifs aussi", "ask_pricing")])
def test_a_role_by_its_place_in_the_list_is_that_role(text: str, intent: str) -> None:
    # after the CIF then the ATC: the ATC does neither (section « Comment ouvrir les services ? »)
    reply, _ = reply_to(text, intent, _CIF_AND_ATC)
    assert reply.startswith("Non."), reply


def test_the_first_right_after_the_second_is_in_the_same_list() -> None:
    # « le premier » is the CIF, who prices in agreement with the network (section « Quelle tarification ? »)
    _, kept = reply_to("le second il établit les tarifs aussi", "ask_pricing", _CIF_AND_ATC)
    reply, _ = reply_to("et le premier, il les fixe seul ?", "nlu_fallback", kept,
                        "le second il établit les tarifs aussi")
    assert reply.startswith("Non.") and "Réseau" in reply and "Payplug" not in reply, reply


@pytest.mark.parametrize("text", ["une simu c'est nécessaire aussi", "faut-il aussi une simulation"])
def test_whether_a_simulation_is_needed_after_a_role_question_past_a_recommendation_is_for_the_offer_advised(
        text: str) -> None:
    # SP+ is priced by the CIF with SimulEasy for standard contracts (section « Quelle tarification ? »)
    after_the_cif = {"intent": "ask_role", "roles": ["cif"], "recommendation": {
        "facts": {"site": "oui", "creer_site": None, "payplug": "non", "moyens": []}, "conclusion": "sp_plus"}}
    reply, _ = reply_to(text, "ask_simulation_filing", after_the_cif)
    assert reply.startswith("Oui.") and "SimulEasy" in reply, reply


@pytest.mark.parametrize(("text", "intent", "named"), [
    ("et le support payplug, il gère quelles questions ?", "inform_subject", {"services": ["support"]}),
    ("elle prend en charge quels dossiers, cette équipe ?", "ask_phone", {}),
])
def test_the_requests_a_line_handles_are_what_it_is_for(text: str, intent: str, named: dict) -> None:
    # each line's purpose (section « Comment assister mon client ? »): Payplug's support « pour toutes les demandes
    # clients », its partnership team for the product, distribution and leads
    focus = {"intent": "ask_phone", "offres": ["payplug"], "services": ["partenariat"],
             "contacts": ["payplug_partenariat"], "audience": "client", "point": "public"}
    reply, _ = reply_to(text, intent, focus, **named)
    assert ("toutes les demandes clients" if named else "traitement des leads") in reply, reply
    assert not reply.startswith(("Oui", "Non")), reply


def test_a_generic_word_before_a_named_service_is_that_service_not_another_line() -> None:
    # « la hotline monétique pro » : the Assistance monétique PRO only, internal; the client joins the ANCV himself
    reply, _ = reply_to("je lui passe la hotline monétique pro pour s'affilier ?", "ask_affiliation",
                        {"intent": "ask_affiliation", "cartes": ["ancv"]},
                        services=["assistance", "assistance_monetique"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "en direct" in reply, reply
    assert "09 69 37 80 30" not in reply, reply


def test_what_to_give_him_after_no_to_an_internal_address_is_the_whole_client_lines() -> None:
    # after « non » to the monétique PRO's e-mail: the client lines of the offers it serves, phone included (section
    # « Comment assister mon client ? »)
    refused = {"intent": "ask_email", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"],
               "audience": "client", "point": "public"}
    reply, _ = reply_to("bon, je lui passe quoi du coup ?", "inform_subject", refused)
    assert "08 10 00 47 24" in reply and "assistance-monetiquepro@natixis.com" not in reply, reply


@pytest.mark.parametrize("text", ["pour nous en agence, quel support joindre sur un contrat SP+ ?",
                                  "côté collaborateurs, l'assistance à contacter pour JPEL c'est laquelle"])
def test_a_generic_service_asked_by_the_staff_is_the_internal_line_first(text: str) -> None:
    offer = "sp_plus" if "SP+" in text else "jpel"
    reply, _ = reply_to(text, "ask_support", offres=[offer])
    assert "09 69 36 06 26" in reply and reply.index("09 69 36 06 26") < reply.index("09 69 37 80 30"), reply


def test_the_site_itself_right_after_a_first_message_naming_its_offer_is_that_offer() -> None:
    # the payment pages of an IZ eCommerce site are Payplug's, the site itself is IZ eCommerce's (section « Créer son
    # site Internet d'e-Commerce ») ; the first message of the conversation named it
    payplug_support = {"intent": "ask_support", "offres": ["payplug"], "services": ["support"],
                       "contacts": ["payplug_support"]}
    reply, _ = reply_to("et quand c'est le site lui-même qui plante ?", "ask_support", payplug_support,
                        "ma cliente a un site IZ eCommerce, sa page de paiement bugue, je lui donne quel numéro ?")
    assert reply.startswith("C’est IZ eCommerce qui assure le support"), reply


@pytest.mark.parametrize(("text", "typed_before", "recommended"), [
    # the pages set aside by « pas », the site's offer named three messages back
    ("et quand c'est son site qui ne marche plus, pas sa page de paiement ?",
     ("je lui file quoi du coup ?", "je lui donne ce numéro ?", "le dossier d'un salon dont le site est fait par IZ"),
     None),
    # the site's offer recommended by the guided diagnostic, kept in focus
    ("et si le site lui meme plante", ("je peux lui donner leur mail ?",), "iz_ecommerce"),
])
def test_the_site_itself_is_the_site_s_offer_named_or_recommended_before(text: str, typed_before: tuple,
                                                                         recommended: str | None) -> None:
    facts = {"site": "non", "creer_site": "oui", "payplug": None, "moyens": []}
    focus = Focus("ask_support", ("payplug",), services=("support",), contacts=("payplug_support",),
                  recommendation={"facts": facts, "conclusion": recommended} if recommended else None)
    resolution = resolve(CAT, question_of("ask_support", {}), text, focus, MONDAY_10, typed_before[0],
                         typed_before[1:])
    assert resolution.question is not None and resolution.question.offres == ("iz_ecommerce",), resolution


@pytest.mark.parametrize(("text", "services", "kept"), [
    ("le helpdesk de la monétique pro, je le file au client ?", ["assistance", "assistance_monetique"],
     ["assistance_monetique"]),
    ("non, pas l'équipe partenariat : le support", ["partenariat", "support"], ["partenariat", "support"]),
    ("le support et la monétique pro", ["support", "assistance_monetique"], ["support", "assistance_monetique"]),
])
def test_a_generic_word_is_dropped_only_when_it_qualifies_the_service_after_it(text: str, services: list,
                                                                              kept: list) -> None:
    assert without_qualifying_word(runtime.catalogue(), text, services) == kept


def test_a_named_line_asked_by_the_staff_is_not_a_team_kept_for_given_requests() -> None:
    # Payplug's partnership team is internal but kept for the product, distribution and leads (section « Comment
    # assister mon client ? »): « comment je joins le support Payplug ? » is its support
    reply, _ = reply_to("moi, je contacte comment le support Payplug ?", "ask_support", offres=["payplug"])
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply, reply


def test_a_pronoun_right_after_a_question_on_the_same_person_keeps_that_person() -> None:
    # « il » was the CIF in the question before (asked of a Payplug client); « lui » still is: the CIF prices SP+'s
    # contracts (section « Quelle tarification ? »)
    after_payplug = {"intent": "ask_contracts", "offres": ["payplug"],
                     "avant": {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"]}}
    reply, _ = reply_to("et pour fixer les prix d'un contrat JPEL, c'est lui aussi ?", "ask_pricing", after_payplug,
                        "il paramètre quelque chose pour un client Payplug ?", offres=["jpel"])
    assert reply.startswith("Oui."), reply


@pytest.mark.parametrize("text", ["et eux ils gèrent aussi l'acquisition", "eux aussi ils prennent la CB ?"])
def test_what_they_do_is_not_a_fact_for_the_diagnostic(text: str) -> None:
    assert _moved(text, "inform_payment_methods") == "nlu_fallback"


def test_a_fact_said_of_the_client_with_eux_stays_a_fact() -> None:
    assert _moved("chez eux ils n'ont pas de site", "inform_no_site") == "inform_no_site"


def test_a_sentence_before_a_colon_is_a_statement_not_a_line_s_head() -> None:
    # « Les conditions tarifaires sont négociées directement avec ces organismes : la CECAZ n'intervient pas… »
    # (section « Quelle tarification ? ») : two statements, each with its doer
    found = statements(runtime.catalogue(), "Les frais sont fixés avec ces organismes : la CECAZ n’intervient pas.")
    assert found == [("Les frais sont fixés avec ces organismes", "org:*"), ("la CECAZ n’intervient pas.", "cecaz")]


def test_they_fix_the_fees_after_a_card_s_affiliation_is_yes() -> None:
    reply, _ = reply_to("c'est bien eux qui décident des frais ?", "ask_pricing",
                        {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith("Oui."), reply


@pytest.mark.parametrize("text", ["ils discutent les frais avec la caisse ?", "elle négocie sa commission avec nous ?"])
def test_an_action_done_with_us_is_checked_with_whom_not_by_whom(text: str) -> None:
    # negotiated with the organisation, the CECAZ does not take part (section « Quelle tarification ? »)
    reply, _ = reply_to(text, "ask_pricing", {"intent": "ask_affiliation", "cartes": ["amex"]})
    assert reply.startswith("Non."), reply


def test_two_coordinates_of_the_line_for_some_requests_give_the_whole_line() -> None:
    # the line for leads (its object), both its number and its address asked
    reply, focus = reply_to("pour remonter un lead payplug, c'est quoi leur téléphone et leur adresse mail ?",
                            "ask_email", offres=["payplug"])
    assert "07 57 95 38 07" in reply and "partenariat-bpce@payplug.com" in reply, reply
    assert focus["intent"] == "ask_support"
