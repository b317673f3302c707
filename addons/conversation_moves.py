"""Composant NLU : les gestes de conversation reconnus à leur forme (`cecaz.moves.read_move`) —
humain, répéter, pourquoi, public d'une ligne, diagnostic — l'emportent sur l'intention de DIET.

Placé en fin de pipeline, après les replis : « redis-moi ça » ou « passe-moi un humain » peuvent
avoir des mots que DIET n'a jamais vus. Le classement de DIET est gardé pour les suggestions."""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Set

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from cecaz.aspects import (
    asks_the_offer_proposed_first,
    aspects,
    is_who_question,
    names_the_doer,
    reports_a_payment_trouble,
)
from cecaz.audience import asks_if_staff_may_use, names_the_line_by_pronoun
from cecaz.designation import designates_by_place
from cecaz.diagnostic import SHORT_ANSWERS, proposes_an_offer, text_facts
from cecaz.doers import asks_if_the_speaker_does_it
from cecaz.families import FAMILIES
from cecaz.focus import CORRECTION, LINES_GIVEN, SUBJECT_ONLY, WHICH_OFFER, asks_for_a_line, opens_on_a_correction
from cecaz.intents import NLU_FALLBACK
from cecaz.lines_in_focus import asks_call_cost
from cecaz.merchant import merchant_nouns
from cecaz.moves import (
    REPEAT,
    asks_about_a_card,
    asks_about_previous_answer,
    asks_if_an_offer_needs_a_site,
    asks_if_it_works_without_a_site,
    asks_of_the_one_in_focus,
    asks_what_a_role_does,
    asks_who_of_a_detail,
    is_a_question_not_an_answer,
    is_card_what_if,
    passes_on_a_question,
    read_move,
    says_goodbye,
    says_nothing_of_the_client,
)
from cecaz.segments import acknowledges
from cecaz.textnorm import fold, has_question_word, says_either_or
from cecaz.verdicts import asks_if_contract_needed, asks_if_simulation_needed

logger = logging.getLogger(__name__)
# DIET's intents for a fact about the client, which start the diagnostic (data/rules.yml).
DIAGNOSTIC_FACTS = frozenset({"inform_has_site", "inform_no_site", "inform_wants_site", "inform_needs_modular",
                              "inform_payment_methods"})
CARD_FACT = "inform_payment_methods"
DENY = "deny"  # a plain « non »
DONT_KNOW = "dont_know"  # an answer to the diagnostic (« je ne sais pas »)
START_DIAGNOSTIC = "start_diagnostic"
GOODBYE = "goodbye"
THANK = "thank"
ROLE = "ask_role"
CONTRACTS = "ask_contracts"
SIMULATOR = "ask_simulator"
TOOL = "ask_tool"
AFFILIATION = "ask_affiliation"
NO_WEBSITE = "ask_no_website"
CHOOSE_OFFER = "ask_choose_offer"
PHONE = "ask_phone"  # also the price of a call (section « Comment assister mon client ? »)
OFFER_DEFINITION = "ask_offer_definition"
UNSURE = 0.5  # below 1.0: action_clarify reads 1.0 as « mostly unknown words » and never guesses then
# « on la propose d'office ? », « on la met en avant d'emblée ? » : an offer put forward (not « des frais d'entrée »)
_PROPOSED = re.compile(r"\b(?:propos\w*|conseill\w*|recommand\w*|en avant)\b")
# « eux » : the people an answer named (a company, a team), never the client described to the diagnostic
_THEM = re.compile(r"\beux\b")


