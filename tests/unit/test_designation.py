"""Un sujet désigné par son rang parmi deux dont le fil vient de parler (vague r51, issue 11) : « le second » des deux
rôles, offres ou lignes, « la première » juste après « la seconde », « l'autre » des deux. Phrases écrites pour ces
tests, autres que celles des conversations."""

from __future__ import annotations

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.designation import (
    designated_subject,
    earlier_subject,
    focus_on_designated_line,
    naming_the_designated,
    rank_said,
)
from cecaz.focus import Focus
from tests.unit.conftest import reply_to

pytestmark = pytest.mark.usefixtures("fixed_clock")

CAT = load_catalogue()
_ROLES = Focus("ask_role", roles=("cif", "atc"))
_OFFERS = Focus("ask_offer_definition", offres=("sp_plus", "jpel"))
_JPEL_PICKED = Focus("ask_offer_definition", offres=("jpel",), avant=_OFFERS)
_LINES = Focus("ask_hours", offres=("payplug",), contacts=("payplug_support", "payplug_partenariat"))
_LINES_SLOT = {"intent": "ask_hours", "offres": ["payplug"], "services": ["support", "partenariat"],
               "contacts": ["payplug_support", "payplug_partenariat"]}


@pytest.mark.parametrize("text, position", [
    ("et le second, il fait quoi ?", 1),
    ("la 2e elle décroche encore ?", 1),
    ("Pour le premier, c'est payant ?", 0),
    ("et la dernière ?", -1),
    ("la première fois qu'il appelle, il doit donner quoi ?", None),
    ("on peut le rappeler le 1er décembre ?", None),
    ("qu'est-ce qu'on propose en premier ?", None),
    ("le premier virement arrive quand ?", None),
])
def test_a_rank_is_said_with_its_article_of_a_subject(text: str, position: int) -> None:
    found = rank_said(text)
    assert (found[0] if found else None) == position


@pytest.mark.parametrize("text, focus, previous, designated", [
    ("et le second, il décide de quoi ?", _ROLES, "", {"roles": ("atc",)}),
    ("le premier a besoin d'un site ?", _OFFERS, "sp+ et jpel, qui signe le contrat ?", {"offres": ("sp_plus",)}),
    # the order the colleague named them in, not the answer's
    ("le premier a besoin d'un site ?", _OFFERS, "jpel ou sp+ pour un artisan ?", {"offres": ("jpel",)}),
    ("et l'autre, il lui faut un site ?", _JPEL_PICKED, "le second, c'est quoi ?", {"offres": ("sp_plus",)}),
    ("et la première ?", _JPEL_PICKED, "la seconde c'est quoi ?", {"offres": ("sp_plus",)}),
    ("le second numéro il est gratuit ?", _LINES, "", {"contacts": ("payplug_partenariat",)}),
    # named already, or no list of two in the thread
    ("le premier, SP+, il a besoin d'un site ?", _OFFERS, "", {}),
    ("et le second ?", Focus("ask_offer_definition", offres=("jpel",)), "", {}),
    ("la première fois, il appelle qui ?", _LINES, "", {}),
])
def test_a_subject_designated_by_its_rank_is_the_one_of_the_list_the_thread_gave(
        text: str, focus: Focus, previous: str, designated: dict) -> None:
    assert designated_subject(CAT, text, focus, previous) == designated


def test_a_line_designated_by_its_rank_becomes_the_focus_and_its_list_stays_behind() -> None:
    picked = focus_on_designated_line(CAT, "la seconde répond le samedi ?", _LINES)
    assert picked.contacts == ("payplug_partenariat",) and picked.avant == _LINES
    again = focus_on_designated_line(CAT, "et la première ?", replace_avant(picked))
    assert again.contacts == ("payplug_support",) and again.avant == _LINES


def replace_avant(focus: Focus) -> Focus:
    """The focus as the slot keeps it (one level back only)."""
    return Focus.from_slot(focus.to_slot(), CAT)


def test_an_offer_or_role_designated_by_its_rank_is_named_for_every_reader() -> None:
    assert naming_the_designated(CAT, "Et le second, il signe avec le client ?", _ROLES) == \
        "Et le ATC, il signe avec le client ?"
    assert naming_the_designated(CAT, "et lautre il faut un site", _JPEL_PICKED) == "et le SP+ il faut un site"
    assert naming_the_designated(CAT, "la seconde répond le samedi ?", _LINES) == "la seconde répond le samedi ?"


