"""Le focus de la conversation et la lecture d'un message par rapport à lui (docs/conversation.md).

Le focus dit de quoi parlait la dernière réponse : sa famille de question, ses sujets du catalogue,
les contacts qu'elle citait, et la dernière recommandation du diagnostic. `resolve` transforme le
message suivant (relance, pronom, correction, « pourquoi ? ») en une `Question` complète ; `after`
calcule le focus suivant. Fonctions pures, testées sans Rasa (tests/unit/test_focus.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from cecaz.aspects import (
    ASPECTS,
    CONTRACT_ASPECT,
    IT_IS_X_WHO,
    NEED_ASPECT,
    PAYMENT_PAGES,
    RELAYED_WHY,
    WHERE_AFTER,
    WORKS_FOR,
    asks_how_it_goes,
    asks_obligation,
    asks_where,
    asks_whom_to_call_for_trouble,
    asks_whom_to_call_to_join,
    asks_why,
    aspect_family,
    aspects,
    is_who_question,
    names_the_doer,
    names_the_simulation,
    roles_using,
    where_family,
)
from cecaz.audience import (
    CLIENT,
    SOMEONE_ELSE_ASKS,
    STAFF,
    Audience,
    asks_if_shareable,
    asks_if_staff_may_use,
    asks_which_line,
    audience_of,
)
from cecaz.catalogue import ENTITY_KINDS, ENTITY_SECTIONS, Catalogue, EntityKind
from cecaz.diagnostic import describes_the_client, known_facts, observe, offer_before_the_cards
from cecaz.doers import actors_in, asks_who_does, focus_actors
from cecaz.families import FAMILIES, compose
from cecaz.intents import INFORM_PAYMENT_METHODS, NLU_FALLBACK
from cecaz.notions import subjects_by_notion
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES, Answer, Question, lead_lines
from cecaz.reported import reported
from cecaz.steps import NEXT_STEP, at_the_end, opening_of, position_in
from cecaz.textnorm import (
    LINE_DETAIL,
    LINE_NOUN,
    OPENING,
    ORDINAL,
    PLACE,
    RANK,
    RANK_POSITIONS,
    WHAT_FOR,
    content_words,
    fold,
    has_question_word,
    says_either_or,
    the_question_itself,
    without_describing_who,
)
from cecaz.verdicts import (
    CONTRACT,
    SIMULATION,
    SITE,
    WITHOUT_SITE,
    asks_about_us,
    asks_if_contract_needed,
    asks_if_simulation_needed,
    contract_verdict,
    detail_verdict,
    is_closed,
    says_a_detail_back,
)
from cecaz.when import Moment, asks_a_delay, asks_now, names_a_moment, without_a_note_quoted

# Sorte d'entité → champ de `Question` et de `Focus` qui la porte.
FIELDS: Dict[EntityKind, str] = {"offer": "offres", "tool": "outils", "role": "roles", "card": "cartes",
                                 "service": "services"}
# Famille posée quand on nomme un sujet sans rien demander et que la question précédente ne s'y
# applique pas (« et MyGed ? » après une question de téléphone).
DEFAULT_FAMILY: Dict[EntityKind, str] = {"offer": "ask_offer_definition", "tool": "ask_tool", "role": "ask_role",
                                         "card": "ask_affiliation", "service": "ask_support"}
# Relances qui renvoient à la question précédente pour un autre sujet.
SUBJECT_ONLY = "inform_subject"
CORRECTION = "correct_subject"
WHY = "ask_why"
AUDIENCE = "ask_audience"
RECOMMENDATION = "recommendation"  # famille du focus après un diagnostic
HOURS_FAMILIES = ("ask_hours", "ask_is_open")
# Famille du focus quand des lignes ont été données sans question de contact (relais, « c'est pour qui ? »).
LINES_GIVEN = "ask_support"
PRICING_FAMILIES = ("ask_pricing", "ask_simulator")
SIMULATORS = frozenset({"simuleasy", "simulupi"})
STANDARD_CARDS = "standard"  # les cartes des contrats « standards » (CB), simulées avec SimulEasy
CONTACT_FAMILIES = tuple(i for i, f in FAMILIES.items() if f.contacts)
# « c'est pour le client ou pour nous ? » : « et l'équipe partenariat ? » ensuite repose cette question-là.
PUBLIC, PUBLIC_EITHER = "public", "public_ou"  # « je peux le donner au client ? », « pour le client ou pour nous ? »
CLOSED_POINTS = (SITE, WITHOUT_SITE, CONTRACT, SIMULATION, PUBLIC, PUBLIC_EITHER)


@dataclass(frozen=True)
class Focus:
    """De quoi parlait la dernière réponse. `recommendation` : {"facts": {...}, "conclusion": str}."""

    intent: Optional[str] = None
    offres: Tuple[str, ...] = ()
    outils: Tuple[str, ...] = ()
    roles: Tuple[str, ...] = ()
    cartes: Tuple[str, ...] = ()
    services: Tuple[str, ...] = ()
    contacts: Tuple[str, ...] = ()
    recommendation: Optional[Mapping[str, Any]] = None
    acteurs: Tuple[str, ...] = ()  # rôles que nomme la réponse (« qui s'en occupe ? », « pourquoi lui ? »)
    moment: Optional[Moment] = None  # jour ou heure d'une question d'horaires (« et le support payplug ? »)
    audience: Optional[Audience] = None  # pour qui était la ligne demandée (« et à un client payplug ? »)
    regles: Tuple[str, ...] = ()  # outils d’une règle de la réponse (« … doit respecter le schéma délégataire »)
    point: Optional[str] = None  # ce que demandait une question fermée (`cecaz.verdicts`) : « et pour SP+ ? » aussi
    demarche: Optional[str] = None  # démarche dite jusqu'à sa dernière étape (`cecaz.steps`) : « et ensuite ? »
    # l'outil dont on parle encore derrière un rôle (« dans quel outil… ? » → OSC, « qui s'en sert ? » → le CIF) :
    # « il l'utilise aussi pour Payplug ? » parle de cet outil-là
    objets: Tuple[str, ...] = ()
    # ce dont parlait la conversation avant le dernier changement de sujet (un seul niveau) : « pour revenir à SP+,
    # pourquoi ? », « et le premier numéro ? » après un détour (`cecaz.detour.returns_to_earlier`)
    avant: Optional[Focus] = None
    # the focus as the slot held it, when the lines a message describes replaced its lines for that message
    # (`actions.tracker_reading.read_focus`) : the answer before is still that one (never kept in the slot)
    sans_description: Optional[Focus] = field(default=None, compare=False)
    # the lists of two subjects or more of one kind the conversation's answers gave, (field, keys in their order),
    # oldest first (`actions.tracker_reading.lists_shown`, never kept in the slot) : « le second » after a detour
    listes: Tuple[Tuple[str, Tuple[str, ...]], ...] = field(default=(), compare=False)

    def subjects(self) -> Dict[str, Tuple[str, ...]]:
        """Champ de sujet → identifiants (seulement les champs non vides)."""
        return {f: getattr(self, f) for f in FIELDS.values() if getattr(self, f)}

    def taken_from(self, field: str) -> Tuple[str, ...]:
        """La liste de la réponse d'avant (`avant`) dans `field` (« contacts », « offres », « roles »…) quand les
        sujets du focus dans ce champ en sont une partie (l'un y a été pris : « la seconde répond encore à 17h45 ? »
        après deux lignes), sinon ()."""
        mine, theirs = getattr(self, field), getattr(self.avant, field) if self.avant else ()
        return tuple(theirs) if mine and set(mine) < set(theirs) else ()

    def one_level_back(self) -> Optional[Focus]:
        """Ce focus tel qu'on le garde un niveau en arrière (`avant`) quand le sujet change : lui-même (sans son propre
        `avant`) s'il parlait de quelque chose, sinon le focus qu'il gardait déjà en arrière ; pour des lignes que le
        message décrit (`sans_description`), le focus que le slot tenait avant elles."""
        if self.sans_description is not None:
            return self.sans_description.one_level_back()
        return replace(self, avant=None) if self.subjects() or self.contacts or self.objets else self.avant

    def to_slot(self) -> Dict[str, Any]:
        """La valeur du slot `focus` (JSON)."""
        value: Dict[str, Any] = {"intent": self.intent, **{f: list(v) for f, v in self.subjects().items()}}
        if self.contacts:
            value["contacts"] = list(self.contacts)
        if self.recommendation:
            value["recommendation"] = dict(self.recommendation)
        if self.acteurs:
            value["acteurs"] = list(self.acteurs)
        if self.audience:
            value["audience"] = self.audience
        if self.regles:
            value["regles"] = list(self.regles)
        if self.point:
            value["point"] = self.point
        if self.demarche:
            value["demarche"] = self.demarche
        if self.objets:
            value["objets"] = list(self.objets)
        if self.moment:
            value["moment"] = {"jours": list(self.moment.days),
                               "heure": self.moment.at.strftime("%H:%M") if self.moment.at else None}
            # « de 9h à 18h », « jusqu'à 18h » : a period, kept only when there is one
            value["moment"].update({key: at.strftime("%H:%M") for key, at in (
                ("depuis", self.moment.since), ("jusqu", self.moment.until)) if at})
            if self.moment.before:  # « avant 9h30 »
                value["moment"]["avant_l_heure"] = True
        if self.avant:
            value["avant"] = replace(self.avant, avant=None).to_slot()
        return value

    @classmethod
    def from_slot(cls, value: Any, cat: Optional[Catalogue] = None) -> Focus:
        """Le focus lu dans le slot ; une valeur absente ou abîmée donne un focus vide. Avec `cat`,
        les identifiants que le catalogue ne connaît plus (il a pu changer) sont oubliés."""
        if not isinstance(value, Mapping):
            return cls()

        def ids(name: str, section: Optional[str]) -> Tuple[str, ...]:
            raw = value.get(name)
            items = tuple(str(v) for v in raw) if isinstance(raw, list | tuple) else ()
            known = getattr(cat, section) if cat is not None and section else None
            return tuple(i for i in items if known is None or i in known)

        rec = value.get("recommendation")
        intent = value.get("intent")
        return cls(intent if isinstance(intent, str) else None, ids("offres", "offres"), ids("outils", "outils"),
                   ids("roles", "roles"), ids("cartes", "cartes"), ids("services", "services"),
                   ids("contacts", "contacts"), rec if isinstance(rec, Mapping) else None, ids("acteurs", "roles"),
                   _moment_from_slot(value.get("moment")),
                   value.get("audience") if value.get("audience") in (CLIENT, STAFF) else None,
                   ids("regles", "outils"), value.get("point") if value.get("point") in CLOSED_POINTS else None,
                   _known_process(value.get("demarche"), cat), ids("objets", "outils"),
                   replace(cls.from_slot(value["avant"], cat), avant=None) if isinstance(value.get("avant"), Mapping)
                   else None)


def relays_whom_to_call(text: str) -> bool:
    """« un caviste me demande pk il doit appeler BPCE et pas son agence » : a why relayed from the merchant about a
    contact line, which asks whom he calls (a contact question), not the reason of the previous answer."""
    return bool(RELAYED_WHY.search(fold(text))) and any(set(found) & set(CONTACT_FAMILIES) for found in aspects(text))


def _known_process(value: Any, cat: Optional[Catalogue]) -> Optional[str]:
    """La démarche gardée dans le slot, si le catalogue la connaît encore."""
    return value if isinstance(value, str) and (cat is None or value in cat.etapes) else None


def _moment_from_slot(value: Any) -> Optional[Moment]:
    """Le moment gardé dans le slot ({"jours": [5], "heure": "17:45"} ; « de 9h à 18h » : {"depuis": "09:00",
    "jusqu": "18:00"} ; « avant 9h30 » : {"heure": "09:29", "avant_l_heure": true}) ; None s'il est absent ou abîmé."""
    if not isinstance(value, Mapping):
        return None
    days = tuple(d for d in value.get("jours") or () if isinstance(d, int) and 0 <= d <= 6)
    at, since, until = (_time_from_slot(value.get(key)) for key in ("heure", "depuis", "jusqu"))
    return Moment(days, at, since, until, value.get("avant_l_heure") is True) if days or at or since or until \
        else None


def _time_from_slot(value: Any) -> Optional[time]:
    """« 17:45 » gardé dans le slot ; None s'il est absent ou abîmé."""
    try:
        return time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Resolution:
    """Ce qu'il faut répondre : la question complète, et une phrase d'amorce (« D'accord, pour JPEL : »).

    `question` None : le message ne dit pas de quoi il parle et le focus non plus (`lead` dit quoi
    demander)."""

    question: Optional[Question]
    lead: Optional[str] = None
    point: Optional[str] = None  # question fermée (`cecaz.verdicts.SITE`, `CONTRACT`) : gardé dans le focus


def question_of(intent: str, subjects: Mapping[str, Tuple[str, ...]], **extra: Any) -> Question:
    """Une `Question` portant sur ces sujets (champ → identifiants)."""
    return Question(intent, offres=subjects.get("offres", ()), outils=subjects.get("outils", ()),
                    roles=subjects.get("roles", ()), cartes=subjects.get("cartes", ()),
                    services=subjects.get("services", ()), **extra)


def named_subjects(reading: Question) -> Dict[str, Tuple[str, ...]]:
    """Les sujets que nomme le message : champ de sujet (`FIELDS`) → identifiants, champs vides omis."""
    return {f: tuple(getattr(reading, f)) for f in FIELDS.values() if getattr(reading, f)}


