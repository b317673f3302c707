"""Hésitation et passage de relais : boutons lisibles, bon interlocuteur, horaires à l'heure fixée."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker

from actions.clarify import ActionClarify, ActionOutOfScope
from cecaz.catalogue import load_catalogue
from cecaz.clarify import INTENT_LABELS, NOT_SURE, clarification_text, handoff, suggestions, topic_of
from cecaz.hours import PARIS
from tests.support.facts import EMAIL, PHONE
from tests.unit.conftest import build_tracker, reply_to, run_action, slot

CAT = load_catalogue()
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
SUNDAY_10 = datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)
RANKING = [{"name": "ask_phone", "confidence": 0.41}, {"name": "ask_hours", "confidence": 0.38},
           {"name": "greet", "confidence": 0.1}, {"name": "ask_email", "confidence": 0.07}]


def test_suggestions_are_questions_for_people_plus_other():
    buttons = suggestions(RANKING, '{"offer":"payplug"}')
    assert buttons == [("Un numéro de téléphone de support", '/ask_phone{"offer":"payplug"}'),
                       ("Les horaires d’un support", '/ask_hours{"offer":"payplug"}'),
                       ("Autre chose", "/nlu_fallback")]
    assert all("_" not in title for title in INTENT_LABELS.values())


@pytest.mark.parametrize(("text", "topic"), [
    ("quelle commission sur les contrats ?", "commercial"),
    ("j'ai une erreur dans OSC", "technique"),
    ("mon client a un probleme de paiement refusé", "client"),
    ("le commerçant a un souci sur son site", "client"),
    ("bla bla", "commercial"),
])
def test_topic(text, topic):
    assert topic_of(text) == topic


def test_handoff_commercial_goes_to_cif():
    text = handoff(CAT, "combien de commission je peux negocier", [], MONDAY_10).text
    assert "adressez-vous au CIF (Chargé d’Ingénierie Flux)" in text
    assert PHONE.findall(text) == [] and EMAIL.findall(text) == []  # the document gives no CIF contact


def test_handoff_technical_gives_internal_line_with_open_status():
    text = handoff(CAT, "bug dans OSC", [], SUNDAY_10).text
    assert "09 69 36 06 26" in text and "à ne pas transmettre" in text
    assert "fermé en ce moment, réouverture demain à 9h" in text


def test_handoff_merchant_problem_gives_client_lines_for_the_offer():
    text = handoff(CAT, "mon client a un souci de transaction", ["payplug"], MONDAY_10).text
    assert "+33 1 76 34 01 55" in text and "ouvert en ce moment" in text
    assert "07 57 95 38 07" not in text  # internal partnership line is not for merchants


def _tracker(events: List[Dict[str, Any]], ranking: List[Dict[str, Any]]) -> Tracker:
    return build_tracker("mmh machin payplug", "nlu_fallback", confidence=0.4, ranking=ranking, events=events)


def test_first_miss_asks_did_you_mean_and_reverts():
    messages, events = run_action(ActionClarify(), _tracker([{"event": "user", "text": "mmh machin payplug"}], RANKING))
    assert messages[0]["text"] == "Je ne suis pas sûr d’avoir compris. Vouliez-vous dire :"
    assert messages[0]["buttons"][0]["payload"] == '/ask_phone{"offer":"payplug"}'
    assert events == [{"event": "rewind", "timestamp": None}]


def _after_clarify(reply: str) -> List[Dict[str, Any]]:
    """L'historique après un premier passage dans action_clarify qui a répondu `reply`."""
    return [{"event": "user", "text": "mon client a un bug de transaction"},
            {"event": "action", "name": "action_clarify"}, {"event": "bot", "text": reply}, {"event": "rewind"},
            {"event": "action", "name": "action_listen"}, {"event": "user", "text": "/nlu_fallback"}]


@pytest.mark.usefixtures("fixed_clock")
def test_second_miss_hands_off():
    messages, events = run_action(ActionClarify(), _tracker(_after_clarify(NOT_SURE), []))
    assert "lignes à lui communiquer" in messages[0]["text"]
    # reached as the follow-up of action_answer too, where no rule says what comes next: the turn ends here
    assert events == [{"event": "followup", "timestamp": None, "name": "action_listen"}]


@pytest.mark.usefixtures("fixed_clock")
def test_a_follow_up_answered_by_the_clarification_action_is_not_a_miss():
    answered = _after_clarify("Téléphone pour JePaieEnLigne (JPEL) : …")
    messages, _ = run_action(ActionClarify(), _tracker(answered, RANKING))
    assert messages[0]["text"] == NOT_SURE


