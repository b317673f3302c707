"""`action_answer` : répond à toute question factuelle à partir du catalogue."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.tracker_reading import (
    FOCUS_SLOT,
    FORM,
    diagnostic_running,
    message_text,
    read_facts,
    read_focus,
    read_question,
    typed_message,
    typed_texts,
)
from cecaz.aspects import WORKS_FOR, aspects, names_the_doer
from cecaz.catalogue import Catalogue
from cecaz.designation import in_the_order_named
from cecaz.detour import returns_to_earlier, without_the_return
from cecaz.diagnostic import corrected_cards, is_hypothetical, observe, offer_before_the_cards, starts_a_diagnostic
from cecaz.doers import (
    doer_taken_for_granted,
    followed_by,
    opens_on_yes_or_no,
    partner_verdict,
    with_doer,
)
from cecaz.exclusion import set_aside, without_the_premise
from cecaz.families import FAMILIES, compose
from cecaz.feedback import is_rated
from cecaz.focus import (
    FIELDS,
    Focus,
    after,
    after_early_offer,
    designated,
    doer_question_asked,
    guessed_doer_verdict,
    is_elliptical,
    named_subjects,
    opens_on_a_correction,
    replaces_the_vad,
    roles_in,
    rules_in,
    same_question,
    tools_asked,
    who_answered,
)
from cecaz.lines_in_focus import lines_in_focus, lines_named, on_the_lines_quoted, quoted_contacts
from cecaz.moves import asks_about_previous_answer
from cecaz.notions import described_identity_verdict
from cecaz.phrasing import Answer, Question, example_buttons
from cecaz.reported import drafted_question, merchant_question
from cecaz.resolve import resolve
from cecaz.scope import foreign_subject
from cecaz.silent_topics import silence_lead
from cecaz.textnorm import fold
from cecaz.verdicts import (
    advice_verdict,
    alone_verdict,
    amount_verdict,
    asks_unconditionally,
    can_verdict,
    claim_verdict,
    confirmation_verdict,
    coordinate_verdict,
    default_verdict,
    every_verdict,
    line_claim_verdict,
    obligation_verdict,
    quoted_line_verdict,
    same_as_before_verdict,
    same_line_verdict,
    us_verdict,
    works_too_verdict,
)

logger = logging.getLogger(__name__)
NO_SUBJECT = ("De quoi parlez-vous ? Donnez-moi l’offre, le contact, l’outil ou le rôle (par exemple « et pour "
              "JPEL ? »), ou posez votre question en entier.")


def utter(dispatcher: CollectingDispatcher, answer: Answer, feedback: bool = False) -> None:
    """Dit `answer` en un message ; `feedback` : la réponse demande un avis (👍 / 👎)."""
    buttons = [{"title": title, "payload": payload} for title, payload in answer.buttons]
    # One answer, one message: its structure (cecaz.layout) goes along, each channel renders it.
    dispatcher.utter_message(text=answer.text, buttons=buttons or None,
                             json_message=runtime.structure(answer.text, answer.buttons, feedback))


# Below this DIET confidence, a question that needs a subject, names none and has no previous answer to
# lean on is asked back (« Vouliez-vous dire… ») instead of answered as « which line? ».
UNSURE_WITHOUT_CONTEXT = 0.8


def is_unsure_without_context(tracker: Tracker, reading: Question, focus: Focus) -> bool:
    """DIET a classé le message dans une famille qui a besoin d'un sujet, sans en être sûr, et ni le
    message ni la conversation ne donnent de sujet, ni les mots du message cet aspect (« quels simulateurs… ? » :
    ask_simulator, qui les présente tous)."""
    confidence = float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 1.0)
    family = FAMILIES.get(reading.intent)
    text = message_text(tracker)
    return (family is not None and bool(family.about) and not focus.intent and not named_subjects(reading)
            and confidence < UNSURE_WITHOUT_CONTEXT and not any(reading.intent in found for found in aspects(text)))


def changes_the_recommendation(cat: Catalogue, focus: Focus, text: str, reading: Question) -> bool:
    """« et s'il change d'avis et ne veut plus de site ? », « ah non pardon, il a pas de site » après une
    recommandation : un fait du diagnostic changé ou corrigé (le formulaire recalcule), quelle que soit l'intention que
    DIET y a lue."""
    # « il sert aussi pour les diners ? » after SimulUPI in the recommendation: a question on the answer, not the client
    changed = is_hypothetical(text) or corrected_cards(cat, text) is not None or opens_on_a_correction(text)
    return bool(focus.recommendation) and changed and bool(
        observe(cat, text, reading.intent, None, reading.cartes)) and not asks_about_previous_answer(text)


def goes_to_the_diagnostic(cat: Catalogue, tracker: Tracker, focus: Focus, text: str, reading: Question) -> bool:
    """« il a un site, payplug c'est non pour lui, on part sur quoi ? », « et si Payplug ne lui convient pas ? » après
    « Payplug ou SP+ ? » : le diagnostic, avec les faits déjà dits (`cecaz.diagnostic.starts_a_diagnostic`) ; jamais
    pendant un diagnostic, qui les lit lui-même."""
    return not diagnostic_running(tracker) and not focus.recommendation and not replaces_the_vad(text, focus) \
        and starts_a_diagnostic(cat, text, reading.cartes, focus.intent)


def _previous_answer(cat: Catalogue, focus: Focus, now: datetime) -> Optional[Tuple[Question, Answer]]:
    """The question the focus was left by and its answer, composed again ; None when it was no family's answer."""
    if focus.intent not in FAMILIES:
        return None
    question = same_question(focus)
    return question, compose(cat, question, now)