def kinds_named(subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[EntityKind, ...]:
    return tuple(k for k, f in FIELDS.items() if f in subjects)


def family_accepts(family: str, subjects: Mapping[str, Tuple[str, ...]]) -> bool:
    kinds = kinds_named(subjects)
    return bool(kinds) and all(k in FAMILIES[family].about for k in kinds)


def offers_talked_about(focus: Focus) -> Tuple[str, ...]:
    """The offers (catalogue keys) a question that names none is about: those of the focus, else, when the last
    answer named neither an offer nor a line (a tool, a rule: « la simulation est déposée dans MyGed »), those of the
    answer before it (`Focus.avant`)."""
    if focus.offres or focus.contacts or focus.avant is None:
        return focus.offres
    return focus.avant.offres


def subject_names(cat: Catalogue, subjects: Mapping[str, Tuple[str, ...]]) -> List[str]:
    """Les noms des sujets (champ → identifiants), tels que le catalogue les écrit."""
    found = []
    for kind, f in FIELDS.items():
        table = getattr(cat, ENTITY_SECTIONS[kind])
        for key in subjects.get(f, ()):
            entry = table.get(key)
            found.append(getattr(entry, "nom", None) or (entry.alias[0] if entry and entry.alias else key))
    return found


def names(cat: Catalogue, subjects: Mapping[str, Tuple[str, ...]]) -> str:
    """« JePaieEnLigne (JPEL) », « Payplug et SP+ » : les noms des sujets, pour une phrase d'amorce."""
    return " et ".join(subject_names(cat, subjects))


# « tu me redonnes l'adresse ? » : the same aspect again, for the subject in focus.
_AGAIN = re.compile(r"\b(?:redonne\w*|repete\w*|rappelle\w*|redi[st]\w*|c etait (?:quoi|lequel|laquelle)|deja)\b")
FOR_WHOM = re.compile(r"\b(?:c est|elle est|il est|ils sont|elles sont)? ?pour qui\b"
                       r"|(?<!\bon )(?<!\bnous )(?<!\by )(?<!\bil y )\ba qui\b(?! je)")
CALL = re.compile(r"\b(?:appel\w*|coute\w* de (?:les )?appeler|a appeler|communication)\b")


def roles_for_who(cat: Catalogue, text: str, subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """« qui s'en sert ? » sur un outil ou une carte (pas une offre : « qui fait le support de
    Payplug ? » a sa réponse) : les rôles dont une mission le nomme ; à défaut, pour un outil, ceux
    que nomme sa description (OSC : le CIF) ou dont une mission porte sur ce qu'il encadre (le schéma
    délégataire encadre la tarification, qu'établit le CIF) ; () sinon."""
    if not is_who_question(text) or "offres" in subjects or not ({"outils", "cartes"} & set(subjects)):
        return ()
    return tool_users(cat, subjects)


def tool_users(cat: Catalogue, subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """Les rôles qui se servent des outils ou des cartes de `subjects` (`roles_for_who`)."""
    using = roles_using(cat, subject_names(cat, subjects))
    descriptions = [cat.outils[t].role for t in subjects.get("outils", ()) if t in cat.outils]
    if using or not descriptions:
        return using
    named = tuple(dict.fromkeys(r for d in descriptions for r in cat.find_in_text("role", d)))
    return named or tuple(key for key, role in cat.roles.items() if any(
        content_words(d) & content_words(m) for d in descriptions for m in role.missions))


def subject_aspect_guess(cat: Catalogue, text: str, reading: Question, typed: str = "") -> Optional[str]:
    """Quand DIET hésite sur un message qui nomme des sujets : « l'équipe partenariat, on les appelle
    comment ? » → `ask_phone` (la première famille d'aspect qui s'applique aux sujets nommés) ;
    « le lead monexpert, c'est qui qui s'en charge ? » → `ask_role` ; un rôle nommé sans aspect (« je dois
    passer par un CIF ? ») → `ask_role`. None : rien de sûr. `text` : le message replié sans ce qui décrit le sujet ;
    `typed` : tel que tapé (un jour écrit dans une note citée n'y est pas le moment demandé)."""
    named = named_subjects(reading)
    if not named:
        return None
    if roles_for_who(cat, text, named) or sells_it(cat, text, named):
        return "ask_role"
    # (« un post-it : « appeler la monétique pro avant samedi ». C'est quoi leurs coordonnées ? » : what the question
    # asks, not what the note says to do)
    # (« dans les notes : « contrat signé par le client ». Et après ? » : the question asks nothing of its own, the note
    # says where the process is)
    asked = without_a_note_quoted(typed) if typed else ""
    found = (aspects(asked) if asked != typed else ()) or aspects(text)
    if "roles" in named and all("ask_role" in families for families in found):
        return "ask_role"  # « pour vendre Payplug je dois passer par un CIF ? » : what the role does
    # « quand le CIF fait la tarif d'un JPEL, y a une règle ? » : the role is who acts, the question is on the offer.
    besides_roles = {f: ids for f, ids in named.items() if f != "roles"}
    # (`typed`, the message as typed, says whether a day is only in a note quoted before the question; without a
    # note, the day is read in the text without what describes the subject)
    if (_DAY.search(fold(asked if asked != typed else text)) or asks_now(text)) \
            and any(set(families) & set(CONTACT_FAMILIES) for families in found) \
            and family_accepts("ask_is_open", named):
        # « un client JPEL veut parler à qqn samedi matin, y a une ligne ? », « ils prennent des appels à l'instant ? »
        return "ask_is_open"
    if asks_for_a_line(text):
        # « si c'est la page de paiement qui plante je lui donne quel num ? » : the line asked for, whatever else it
        # names first
        found = tuple(sorted(found, key=lambda families: not set(families) & set(CONTACT_FAMILIES)))
    guess = next((f for families in found for f in families
                  if family_accepts(f, named) or (besides_roles and family_accepts(f, besides_roles))), None)
    if guess is None and "services" in named and set(named) <= {"services", "offres"} \
            and (_WHAT_IS.search(fold(text)) or WHAT_FOR.search(fold(text))):
        # « c'est quoi le service client sp plus ? » : what a service is, is its line (what it handles, how to reach it)
        return LINES_GIVEN
    if guess is None and set(named) in ({"offres"}, {"cartes"}) and not found and has_question_word(text) \
            and not is_who_question(text) and not names_only_the_generic_card(named):
        # « la solution la plus modulable pour les sites c laquelle ? » : the offer its words name, presented ; « et
        # l'AMEX dans ce cas, il fait quoi ? » : what the document says of the card (its affiliation)
        return DEFAULT_FAMILY["card"] if "cartes" in named else "ask_offer_definition"
    if guess is None and set(named) == {"cartes"} and (is_who_question(text) or asks_where(text) or any(
            set(families) & set(CONTACT_FAMILIES) for families in found)):
        # (« il me demande si c'est lui qui doit appeler American Express ? » : whom to call for a card, too)
        # « et pour l'AMEX, le commerçant s'adresse à qui ? » : no line serves a card network; whom he turns to is
        # the organisation of his affiliation.
        return DEFAULT_FAMILY["card"]
    return guess


def sells_it(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """« c qui qui s'occupe de vendre SP+ à un client ? », « je peux vendre SP+ moi-même ? » : les rôles dont la
    mission est de vendre les offres nommées (la commercialisation, section « Comment ouvrir les services ? ») ;
    () sinon."""
    # (« qui va lui proposer une solution ? » : any of them)
    return sellers(cat, text) if named and not set(named) - {"offres"} or not named and _PROPOSES_TO_HIM.search(
        fold(text)) else ()


def own_sale_verdict(cat: Catalogue, text: str) -> Optional[str]:
    """« je peux le vendre moi-même ? », « moi, conseiller en agence, je peux le vendre ? » : « Non. » (le CIF
    commercialise les solutions, section « Comment ouvrir les services ? »), « Oui. » quand celui qui parle dit être le
    CIF ; None pour une question qui n'est pas fermée sur ce que peut faire celui qui parle."""
    folded = fold(text)
    if not I_CAN.search(folded) or not is_closed(text):
        return None
    return cat.say("verdict.oui" if _SPEAKING_CIF.search(folded) else "verdict.non")


# « je peux vendre SP+ moi-même ? » : the speaker asks whether the mission is theirs.
I_CAN = re.compile(r"\b(?:je|on) (?:peux|peut|pourrais|pourrait|dois|doit)\b")
_SPEAKING_CIF = re.compile(r"\b(?:je suis|en tant qu?e?|moi) (?:le |un |une )?cif\b")
_DAY = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|week end|weekend)\b")
# « avec quel outil ? », « par qui ? » : a preposition, then the question word, and nothing to say of what.
_ELLIPSIS = re.compile(r"^(?:et|ok et|bon et|pour|et pour|et avec|et si c est|idem|pareil|meme chose|meme question)\b|"
                       r"^(?:avec|par|sur|dans|chez|aupres de) (?:quoi|qui|quel\w*|lequel|laquelle)\b|"
                       # « il est en SP+ », « c'est un client JPEL » : the client's offer, for the same question
                       r"^(?:(?:mais|ok|bon|ah|sinon) )?(?:(?:il|elle) (?:est|part|passe|sera|etait) "
                       r"(?:en|chez|sur|sous) |(?:c est|c) (?:un|une) (?:client|cliente|commercant|commercante) )")


# « Autre chose : … », « rien à voir, mais… », « changement de sujet : … » : what follows is not about the last answer
# (folded text; not « au fait » or « sinon », often said within the same subject)
_ANOTHER_SUBJECT = re.compile(r"^(?:(?:ok|bon|d accord|merci|et|alors|sinon|par contre)\s+)*(?:(?:une |j ai une |j ai "
                              r"encore une )?autre (?:chose|question)|rien a voir|sans rapport|changement de sujet|"
                              r"(?:une )?(?:nouvelle|question) (?:question|differente))\b")


def set_aside_for_another_subject(text: str, focus: Focus) -> Focus:
    """The focus to read « Autre chose : le diagnostic des besoins, c'est qui qui le fait ? » against: none, the last
    answer's kept as `avant` (a later « pour revenir à… » finds it) and the last recommendation kept (its what-ifs) ;
    `focus` itself when the message does not open another subject."""
    if not _ANOTHER_SUBJECT.match(fold(text)) or not (focus.intent or focus.subjects() or focus.contacts):
        return focus
    return Focus(recommendation=focus.recommendation, avant=focus.one_level_back())


def is_elliptical(text: str) -> bool:
    """« et pour des cb classiques ? », « pareil pour jpel » : une relance courte, qui ne se comprend
    qu'avec la réponse précédente."""
    return opens_like_a_follow_up(text) and len(fold(text).split()) <= 8


def opens_like_a_follow_up(text: str) -> bool:
    """« et … », « pareil pour … » : the message opens as a follow-up does, whatever its length (« et la hotline
    interne de natixis aussi dans le mail » : a line described, then the previous question left out)."""
    return bool(_ELLIPSIS.match(fold(text)))


_CORRECTING = re.compile(r"^(?:(?:ah|oh|bah|ben|heu|hmm) )?(?:non|nan|pardon|oups|euh|mince|erreur|pas|plutot|"
                         r"en fait|attends?)\b|\ben fait\s*$|"
                         r"\b(?:je voulais dire|je voulais parler|je parlais|je pensais|je cherchais|je demandais|"
                         r"je me suis (?:trompe|gourr?e)|"
                         r"c etait pour|plutot)\b")


# « on m'interrompt » : someone else's question comes in (with « une collègue me demande… », `SOMEONE_ELSE_ASKS`), the
# previous one is not corrected (folded text)
_INTERRUPTED = re.compile(r"\bm interromp\w*")


def _interrupted(folded: str) -> bool:
    return bool(_INTERRUPTED.search(folded) or SOMEONE_ELSE_ASKS.search(folded))


def is_correcting(text: str) -> bool:
    """« non pardon, pour des cartes standards », « je me suis trompé, le support » : une relance
    courte qui corrige le sujet de la question précédente ; pas « attends, on me demande à quoi sert OSC »."""
    folded = fold(text)
    # « donc c'est le réseau qui décide en fait ? » checks who does it: not a correction
    return bool(_CORRECTING.search(folded)) and len(folded.split()) <= 12 and not names_the_doer(text) \
        and not _interrupted(folded)


_OPENS_ON_A_CORRECTION = re.compile(r"^(?:(?:ah|oh|bah|ben|heu|hmm|euh) )?(?:non|nan|pardon|oups|erreur|en fait|"
                                    r"je me suis (?:trompe|gourr?e))\b")


def opens_on_a_correction(text: str) -> bool:
    """« ah non pardon, il a pas de site et il veut pas en créer » : the message opens by taking back what was said
    before, whatever its length (the facts of a client, not only a subject) ; not « pardon, une collègue me demande :
    un commerçant sans site, on lui conseille quoi ? », someone else's question."""
    folded = fold(text)
    return bool(_OPENS_ON_A_CORRECTION.match(folded)) and not _interrupted(folded)


# Mots d'une relance qui ne disent rien d'autre que le sujet (« et celui du partenariat bpce ? »).
_FILLER = frozenset("""et ou pour celui celle ceux celles du de des d la le les l alors avec sinon chez pareil idem
meme chose aussi un une c est ca lui leur leurs equipe service filiale boite societe""".split())


def words_besides_names(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> List[str]:
    """Les mots du message (repliés, dans l'ordre) qui ne nomment pas ces sujets (noms, alias, et notions d'une offre :
    « la filiale clé en main »)."""
    names_words = {w for kind, f in FIELDS.items() for key in named.get(f, ()) for w in cat.name_words(kind, key)}
    names_words.update(w for key in named.get("offres", ()) if key in cat.offres
                       for notion in cat.offres[key].notions for w in fold(notion).split())
    return [w for w in fold(text).split() if w not in names_words]


def only_names_subjects(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> bool:
    """Le message ne fait que nommer ces sujets (mots de liaison et pronoms à part) : il ne demande
    rien d'autre que la question précédente pour eux, quoi qu'en dise DIET."""
    return not set(words_besides_names(cat, text, named)) - _FILLER


_BACK_REFERENCE = re.compile(r"\b(?:il|elle|ils|elles|leur|leurs|lui|ca|cela|ce|cet|cette|celui|celle|ceux|celles|"
                             r"y|en|eux|la dessus|du coup|alors)\b"
                             # « on le trouve où ? », « je la dépose où ? » : an object pronoun before its verb
                             r"|\b(?:on|je|j|tu|vous|nous) (?:le|la|les|l)\b")
_INSTEAD_OF = re.compile(r"\b(?:a la place|au lieu|en remplacement|alternative|sinon)\b"
                         # « on propose quoi du coup ? » right after the VAD advised against
                         r"|\b(?:on|je|tu) (?:lui )?(?:propose\w*|conseill\w*|recommand\w*) quoi\b"
                         r"|\bqu est ce qu (?:on|je) (?:lui )?(?:propose|conseille|recommande)\b")


def replaces_the_vad(text: str, focus: Focus) -> bool:
    """« du coup on propose quoi à la place ? », « et s'il n'a pas de site, on lui propose quoi à la place ? » après le
    contrat VAD : ce que la CECAZ propose à sa place (JPEL), pas un diagnostic."""
    return "vad" in focus.offres and bool(_INSTEAD_OF.search(fold(text)))


# Below this DIET confidence, even a follow-up is not guessed: « Vouliez-vous dire… ».
FOLLOW_UP_MIN_CONFIDENCE = 0.3


def where_family_after(focus: Focus) -> Optional[str]:
    """La question précédente pour lire un « où ? » : après un rôle qui se sert d'un outil (`Focus.objets`), l'outil
    (un rôle n'est nulle part ; d'un simulateur, sa simulation se dépose) ; sinon la famille du focus."""
    if focus.intent == "ask_role" and focus.objets:
        # « et après il la met où ? » after who uses SimulEasy: where the simulation goes
        return "ask_simulator" if set(focus.objets) <= SIMULATORS else "ask_tool"
    if focus.intent == "ask_role" and focus.avant and focus.avant.intent in WHERE_AFTER:
        # « dans quel outil ? » after « c'est qui qui les paramètre ? » about SP+'s contracts: where they are set up
        return focus.avant.intent
    return focus.intent


def follow_up_guess(text: str, ranking: Sequence[Mapping[str, Any]], focus: Focus) -> Optional[str]:
    """Quand DIET hésite sur une relance qui renvoie à la réponse précédente (« ils le font aussi le
    samedi ? »), sa meilleure famille si elle s'applique aux sujets du focus ; sinon None
    (« Vouliez-vous dire… »)."""
    folded = fold(text)
    where = where_family(text, where_family_after(focus), str(ranking[0].get("name") or "") if ranking else "")
    if where:
        # « et ça se paramètre où ? » after SP+'s contracts: in OSC ; « la simu de tarif on la met où » with nothing
        # before: the thing named says where (without a focus, `where_family` reads only the message's words)
        return where
    if focus.contacts and FOR_WHOM.search(folded) and not has_question_word(FOR_WHOM.sub(" ", folded)):
        return AUDIENCE  # « c pr qui » after a line (the second of two questions in one message): whom it serves
    if focus.intent in FAMILIES and asks_whom_to_call_for_trouble(text):
        # « et s'il a un souci demain 9h10 il appelle qui » : the lines to call (the moment is when the trouble comes)
        return LINES_GIVEN
    if focus.intent in HOURS_FAMILIES and is_correcting(text) and names_a_moment(text):
        # « non, je parlais de demain, pas de samedi » : the same hours question, at the moment corrected
        return str(focus.intent)
    if focus.intent in CONTACT_FAMILIES and not asks_if_shareable(text) and (
            asks_which_line(text) or (_ELLIPSIS.match(folded) and audience_of(text))):
        # « et pour moi en interne ? », « donc je file lequel au commerçant ? » after lines: the same lines, for
        # that public (resolve reads it); after their hours, with no moment said, the lines themselves (« et nous en
        # interne on a quoi ? » after « il répond ce soir ? »)
        return focus.intent if focus.intent not in HOURS_FAMILIES or names_a_moment(text) else LINES_GIVEN
    if focus.contacts and asks_if_staff_may_use(text):
        return LINES_GIVEN  # « on s'en sert aussi en interne ? » after a line: yes or no, then the line
    if focus.contacts and names_a_moment(text) and re.search(rf"\b{PLACE}\b", folded):
        return "ask_is_open"  # « dc le 2e samedi 11h c bon » after two lines: whether that line is open then
    if focus.contacts and asks_if_shareable(text):
        return AUDIENCE  # « si je le mets dans la signature de mon mail au commerçant, ça pose souci ? »
    if focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) and asks_obligation(text) \
            and not asks_why(text) and not has_question_word(text):
        return str(focus.intent)  # « donc c'est obligatoire de le saisir ou pas ? » : the rule's verdict, same answer
    if focus.intent and asks_why(text):
        return WHY  # « pk c'est payplug qui vire et pas nous ? » : the reason of the previous answer
    if focus.intent in FAMILIES and ((focus.offres and WHICH_OFFER.search(folded)) or (
            focus.contacts and focus.intent in CONTACT_FAMILIES and WHICH_OFFERS.search(folded))):
        return str(focus.intent)  # « c'est pour quelles offres ? » after a line: `resolve` reads which offers
    if replaces_the_vad(text, focus):
        return "ask_vad"  # « du coup on propose quoi à la place ? » after the VAD contract: JPEL
    if focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) and asks_a_delay(text):
        # « ça leur prend combien de temps en général ? » after the AMEX's affiliation: a delay of what was just said
        # (`resolve` says the document gives none)
        return str(focus.intent)
    # (« on intervient dans la négo des frais ? » after the AMEX: what the CECAZ does, for the subject in focus)
    if not focus.intent or not (_BACK_REFERENCE.search(folded) or is_elliptical(text) or asks_about_us(text)
                                or is_who_question(text) or is_correcting(text) or _AGAIN.search(folded)):
        return None
    accepts = accepted_families(focus)
    found = aspects(text)
    if focus.regles and any(families[0] == "ask_delegation" for families in found):
        return "ask_delegation"  # « et faut respecter quoi pour l'appliquer ? » after the filing, which states the rule
    for families in found:  # the words say the aspect; DIET may say which question of it
        first = next((f for f in families if f in accepts), None)
        if first:
            return next((str(r.get("name")) for r in ranking if r.get("name") in families and r.get("name") in accepts),
                        first)
    if (is_who_question(text) and (focus.outils or focus.cartes or focus.roles or found or _SELLS.search(folded))) \
            or (focus.roles and found):
        # « c'est qui qui la fait cette simu ? » after the filing: an aspect no family of the focus takes, asked
        # of a person: the role whose mission it is (resolve reads it).
        return "ask_role"
    for item in ranking:
        name, confidence = item.get("name"), float(item.get("confidence") or 0.0)
        if name == NLU_FALLBACK:
            continue
        if name in FAMILIES and confidence >= FOLLOW_UP_MIN_CONFIDENCE and (
                not focus.subjects() or family_accepts(name, focus.subjects()) or name in (WHY, AUDIENCE)):
            return str(name)
        break
    unsure = bool(ranking) and ranking[0].get("name") == NLU_FALLBACK
    return focus_family(text, focus) if unsure else None


# « il », « ils », « leur » : a person or a thing of the previous answer (not « ça », « y », « en »).
PERSONAL = re.compile(r"\b(?:il|elle|ils|elles|lui|leur|leurs|eux)\b")


def focus_family(text: str, focus: Focus) -> Optional[str]:
    """« et ils lui donnent quoi ? », « il est où ? » : une relance qui renvoie par un pronom personnel
    à la réponse précédente sans dire l'aspect ; la même question, sur le même sujet, répond (la
    réponse précédente contient le détail demandé). None sans pronom ou sans question précédente."""
    if focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) and PERSONAL.search(fold(text)):
        return focus.intent
    return None


def repeated_aspect(text: str, focus: Focus) -> Optional[str]:
    """« redis-moi le mail » après le numéro : la famille que nomment les mots (l'e-mail), pour le sujet du focus, quand
    ce n'est pas celle de la dernière réponse ; la même famille quand le message corrige le public (« pardon, pour
    l'interne ») ; None : répéter la dernière réponse telle quelle."""
    if focus.intent in CONTACT_FAMILIES and focus.intent != AUDIENCE and is_correcting(text) and audience_of(text) \
            and not _AGAIN.search(fold(text)):
        return str(focus.intent)  # « pardon, pour l'interne » after the lines to give: the same question, for us
    accepts = accepted_families(focus) or (CONTACT_FAMILIES if focus.contacts else ())
    # « pardon j'étais au tel avec un client, tu me le redonnes ? » : where the speaker was, not the phone asked
    family = aspect_family(ON_THE_PHONE.sub(" ", fold(text)), "", [f for f in accepts if f not in (WHY, AUDIENCE)])
    return family if family and family != focus.intent else None


# « j'étais au tel avec un client » : where the speaker was (not « par tel », a way to reach a line)
ON_THE_PHONE = re.compile(r"\b(?:au|en) (?:tel|telephone|fil)\b(?: avec (?:un |une |le |la |mon |ma )?\w+)?")


def accepted_families(focus: Focus) -> Tuple[str, ...]:
    """Les familles de questions qui s'appliquent aux sujets du focus ; le service d'une offre (« leur
    assistance » de JPEL) ne compte pas quand l'offre est là : « et le contrat ? » porte sur JPEL."""
    subjects = dict(focus.subjects())
    if "offres" in subjects:
        subjects.pop("services", None)
    # « il le tarife avec quoi ? » after « c qui fait le contrat ? » keeps the CIF beside JPEL: « il doit respecter un
    # truc ? » next may still ask a question of JPEL alone (its pricing rule).
    offer_alone = {"offres": subjects["offres"]} if "offres" in subjects and "roles" in subjects else {}
    # the VAD contract's own question (why it is discouraged, the risk, JPEL instead) names no offer
    own = ("ask_vad",) if "vad" in subjects.get("offres", ()) else ()
    return own + tuple(f for f in FAMILIES if subjects and (
        family_accepts(f, subjects) or bool(offer_alone) and family_accepts(f, offer_alone)))


# « ça concerne quelle offre ? », « c'est pour quelle offre ça ? » : l'offre dont parlait la réponse.
WHICH_OFFER = re.compile(r"\b(?:ca|cela|ce|c|il|elle)\s+(?:concerne|vise|s applique a|vaut pour|correspond a|"
                          r"est pour|est valable pour|marche pour)\s+quelles? offres?\b|"
                          r"^(?:et |mais )?(?:c est |ca c est )?(?:pour |sur |avec )?quelles? offres?"
                          r"(?: (?:ca|ce truc|la|ici))?\s*\??$"
                          r"|\bc est (?:pour |sur )?quelle offre\b")
POSSESSIVE = re.compile(r"\b(?:leur|leurs|son|sa|ses|eux|chez eux|ils|elles)\b")


def aspect_after_the_subject(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> Optional[str]:
    """« et pour Payplug, les encaissements ? » : the family of the aspect the words after the last comma say, when
    they name no subject of their own and the words before it name the subject (`named`) ; None otherwise
    (« et pour le contrat JPEL ? » keeps the previous question: the aspect word qualifies the subject)."""
    head, comma, tail = text.rpartition(",")
    if not comma or not named or not _A_NOUN.match(fold(tail)) \
            or any(cat.find_in_text(kind, tail) for kind in ENTITY_KINDS):
        return None
    if not any(cat.find_in_text(kind, head) for kind in ENTITY_KINDS):
        return None
    return aspect_family(tail, "", [f for f in FAMILIES if family_accepts(f, named)])


CHOICE = "ask_choose_offer"  # Payplug or SP+ (section « Sécuriser l'encaissement sur son site »)
# « les encaissements », « leur support » : a thing, not a question of its own (« faut en ouvrir aussi ? »)
_A_NOUN = re.compile(r"^\s*(?:et )?(?:le|la|les|l|son|sa|ses|leur|leurs|ce|cette|ces) \w+\s*\??\s*$|"
                     r"^\s*(?:et )?(?:le|la|les|l|son|sa|ses|leur|leurs) \w+ (?:de|du|des|d) \w+\s*\??\s*$")


def is_generic_service(text: str, services: Sequence[str]) -> bool:
    """Le message ne nomme qu'un service que chaque offre a (« le support », « l'assistance ») : il ne désigne pas
    une ligne sans l'offre (celle du focus, sinon à demander) ; « l'équipe support » est une ligne (Payplug)."""
    return set(services) <= GENERIC_SERVICES and not re.search(r"\bequipe\b", fold(text))


def for_audience(subjects: Mapping[str, Tuple[str, ...]], audience: Optional[str]) -> Dict[str, Tuple[str, ...]]:
    """The subjects of a line question asked again for `audience` : for the staff, a generic service of the client's
    lines (« l'assistance ») no longer says which line (« et ceux qu'on garde pour nous ? » : the internal ones)."""
    if audience != STAFF or not set(subjects.get("services", ())) <= GENERIC_SERVICES:
        return dict(subjects)
    return {f: ids for f, ids in subjects.items() if f != "services"}


def keeps_generic_service(named: Mapping[str, Sequence[str]], family: str, focus: Focus) -> bool:
    """Le service générique du focus (« l'assistance », « le support ») vaut encore pour l'offre nommée ensuite :
    la question est une question de contact et ne nomme pas d'autre service."""
    return bool(focus.services and "services" not in named and set(focus.services) <= GENERIC_SERVICES
                and FAMILIES[family].contacts)


# « C'est quoi / il fait quoi ? » : une même question, posée à chaque sorte de sujet.
DEFINITION_FAMILIES = ("ask_offer_definition", "ask_tool", "ask_role")


# (« pourquoi il faut passer par un simulateur ? » : the impersonal « il » is nobody)
# (« pourquoi faut-il passer par un simulateur ? » : « il » impersonal, inverted)
PERSON = re.compile(r"\b(?:lui|(?<!faut )(?<!faudrait )(?<!faudra )(?<!fallait )(?<!a t )"
                     r"il(?! (?:faut|faudra|faudrait|fallait|y a|y aura|vaut|s agit|est (?:possible|necessaire|"
                     r"obligatoire|preferable|conseille|deconseille|interdit|important))\b)|elle|"
                     r"celui la|celle la|ce role)\b")
# « ce service il est ouvert le samedi ? », « cette équipe » : one line, by the people who answer it
SINGULAR = re.compile(r"\b(?:celui la|celle la|celui ci|celle ci|cette ligne|ce numero|cette adresse|ce mail|"
                      r"ce service|cette equipe|cette assistance|cette hotline|ce support)\b")


# « il paie l'appel ? » : whether the call costs the caller
CALL_COST = re.compile(r"\b(?:payant\w*|gratuit\w*|surtax\w*|(?:pai|pay)\w* (?:l |son |ses |un |les |leurs? )?appels?|"
                        r"(?:cout|coute|prix|tarif)\w* (?:de l |d un |des |un |l |les )?appels?|"
                        r"(?:cout|coute)\w* combien (?:a|par) (?:la )?minute|"
                        # « et l'appel lui coûte quelque chose ? », « ça lui coûte quelque chose de les appeler ? »
                        r"appels? (?:(?:lui|leur|me|nous|vous|te) )?(?:coute\w*|est factur\w*|se pai\w*|revient)|"
                        # « cet appel a un coût », « les appels ont un prix »
                        r"appels? (?:(?:lui|leur) )?(?:a|ont|aura|auront) un (?:cout|prix|tarif)|"
                        r"coute\w* (?:\w+ ){0,2}?(?:de |d )(?:les |l |le |la )?appeler|"
                        # « et il lui coûte qqch ? », « ça leur coûte rien ? » after a line
                        r"(?:lui|leur|me|nous|vous|te) coute\w* (?:quelque chose|qqch|qqc|qq chose|rien|cher)|"
                        # « et celui-là ça coûte qqch ? » : the line taken up, then what it costs
                        r"(?:celui|celle) (?:la|ci) (?:ca |il |elle )?coute\w* (?:quelque chose|qqch|qqc|qq chose|"
                        r"rien|cher)|"
                        # « il coûte qqch l'appel ? », « et il coûte quelque chose, cet appel ? »
                        r"coute\w* (?:quelque chose|qqch|qqc|qq chose|rien|cher) (?:l |d un |un |cet |ce |leur |son )?"
                        r"appels?|"
                        # « ça lui sera facturé, cet appel ? », « l'appel est facturé au client ? »
                        r"factur\w*(?: \w+){0,3}? appels?|appels?(?: \w+){0,3}? factur\w*)\b")


def coordinate_asked(text: str, current: str = "", named: Optional[Mapping[str, Tuple[str, ...]]] = None
                     ) -> Optional[str]:
    """« et le mail de cette ligne ? » : la famille de contact que les mots demandent (téléphone, e-mail, horaires…,
    pas le public d'une ligne), parmi celles qui acceptent les sujets `named` quand il y en a ; None sinon."""
    return aspect_family(text, current, [f for f in CONTACT_FAMILIES
                                         if f != AUDIENCE and (named is None or family_accepts(f, named))])


# « c'est qui qui le vend au client ? » : la vente est la « commercialisation » des missions (le CIF) ; pas un
# aspect des questions (« il vend déjà sur internet » est un fait du diagnostic).
# « qui vend SP+ ? », « je peux le vendre ? » ; not the merchant's own sales (« qui verse l'argent quand il vend avec
# Payplug ? », « un caviste qui vend en ligne », « qui vend ses bougies sur son site »).
_SELLS = re.compile(r"(?<!\bil )(?<!\belle )(?<!\bils )(?<!\belles )(?<!\bcommercant )(?<!\bcommercants )"
                    r"(?<!\bclient )(?<!\bclients )(?<!\bmarchand )(?<!\bcommercant qui )(?<!\bclient qui )"
                    r"\b(?:vend|vendent|vendre|vends)\b"
                    r"(?! (?:avec|sous|via|par|en|sur|a distance|ses|sa|son|leurs|des|du)\b)"
                    r"|\bcommercialis\w*")


# « qui va lui proposer une solution ? » : proposing him a solution (not « on propose quoi ? »: which offer)
_PROPOSES_TO_HIM = re.compile(r"\b(?:lui|leur) (?:propos\w*|presente\w*) (?:une|des|la|les) (?:solution|offre)s?\b")


def roles_for_aspect(cat: Catalogue, text: str, current: Sequence[str]) -> Tuple[str, ...]:
    """« et c'est lui qui fait la tarif ? » après l'ATC, « c'est qui qui la fait cette simu ? » : les rôles dont
    une mission porte sur l'aspect demandé (la tarification : le CIF, le réseau) ; () sans aspect ou quand le
    rôle dont on parlait (`current`) a déjà cette mission."""
    patterns = [words for _, words in (*ASPECTS, ((), _SELLS)) if words.search(fold(text))]
    if not patterns:
        return ()
    doing = tuple(key for key, role in cat.roles.items()
                  if any(p.search(fold(m)) for p in patterns for m in role.missions))
    return () if set(current) & set(doing) else doing


_MAKES_SIMULATION = re.compile(r"\b(?:fai\w*|fait|realis\w*|etabli\w*|lance\w*|calcul\w*|s occupe\w*|charge)\b"
                               r".*\b(?:simus?|simuls?|simulations?)\b")


def who_makes_the_simulation(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                             focus: Focus) -> Tuple[str, ...]:
    """« c'est qui qui fait la simu ? » : les rôles dont une mission dit les simulateurs (le CIF, section « Quelle
    tarification ? »), quand ni l'offre nommée ni celle du focus ne tarifient sans simulateur (Payplug négocie
    lui-même) ; () sinon, et pour « où ? » (le dépôt dans MyGed)."""
    if not is_who_question(text) or asks_where(text) or not _MAKES_SIMULATION.search(fold(text)):
        return ()
    offres = named.get("offres") or focus.offres
    if any(not simulates(cat, o) for o in offres) or set(named) - {"offres"}:
        return ()
    return tuple(key for key, role in cat.roles.items() if any("simulat" in fold(m) for m in role.missions))


def roles_doing(cat: Catalogue, text: str, shared: int = 2) -> Tuple[str, ...]:
    """« qui fait le diagnostic des besoins ? » : les rôles dont une mission partage au moins `shared` mots
    significatifs avec la question (section « Comment ouvrir les services ? » du document)."""
    words = content_words(text)
    return tuple(key for key, role in cat.roles.items()
                 if any(len(words & content_words(mission)) >= shared for mission in role.missions))


def sellers(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« et qui le vend au client ? », « je peux le vendre moi-même ? » (`own_sale_verdict`) : les rôles dont la
    mission est de vendre (commercialiser) ; () sinon."""
    folded = fold(text)
    if is_who_question(text) and not _SELLS.search(folded) and _PROPOSES_TO_HIM.search(folded):
        # « qui va lui proposer une solution d'encaissement ? » : proposing a solution to the client is selling it
        return tuple(key for key, role in cat.roles.items() if any(_SELLS.search(fold(m)) for m in role.missions))
    if not _SELLS.search(folded) or not (is_who_question(text) or I_CAN.search(folded)):
        return ()
    return roles_for_aspect(cat, text, ())


# « qui s'occupe du diagnostic ? » : the verb says someone acts, the noun says what
_DOING = frozenset({"occupe", "occupent", "charge", "gere", "gerent", "fait", "font", "realise", "realisent"})


# « qui fait le diag avant de vendre un module… » : the act asked ends where a moment or a purpose begins (folded text)
_ACT_ASKED = re.compile(rf"^{OPENING}(?:c est )?qui (?:qui )?(?P<act>(?:\w+ ){{0,4}}?\w+)"
                        r"(?= (?:avant|apres|pour|pr|quand|qd|si|lorsqu\w*|une fois|des que)\b)")


def the_one_doing(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« et qui décide alors ? » : une question d'un seul mot significatif, et le seul rôle dont une mission l'a (le
    réseau décide si l'ATC saisit le Lead) ; « qui fait le diag avant de vendre un module de paiement ? » : l'acte
    demandé s'arrête au moment ou au but qui le suit ; () sinon."""
    act = _ACT_ASKED.search(fold(text))
    words = content_words(act.group("act") if act else text) - _FILLER - _DOING
    # the act said alone, or with the situation after it set apart: two of its words in one role's mission, and no
    # other role's mission with any of them (« qui saisit le lead » : the ATC, or the network deciding it?)
    if not is_who_question(text) or not (len(words) == 1 or act and len(words) <= 4):
        return ()
    doing = roles_doing(cat, " ".join(words), shared=min(len(words), 2))
    return doing if len(doing) == 1 and set(roles_doing(cat, " ".join(words), shared=1)) == set(doing) else ()


ALL_OFFERS = re.compile(r"\b(?:offres|solutions|produits)\b|\bquoi comme (?:offre|solution|produit)s?\b|"
                         r"\b(?:offre|solution) (?:globale|complete|d ensemble)\b|\bgamme\b")
_PAYMENT_CONTEXT = re.compile(r"\b(?:e commerce|ecommerce|distance|en ligne|internet|encaiss\w*|paiements?|cartes?|"
                              r"cb|vente|vendre|web)\b")


# The offer for one situation of the client (a site or none): « avec ou sans site » asks for all of them.
SITUATION_FAMILIES = ("ask_no_website", "ask_choose_offer")


def names_only_the_generic_card(named: Mapping[str, Tuple[str, ...]]) -> bool:
    """« encaisser des cb », « être réglé par carte bancaire » : the standard cards alone, named to say « card
    payments » rather than to ask about those cards."""
    return dict(named) == {"cartes": (STANDARD_CARDS,)}


def asks_all_offers(text: str) -> bool:
    """« la caisse propose quoi comme offres e-commerce ? » : toutes les offres d'encaissement à distance
    (la vue d'ensemble), même quand le NLU hésite."""
    folded = fold(text)
    return bool(ALL_OFFERS.search(folded) and _PAYMENT_CONTEXT.search(folded))


# What the document says of a tool for one offer is in that offer's answer of the tool's family: OSC is where the
# CIF parametrizes the offer's contracts (none for Payplug, « full service »), a simulator prices them
# (« Comment ouvrir les services ? », « Quelle tarification ? »).
TOOL_FAMILY_FOR_OFFER = {"osc": "ask_contracts", "simuleasy": "ask_pricing", "simulupi": "ask_pricing"}


_NEEDS = re.compile(r"\b(?:faut|faudra|faudrait|besoin|necessaire|necessite\w*|exige\w*|requi\w*|obligatoire|oblige\w*|"
                    r"(?:doit|doivent) (?:il |elle |ils )?(?:(?:forcement|obligatoirement|absolument|vraiment|"
                    r"quand meme|tout de meme|toujours|bien|deja) )*avoir|suppose|impose|"
                    # « et celle-là, elle demande un site ? » : what the offer requires (not « le client demande »,
                    # nor « il me demande », the merchant asking)
                    r"(?:ca|cela|elle|il|celle la|celui la|l offre|la solution|l option) "
                    r"(?:(?:en|te|lui|vous) )?demande)\b")
_SITE = re.compile(r"\b(?:site|sites|boutique en ligne|e shop|eshop|site web|site internet|site marchand)\b")


def closed_point(text: str) -> Optional[str]:
    """Le point d'une question fermée sur une offre (`SITE`, `WITHOUT_SITE`, `CONTRACT`), ou None. Le site peut ne
    faire que situer le commerçant : « sa boutique en ligne avec Payplug : il faut ouvrir un contrat ? » demande le
    contrat, « sans site : c'est moi qui lui vends JPEL ? » qui le vend."""
    if _WHO_DOES.search(fold(the_question_itself(text))):  # (not in the description of the subject before it)
        return None
    if asks_if_contract_needed(text):
        return CONTRACT
    if asks_if_simulation_needed(text):
        return SIMULATION
    if needs_a_site(text):
        return SITE
    return WITHOUT_SITE if fits_without_site(text) else None


_WHO_DOES = re.compile(r"\bc est (?:moi|nous|lui|elle|eux|(?:le|la|l) \w+)(?: (?:en|cote|a l) agence)? qui\b")


_NO_SITE = re.compile(r"\b(?:sans|pas de|pas d|aucun|aucune|ni)\s(?:vrai |vraie )?"
                      r"(?:site|boutique en ligne|e shop|eshop)\b")


def fits_without_site(text: str) -> bool:
    """« client sans site internet, SP+ ça le fait ? », « il a pas de site, JPEL c'est bon ? », « SP+ ça marche pour un
    garage qui n'a pas de site ? » : une question fermée sur une offre pour un client qui n'a pas de site."""
    return bool(_NO_SITE.search(fold(text))) and is_closed(without_describing_who(text))


def site_point_again(text: str, point: str) -> str:
    """« et jpel il en faut un ? » after « SP+ ça marche sans site ? » : the site asked again, its wording deciding
    whether it is needed (`SITE`) or done without (`WITHOUT_SITE`) ; another point stays."""
    folded = fold(text)
    if point not in (SITE, WITHOUT_SITE):
        return point
    if _NO_SITE.search(folded) or re.search(r"\bsans\b", folded):
        return WITHOUT_SITE
    return SITE if _NEEDS.search(folded) else point


# « même pour un petit commerçant ? », « et pour une association aussi ? » : a kind of merchant asked of the offer.
_CLIENT_KIND = re.compile(
    r"^(?:(?:et|mais|ok|donc|ca vaut|ca marche|c est bon|valable|aussi|meme|y compris)\s+)*"
    # « et sp+ c'est adapté même à une petite asso ? » : the offer, then whom it suits
    r"(?:(?:[\w+]+ ){0,3}?(?:c est|il est|elle est|est)\s+(?:bien\s+)?(?:adapte\w*|fait|pense\w*|concu\w*|destine\w*|"
    r"ok|valable)\s+)?(?:(?:meme|aussi|y compris)\s+)?(?:pour|a) "
    r"(?:un|une|les|des|de|d) (?P<size>(?:tout |tres )?(?:petit|gros|grand|jeune|nouve|simple)\w* )?"
    r"(?P<kind>commercants?|clients?|artisans?|entreprises?|pme|tpe|associations?|assos?|auto entrepreneurs?|"
    r"micro entrepreneurs?|independants?|professionnels?|structures?)\b(?: (?:aussi|meme))?\s*\??\s*$")
_ALL_KINDS = re.compile(r"\btous les types de clients\b")


def client_kind(cat: Catalogue, text: str, focus: Focus) -> Optional[Resolution]:
    """« même pour un petit commerçant ? » after an offer: its presentation, which says for whom it is ; « Oui. »
    first when the document says it is for every kind of client (SP+, section « Sécuriser l'encaissement… »). None
    when the message does not ask that, or with no offer in focus."""
    found = _CLIENT_KIND.match(fold(text))
    if found is None or not focus.offres or focus.intent in CONTACT_FAMILIES or focus.intent == RECOMMENDATION \
            or not (found.group("size") or found.group("kind").rstrip("s") not in ("client", "commercant")
                    or re.search(r"\b(?:meme|aussi|y compris)\b", fold(text))):
        return None
    offre = focus.offres[0]
    if offre not in cat.offres:
        return None
    every = _ALL_KINDS.search(fold(cat.offres[offre].definition or ""))
    return Resolution(question_of("ask_offer_definition", {"offres": (offre,)}),
                      cat.say("verdict.oui") if every else None)


def closed_resolution(cat: Catalogue, point: str, offre: str) -> Resolution:
    """La question fermée `point` pour `offre` : oui ou non d'abord (catégorie de l'offre pour le site, avec ou sans
    site, ses contrats pour un contrat), puis ce qu'est l'offre, ce qui se fait sans site, ou ses contrats."""
    if point == SITE:
        o = cat.offres[offre]
        lead = cat.say(f"site.{o.categorie}", offre=o)
        return Resolution(question_of("ask_offer_definition", {"offres": (offre,)}), lead, SITE)
    if point == WITHOUT_SITE:
        o = cat.offres[offre]
        # « sans site, SP+ ? » : no, and what the document offers without a site ; « sans site, JPEL ? » : yes
        family = "ask_no_website" if o.categorie == "page_paiement" else "ask_offer_definition"
        return Resolution(question_of(family, {"offres": (offre,)}), cat.say(f"sans_site.{o.categorie}", offre=o),
                          WITHOUT_SITE)
    if point == SIMULATION:
        # « faut faire une simu ? » : yes when the offer's pricing goes through a simulator, then that pricing
        return Resolution(question_of("ask_pricing", {"offres": (offre,)}),
                          cat.say("verdict.oui" if simulates(cat, offre) else "verdict.non"), SIMULATION)
    return Resolution(question_of("ask_contracts", {"offres": (offre,)}), contract_verdict(cat, offre), CONTRACT)


def needs_a_site(text: str) -> bool:
    """« il lui faut un site pour ça ? », « JPEL nécessite une boutique en ligne ? » : l'offre suppose-t-elle un site ?
    """
    folded = fold(text)
    return bool(_NEEDS.search(folded) and _SITE.search(folded)) and not re.search(r"\b(?:creer|cree|creation)\b",
                                                                                   folded)


_WHAT_IS = re.compile(r"\b(?:c est quoi|qu est ce que?|ca consiste en quoi)\b")
WHICH_OFFERS = re.compile(r"\b(?:pour )?(?:quel\w*|quoi comme) (?:offres?|solutions?|produits?|contrats?)\b")


# « aussi », « pareil », « le même » : the same thing, asked of another subject.
_TOO = re.compile(r"\b(?:aussi|pareil|egalement|le meme|la meme|idem)\b")
# « en faire une », « la refaire », « ça » : an object taken up from the previous message (« la » before a verb, not
# the article of « la raison »).
_OBJECT_PRONOUN = re.compile(r"\b(?:en|la|le|l|les) (?:\w+(?:er|ir|re)|fai\w*|fait|doi\w*|met\w*|sert)\b|\bca\b")


def aspect_of_the_object(cat: Catalogue, text: str, previous_text: str, focus: Focus) -> Optional[str]:
    """La famille de l'aspect que nommait le message précédent (`previous_text`) quand le message ne reprend que par
    un pronom (« pourquoi il doit en faire une ? » après « qui fait les simulations ? », « ça sert à quoi ? » après
    « faut faire une simu pour SP+ ? ») ; None sinon, ou si le document n'en donne pas la raison (catalogue,
    `raisons`)."""
    if not previous_text or focus.intent not in FAMILIES or not _OBJECT_PRONOUN.search(fold(text)) \
            or asks_obligation(text):
        return None  # « c'est obligatoire de la déposer ? » asks about the rule the answer gave (its own path)
    earlier = [found[0] for found in aspects(previous_text)
               if found not in (NEED_ASPECT, DEFINITION_FAMILIES, CONTRACT_ASPECT)]
    return earlier[0] if earlier and cat.reason(earlier[0], []) else None


def asks_for_a_line(text: str) -> bool:
    """« je lui donne quel num ? », « on a une autre ligne ? » : the message asks for a contact line (an aspect of a
    contact family, its word asked for: not « il prend des commandes par mail »)."""
    return bool(_ASKS_A_LINE.search(fold(text))) and any(
        f in CONTACT_FAMILIES and f != AUDIENCE for families in aspects(text) for f in families)


_ASKS_A_LINE = re.compile(rf"\bquel\w* (?:\w+ )?{LINE_DETAIL}\b|\b(?:une|un|des|leur|leurs|son|sa|ses)(?: autre)? "
                          rf"{LINE_DETAIL}\b"
                          # « il appelle qui ? », « à qui il s'adresse ? » : whom to call is a line too
                          r"|\b(?:appel\w*|contact\w*|joindre|joint|ecri\w*|s adresse\w*) (?:a )?qui\b"
                          r"|\ba qui (?:il |je |on |elle )?(?:s adresse|appel\w*|ecri\w*|telephon\w*)\b")


def _tools_in_focus(focus: Focus) -> Tuple[str, ...]:
    """Les outils dont parlait la réponse précédente : ceux qu'elle présentait, sinon celui que gardait son rôle."""
    return (focus.outils if focus.intent in ("ask_tool", "ask_role") else ()) or focus.objets


def tool_for_offer(named: Mapping[str, Tuple[str, ...]], focus: Focus) -> Optional[str]:
    """« pour Payplug, le CIF paramètre quoi dans OSC ? », « il sert aussi pour un client Payplug ? » après
    OSC : la famille qui dit ce que fait l'outil pour l'offre nommée (`TOOL_FAMILY_FOR_OFFER`), l'outil nommé,
    celui de la réponse précédente ou celui que gardait son rôle (`Focus.objets`) ; pour un simulateur et une carte
    seule nommée, le simulateur de la carte ; None sans offre nommée ou sans outil qui dépende de l'offre."""
    tools = named.get("outils") or _tools_in_focus(focus)
    if set(named) == {"cartes"} and set(tools) & SIMULATORS:
        return "ask_simulator"  # « il marche aussi pour les CB classiques ? » after SimulUPI: the card's simulator
    if not named.get("offres"):
        return None
    return next((TOOL_FAMILY_FOR_OFFER[t] for t in tools if t in TOOL_FAMILY_FOR_OFFER), None)


def tool_verdict(cat: Catalogue, family: str, offre: str) -> Optional[str]:
    """« OSC sert aussi pour un client Payplug ? » (`family` : celle que donne `tool_for_offer`) : pour OSC, oui quand
    l'offre a des contrats à paramétrer (`contract_verdict`) ; pour un simulateur, oui quand la tarification de l'offre
    passe par un simulateur, non quand elle se négocie sans (section « Quelle tarification ? ») ; None quand le
    document ne le dit pas."""
    if family == "ask_contracts":
        return contract_verdict(cat, offre)
    if offre not in cat.offres or not cat.offres[offre].tarification:
        return None
    return cat.say("verdict.oui" if simulates(cat, offre) else "verdict.non")


_ORDINAL = re.compile(rf"\b({ORDINAL})\b(?! (?:fois|temps|lieu|abord|question|message|reponse))")


# « le premier numéro » : a position among lines is said by the number or the service, not by the order they happen
# to be listed in
_ORDINAL_LINE = re.compile(rf"\b(?:{RANK}) {LINE_NOUN}\b")


def listed_position(text: str, of_a_line: bool = False) -> Optional[int]:
    """The position (0 for the first) the message says, unless it says it of a line (« le premier numéro ») and
    `of_a_line` is False (the lines of the last answer are what a position among lines counts)."""
    found = _ORDINAL.search(fold(text))
    if found is None or (_ORDINAL_LINE.search(fold(text)) and not of_a_line):
        return None
    return RANK_POSITIONS[found.group(1)]


# « ça passe sur le même simulateur ? » : the simulator of an answer, compared
_THE_SAME_TOOL = re.compile(r"\b(?:le meme|au meme|du meme|sur le meme) (?:simulateur|outil|simu)\b")


def _simulated_in(cat: Catalogue, focus: Focus) -> bool:
    """The focus speaks of a simulator, or of a card priced with one (in a pricing answer)."""
    return any(t in SIMULATORS for t in _tools_in_focus(focus)) or bool(
        focus.intent in PRICING_FAMILIES and any(c in cat.cartes and cat.cartes[c].simulateur for c in focus.cartes))


def same_simulator_verdict(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                           focus: Focus) -> Optional[str]:
    """« il sert aussi pour les diners ? » après le simulateur des cartes chinoises (ou après SimulUPI, ou une
    recommandation avec les cartes chinoises) : « Oui. » quand
    la carte nommée se simule avec le même simulateur que celle du focus (ou que le simulateur du focus), « Non. »
    sinon (section « Quelle tarification ? ») ; None pour une autre question. « le même simulateur » juste après un
    détour (le dépôt dans MyGed) compare au simulateur de la réponse d'avant (`focus.avant`)."""
    if _THE_SAME_TOOL.search(fold(text)) and focus.avant and not _simulated_in(cat, focus) \
            and _simulated_in(cat, focus.avant):
        focus = focus.avant
    tools = [t for t in _tools_in_focus(focus) if t in SIMULATORS]
    if len(tools) > 1 and (position := listed_position(text)) is not None and position < len(tools):
        tools = tools[position:position + 1]  # « et le deuxième, il sert aussi pour les Diners ? » after both
    # after a recommendation with the Chinese cards, its simulator (SimulUPI) is what « il » is
    simulated = tuple(c for c in recommended_cards(cat, focus) if cat.cartes[c].simulateur) \
        if focus.intent == RECOMMENDATION else ()
    if set(named) != {"cartes"} or not ((focus.cartes and focus.intent in PRICING_FAMILIES) or tools or simulated) \
            or not is_closed(text) or not (_TOO.search(fold(text)) or WORKS_FOR.search(fold(text))):
        return None
    # « il marche aussi pour les CB classiques ? », « ça marche pour les diners ? » after SimulUPI: the simulator in
    # focus, else the card in focus
    compared = () if tools else (focus.cartes[:1] or simulated[-1:])
    simulators = {*tools[:1],
                  *(cat.cartes[c].simulateur for c in (*compared, *named["cartes"]) if c in cat.cartes)}
    return cat.say("verdict.oui" if len(simulators) == 1 else "verdict.non")


def simulator_for_card(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> Optional[Resolution]:
    """« on fait la simu sur SimulEasy pour les diners ? » (une question fermée qui nomme un simulateur et des cartes ;
    une offre ne fait que situer le client) : « Oui. » quand ce simulateur est celui de chaque carte nommée, « Non. »
    sinon, puis le simulateur de ces cartes (section « Quelle tarification ? ») ; « SimulEasy ou SimulUPI pour les
    diners ? » (le choix entre deux simulateurs) : le simulateur de ces cartes, sans oui ni non ; None pour une autre
    question."""
    tools = [t for t in named.get("outils", ()) if t in SIMULATORS]
    cards = [c for c in named.get("cartes", ()) if c in cat.cartes and cat.cartes[c].simulateur]
    if not cards or set(named) - {"outils", "cartes", "offres"}:
        return None
    if len(tools) > 1 and says_either_or(text) and not is_who_question(text):
        # « simuleasy ou simulupi pour un resto qui prend les diners ? » : the one for those cards, said first
        return Resolution(question_of("ask_simulator", {"cartes": tuple(cards)}))
    if len(tools) != 1 or not is_closed(without_describing_who(text)):
        return None
    same = all(cat.cartes[c].simulateur == tools[0] for c in cards)
    return Resolution(question_of("ask_simulator", {"cartes": tuple(cards)}), cat.say("verdict.oui" if same else
                                                                                     "verdict.non"))


# Articles and « de » between the words of a notion: « création de sites » is also « la création du site ».
def offers_by_notion(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """Les offres dont une notion propre (`notions` du catalogue : « full service », « clé en main », « création de
    sites ») est dite dans le message, articles et nombre compris (« la création du site ») : `cecaz.notions`."""
    return subjects_by_notion(cat, "offer", text)


# « si la page plante » right after « et la page de paiement… ? » : the same page, its complement left out.
# « et si elle plante, le client appelle qui ? » right after the payment page: the page, by its pronoun.
_IT_FAILS = re.compile(r"\b(?:elle|elles) (?:ne )?(?:plante\w*|bug\w*|beug\w*|bloque\w*|marche (?:pas|plus)|"
                       r"fonctionne (?:pas|plus)|tombe en panne)\b")
# « celle-ci » : the page (feminine, or plural for the pages); `SINGULAR` is for one line (« celui-là », « ce numéro »)
_THIS_PAGE = re.compile(r"\b(?:celle|celles) (?:ci|la)\b")
_BARE_PAGE = re.compile(r"\b(?:la|cette|les|ces|sa|leur|leurs) pages?\b(?! (?:de|d|du|des)\b)")


def payment_pages_elsewhere(cat: Catalogue, text: str, focus: Focus, previous: str = "") -> Optional[str]:
    """L'offre qui prend en charge les pages de paiement de l'offre en focus (`pages_paiement` : Payplug pour IZ
    eCommerce) quand le message parle de page de paiement, ou de « la page » juste après un message (`previous`)
    qui disait la page de paiement ou nommait l'offre de ces pages, ou de « si elle plante » juste après ; None
    sinon."""
    folded = fold(text)
    if not focus.offres or focus.offres[0] not in cat.offres:
        return None
    pages = cat.offres[focus.offres[0]].pages_paiement
    # « et si la page plante ? » after « pk Payplug alors que c'est IZ qui a fait le site ? » : the message before
    # named the pages' offer, so « la page » is the payment page (after IZ eCommerce's presentation alone, the site's)
    about_pages = pages in focus.offres or pages in cat.find_in_text("offer", previous)
    # « celle-ci, en cas de panne, le client appelle qui ? » right after « et la partie page de paiement… ? »
    said = PAYMENT_PAGES.search(folded) or ((_BARE_PAGE.search(folded) or _IT_FAILS.search(folded)
                                             or _THIS_PAGE.search(folded))
                                            and (PAYMENT_PAGES.search(fold(previous)) or about_pages))
    return pages if said else None


# « et le site lui-même ? », « pour le site en tant que tel » : the site, as against its payment pages (folded text)
_THE_SITE_ITSELF = re.compile(r"\b(?:le|du|au|son|leur|pour le) site"
                              r"(?: (?:lui meme|en lui meme|en tant que tel|meme))?\b")


# « …, pas la page de paiement », « plutôt que sa page de paiement » : the pages set aside (folded)
_NOT_THE_PAGES = re.compile(r"\b(?:pas|non|plutot que|au lieu de|hors) (?:sur |de |dans |avec )?(?:la|sa|les|ses|leur|"
                            r"leurs) pages? de paiement\b")


def site_itself(cat: Catalogue, text: str, focus: Focus, typed_before: Sequence[str] = ()) -> Optional[str]:
    """« et le site lui-même, quand il bug ? » after the payment pages of an IZ eCommerce site, answered by Payplug's
    support: the offer of the site (IZ eCommerce, whose `pages_paiement` are the offer in focus), talked about before
    (`Focus.avant`) or named by a message typed before (`typed_before`, the most recent first) ; None when the
    message speaks of the payment pages (not only to set them aside: « le site, pas la page de paiement ») or not of
    the site, or nothing before names such an offer."""
    folded = fold(text)
    if not _THE_SITE_ITSELF.search(folded) or PAYMENT_PAGES.search(_NOT_THE_PAGES.sub(" ", folded)):
        return None
    # (« je lui propose quoi ? » answered IZ eCommerce by the diagnostic: the recommendation kept in focus)
    before = (*(focus.avant.offres if focus.avant else ()), *recommended_offer(cat, focus),
              *(o for typed in typed_before for o in cat.find_in_text("offer", typed)))
    return next((o for o in before if o in cat.offres and cat.offres[o].pages_paiement in focus.offres), None)


def step_reached(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]], focus: Focus,
                 now: datetime) -> Optional[Tuple[str, int]]:
    """(démarche, indice de l'étape) où en est la conversation : l'étape que nomme le message (« j'ai fini ma
    simu »), sinon la fin de la démarche que la réponse précédente vient de dérouler, sinon le diagnostic fait après
    une recommandation, sinon la dernière étape que nommait la réponse précédente ; None si rien ne le dit."""
    offres, cartes = named.get("offres") or focus.offres, named.get("cartes") or focus.cartes
    found = position_in(cat, text, offres, cartes)
    if found is None and focus.demarche in cat.etapes:
        found = at_the_end(cat, str(focus.demarche))
    if found is None and focus.intent == RECOMMENDATION:
        found = opening_of(cat, focus.offres[0] if focus.offres else None)
    if found is None and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE, NEXT_STEP):
        previous = compose(cat, same_question(focus), now)
        found = position_in(cat, previous.text, offres, cartes)
    return (found.demarche, found.etape) if found else None


def roles_in(cat: Catalogue, answer: Answer) -> Tuple[str, ...]:
    """Les rôles que nomme une réponse comme acteurs, dans l'ordre (deux au plus) : « et qui s'en occupe ? » après la
    tarification parle du premier. Une ligne qui oriente (« … : à vérifier avec le CIF ») ne compte pas : ce CIF
    n'est pas « lui » dans « pourquoi c'est à lui de faire la demande ? » après AMEX."""
    lines = [line for line in answer.text.splitlines() if not _ROUTING.search(fold(line))]
    return tuple(cat.find_in_text("role", "\n".join(lines))[:2])


_ROUTING = re.compile(r"\b(?:a verifier avec|adressez vous|voyez avec|voir avec|faites appel)\b")


_RULE = re.compile(r"\b(?:doit|doivent|obligatoire\w*|il faut|imperati\w*)\b")


def rules_in(cat: Catalogue, answer: Answer) -> Tuple[str, ...]:
    """Les outils que nomme une phrase de règle de la réponse (« L’application de la tarification doit
    respecter le schéma délégataire ») : « c'est obligatoire ? » demande la raison de cette règle."""
    sentences = re.split(r"(?<=[.;:])\s+|\n", answer.text)
    found = [tool for sentence in sentences if _RULE.search(fold(sentence))
             for tool in cat.find_in_text("tool", sentence)]
    return tuple(dict.fromkeys(found))[:2]


def designated(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Ceux que désigne un pronom (« c'est eux qui signent ? », « c'est lui qui fait la tarif ? ») après la réponse
    en focus : ses rôles, sinon le rôle qu'elle nommait comme acteur, sinon l'organisation de son offre ou de sa
    carte (clés de `cecaz.doers.actors_in`)."""
    return focus_actors(cat, focus.roles or focus.acteurs[:1], focus.offres, focus.cartes)


# « il », « lui », « eux » : a person taken up by a pronoun (folded text)
_A_PERSON = re.compile(r"\b(?:il|ils|lui|eux|elle|elles)\b")
# « ils », « eux » : several, a company rather than one role (folded text)
_THEY = re.compile(r"\b(?:ils|elles|eux)\b")


def doer_question_asked(cat: Catalogue, reading: Question, text: str, before: Sequence[str],
                        focus: Focus) -> Tuple[str, Tuple[str, ...]]:
    """The « c'est X qui… ? » question a message asks and whom its pronoun designates (keys of `actors_in`, as
    `designated`): `text` itself, or, for a subject named alone (« et pour un client payplug aussi ? ») right after
    such a question (`before`: the messages typed before, latest first), that question again. Its pronoun designated
    what the focus held before it (`Focus.avant`) when it named the subject in focus (« et pour un client Payplug, c'est
    aussi lui qui fait signer ? » after the CIF: « lui » is the CIF, not Payplug) ; so does a pronoun of the next
    question (« et la tarif d'un contrat SP+, c'est lui aussi ? ») ; « le second » is the role at that place."""
    named = set(named_subjects(reading))
    if not (before and reading.intent == SUBJECT_ONLY and named and named <= {FIELDS["offer"], FIELDS["card"]}
            and IT_IS_X_WHO.search(fold(before[0])) and not IT_IS_X_WHO.search(fold(text))):
        # « le second, il fait aussi la tarification ? » after the CIF and the ATC: the role at that place
        position = listed_position(text)
        if position is not None and len(focus.roles) >= 2 and position < len(focus.roles):
            return text, (f"role:{focus.roles[position]}",)
        if before and focus.avant is not None and focus.avant.roles and _A_PERSON.search(fold(text)) \
                and _A_PERSON.search(fold(before[0])) and set(cat.find_in_text("offer", before[0])) & set(focus.offres):
            # « et la tarif d'un contrat SP+, c'est lui aussi ? » after « il s'en sert aussi pour un client Payplug ? »
            # asked of the CIF: the same person, not the company of the offer that question named
            return text, designated(cat, focus.avant)
        if _THEY.search(fold(text)) and focus.offres and len({*focus.roles, *focus.acteurs[:1]}) == 1:
            # « ils s'occupent aussi de l'acquisition ? » after what Payplug is (« …par un CIF ») : « ils » is the
            # offer's company, not the one person the answer named
            return text, designated(cat, replace(focus, roles=(), acteurs=()))
        return text, designated(cat, focus)
    named_then = set(cat.find_in_text("offer", before[0])) & set(focus.offres)
    return before[0], designated(cat, focus.avant if named_then and focus.avant is not None else focus)


def who_answered(cat: Catalogue, text: str, question: Question, answer: Answer) -> Tuple[str, ...]:
    """« c'est qui qui tranche entre Payplug et SP+ ? » : les rôles que nomme la réponse à une question
    « qui … ? » qui n'en nommait pas, ou un autre que celui qu'elle devinait à la fin (`_GUESSED`), le premier nommé
    (« pourquoi lui ? », « il s'appuie sur quoi ? » parlent de lui)."""
    if not is_who_question(text):
        return ()
    first = _first_role_answered(cat, answer)
    if not question.roles:
        return first
    # « qui pilote la mise en place, j'imagine que c'est le réseau ? » : the role guessed is not the one the answer
    # names first (the CIF), who « il » is next
    guessed = _roles_guessed(cat, text)
    return first if guessed and not set(first) & set(guessed) else ()


def _first_role_answered(cat: Catalogue, answer: Answer) -> Tuple[str, ...]:
    """The role the answer names first (who does it comes first), as a 1-tuple of `catalogue/roles.yml` ids, or ()."""
    return tuple(cat.find_in_text("role", lead_lines(answer))[:1])


def _roles_guessed(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """The roles the end of a « qui… ? » guesses (« …, j'imagine que c'est le réseau ? »), () without such a guess."""
    guess = _GUESSED.search(fold(text))
    return tuple(cat.find_in_text("role", guess.group())) if guess else ()


# « …, j'imagine que c'est le réseau ? », « …, c'est le CIF non ? » : a guess of who it is, at the end of a « qui… ? »
_GUESSED = re.compile(r"\b(?:c est|ce serait|ce sera|ce doit etre) (?:bien |plutot )?(?:le|la|l|un|une) [\w+]+"
                      r"(?: [\w+]+)?\s*(?:non|hein|pas vrai|je crois|je pense|je suppose|j imagine)?\s*$")


def guessed_doer_verdict(cat: Catalogue, text: str, question: Question, answer: Answer) -> Optional[str]:
    """« qui pilote la mise en place, j'imagine que c'est le réseau ? » : « Non. » when the role the question guesses
    is not the one the answer names first (the CIF), « Oui. » when it is ; None without a guess of a role."""
    guessed = _roles_guessed(cat, text)
    first = _first_role_answered(cat, answer)
    if not guessed or not first or not is_who_question(text):
        return None
    return cat.say("verdict.oui" if first[0] in guessed else "verdict.non")


# « la demande », « le numéro d'affilié », « l'organisme » : the affiliation a card network asks for.
_AFFILIATION_STEP = re.compile(r"\b(?:demande\w*|affili\w*|organismes?)\b")
# « ils lui donnent quoi au final ? », « il récupère quoi auprès d'eux ? » : what the card's company hands over
_GIVEN = re.compile(r"\b(?:donne\w*|fourni\w*|recup\w*|obtien\w*|recoi\w*|recevoir|transmet\w*|envoie\w*)\b")


# « Payplug ne lui convient pas », « il ne veut pas de Payplug », « sans Payplug » : an offer set aside in its clause
_SETS_ASIDE = re.compile(r"\b(?:convien\w*|va|vont|plai\w*|veu\w*|interess\w*|correspond\w*|souhait\w*|adapt\w*|"
                         r"aime)\s+(?:\w+ )?(?:pas|plus)\b|^\s*(?:non )?pas\b")


# « …, pas du partenariat », « pas celui de SP+ » : a clause that says what was not meant
_NOT_MEANT = re.compile(r"^\s*(?:et |mais )?(?:pas|non pas) (?:pour |avec |sur )?"
                        r"(?:du|de la|de l|des|de|le|la|l|les|celui|celle|ceux)\b")


_CORRECTED_KINDS: Tuple[EntityKind, ...] = ("offer", "service")


def corrected_away(cat: Catalogue, text: str) -> set[str]:
    """The subjects (catalogue keys of offers and services) a correction names in a clause saying they were not
    meant (« je parlais du support Payplug, pas du partenariat » : the partnership team)."""
    return {key for clause in re.split(r"[,;:.!?]", text) if _NOT_MEANT.search(fold(clause))
            for kind in _CORRECTED_KINDS for key in cat.find_in_text(kind, clause)}


def set_aside_offers(cat: Catalogue, text: str) -> set[str]:
    """The offers (catalogue keys) the message names only in a clause that sets them aside (« Payplug ne lui convient
    pas, il part sur SP+ »), when another offer is named in a clause that does not: those are what it asks about."""
    aside, kept = _offers_by_clause(cat, text)
    return aside - kept if kept - aside else set()


def offer_left(cat: Catalogue, text: str) -> Optional[str]:
    """« un restaurant a un site et Payplug ne lui plaît pas, il faut faire une simu ? » : every offer named is set
    aside, and the client's facts said in the message lead to one offer (SP+ : `cecaz.diagnostic`, section « Comment
    choisir entre Payplug et SP+ ? ») ; that offer, or None."""
    aside, kept = _offers_by_clause(cat, text)
    offer = offer_before_the_cards(known_facts(cat, text)) if aside and not kept else None
    return offer if offer and offer not in aside else None


def _offers_by_clause(cat: Catalogue, text: str) -> Tuple[set[str], set[str]]:
    """The offers named in clauses that set them aside, and in the other clauses."""
    aside: set[str] = set()
    kept: set[str] = set()
    # (« … ne lui va pas et le CIF a retenu SP+ » : « et » before a new subject opens a clause; « Payplug et SP+ ne
    # lui vont pas » is one)
    for clause in map(fold, re.split(r"[,;:.!?]|\bmais\b|\bdonc\b|\balors\b|"
                                     r"\bet (?=(?:il|elle|ils|on|le|la|l|c|ce|nous|je)\b)", text)):
        offers = set(cat.find_in_text("offer", clause))
        (aside if _SETS_ASIDE.search(clause) else kept).update(offers)
    return aside, kept


def same_question(focus: Focus, **extra: Any) -> Question:
    """The question the last answer answered, as it was asked: its family, subjects and lines (`extra`: more
    `Question` fields, e.g. the audience)."""
    return question_of(str(focus.intent), focus.subjects(), contacts=focus.contacts, **extra)


def question_in_focus(focus: Focus) -> Question:
    """`same_question`, except for the steps of a process (« on en fait quoi ? »): the steps after its first one."""
    return same_question(focus, **({"etape": (focus.demarche, 0)} if focus.intent == NEXT_STEP and focus.demarche
                                   else {}))


def answer_in_focus(cat: Catalogue, focus: Focus, now: datetime) -> Answer:
    """The last answer, composed again from the focus (`question_in_focus`) at `now`."""
    return compose(cat, question_in_focus(focus), now)


# « avec l'accord de qui ? », « c'est validé par qui ? » : the person beside a word of the previous answer
WHO_OF_A_DETAIL = re.compile(r"\b(?:de|par|avec|aupres de|chez) qui\s*\??\s*$")


def who_in_the_answer(cat: Catalogue, text: str, focus: Focus, now: datetime) -> Optional[str]:
    """« avec l'accord de qui ? » after JPEL's pricing (« … en accord avec le réseau ») : the role (catalogue key)
    named right after a word of the message in a sentence of the previous answer ; None when the message has not
    that form, or no sentence of the answer shares its words with a role after them."""
    folded = fold(text)
    if not WHO_OF_A_DETAIL.search(folded) or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE):
        return None
    words = content_words(folded) - {"qui"}
    if not words:
        return None
    answer = answer_in_focus(cat, focus, now)
    for sentence in re.split(r"[.;\n]+", answer.text):
        sentence = fold(sentence)
        at = min((m.start() for w in words if (m := re.search(rf"\b{re.escape(w[:5])}", sentence))), default=None)
        if at is None:
            continue
        roles = [key.split(":", 1)[1] for _, key in actors_in(cat, sentence[at:]) if key.startswith("role:")]
        if roles:
            return roles[0]
    return None


# The answers on an offer that say who does what for it (section « Comment ouvrir les services ? »).
OFFER_DOINGS = ("ask_contracts", "ask_funds", "ask_pricing")


def detail_checked(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]], focus: Focus,
                   now: datetime) -> Optional[str]:
    """« avec l'accord du réseau aussi ? » after JPEL's pricing, « par virement ? » after Payplug's funds: a detail of
    the previous answer said back (`named` : the message's subjects, `named_subjects`) ; « Oui. » when that answer
    says it (`detail_verdict`), None otherwise. A person the answer names (the network) is part of the detail, not a
    new subject; the answer to give is the previous one again."""
    if not says_a_detail_back(text) or (named and not (set(named) == {"roles"}
                                                        and set(named["roles"]) <= set(focus.acteurs))):
        return None  # checked before composing the previous answer, which every message would pay for otherwise
    if focus.intent not in FAMILIES or focus.intent in (WHY, "ask_role", *CONTACT_FAMILIES) \
            or audience_of(text) or coordinate_asked(text):
        return None  # « par mail ? », « en interne ? » after a line ask for that line's coordinate or public
    return detail_verdict(cat, text, compose(cat, question_of(str(focus.intent), focus.subjects()), now))


# « c'est pas dans OSC qu'on la met ? », « on la dépose sur SimulEasy ? » : a tool said as the place where the thing in
# focus goes (taken up by a pronoun, « on ne la range pas… » too, or by « c'est … que »)
_PLACE_OF_IT = re.compile(r"\b(?:dans|sur) (?:l |le |la )?\w+\b")
_TAKEN_UP = re.compile(r"\b(?:qu on|que|on|je|il|elle) (?:ne |n )?(?:la|le|les|l)\b|"
                       r"\b(?:c est|cest|c) (?:pas |bien )?(?:dans|sur)\b")


# « et la simu, on la range dans OSC ? » : the thing placed, named before the pronoun that takes it up (folded text)
_THING_PLACED = re.compile(rf"^{OPENING}(?:la|le|les|l) (?P<thing>\w{{4,}})\b")


def place_checked(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]], focus: Focus,
                  now: datetime, intent: Optional[str] = None) -> Optional[Resolution]:
    """« c'est pas dans OSC qu'on la met ? » after « la simulation doit être déposée dans MyGed » : the previous answer
    again, opened by « Oui. » when one of its sentences puts the thing in that tool (« dans MyGed »), « Non. » when
    they put it elsewhere and never name that tool (section « Quelle tarification ? ») ; None when the message names no
    tool as a place or the answer puts nothing in a tool. A thing named (« et la simu, on la range dans OSC ? » after
    the CIF's missions) that the previous answer does not place is checked against the answer of the message's own
    family (`intent`, the filing), when it has one."""
    folded = fold(text)
    place = _PLACE_OF_IT.search(folded)
    if set(named) != {"outils"} or not place or not _TAKEN_UP.search(folded) or not is_closed(text) \
            or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE, *CONTACT_FAMILIES) \
            or set(named["outils"]) & set(focus.outils):
        return None
    asked = set(cat.find_in_text("tool", folded[place.start():]))
    answer = answer_in_focus(cat, focus, now)
    thing = _THING_PLACED.search(folded)
    stem = thing.group("thing")[:4] if thing else ""
    if stem and not any(stem in clause and _PLACE_OF_IT.search(clause)
                        for clause in map(fold, re.split(r"[\n.;]", answer.text))):
        if intent not in FAMILIES or intent == focus.intent or FAMILIES[str(intent)].about:
            return None
        focus = Focus(intent)  # the message's own family, which takes no subject (the filing of the simulation)
        answer = compose(cat, question_in_focus(focus), now)
    places = {tool for found in _PLACE_OF_IT.finditer(fold(answer.text))
              for tool in cat.find_in_text("tool", found.group())}
    # « on la fait sur SimulEasy ? » after « avec un simulateur (SimulEasy…) » : no place, the tool used
    if not asked or not places or not asked <= places and asked & set(cat.find_in_text("tool", answer.text)):
        return None
    verdict = "verdict.oui" if asked <= places else "verdict.non"
    return Resolution(question_in_focus(focus), cat.say(verdict))