@pytest.mark.parametrize("text, verdict", [
    ("la 2e elle décroche encore à 17h50 ?", "Non"),
    ("et la première, ce midi ?", "Oui"),
])
def test_a_line_designated_by_its_rank_is_asked_whether_it_is_open(text: str, verdict: str) -> None:
    reply, _ = reply_to(text, "ask_is_open", _LINES_SLOT)
    assert reply.startswith(verdict), reply


def test_the_next_rank_counts_in_the_same_list() -> None:
    _, focus = reply_to("la seconde, elle répond à 17h50 ?", "ask_is_open", _LINES_SLOT)
    reply, focus = reply_to("et la première, à 17h50 ?", "ask_is_open", focus,
                            before="la seconde, elle répond à 17h50 ?")
    assert reply.startswith("Oui") and focus["contacts"] == ["payplug_support"], reply
    reply, _ = reply_to("et la seconde le samedi ?", "ask_is_open", focus, before="et la première, à 17h50 ?")
    assert reply.startswith("Non") and "07 57 95 38 07" in reply, reply


@pytest.mark.parametrize("text, intent, before, verdict", [
    ("Le second procède-t-il à la contractualisation ?", "ask_role", "Qui sont le CIF et l'ATC ?", "Non"),
    ("et le premier, il fait les paramétrages dans OSC ?", "ask_role", "Qui sont le CIF et l'ATC ?", "Oui"),
])
def test_a_role_designated_by_its_rank_gets_the_verdict_of_that_role(text: str, intent: str, before: str,
                                                                     verdict: str) -> None:
    reply, _ = reply_to(text, intent, {"intent": "ask_role", "roles": ["cif", "atc"]}, before=before)
    assert reply.startswith(verdict), reply


def test_an_offer_designated_by_its_rank_gets_the_verdict_of_that_offer() -> None:
    reply, _ = reply_to("le second a-t-il besoin d'un site internet ?", "ask_offer_definition",
                        {"intent": "ask_offer_definition", "offres": ["sp_plus", "jpel"]},
                        before="c'est quoi SP+ et JPEL ?")
    assert reply.startswith("Non") and "JePaieEnLigne" in reply, reply


@pytest.mark.parametrize("text, named, verdict", [
    # the inverted verb says who is asked (section « Comment ouvrir les services ? »)
    ("L'ATC réalise-t-il les paramétrages dans OSC ?", {"roles": ["atc"]}, "Non"),
    ("Et le CIF pilote-t-il la mise en place ?", {"roles": ["cif"]}, "Oui"),
    # a stressed pronoun takes up the role the message names before it
    ("et l'ATC, c'est lui qui signe avec le commerçant ?", {"roles": ["atc"]}, "Non"),
    ("bon et le CIF c'est bien lui qui fait les paramétrages ?", {"roles": ["cif"]}, "Oui"),
])
def test_a_role_named_before_an_inverted_verb_or_a_pronoun_is_the_one_asked(text: str, named: dict,
                                                                             verdict: str) -> None:
    reply, _ = reply_to(text, "ask_role", {"intent": "ask_role", "roles": ["cif", "atc"]}, **named)
    assert reply.startswith(verdict), reply


def test_an_inverted_question_on_a_line_is_not_who_does_it() -> None:
    reply, _ = reply_to("L'assistance SP+ répond-elle le dimanche ?", "ask_is_open",
                        {"intent": "ask_phone", "offres": ["sp_plus"]}, services=["assistance"], offres=["sp_plus"])
    assert not reply.startswith("Oui"), reply


_TWO_LINES_ONE_TAKEN = {"intent": "ask_support", "contacts": ["assistance_spplus_jpel"], "audience": "client",
                        "point": "public", "avant": {"intent": "ask_support", "contacts": [
                            "assistance_spplus_jpel", "assistance_monetique_pro"], "audience": "client",
                            "point": "public"}}