def answer_message(dispatcher: CollectingDispatcher, tracker: Tracker, reading: Question) -> List[Dict[str, Any]]:
    """Répond au dernier message, lu comme `reading` (intention et sujets nommés) : résout par rapport
    au focus, compose à partir du catalogue, répond ; renvoie les événements (le nouveau focus)."""
    cat = runtime.catalogue()
    now = runtime.now()
    text = message_text(tracker)
    # « comme le support de SP+ est assuré par Payplug, quel numéro je donne à mon client SP+ ? » : SP+ is asked
    reading = without_the_premise(cat, reading, text)
    if aside := set_aside(cat, text):
        # « à part le support Payplug, y a quelle autre ligne chez Payplug ? » : what is set aside is not what is asked
        reading, text = aside.reading(cat, reading, text), aside.text(text)
    # Roles do not count: "directeur d'agence" names the network, not something with a contact.
    names_something = bool(set(named_subjects(reading)) - {FIELDS["role"]})
    if not names_something and foreign_subject(text):
        # "tel de la DSI" is classified as a phone question: no contact may answer it.
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
    focus = read_focus(cat, tracker)
    if not names_something and diagnostic_running(tracker) and not quoted_contacts(cat, text, ()) \
            and (offer := offer_before_the_cards(read_facts(tracker))) and offer not in focus.offres:
        # « et la page de paiement du site dans ce cas ? » while the diagnostic asks its last question: the offer it
        # has just proposed (IZ eCommerce) is what the question is about, unless the last answer was already about it
        # (« et pour nous côté caisse ? » after its lines).
        focus = replace(after_early_offer(offer), recommendation=focus.recommendation)
    if changes_the_recommendation(cat, focus, text, reading) or goes_to_the_diagnostic(cat, tracker, focus, text,
                                                                                        reading):
        # « et s'il veut aussi accepter AMEX ? » read as a question: the diagnostic recomputes; « il a un site mais
        # Payplug ne lui convient pas, on part sur quoi ? » : the diagnostic, with these facts.
        return [FollowupAction(FORM)]
    before = typed_texts(tracker, skip_latest=True)
    returned = returns_to_earlier(cat, text, reading, focus, now, next(iter(before), ""), before[1:3],
                                  typed_message(tracker))
    if returned:
        # « pour revenir à SP+, pourquoi ? » after a detour: the answer before it, and the message that asked it
        focus, before = on_the_lines_quoted(cat, text, returned), before[1:]
    resolution = resolve(cat, reading, text, focus, now, next(iter(before), ""), before[1:4])
    question = resolution.question
    if question is None:
        utter(dispatcher, Answer(NO_SUBJECT, buttons=example_buttons()))
        return []
    if aside:
        question = aside.question(question)
    if question.intent not in FAMILIES:
        logger.warning("event=intent_without_family intent=%s", question.intent)
        dispatcher.utter_message(response="utter_default")
        return []
    answer = compose(cat, question, now)
    # « je vais lui dire que c'est le CIF qui signe, c'est juste ? » : what he is about to tell the merchant is checked
    # as the closed question it is (the merchant it is told to and the check itself claim nothing)
    # (« celui qui fait signer, c'est aussi lui qui paramètre ? » : `message_text` has named the role described)
    # (« il me demande : c'est IZ eCommerce qui fixe le prix ? » : the merchant's closed question, as he asked it)
    # (« pour revenir au gîte : l'ANCV lui fournit un numéro d'affilié ? » : the return says nothing of the claim)
    checked = drafted_question(text) or merchant_question(text) or without_the_return(text)
    # « c'est eux qui signent ? », « l'ATC il fait aussi le diag ? » : oui ou non first, from who does it
    verdict = None
    denied: Tuple[str, ...] = ()  # the roles the question asked about, when the answer is no
    # « c'est le CIF qui tarife tout seul ? », « il la décide seul ? » : he does, but in agreement with the network; not
    # who else « décide » something in the roles' missions
    alone = alone_verdict(cat, checked, answer)
    if not resolution.lead and alone is None:
        # « et pour un client payplug aussi ? » right after « c'est lui qui fait signer le client SP+ ? » : the same
        # closed question, for that subject
        closed, actors = doer_question_asked(cat, reading, checked, before, focus)
        previous_texts = typed_texts(tracker, skip_latest=True)[:3]
        question, answer, verdict, asked_roles = with_doer(cat, closed, question, answer, actors, now,
                                                           previous_texts)
        if verdict == cat.say("verdict.non"):
            denied = asked_roles
    # « on le conseille ? » after the VAD: the offer the answer is about (else in focus), since the VAD's answers name
    # no offer in their question (« un commerçant qui note les cartes dictées, c'est conseillé ? » neither)
    # « mon collègue dit que par défaut c'est SP+, vrai ? » : what the message reports is checked against the answer
    # first; a longer lead (« Non : SP+ sert à… ») already says it.
    # « il le fait à chaque fois ? » after the ATC: whether it is always done (no: only if the network wishes) before
    # who does it
    always = obligation_verdict(cat, checked, answer) if asks_unconditionally(checked) else None
    # « ils négocient les tarifs avec nous ? » : with whom, which the doer's yes or no would not say
    partner = partner_verdict(cat, checked, answer.text, designated(cat, focus))
    # (« avant la signature, l'ATC doit faire une simu ? » : someone else does it, whatever must be done)
    someone_else = verdict if verdict == cat.say("verdict.non") else None
    given = alone or resolution.lead or someone_else or always or partner or verdict
    if given is None and FAMILIES[question.intent].contacts:
        # « je crois que pour un souci de lead, c'est le support Payplug que j'appelle, c'est ça ? » : the line believed
        # against the line the answer gives
        # (« je vais lui dire d'appeler le 09 69 37 80 30, c'est bon ? » : the line believed by its number)
        quoted = quoted_contacts(cat, text)
        believed = lines_named(cat, named_subjects(reading)) or quoted
        given = line_claim_verdict(cat, text, believed, answer.contacts) or \
            same_line_verdict(cat, checked, lines_in_focus(cat, focus), answer.contacts) or \
            quoted_line_verdict(cat, checked, quoted, answer.contacts)
    if given is None and (roles := doer_taken_for_granted(cat, checked)):
        # « l'ATC fait la simu SimulEasy, il la met où après ? » : the answer, then the role that does it
        answer = followed_by(answer, compose(cat, Question("ask_role", roles=(roles[1],)), now))
        given = cat.say("verdict.premisse", cites=[roles[0]], roles=[roles[1]])
    if (claim := claim_verdict(cat, text, answer)) and given in (None, cat.say("verdict.oui"), cat.say("verdict.non")):
        given = claim
    # « SP+ accepte-t-il Apple Pay ? » : what the document never names is said first, instead of a yes or a no
    silence = silence_lead(cat, checked) if given is None or opens_on_yes_or_no(given) else None
    lead = silence or given or \
        same_as_before_verdict(cat, text, answer, question, lambda: _previous_answer(cat, focus, now)) or \
        described_identity_verdict(cat, checked) or guessed_doer_verdict(cat, text, question, answer) or \
        every_verdict(cat, checked, answer) or \
        obligation_verdict(cat, checked, answer) or \
        us_verdict(cat, checked, answer) or \
        coordinate_verdict(cat, checked, question.intent, answer.contacts) or \
        advice_verdict(cat, checked, question.offres or ((answer.offre,) if answer.offre else focus.offres)) or \
        can_verdict(cat, checked, answer) or \
        default_verdict(cat, checked, reading.offres or question.offres or focus.offres, answer) or \
        confirmation_verdict(cat, checked, answer) or amount_verdict(cat, checked, answer)
    if not lead and FAMILIES[question.intent].contacts and set(named_subjects(reading)) == {FIELDS["offer"]}:
        # « ce numéro il marche pour SP+ aussi ? » read as SP+'s phone: whether the line in focus serves SP+ too.
        # « et pour un client Payplug ? » right after « ce num il marche aussi pour sp+ ? » : the same closed question
        asked = before[0] if before and is_elliptical(text) and not WORKS_FOR.search(fold(text)) else checked
        lead = works_too_verdict(cat, asked, lines_in_focus(cat, focus), reading.offres)
    if lead and not opens_on_yes_or_no(answer.text):  # « Non (le mardi à 8h45) : » already says it
        answer.text = f"{lead}\n{answer.text}"
    utter(dispatcher, answer, feedback=is_rated(question.intent))
    who = who_answered(cat, text, question, answer)
    # « c'est le CIF qui fait signer pour Payplug ? » answered « Non » without naming him: « lui » is still the CIF
    acteurs = roles_in(cat, answer) or (reading.roles[:1] if names_the_doer(text) else ())
    # « il fait aussi les paramétrages ? » of the ATC → « Non » (the CIF does) : the one asked stays who « lui » is
    # next (« et la tarif c'est lui ? » : still the ATC)
    acteurs = (*denied, *(a for a in acteurs if a not in denied))
    focus = after(focus, question, answer, who, acteurs, rules_in(cat, answer), resolution.point,
                  tools_asked(cat, text, question, answer, reading.outils, focus))
    # « le 09 69 36 06 26 ou le 08 10 00 47 24 ? » : « le premier » next is the one typed first
    focus = in_the_order_named(cat, text, focus)
    return [SlotSet(FOCUS_SLOT, focus.to_slot())]


class ActionAnswer(Action):
    """Toute question factuelle et ses relances : lit le message et le focus, résout, compose à
    partir du catalogue, répond, et garde le nouveau focus."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        reading = read_question(cat, tracker)
        if is_unsure_without_context(tracker, reading, read_focus(cat, tracker)):
            return [FollowupAction("action_clarify")]
        return answer_message(dispatcher, tracker, reading)
