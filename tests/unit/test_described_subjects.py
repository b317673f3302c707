"""Un sujet désigné par ce qu'il fait plutôt que par son nom (vague r56, autres mots) : une offre, un outil, un rôle,
une carte ou une ligne de contact reconnus à leurs `notions` du catalogue ou à ce qui distingue la ligne
(docs/conversation.md)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.hours import PARIS
from cecaz.notions import (
    asks_its_name,
    described_identity_verdict,
    described_subjects,
    lines_described,
    naming_the_described_roles,
    not_asked_besides_the_line,
    notion_pattern,
    subjects_by_notion,
)
from cecaz.when import asked_moment
from tests.unit.conftest import reply_to

CAT = load_catalogue()


@pytest.mark.parametrize("kind, text, expected", [
    ("role", "le gars qui fait signer le contrat au commerçant, il est où ?", ("cif",)),
    ("role", "la collègue qui établit les tarifs, je la trouve comment", ("cif",)),
    ("role", "ceux qui valident la tarification, c'est en agence ?", ("reseau",)),
    ("role", "celui qui peut saisir un lead pour le client", ("atc",)),
    ("tool", "le logiciel où on dépose les simulations", ("myged",)),
    ("tool", "l'outil où je paramètre les contrats", ("osc",)),
    ("tool", "le simulateur pour les diners", ("simulupi",)),
    ("tool", "le simulateur pour la cb", ("simuleasy",)),
    ("card", "il veut prendre une carte américaine", ("amex",)),
    ("offer", "l'offre où on lui crée son site de A à Z", ("iz_ecommerce",)),
    ("offer", "la solution de la filiale, elle coûte combien ?", ("payplug",)),
    ("offer", "le truc de paiement sans site : une offre sans site, donc", ("jpel",)),
    ("offer", "le module de paiement le plus modulaire", ("sp_plus",)),
])
def test_a_subject_described_by_what_it_does_is_named(kind, text, expected):
    assert subjects_by_notion(CAT, kind, text) == expected


@pytest.mark.parametrize("kind, text", [
    # a question that asks who does it designates nobody
    ("role", "qui fait signer le contrat au commerçant ?"),
    ("role", "qui établit la tarification ?"),
    # the merchant who makes his own site is not the offer that makes it for him
    ("offer", "mon client crée son site lui-même"),
    ("tool", "on fait une simulation pour la cb ?"),
])
def test_a_question_about_the_thing_done_names_no_subject(kind, text):
    assert subjects_by_notion(CAT, kind, text) == ()


def test_a_notion_reads_verb_endings_gaps_and_word_beginnings():
    pattern = notion_pattern("qui … monte* … tarif*")
    assert pattern.search("celle qui nous monte toute la tarification")
    assert notion_pattern("occupe* … banque*").search("ils s occupent des relations avec les banques")
    assert not pattern.search("qui monte le dossier")


@pytest.mark.parametrize("text, offers, expected", [
    ("le numéro qui est ouvert le samedi, tu l'as ?", (), ("assistance_monetique_pro",)),
    ("l'adresse de la ligne natixis réservée aux collaborateurs", (), ("assistance_monetique_pro",
                                                                         "assistance_spplus_interne")),
    ("les gens qui traitent les leads, ils ont un mail ?", (), ("payplug_partenariat",)),
    ("et l'équipe qui s'occupe des banques", ("payplug",), ("payplug_partenariat",)),
    ("la ligne interne pour un client SP+", ("sp_plus",), ("assistance_monetique_pro", "assistance_spplus_interne")),
])
def test_a_line_described_by_what_sets_it_apart_is_designated(text, offers, expected):
    assert lines_described(CAT, text, offers) == expected


@pytest.mark.parametrize("text, expected", [
    ("la boîte qui fait les sites, elle s'appelle comment ?", {"offer": ("iz_ecommerce",)}),
    ("le simulateur des cartes chinoises pour celui qui fait signer", {"tool": ("simulupi",), "role": ("cif",)}),
    ("le numéro du support, stp", {}),
])
def test_the_subjects_described_are_given_by_kind(text, expected):
    assert described_subjects(CAT, text) == expected


def test_the_organisation_behind_an_address_is_read_from_the_catalogue():
    # « la hotline Natixis » : the lines whose address is at that domain, whatever the catalogue says it is today
    assert lines_described(CAT, "la hotline natixis qui bosse le samedi") == ("assistance_monetique_pro",)
    moved = dict(CAT.contacts)
    moved["assistance_monetique_pro"] = CAT.contacts["assistance_monetique_pro"].copy(
        update={"email": "assistance-monetiquepro@exemple-bpce.fr"})
    elsewhere = CAT.copy(update={"contacts": moved})
    assert lines_described(elsewhere, "le mail de la hotline natixis") == ("service_clients_spplus",
                                                                           "assistance_spplus_interne")
    assert lines_described(elsewhere, "le mail de la hotline exemple bpce") == ("assistance_monetique_pro",)


@pytest.mark.parametrize("text", [
    "c'est bien la ligne interne ?",  # asks about the line in focus
    "la hotline, elle est ouverte le samedi ?",  # asks the hours of the line in focus
    "le support payplug, il a un mail ?",  # named by its offer and service: nothing to describe
])
def test_a_line_asked_about_is_not_described(text):
    assert lines_described(CAT, text) == ()


def test_a_day_that_describes_the_line_is_not_the_moment_asked():
    monday_10h = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    moment = asked_moment("celle qui travaille le dimanche, elle décroche ce soir vers 19h ?", monday_10h)
    assert moment is not None and moment.days == (0,) and moment.at == time(19, 0)
    # alone, the day is the moment asked
    assert asked_moment("la ligne qui répond le samedi", monday_10h).days == (5,)


def test_a_line_described_keeps_the_focus_for_the_next_question(fixed_clock):
    reply, focus = reply_to("donne-moi le mail de l'assistance de natixis réservée aux collaborateurs", "ask_email")
    assert "assistance-monetiquepro@natixis.com" in reply and "support@payplug.com" not in reply
    reply, _ = reply_to("je peux la transmettre à un commerçant JPEL ?", "ask_audience", focus=focus)
    assert reply.startswith("Non") and "09 69 37 80 30" in reply


@pytest.mark.parametrize("follow_up", [
    "et la ligne réservée aux collaborateurs, pareil dans le courrier",
    "et l'adresse interne de natixis aussi",
])
def test_the_same_public_question_on_a_line_described_after_it(fixed_clock, follow_up):
    # « je peux la mettre dans mon mail à un fleuriste en SP+ ? » (yes), then another line described, the question left
    # out: whether that one may be given too (no: it is internal), and what to give instead
    _, focus = reply_to("le numéro de l'assistance SP+ et JPEL ?", "ask_phone", offres=["sp_plus"])
    reply, focus = reply_to("je peux le mettre dans mon mail à un fleuriste en SP+ ?", "ask_email", focus,
                            offres=["sp_plus"])
    assert reply.startswith("Oui") and "09 69 37 80 30" in reply
    reply, _ = reply_to(follow_up, "ask_email", focus)
    assert reply.startswith("Non") and "09 69 37 80 30" in reply


def test_a_closed_question_after_an_offer_described_by_who_does_what_is_answered_yes_or_no():
    # who types the card only describes the offer (JPEL): the question is whether a contract is opened
    reply, _ = reply_to("la formule sans site où c'est l'acheteur qui tape sa carte : il faut un contrat chez nous ?",
                        "ask_contracts", offres=["jpel"])
    assert reply.startswith("Oui") and "JPEL" in reply


def test_a_line_named_without_anything_that_sets_it_apart_keeps_the_focus():
    # « je parlais du support » after the partnership team: a correction, not a description
    assert lines_described(CAT, "non je parlais du support", (), ("payplug_partenariat", "payplug_support")) == ()


def test_a_line_described_by_its_day_is_asked_about_another_moment(fixed_clock):
    # the relative describes the line; the moment asked is tomorrow 19h, when it is closed
    reply, _ = reply_to("la ligne interne qui est ouverte le samedi, elle répond demain à 19h ?", "ask_is_open")
    assert reply.startswith("Non") and "09 69 36 06 26" in reply and "Payplug" not in reply


def test_the_answer_before_a_described_line_stays_the_one_to_go_back_to(fixed_clock):
    support = {"intent": "ask_email", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"]}
    reply, focus = reply_to("et les gens qui traitent les leads, ils ont quel numéro ?", "ask_phone", focus=support)
    assert "07 57 95 38 07" in reply and focus["contacts"] == ["payplug_partenariat"]
    assert focus["avant"]["contacts"] == ["payplug_support"]  # « le support de tout à l'heure » is still there


@pytest.mark.parametrize("text, named", [
    ("la collègue qui établit les tarifs, elle décide seule ?", "le CIF qui établit les tarifs, elle décide seule ?"),
    ("l'interlocuteur qui peut saisir le lead, c'est en agence ?", "le ATC qui peut saisir le lead, c'est en agence ?"),
    ("qui établit les tarifs ?", "qui établit les tarifs ?"),  # asks who: nobody to name
])
def test_the_one_described_by_what_a_role_does_is_named(text, named):
    assert naming_the_described_roles(CAT, text) == named


def test_a_role_described_then_checked_gets_its_verdict(fixed_clock):
    reply, _ = reply_to("la collègue qui établit les tarifs, elle les décide toute seule ?", "ask_pricing",
                        roles=["cif"])
    assert reply.startswith("Non") and "réseau" in reply


def test_the_offer_of_a_described_line_only_says_whose_line_it_is(fixed_clock):
    reply, focus = reply_to("l'adresse de l'équipe de Payplug qui s'occupe des banques ?", "ask_email",
                            offres=["payplug"])
    assert "partenariat-bpce@payplug.com" in reply and " support@payplug.com" not in reply
    reply, _ = reply_to("je peux la passer à un client Payplug ?", "ask_audience", focus=focus, offres=["payplug"])
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply


def test_an_unsure_question_on_a_described_line_at_a_moment_is_whether_it_is_open(fixed_clock):
    reply, _ = reply_to("l'équipe payplug qui s'occupe des relations avec les banques, elle répond mardi à 9h",
                        "nlu_fallback", offres=["payplug"])
    assert reply.startswith("Non") and "9h30" in reply and "+33 1 76 34 01 55" not in reply


def test_an_offer_asked_with_an_internal_line_is_still_asked(fixed_clock):
    # « interne » describes the line; the offer and the lead say what it is for
    reply, _ = reply_to("et la ligne interne pour un lead Payplug ?", "nlu_fallback", offres=["payplug"],
                        outils=["monexpert"])
    assert "07 57 95 38 07" in reply


@pytest.mark.parametrize("text, verdict", [
    ("le logiciel où on dépose les simulations, c'est donc MyGed ?", "Oui."),
    ("le simulateur pour la cb, c'est bien SimulUPI ?", "Non."),
    ("la collègue qui établit les tarifs, c'est bien l'ATC ?", "Non."),
    ("l'offre où on lui crée son site, c'est IZ eCommerce ?", "Oui."),
    ("c'est bien OSC ?", None),  # nothing described to check it against
])
def test_a_described_subject_checked_against_a_name_gets_yes_or_no(text, verdict):
    assert described_identity_verdict(CAT, text) == verdict


def test_the_described_tool_checked_against_another_opens_on_no(fixed_clock):
    reply, _ = reply_to("l'outil où on range les simulations, c'est bien OSC ?", "ask_tool", outils=["osc"])
    assert reply.startswith("Non") and "MyGed" in reply


def test_an_unsure_question_asking_the_name_of_what_it_describes_gets_it(fixed_clock):
    reply, _ = reply_to("la société qui crée des sites pour nos clients, c koi son nom", "nlu_fallback")
    assert "IZ eCommerce" in reply


def test_a_name_asked_of_something_else_than_the_subject_named_is_not_its_presentation(fixed_clock):
    # SP+ is named, but the name asked is the rule's: the pricing of SP+, with its rule
    reply, _ = reply_to("la règle qu'on suit pour la tarif d'un contrat SP+, elle s'appelle comment ?", "nlu_fallback",
                        offres=["sp_plus"])
    assert "schéma délégataire" in reply and not reply.startswith("SP+ :")


@pytest.mark.parametrize("text, described, expected", [
    ("les gens de payplug qui traitent les leads", ("payplug_partenariat",), ((), ())),
    ("la ligne interne pour un lead payplug", ("payplug_partenariat",), (("payplug",), ("monexpert",))),
    ("les lignes internes de payplug qui traitent les leads", ("payplug_partenariat", "payplug_support"),
     (("payplug",), ("monexpert",))),
])
def test_what_only_describes_the_line_is_not_asked(text, described, expected):
    assert not_asked_besides_the_line(CAT, text, described, ("payplug",), ("monexpert",)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the offer without a site where the buyer keys his card in: JPEL (not the merchant keying it in: the VAD)
    ("le produit sans site où le porteur saisit lui-même sa carte, c'est lequel ?", {"offer": ("jpel",)}),
    ("ma cliente sans site tape elle-même les numéros de carte, c'est bon ?", {}),
    # the merchant keying in the card he is told: the VAD contract
    ("la formule où le commerçant saisit lui-même les numéros de carte par téléphone, c'est permis ?",
     {"offer": ("vad",)}),
])
def test_the_offer_without_a_site_is_described_by_who_keys_the_card_in(text, expected):
    assert described_subjects(CAT, text) == expected


@pytest.mark.parametrize(("text", "asks"), [
    ("le prestataire qui crée les sites, c'est qui déjà", True),
    ("le produit sans site, c'est lequel ?", True),
    ("c'est qui qui fait les sites ?", False),  # who does it, asked first: a question on a role or a company
])
def test_which_one_is_asked_last_asks_for_the_name_of_what_is_described(text, asks):
    assert asks_its_name(text) is asks


def test_a_line_described_in_a_message_the_nlu_did_not_place_is_answered_for_its_words(fixed_clock):
    reply, _ = reply_to("les horaires des gens de payplug qui gèrent les banques stp", "nlu_fallback",
                        offres=["payplug"])
    assert "9h30 à 17h30" in reply and "9h à 18h" not in reply, reply


def test_an_offer_described_in_a_relative_clause_is_named_besides_the_offer_named(fixed_clock):
    # « la boîte qui a créé le site » is IZ eCommerce: the why compares it with Payplug, whose pages they are
    _, focus = reply_to("c'est quoi IZ eCommerce ?", "ask_offer_definition", offres=["iz_ecommerce"])
    reply, _ = reply_to("pk payplug si c'est la boîte qui a créé le site ?", "ask_why", focus, offres=["payplug"])
    assert "pages de paiement" in reply, reply


def test_what_describes_the_subject_is_not_what_is_asked_of_it(fixed_clock):
    # « où l'acheteur saisit sa carte » describes JPEL; « la tarification se fait comment » is the question
    reply, _ = reply_to("le produit sans site où l'acheteur saisit sa carte, la tarification se fait comment ?",
                        "nlu_fallback")
    assert reply.startswith("Tarification JePaieEnLigne (JPEL)"), reply


@pytest.mark.parametrize("correction", ["non pardon, l'autre, celle pour les banques", "non la ligne pour les banques"])
def test_a_correction_to_the_other_line_described_is_that_line(fixed_clock, correction):
    _, focus = reply_to("l'adresse mail du support payplug ?", "ask_email", offres=["payplug"], services=["support"])
    reply, _ = reply_to(correction, "correct_subject", focus)
    assert "partenariat-bpce@payplug.com" in reply and "support@payplug.com" not in reply, reply


def test_who_it_is_asked_of_a_role_described_is_not_the_name_of_the_offer_described_with_it(fixed_clock):
    reply, _ = reply_to("celui qui fait signer le commerçant pour l'offre sans site, c'est qui ?", "nlu_fallback")
    assert "CIF" in reply and not reply.startswith("JePaieEnLigne (JPEL) : le service"), reply