@pytest.mark.parametrize("text, verdict, line", [
    ("et l'autre, elle est seulement pour nous ?", "Oui", "09 69 36 06 26"),
    ("et lautre je peux la filer au client aussi", "Non", "Assistance monétique PRO"),
])
def test_the_other_of_two_lines_is_the_one_not_taken(text: str, verdict: str, line: str) -> None:
    reply, focus = reply_to(text, "ask_audience", _TWO_LINES_ONE_TAKEN)
    assert reply.startswith(verdict) and line in reply and focus["contacts"] == ["assistance_monetique_pro"], reply


@pytest.mark.parametrize("text", ["et celle-ci, c'est que pour nous ?", "et lui c uniquement en interne"])
def test_a_line_taken_up_by_a_pronoun_is_asked_if_it_is_only_for_us(text: str) -> None:
    reply, _ = reply_to(text, "ask_audience", {"intent": "ask_support", "contacts": ["assistance_monetique_pro"]})
    assert reply.startswith("Oui"), reply


def test_two_lines_named_for_two_publics_are_both_given_each_in_its_part() -> None:
    reply, _ = reply_to("pour un commerçant en payplug, tu me sors le support et l'équipe partenariat ?",
                        "inform_subject", offres=["payplug"], services=["support", "partenariat"])
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" in reply and "Usage interne CECAZ" in reply, reply


def test_two_lines_named_in_a_question_on_what_to_give_the_merchant_give_only_his() -> None:
    reply, _ = reply_to("lequel je donne au client, le support payplug ou l'équipe partenariat ?", "ask_phone",
                        offres=["payplug"], services=["support", "partenariat"])
    assert "+33 1 76 34 01 55" in reply and "partenariat-bpce@payplug.com" not in reply, reply


def test_a_line_by_its_rank_and_a_moment_read_off_topic_by_diet_is_whether_it_is_open() -> None:
    # DIET reads « out_of_scope » : the rank and the moment make it a question on that line
    reply, _ = reply_to("du coup la 2e, dimanche 10h ça passe", "out_of_scope", _LINES_SLOT)
    assert reply.startswith("Non") and "07 57 95 38 07" in reply, reply


@pytest.mark.parametrize("text, verdict, line", [
    ("et l'autre ?", "Non", "Assistance monétique PRO"),
    ("et le premier ?", "Oui", "09 69 37 80 30"),
])
def test_the_other_or_a_rank_alone_asks_the_question_before_of_that_line(text: str, verdict: str, line: str) -> None:
    reply, _ = reply_to(text, "inform_subject", _TWO_LINES_ONE_TAKEN)
    assert reply.startswith(verdict) and line in reply, reply


def test_a_line_written_in_a_mail_is_not_its_e_mail_address() -> None:
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "services": ["assistance", "assistance_monetique"],
             "contacts": ["assistance_spplus_jpel", "assistance_monetique_pro"]}
    reply, _ = reply_to("et lequel des deux je glisse dans mon mail au client", "nlu_fallback", focus)
    assert "09 69 37 80 30" in reply and "assistance-monetiquepro@natixis.com" not in reply, reply


def test_a_tool_designated_by_its_rank_and_read_as_the_list_of_offers_is_that_tool() -> None:
    reply, _ = reply_to("et le premier, il sert à quoi", "ask_offers_overview",
                        {"intent": "ask_simulator", "outils": ["simuleasy", "simulupi"]})
    assert "SimulEasy" in reply and "Sans site" not in reply, reply


def test_two_cards_asked_how_it_goes_get_what_each_takes() -> None:
    asked = "un camping en JPEL voudrait prendre l'AMEX et les Diners, comment on procède pour chacune ?"
    reply, focus = reply_to(asked, "nlu_fallback", offres=["jpel"], cartes=["amex", "dfs_diners"])
    assert "affiliation" in reply and "SimulUPI" in reply, reply
    reply, _ = reply_to("et pour la première, c'est le camping qui fait la démarche ?", "nlu_fallback", focus,
                        before=asked)
    assert reply.startswith("Oui") and "affiliation" in reply, reply


def test_lines_to_hand_to_each_of_two_merchants_are_theirs_only() -> None:
    reply, _ = reply_to("un opticien est chez Payplug et un garage en SP+, quel mail je donne à chacun ?", "ask_email",
                        offres=["payplug", "sp_plus"])
    assert "support@payplug.com" in reply and "assistance-monetiquepro@natixis.com" not in reply \
        and "partenariat-bpce@payplug.com" not in reply, reply


