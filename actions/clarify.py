"""`action_clarify` : « Vouliez-vous dire… », puis passage de relais au bon interlocuteur."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.answer import FORM, answer_message, changes_the_recommendation, goes_to_the_diagnostic, utter
from actions.tracker_reading import (
    last_bot_messages,
    last_typed_text,
    mentioned,
    message_text,
    previous_bot_action,
    read_focus,
    read_question,
    typed_message,
    typed_texts,
)
from cecaz.aspects import (
    asks_benefit,
    asks_how_it_goes,
    asks_the_offer_proposed_first,
    asks_what_to_give,
    asks_who_they_are,
    asks_whom_to_call_to_join,
    asks_why,
    aspect_family,
    aspects,
    describes_keyed_entry,
    goes_through_us,
    is_who_question,
    names_the_flows,
)
from cecaz.audience import (
    CLIENT,
    asks_if_it_will_do,
    asks_if_shareable,
    asks_us_or_them,
    asks_what_a_line_is_for,
    asks_which_line,
)
from cecaz.clarify import clarification_text, handoff, is_clarification, offers_json, suggestions
from cecaz.detour import returns_to_earlier, without_the_return
from cecaz.document_search import catalogue_index, last_resort, quote
from cecaz.doers import asks_the_step_after, asks_who_does
from cecaz.families import FAMILIES, compose
from cecaz.feedback import COMMENT_THANKS, FEEDBACK_SLOT, awaiting_comment, with_comment
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    CORRECTION,
    DEFAULT_FAMILY,
    FIELDS,
    LINES_GIVEN,
    PERSON,
    PUBLIC,
    PUBLIC_EITHER,
    RECOMMENDATION,
    SIMULATORS,
    SUBJECT_ONLY,
    WHY,
    accepted_families,
    affiliation_asked,
    asks_all_offers,
    asks_for_a_line,
    asks_how_a_card_is_joined,
    client_kind,
    closed_point,
    designated,
    detail_checked,
    follow_up_guess,
    is_correcting,
    is_elliptical,
    named_subjects,
    names_only_the_generic_card,
    opens_like_a_follow_up,
    payment_pages_elsewhere,
    relays_whom_to_call,
    roles_doing,
    roles_for_aspect,
    same_question,
    sellers,
    sells_it,
    subject_aspect_guess,
    tool_for_offer,
)
from cecaz.lines_in_focus import (
    asks_call_cost,
    asks_if_same_coordinate,
    asks_which_line_answers,
    lines_for_requests,
    listed_line,
    offers_served,
    on_the_lines_quoted,
    other_lines,
    quoted_contacts,
)
from cecaz.moves import asks_about_previous_answer, says_yes
from cecaz.notions import asks_its_name, described_subjects, without_the_descriptions
from cecaz.phrasing import Answer, example_buttons
from cecaz.reported import written_for
from cecaz.resolve.for_the_focus import asks_what_someone_does
from cecaz.scope import foreign_subject
from cecaz.silent_topics import silence_lead
from cecaz.steps import NEXT_STEP
from cecaz.textnorm import fold, has_question_word, the_question_itself
from cecaz.verdicts import advice_verdict, asks_for_one_of_them, confirmation_verdict, is_closed, says_a_fact_back
from cecaz.when import asked_moment, day_describes_the_line

NAME = "action_clarify"
ACTION_LISTEN = "action_listen"
FEEDBACK_ACTION = "action_feedback"  # actions/feedback.py (which imports this module)
logger = logging.getLogger(__name__)


# « pourquoi » anywhere (« pk » once folded): a why (« et jpel ça règle le pb pk ? »), read against the previous answer
_A_WHY = re.compile(r"\bpourquoi\b")


# « c'est qui qui fait ça ? », « qui s'en occupe ? » : who does what the words described (not « qui le paramètre ? »,
# « qui valide ? », which ask a step's doer) (folded text)
_WHO_DOES_IT = re.compile(r"\bqui (?:qui )?(?:le |la |les |l )?(?:fait|fais|font|s en occupe\w*|s occupe\w*|gere\w*|"
                          r"cree\w*|realise\w*|s en charge\w*|s en chargent)\b")


class ActionClarify(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        events = await self.clarify(dispatcher, tracker)
        if any(e.get("event") in ("followup", "rewind") for e in events):
            return events
        # Also reached as Rasa's core fallback or as another action's follow-up, where no rule says what
        # comes next: the turn ends here, or the same answer would be predicted again and again.
        return [*events, FollowupAction(ACTION_LISTEN)]

    async def clarify(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
        """The message DIET did not place, read against the focus (a guessed family, answered) or « Vouliez-vous
        dire… » ; the events to return (the new focus), without what comes next."""
        cat = runtime.catalogue()
        message = tracker.latest_message or {}
        pending = awaiting_comment(tracker.get_slot(FEEDBACK_SLOT)) if previous_bot_action(
            tracker) == FEEDBACK_ACTION else None
        if pending:
            # After a thumbs-down, « what was missing? »: what is not a question is the user's comment.
            dispatcher.utter_message(text=COMMENT_THANKS)
            return [SlotSet(FEEDBACK_SLOT, with_comment(pending, typed_message(tracker)))]
        offres = mentioned(cat, message, "offer")
        reading = read_question(cat, tracker)
        text = message_text(tracker)
        named = named_subjects(reading)
        if set(named) == {FIELDS["role"]} and asks_what_someone_does(text):
            # « Et lui, l'ATC, il fait quoi ? » : that role's missions (answerable, even right after a miss)
            return answer_message(dispatcher, tracker, replace(reading, intent="ask_role"))
        if previous_bot_action(tracker) == NAME and any(
                is_clarification(m.get("text") or "") for m in last_bot_messages(tracker.events)):
            # Second miss in a row: a human, not another guess.
            utter(dispatcher, Answer(handoff(cat, last_typed_text(tracker), offres, runtime.now()).text))
            return []
        # guessed against the answer the message comes back to, if any (`answer_message` goes back to it itself)
        current = read_focus(cat, tracker)
        typed_before = typed_texts(tracker, skip_latest=True)
        earlier = returns_to_earlier(cat, text, reading, current, runtime.now(), next(iter(typed_before), ""),
                                     typed_before[1:3], typed_message(tracker))
        focus = on_the_lines_quoted(cat, text, earlier) if earlier else current
        if earlier:
            text = without_the_return(text)  # « pour revenir à mon commerçant : non pardon, il est en SP+ »
        if changes_the_recommendation(cat, focus, text, reading) or goes_to_the_diagnostic(
                cat, tracker, focus, text, reading) or (
                previous_bot_action(tracker) == "action_recommend" and says_yes(text)):
            # « et s'il ne veut plus de site ? » ; « oui, un autre » to « un autre diagnostic ? »
            return [FollowupAction(FORM)]
        names_subject = bool(named)
        if asks_the_step_after(text) and (focus.intent in FAMILIES or names_subject):
            # « et du coup pour l'opticien, c'était quoi l'étape suivante déjà ? » : the step after the one reached,
            # however long the message (`resolve` reads which)
            return answer_message(dispatcher, tracker, replace(reading, intent=NEXT_STEP))
        if asks_its_name(text) and len(kinds := list(described_subjects(cat, text))) == 1 \
                and set(named) <= {FIELDS[kinds[0]]}:
            # « la boîte qui fait les sites, c'est quoi son nom ? » : what the subject described is (not « le doc
            # qu'on respecte pour un contrat JPEL, il s'appelle comment ? », which only names JPEL ; nor « la personne
            # qui monte la tarification pour la solution sans site, c'est qui ? », which names the CIF)
            return answer_message(dispatcher, tracker, replace(reading, intent=DEFAULT_FAMILY[kinds[0]]))
        if set(named) <= {FIELDS["offer"]} and _WHO_DOES_IT.search(fold(text)) and not aspects(text) \
                and list(offers := described_subjects(cat, text)) == ["offer"] and len(offers["offer"]) == 1 \
                and set(named.get(FIELDS["offer"], ())) <= set(offers["offer"]):
            # « un caviste veut qu'on lui crée son site, c'est qui qui fait ça ? » : the company that does what the
            # words describe (IZ eCommerce creates the sites), presented
            return answer_message(dispatcher, tracker, replace(reading, intent="ask_offer_definition",
                                                               offres=offers["offer"]))
        if set(named) == {FIELDS["offer"]} and len(reading.offres) == 1 and asks_who_they_are(text):
            # « … « site à créer par IZ eCommerce ». C'est qui, eux ? » : what the company named is
            return answer_message(dispatcher, tracker, replace(reading, intent="ask_offer_definition"))
        if current.sans_description is not None and asked_moment(text, runtime.now()):
            # « les gens de payplug qui s'occupent des banques, ils répondent demain 9h15 » : the line described, then
            return answer_message(dispatcher, tracker, replace(reading, intent="ask_is_open"))
        if current.sans_description is not None and (family := next(
                (f for families in aspects(text) for f in families if f in CONTACT_FAMILIES), None)):
            # « c koi le num des gens de payplug qui soccupent des banques » : the line described, what its words ask
            return answer_message(dispatcher, tracker, replace(reading, intent=family))
        if names_subject and (asks_if_shareable(text) or (
                focus.point in (PUBLIC, PUBLIC_EITHER) and opens_like_a_follow_up(text) and asks_if_it_will_do(text))):
            # « et celui du partenariat, je peux le donner aussi ? » : who the named line is for ; « et l'adresse de la
            # monétique pro juste en dessous, ça passe ? » after « je la mets dans ma signature ? » : the same question
            return answer_message(dispatcher, tracker, replace(reading, intent=AUDIENCE))
        if written_for(text) is not None and quoted_contacts(cat, text):
            # « jecris a un boulanger payplug : 'contactez le support au +33 1 76 34 01 55' c bon » : the lines the
            # written text quotes, checked for whom it is written (`cecaz.resolve.lines_and_steps`)
            return answer_message(dispatcher, tracker, replace(reading, intent=AUDIENCE))
        if is_elliptical(text) and quoted_contacts(cat, text):
            # « et assistance-monetiquepro@natixis.com ? » : the quoted line, asked like the previous one (« le 08…
            # je peux le donner ? ») ; the yes/no on its public also says what it is for.
            return answer_message(dispatcher, tracker, replace(reading, intent=AUDIENCE))
        if not names_subject and focus.contacts and asks_us_or_them(text):
            # « c le num du commercant ou le notre » after a line: whom it serves
            return answer_message(dispatcher, tracker, replace(reading, intent=AUDIENCE))
        if not names_subject and focus.contacts and focus.intent in CONTACT_FAMILIES \
                and (listed_line(text, focus) or asks_which_line(text)):
            # « et le premier des deux, on peut le composer nous aussi ? », « et la ligne rien que pour nous c
            # laquelle » after lines: that line, or the line for that public, asked like the previous question
            return answer_message(dispatcher, tracker, replace(reading, intent=str(focus.intent)))
        a_line = set(named) == {FIELDS["service"]} or bool(focus.contacts) and set(named) <= {
            FIELDS["service"], FIELDS["offer"]}
        if a_line and asks_what_a_line_is_for(text):
            # « et nous, on s'en sert pour quoi, de l'équipe partenariat ? » : what the line is for (`audiences`)
            return answer_message(dispatcher, tracker, replace(reading, intent=AUDIENCE))
        if not names_subject and focus.contacts and asks_call_cost(text):
            # « lequel est payant ? », « y en a un des deux qui est payant ? » after lines: the price of a call
            return answer_message(dispatcher, tracker, replace(reading, intent="ask_phone"))
        if names_subject and focus.contacts and asks_what_to_give(text):
            # « ok et il est en JPEL, je lui donne quoi à la place ? » after a line: the lines to give that client.
            return answer_message(dispatcher, tracker, replace(reading, intent=LINES_GIVEN, audience=CLIENT))
        # (a why asks the reason of the previous answer: « et jpel ça règle le pb pk ? »)
        described_asked = without_the_descriptions(cat, text)  # what is asked, without what describes the subject
        own_question = has_question_word(the_question_itself(text)) and not _A_WHY.search(fold(text)) \
            and subject_aspect_guess(cat, described_asked, reading, text)
        if focus.intent and names_subject and (is_elliptical(text) or is_correcting(text)) and not own_question:
            # « et pour des cb classiques ? », « non pardon, pour des cartes standards » with an unknown
            # word: a subject (or a corrected one) after a previous answer ; not « et le support, il prend quelles
            # demandes ? », which asks its own question of the subject.
            intent = CORRECTION if is_correcting(text) else SUBJECT_ONLY
            return answer_message(dispatcher, tracker, replace(reading, intent=intent))
        # The vocabulary fallback marks mostly unknown words with confidence 1.0: never guessed.
        unknown_words = float((message.get("intent") or {}).get("confidence") or 0.0) >= 1.0
        guess = None if names_subject or unknown_words else follow_up_guess(
            text, message.get("intent_ranking") or [], focus)
        if (not guess or names_the_flows(text)) and focus.intent in FAMILIES and asks_who_does(
                cat, text, designated(cat, focus)):
            # « c'est BPCE qui gère ? », « ils s'occupent aussi de la page de paiement ? » : yes or no on the previous
            # answer's subject; after contact lines, on who assists (the lines' answer says it).
            # « et c'est pas eux qui font aussi l'acquisition ? » after Payplug's phone: who handles the flows is in
            # the contracts' answer (« full service »).
            # « le support du site par contre c eux » after IZ eCommerce: the aspect the words name, for that subject
            guess = "ask_contracts" if names_the_flows(text) else \
                LINES_GIVEN if focus.intent in CONTACT_FAMILIES else \
                aspect_family(text, focus.intent, accepted_families(focus)) or focus.intent
        if not guess and set(named) <= {FIELDS["role"]} and focus.intent == RECOMMENDATION and focus.offres \
                and asks_who_does(cat, text, designated(cat, focus)):
            # « dc c le client final qui tape sa carte ? », « c'est le CIF qui signe, du coup ? » after a
            # recommendation: who does it with the offer advised (the role named is who is asked about)
            guess = aspect_family(text, "ask_offer_definition", accepted_families(focus)) or "ask_offer_definition"
        besides_cards = set(named) - {FIELDS["offer"], FIELDS["card"]}
        if not guess and named.get(FIELDS["card"]) and (not besides_cards and (
                asks_whom_to_call_to_join(text) or asks_how_it_goes(text)) or besides_cards <= {FIELDS["role"]}
                and asks_how_a_card_is_joined(cat, text, reading.cartes)):
            # « mon client SP+ veut ajouter l'AMEX, il s'adresse à qui ? », « … accepter les Diners et l'AMEX : comment
            # ça se passe pour chacune ? » : what each card takes (an affiliation, or a simulator) ; « c'est le CIF qui
            # la lui ouvre ? » of the AMEX : the client joins it himself
            guess = "ask_affiliation"
        if not guess and not names_subject and asks_if_same_coordinate(text, focus):
            guess = str(focus.intent)  # « c'est le même ? » after two lines' addresses
        if not guess and detail_checked(cat, text, named, focus, runtime.now()):
            guess = str(focus.intent)  # « avec l'accord du réseau aussi ? » : a detail of the previous answer
        if not guess and not names_subject and focus.intent in FAMILIES and says_a_fact_back(cat, text) \
                and confirmation_verdict(cat, text, compose(cat, same_question(focus), runtime.now())):
            guess = str(focus.intent)  # « cest pr tous les types de clients » after SP+ : what it said, said back
        # (a line's public guessed from the ranking when no line is in focus is no question: « De quelle ligne… ? »)
        if (not guess or (guess == AUDIENCE and not focus.contacts)) and focus.cartes and not focus.offres \
                and set(named) <= {FIELDS["role"]} and len(cat.joined_directly(focus.cartes)) == len(focus.cartes) \
                and goes_through_us(text):
            # « elle me demande si elle peut faire la demande par son agence » after the ANCV (« agence » names the
            # network): no, she asks the organisation in direct
            guess = "ask_affiliation"
        if not guess and not names_subject and affiliation_asked(cat, text, focus):
            guess = "ask_affiliation"  # « c'est bien lui qui doit faire la demande ? » after a recommendation with ANCV
        if not guess and not unknown_words and set(named) <= {FIELDS["offer"], FIELDS["card"]} \
                and describes_keyed_entry(text):
            guess = "ask_vad"  # « il veut prendre les cb par tel et taper les num lui-même, c ok ? » : the VAD practice
        if not guess and set(named) <= {FIELDS["offer"], FIELDS["card"]} and len(named.get(FIELDS["offer"], ())) == 1 \
                and asks_the_offer_proposed_first(text):
            guess = "ask_choose_offer"  # « …, on lui propose sp+ direct » : whether it is the offer proposed first
        if not guess and focus.intent in FAMILIES and advice_verdict(cat, text, focus.offres):
            guess = focus.intent  # « on le conseille ? » after the VAD contract: no, then the same answer
        if not guess and not names_subject and is_who_question(text) and (
                roles_doing(cat, text) or roles_for_aspect(cat, text, ())):
            # « qui fait le diagnostic des besoins ? », « c'est qui qui les tarife ? » : le rôle dont c'est la mission
            guess = "ask_role"
        if not guess and not names_subject and focus.acteurs and focus.acteurs[0] in cat.roles \
                and PERSON.search(fold(text)) and asks_what_someone_does(text):
            guess = "ask_role"  # « il fait koi dautre » after « c'est qui qui signe ? » : the person the answer named
        if not guess and not names_subject and is_who_question(text) and focus.acteurs and not aspects(text):
            # « par qui ? » after SP+'s contracts, « et au final c qui qui tranche ? » after the default offer: the
            # person the answer names first
            guess = "ask_role"
        if not guess and (not names_subject or names_only_the_generic_card(named)) and not unknown_words \
                and asks_all_offers(text):
            guess = "ask_offers_overview"  # « la caisse propose quoi comme offres e-commerce ? »
        if not guess and names_subject and asks_why(text) and not relays_whom_to_call(text):
            # « pk c'est payplug qui vire et pas nous ? » : the reason of the previous answer; « pourquoi je dois
            # passer par un CIF ? » as a first question: the reason the document gives for what it names
            guess = WHY
        if not guess and set(named) == {FIELDS["offer"]} and asks_benefit(text):
            guess = "ask_offer_definition"  # « c koi l'intérêt de JPEL pour un commerçant qui vend par tél ? »
        if not guess and not names_subject and client_kind(cat, text, focus):
            guess = "ask_offer_definition"  # « même pour un petit commerçant ? » after SP+ : whom the offer is for
        if not guess and named.get("offres") and asks_who_does(cat, text, ()) and (found := aspects(text)):
            # « il part sur SP+ : c'est à moi de faire la simulation ? » : who does what its words name, for that offer
            guess = found[0][0]
        if not guess and (named.get("offres") or (not names_subject and focus.offres)) and closed_point(text):
            # « JPEL ça suppose que le commerçant ait un site ? », « faut faire une simu aussi ? » after SP+'s
            # contracts: yes or no for the offer named, or in focus
            guess = "ask_offer_definition"
        if not guess and set(named) == {"offres"} and focus.intent == "ask_contracts" and asks_for_one_of_them(text):
            guess = SUBJECT_ONLY  # « et pour jpel faut en ouvrir un aussi ? » after Payplug's contracts: that verdict
        if not guess and names_subject and (named.get("outils") or not asks_for_a_line(text)):
            # « OSC sert aussi pour Payplug ? », not « et pour mon client iz, je lui donne quel num ? » after SimulEasy
            guess = tool_for_offer(named, focus)
        if not guess and set(named) == {"outils", "cartes"} and set(reading.outils) <= SIMULATORS and is_closed(text):
            guess = "ask_simulator"  # « et simuleasy il sert pr les cartes chinoises » : whether it prices those cards
        if not guess and names_subject and focus.intent and asks_about_previous_answer(text) and not own_question:
            # « il sert aussi pour les diners ? » after a recommendation with SimulUPI: the answer's subject, for that
            guess = SUBJECT_ONLY
        if not guess and (sells_it(cat, text, named) or (not named and focus.intent and sellers(cat, text))):
            # « je suis conseiller, je peux vendre SP+ moi-même ? », « et moi, conseiller en agence, je peux le
            # vendre ? » after an offer: the role that sells it
            guess = "ask_role"
        if not guess and not unknown_words and not roles_doing(cat, text) and lines_for_requests(
                cat, text, reading.offres or focus.offres or offers_served(cat, focus.contacts)):
            guess = LINES_GIVEN  # « et nous si on a un lead payplug à faire traiter ? » : the line for those requests
        if not guess and not unknown_words:
            # « l'équipe partenariat, on les appelle comment ? » (not what describes the subject: « la formule sans
            # site où l'acheteur tape sa carte, ça se tarife comment »)
            guess = subject_aspect_guess(cat, described_asked, reading, text)
        if not guess and not unknown_words and set(named) == {FIELDS["tool"]}:
            guess = DEFAULT_FAMILY["tool"]  # « je saisis un lead monexpert ? » : what the document says of that tool
        if not guess and other_lines(cat, text, focus):
            guess = CORRECTION  # « pas celui-là, l'autre » after a contact line
        if not guess and (focus.intent in CONTACT_FAMILIES or focus.contacts) \
                and payment_pages_elsewhere(cat, text, focus):
            # « et si le souci vient de la page de paiement ? » after IZ eCommerce's support (or whether a line may be
            # given to its client): Payplug's
            guess = focus.intent if focus.intent in CONTACT_FAMILIES else "ask_support"
        if not guess and not names_subject and asks_which_line_answers(text) and asked_moment(text, runtime.now()) \
                and not day_describes_the_line(text, runtime.now()):
            guess = "ask_is_open"  # « et le samedi nous on a quelle ligne » : the lines open then
        if not guess and quoted_contacts(cat, text):
            guess = LINES_GIVEN  # « le +33 1 76 34 01 55, c'est quelle équipe ? » : what the quoted line is for
        if guess:
            # A hesitant follow-up that refers back to the previous answer: read against the focus.
            return answer_message(dispatcher, tracker, replace(reading, intent=guess))
        buttons = suggestions(message.get("intent_ranking") or [], offers_json(offres))
        has_suggestions = len(buttons) > 1
        # Last resort: the passage of the reference document closest to the question, quoted, then the buttons.
        hit = last_resort(catalogue_index(cat), text, message.get("intent_ranking") or [])
        # « c'est quoi la durée de rétractation ? » : what the document never names is said first
        silence = silence_lead(cat, text, closest=hit is not None)
        if hit:
            logger.info("event=document_passage score=%.3f section=%s", hit.score, hit.passage.section)
            utter(dispatcher, Answer(f"{silence}\n{quote(hit.passage)}" if silence else quote(hit.passage)))
        elif silence:
            utter(dispatcher, Answer(silence))
        utter(dispatcher, Answer(clarification_text(has_suggestions or hit is not None, text),
                                 buttons if has_suggestions else [*example_buttons(), buttons[-1]]))
        # The unclear message must not steer the next predictions.
        return [UserUtteranceReverted()]


class ActionOutOfScope(Action):
    """Hors sujet pour DIET. Mais « ça tombe sur quel compte ? » juste après une réponse sur Payplug
    est une relance : ses mots disent l'aspect (`cecaz.aspects`), le focus dit le sujet."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        text = message_text(tracker)
        reading = read_question(cat, tracker)
        focus = read_focus(cat, tracker)
        named = named_subjects(reading)
        # « et moi côté agence ? » after client lines: « agence » is who asks (dropped by the reading), not a subject.
        guess = None if named or foreign_subject(text) \
            else follow_up_guess(text, [], focus)
        if guess:
            return answer_message(dispatcher, tracker, replace(reading, intent=guess))
        if set(named) - {FIELDS["role"]} and not foreign_subject(text):
            # « je suis en agence, je peux vendre SP+ direct à mon pro ? » : a subject of the catalogue is named, so
            # the message is about the offers even when DIET reads it off-topic; read as an unsure message.
            return await ActionClarify().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
