"""Écriture rapide et messages en plusieurs envois (vague r61, autres mots) : la relance sur la personne que la réponse
nommait ; docs/conversation.md."""

from __future__ import annotations

import pytest

from cecaz.moves import asks_of_the_one_in_focus
from cecaz.segments import acknowledges
from tests.unit.conftest import reply_to

# « qui paramètre OSC pour JPEL ? » : the contracts' answer, the CIF named as the one who does it
JPEL_CONTRACTS_BY_THE_CIF = {"intent": "ask_contracts", "offres": ["jpel"], "roles": ["cif"], "acteurs": ["cif"]}


@pytest.mark.parametrize("text", ["et il soccupe de quoi dautre", "Il fait quoi d'autre, lui ?",
                                  "il gere koi a part ca"])
def test_what_else_the_person_named_does_is_his_missions(fixed_clock, text):
    reply, kept = reply_to(text, "nlu_fallback", JPEL_CONTRACTS_BY_THE_CIF)
    assert "pilote la mise en place des services" in reply and kept["roles"] == ["cif"]


def test_what_an_offer_does_after_its_definition_stays_the_offer(fixed_clock):
    # guard: no person in the answer, « elle fait quoi » is the offer's
    reply, _ = reply_to("elle fait quoi exactement ?", "ask_offer_definition", {"intent": "ask_offer_definition",
                                                                                 "offres": ["jpel"]})
    assert "JePaieEnLigne" in reply and "pilote" not in reply


@pytest.mark.parametrize(("text", "about_the_answer"), [
    ("il soccupe de quoi dautre", True),
    ("Et elle, elle sert à quoi au juste ?", True),
    ("ils gerent quoi en plus", True),
    ("il lui faut quoi alors ?", False),  # what a client needs: the diagnostic
    ("elle a un site, on lui conseille quoi ?", False),
    ("il a besoin de quoi pour encaisser ?", False),
])
def test_a_question_on_the_one_named_is_no_start_of_a_diagnostic(text, about_the_answer):
    assert asks_of_the_one_in_focus(text) is about_the_answer


