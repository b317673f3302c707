"""Diagnostic guidé : actions minces autour de `cecaz.diagnostic` et du formulaire `diagnostic_form`.

Les faits sont dans les slots `diag_*` (donc dans le tracker store : un redémarrage du serveur ne
les perd pas). Un même message peut en donner plusieurs (« il a un site mais Payplug ne lui
convient pas ») : la validation les lit d'un coup par le cœur, sans méthode par slot."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.answer import answer_message, utter
from actions.clarify import ACTION_LISTEN, ActionClarify
from actions.tracker_reading import (
    FOCUS_SLOT,
    FORM,
    SLOTS,
    clicked_title,
    mentioned,
    message_text,
    previous_bot_action,
    read_facts,
    read_focus,
    read_question,
)
from cecaz import layout, reasons, reference
from cecaz.catalogue import Catalogue
from cecaz.diagnostic import (
    ANSWER_INTENTS,
    QUESTIONS,
    Facts,
    corrected_cards,
    is_answer,
    is_hypothetical,
    next_question,
    observe,
    offer_before_the_cards,
    other_cards_buttons,
    payplug_question,
    recap_text,
    recommend,
    recommendation_text,
    repeats_known_facts,
    take_answer,
    what_if,
)
from cecaz.focus import SUBJECT_ONLY, after_early_offer, after_recommendation, asked_outside_the_diagnostic
from cecaz.intents import NLU_FALLBACK
from cecaz.moves import mentions_diagnostic, says_nothing_of_the_client
from cecaz.textnorm import has_question_word

RECOMMEND = "action_recommend"
ANOTHER = "utter_diagnostic_another"  # « another diagnostic? », said at the end of the recommendation
REQUESTED_SLOT = "requested_slot"
QUESTION_OF_SLOT = {slot: q for q, slot in SLOTS.items()}
# Après une recommandation, ces intentions commencent le diagnostic d'un autre client, pas un « et si… ».
NEW_DIAGNOSTIC = frozenset({"start_diagnostic", "affirm", "deny", "dont_know", "restart"})


def clear_facts() -> List[Dict[str, Any]]:
    return [SlotSet(slot, None) for slot in SLOTS.values()]


def answer_intent(message: Dict[str, Any]) -> str:
    """L'intention du message ; si le NLU a hésité, sa meilleure hypothèse quand c'est une réponse au
    diagnostic (« non » classé nlu_fallback reste un « non »)."""
    intent = (message.get("intent") or {}).get("name") or ""
    if intent == NLU_FALLBACK:
        guesses = [i.get("name") for i in message.get("intent_ranking") or [] if i.get("name") != intent]
        if guesses and guesses[0] in ANSWER_INTENTS:
            return str(guesses[0])
    return intent


def _already_handled(tracker: Tracker) -> bool:
    """Le dernier message a déjà eu sa réponse (question factuelle, « recommencer »…) : le formulaire
    reprend sans le relire. Une action qui n'a rien dit et passe la main au formulaire (« il a un site, on part
    sur quoi ? » : `actions.answer.goes_to_the_diagnostic`) ne lui a pas répondu."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


def last_recommendation(cat: Catalogue, tracker: Tracker) -> Optional[Facts]:
    """Les faits de la dernière recommandation de la conversation (focus), ou None."""
    rec = read_focus(cat, tracker).recommendation
    return reasons.read_facts(rec) if rec else None