def test_what_each_of_two_quoted_lines_is_for() -> None:
    reply, _ = reply_to("on m'a donné le 09 69 37 80 30 et le 09 69 36 06 26, à quoi sert chacun ?", "ask_phone")
    assert "pour l’assistance des contrats SP+ et JPEL" in reply and "collaborateurs CECAZ" in reply, reply


def test_why_a_line_designated_by_its_rank_may_not_be_given_is_its_reason() -> None:
    reply, _ = reply_to("pk je peux pas filer le deuxième au commerçant", "ask_why",
                        {"intent": "ask_support", "contacts": ["assistance_spplus_jpel", "assistance_monetique_pro"]})
    assert "Assistance monétique PRO" in reply and "à ne pas transmettre" in reply \
        and "Assistance SP+ et JPEL" not in reply, reply


_PAYPLUG_AND_SPPLUS_LINES = {"intent": "ask_hours", "offres": ["payplug", "sp_plus"],
                             "services": ["support", "service_clients"],
                             "contacts": ["payplug_support", "service_clients_spplus"]}


def test_a_line_designated_by_the_offer_it_serves_is_that_line_alone() -> None:
    reply, focus = reply_to("et le num de sp+ il a aussi une adresse mail ?", "ask_email", _PAYPLUG_AND_SPPLUS_LINES,
                            offres=["sp_plus"])
    assert "assistance-spplus@natixis.com" in reply and "support@payplug.com" not in reply, reply
    assert focus["contacts"] == ["service_clients_spplus"]
    reply, _ = reply_to("ok et celui de payplug, je peux le filer au commerçant ?", "inform_subject", focus,
                        offres=["payplug"])
    assert reply.startswith("Oui") and "+33 1 76 34 01 55" in reply and "08 10 00 47 24" not in reply, reply


def test_the_line_taken_up_and_what_it_costs_is_the_call_price() -> None:
    focus = {"intent": "ask_email", "offres": ["payplug"], "contacts": ["payplug_support"],
             "avant": _PAYPLUG_AND_SPPLUS_LINES}
    reply, _ = reply_to("et l'autre, ça coûte quelque chose ?", "ask_pricing", focus)
    assert reply.startswith("Oui") and "0,06" in reply, reply


def test_a_request_line_and_a_trouble_in_one_message_get_both_lines() -> None:
    reply, _ = reply_to("j'ai une question produit sp+ à faire remonter et un client payplug qui a un souci de "
                        "paiement, je contacte qui pour chacun ?", "ask_support", offres=["sp_plus", "payplug"])
    assert "+33 1 76 34 01 55" in reply, reply
    reply, _ = reply_to("un client payplug a un bug et j'ai aussi un lead payplug à remonter, qui j'appelle ?",
                        "ask_support", offres=["payplug"])
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" in reply and "Usage interne CECAZ" in reply, reply


def test_a_rank_among_lines_counts_in_the_order_their_services_were_named() -> None:
    # the answer lists the client line first; the colleague named the internal one first
    focus = {"intent": "ask_hours", "offres": ["sp_plus"], "services": ["assistance_monetique", "service_clients"],
             "contacts": ["service_clients_spplus", "assistance_monetique_pro"]}
    reply, kept = reply_to("la première est ouverte le samedi ?", "ask_is_open", focus,
                           before="les horaires de la monétique pro et du service client sp+ svp")
    assert reply.startswith("Oui") and "09 69 36 06 26" in reply, reply
    reply, _ = reply_to("et l'autre ?", "inform_subject", kept, before="la première est ouverte le samedi ?")
    assert reply.startswith("Non") and "08 10 00 47 24" in reply, reply


def test_a_rank_among_two_subjects_named_counts_even_when_the_answer_spoke_of_another() -> None:
    # « SimulEasy ou SimulUPI ? » answered by JPEL's pricing: « le second » is still SimulUPI
    reply, _ = reply_to("et le second, il sert pour quelles cartes ?", "inform_subject",
                        {"intent": "ask_pricing", "offres": ["jpel"], "objets": ["simuleasy"]},
                        before="SimulEasy ou SimulUPI pour une boutique JPEL ?")
    assert "Diners" in reply, reply