def affiliation_asked(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """« et il fait la demande où ? », « c'est bien lui qui doit faire la demande ? », « et l'organisme lui donne
    quoi ? », « il récupère quoi auprès d'eux ? » after a recommendation with AMEX or ANCV, or an answer on those cards:
    those cards (catalogue keys), whose affiliation the client asks for directly from the card's company, which gives
    him the affiliation number (section « Quelle tarification ? ») ; () otherwise."""
    folded = fold(text)
    if not (_AFFILIATION_STEP.search(folded) or _GIVEN.search(folded) and has_question_word(text)) \
            or asks_for_a_line(text) or coordinate_asked(text):
        # (« et quelle ligne je lui donne en cas de souci ? » asks for a line, whatever the cards)
        return ()
    cards = recommended_cards(cat, focus) if focus.intent == RECOMMENDATION else focus.cartes
    return cat.joined_directly(cards)


def asks_how_a_card_is_joined(cat: Catalogue, text: str, cartes: Sequence[str]) -> bool:
    """« un hôtelier veut accepter l'AMEX : c'est le CIF qui la lui ouvre ? », « il veut aussi les chèques-vacances,
    qui fait la demande ? », « … il s'adresse à qui ? », « comment ça se passe ? » : who or how the cards named
    (`cartes`, catalogue keys), all of them joined by the client directly (AMEX, ANCV), are taken on ; what the
    affiliation answer says (section « Quelle tarification ? »). False when one of them is not joined so."""
    if not cartes or len(cat.joined_directly(cartes)) != len(cartes):
        return False
    return asks_who_does(cat, text, ()) or asks_how_it_goes(text) or asks_whom_to_call_to_join(text) \
        or bool(affiliation_asked(cat, text, Focus(cartes=tuple(cartes))))


def asked_outside_the_diagnostic(cat: Catalogue, text: str, cartes: Sequence[str], focus: Focus,
                                 intent: str = INFORM_PAYMENT_METHODS) -> Optional[str]:
    """The family that answers a message the NLU reads as a card the client wants (which starts the guided diagnostic)
    while it asks about the card: how the client joins it (`asks_how_a_card_is_joined`: the affiliation), or, after an
    answer that was not a recommendation, the card alone (« et les amex aussi » after SimulUPI's cards: the previous
    question, for that card), or, read as cards (`intent`) while naming no card and no fact on the client, a
    question in a thread (`NLU_FALLBACK`: to be read as a message DIET did not place) ; None when the message is
    for the diagnostic (« mon client veut aussi l'AMEX », « les cb classiques seulement », « et si elle lui va pas ? »
    read as Payplug not fitting). « ce service il couvre sp+ aussi » after a line: whether the line serves that offer
    (`SUBJECT_ONLY`)."""
    if asks_how_a_card_is_joined(cat, text, cartes):
        return "ask_affiliation"
    if not cartes and focus.contacts and WORKS_FOR.search(fold(text)) and (
            cat.find_in_text("offer", text) or offers_by_notion(cat, text)):
        # « ce service il couvre sp+ aussi » after a line, « elle sert aussi pr le module le plus modulaire » (read as
        # a need for the diagnostic): whether that line serves the offer named (the previous question for it, opened
        # by yes or no)
        return SUBJECT_ONLY
    if intent != INFORM_PAYMENT_METHODS or not focus.intent:
        return None  # (« et si elle lui va pas ? » read as Payplug not fitting: a fact for the diagnostic)
    if cartes and focus.intent in FAMILIES and not focus.recommendation and is_elliptical(text) \
            and not describes_the_client(cat, text, cartes):
        return SUBJECT_ONLY
    if not cartes and not observe(cat, text, intent, None, ()) and (
            has_question_word(text) or "?" in text or cat.find_in_text("service", text)):
        # « bon et ce service de tout à l'heure, ils font aussi l'assistance jpel » : no card, no fact on the client,
        # a question on a line: read as a message DIET did not place (`actions.clarify`)
        return NLU_FALLBACK
    return None


def recommended_offer(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """L'offre de la recommandation en focus (`conclusion`, identifiant du catalogue), en tuple ; () sans
    recommandation ou quand elle ne conclut pas sur une offre."""
    conclusion = (focus.recommendation or {}).get("conclusion")
    return (str(conclusion),) if conclusion in cat.offres else ()


def recommended_cards(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Les cartes de la recommandation en focus (faits du diagnostic, `moyens`, identifiants du catalogue) : AMEX et
    ANCV demandent une affiliation en direct, Union Pay International et DFS/Diners se simulent avec SimulUPI
    (section « Quelle tarification ? »)."""
    facts = (focus.recommendation or {}).get("facts") or {}
    moyens = facts.get("moyens") if isinstance(facts, Mapping) else None
    return tuple(c for c in (moyens if isinstance(moyens, list | tuple) else ()) if c in cat.cartes)


def simulator_claim(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                    focus: Optional[Focus] = None) -> Optional[Resolution]:
    """« pour un commerçant JPEL qui prend les cartes chinoises, on tarife avec SimulEasy, c'est bon ? » : un
    simulateur nommé dans une question fermée ou une affirmation rapportée, pour des cartes ou une offre nommées ; oui
    quand c'est celui du document (`Carte.simulateur` ; les contrats « standards » pour une offre dont la tarification
    passe par un simulateur), non sinon, puis ce que dit le document : le simulateur de ces cartes, l'affiliation en
    direct (AMEX, ANCV : pas de tarification par la CECAZ), ou la tarification négociée par la société (Payplug, IZ
    eCommerce) ; section « Quelle tarification ? ». None quand le message ne le demande pas ou que deux simulateurs
    s'appliquent. Sans offre ni carte nommée, celles du focus (« il faut quand même une simu SimulEasy ? » après
    l'AMEX)."""
    claimed = [t for t in named.get("outils", ()) if t in SIMULATORS]
    offres, cartes = named.get("offres", ()), named.get("cartes", ())
    if not (offres or cartes) and focus is not None:
        # « on fait la simu sur SimulEasy ? » after a recommendation: the cards it was made for, else its offer
        cartes = recommended_cards(cat, focus) if focus.intent == RECOMMENDATION else focus.cartes
        offres = () if cartes and focus.intent == RECOMMENDATION else focus.offres
    if len(claimed) != 1 or not (offres or cartes) or not _asks_to_check(text):
        return None
    if direct := cat.joined_directly(cartes):
        return Resolution(question_of("ask_affiliation", {"cartes": direct}), cat.say("verdict.non"))
    right = {str(cat.cartes[c].simulateur) for c in cartes if c in cat.cartes and cat.cartes[c].simulateur}
    if not right and (negotiated := tuple(o for o in offres if o in cat.offres and cat.offres[o].tarification
                                          and not simulates(cat, o))):
        return Resolution(question_of("ask_pricing", {"offres": negotiated}), cat.say("verdict.non"), SIMULATION)
    if not right and any(simulates(cat, o) for o in offres) and STANDARD_CARDS in cat.cartes:
        right = {str(cat.cartes[STANDARD_CARDS].simulateur)}
    if len(right) != 1:
        return None
    subjects = {field: ids for field, ids in (("offres", offres), ("cartes", cartes)) if ids}
    return Resolution(question_of("ask_simulator", subjects), cat.say("verdict.oui" if claimed[0] in right
                                                                     else "verdict.non"))


def _asks_to_check(text: str) -> bool:
    """A closed question, or a claim reported to be checked (« on m'a dit que… », `cecaz.reported`)."""
    return is_closed(text) or reported(fold(text)) is not None


# « contrat VAD », « contrat SP+ », « un contrat monétique de type SP+ » : the offer whose contract is named (folded).
# The words after it stop at a preposition: in « un contrat VAD pour JPEL », JPEL is the offer asked about.
_CONTRACT_OF = re.compile(r"\bcontrats? (?:monetiques? )?(?:de type |type |de |d )?"
                          r"((?:(?!(?:pour|chez|avec|dans|sur|a|au)\b)[\w+]+ ?){1,3})")


# « un contrat VAD », « un contrat de type SP+ » : the offer named right after the word (not « les contrats, en SP+ »).
_CONTRACT_NAMED = re.compile(r"\bcontrats? (?:monetiques? )?(?:de type |type )?(?!(?:en|pour|chez|de|d|a|au|avec)\b)"
                             r"([\w+]+(?: plus)?)")


def _offers_after(cat: Catalogue, contract: re.Pattern[str], text: str) -> set[str]:
    """The offers (catalogue keys) that `contract` finds after the word « contrat » in the folded `text`."""
    return {o for found in contract.finditer(fold(text)) for o in cat.find_in_text("offer", found.group(1))}


def contract_claim(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                   focus: Optional[Focus] = None) -> Optional[Resolution]:
    """« on m'a dit que pour JPEL il fallait ouvrir un contrat VAD, c'est ça ? », « pour IZ eCommerce on doit ouvrir
    un contrat SP+ ? » : le contrat d'une autre offre affirmé pour celle-ci (question fermée ou affirmation rapportée) ;
    non, puis les contrats de l'offre (section « Comment ouvrir les services ? »). Sans autre offre nommée, celle du
    focus quand le message demande ce qu'il faut (« et il faut pas un contrat VAD, si ? » après JPEL). None sinon."""
    offres = named.get("offres", ())
    if not offres or not _asks_to_check(text):
        return None
    claimed = _offers_after(cat, _CONTRACT_OF, text)
    context = tuple(o for o in offres if o not in claimed)
    if not context and focus is not None and asks_if_contract_needed(text) \
            and claimed <= _offers_after(cat, _CONTRACT_NAMED, text):
        context = tuple(o for o in focus.offres if o not in claimed)
    if not claimed or not context:
        return None
    return Resolution(question_of("ask_contracts", {"offres": context[:1]}), cat.say("verdict.non"), point=CONTRACT)


def simulates(cat: Catalogue, offre: str) -> bool:
    """La tarification de l'offre passe par un simulateur de rentabilité (son texte de tarification le nomme,
    section « Quelle tarification ? »)."""
    return offre in cat.offres and "simul" in fold(cat.offres[offre].tarification or "")


# « dans quel outil on paramètre… ? », « on fait ça avec quoi ? » : la question demande un outil, que la réponse nomme.
_ASKS_A_TOOL = re.compile(r"\b(?:quel\w* (?:outils?|logiciels?|simulateurs?|applis?\w*|plateformes?|systemes?)|"
                          r"dans quoi|avec quoi)\b")


def tools_asked(cat: Catalogue, text: str, question: Question, answer: Answer,
                named: Sequence[str] = (), focus: Optional[Focus] = None) -> Tuple[str, ...]:
    """L'outil dont parle la question : celui qu'elle nomme et que la réponse nomme aussi (`named` : les outils que
    le message nommait, quand la question résolue porte sur le rôle qui s'en sert, « le lead monexpert c'est qui qui
    le saisit ? », ou que la réponse nomme aussi), sinon, si elle demande un outil (« dans quel outil… ? »), le
    premier que nomme la réponse ; sinon l'outil du `focus` quand la question dit ce qu'il fait pour une offre
    (« il sert aussi pour Payplug ? » après OSC : toujours OSC, `tool_for_offer`) ; () sinon."""
    in_answer = cat.find_in_text("tool", answer.text)
    asked = set(question.outils or named)
    if not asked and question.intent == "ask_role" and names_the_simulation(text):
        # « et la simu, c'est qui qui la fait ? » : the simulation is made with the simulators (« il la met où
        # après ? » asks where it is filed, not where the tool spoken of before is)
        return tuple(t for t in cat.outils if t in SIMULATORS)
    if asked and asked <= SIMULATORS and in_answer and in_answer[0] in SIMULATORS and (
            len(asked) > 1 or in_answer[0] not in asked and answer.text.startswith(cat.say("verdict.non"))):
        # « on fait la simu sur SimulEasy ? » answered « Non. Pour Union Pay : SimulUPI. », « SimulEasy ou SimulUPI pour
        # les Diners ? » answered « SimulUPI » : the simulator the answer gives is the one « il sert aussi pour les
        # cartes chinoises ? », « c'est le même ? » ask about next
        return tuple(in_answer[:1])
    if not asked and question.intent == "ask_simulator" and question.cartes \
            and (simulators := [t for t in in_answer if t in SIMULATORS]):
        # « le simulateur des contrats standards, il s'appelle comment ? » : the one the answer gives for those cards
        # first (SimulEasy) is the tool « qui s'en sert ? », « il l'utilise aussi pour… ? » ask about next
        return tuple(simulators[:1])
    if focus is not None and not named and question.offres \
            and tool_for_offer({"offres": tuple(question.offres)}, focus) == question.intent:
        return tuple(t for t in _tools_in_focus(focus) if t in TOOL_FAMILY_FOR_OFFER)
    if question.outils and set(question.outils) & set(in_answer):
        # « la simulation SimulEasy terminée, elle part où ? » : an answer that does not name the tool was not about it
        return tuple(question.outils)
    if named and (question.roles or set(named) <= set(in_answer)):
        return tuple(named)  # « on paramètre quoi dans OSC pour SP+ ? » : OSC, which the contracts' answer names too
    return tuple(in_answer[:1]) if _ASKS_A_TOOL.search(fold(text)) else ()


def after(focus: Focus, question: Question, answer: Answer, who: Sequence[str] = (),
          acteurs: Sequence[str] = (), regles: Sequence[str] = (), point: Optional[str] = None,
          objets: Sequence[str] = ()) -> Focus:
    """Le focus après avoir répondu à `question` par `answer` ; la dernière recommandation reste
    connue (« et s'il veut aussi AMEX ? » peut venir après une question sur les contacts) ; `who` :
    les rôles qui répondent à une question « qui… ? » (`who_answered`) ; `acteurs` : les rôles que
    nomme la réponse (`roles_in`) ; `regles` : les outils d'une règle qu'elle énonce (`rules_in`) ; `point` : ce que
    demandait une question fermée (`Resolution.point`) ; `objets` : l'outil dont parle la question (`tools_asked`),
    gardé à travers une question sur le rôle qui s'en sert. Quand le sujet ou les lignes changent, le focus d'avant
    devient `avant` (sinon `avant` reste)."""
    new = _after(focus, question, answer, who, acteurs, regles, point, objets)
    if new is focus:
        return new
    changed = (new.subjects(), new.contacts) != (focus.subjects(), focus.contacts)
    # (the tools an answer spoke of count: « quels simulateurs ? », then « le deuxième ? », then « et le premier ? »)
    earlier = focus.one_level_back() if changed and not _picked_again(focus, new) else focus.avant
    return replace(new, avant=earlier)


def _picked_again(focus: Focus, new: Focus) -> bool:
    """« la seconde… ? » then « et la première… ? » : the subject in focus and the new one are both some of the list the
    answer before gave (`focus.avant`), which then stays one level back for the next rank."""
    listed = focus.avant
    fields = ("offres", "roles", "outils", "cartes", "contacts")
    return listed is not None and any(
        getattr(new, f) and getattr(focus, f) and set(getattr(new, f)) < set(getattr(listed, f))
        and set(getattr(focus, f)) < set(getattr(listed, f)) for f in fields)


def _after(focus: Focus, question: Question, answer: Answer, who: Sequence[str], acteurs: Sequence[str],
           regles: Sequence[str], point: Optional[str], objets: Sequence[str]) -> Focus:
    public = PUBLIC_EITHER if question.either_or else PUBLIC  # « pour qui ? » or « pour le client ou pour nous ? »
    if point == PUBLIC and question.intent != AUDIENCE and question.audience == CLIENT and focus.contacts \
            and focus.point in (PUBLIC, PUBLIC_EITHER):
        # « et à un client payplug je peux le donner aussi ? » : « Non » and Payplug's lines; the line asked about
        # stays the subject (« et à un client jpel ? » next asks the same of it)
        return replace(focus, point=PUBLIC, audience=CLIENT)
    if question.intent == AUDIENCE and focus.avant and focus.contacts \
            and set(focus.contacts) < set(focus.avant.contacts) and set(focus.contacts) <= set(answer.contacts):
        # « le deuxième numéro c'est pour qui ? » : that line stays the subject, not the client lines the answer offers
        # instead (« et il bosse jusqu'à quelle heure ? » next asks of it)
        return replace(focus, audience=question.audience if question.either_or else CLIENT, point=public)
    if question.intent == AUDIENCE and answer.contacts and set(answer.contacts) != set(focus.contacts):
        # « l'assistance monétique pro, c'est pour qui ? » first: the lines asked about become the focus; « le client
        # peut écrire à partenariat-bpce@… ? » asked them for the client (« et par tel ? » : the client's number).
        return Focus(LINES_GIVEN, tuple(question.offres), services=tuple(question.services),
                     cartes=tuple(question.cartes), contacts=tuple(answer.contacts),
                     recommendation=focus.recommendation, audience=None if question.either_or else CLIENT, point=public)
    if question.intent == AUDIENCE and focus.contacts:
        # « je peux le donner au client ? » : the same lines, now asked for the client (« il a quoi comme num,
        # lui ? ») ; « et celle de la monétique pro ? » next asks the same of that line. « c'est pour nous ou pour le
        # client ? » asks for no one: « et elle bosse le dimanche ? » next is still about that line (« le commerçant
        # il écrit à qui ? » asks for him: `question.audience`). (« dans mon mail à un opticien en JPEL, je mets
        # assistance-monetiquepro@… ? » : the line quoted, for a client of that offer, whose lines come next)
        return replace(focus, offres=tuple(question.offres) or focus.offres,
                       audience=question.audience if question.either_or else CLIENT, point=public)
    if question.intent == WHY and question.about in FAMILIES and (
            not focus.intent or (question.offres and not set(question.offres) & set(focus.offres)
                                 and focus.intent != RECOMMENDATION and question.about not in DEFINITION_FAMILIES)):
        # « pourquoi je dois passer par un CIF ? » as a first question: what the reason was about becomes the focus
        # (« c'est obligatoire ? » next asks about the CIF); « pourquoi on n'en fait pas pour Payplug ? » after OSC:
        # Payplug (« et ses encaissements ? » next); not « pourquoi Payplug alors que c'est IZ qui fait le site ? »,
        # still about IZ eCommerce
        return Focus(question.about, tuple(question.offres), tuple(question.outils), tuple(question.roles),
                     tuple(question.cartes), tuple(question.services), recommendation=focus.recommendation,
                     acteurs=tuple(acteurs))
    if question.intent == WHY and acteurs and not focus.acteurs:
        # « pourquoi faut-il passer par un simulateur ? » answered by what the CIF does: the same subject, and « qui
        # s'en charge ? » next is the one the reason named
        return replace(focus, acteurs=tuple(acteurs))
    if question.intent in (WHY, AUDIENCE, "bot_capabilities"):
        return focus  # a justification or a yes/no keeps talking about the same thing
    subjects = {f: tuple(getattr(question, f)) for f in FIELDS.values()}
    if answer.offre and not subjects["offres"]:
        subjects["offres"] = (answer.offre,)
    roles = tuple(who) or subjects["roles"]  # (the role a « qui… ? » guessed gives way to the one answered)
    kept = tuple(objets) or ((focus.outils or focus.objets) if roles and not subjects["offres"] else ())
    contacts = tuple(answer.contacts)
    if question.intent in COORDINATE_FAMILIES and set(contacts) < set(focus.contacts) \
            and {f: v for f, v in subjects.items() if v} == focus.subjects() \
            and not (question.contacts and set(question.contacts) < set(focus.contacts)) \
            and not (question.audience == CLIENT and focus.audience != CLIENT):
        # « et par mail ? » gives only the lines that have an e-mail; « et pour le client il appelle quoi ? » next is
        # still about all the lines given before (not « lequel des deux est payant ? », nor « lequel je donne au
        # client ? », which pick one: « et l'autre… ? » next is the one left)
        contacts = focus.contacts
    return Focus(question.intent, subjects["offres"], subjects["outils"], roles,
                 subjects["cartes"], subjects["services"], contacts, focus.recommendation,
                 tuple(acteurs), question.moment if question.intent in HOURS_FAMILIES else None, question.audience,
                 tuple(regles), point, question.etape[0] if question.etape else None, kept)


def after_early_offer(offre: str) -> Focus:
    """Le focus quand le diagnostic annonce l'offre avant sa dernière question (`offre` : identifiant du catalogue) :
    cette offre, comme après sa présentation."""
    return Focus(intent="ask_offer_definition", offres=(offre,))


def after_recommendation(offre: Optional[str], facts: Mapping[str, Any], conclusion: str,
                         contacts: Tuple[str, ...]) -> Focus:
    """Le focus après une recommandation du diagnostic."""
    return Focus(intent=RECOMMENDATION, offres=(offre,) if offre else (), contacts=contacts,
                 recommendation={"facts": dict(facts), "conclusion": conclusion})
