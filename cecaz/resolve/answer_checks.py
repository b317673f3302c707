"""Vérifications sur la réponse en focus et sur les organismes : une étape de la lecture d'un message par rapport
au focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Mapping, Optional, Sequence, Tuple

from cecaz.aspects import (
    PAYMENT_PAGES,
    asks_the_offer_proposed_first,
    asks_who_they_are,
    asks_whom_to_call_for_trouble,
    asks_whom_to_call_to_join,
    asks_why,
    aspects,
    describes_keyed_entry,
    goes_through_us,
    is_who_question,
    names_the_doer,
    tells_a_trouble,
)
from cecaz.audience import (
    CLIENT,
    asks_if_for_staff,
    asks_if_it_is_for,
    asks_if_shareable,
    asks_if_staff_may_use,
    audience_of,
)
from cecaz.catalogue import Catalogue
from cecaz.designation import only_designates
from cecaz.doers import Doer, asks_who_does, doer_check
from cecaz.families import FAMILIES, compose
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    FOR_WHOM,
    OFFER_DOINGS,
    PUBLIC,
    PUBLIC_EITHER,
    RECOMMENDATION,
    WHICH_OFFER,
    WHY,
    Focus,
    Resolution,
    client_kind,
    contract_claim,
    coordinate_asked,
    designated,
    detail_checked,
    listed_position,
    offer_left,
    offers_by_notion,
    opens_like_a_follow_up,
    payment_pages_elsewhere,
    place_checked,
    question_of,
    recommended_offer,
    replaces_the_vad,
    same_question,
    set_aside_offers,
    simulator_claim,
    simulator_for_card,
    site_itself,
    tool_users,
    who_in_the_answer,
)
from cecaz.lines_in_focus import (
    asks_call_cost,
    listed_line,
    listed_subject,
    other_lines,
    other_listed_subject,
    quoted_contacts,
    same_coordinate,
    staff_verdict,
    the_other_line,
)
from cecaz.merchant import offers_of_the_client
from cecaz.phrasing import GENERIC_SERVICES, Question
from cecaz.resolve.message import Message
from cecaz.textnorm import BY_ONESELF, LINE_NOUN, fold
from cecaz.verdicts import asks_if_alone, call_cost_verdict, is_closed, staff_line_verdict
from cecaz.when import asked_moment, asks_now, names_a_moment

# « on y touche pour un commerçant Payplug ? », « on s'en sert pour JPEL ? » after a tool: its use for that offer
# (« touche » is not the funds here).
# « c'est l'ATC qui s'en sert ? », « c'est le CIF qui l'utilise ? » : who uses the tool in focus
_WHO_USES_IT = re.compile(r"\bqui (?:s en |s y |l |en |y )(?:sert|utilise|touche|a besoin)\w*")


# « il peut appeler le 08… samedi matin ? », « ils répondent samedi vers 10h ? » : calling or answering at a moment
_CALL_OR_ANSWER = re.compile(r"\b(?:appel\w*|joindre|joins|joint|joignables?|contact\w*|repond\w*|ouvert\w*|ouvre\w*|"
                             r"dispos?|disponibles?|bosse\w*|travaill\w*|decroch\w*)\b")


def _open_at_a_moment(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]], focus: Focus,
                      now: datetime) -> Optional[Resolution]:
    """« mon client sp+ peut appeler le 08 10 00 47 24 samedi matin ? », « je dois rappeler la monétique pro pour un
    client JPEL : ils répondent samedi vers 10h ? », « le 07… il répond là maintenant ? » : a closed question on
    calling a line quoted or named at a moment (now without one) is whether it is open then (`ask_is_open`), whatever
    else the message says of the situation; the merchant's lines only when he is the one calling. « il peut les
    joindre ce soir à 18h30 ? », « il peut l'appeler demain à 8h50 ? » : the lines in focus, named by a pronoun, at a
    moment said (not who may call them, as the same words without a moment ask). None otherwise."""
    moment = asked_moment(text, now)
    if (moment is None and not asks_now(text)) or not _CALL_OR_ANSWER.search(fold(text)) or not is_closed(text):
        return None
    if quoted := quoted_contacts(cat, text):
        return Resolution(question_of("ask_is_open", {}, contacts=quoted, moment=moment))
    # « pour le lead d'un torréfacteur, je contacte l'équipe partenariat : je peux les appeler demain à 9h15 ? » : the
    # lead says why he calls, the line is the service named
    lines = {f: ids for f, ids in named.items() if f != "outils"}
    if lines and set(lines) <= {"offres", "services"}:
        return Resolution(question_of("ask_is_open", lines, moment=moment,
                                      audience=CLIENT if audience_of(text) == CLIENT else None))
    if not named and moment is not None and focus.contacts and asks_if_shareable(text):
        # (the other questions at a moment on the lines in focus are read with the focus: `question_for_the_focus`)
        return Resolution(question_of("ask_is_open", focus.subjects(), contacts=focus.contacts, moment=moment,
                                      audience=CLIENT if audience_of(text) == CLIENT else None))
    return None


# « y a une autre ligne… ? », « un autre numéro que celui-là ? » : a line besides those given (folded text)
_ANOTHER_LINE = re.compile(rf"\b(?:une|un|d|des) autres? {LINE_NOUN}\b")

# « je l'envoie vers Payplug ? », « je le renvoie chez SP+ ? » : where the adviser sends the merchant
_SEND_TO = re.compile(r"\b(?:envoi\w*|envoy\w*|renvoi\w*|renvoy\w*|orient\w*|redirig\w*|dirig\w*) "
                      r"(?:vers|chez) (?P<to>.+)$")


def _sent_to_an_offer(cat: Catalogue, text: str) -> Optional[Resolution]:
    """« mon client SP+ a une erreur sur sa page de paiement, je l'envoie vers Payplug ? » : the support of the
    client's offer (of the offer that makes its payment pages, when the trouble is on them: IZ eCommerce → Payplug),
    « Oui. » when that is where the adviser would send him, « Non. » otherwise (section « Comment assister mon
    client ? ») ; None when the message has not that form."""
    sent = _SEND_TO.search(fold(text))
    client = offers_of_the_client(cat, text)
    if sent is None or not client or not (to := cat.find_in_text("offer", sent.group("to"))):
        return None
    offer = cat.offres[client[0]]
    handler = offer.pages_paiement if offer.pages_paiement and PAYMENT_PAGES.search(fold(text)) else client[0]
    verdict = "verdict.oui" if to[0] == handler else "verdict.non"
    return Resolution(question_of("ask_support", {"offres": (handler,)}, audience=CLIENT), cat.say(verdict))


# « on passe par le CIF ? », « faut passer par l'ATC ? » : someone the thing goes through
_THROUGH = re.compile(r"\bpass\w* par\b")
# « il me demande s'il doit contacter American Express lui-même » : the client's own step, in direct
_HIMSELF_TO_THEM = re.compile(r"\b(?:contact\w*|appel\w*|adress\w*|demande\w*|affili\w*|joindre)\b.*"
                              rf"\b(?:{BY_ONESELF}|directement)\b")
# « l'ATC peut faire la demande à sa place ? » : someone able to do the client's step instead of him
_IN_HIS_PLACE = re.compile(r"\ba (?:sa|leur) place\b|\b(?:peut|peuvent|pourrait|pourraient) (?:la |le |les |l |s en )?"
                           r"(?:faire|deposer|envoyer|demander|charger|occuper)\b")


# « et ils lui donnent un numéro, c'est ça ? » : what the card's organisation hands the client (his affiliation number),
# not a line to call
# (« et l'ANCV lui donnera un numéro ? » : whoever gives it, but not the adviser handing a line over, « je peux lui
# donner »)
_HANDED_TO_HIM = re.compile(r"\b(?!(?:je|j|tu|vous|peux|peut|puis|dois|doit|vais|pourrais|pourrait)\b)[\w+]+ "
                            r"(?:lui|leur) (?:donne\w*|fourni\w*|transmet\w*|envoie\w*|attribue\w*|remet\w*)\b")


def _organisations_unlisted(cat: Catalogue, reading: Question, text: str, named: Mapping[str, Sequence[str]],
                           focus: Focus) -> Optional[Resolution]:
    """« et l'ANCV, ils ont un numéro que je peux lui donner ? », « ils ont un mail ? » after AMEX's affiliation: a
    line, an address or hours asked for a card whose organisation the client joins directly: the document gives none
    of their coordinates, only that he asks them himself (section « Quelle tarification ? ») ; None otherwise (a
    trouble, an offer or a line named)."""
    if reading.intent not in CONTACT_FAMILIES or reading.intent == AUDIENCE or tells_a_trouble(text):
        return None
    cards = named.get("cartes", ()) if set(named) == {"cartes"} else \
        focus.cartes if not named and focus.intent == "ask_affiliation" else ()
    direct = cat.joined_directly(cards)
    if not direct or len(direct) != len(cards):
        return None
    # (« et l'ANCV lui donne quoi ? », « elle lui attribuera un numéro ? » : what the organisation hands him, the
    # affiliate number of the affiliation, not its coordinates)
    return Resolution(question_of("ask_affiliation", {"cartes": direct}),
                      None if _HANDED_TO_HIM.search(fold(text)) else cat.say("contacts.organisme_sans_coordonnees"))


def _in_direct_verdict(cat: Catalogue, text: str) -> Optional[str]:
    """« il me demande s'il doit contacter American Express lui-même » : « Oui. », the client asks the card's
    organisation in direct (section « Quelle tarification ? ») ; None for another question."""
    folded = fold(text)
    if is_closed(text) and _HIMSELF_TO_THEM.search(folded) and not goes_through_us(text) and not names_the_doer(text):
        return cat.say("verdict.oui")
    return None


def _joined_without_us(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]],
                       focus: Focus) -> Optional[Resolution]:
    """« pour les chèques-vacances, on passe par le CIF ? », « il doit passer par le CIF pour sa demande, si ? »,
    « l'ATC peut la faire à sa place ? », « elle peut faire la demande par son agence ? » after AMEX's affiliation:
    « Non. », the client joins the card's organisation himself (section « Quelle tarification ? »), for cards named
    with the role, else those of a focus without offer ; « il doit contacter American Express lui-même ? » : « Oui. » ;
    None otherwise."""
    cards = named.get("cartes", ()) if set(named) in ({"cartes", "roles"}, {"cartes"}) else \
        focus.cartes if (set(named) == {"roles"} or not named and goes_through_us(text)) and not focus.offres else ()
    if not cards or not is_closed(text) or len(cat.joined_directly(cards)) != len(cards):
        return None
    if set(named) == {"cartes"} and (himself := _in_direct_verdict(cat, text)) is not None:
        return Resolution(question_of("ask_affiliation", {"cartes": tuple(cards)}), himself)
    if not goes_through_us(text) and (set(named) == {"cartes"} or not (
            _THROUGH.search(fold(text)) or _IN_HIS_PLACE.search(fold(text)) or names_the_doer(text))):
        return None
    return Resolution(question_of("ask_affiliation", {"cartes": tuple(cards)}), cat.say("verdict.non"))


# « la boîte qui fait les sites », « la société qui… » : a company said by what it does (an offer's notion).
_THE_COMPANY = re.compile(r"\b(?:boite|societe|entreprise|prestataire|partenaire|filiale|structure)s? qui\b")


_ITS_NAME = re.compile(r"\b(?:c (?:est )?laquelle|(?:elle )?s appelle comment|comment (?:elle )?s appelle|son nom)\b")


# « ils gèrent aussi… ? », « iz fait les pages ? » : whether someone does something.
_DOES = re.compile(r"\b(?:gere\w*|occupe\w*|fai[st]|font|prenn?\w* en charge|assur\w*|propos\w*|fourni\w*|"
                   r"inclu\w*|compren\w*|c est eux|c est lui)\b")


def _doer_in_the_offers_answer(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]], focus: Focus,
                               now: datetime, previous_text: str = "") -> Optional[Tuple[str, Doer]]:
    """« c'est pas le CIF qui signe ? » naming only a role, after an answer on an offer, or « et c'est le réseau qui
    décide ? » after an answer on the roles that names it: who does it according to a sentence of that answer
    (`cecaz.doers.doer_check`; « c'est pas le CIF ? » : the action of `previous_text`), or of the offer's answer on its
    contracts, funds or pricing: (family of that answer, who does it) ; None when no sentence of them says that
    action."""
    # « c'est bien le CIF qui les paramètre dans OSC ? » : a tool that answer names is no new subject
    if set(named) - {"outils"} != {"roles"} or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE) \
            or not is_closed(text):
        return None
    # « c pas l'ATC ? » after « qui pilote la mise en place ? » : someone the answer names, checked in it
    if not (focus.offres and focus.intent != "ask_role") and not set(named["roles"]) <= set(focus.roles) | set(
            focus.acteurs):
        return None
    # « et c'est le CIF qui signe ? » after Payplug's pricing: the answer that says who signs for that offer; « et les
    # contrats, c'est le CIF qui… ? » : the answer on the aspect named first
    doings = OFFER_DOINGS if focus.offres and focus.intent != "ask_role" else ()
    named_aspect = tuple(f for families in aspects(text) for f in families if f in doings)
    families = (*named_aspect, str(focus.intent), *doings)
    for family in dict.fromkeys(families):
        answer = compose(cat, question_of(family, focus.subjects()), now)
        found = doer_check(cat, text, answer.text, previous_texts=(previous_text,) if previous_text else ())
        if found is not None and found.statement in answer.text \
                and set(named.get("outils", ())) <= set(cat.find_in_text("tool", answer.text)):
            return family, found
    return None


def _same_question_on(focus: Focus, lines: Tuple[str, ...]) -> Question:
    """The question the focus answered, asked again of `lines` (whom they serve, when that was the question)."""
    if focus.point in (PUBLIC, PUBLIC_EITHER):
        return question_of(AUDIENCE, focus.subjects(), contacts=lines, either_or=focus.point == PUBLIC_EITHER,
                           audience=focus.audience)
    return question_of(str(focus.intent), focus.subjects(), contacts=lines, moment=focus.moment,
                       audience=focus.audience)


# « aussi », « pareil » : the question before, for what the message names
_LIKEWISE = re.compile(r"\b(?:aussi|pareil|idem|egalement|de meme)\b")


def checks_on_the_answer(m: Message) -> Optional[Resolution]:
    """Checks on the answer in focus and on the organisations: a card joined directly, the default offer, a line
    listed, a claim to confirm (a contract, a doer, a place, a detail), the payment pages of another offer."""
    cat, reading, text, focus = m.cat, m.reading, m.text, m.focus
    now, previous_text, named = m.now, m.previous_text, m.named
    if reading.intent != WHY and (kept := tuple(o for o in named.get("offres", ())
                                                if o not in set_aside_offers(cat, text))) \
            and kept != named.get("offres", ()):
        # « un bijoutier a un site mais Payplug ne lui convient pas, il part sur SP+ : qui lui fait signer ? » : SP+
        named = {**named, "offres": kept}
        reading = replace(reading, offres=kept)
    elif reading.intent != WHY and named.get("offres") and (left := offer_left(cat, text)):
        # « un restaurant a un site et Payplug ne lui plaît pas, il faut quand même une simu ? » : SP+, the offer left
        named = {**named, "offres": (left,)}
        reading = replace(reading, offres=(left,))
    if set(named) <= {"offres", "cartes"} and asks_whom_to_call_to_join(text) \
            and (direct := cat.joined_directly(named.get("cartes", ()))):
        # « mon client SP+ veut ajouter l'AMEX, il s'adresse à qui ? » : the card's organisation, in direct (section
        # « Quelle tarification ? »), whatever his offer
        return Resolution(question_of("ask_affiliation", {"cartes": direct}), _in_direct_verdict(cat, text))
    if (unlisted := _organisations_unlisted(cat, reading, text, named, focus)) is not None:
        return unlisted
    if (joined := _joined_without_us(cat, text, named, focus)) is not None:
        return joined
    if set(named) == {"offres"} and len(named["offres"]) == 1 and reading.intent != WHY and is_closed(text) \
            and asks_the_offer_proposed_first(text):
        # « et SP+, on le propose d'office ? » after a line: whether it is the offer proposed by default (Payplug),
        # not the previous question for SP+ (`cecaz.verdicts.default_verdict` says yes or no)
        return Resolution(question_of("ask_choose_offer", named))
    if set(named) == {"roles"} and set(named["roles"]) <= set(focus.acteurs) and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE, "ask_role") and asks_if_alone(text):
        # « dc le cif la fixe seul » after JPEL's pricing: the same answer, opened by « Non » (`alone_verdict`), not
        # the pricing of every offer for the CIF ; « la tarif de l'acceptation, le CIF la fixe tout seul ? » after
        # SP+'s contracts: the question its words say, for that offer
        worded = [f for found in aspects(text) for f in found if f in FAMILIES]
        if worded and focus.intent not in worded and focus.offres:
            return Resolution(question_of(worded[0], {"offres": focus.offres}))
        return Resolution(same_question(focus))
    if set(named) == {"roles"} and set(named["roles"]) <= set(focus.acteurs) and focus.intent == "ask_role" \
            and asks_if_alone(text):
        # « et le CIF, il les fixe seul ? » after the roles: that role and those its mission names beside it (the
        # network it agrees with), opened by « Non » (`alone_verdict`)
        return Resolution(question_of("ask_role", {"roles": tuple(dict.fromkeys((*named["roles"], *focus.acteurs)))}))
    if (at_a_moment := _open_at_a_moment(cat, text, named, focus, now)) is not None:
        return at_a_moment
    if (sent := _sent_to_an_offer(cat, text)) is not None:
        return sent
    if (named_simulator := simulator_for_card(cat, text, named)) is not None:
        # « pour un client jpel qui prend les diners, on fait la simu sur simuleasy ? » : whether that simulator is the
        # card's, then the card's simulator
        return named_simulator
    if focus.sans_description is not None and focus.point in (PUBLIC, PUBLIC_EITHER) and is_closed(text) \
            and opens_like_a_follow_up(text) and not names_a_moment(text) \
            and (asks_if_shareable(text) or _LIKEWISE.search(fold(text))):
        # « et la hotline interne de natixis aussi ds le mail » after « je peux la mettre dans mon mail au client ? » :
        # the same question on the line described (not « et elle bosse le samedi, la ligne interne ? »)
        return Resolution(_same_question_on(focus, focus.contacts))
    if not named and only_designates(text) and (line := listed_line(text, focus) or the_other_line(cat, text, focus)):
        # « et le premier ? », « et l'autre ? » after a question on one of two lines: the same question on that line
        return Resolution(_same_question_on(focus, line))
    if not named and not asks_why(text) and (line := listed_line(text, focus)):
        # (« pourquoi ne pas donner le second au commerçant ? » : the reason, on the line designated, `reasons`)
        # « redis-moi juste le deuxième » after two lines: that line, the same question; « le deuxième c'est
        # interne ? » : whether it is the staff's
        # « et le premier, on peut l'appeler nous aussi ? » : whether the staff may use it too
        staff = staff_verdict(cat, text, line) if asks_if_for_staff(text) else \
            staff_line_verdict(cat, line) if asks_if_staff_may_use(text) else None
        if asks_call_cost(text) and staff is None:
            # « et le second, il est payant ? » : the price of a call to that line
            return Resolution(question_of("ask_phone", focus.subjects(), contacts=line),
                              call_cost_verdict(cat, text, line))
        if ((either_or := bool(FOR_WHOM.search(fold(text)))) or asks_if_shareable(text) or asks_if_it_is_for(text)) \
                and staff is None:
            # « le deuxième numéro c'est pour qui ? » : whom that line serves; « la seconde, le client a le droit de
            # l'appeler ? », « et la 1re c'est bien pour elle ? » : whether that line may be given
            return Resolution(question_of(AUDIENCE, focus.subjects(), contacts=line, either_or=either_or))
        if staff is None and (reading.intent == "ask_is_open" or asked_moment(text, now) is not None):
            # « la seconde répond-elle encore à 17h45 ? » : whether that line is open then, not its hours again
            return Resolution(question_of("ask_is_open", focus.subjects(), contacts=line,
                                          moment=asked_moment(text, now) or focus.moment))
        return Resolution(question_of(coordinate_asked(text) or str(focus.intent), focus.subjects(), contacts=line),
                          staff)
    # (« l'autre, celui de payplug ? » picks one of the lines listed: `listed_line` and the designation read it)
    offers_named = named.get("offres", ()) if set(named) == {"offres"} and _ANOTHER_LINE.search(fold(text)) else ()
    if (not named and reading.intent in CONTACT_FAMILIES or offers_named and reading.intent != WHY) \
            and reading.intent != AUDIENCE and (others := other_lines(cat, text, focus, offers_named)):
        # « y a une autre ligne pour lui ? » after a client line, read as a support question: the offer's other lines,
        # those to give him when he is the one calling; « et pr un client sp+ y a une autre ligne en plus de celle
        # la » after the BPCE line: SP+'s other lines
        audience = audience_of(text) or focus.audience
        if audience == CLIENT:
            others = tuple(c for c in others if cat.contacts[c].for_clients)
        if others:
            return Resolution(question_of(str(focus.intent), {"offres": offers_named or focus.offres}, contacts=others,
                                          audience=audience))
    if not named and listed_position(previous_text) is not None \
            and (other := other_listed_subject(cat, text, focus, now)):
        # « et pour l'autre ? » after « la première, quel numéro… ? » that picked one of two offers: the same question
        # for the other one
        return Resolution(question_of(str(focus.intent), other, audience=focus.audience))
    if set(named) <= {"services"} and set(named.get("services", ())) <= GENERIC_SERVICES \
            and (listed := listed_subject(cat, text, focus, now)):
        # « la deuxième, qui assure son assistance ? » after the two payment-page offers: SP+ (and its assistance)
        named = {**named, **listed}
        reading = replace(reading, offres=listed.get("offres", ()), outils=listed.get("outils", ()))
    if not named and focus.offres and WHICH_OFFER.search(fold(text)):
        # « ça concerne quelle offre ? » after the full service: the offer the answer was about.
        return Resolution(question_of("ask_offer_definition", {"offres": focus.offres}))
    if claimed_for_focus := contract_claim(cat, text, named, focus):
        # « et il faut pas un contrat VAD, si ? » after JPEL: no, and JPEL's contracts (before the VAD's own answer)
        return claimed_for_focus
    if set(named.get("offres", ("vad",))) == {"vad"} and replaces_the_vad(text, focus):
        # « ok et on lui met quoi à la place ? » after the VAD contract, whatever DIET read: what the CECAZ proposes.
        return Resolution(question_of("ask_vad", {"offres": ("vad",)}))
    if reading.intent == "ask_vad" and set(named) == {"offres"} and "vad" in named["offres"] \
            and set(named["offres"]) <= {"vad", "jpel"}:
        # « on peut encore ouvrir un contrat VAD ? », « qu'est-ce que JPEL apporte de plus qu'un contrat VAD ? » : the
        # document says one thing of the VAD contract (discouraged, why, JPEL instead); its words are its name.
        return Resolution(question_of("ask_vad", {"offres": ("vad",)}))
    if set(named) <= {"offres", "cartes"} and set(named.get("offres", ("vad",))) == {"vad"} \
            and set(named.get("cartes", ())) <= {"standard"} and describes_keyed_entry(text) \
            and reading.intent not in (WHY, AUDIENCE) and not is_who_question(text):
        # (« les cb » only says which cards he takes)
        # « il prend les num de cb au tel et les tape lui-même, ça pose souci ? » read as a phone question: the
        # practice the document calls a VAD contract, and what it says of it.
        return Resolution(question_of("ask_vad", {"offres": ("vad",)}))
    if (coordinates := same_coordinate(cat, text, named, focus)) is not None:
        return coordinates
    if not named and (who := who_in_the_answer(cat, text, focus, now)):
        # « avec l'accord de qui ? » after JPEL's pricing: the network, named beside « accord » in that answer
        return Resolution(question_of("ask_role", {"roles": (who,)}))
    if set(named) == {"roles"} and is_closed(text) and _WHO_USES_IT.search(fold(text)) \
            and (in_focus := focus.objets or focus.outils) and (users := tool_users(cat, {"outils": in_focus})):
        # « c'est l'ATC qui s'en sert ? » after OSC: no, the CIF (the role whose missions name the tool)
        verdict = "verdict.oui" if set(named["roles"]) <= set(users) else "verdict.non"
        return Resolution(question_of("ask_role", {"roles": users[:1]}), cat.say(verdict))
    # « c'est pas le CIF qui signe ? » after Payplug's contracts: no, Payplug does, for that offer (not the CIF's
    # missions in general); « c'est le CIF qui fait signer le client quand il part sur Payplug ? » : the offer named;
    # « et c le cif qui signe non » after a recommendation: the offer recommended
    if set(named) == {"roles", "offres"} and len(named["offres"]) == 1 and names_the_doer(text):
        doer_named, offers_focus = {"roles": named["roles"]}, Focus("ask_contracts", named["offres"])
    else:
        doer_named = named
        offers_focus = replace(focus, intent="ask_contracts") if focus.intent == RECOMMENDATION and focus.offres \
            else focus
    if (offer_doer := _doer_in_the_offers_answer(cat, text, doer_named, offers_focus, now, previous_text)) is not None:
        family, doer = offer_doer
        return Resolution(question_of(family, offers_focus.subjects()), cat.say(doer.verdict))
    if (not named or set(named) == {"offres"} and len(named["offres"]) == 1) and (kind := client_kind(
            cat, text, Focus("ask_offer_definition", named["offres"]) if named else focus)) is not None:
        # « même pour un petit commerçant ? » after SP+ : yes (« pour tous les types de clients »), or whom it is for
        return kind
    if (placed := place_checked(cat, text, named, focus, now, reading.intent)) is not None:
        return placed
    if checked := detail_checked(cat, text, named, focus, now):
        return Resolution(same_question(focus), checked)
    if "offres" not in named and (noted := offers_by_notion(cat, text)):
        named = {**named, "offres": noted}  # « c'est quoi le full service ? » : Payplug's notion
    if claimed := simulator_claim(cat, text, named, focus):
        return claimed
    if set(named) == {"offres"} and _THE_COMPANY.search(fold(text)) and not PAYMENT_PAGES.search(fold(text)) \
            and set(named["offres"]) == set(offers_by_notion(cat, text)) \
            and (is_who_question(text) or _ITS_NAME.search(fold(text))):
        # « la boîte qui fait les sites, c'est qui déjà ? » : the company said by what it does, not a role.
        return Resolution(question_of("ask_offer_definition", named))
    if set(named) == {"offres"} and len(named["offres"]) == 1 and asks_who_they_are(text):
        # « Ma collègue a noté : « site à créer par IZ eCommerce ». C'est qui, eux ? » : the company named, what it is
        return Resolution(question_of("ask_offer_definition", named))
    if len(named.get("offres", ())) == 1 and set(named) <= {"offres", "services"} \
            and reading.intent in CONTACT_FAMILIES and reading.intent != AUDIENCE \
            and (pages := payment_pages_elsewhere(cat, text, Focus(offres=named["offres"]))):
        # « un client IZ a un souci sur sa page de paiement, il appelle qui ? » : the pages are Payplug's, and so is
        # their support.
        return Resolution(question_of(reading.intent, {"offres": (pages,), "services": ("support",)}),
                          cat.say("pages.autre_offre", offre=cat.offres[named["offres"][0]], offres=[pages]))
    # « et si elle a un souci sur sa page de paiement ? » after a card's affiliation that followed a recommendation:
    # the client's pages are those of the offer recommended
    clients_site = focus if focus.offres else replace(focus, offres=recommended_offer(cat, focus))
    if "offres" not in named and (focus.intent in CONTACT_FAMILIES or reading.intent in CONTACT_FAMILIES
                                  or asks_whom_to_call_for_trouble(text)) and (
            pages := payment_pages_elsewhere(cat, text, clients_site, previous_text)):
        # « et si c'est la page de paiement qui bug ? » after IZ eCommerce's support: the pages are Payplug's, and
        # so is their support ; « donc si la page plante il appelle qui ? » after what IZ eCommerce is, too.
        # « et la page de paiement, c'est eux aussi ? » : no first, since it is another offer.
        phrase = "pages.autre_offre_non" if asks_who_does(cat, text, designated(cat, focus)) else "pages.autre_offre"
        family = next((f for f in (reading.intent, focus.intent) if f in CONTACT_FAMILIES and f != AUDIENCE),
                      "ask_support")
        return Resolution(question_of(family, {"offres": (pages,), "services": ("support",)}),
                          cat.say(phrase, offre=cat.offres[clients_site.offres[0]], offres=[pages]))
    if "offres" not in named and focus.intent in CONTACT_FAMILIES and focus.intent != AUDIENCE \
            and (site := site_itself(cat, text, focus, (previous_text, *m.earlier_texts))):
        # « et le site lui-même, quand il bug ? » after Payplug's support for an IZ eCommerce site's payment pages: the
        # site's own support (IZ eCommerce) ; « c'est eux aussi ? » : no first
        lead = cat.say("verdict.non") if asks_who_does(cat, text, designated(cat, focus)) else None
        return Resolution(question_of("ask_support", {"offres": (site,), "services": ("support",)}), lead)
    if "offres" not in named and focus.intent in FAMILIES and focus.intent not in (*CONTACT_FAMILIES, WHY) and (
            pages := payment_pages_elsewhere(cat, text, focus)) and asks_who_does(cat, text, designated(cat, focus)):
        # « et la page de paiement c eux aussi ? » after IZ eCommerce's pricing: no, what IZ eCommerce is (its pages
        # are Payplug's), and IZ eCommerce stays the subject (« et leur support ? » next is still theirs).
        return Resolution(question_of("ask_offer_definition", {"offres": focus.offres[:1]}), cat.say("verdict.non"))
    if set(named) == {"offres"} and len(named["offres"]) == 1 and focus.offres and named["offres"] != focus.offres[:1] \
            and is_closed(text) and (pages := payment_pages_elsewhere(cat, text, focus)):
        # « et le paiement sur le site c'est pas sp+ ? » after IZ eCommerce: no (yes for Payplug), what IZ eCommerce
        # is (its pages are Payplug's), and it stays the subject.
        verdict = "verdict.oui" if named["offres"][0] == pages else "verdict.non"
        return Resolution(question_of("ask_offer_definition", {"offres": focus.offres[:1]}), cat.say(verdict))
    if set(named) == {"offres"} and len(named["offres"]) == 1 and is_closed(text) and (
            pages := payment_pages_elsewhere(cat, text, Focus(offres=named["offres"]))) \
            and pages not in named["offres"] and _DOES.search(fold(text)):
        # « iz ecommerce ils gèrent aussi la page de paiement ? » : no, what IZ eCommerce is (its pages are Payplug's).
        return Resolution(question_of("ask_offer_definition", named), cat.say("verdict.non"))
    m.reading = reading
    m.named = named
    return None