@pytest.mark.usefixtures("fixed_clock")
def test_unsure_elliptical_follow_up_with_a_subject_is_answered_from_the_focus():
    tracker = build_tracker("et pour des cb classiques ?", "nlu_fallback", confidence=0.3, ranking=RANKING,
                            slots={"focus": {"intent": "ask_simulator", "cartes": ["upi"]}},
                            events=[{"event": "user", "text": "et pour des cb classiques ?"}])
    messages, events = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Pour cartes « standards » : SimulEasy.")
    # the simulator given for those cards is the tool in focus (« qui s'en sert ? » next)
    assert events[0] == slot("focus", {"intent": "ask_simulator", "cartes": ["standard"], "acteurs": ["cif", "reseau"],
                                      "regles": ["schema_delegataire"], "objets": ["simuleasy"],
                                      "avant": {"intent": "ask_simulator", "cartes": ["upi"]}})


def test_a_hesitant_question_whether_the_offer_in_focus_is_advised_is_answered_no_for_the_vad():
    ranking = [{"name": "ask_why", "confidence": 0.27}, {"name": "greet", "confidence": 0.07}]
    tracker = build_tracker("on le conseille ?", "nlu_fallback", confidence=0.45, ranking=ranking,
                            slots={"focus": {"intent": "ask_offer_definition", "offres": ["vad"]}},
                            events=[{"event": "user", "text": "on le conseille ?"}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Non.") and "JePaieEnLigne" in messages[0]["text"], messages[0]["text"]


@pytest.mark.usefixtures("fixed_clock")
def test_hesitant_follow_up_is_read_against_the_focus_unless_the_words_are_unknown():
    focus = {"intent": "ask_phone", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}
    ranking = [{"name": "ask_is_open", "confidence": 0.4}, {"name": "ask_hours", "confidence": 0.35}]
    tracker = build_tracker("ils le font aussi le samedi ?", "nlu_fallback", confidence=0.45, ranking=ranking,
                            slots={"focus": focus}, events=[{"event": "user", "text": "ils le font aussi le samedi ?"}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Oui (le samedi)")
    gibberish = build_tracker("et ils qsdqsd ?", "nlu_fallback", confidence=1.0, ranking=ranking,
                              slots={"focus": focus}, events=[{"event": "user", "text": "et ils qsdqsd ?"}])
    messages, events = run_action(ActionClarify(), gibberish)
    assert messages[0]["text"] == clarification_text(True)  # « Vouliez-vous dire… », not an answer
    assert events == [{"event": "rewind", "timestamp": None}]


def test_a_hesitant_what_if_after_a_recommendation_recomputes_it():
    focus = {"intent": "recommendation", "offres": ["iz_ecommerce"],
             "recommendation": {"facts": {"site": "non", "creer_site": "oui", "moyens": []}, "conclusion": "iz"}}
    tracker = build_tracker("et s'il change d'avis et ne veut plus de site ?", "nlu_fallback", confidence=0.4,
                            ranking=RANKING, slots={"focus": focus})
    _, events = run_action(ActionClarify(), tracker)
    assert events == [{"event": "followup", "timestamp": None, "name": "diagnostic_form"}]


def test_yes_to_another_diagnostic_starts_one_even_when_unsure():
    history = [{"event": "user", "text": "non"}, {"event": "action", "name": "action_recommend"},
               {"event": "action", "name": "action_listen"}, {"event": "user", "text": "oui, un autre"}]
    tracker = build_tracker("oui, un autre", "nlu_fallback", confidence=0.4, ranking=RANKING, events=history)
    _, events = run_action(ActionClarify(), tracker)
    assert events == [{"event": "followup", "timestamp": None, "name": "diagnostic_form"}]


@pytest.mark.parametrize("text", ["les contrats d'acceptation c'est qui qui les tarife ?",
                                  "c'est qui qui vend les solutions e-commerce ?"])
def test_an_unsure_who_question_on_a_mission_gets_the_role(text: str) -> None:
    """DIET hésite (contrats ou tarifs ?), aucun sujet nommé : les mots disent une mission d'un rôle (document,
    « Comment ouvrir les services ? »), le rôle répond, pas un passage du document ni « Vouliez-vous dire… »."""
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_contracts", "confidence": 0.5}]
    messages, _ = run_action(ActionClarify(), build_tracker(text, "nlu_fallback", ranking=ranking, confidence=0.5))
    assert len(messages) == 1 and messages[0]["text"].startswith("• CIF (Chargé d’Ingénierie Flux)")


@pytest.mark.parametrize(("text", "entities", "focus", "starts"), [
    # a named offer, asked who sells it: the role whose mission it is
    ("c qui qui s'occupe de vendre sp+ a un client ?", [{"entity": "offer", "value": "sp_plus"}], None,
     "• CIF (Chargé d’Ingénierie Flux)"),
    # « par qui ? » after SP+'s contracts: the person that answer named first
    ("par qui ?", [], {"intent": "ask_contracts", "offres": ["sp_plus"], "acteurs": ["cif"]},
     "• CIF (Chargé d’Ingénierie Flux)"),
    # a longer « qui ? » with no aspect of its own, after the default offer: the person that answer named first
    ("et au final c qui qui tranche ?", [], {"intent": "ask_choose_offer", "acteurs": ["cif"]},
     "• CIF (Chargé d’Ingénierie Flux)"),
    # the role is who acts, the question (a rule when pricing) is on the offer: its pricing, which states the rule
    ("quand le cif fait la tarif d'un jpel y a une regle a respecter ?",
     [{"entity": "offer", "value": "jpel"}, {"entity": "role", "value": "cif"}], None, "Tarification JePaieEnLigne"),
])
def test_an_unsure_question_naming_who_acts_or_asking_by_whom_is_answered(text, entities, focus, starts) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_contracts", "confidence": 0.3}]
    tracker = build_tracker(text, "nlu_fallback", entities=entities, ranking=ranking, confidence=0.45,
                            slots={"focus": focus} if focus else None)
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith(starts)


def test_a_quoted_line_alone_after_lines_is_asked_who_it_is_for():
    # « et assistance-monetiquepro@natixis.com ? » after « … je peux le donner au commerçant ? » : no, the client lines.
    focus = {"intent": "ask_support", "contacts": ["service_clients_spplus", "assistance_spplus_interne"]}
    tracker = build_tracker("et assistance-monetiquepro@natixis.com ?", "nlu_fallback", confidence=0.45,
                            ranking=[{"name": "nlu_fallback", "confidence": 0.45},
                                     {"name": "ask_email", "confidence": 0.42}], slots={"focus": focus})
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Non") and "09 69 37 80 30" in messages[0]["text"]


@pytest.mark.usefixtures("fixed_clock")
@pytest.mark.parametrize(("text", "focus", "first_line"), [
    ("c’est BPCE qui gère ?", {"intent": "ask_phone", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"]},
     "Oui."),
    ("ils s'occupent aussi de la page de paiement ?", {"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]},
     "Non."),
])
def test_an_unsure_question_on_who_does_it_is_answered_yes_or_no_on_the_previous_subject(text, focus, first_line):
    ranking = [{"name": "ask_open_services", "confidence": 0.3}, {"name": "greet", "confidence": 0.1}]
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=ranking, slots={"focus": focus},
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].splitlines()[0] == first_line


def test_an_unsure_why_naming_the_subject_in_focus_gives_the_reason():
    ranking = [{"name": "ask_why", "confidence": 0.39}, {"name": "ask_offer_definition", "confidence": 0.07}]
    text = "pk c'est payplug qui vire et pas nous ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=ranking,
                            entities=[{"entity": "offer", "value": "payplug"}],
                            slots={"focus": {"intent": "ask_funds", "offres": ["payplug"]}},
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "acquisition" in messages[0]["text"] and "virements quotidiens" in messages[0]["text"], messages[0]["text"]


def test_an_unsure_line_asked_by_us_in_agency_is_not_about_the_network():
    ranking = [{"name": "ask_support", "confidence": 0.27}, {"name": "out_of_scope", "confidence": 0.19}]
    text = "et nous en agence pour une question sur la distribution du produit ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=ranking,
                            slots={"focus": {"intent": "ask_support", "offres": ["payplug"],
                                             "contacts": ["payplug_support"], "audience": "client"}},
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "07 57 95 38 07" in messages[0]["text"] and "réseau :" not in messages[0]["text"], messages[0]["text"]


def test_an_unsure_closed_question_on_an_offer_needing_a_site_is_answered_yes_or_no():
    text = "JPEL ça suppose que le commerçant ait un site ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=RANKING,
                            entities=[{"entity": "offer", "value": "jpel"}], events=[{"event": "user", "text": text}])
    messages, events = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Non"), messages[0]["text"]
    assert events[0]["value"]["point"] == "site"  # « et pour sp+ ? » next: the same closed question


def test_what_to_offer_instead_of_the_vad_is_not_a_diagnostic():
    text = "et s'il n'a pas de site, on lui propose quoi à la place ?"
    ranking = [{"name": "inform_no_site", "confidence": 0.4}]
    tracker = build_tracker(text, "nlu_fallback", confidence=0.5, ranking=ranking,
                            slots={"focus": {"intent": "ask_vad", "offres": ["vad"]}},
                            events=[{"event": "user", "text": text}])
    messages, events = run_action(ActionClarify(), tracker)
    assert messages and "JePaieEnLigne" in messages[0]["text"], messages
    assert {"event": "followup", "timestamp": None, "name": "diagnostic_form"} not in events


def test_an_unsure_can_i_sell_it_myself_is_no_and_the_role_that_sells():
    text = "je suis conseiller en agence, je peux vendre SP+ moi-même à mon pro ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=RANKING,
                            entities=[{"entity": "offer", "value": "sp_plus"}],
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Non.") and "CIF" in messages[0]["text"], messages[0]["text"]


def test_a_message_read_off_topic_that_names_an_offer_is_read_as_an_unsure_question():
    # « je peux vendre SP+ ? » read out_of_scope: SP+ is the catalogue's, so who sells it (the CIF), not « hors sujet »
    tracker = build_tracker("je suis en agence, je peux vendre sp+ direct a mon pro ?", "out_of_scope",
                            entities=[{"entity": "offer", "value": "sp_plus"}], confidence=0.47)
    messages, _ = run_action(ActionOutOfScope(), tracker)
    said = " ".join(m.get("text") or "" for m in messages)
    assert said.startswith("Non") and "CIF" in said  # the adviser does not sell it: the CIF does


def test_a_foreign_subject_read_off_topic_stays_off_topic():
    tracker = build_tracker("quel temps fait-il à Nice ?", "out_of_scope", confidence=0.9)
    messages, _ = run_action(ActionOutOfScope(), tracker)
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


def test_an_unsure_question_on_what_an_offer_brings_presents_the_offer():
    tracker = build_tracker("c koi l’interet de jpel pour un commercant qui vend par tel ?", "nlu_fallback",
                            entities=[{"entity": "offer", "value": "jpel"}], confidence=0.45,
                            ranking=[{"name": "nlu_fallback", "confidence": 0.45},
                                     {"name": "ask_vad", "confidence": 0.3}])
    messages, _ = run_action(ActionClarify(), tracker)
    said = " ".join(m.get("text") or "" for m in messages)
    assert "sans site" in said and "sécurité" in said and "Vouliez-vous dire" not in said


@pytest.mark.usefixtures("fixed_clock")
def test_an_unsure_description_of_the_merchant_keying_in_cards_is_the_vad_contract() -> None:
    text = "mon pro veut prendre les cb par tel et taper les num lui meme, c ok ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.4, ranking=RANKING,
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    said = messages[0]["text"]
    assert "impayé" in said and "JePaieEnLigne" in said


@pytest.mark.usefixtures("fixed_clock")
@pytest.mark.parametrize(("text", "fact"), [
    ("la solution cle en main de la filiale bpce pour les sites, c laquelle ?", "Payplug"),
    ("la boite qui fait les sites pour nos pros, la page de paiement elle est faite par qui ?", "Payplug"),
])
def test_an_offer_described_by_its_own_notion_is_named_when_diet_hesitates(text: str, fact: str) -> None:
    tracker = build_tracker(text, "nlu_fallback", confidence=0.4, ranking=RANKING,
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert fact in messages[0]["text"] and "Vouliez-vous dire" not in messages[0]["text"]


def test_what_to_give_instead_for_a_named_offer_after_a_line_is_that_offer_s_client_lines():
    typed = "ok et il est en JPEL, je lui donne quoi à la place ?"
    read = "   et il est en JPEL, je lui donne quoi a la place ?"  # as the NLU leaves it
    tracker = build_tracker(read, "nlu_fallback", confidence=0.45, ranking=RANKING,
                            entities=[{"entity": "offer", "value": "JPEL", "start": 16, "end": 20}],
                            slots={"focus": {"intent": "ask_audience", "services": ["assistance_monetique"],
                                             "contacts": ["assistance_monetique_pro"]}},
                            events=[{"event": "user", "text": typed}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "09 69 37 80 30" in messages[0]["text"] and "09 69 36 06 26" not in messages[0]["text"], messages[0]["text"]


def test_the_payment_that_fails_on_an_iz_site_after_a_line_question_is_payplug_s_support():
    focus = {"intent": "ask_support", "offres": ["iz_ecommerce"], "services": ["assistance_monetique"],
             "contacts": ["assistance_monetique_pro"], "audience": "client"}
    text = "et si c'est le paiement qui plante sur son site ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=RANKING, slots={"focus": focus},
                            events=[{"event": "user", "text": text}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "+33 1 76 34 01 55" in messages[0]["text"], messages[0]["text"]


def test_an_unsure_question_naming_only_a_tool_gets_what_the_document_says_of_it():
    text = "le client aimerait être recontacté par un expert, je saisis un lead monexpert ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=RANKING,
                            entities=[{"entity": "tool", "value": "lead monexpert", "start": 62, "end": 76}],
                            events=[{"event": "user", "text": text}])
    messages, events = run_action(ActionClarify(), tracker)
    assert "si le réseau le souhaite" in messages[0]["text"], messages[0]["text"]
    assert events[0]["name"] == "focus" and events[0]["value"]["outils"] == ["monexpert"]


def test_unsure_requests_for_a_line_go_to_the_line_that_handles_them():
    tracker = build_tracker("et nous si on a un lead payplug a faire traiter ?", "nlu_fallback", confidence=0.45,
                            ranking=RANKING, slots={"focus": {"intent": "ask_support", "offres": ["payplug"],
                                                              "contacts": ["payplug_support"], "audience": "client"}},
                            events=[{"event": "user", "text": "et nous si on a un lead payplug a faire traiter ?"}])
    messages, _ = run_action(ActionClarify(), tracker)
    assert "07 57 95 38 07" in messages[0]["text"], messages[0]["text"]


def test_who_handles_the_flows_after_a_line_is_the_contracts_answer():
    # « et c'est pas eux qui font aussi l'acquisition ? » after Payplug's phone, DIET unsure and leaning to the phone:
    # yes, and Payplug's contracts (« full service »), not the phone again.
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_phone", "confidence": 0.3}]
    tracker = build_tracker("et c’est pas eux qui font aussi l'acquisition ?", "nlu_fallback", confidence=0.45,
                            ranking=ranking, slots={"focus": {"intent": "ask_phone", "offres": ["payplug"],
                                                              "contacts": ["payplug_support"]}})
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages[0]["text"].startswith("Oui") and "full service" in messages[0]["text"]
    assert "+33 1 76 34 01 55" not in messages[0]["text"]


@pytest.mark.parametrize("text", [
    "salut, c'est quoi la gamme de la caisse pour se faire payer en cb sans voir le client ?",
    "on a une offre globale pour les commerçants qui veulent encaisser des cb à distance ?",
])
def test_an_unsure_question_that_only_says_cb_is_about_card_payments_not_the_standard_cards(text: str) -> None:
    # « cb » says « card payments » here: the overview of the offers, not the affiliation of the standard cards.
    tracker = build_tracker(text, "nlu_fallback", entities=[{"entity": "card", "value": "standard"}], confidence=0.4,
                            ranking=RANKING)
    messages, _ = run_action(ActionClarify(), tracker)
    assert messages and "plusieurs solutions pour encaisser des cartes à distance" in messages[0]["text"]


def test_a_role_named_with_what_he_does_is_answered_when_the_nlu_did_not_place_it(fixed_clock):
    reply, focus = reply_to("et le CIF, lui, il s'occupe de quoi au juste ?", "nlu_fallback", roles=["cif"])
    assert "contractualisation" in reply and focus.get("roles") == ["cif"]
    # right after a miss too: it can be answered, no human needed
    text = "et le CIF, il fait quoi lui ?"
    tracker = build_tracker(text, "nlu_fallback", confidence=0.4, entities=[{"entity": "role", "value": "cif"}],
                            events=_after_clarify(NOT_SURE))
    messages, _ = run_action(ActionClarify(), tracker)
    assert "contractualisation" in messages[0]["text"]


def test_a_subject_then_its_own_question_is_not_the_previous_question_again(fixed_clock):
    # « et le support, ils gèrent quoi comme dossiers ? » after whether the partnership team is for the client: what
    # the support is for, not whether it is for the client
    _, focus = reply_to("l'équipe partenariat payplug, je peux la donner à mon client ?", "ask_audience",
                        offres=["payplug"], services=["partenariat"])
    reply, _ = reply_to("et le support, ils gèrent quoi comme dossiers ?", "nlu_fallback", focus,
                        services=["support"])
    assert "pour toutes les demandes clients" in reply and not reply.startswith("Oui"), reply