def _values(entities: List[Dict[str, Any]], entity_type: Optional[str] = None) -> Set[str]:
    """The values of the message's entities, of one type (`card`, `offer`, `role`) or of all."""
    return {str(e.get(ENTITY_ATTRIBUTE_VALUE)) for e in entities
            if entity_type is None or e.get(ENTITY_ATTRIBUTE_TYPE) == entity_type}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ConversationMoves(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> ConversationMoves:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            entities = message.get(ENTITIES) or []
            subjects = _values(entities)
            cards = _values(entities, "card")
            move = read_move(text, subjects, cards)
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            confidence = 1.0
            offers = _values(entities, "offer")
            if move is None and current in (*DIAGNOSTIC_FACTS, CARD_FACT) and offers and has_question_word(text) \
                    and (asked := aspects(text)):
                # « un hôtel en SP+ veut aussi les cartes chinoises : on tarife ça avec quoi ? » : his offer is known,
                # the words ask a question of it (no diagnostic to choose an offer)
                move = asked[0][0]
            if move is None and current in (DENY, NLU_FALLBACK) and opens_on_a_correction(text) \
                    and designates_by_place(text):
                # « non je parlais de l'autre », « nan le 2e » read as a plain « no » : the subject corrected,
                # designated by its place in the list just given (`cecaz.designation`)
                move = CORRECTION
            if move is None and current not in (*SHORT_ANSWERS, THANK, "feedback_negative") and acknowledges(text):
                # « super », « top merci » between two questions: thanks for the answer (its focus kept), not a
                # question to clarify
                move = THANK
            if move is None and current == GOODBYE and not says_goodbye(text):
                # « c tous les jours donc » read as « bonne journée » : no farewell in it, a message to read against
                # the conversation (action_clarify)
                move, confidence = NLU_FALLBACK, UNSURE
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and len(offers) == 1 \
                    and proposes_an_offer(text):
                # « apiculteur sans site, cb, on lui propose payplug » : yes or no for the offer put forward, then the
                # one that fits (without a site: JPEL; with one: Payplug by default), no diagnostic
                move = NO_WEBSITE if text_facts(text).get("site") == "non" else CHOOSE_OFFER
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) \
                    and asks_if_the_speaker_does_it(text) and not text_facts(text):
                # « pr vendre sp+ à un client que je vois jeudi, je peux le faire moi en agence » : who does it (the
                # CIF sells), not a client to diagnose
                move = ROLE
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and not offers \
                    and asks_the_offer_proposed_first(text) and _PROPOSED.search(fold(text)) and not text_facts(text):
                # « et on la propose d'office ? » after SP+ : whether the offer spoken of is the default one (Payplug
                # is), nothing said of a client to diagnose
                move = CHOOSE_OFFER
            if move is None and current == CARD_FACT and len(offers) == 1 and cards and has_question_word(text) \
                    and not text_facts(text):
                # « restaurant en sp+ veut aussi l'amex, on fait comment ? » : his offer is known and nothing else of
                # him is said; how he takes that card is the affiliation (no diagnostic to choose an offer)
                move = AFFILIATION
            if move is None and current in DIAGNOSTIC_FACTS and asks_about_previous_answer(text):
                # « il sert aussi pour un client Payplug ? » read as « he has a site »: not a fact about the
                # client, so not the start of a diagnostic; DIET's reading stays in the ranking.
                move, confidence = NLU_FALLBACK, UNSURE
            if move is None and current == START_DIAGNOSTIC and (
                    (not subjects and asks_of_the_one_in_focus(text))
                    or (_values(entities, "role") and says_either_or(text))):
                # « il fait koi dautre » after the CIF's contracts : a question on whom the answer named ; « pour vendre
                # SP+, c'est moi ou le CIF ? » : who does it. Read against the conversation (action_clarify), no
                # diagnostic
                move, confidence = NLU_FALLBACK, UNSURE
            if move is None and current in DIAGNOSTIC_FACTS and says_nothing_of_the_client(text, cards):
                # « le prix du site c'est nous qui le fixons ? » : a question on what was said, not a fact about the
                # client; during the diagnostic, answered before its question is asked again (data/rules.yml).
                move = SUBJECT_ONLY
            if move is None and current in DIAGNOSTIC_FACTS and passes_on_a_question(text):
                # « il veut accepter l'AMEX, il me demande s'il doit les contacter » : his question, on that subject.
                move, confidence = (SUBJECT_ONLY, 1.0) if subjects else (NLU_FALLBACK, UNSURE)
            if move is None and current == CARD_FACT and (is_card_what_if(text, cards)
                                                           or asks_about_a_card(text, cards)):
                # « et s'il veut aussi les chèques-vacances ? » after the AMEX answer: the same question for that card;
                # after a recommendation, action_answer hands it to the diagnostic, which recomputes. « et les cartes
                # chinoises c'est lequel ? » after the simulators: asked about the card, nothing said of the client.
                move = SUBJECT_ONLY
            if move is None and (current in DIAGNOSTIC_FACTS or current == DONT_KNOW) \
                    and reports_a_payment_trouble(text):
                # « et si c'est le paiement qui plante sur son site ? » after IZ eCommerce's support (read as a fact,
                # or as « je ne sais pas »): whom to call
                move = SUBJECT_ONLY
            if move is None and current in DIAGNOSTIC_FACTS and _THEM.search(fold(text)) and not text_facts(text):
                # « eux ils font aussi l'acceptation » : what the company the answer named does, not a fact about the
                # client; the clarification reads it against the focus
                move, confidence = NLU_FALLBACK, UNSURE
            if move is None and current in DIAGNOSTIC_FACTS and asks_if_contract_needed(text) and not text_facts(text):
                # « et un contrat il en faut un aussi » after SP+ : whether the offer in focus needs a contract (closed
                # question, even without « ? »), nothing said of the client
                move = CONTRACTS
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and asks_if_simulation_needed(text) \
                    and not text_facts(text):
                # « ok merci. et faut faire une simu quand même ? » after Payplug: whether the offer in focus goes
                # through a simulation (`resolve`), not a diagnostic
                move = SIMULATOR
            if move is None and current in DIAGNOSTIC_FACTS and asks_if_an_offer_needs_a_site(text):
                # « payplug faut que le client ait déjà un site ? » : yes or no for the offer, no diagnostic
                move = OFFER_DEFINITION
            if move is None and current != OFFER_DEFINITION and asks_if_it_works_without_a_site(text):
                # « ça marche sans site ? » after an offer: yes or no for that offer (`resolve`), no diagnostic
                move = OFFER_DEFINITION
            if move is None and current not in FAMILIES and not subjects and asks_who_of_a_detail(text):
                # « avec l'accord de qui ? » read as « d'accord » : who, in the previous answer
                move = SUBJECT_ONLY
            roles = _values(entities, "role")
            if move is None and (current == START_DIAGNOSTIC and (is_who_question(text) or names_the_doer(text))
                                 or current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS)
                                 and asks_what_a_role_does(text, roles) and not text_facts(text)):
                # « et c'est qui qui fait le diag pour choisir ? », « et l'ATC il fait le diag ? », « c lui qui fait
                # le diag ? » : a question on the role, not the diagnostic itself ; « latc il peut le faire aussi » read
                # as the client's cards: the role, no fact of a client.
                move = ROLE
            if move is None and current in (START_DIAGNOSTIC, REPEAT, *DIAGNOSTIC_FACTS) and not subjects \
                    and asks_call_cost(text):
                # « c'est pas payant pour lui au moins ? » after a line: the price of a call, not a need of the client;
                # « c payant hein » is no request to repeat (`read_move` reads those by their form)
                move = PHONE
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and (
                    asks_for_a_line(text) or asks_if_staff_may_use(text) or names_the_line_by_pronoun(text)):
                # « et côté caisse on a une autre ligne ? », « et nous on peut s'en servir aussi ? », « c'est pour
                # quelle offre ce num ? » : a contact line, not a client to diagnose.
                move = LINES_GIVEN
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and not subjects \
                    and WHICH_OFFER.search(fold(text)) and not text_facts(text):
                # « c'est pour quelles offres ? » after a line: which offers the previous answer was about (its line
                # serves), not a client whose offer to choose
                move = SUBJECT_ONLY
            if move is None and current in (START_DIAGNOSTIC, *DIAGNOSTIC_FACTS) and _values(entities, "tool") \
                    and not cards and not text_facts(text) and not merchant_nouns((text,)):
                # « et le paramétrage ds OSC c'est lui aussi » read as the client's cards: a question on the tool named
                # (who uses it, what for), nothing said of a client (a line spoken of is read above)
                move = TOOL
            if move is None and current in SHORT_ANSWERS and is_a_question_not_an_answer(text):
                # « c'est bien lui qui doit faire la demande ? » read as « oui » : a question on what was said, which
                # the clarification reads against the focus (never « un autre diagnostic ? » answered yes)
                move, confidence = NLU_FALLBACK, UNSURE
            if move is None or move == current:
                continue
            logger.debug("event=conversation_move intent=%s diet=%s", move, current)
            chosen = {INTENT_NAME_KEY: move, PREDICTED_CONFIDENCE_KEY: confidence}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != move]
            message.data[INTENT] = chosen
            message.data[INTENT_RANKING_KEY] = [chosen, *ranking]
        return messages
