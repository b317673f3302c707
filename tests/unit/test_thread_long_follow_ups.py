"""Relances d'un long fil (vague r52, autres mots) : qui tape la carte, demandé après une offre ; « il en faut un ? »
après une réponse sur les contrats (docs/conversation.md)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import reply_to

JPEL = {"intent": "ask_offer_definition", "offres": ["jpel"]}
PAYPLUG_CONTRACTS = {"intent": "ask_contracts", "offres": ["payplug"]}


@pytest.mark.parametrize("text", [
    "c qui qui rentre le numero de carte du coup",
    "Et qui saisit la carte, dans ce cas ?",
])
def test_who_keys_the_card_in_after_an_offer_is_what_the_offer_says(fixed_clock, text):
    reply, _ = reply_to(text, "nlu_fallback", JPEL)
    assert "porteur saisit lui-même" in reply


@pytest.mark.parametrize("text, verdict", [
    ("ok et pour jpel faut en ouvrir un aussi ?", "Oui"),
    ("Et avec SP+, il en faut un ?", "Oui"),
])
def test_one_of_them_asked_for_another_offer_after_an_answer_on_contracts(fixed_clock, text, verdict):
    offer = "jpel" if "jpel" in text else "sp_plus"
    reply, _ = reply_to(text, "nlu_fallback", PAYPLUG_CONTRACTS, offres=[offer])
    assert reply.startswith(verdict) and "contrat" in reply


def test_a_thing_of_the_card_typed_is_not_a_phone_question(fixed_clock):
    # guard: « le numéro de carte » is still not a line to call
    reply, _ = reply_to("c qui qui rentre le numero de carte du coup", "nlu_fallback", JPEL)
    assert "09 69" not in reply


PAYPLUG_HOURS = {"intent": "ask_hours", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"]}


@pytest.mark.parametrize("text", [
    "autre question : qui s'occupe du diagnostic des besoins du client ?",
    "Rien à voir, mais le diagnostic des besoins, c'est qui qui le fait ?",
])
def test_another_subject_announced_is_not_read_against_the_last_answer(fixed_clock, text):
    reply, kept = reply_to(text, "nlu_fallback", PAYPLUG_HOURS)
    assert "CIF" in reply and "Payplug" not in reply
    # the last answer stays one level back, for « pour revenir au support Payplug… »
    assert kept["avant"]["contacts"] == ["payplug_support"]


def test_by_the_way_still_reads_the_last_answer(fixed_clock):
    # guard: « au fait » is often said within the same subject
    reply, _ = reply_to("au fait, ils sont ouverts le samedi ?", "ask_is_open", PAYPLUG_HOURS)
    assert reply.startswith("Non") and "9h" in reply


@pytest.mark.parametrize("text, verdict", [
    ("et le réseau, c'est lui qui valide la tarification ?", "Oui"),
    ("ok et c le reseau qui approuve les tarifs", "Oui"),
])
def test_what_a_role_does_is_its_mission_not_the_agent_of_a_participle(fixed_clock, text, verdict):
    lead = {"intent": "ask_open_services", "outils": ["monexpert"], "roles": ["atc"], "acteurs": ["cif", "atc"]}
    reply, _ = reply_to(text, "nlu_fallback", lead, roles=["reseau"])
    assert reply.startswith(verdict) and "accord" in reply


def test_a_subject_come_back_to_with_a_question_of_its_own_gets_that_question(fixed_clock):
    # after a detour by Payplug's line, back to IZ eCommerce (whose support was asked) with another question
    focus = {"intent": "ask_phone", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"],
             "avant": {"intent": "ask_support", "offres": ["iz_ecommerce"], "services": ["support"]}}
    reply, _ = reply_to("bon, pour revenir a iz, qui gere les pages de paiement de leurs sites ?", "inform_subject",
                        focus, offres=["iz_ecommerce"])
    assert "prises en charge par Payplug" in reply


def test_a_subject_named_alone_still_gets_the_question_before(fixed_clock):
    # guard: no question of its own, the question asked before, for that subject
    reply, _ = reply_to("et pour iz ?", "inform_subject", {"intent": "ask_support", "offres": ["payplug"]},
                        offres=["iz_ecommerce"])
    assert "IZ eCommerce qui assure le support" in reply


RECOMMENDED_SP = {"intent": "recommendation", "offres": ["sp_plus"],
                  "recommendation": {"facts": {"site": "oui", "creer_site": None, "payplug": "non", "moyens": []},
                                     "conclusion": "sp_plus"}}


def test_why_someone_does_it_read_as_a_content_question_is_a_why(fixed_clock):
    # DIET reads « pourquoi c'est X qui … » as the contracts; the reason is asked, not the contracts again
    reply, _ = reply_to("pk c le cif qui fait signer le contrat au client", "ask_contracts", RECOMMENDED_SP,
                           roles=["cif"])
    assert not reply.startswith("Pour quelle offre") and "raison" in reply


@pytest.mark.parametrize("text", ["et la ligne interne pour un lead payplug ?", "et pour nous, pour un lead SP+ ?"])
def test_the_line_for_a_request_of_an_offer_named(fixed_clock, text):
    focus = {"intent": "ask_hours", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"]}
    offer = "sp_plus" if "SP+" in text else "payplug"
    reply, _ = reply_to(text, "inform_subject", focus, offres=[offer], outils=["monexpert"])
    assert ("partenariat-bpce@payplug.com" in reply) == (offer == "payplug")


FILED_AFTER_UPI = {"intent": "ask_simulation_filing", "regles": ["myged", "schema_delegataire"],
                   "avant": {"intent": "ask_simulator", "offres": ["jpel"], "cartes": ["upi"], "objets": ["simulupi"]}}


@pytest.mark.parametrize("text, card, verdict", [
    ("et les diners, on les simule avec le même outil ?", "dfs_diners", "Oui"),
    ("pour des cb classiques c'est le meme simulateur", "standard", "Non"),
])
def test_the_same_simulator_after_a_detour_by_the_filing(fixed_clock, text, card, verdict):
    reply, _ = reply_to(text, "ask_simulator", FILED_AFTER_UPI, cartes=[card])
    assert reply.startswith(verdict)


def _thread(turns):
    """The replies to `turns` ((text, intent, named by field)) in one conversation, each action seeing the focus slot
    events of the answers before (as the action server does), and the last focus."""
    from actions.answer import ActionAnswer
    from actions.clarify import ActionClarify
    from tests.unit.conftest import ENTITY_OF_FIELD, build_tracker, run_action

    events, focus, replies = [], None, []
    for text, intent, named in turns:
        entities = [{"entity": ENTITY_OF_FIELD[f], "value": v} for f, values in named.items() for v in values]
        events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": entities}})
        action = ActionClarify() if intent == "nlu_fallback" else ActionAnswer()
        messages, returned = run_action(action, build_tracker(text, intent, entities=entities, events=list(events),
                                                              slots={"focus": focus} if focus else None))
        replies.append("\n".join(m.get("text") or "" for m in messages))
        for event in returned:
            if event.get("event") == "slot" and event.get("name") == "focus":
                focus = event["value"]
                events.append(event)
    return replies, focus


def test_the_line_of_a_while_ago_after_two_detours(fixed_clock):
    replies, focus = _thread([
        ("la monetique pro elle repond demain 8h45", "ask_is_open", {"services": ["assistance_monetique"]}),
        ("au fait simulupi c'est pour quelles cartes ?", "ask_simulator", {"outils": ["simulupi"]}),
        ("et l'amex aussi ?", "inform_subject", {"cartes": ["amex"]}),
        ("bon et la hotline d'avant, elle est encore là ce soir à 18h15 ?", "ask_is_open",
         {"services": ["assistance"]}),
    ])
    assert replies[-1].startswith("Non") and "09 69 36 06 26" in replies[-1] and "AMEX" not in replies[-1]
    assert focus["contacts"] == ["assistance_monetique_pro"]


def test_the_simulator_of_a_while_ago_after_two_detours(fixed_clock):
    replies, _ = _thread([
        ("simuleasy c'est pour quelles cartes ?", "ask_simulator", {"outils": ["simuleasy"]}),
        ("et les frais de l'amex, c'est nous qui les négocions ?", "ask_affiliation", {"cartes": ["amex"]}),
        ("pardon, je voulais dire l'ancv", "correct_subject", {"cartes": ["ancv"]}),
        ("bon et le simu de tout à l'heure, il sert pr les cartes chinoises", "nlu_fallback", {"cartes": ["upi"]}),
    ])
    assert replies[-1].startswith("Non") and "SimulUPI" in replies[-1]


@pytest.mark.parametrize("text, offer, verdict", [
    ("ok et pour un client sp+, ce numéro-là, c'est réservé à nous ?", "sp_plus", "Non"),
    ("Et côté Payplug alors : celui-ci, c'est une ligne interne ?", "payplug", "Oui"),
])
def test_a_line_in_focus_asked_if_internal_after_a_preamble_naming_its_offer(fixed_clock, text, offer, verdict):
    line = "service_clients_spplus" if offer == "sp_plus" else "payplug_partenariat"
    reply, _ = reply_to(text, "ask_phone", {"intent": "ask_support", "contacts": [line]}, offres=[offer])
    assert reply.startswith(verdict)


@pytest.mark.parametrize("text", [
    "et ce n'est plus le commerçant qui saisit la carte alors ?",  # guard: the merchant named was read already
    "ce n est plus lui qui tape les numéros de carte du coup",
])
def test_no_longer_the_one_who_does_it(fixed_clock, text):
    reply, _ = reply_to(text, "nlu_fallback", JPEL)
    assert reply.startswith("Non") and "porteur saisit lui-même" in reply


def test_where_the_simulation_goes_after_who_makes_it_following_another_tool(fixed_clock):
    osc = {"intent": "ask_tool", "outils": ["osc"], "acteurs": ["cif"], "objets": ["osc"]}
    _, focus = reply_to("bon, et la simulation de rentabilité, qui s'en charge ?", "ask_role", osc)
    reply, _ = reply_to("et il la range où ensuite ?", "nlu_fallback", focus)
    assert "MyGed" in reply and "OSC" not in reply


@pytest.mark.parametrize("text, verdict", [
    ("et pour un client jpel, c'est bien le CIF ?", "Oui"),
    ("Et avec SP+, c'est l'ATC qui le fait ?", "Non"),  # guard: « qui le fait » said the action already
])
def test_the_doer_asked_for_another_offer_keeps_the_question_before(fixed_clock, text, verdict):
    offer = "jpel" if "jpel" in text else "sp_plus"
    role = "cif" if "CIF" in text else "atc"
    reply, _ = reply_to(text, "inform_subject", {"intent": "ask_open_services", "offres": ["payplug"]},
                        offres=[offer], roles=[role])
    assert reply.startswith(verdict) and "contractualisation" in reply


def test_why_a_fact_of_the_offer_named_read_as_that_fact_is_its_reason(fixed_clock):
    reply, _ = reply_to("ok pour revenir a payplug, pk les encaissements arrivent en virements de chez eux",
                        "ask_funds", {"intent": "ask_role", "roles": ["cif"]}, offres=["payplug"])
    assert "full service" in reply


def test_a_trouble_with_the_same_fact_is_not_a_why(fixed_clock):
    # guard: « il ne reçoit pas… » tells a trouble; DIET's family stays
    reply, _ = reply_to("pourquoi il ne reçoit pas ses virements payplug ?", "ask_funds",
                        {"intent": "ask_role", "roles": ["cif"]}, offres=["payplug"])
    assert reply.startswith("Les encaissements")


@pytest.mark.parametrize("text, line, verdict", [
    ("bon, si ça plante, le client appelle ce numéro-là ?", "payplug_support", "Oui"),
    ("et le commercant il contacte eux directement", "assistance_monetique_pro", "Non"),
])
def test_the_merchant_calling_the_line_in_focus_asks_its_public(fixed_clock, text, line, verdict):
    reply, _ = reply_to(text, "ask_phone", {"intent": "ask_phone", "contacts": [line]})
    assert reply.startswith(verdict)


@pytest.mark.parametrize("text, moment", [
    ("et celle-là, c'est pour qui ?", False),
    ("ce numéro-là il est payant ?", False),
    ("ils répondent là ?", True),  # guard: « là » at the end is now
])
def test_a_demonstrative_there_is_not_now(text, moment):
    from cecaz.when import asks_now, names_a_moment

    assert names_a_moment(text) == moment and asks_now(text) == moment


def test_a_correction_to_the_other_line_redoes_the_question_for_it(fixed_clock):
    two_lines = {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_support", "payplug_partenariat"]}
    second = {"intent": "ask_hours", "offres": ["payplug"], "contacts": ["payplug_partenariat"], "avant": two_lines}
    reply, kept = reply_to("non, je voulais dire l'autre", "correct_subject", second)
    assert "9h à 18h" in reply and "9h30" not in reply and kept["contacts"] == ["payplug_support"]