def test_an_offer_set_aside_by_the_message_before_is_not_in_the_list_a_rank_counts_in() -> None:
    # « il est en SP+, pas chez Payplug » : the second is SP+'s second line, not Payplug
    reply, _ = reply_to("et le second, il est payant ?", "ask_phone",
                        {"intent": "ask_phone", "offres": ["sp_plus"],
                         "contacts": ["assistance_spplus_jpel", "service_clients_spplus"]},
                        before="ah non pardon, il est chez SP+, pas chez Payplug")
    assert reply.startswith("Oui") and "08 10 00 47 24" in reply and "+33 1 76 34 01 55" not in reply, reply


@pytest.mark.parametrize("text, named, verdict", [
    ("et s'il préfère appeler, il a le droit d'appeler la monétique pro ?", {"services": ["assistance_monetique"]},
     "Non"),
    ("elle a aussi le droit d'appeler le service client sp plus ?", {"services": ["service_clients"],
                                                                     "offres": ["sp_plus"]}, "Oui"),
])
def test_whether_the_merchant_has_the_right_to_call_a_line_is_its_public(text: str, named: dict,
                                                                        verdict: str) -> None:
    reply, _ = reply_to(text, "ask_phone", {"intent": "ask_email", "offres": ["sp_plus"],
                                            "contacts": ["service_clients_spplus"], "audience": "client"}, **named)
    assert reply.startswith(verdict) and "assistance-monetiquepro@natixis.com" not in reply, reply


# --- « le simu de tout à l'heure », « la hotline d'avant » : a subject the thread spoke of before the last answers ---

GIVEN = {"outils": ["osc", "simuleasy", "myged"], "cartes": ["amex", "ancv"], "offres": ["jpel", "sp_plus"]}
LINES_BY_ANSWER = (("assistance_monetique_pro",), ("payplug_support",))


@pytest.mark.parametrize("text, focus, expected", [
    ("et le simulateur d'avant, il marche pour les diners ?", Focus(intent="ask_affiliation", cartes=("ancv",)),
     {"outils": ("simuleasy",)}),  # a simulator, not MyGed spoken of after it
    ("ok et la hotline de tout a lheure elle repond samedi", Focus(intent="ask_simulator", outils=("simulupi",)),
     {"contacts": ("payplug_support",)}),  # a generic word: the last line spoken of
    ("et l'offre du début, elle demande un site ?", Focus(intent="ask_role", roles=("cif",)), {"offres": ("sp_plus",)}),
    ("la carte de tout à l'heure, on la simule ?", Focus(intent="ask_affiliation", cartes=("ancv",)),
     {"cartes": ("amex",)}),  # not the one in focus
])
def test_a_subject_of_a_kind_said_earlier_is_the_last_of_that_kind_not_in_focus(text, focus, expected):
    assert earlier_subject(CAT, text, focus, GIVEN, LINES_BY_ANSWER) == expected


@pytest.mark.parametrize("text", [
    "et simuleasy de tout à l'heure ?",  # named: read as named
    "le support payplug de tout a l'heure il a un mail ?",  # a line by its own name
    "tout à l'heure tu m'as dit quoi ?",  # no kind of subject said
])
def test_no_earlier_subject_when_the_message_names_it_or_says_no_kind(text):
    assert earlier_subject(CAT, text, Focus(intent="ask_role", roles=("cif",)), GIVEN, LINES_BY_ANSWER) == {}


def test_a_line_of_a_while_ago_said_by_its_service_is_the_line_of_that_service():
    answers = (("payplug_support",), ("payplug_partenariat",))
    focus = Focus(intent="ask_role", roles=("cif",))
    assert earlier_subject(CAT, "tu peux me redonner l'adresse du support de tout à l'heure ?", focus, {},
                           answers) == {"contacts": ("payplug_support",)}


def test_lines_given_together_are_designated_together():
    # « cette adresse » was the e-mail of two lines given in one answer (a client one and an internal one)
    answers = (("service_clients_spplus", "assistance_spplus_interne"),)
    focus = Focus(intent="ask_contracts", offres=("payplug",))
    assert earlier_subject(CAT, "pour revenir a cette adresse de tout a l'heure, je la mets en copie au client ?",
                           focus, {}, answers) == {"contacts": ("service_clients_spplus", "assistance_spplus_interne")}
