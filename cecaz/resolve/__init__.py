"""La lecture d'un message par rapport au focus de la conversation (docs/conversation.md).

`resolve` transforme le message suivant (relance, pronom, correction, « pourquoi ? ») en une `Question`
complète. La lecture passe par des étapes, une par sorte de geste, dans cet ordre : vérifications sur la
réponse en focus, lignes et étapes, question relue dans ses mots, questions fermées, lieux, outils et moments,
sujet seul ou correction, raisons, publics des lignes, question pour le focus. La première qui répond
l'emporte. Fonctions pures, testées sans Rasa (tests/unit/test_focus.py et voisins)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Sequence, Tuple

from cecaz.aspects import asks_the_coordinate, asks_what_to_give, asks_whom_to_call_for_trouble
from cecaz.audience import CLIENT, asks_if_shareable, asks_which_line, audience_of
from cecaz.catalogue import Catalogue
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    CORRECTION,
    DEFAULT_FAMILY,
    PUBLIC,
    SUBJECT_ONLY,
    Focus,
    Resolution,
    named_subjects,
    question_of,
)
from cecaz.lines_in_focus import names_lines_of_both_publics, quoted_contacts
from cecaz.merchant import offers_of_the_client, several_merchants
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES, Question
from cecaz.resolve.answer_checks import checks_on_the_answer
from cecaz.resolve.audience_asked import audiences, line_for_a_public
from cecaz.resolve.closed_questions import closed_questions
from cecaz.resolve.for_the_focus import question_for_the_focus, roles_for_the_focus
from cecaz.resolve.lines_and_steps import lines_and_steps
from cecaz.resolve.message import Message
from cecaz.resolve.places_and_tools import places_tools_and_moments
from cecaz.resolve.question_reread import reread_the_question
from cecaz.resolve.reasons_asked import reasons
from cecaz.resolve.subject_only import subject_or_correction
from cecaz.when import asked_moment, asks_a_delay, asks_now

# Steps tried before the family is settled, then after: the first that answers wins.
_BEFORE_THE_FAMILY = (checks_on_the_answer, lines_and_steps, reread_the_question, closed_questions,
                      places_tools_and_moments, line_for_a_public)
_AFTER_THE_FAMILY = (reasons, audiences, roles_for_the_focus)


def resolve(cat: Catalogue, reading: Question, text: str, focus: Focus, now: datetime,
            previous_text: str = "", earlier_texts: Sequence[str] = ()) -> Resolution:
    """Le message lu (`reading` : intention du NLU et sujets nommés, `text` : le message, `previous_text` : le message
    tapé avant lui, `earlier_texts` : ceux d'avant, le plus récent d'abord) complété par le focus.

    - une question qui nomme un sujet porte sur lui seul (rien du sujet précédent n'est repris) ;
    - une question sans sujet porte sur les sujets et les contacts du focus ;
    - un sujet seul (« et sp+ ? ») ou une correction (« non, JPEL ») repose la question précédente ;
    - « pourquoi ? » justifie la réponse précédente (`about`), « pourquoi pas SP+ ? » compare ;
    - un jour ou une heure (« le samedi », « vers 17h45 ») est lu pour les questions d'horaires."""
    resolution = _resolve(cat, reading, text, focus, now, previous_text, tuple(earlier_texts))
    if asks_a_delay(text) and resolution.question is not None and resolution.lead is None:
        # « ils répondent en combien de temps aux mails ? » : the document gives no delay; say so, then the answer
        # (« on attend combien de temps ? » after « ouvert à 12h30 ? » : their hours, not whether they are open now)
        question = resolution.question
        if question.intent == "ask_is_open" and question.moment is None:
            question = replace(question, intent="ask_hours")
        resolution = replace(resolution, question=question, lead=cat.say("delai.non_precise"))
    # a line the message names is answered for itself (its label says it is internal)
    return _the_clients_own_lines(cat, text, _lines_for_his_mail(text, _given_to_the_merchant(
        text, _each_line_named(cat, text, resolution) if named_subjects(reading) else
        _after_a_line_refused(cat, text, focus, now, _never_internal_for_the_client(cat, text, resolution)))))


def _after_a_line_refused(cat: Catalogue, text: str, focus: Focus, now: datetime,
                          resolution: Resolution) -> Resolution:
    """« et elle peut les appeler là maintenant ? » right after « Non, réservé aux collaborateurs CECAZ… À donner au
    client : … » : the lines she may call are those given her, open or not at that moment (`ask_is_open`), not the
    internal line refused (section « Comment assister mon client ? »)."""
    question = resolution.question
    if question is None or question.intent != AUDIENCE or focus.point != PUBLIC or not focus.offres \
            or not focus.contacts or not all(c in cat.contacts and cat.contacts[c].internal for c in focus.contacts) \
            or audience_of(text) != CLIENT:
        return resolution
    moment = asked_moment(text, now)
    if moment is None and not asks_now(text):
        return resolution
    return Resolution(question_of("ask_is_open", {"offres": focus.offres}, audience=CLIENT, moment=moment))


def _the_clients_own_lines(cat: Catalogue, text: str, resolution: Resolution) -> Resolution:
    """« quel numéro Payplug je donne à mon client JPEL ? » : lines given to a client of an offer
    (`offers_of_the_client`) are that offer's, whatever other offer the message names (section « Comment assister mon
    client ? »)."""
    question = resolution.question
    if question is None or question.audience != CLIENT or question.intent not in CONTACT_FAMILIES \
            or question.intent == AUDIENCE or len(question.offres) < 2 or question.contacts:
        return resolution
    if several_merchants(text):
        return resolution  # « un opticien est chez Payplug et un garage en SP+ » : each his own
    clients = [o for o in offers_of_the_client(cat, text) if o in question.offres]
    return replace(resolution, question=replace(question, offres=tuple(clients))) if clients else resolution


def _given_to_the_merchant(text: str, resolution: Resolution) -> Resolution:
    """« en cas de souci, je donne quoi au commerçant ? », « si le commerçant a un souci samedi, il appelle qui ? »,
    whatever family the message was read as: lines asked to give the merchant, or that he calls, are his lines only
    (section « Comment assister mon client ? »)."""
    question = resolution.question
    if question is None or question.audience is not None or question.intent not in CONTACT_FAMILIES \
            or question.intent == AUDIENCE or not (asks_what_to_give(text) or asks_whom_to_call_for_trouble(text)) \
            or audience_of(text) != CLIENT:
        return resolution
    return replace(resolution, question=replace(question, audience=CLIENT))


def _lines_for_his_mail(text: str, resolution: Resolution) -> Resolution:
    """« une libraire en SP+ me dit : « envoyez-moi par mail les contacts ». Je mets quoi dans mon mail ? », read as
    her e-mail asked: the mail is where her lines go, all of them (`ask_support`), when no other words ask one
    coordinate (section « Comment assister mon client ? »)."""
    question = resolution.question
    if question is None or question.intent not in COORDINATE_FAMILIES or not asks_what_to_give(text) \
            or asks_the_coordinate(text, question.intent):
        return resolution
    return replace(resolution, question=replace(question, intent=DEFAULT_FAMILY["service"]))


def _each_line_named(cat: Catalogue, text: str, resolution: Resolution) -> Resolution:
    """« pour un commerçant en payplug, donnez-moi le support et l'équipe partenariat » : two lines named, one for the
    merchant and one for the CECAZ, are both given, each in its part
    (the internal one titled as such), whatever public one part of the message speaks for ; not when the message asks
    what to give the merchant (« quelle adresse dois-je lui donner ? », « lequel je donne au client ? » : his lines
    only)."""
    question = resolution.question
    if question is None or question.audience is None or question.contacts or question.intent not in CONTACT_FAMILIES \
            or question.intent == AUDIENCE or asks_what_to_give(text) or asks_if_shareable(text) \
            or asks_which_line(text) == CLIENT \
            or not names_lines_of_both_publics(cat, question.services, question.offres):
        return resolution
    return replace(resolution, question=replace(question, audience=None))


def _never_internal_for_the_client(cat: Catalogue, text: str, resolution: Resolution) -> Resolution:
    """« et le commerçant il appelle qui alors ? » after an internal line (in focus, not named): the client lines of
    the client's offer in the question, else of the offers that line serves, never the internal line itself (section
    « Comment assister mon client ? »). A question on a line's public (`AUDIENCE`, or a verdict on the line quoted:
    « le 09… c'est seulement pour les clients ? ») says itself whether it may be given."""
    question = resolution.question
    if question is None or not question.contacts or question.intent not in CONTACT_FAMILIES \
            or question.intent == AUDIENCE or audience_of(text) != CLIENT or resolution.lead \
            or quoted_contacts(cat, text):
        return resolution  # « pourquoi je ne peux pas le donner au client ? » : the reason, on that line
    lines = [cat.contacts[cid] for cid in question.contacts if cid in cat.contacts]
    # (« et si c'est le site lui-même qui bug, elle appelle qui ? » after « Non » to the monétique pro for an IZ
    # eCommerce client: her offer's support, not the offers the internal line serves)
    served = tuple(question.offres) or tuple(dict.fromkeys(o for line in lines for o in line.offres))
    if not lines or not all(line.internal for line in lines) or not served:
        return resolution
    # (« elle appellera demain à 9h15, c'est bon ? » : at the moment asked)
    return Resolution(question_of(question.intent, {"offres": served}, audience=CLIENT, moment=question.moment))


def _resolve(cat: Catalogue, reading: Question, text: str, focus: Focus, now: datetime,
             previous_text: str = "", earlier_texts: Tuple[str, ...] = ()) -> Resolution:
    """`resolve`, before the check that no internal line answers a question for the client."""
    message = Message(cat, reading, text, focus, now, previous_text, named=named_subjects(reading),
                      earlier_texts=earlier_texts)
    for step in _BEFORE_THE_FAMILY:
        if (resolution := step(message)) is not None:
            return resolution
    if message.intent == SUBJECT_ONLY and set(message.named.get("services", ())) - GENERIC_SERVICES \
            and asks_if_shareable(text):
        # « et l'esthéticienne, elle peut appeler la monétique pro elle aussi ? » read as the line named alone: its own
        # question, whether the client may use that line
        message.intent = AUDIENCE
    if message.intent in (SUBJECT_ONLY, CORRECTION):
        return subject_or_correction(message)
    if message.intent not in FAMILIES:
        return Resolution(question_of(message.intent, message.named, moment=message.moment))
    for step in _AFTER_THE_FAMILY:
        if (resolution := step(message)) is not None:
            return resolution
    return question_for_the_focus(message)