SP_CLIENT_MAIL = {"intent": "ask_email", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"]}


@pytest.mark.parametrize("text", ["et le tel qui va avec il est payant", "le numero qui correspond il est gratuit"])
def test_whether_the_line_that_goes_with_it_costs_is_closed(fixed_clock, text):
    # « qui » describes the line: a closed question, yes or no on the price of a call (0,06 €/min)
    reply, _ = reply_to(text, "ask_phone", SP_CLIENT_MAIL)
    assert reply.startswith("Non" if "gratuit" in text else "Oui") and "0,06 €/min" in reply


@pytest.mark.parametrize(("text", "thanks"), [
    ("super", True), ("top merci !", True), ("Parfait, merci beaucoup.", True), ("nickel", True),
    ("bonjour", False),  # a greeting opens a conversation
    ("super et leur mail ?", False),  # a question follows
    ("ok merci, il bosse le samedi ?", False),
])
def test_a_message_that_only_acknowledges_the_answer(text, thanks):
    assert acknowledges(text) is thanks


PAYPLUG_SUPPORT = {"intent": "ask_support", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"],
                   "audience": "client"}


def test_just_in_case_weighs_no_two_publics(fixed_clock):
    # « au cas où » is no « pour le client ou pour nous ? » : a closed question on giving the line, no then the lines
    reply, _ = reply_to("et lassistance monetique pro je peux la lui passer aussi au cas ou", "nlu_fallback",
                        PAYPLUG_SUPPORT, services=["assistance_monetique"])
    assert reply.startswith("Non") and "09 69 37 80 30" in reply


def test_him_is_the_merchant_described_two_messages_before():
    # « lui » : the florist of the first message, a question on the VAD between (no one in the answers' focus)
    from cecaz.catalogue import shared_store
    from cecaz.doers import CLIENT, asked
    found = asked(shared_store().get(), "et avec jpel c'est encore elle qui saisit la carte ?", (),
                  ["c'est recommandé par la caisse ?", "une fleuriste veut saisir elle-même les cartes au téléphone"])
    assert found is not None and found[0] == {CLIENT}


SP_DEFINITION = {"intent": "ask_offer_definition", "offres": ["sp_plus"]}


@pytest.mark.parametrize("text", ["ok donc c pr tous les types de clients",
                                  "elle est pour tous les types de clients ?"])
def test_a_sentence_of_the_answer_said_back_is_confirmed(fixed_clock, text):
    reply, _ = reply_to(text, "nlu_fallback", SP_DEFINITION)
    assert reply.startswith("Oui") and "SP+" in reply


def test_what_the_answer_does_not_say_is_not_confirmed(fixed_clock):
    reply, _ = reply_to("cest pr les associations seulement", "nlu_fallback", SP_DEFINITION)
    assert not reply.startswith("Oui")


ATC = {"intent": "ask_role", "roles": ["atc"], "acteurs": ["atc", "reseau"]}


def test_after_a_no_him_is_still_the_role_asked_about(fixed_clock):
    # « il paramètre aussi dans OSC ? » of the ATC → « Non » (the answer names the CIF) : « lui » next is the ATC
    reply, kept = reply_to("et il fait aussi les paramétrages dans OSC ?", "nlu_fallback", ATC)
    assert reply.startswith("Non") and kept["acteurs"][0] == "atc"
    reply, _ = reply_to("et la tarification c'est lui aussi ?", "ask_pricing", kept)
    assert reply.startswith("Non")


@pytest.mark.parametrize(("text", "roles"), [
    ("c'est l'ATC qui fait signer ?", ("atc",)),
    ("et il fait aussi la tarif ?", ("atc",)),  # the pronoun: the role in focus
    ("quel est le numéro du support ?", ()),
])
def test_the_roles_a_closed_question_asks_about(text, roles):
    from cecaz.catalogue import shared_store
    from cecaz.doers import with_doer
    from cecaz.families import compose
    from cecaz.phrasing import Question
    from tests.unit.conftest import MONDAY_10
    cat, question = shared_store().get(), Question("ask_role", roles=("atc",))
    assert with_doer(cat, text, question, compose(cat, question, MONDAY_10), ("role:atc",),
                     MONDAY_10).roles_asked == roles


@pytest.mark.parametrize(("typed", "word"), [("porquoi", "pourquoi"), ("pourqoui", "pourquoi"), ("purquoi", "pourquoi"),
                                            ("coment", "comment"), ("commnet", "comment"), ("conbien", "combien")])
def test_a_question_word_typed_with_a_slip_is_read_as_the_word(typed, word):
    from cecaz.textnorm import fold
    assert fold(typed) == word


@pytest.mark.parametrize("word", ["pourqui", "commet", "commente", "combine", "pourtant", "pourra"])
def test_real_words_near_a_question_word_stay_themselves(word):
    from cecaz.textnorm import fold
    assert fold(word) == word


def test_why_typed_with_a_slip_asks_the_reason(fixed_clock):
    reply, _ = reply_to("pourqoui ?", "nlu_fallback", {"intent": "ask_vad", "offres": ["vad"]})
    assert "contestée" in reply


def test_who_does_it_after_a_reason_is_the_one_the_reason_named(fixed_clock):
    # the reason names the CIF (he prices with a simulator) : « qui s'en occupe ? » next is him, not the offer
    pricing = {"intent": "ask_pricing", "offres": ["jpel"], "cartes": ["upi"]}
    _, kept = reply_to("pourquoi il faut un simulateur ?", "ask_why", pricing)
    reply, _ = reply_to("et qui s'en occupe ?", "nlu_fallback", kept)
    assert reply.lstrip("• ").startswith("CIF")


@pytest.mark.parametrize("focus", [{"intent": "ask_pricing", "roles": ["cif"], "acteurs": ["cif", "reseau"]},
                                   {"intent": "ask_pricing", "offres": ["sp_plus"], "acteurs": ["cif", "reseau"]}])
def test_which_tool_after_the_pricing_is_its_simulators(fixed_clock, focus):
    reply, _ = reply_to("il le fait avec quel outil", "ask_tool", focus)
    assert "SimulEasy" in reply and "Chargé d’Ingénierie Flux" not in reply