class ValidateDiagnosticForm(Action):
    """Lit les réponses, corrige les faits, et choisit la question suivante (ou la fin).

    Ne rien renvoyer d'autre que `requested_slot` après un message de l'utilisateur fait rejeter le
    formulaire : c'est ainsi qu'une question factuelle est confiée aux règles, puis le formulaire
    reprend là où il en était."""

    def name(self) -> str:
        return f"validate_{FORM}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        facts = read_facts(tracker)
        asked = QUESTION_OF_SLOT.get(tracker.get_slot(REQUESTED_SLOT))
        message = tracker.latest_message or {}
        intent = answer_intent(message)
        text = message_text(tracker)
        cards = mentioned(cat, message, "card")
        events: List[Dict[str, Any]] = []
        previous = last_recommendation(cat, tracker) if asked is None and intent not in NEW_DIAGNOSTIC else None
        hypothetical = is_hypothetical(text) or is_hypothetical(clicked_title(tracker)) \
            or corrected_cards(cat, text) is not None  # « pardon pas l'amex, les diners »
        if previous is not None and (hypothetical or previous_bot_action(tracker) == RECOMMEND) \
                and observe(cat, text, intent, None, cards):
            # « et s'il veut aussi AMEX ? », or its button (« Et s'il a un site ? » under « pourquoi pas
            # Payplug ? ») : the last recommendation's facts, one of them changed.
            step = what_if(cat, previous, text, intent, cards)
            for line in step.messages:
                dispatcher.utter_message(text=line)
            facts = step.facts
            events = [SlotSet(SLOTS[q], value) for q, value in facts.to_values().items()]
            following = next_question(facts)
            return [*events, SlotSet(REQUESTED_SLOT, SLOTS[following] if following else None)]
        if asked is None and previous is None and (family := asked_outside_the_diagnostic(
                cat, text, cards, read_focus(cat, tracker), intent)):
            # « c'est le CIF qui lui ouvre l'AMEX ? », « et les amex aussi » after SimulUPI's cards: read as a card the
            # client wants, it asks about the card; answered, and the diagnostic does not start
            focus = [e for e in await ActionClarify().clarify(dispatcher, tracker) if e.get("event") == "slot"] \
                if family == NLU_FALLBACK else answer_message(dispatcher, tracker, read_question(cat, tracker, family))
            return [*focus, SlotSet(REQUESTED_SLOT, None), ActiveLoop(None), FollowupAction(ACTION_LISTEN)]
        answered = not _already_handled(tracker) and is_answer(cat, text, intent, asked)
        if asked is None:  # le formulaire démarre
            dispatcher.utter_message(response="utter_diagnostic_intro")
        elif answered and (says_nothing_of_the_client(text, cards) or has_question_word(text)
                           and repeats_known_facts(observe(cat, text, intent, asked, cards),
                                                   facts)):
            # « le prix du site c'est nous qui le fixons ? » : a question read as an answer by DIET (a factual question
            # DIET reads as such goes to the rules, data/rules.yml, and the form resumes after it); answered
            # here (about the offer the diagnostic has just proposed), then the form asks its question again; so is a
            # question whose facts the diagnostic already has (« et elle fait comment sans site pour encaisser »).
            # The focus is always set again: a validation that returns only `requested_slot` rejects the form.
            focus = answer_message(dispatcher, tracker, read_question(cat, tracker, SUBJECT_ONLY)) or [
                SlotSet(FOCUS_SLOT, tracker.get_slot(FOCUS_SLOT))]
            return [*focus, SlotSet(REQUESTED_SLOT, tracker.get_slot(REQUESTED_SLOT))]
        if answered and intent == NLU_FALLBACK and ("?" in text or has_question_word(text)) \
                and not observe(cat, text, intent, asked, cards):
            # « et le paiement sur son site, c'est quelle offre ? » at the cards question, in words DIET does not know:
            # a question on the way, read against the focus (the offer just proposed) as outside the diagnostic;
            # then the form asks its question again
            focus = [e for e in await ActionClarify().clarify(dispatcher, tracker) if e.get("event") == "slot"] or [
                SlotSet(FOCUS_SLOT, tracker.get_slot(FOCUS_SLOT))]
            return [*focus, SlotSet(REQUESTED_SLOT, tracker.get_slot(REQUESTED_SLOT))]
        if answered:
            step = take_answer(cat, facts, text, intent, asked, cards)
            for line in step.messages:
                dispatcher.utter_message(text=line)
            if step.probleme:
                dispatcher.utter_message(response=f"utter_diagnostic_{step.probleme}")
            touched = [q for q in QUESTIONS if q in step.seen or step.facts.get(q) != facts.get(q)]
            # Même incomprise, la réponse est traitée ici : le slot demandé est renvoyé tel quel.
            values = step.facts.to_values()
            events = [SlotSet(SLOTS[q], values[q]) for q in touched or ([asked] if asked else [])]
            if (early := offer_before_the_cards(step.facts)) and early != offer_before_the_cards(facts):
                # « L'offre à proposer : IZ eCommerce » : a question on the way (« et le paiement sur ce site ? »)
                # is about that offer
                events.append(SlotSet(FOCUS_SLOT, after_early_offer(early).to_slot()))
            facts = step.facts
        following = next_question(facts)
        return [*events, SlotSet(REQUESTED_SLOT, SLOTS[following] if following else None)]


