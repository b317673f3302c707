"""Questions du commerçant relayées par le collaborateur (vague r54, autres mots) : « il me demande si… », « elle veut
savoir pourquoi… » ; le public, la raison, le oui / non que le document tranche (docs/conversation.md)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import reply_to

INTERNAL_ADDRESS = "assistance-monetiquepro@natixis.com"


@pytest.mark.parametrize("text, offer, number", [
    ("un boulanger en SP+ me demande qui contacter si sa page de paiement plante", "sp_plus", "08 10 00 47 24"),
    ("Une fleuriste sous Payplug voudrait savoir à qui poser ses questions sur ses encaissements.", "payplug",
     "+33 1 76 34 01 55"),
])
def test_the_merchants_question_relayed_gets_only_his_lines(fixed_clock, text, offer, number):
    reply, _ = reply_to(text, "ask_support", offres=[offer])
    assert number in reply and INTERNAL_ADDRESS not in reply


def test_a_trade_that_looks_like_a_trouble_is_not_one(fixed_clock):
    reply, _ = reply_to("Un dépanneur sans site veut savoir comment marche JePaieEnLigne.", "ask_offer_definition",
                        offres=["jpel"])
    assert "porteur saisit lui-même" in reply and "09 69 37 80 30" not in reply


PAYPLUG_SUPPORT = {"intent": "ask_phone", "offres": ["payplug"], "services": ["support"],
                   "contacts": ["payplug_support"], "audience": "client"}


def test_the_merchant_asking_to_call_an_internal_line_named_is_no_and_his_line(fixed_clock):
    reply, _ = reply_to("il me demande s'il pourrait contacter la monétique pro à la place", "ask_is_open",
                        PAYPLUG_SUPPORT, services=["assistance_monetique"])
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply and "09 69 36 06 26" not in reply


ANCV = {"intent": "ask_affiliation", "cartes": ["ancv"]}
AMEX = {"intent": "ask_affiliation", "cartes": ["amex"]}


def test_an_internal_line_asked_for_an_affiliation_without_to_him_is_no_and_in_direct(fixed_clock):
    reply, _ = reply_to("il veut savoir s'il peut passer par l'assistance monétique pour ça", "ask_audience", ANCV,
                        services=["assistance_monetique"])
    assert reply.startswith("Non") and "en direct" in reply and "09 69 37 80 30" not in reply


@pytest.mark.parametrize("text, intent, focus, named, verdict", [
    ("Une brasserie qui a déjà notre TPE veut accepter l'AMEX : elle me demande si elle doit contacter American "
     "Express elle-même.", "ask_affiliation", None, {"cartes": ["amex"]}, "Oui"),
    ("il veut savoir s'il peut passer sa demande par notre agence", "nlu_fallback", AMEX, {"roles": ["reseau"]}, "Non"),
    # after another answer on the card (the simulator it does not take)
    ("elle me demande si elle peut la faire par nous", "nlu_fallback", {"intent": "ask_simulator", "cartes": ["ancv"]},
     {}, "Non"),
])
def test_who_makes_the_affiliation_request_relayed_is_yes_or_no(fixed_clock, text, intent, focus, named, verdict):
    reply, _ = reply_to(text, intent, focus, **named)
    assert reply.startswith(verdict) and "en direct" in reply


@pytest.mark.parametrize("text, offers, said", [
    ("ma cliente sous Payplug me demande pourquoi ses encaissements arrivent par virement de Payplug et pas "
     "directement de chez nous", ["payplug"], "full service"),
    ("un client IZ eCommerce veut savoir pourquoi c'est Payplug qui s'occupe de ses paiements alors que c'est IZ qui "
     "a fait son site", ["iz_ecommerce", "payplug"], "prises en charge par Payplug"),
])
def test_the_merchants_why_relayed_gets_the_reason(fixed_clock, text, offers, said):
    reply, _ = reply_to(text, "ask_funds", offres=offers)
    assert said in reply


@pytest.mark.parametrize("text, offer, verdict", [
    ("elle m'a dit quelle a pas de site, jpel ça ira quand même ?", "jpel", "Oui"),
    ("elle me dit quelle a pas de site, sp+ ca passe quand meme", "sp_plus", "Non"),
])
def test_qu_elle_typed_without_apostrophe_is_not_a_question_word(fixed_clock, text, offer, verdict):
    reply, _ = reply_to(text, "ask_offer_definition", offres=[offer])
    assert reply.startswith(verdict)


PAYPLUG_HOURS_FOR_HIM = {"intent": "ask_hours", "offres": ["payplug"], "services": ["support"],
                         "contacts": ["payplug_support"], "audience": "client"}


def test_a_correction_to_an_internal_team_after_a_relayed_question_gives_that_team_under_its_title(fixed_clock):
    reply, kept = reply_to("non pardon, je parlais de l'équipe partenariat", "correct_subject", PAYPLUG_HOURS_FOR_HIM,
                           services=["partenariat"])
    assert "9h30 à 17h30" in reply and "à ne pas transmettre au client" in reply
    reply, _ = reply_to("je peux la lui passer ?", "ask_audience", kept)
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply


@pytest.mark.parametrize("text, offer, number", [
    ("une opticienne en SP+ me demande pourquoi elle doit joindre BPCE plutôt que son agence", "sp_plus",
     "08 10 00 47 24"),
    ("ma cliente JPEL voudrait savoir pour quelle raison elle doit téléphoner à BPCE", "jpel", "09 69 37 80 30"),
])
def test_the_merchants_why_about_whom_to_call_gets_his_line(fixed_clock, text, offer, number):
    # the why is relayed, but what he asks is whom to call: his line, not the offer's reasons
    reply, _ = reply_to(text, "nlu_fallback", offres=[offer], roles=["reseau"])
    assert number in reply and INTERNAL_ADDRESS not in reply
