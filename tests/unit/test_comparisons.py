"""Comparer et choisir entre deux (vague r62, autres mots) : le choix entre deux simulateurs, le « qui » qui décrit le
commerçant, l'outil qui « sert » à quelque chose, l'heure d'un rôle, la place fausse d'une chose ;
docs/conversation.md."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.clarify import ActionClarify
from actions.tracker_reading import lists_shown
from addons.conversation_moves import ConversationMoves
from cecaz.aspects import goes_through_us, is_who_question
from cecaz.catalogue import shared_store
from cecaz.designation import designated_subject
from cecaz.diagnostic import text_facts
from cecaz.families import compose
from cecaz.focus import Focus
from cecaz.moves import asks_about_previous_answer
from cecaz.phrasing import Question
from cecaz.segments import PART_METADATA
from cecaz.verdicts import confirmation_verdict
from tests.unit.conftest import MONDAY_10, build_tracker, reply_to, run_action

CAT = shared_store().get()


@pytest.mark.parametrize(("text", "who"), [
    ("SimulEasy ou SimulUPI pour une boutique de luxe qui prend les Diners ?", False),
    ("quel simu pr un hotel en jpel qui veut l'union pay", False),
    ("qui se sert de SimulUPI ?", True),
    ("c'est qui qui fait la simu pour un traiteur qui prend les diners ?", True),
    ("pour un client JPEL, qui a la main sur le contrat ?", True),  # the comma ends the description
])
def test_the_who_that_describes_the_merchant_asks_nobody(text, who):
    assert is_who_question(text) is who


@pytest.mark.parametrize(("text", "named", "simulator", "other"), [
    ("SimulUPI ou SimulEasy pour une bijouterie en SP+ qui encaisse des Diners ?",
     {"outils": ["simulupi", "simuleasy"], "offres": ["sp_plus"], "cartes": ["dfs_diners"]}, "SimulUPI",
     "Tarification SP+"),
    ("pour un hôtel qui prend les cartes chinoises, on simule avec simuleasy ou avec simulupi",
     {"outils": ["simuleasy", "simulupi"], "cartes": ["upi"]}, "SimulUPI", "CIF (Chargé"),
])
def test_a_choice_between_the_two_simulators_is_the_cards_simulator(fixed_clock, text, named, simulator, other):
    """The simulator of the cards, said first, without a yes or no."""
    reply, kept = reply_to(text, "ask_simulator", **named)
    lead = reply.split("\n", 1)[0]
    assert lead.endswith(f": {simulator}.") and not lead.startswith(("Oui", "Non")) and other not in reply
    assert kept["intent"] == "ask_simulator"


@pytest.mark.parametrize(("text", "about_the_answer"), [
    ("elle sert aussi pr les cartes chinoises", True),
    ("et il sert a quoi dans ce cas", True),
    ("ça sert aussi pour un client jpel", True),
    ("il prend aussi les cheques vacances", False),  # the merchant: a fact of the diagnostic
    ("il sert des plats à emporter et veut les diners", False),  # a restaurant serves: the merchant
    ("elle veut aussi l'amex", False),
])
def test_what_a_tool_serves_is_a_question_on_the_answer(text, about_the_answer):
    assert asks_about_previous_answer(text) is about_the_answer


def test_when_a_role_acts_is_its_missions_not_the_hours_of_a_line(fixed_clock):
    both = {"intent": "ask_role", "roles": ["cif", "atc"], "acteurs": ["cif", "reseau"]}
    reply, kept = reply_to("et le deuxième il intervient à quel moment", "ask_hours", both)
    assert "Lead Monexpert" in reply and "horaires" not in reply and kept["intent"] == "ask_role"


@pytest.mark.parametrize(("text", "verdict"), [
    ("les simulations, on les dépose bien dans OSC ?", "verdict.non"),
    ("la simu elle se dépose dans MyGed ?", "verdict.oui"),
    ("on la dépose dans OSC pour un client SP+ ?", None),  # SP+ situates: no sentence says it with another offer
])
def test_a_place_said_with_another_tool_is_denied(text, verdict):
    question = Question("ask_simulation_filing")
    found = confirmation_verdict(CAT, text, compose(CAT, question, MONDAY_10))
    assert found == (CAT.say(verdict) if verdict else None)


def _answered(text: str, focus: dict, part: bool = False) -> list:
    """The events of a message and of the focus its answer left (`part`: the second part of a message split)."""
    user = {"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_tool"}, "entities": []}}
    if part:
        user["metadata"] = {PART_METADATA: 1}
    return [user, {"event": "slot", "name": "focus", "value": focus}]


_OSC = {"intent": "ask_tool", "outils": ["osc"]}
_MYGED = {"intent": "ask_tool", "outils": ["myged"]}
_BOTH_TOOLS = {"intent": "ask_tool", "outils": ["osc", "myged"]}
_CIF = {"intent": "ask_role", "roles": ["cif"], "objets": ["osc"]}
_PAYPLUG = {"intent": "ask_contracts", "offres": ["payplug"]}


@pytest.mark.parametrize(("events", "lists"), [
    # one answer, two tools; then a detour on a role and an offer
    (_answered("osc et myged ?", _BOTH_TOOLS) + _answered("qui ?", _CIF) + _answered("payplug ?", _PAYPLUG),
     (("outils", ("osc", "myged")),)),
    # the two parts of one message answered one after the other: one list
    (_answered("osc on fait quoi", _OSC) + _answered("et myged ?", _MYGED, part=True), (("outils", ("osc", "myged")),)),
    # two messages: no list
    (_answered("osc on fait quoi", _OSC) + _answered("et myged ?", _MYGED), ()),
])
def test_the_lists_the_answers_gave_are_read_from_the_conversation(events, lists):
    assert lists_shown(build_tracker(events=events)) == lists


@pytest.mark.parametrize(("text", "designated"), [
    ("et le 2e, on y met quoi ?", {"outils": ("myged",)}),
    ("et l'autre outil il sert à quoi", {"outils": ("myged",)}),  # the one not in focus (OSC, behind the CIF)
    ("le premier interlocuteur ?", {}),  # no list of roles was given
])
def test_a_rank_after_a_detour_counts_in_the_last_list_given(text, designated):
    focus = replace(Focus.from_slot(_PAYPLUG | {"objets": ["osc"]}, CAT),
                    listes=(("outils", ("osc", "myged")),))
    assert designated_subject(CAT, text, focus) == designated


@pytest.mark.parametrize(("text", "facts"), [
    ("et Payplug c'est bien une société du groupe BPCE ?", {}),  # « bien » confirms what follows: no fact
    ("il a un site et payplug c'est bien pour lui", {"site": "oui", "payplug": "oui"}),
    ("payplug c'est parfait, il prend que la cb", {"payplug": "oui"}),
])
def test_payplug_judged_good_for_him_is_a_fact_of_the_client_not_a_confirmation(text, facts):
    assert {k: v for k, v in text_facts(text).items() if k != "moyens"} == facts


@pytest.mark.parametrize(("text", "opening"), [
    ("et nous on participe à la négo des tarifs avec eux ?", "Non"),  # whether we take part: the CECAZ does not
    ("la caisse discute les frais avec ces organismes ?", "Non"),
    ("c'est avec eux qu'il négocie ses frais ?", "Oui"),  # with whom the merchant negotiates: the organisation
])
def test_whether_we_negotiate_with_them_is_whether_we_take_part(fixed_clock, text, opening):
    reply, _ = reply_to(text, "ask_pricing", {"intent": "ask_affiliation", "cartes": ["ancv"]})
    assert reply.startswith(opening)


@pytest.mark.parametrize(("text", "moved"), [
    ("pour proposer JPEL à ma cliente, je le fais moi ou c'est le CIF ?", "nlu_fallback"),  # who does it
    ("lance un diag avec moi pour le cif stp", "start_diagnostic"),
])
def test_me_or_a_role_is_who_does_it_not_a_diagnostic(text, moved):
    message = Message(data={"text": text, "intent": {"name": "start_diagnostic", "confidence": 0.55},
                            "entities": [{"entity": "role", "value": "cif"}]})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == moved


def test_who_signs_for_two_offers_answers_for_each(fixed_clock):
    reply, _ = reply_to("payplug ou sp+, le contrat avec le commerçant qui le fait signer ?", "ask_open_services",
                        offres=["payplug", "sp_plus"])
    assert "Payplug procède à la contractualisation" in reply and "Le CIF procède à la contractualisation" in reply


@pytest.mark.parametrize(("text", "through_us"), [
    ("elle fait la démarche elle-même ou c'est nous ?", True),
    ("c'est à nous de les appeler ?", True),
    ("il les contacte en direct ou par son agence ?", True),
    ("il les contacte lui-même ?", False),
    ("c'est nous ou le client qui signe ?", False),  # who signs: the doer question, not the step through us
])
def test_him_or_us_is_whether_the_step_goes_through_the_bank(text, through_us):
    assert goes_through_us(text) is through_us


def test_him_or_us_after_a_card_is_its_affiliation_in_direct(fixed_clock):
    reply, kept = reply_to("le commerçant doit faire la demande lui-même ou c'est à nous ?", "nlu_fallback",
                           {"intent": "ask_affiliation", "cartes": ["amex"]})
    assert "en direct" in reply and kept["intent"] == "ask_affiliation"


# two lines compared by their numbers: the SP+/JPEL assistance and the internal monétique PRO
_TWO_LINES = {"intent": "ask_phone", "contacts": ["assistance_spplus_jpel", "assistance_monetique_pro"]}


def test_which_of_the_two_to_give_a_client_of_an_offer_then_the_other(fixed_clock):
    reply, kept = reply_to("lequel je file à une cliente jpel ?", "nlu_fallback", _TWO_LINES, offres=["jpel"])
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply and "JePaieEnLigne (JPEL) :" not in reply
    assert kept["contacts"] == ["assistance_spplus_jpel"]
    reply, _ = reply_to("et l'autre, je peux le lui donner aussi ?", "ask_audience", kept)
    assert reply.startswith("Non") and "Assistance monétique PRO" in reply.split("\n", 1)[0]


@pytest.mark.parametrize(("text", "moved"), [
    ("non je pensais à l'autre", "correct_subject"),
    ("nan la deuxième", "correct_subject"),
    ("non", "deny"),
    ("non merci", "deny"),
    ("non c'est la première fois qu'il nous appelle", "deny"),  # not a place in a list
])
def test_no_then_a_place_in_the_list_is_a_correction(text, moved):
    message = Message(data={"text": text, "intent": {"name": "deny", "confidence": 0.5}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == moved


def test_a_rank_said_with_the_subjects_name_counts_in_no_earlier_list():
    focus = replace(Focus.from_slot({"intent": "ask_phone", "contacts": ["service_clients_spplus"]}, CAT),
                    listes=(("contacts", ("payplug_partenariat", "assistance_monetique_pro")),))
    assert designated_subject(CAT, "et la première ligne, la monétique pro, elle est ouverte samedi ?", focus) == {}
    assert designated_subject(CAT, "et la première ligne, elle est ouverte samedi ?", focus) == {
        "contacts": ("payplug_partenariat",)}


def test_the_first_and_the_second_count_in_the_order_the_speaker_typed_the_numbers(fixed_clock):
    # the answer gives the client line first; the speaker typed the internal one first
    from cecaz.designation import in_the_order_named
    focus = Focus.from_slot({"intent": "ask_support", "contacts": ["service_clients_spplus",
                                                                    "assistance_monetique_pro"]}, CAT)
    typed = in_the_order_named(CAT, "pour une cliente SP+, le 09 69 36 06 26 ou bien le 08 10 00 47 24 ?", focus)
    assert typed.contacts == ("assistance_monetique_pro", "service_clients_spplus")
    assert in_the_order_named(CAT, "et le mail ?", focus) is focus


def test_a_tool_designated_in_a_question_read_as_the_choice_of_an_offer_is_that_tool(fixed_clock):
    both = {"intent": "ask_delegation", "outils": ["myged", "schema_delegataire"]}
    reply, kept = reply_to("et dans le premier on met quoi au juste ?", "ask_choose_offer", both)
    assert "MyGed : outil dans lequel la simulation" in reply and "Payplug" not in reply and kept["outils"] == ["myged"]


def test_a_line_named_by_its_own_service_is_given_beside_the_offers_line(fixed_clock):
    reply, _ = reply_to("mon client est chez payplug : le mail de leur support et celui de la monétique pro pour moi ?",
                        "ask_email", offres=["payplug"], services=["support", "assistance_monetique"])
    assert "support@payplug.com" in reply and "assistance-monetiquepro@natixis.com" in reply


def test_whether_the_line_designated_by_its_rank_is_for_the_client(fixed_clock):
    two = {"intent": "ask_email", "offres": ["payplug"], "contacts": ["payplug_support", "assistance_monetique_pro"]}
    reply, _ = reply_to("et la première c'est bien pour lui ?", "ask_audience", two)
    assert reply.startswith("Oui") and "support@payplug.com" in reply
    reply, _ = reply_to("et la deuxième, c'est pour lui aussi ?", "ask_audience", two)
    assert reply.startswith("Non") and "assistance-monetiquepro@natixis.com" not in reply


def test_him_or_us_after_a_card_with_a_lines_public_ranked_first_is_the_affiliation(fixed_clock):
    text = "elle doit les appeler elle-même ou c'est nous ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, slots={"focus": {"intent": "ask_affiliation",
                                                                                     "cartes": ["amex", "ancv"]}},
                            ranking=[{"name": "nlu_fallback", "confidence": 0.45},
                                     {"name": "ask_audience", "confidence": 0.3},
                                     {"name": "ask_affiliation", "confidence": 0.1}],
                            events=[{"event": "user", "text": text,
                                     "parse_data": {"intent": {"name": "nlu_fallback"}}}])
    messages, _ = run_action(ActionClarify(), tracker)
    reply = "\n".join(m.get("text") or "" for m in messages)
    assert "en direct" in reply and "De quelle ligne" not in reply


def test_the_lines_of_both_publics_asked_together_are_given_each_in_its_part(fixed_clock):
    reply, _ = reply_to("file-moi les numéros pour un commerçant SP+ et celui pour nous en interne",
                        "ask_audience", offres=["sp_plus"])
    client, _, internal = reply.partition("Usage interne CECAZ")
    assert "09 69 37 80 30" in client and "09 69 36 06 26" in internal and not reply.startswith(("Oui", "Non"))


def test_a_card_in_the_choice_of_an_offer_stays_the_choice(fixed_clock):
    # guard: the standard cards describe the client; the offer to propose is asked
    reply, _ = reply_to("une fleuriste avec un site marchand veut encaisser par CB, je lui propose quoi ?",
                        "ask_choose_offer", cartes=["standard"])
    assert reply.startswith("Par défaut, proposez Payplug")


def test_where_the_two_simulators_are_is_no_choice_between_them():
    from cecaz.focus import simulator_for_card
    named = {"outils": ("simuleasy", "simulupi"), "cartes": ("dfs_diners",)}
    assert simulator_for_card(CAT, "simuleasy et simulupi, on les trouve où pour les diners ?", named) is None


@pytest.mark.parametrize(("text", "intent", "entities", "moved"), [
    # whether the offer spoken of is proposed first: a question, not a client to diagnose
    ("et celle-là, on la met en avant d'emblée ?", "start_diagnostic", [], "ask_choose_offer"),
    ("on le propose par défaut, du coup ?", "inform_needs_modular", [], "ask_choose_offer"),
    # a client described stays a diagnostic; « d'entrée » without an offer put forward is no default asked
    ("il a un site, on lui propose quoi par défaut ?", "inform_has_site", [], "inform_has_site"),
    ("il y a des frais d'entrée ?", "start_diagnostic", [], "nlu_fallback"),
    ("j'ai un lead, un caviste qui veut vendre en ligne", "start_diagnostic",
     [{"entity": "tool", "value": "monexpert"}], "start_diagnostic"),
    # a tool named with nothing said of the client: a question on the tool
    ("et les réglages dans OSC, c'est encore lui ?", "inform_payment_methods", [{"entity": "tool", "value": "osc"}],
     "ask_tool"),
    # a line designated by what it handles, with a tool's name, is still a line
    ("et celui pour le lead monexpert, je peux le donner au fleuriste ?", "inform_payment_methods",
     [{"entity": "tool", "value": "monexpert"}], "ask_support"),
    ("il prend l'amex, simuleasy ou simulupi ?", "inform_payment_methods",
     [{"entity": "tool", "value": "simuleasy"}, {"entity": "card", "value": "amex"}], "inform_payment_methods"),
])
def test_a_question_on_what_was_said_is_no_diagnostic(text, intent, entities, moved):
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.55}, "entities": entities})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == moved


@pytest.mark.parametrize(("text", "moved"), [
    ("pour proposer JPEL à une fleuriste que je vois demain, je peux m'en occuper moi ?", "ask_role"),
    ("on peut le monter nous-mêmes en agence, le dossier Payplug ?", "ask_role"),
    # a client described is still diagnosed
    ("il n'a pas de site, je peux lui proposer quoi moi ?", "inform_no_site"),
    ("je peux avoir le numéro pour moi ?", "start_diagnostic"),
])
def test_the_speaker_asking_if_he_does_it_is_no_diagnostic(text, moved):
    intent = "inform_no_site" if "pas de site" in text else "start_diagnostic"
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.55}, "entities": []})
    assert ConversationMoves().process([message])[0].get("intent")["name"] == moved