class ActionAskDiagPayplugFits(Action):
    """La question Payplug, avec ce que « clé en main » veut dire (faits du catalogue)."""

    def name(self) -> str:
        return "action_ask_diag_payplug_fits"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        utter(dispatcher, payplug_question(runtime.catalogue()))
        return []


class ActionAskDiagOtherCards(Action):
    """La question « autres moyens de paiement ? » (texte du domaine) avec ses boutons de cartes.

    Les boutons viennent d'ici et non du domaine : Rasa lit `{"card":"amex"}` dans une réponse du
    domaine comme une variable à remplacer et journalise une erreur par bouton."""

    def name(self) -> str:
        return "action_ask_diag_other_cards"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        buttons = [{"title": title, "payload": payload} for title, payload in other_cards_buttons()]
        dispatcher.utter_message(response="utter_ask_diag_other_cards", buttons=buttons)
        return []


class ActionRecommend(Action):
    """Fin du diagnostic : recommandation, récapitulatif pour le dossier client, proposition de
    recommencer ; les faits sont effacés pour le client suivant, l'offre reste en contexte."""

    def name(self) -> str:
        return RECOMMEND

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        facts = read_facts(tracker)
        rec = recommend(cat, facts)
        text, recap = recommendation_text(cat, facts, rec), recap_text(cat, facts, rec)
        another = ((domain.get("responses") or {}).get(ANOTHER) or [{}])[0]
        closing = str(another.get("text") or "")
        buttons = [(str(b["title"]), str(b["payload"])) for b in another.get("buttons") or []]
        # One message: the offer and why first, the details folded, the recap to copy, « another one? ».
        structure = replace(layout.recommendation(text, recap, closing, buttons, reference.anchors(cat)),
                            feedback=True)
        dispatcher.utter_message(
            text="\n\n".join(part for part in (text, f"{layout.RECAP_TITLE} :", recap, closing) if part),
            buttons=[{"title": t, "payload": p} for t, p in buttons] or None,
            json_message={"cecaz": structure.to_dict()})
        if not closing:  # no domain sent (selective domain): « another diagnostic? » said apart
            dispatcher.utter_message(response=ANOTHER)
        focus = after_recommendation(rec.offre, facts.to_values(), rec.conclusion, rec.contacts)
        return [*clear_facts(), SlotSet(FOCUS_SLOT, focus.to_slot())]


class ActionCancelDiagnostic(Action):
    def name(self) -> str:
        return "action_cancel_diagnostic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if (tracker.active_loop or {}).get("name") != FORM:
            dispatcher.utter_message(response="utter_diagnostic_none_running")
            return []
        dispatcher.utter_message(response="utter_diagnostic_cancelled")
        return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), *clear_facts()]


class ActionRestartDiagnostic(Action):
    """Remplace l'action par défaut `action_restart` : pour l'intention `restart`, Rasa la prédit
    avant toute règle. Pendant un diagnostic, « recommencer » le relance depuis le début (les règles
    enchaînent sur le formulaire). Ailleurs, « nouvelle conversation », « on reprend à zéro » oublient
    le contexte (focus, faits du diagnostic) et saluent : Teams n'a pas de bouton pour cela ;
    « recommencer le diagnostic » lance un diagnostic neuf."""

    def name(self) -> str:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if (tracker.active_loop or {}).get("name") == FORM:
            dispatcher.utter_message(response="utter_diagnostic_restarted")
            return clear_facts()
        if mentions_diagnostic(message_text(tracker)):
            return [*clear_facts(), FollowupAction(FORM)]
        dispatcher.utter_message(response="utter_new_conversation")
        dispatcher.utter_message(response="utter_greet")
        return [*clear_facts(), SlotSet(FOCUS_SLOT, None)]
