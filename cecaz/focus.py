"""Le focus de la conversation et la lecture d'un message par rapport à lui (docs/conversation.md).

Le focus dit de quoi parlait la dernière réponse : sa famille de question, ses sujets du catalogue,
les contacts qu'elle citait, et la dernière recommandation du diagnostic. `resolve` transforme le
message suivant (relance, pronom, correction, « pourquoi ? ») en une `Question` complète ; `after`
calcule le focus suivant. Fonctions pures, testées sans Rasa (tests/unit/test_focus.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from cecaz.aspects import (
    ASPECTS,
    CONTRACT_ASPECT,
    NEED_ASPECT,
    PAYMENT_PAGES,
    WORKS_FOR,
    asks_obligation,
    asks_where,
    asks_whom_to_call_for_trouble,
    asks_whom_to_call_to_join,
    asks_why,
    aspect_family,
    aspects,
    contract_only_qualifies,
    describes_keyed_entry,
    is_who_question,
    names_the_doer,
    roles_using,
    tells_a_trouble,
    where_family,
)
from cecaz.audience import (
    CLIENT,
    STAFF,
    Audience,
    asks_if_for_staff,
    asks_if_only_for_staff,
    asks_if_shareable,
    asks_if_staff_may_use,
    asks_us_or_them,
    asks_which_line,
    audience_of,
    has_alternative,
    names_the_line_by_pronoun,
)
from cecaz.catalogue import EMAIL, ENTITY_KINDS, ENTITY_SECTIONS, JOURS, Catalogue, EntityKind
from cecaz.doers import Doer, actors_in, asks_who_does, doer_check, focus_actors, offers_named_as_doer
from cecaz.families import FAMILIES, compose
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES, Answer, Question, lead_lines, select_contacts
from cecaz.reasons import whom_it_serves
from cecaz.reported import reported
from cecaz.steps import NEXT_STEP, asks_next_step, at_the_end, opening_of, position_in
from cecaz.textnorm import content_words, fold, has_question_word, without_merchant_clause
from cecaz.verdicts import (
    BOTH,
    CONTRACT,
    SIMULATION,
    SITE,
    WITHOUT_SITE,
    advice_verdict,
    asks_about_us,
    asks_if_alone,
    asks_if_contract_needed,
    asks_if_simulation_needed,
    call_cost_verdict,
    contract_verdict,
    detail_verdict,
    for_staff_verdict,
    is_closed,
    only_clients_verdict,
    only_staff_verdict,
    says_a_detail_back,
    staff_line_verdict,
    works_too_verdict,
)
from cecaz.when import Moment, asked_moment, asks_now

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
CLOSED_POINTS = (SITE, WITHOUT_SITE, CONTRACT, PUBLIC, PUBLIC_EITHER)


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

    def subjects(self) -> Dict[str, Tuple[str, ...]]:
        """Champ de sujet → identifiants (seulement les champs non vides)."""
        return {f: getattr(self, f) for f in FIELDS.values() if getattr(self, f)}

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


def _known_process(value: Any, cat: Optional[Catalogue]) -> Optional[str]:
    """La démarche gardée dans le slot, si le catalogue la connaît encore."""
    return value if isinstance(value, str) and (cat is None or value in cat.etapes) else None


def _moment_from_slot(value: Any) -> Optional[Moment]:
    """Le moment gardé dans le slot ({"jours": [5], "heure": "17:45"}) ; None s'il est absent ou abîmé."""
    if not isinstance(value, Mapping):
        return None
    days = tuple(d for d in value.get("jours") or () if isinstance(d, int) and 0 <= d <= 6)
    heure = value.get("heure")
    try:
        at = time.fromisoformat(heure) if isinstance(heure, str) else None
    except ValueError:
        at = None
    return Moment(days, at) if days or at else None


@dataclass(frozen=True)
class Resolution:
    """Ce qu'il faut répondre : la question complète, et une phrase d'amorce (« D'accord, pour JPEL : »).

    `question` None : le message ne dit pas de quoi il parle et le focus non plus (`lead` dit quoi
    demander)."""

    question: Optional[Question]
    lead: Optional[str] = None
    point: Optional[str] = None  # question fermée (`cecaz.verdicts.SITE`, `CONTRACT`) : gardé dans le focus


def _question(intent: str, subjects: Mapping[str, Tuple[str, ...]], **extra: Any) -> Question:
    """Une `Question` portant sur ces sujets (champ → identifiants)."""
    return Question(intent, offres=subjects.get("offres", ()), outils=subjects.get("outils", ()),
                    roles=subjects.get("roles", ()), cartes=subjects.get("cartes", ()),
                    services=subjects.get("services", ()), **extra)


def named_subjects(reading: Question) -> Dict[str, Tuple[str, ...]]:
    """Les sujets que nomme le message : champ de sujet (`FIELDS`) → identifiants, champs vides omis."""
    return {f: tuple(getattr(reading, f)) for f in FIELDS.values() if getattr(reading, f)}


def _kinds(subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[EntityKind, ...]:
    return tuple(k for k, f in FIELDS.items() if f in subjects)


def _accepts(family: str, subjects: Mapping[str, Tuple[str, ...]]) -> bool:
    kinds = _kinds(subjects)
    return bool(kinds) and all(k in FAMILIES[family].about for k in kinds)


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
# « à qui » (without accent « a qui ») ; not « on a qui le samedi ? », « y a qui ? » (avoir).
# « on les joint comment ? », « ils sont joignables ? » : how to reach a line
_TO_REACH = re.compile(r"\b(?:joindre|joins|joint|joignables?)\b")
# a phone number or an e-mail quoted in a message: not a word of what it asks
# « je voulais les deux », « X et Y » without a « pas » that sets one aside: every subject named is meant (folded text).
_BOTH_MEANT = re.compile(rf"{BOTH.pattern}|^(?!.*\bpas\b).*\S et \S")
_QUOTED_LINE = re.compile(r"\+?\d[\d .]{5,}\d|[\w.+-]+@[\w.-]+\w|\b(?:fini\w*|termin\w*) (?:par|en) \d[\d ]*\d")
_FOR_WHOM = re.compile(r"\b(?:c est|elle est|il est|ils sont|elles sont)? ?pour qui\b"
                       r"|(?<!\bon )(?<!\bnous )(?<!\by )(?<!\bil y )\ba qui\b(?! je)")
_CALL = re.compile(r"\b(?:appel\w*|coute\w* de (?:les )?appeler|a appeler|communication)\b")
_OTHER = re.compile(r"\b(?:l autre|les autres|autre (?:numero|ligne|mail|adresse|equipe|contact))\b")


def offers_served(cat: Catalogue, contacts: Sequence[str]) -> Tuple[str, ...]:
    """Les offres que servent ces lignes (identifiants de `catalogue/contacts.yml`, champ `offres`), dans l'ordre,
    sans doublon."""
    return tuple(dict.fromkeys(o for cid in contacts if cid in cat.contacts for o in cat.contacts[cid].offres))


def other_lines(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """« pas celui-là, l'autre » après une ligne de contact : les autres lignes de la même offre (ou du
    même service) ; () si le message ne le demande pas ou s'il n'y en a pas."""
    if not (focus.contacts and focus.intent in CONTACT_FAMILIES and _OTHER.search(fold(text))):
        return ()
    offers = set(focus.offres or offers_served(cat, focus.contacts))
    return tuple(cid for cid, c in cat.contacts.items() if cid not in focus.contacts and offers & set(c.offres))


def _roles_for_who(cat: Catalogue, text: str, subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """« qui s'en sert ? » sur un outil ou une carte (pas une offre : « qui fait le support de
    Payplug ? » a sa réponse) : les rôles dont une mission le nomme ; à défaut, pour un outil, ceux
    que nomme sa description (OSC : le CIF) ou dont une mission porte sur ce qu'il encadre (le schéma
    délégataire encadre la tarification, qu'établit le CIF) ; () sinon."""
    if not is_who_question(text) or "offres" in subjects or not ({"outils", "cartes"} & set(subjects)):
        return ()
    return _users(cat, subjects)


def _users(cat: Catalogue, subjects: Mapping[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """Les rôles qui se servent des outils ou des cartes de `subjects` (`_roles_for_who`)."""
    using = roles_using(cat, subject_names(cat, subjects))
    descriptions = [cat.outils[t].role for t in subjects.get("outils", ()) if t in cat.outils]
    if using or not descriptions:
        return using
    named = tuple(dict.fromkeys(r for d in descriptions for r in cat.find_in_text("role", d)))
    return named or tuple(key for key, role in cat.roles.items() if any(
        content_words(d) & content_words(m) for d in descriptions for m in role.missions))


def subject_aspect_guess(cat: Catalogue, text: str, reading: Question) -> Optional[str]:
    """Quand DIET hésite sur un message qui nomme des sujets : « l'équipe partenariat, on les appelle
    comment ? » → `ask_phone` (la première famille d'aspect qui s'applique aux sujets nommés) ;
    « le lead monexpert, c'est qui qui s'en charge ? » → `ask_role` ; un rôle nommé sans aspect (« je dois
    passer par un CIF ? ») → `ask_role`. None : rien de sûr."""
    named = named_subjects(reading)
    if not named:
        return None
    if _roles_for_who(cat, text, named) or sells_it(cat, text, named):
        return "ask_role"
    found = aspects(text)
    if "roles" in named and all("ask_role" in families for families in found):
        return "ask_role"  # « pour vendre Payplug je dois passer par un CIF ? » : what the role does
    # « quand le CIF fait la tarif d'un JPEL, y a une règle ? » : the role is who acts, the question is on the offer.
    besides_roles = {f: ids for f, ids in named.items() if f != "roles"}
    if (_DAY.search(fold(text)) or asks_now(text)) \
            and any(set(families) & set(CONTACT_FAMILIES) for families in found) \
            and _accepts("ask_is_open", named):
        # « un client JPEL veut parler à qqn samedi matin, y a une ligne ? », « ils prennent des appels à l'instant ? »
        return "ask_is_open"
    if asks_for_a_line(text):
        # « si c'est la page de paiement qui plante je lui donne quel num ? » : the line asked for, whatever else it
        # names first
        found = tuple(sorted(found, key=lambda families: not set(families) & set(CONTACT_FAMILIES)))
    guess = next((f for families in found for f in families
                  if _accepts(f, named) or (besides_roles and _accepts(f, besides_roles))), None)
    if guess is None and "services" in named and set(named) <= {"services", "offres"} \
            and (_WHAT_IS.search(fold(text)) or _WHAT_FOR.search(fold(text))):
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
    folded = fold(text)
    if not named or set(named) - {"offres"} or not (is_who_question(text) or _I_CAN.search(folded)) \
            or not _SELLS.search(folded):
        return ()
    return roles_for_aspect(cat, text, ())


def _with_the_client_in_focus(text: str, named: Mapping[str, Tuple[str, ...]],
                              focus: Focus) -> Dict[str, Tuple[str, ...]]:
    """« je peux lui filer la monétique pro ? » after IZ eCommerce's support or a recommendation: the line named, for
    the client of the offer in focus (whose lines to give instead: IZ eCommerce, its own support) ; `named` as it is
    when the message names an offer or does not speak of « lui »."""
    if set(named) <= {"services", "contacts"} and focus.offres and _TO_HIM.search(fold(text)) \
            and (focus.intent in CONTACT_FAMILIES or focus.intent == RECOMMENDATION):
        return {**named, "offres": focus.offres}
    if set(named) <= {"services", "contacts"} and focus.cartes and not focus.offres and _TO_HIM.search(fold(text)):
        # « je lui donne le num de la monétique pro pour ça ? » after the AMEX: he asks the card's organisation himself
        return {**named, "cartes": focus.cartes}
    return dict(named)


# « je peux lui filer… ? », « je la lui donne ? » : to the client the conversation is about
_TO_HIM = re.compile(r"\b(?:lui|leur)\b")
# « et celui du support, je peux ? » : may I (do what the previous question asked), with nothing after
_BARE_MAY = re.compile(r"\b(?:je|on) (?:peux|peut|pourrais|pourrait)(?: aussi| egalement)?\s*\??\s*$")
# « je peux vendre SP+ moi-même ? » : the speaker asks whether the mission is theirs.
_I_CAN = re.compile(r"\b(?:je|on) (?:peux|peut|pourrais|pourrait|dois|doit)\b")
_DAY = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|week end|weekend)\b")
# « avec quel outil ? », « par qui ? » : a preposition, then the question word, and nothing to say of what.
_ELLIPSIS = re.compile(r"^(?:et|ok et|bon et|pour|et pour|et avec|et si c est|idem|pareil|meme chose|meme question)\b|"
                       r"^(?:avec|par|sur|dans|chez|aupres de) (?:quoi|qui|quel\w*|lequel|laquelle)\b|"
                       # « il est en SP+ », « c'est un client JPEL » : the client's offer, for the same question
                       r"^(?:(?:mais|ok|bon|ah|sinon) )?(?:(?:il|elle) (?:est|part|passe|sera|etait) "
                       r"(?:en|chez|sur|sous) |(?:c est|c) (?:un|une) (?:client|cliente|commercant|commercante) )")


def is_elliptical(text: str) -> bool:
    """« et pour des cb classiques ? », « pareil pour jpel » : une relance courte, qui ne se comprend
    qu'avec la réponse précédente."""
    folded = fold(text)
    return bool(_ELLIPSIS.match(folded)) and len(folded.split()) <= 8


_CORRECTING = re.compile(r"^(?:(?:ah|oh|bah|ben|heu|hmm) )?(?:non|nan|pardon|oups|euh|mince|erreur|pas|plutot|"
                         r"en fait|attends?)\b|\ben fait\s*$|"
                         r"\b(?:je voulais dire|je voulais parler|je parlais|je pensais|je cherchais|je demandais|"
                         r"je me suis (?:trompe|gourr?e)|"
                         r"c etait pour|plutot)\b")


def is_correcting(text: str) -> bool:
    """« non pardon, pour des cartes standards », « je me suis trompé, le support » : une relance
    courte qui corrige le sujet de la question précédente."""
    folded = fold(text)
    # « donc c'est le réseau qui décide en fait ? » checks who does it: not a correction
    return bool(_CORRECTING.search(folded)) and len(folded.split()) <= 12 and not names_the_doer(text)


# Mots d'une relance qui ne disent rien d'autre que le sujet (« et celui du partenariat bpce ? »).
_FILLER = frozenset("""et ou pour celui celle ceux celles du de des d la le les l alors avec sinon chez pareil idem
meme chose aussi un une c est ca lui leur leurs equipe service filiale boite societe""".split())


def _words_besides_names(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> List[str]:
    """Les mots du message (repliés, dans l'ordre) qui ne nomment pas ces sujets (noms, alias, et notions d'une offre :
    « la filiale clé en main »)."""
    names_words = {w for kind, f in FIELDS.items() for key in named.get(f, ()) for w in cat.name_words(kind, key)}
    names_words.update(w for key in named.get("offres", ()) if key in cat.offres
                       for notion in cat.offres[key].notions for w in fold(notion).split())
    return [w for w in fold(text).split() if w not in names_words]


def only_names_subjects(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]]) -> bool:
    """Le message ne fait que nommer ces sujets (mots de liaison et pronoms à part) : il ne demande
    rien d'autre que la question précédente pour eux, quoi qu'en dise DIET."""
    return not set(_words_besides_names(cat, text, named)) - _FILLER


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


def _where_after(focus: Focus) -> Optional[str]:
    """La question précédente pour lire un « où ? » : après un rôle qui se sert d'un outil (`Focus.objets`), l'outil
    (un rôle n'est nulle part ; d'un simulateur, sa simulation se dépose) ; sinon la famille du focus."""
    if focus.intent == "ask_role" and focus.objets:
        # « et après il la met où ? » after who uses SimulEasy: where the simulation goes
        return "ask_simulator" if set(focus.objets) <= SIMULATORS else "ask_tool"
    return focus.intent


def follow_up_guess(text: str, ranking: Sequence[Mapping[str, Any]], focus: Focus) -> Optional[str]:
    """Quand DIET hésite sur une relance qui renvoie à la réponse précédente (« ils le font aussi le
    samedi ? »), sa meilleure famille si elle s'applique aux sujets du focus ; sinon None
    (« Vouliez-vous dire… »)."""
    folded = fold(text)
    where = where_family(text, _where_after(focus), str(ranking[0].get("name") or "") if ranking else "")
    if focus.intent and where:
        return where  # « et ça se paramètre où ? » after SP+'s contracts: in OSC
    if focus.intent in CONTACT_FAMILIES and not asks_if_shareable(text) and (
            asks_which_line(text) or (_ELLIPSIS.match(folded) and audience_of(text))):
        # « et pour moi en interne ? », « donc je file lequel au commerçant ? » after lines: the same lines, for
        # that public (resolve reads it).
        return focus.intent
    if focus.contacts and asks_if_staff_may_use(text):
        return LINES_GIVEN  # « on s'en sert aussi en interne ? » after a line: yes or no, then the line
    if focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) and asks_obligation(text) \
            and not asks_why(text) and not has_question_word(text):
        return str(focus.intent)  # « donc c'est obligatoire de le saisir ou pas ? » : the rule's verdict, same answer
    if focus.intent and asks_why(text):
        return WHY  # « pk c'est payplug qui vire et pas nous ? » : the reason of the previous answer
    if focus.intent in FAMILIES and ((focus.offres and _WHICH_OFFER.search(folded)) or (
            focus.contacts and focus.intent in CONTACT_FAMILIES and _WHICH_OFFERS.search(folded))):
        return str(focus.intent)  # « c'est pour quelles offres ? » after a line: `resolve` reads which offers
    if replaces_the_vad(text, focus):
        return "ask_vad"  # « du coup on propose quoi à la place ? » after the VAD contract: JPEL
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
        if name == "nlu_fallback":
            continue
        if name in FAMILIES and confidence >= FOLLOW_UP_MIN_CONFIDENCE and (
                not focus.subjects() or _accepts(name, focus.subjects()) or name in (WHY, AUDIENCE)):
            return str(name)
        break
    unsure = bool(ranking) and ranking[0].get("name") == "nlu_fallback"
    return focus_family(text, focus) if unsure else None


# « il », « ils », « leur » : a person or a thing of the previous answer (not « ça », « y », « en »).
_PERSONAL = re.compile(r"\b(?:il|elle|ils|elles|lui|leur|leurs|eux)\b")


def focus_family(text: str, focus: Focus) -> Optional[str]:
    """« et ils lui donnent quoi ? », « il est où ? » : une relance qui renvoie par un pronom personnel
    à la réponse précédente sans dire l'aspect ; la même question, sur le même sujet, répond (la
    réponse précédente contient le détail demandé). None sans pronom ou sans question précédente."""
    if focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) and _PERSONAL.search(fold(text)):
        return focus.intent
    return None


def repeated_aspect(text: str, focus: Focus) -> Optional[str]:
    """« redis-moi le mail » après le numéro : la famille que nomment les mots (l'e-mail), pour le sujet du focus, quand
    ce n'est pas celle de la dernière réponse ; None : répéter la dernière réponse telle quelle."""
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
    return own + tuple(f for f in FAMILIES
                       if subjects and (_accepts(f, subjects) or bool(offer_alone) and _accepts(f, offer_alone)))


# « ça concerne quelle offre ? », « c'est pour quelle offre ça ? » : l'offre dont parlait la réponse.
_WHICH_OFFER = re.compile(r"\b(?:ca|cela|ce|c|il|elle)\s+(?:concerne|vise|s applique a|vaut pour|correspond a|"
                          r"est pour|est valable pour|marche pour)\s+quelles? offres?\b|"
                          r"^(?:et |mais )?(?:c est |ca c est )?(?:pour |sur |avec )?quelles? offres?"
                          r"(?: (?:ca|ce truc|la|ici))?\s*\??$"
                          r"|\bc est (?:pour |sur )?quelle offre\b")
_POSSESSIVE = re.compile(r"\b(?:leur|leurs|son|sa|ses|eux|chez eux|ils|elles)\b")


def _has_service_line(cat: Catalogue, services: Sequence[str], offres: Sequence[str]) -> bool:
    """Whether a line of one of `services` serves one of `offres` (catalogue, contacts' `service` and `offres`)."""
    return any(c.service in services and set(c.offres) & set(offres) for c in cat.contacts.values())


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
    return aspect_family(tail, "", [f for f in FAMILIES if _accepts(f, named)])


CHOICE = "ask_choose_offer"  # Payplug or SP+ (section « Sécuriser l'encaissement sur son site »)
# « les encaissements », « leur support » : a thing, not a question of its own (« faut en ouvrir aussi ? »)
_A_NOUN = re.compile(r"^\s*(?:et )?(?:le|la|les|l|son|sa|ses|leur|leurs|ce|cette|ces) \w+\s*\??\s*$|"
                     r"^\s*(?:et )?(?:le|la|les|l|son|sa|ses|leur|leurs) \w+ (?:de|du|des|d) \w+\s*\??\s*$")


def is_generic_service(text: str, services: Sequence[str]) -> bool:
    """Le message ne nomme qu'un service que chaque offre a (« le support », « l'assistance ») : il ne désigne pas
    une ligne sans l'offre (celle du focus, sinon à demander) ; « l'équipe support » est une ligne (Payplug)."""
    return set(services) <= GENERIC_SERVICES and not re.search(r"\bequipe\b", fold(text))


def _for_audience(subjects: Mapping[str, Tuple[str, ...]], audience: Optional[str]) -> Dict[str, Tuple[str, ...]]:
    """The subjects of a line question asked again for `audience` : for the staff, a generic service of the client's
    lines (« l'assistance ») no longer says which line (« et ceux qu'on garde pour nous ? » : the internal ones)."""
    if audience != STAFF or not set(subjects.get("services", ())) <= GENERIC_SERVICES:
        return dict(subjects)
    return {f: ids for f, ids in subjects.items() if f != "services"}


def _keeps_generic_service(named: Mapping[str, Sequence[str]], family: str, focus: Focus) -> bool:
    """Le service générique du focus (« l'assistance », « le support ») vaut encore pour l'offre nommée ensuite :
    la question est une question de contact et ne nomme pas d'autre service."""
    return bool(focus.services and "services" not in named and set(focus.services) <= GENERIC_SERVICES
                and FAMILIES[family].contacts)


# « C'est quoi / il fait quoi ? » : une même question, posée à chaque sorte de sujet.
DEFINITION_FAMILIES = ("ask_offer_definition", "ask_tool", "ask_role")


def _family_for_focus(text: str, intent: str, focus: Focus, has_moment: bool) -> str:
    """La famille d'une question sans sujet, pour les sujets du focus : les mots de l'aspect
    l'emportent sur la famille de DIET (« et c'est eux qui fixent le prix ? » lu comme une question de
    téléphone), sauf pour un moment (« je peux les joindre à 13h ? » reste oui / non) ; « il fait
    quoi ? » après un rôle est la question du rôle ; un rôle n'a pas de contrat ni de tarif : ses
    missions répondent (« il fait aussi la signature ? »)."""
    if has_moment and intent in CONTACT_FAMILIES:
        # « je peux les appeler maintenant ? », « joignables à 13h ? » : oui ou non, puis la ligne.
        return intent if intent in HOURS_FAMILIES else "ask_is_open"
    if not FAMILIES[intent].about:
        # « ils ont une ligne pour nous, côté caisse ? » after Payplug's support, read as site creation: the words ask
        # a contact question of the lines in focus, none of DIET's family
        found = aspects(text)
        worded = aspect_family(text, intent, accepted_families(focus) or CONTACT_FAMILIES) \
            if focus.contacts and found and not any(intent in families for families in found) else None
        # « où on dépose la simulation ? » after AMEX: a question of its own, whatever the focus
        return worded if worded in CONTACT_FAMILIES else intent
    if focus.intent == LINES_GIVEN and intent in DEFINITION_FAMILIES:
        return "ask_support"  # « celui en 07, il sert à quoi ? » : what the line is for
    if "vad" in focus.offres and any("ask_vad" in families for families in aspects(text)):
        return "ask_vad"  # « et l'impayé, c'est qui qui le supporte ? » after the VAD contract: what it says of it
    # A focus made of quoted lines only (« assistance-monetiquepro@natixis.com, c'est pour qui ? ») has no subject:
    # its lines still take every contact question (« et ils ont un tel aussi ? »).
    accepts = accepted_families(focus) or (CONTACT_FAMILIES if focus.contacts else ())
    by_aspect = aspect_family(text, intent, accepts)
    if by_aspect:
        return by_aspect
    kinds = _kinds(focus.subjects())
    if intent in accepts or not kinds:
        return intent
    if intent in DEFINITION_FAMILIES or (kinds == ("role",) and aspects(text)):
        return DEFAULT_FAMILY[kinds[0]]
    return intent


# (« pourquoi il faut passer par un simulateur ? » : the impersonal « il » is nobody)
# (« pourquoi faut-il passer par un simulateur ? » : « il » impersonal, inverted)
_PERSON = re.compile(r"\b(?:lui|(?<!faut )(?<!faudrait )(?<!faudra )(?<!fallait )(?<!a t )"
                     r"il(?! (?:faut|faudra|faudrait|fallait|y a|y aura|vaut|s agit|est (?:possible|necessaire|"
                     r"obligatoire|preferable|conseille|deconseille|interdit|important))\b)|elle|"
                     r"celui la|celle la|ce role)\b")
# « pourquoi il doit faire ça lui-même ? » : the merchant doing it himself, as the answer said (not « pourquoi lui ? »)
_HIMSELF = re.compile(r"\b(?:lui|elle|eux|elles) memes?\b|\btout seul\b|\ben direct\b")
# « à cette heure-là », « au même moment », « ce jour-là » : the moment asked before
_THAT_MOMENT = re.compile(r"\b(?:a|vers|pour) (?:cette heure|ce moment|cet horaire)(?: la| ci)?\b|"
                          r"\b(?:a la|a) meme heure\b|\bau meme moment\b|\bce jour la\b|\bce creneau\b")
# « pk faut une simu tout court ? », « pourquoi une simulation de manière générale ? » : the aspect itself, whatever
# subject the conversation was on.
_AT_ALL = re.compile(r"\b(?:tout court|du tout|en general|de maniere generale|a la base|dans l absolu)\b")
# « pourquoi pas moi en agence ? », « pk c'est pas nous qui le faisons ? » : the speaker instead of the one who does it
_NOT_US = re.compile(r"^(?:et |mais |ok |donc )*(?:pourquoi|pq|pk|pkoi|pourquoi est ce que) "
                     r"(?:c est |ce n est |ce serait |"
                     r"c )?pas (?:moi|nous|l agence|mon agence|le conseiller|la caisse)\b")
_SINGULAR = re.compile(r"\b(?:celui la|celle la|celui ci|celle ci|cette ligne|ce numero|cette adresse|ce mail)\b")
# « ça se tarife comment ? », « et les frais ? » : the offer's pricing, not the price of a call to its line.
_OFFER_PRICING = re.compile(r"\b(?:tarif\w*|negoci\w*|simul\w*|frais|commissions?|conditions tarifaires)\b")
# « lequel est payant ? », « y en a un des deux qui l'est ? » : which of several (folded text)
_WHICH_OF_SEVERAL = re.compile(r"\b(?:lequel|laquelle|lesquels|lesquelles|(?:l )?un des deux|l une des deux|"
                               r"une des deux|y en a (?:un|une))\b")
_BY_ITS_PRICE = re.compile(r"\b(?:le|la|du|au|celui|celle) (?:qui est )?(?:payante?|gratuite?)\b(?! \?|$)")
_IS_THERE_ONE = re.compile(r"\by en a (?:un|une)\b|\b(?:l )?une? des deux\b(?!.*\bquel)")


def asks_call_cost(text: str) -> bool:
    """« le service clients c'est payant ? », « il est gratuit ? », « lequel est payant ? » : le prix d'un appel ;
    pas « le payant, il a un mail ? », qui désigne une ligne par son prix."""
    return bool(_CALL_COST.search(fold(text))) and not _BY_ITS_PRICE.search(fold(text))


# « il paie l'appel ? » : whether the call costs the caller
_CALL_COST = re.compile(r"\b(?:payant\w*|gratuit\w*|surtax\w*|(?:pai|pay)\w* (?:l |son |ses |un |les |leurs? )?appels?|"
                        r"(?:cout|coute|prix|tarif)\w* (?:de l |d un |des |un |l |les )?appels?|"
                        r"(?:cout|coute)\w* combien (?:a|par) (?:la )?minute)\b")


def _coordinate_asked(text: str, current: str = "", named: Optional[Mapping[str, Tuple[str, ...]]] = None
                      ) -> Optional[str]:
    """« et le mail de cette ligne ? » : la famille de contact que les mots demandent (téléphone, e-mail, horaires…,
    pas le public d'une ligne), parmi celles qui acceptent les sujets `named` quand il y en a ; None sinon."""
    return aspect_family(text, current, [f for f in CONTACT_FAMILIES
                                         if f != AUDIENCE and (named is None or _accepts(f, named))])


def lines_named(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], offers: Sequence[str] = ()) -> Tuple[str, ...]:
    """Les lignes (ids de `catalogue/contacts.yml`) des services nommés, pour les offres nommées, sinon `offers` ;
    toutes celles du service quand il n'y a d'offre ni nommée ni donnée."""
    services = set(named.get("services", ()))
    wanted = set(named.get("offres", ()) or offers)
    return tuple(cid for cid, c in cat.contacts.items()
                 if c.service in services and (not wanted or wanted & set(c.offres)))


def lines_meant(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], focus: Focus) -> Tuple[str, ...]:
    """Les lignes dont parle le message : celles du service nommé (pour l'offre nommée ou celle du focus), sinon celles
    de la réponse précédente."""
    if named.get("services"):
        return lines_named(cat, named, focus.offres)
    return () if named else focus.contacts


# « et celui de l'assistance JPEL, c'était lequel ? » : a coordinate by a pronoun, not by its word.
_WHICH_ONE = re.compile(r"\b(?:celui|celle|ceux|celles|lequel|laquelle)\b")
_GO_THROUGH = re.compile(r"\bpass\w* par (?P<who>(?:un |une |le |la |l )?\w+)")
# « pourquoi pas SP+ ? », « pourquoi JPEL plutôt que… ? » : an offer set against the previous one.
# « pourquoi pas SP+ d'office ? », « pk on le propose pas direct ? » : which offer comes first.
_BY_DEFAULT = re.compile(r"\b(?:d office|par defaut|en premier|d emblee|d abord|systematiquement|en priorite)\b")
# (not « d'abord », « en premier » : « pour SP+ je dois d'abord faire une simu ? » asks a step)
_PROPOSED_BY_DEFAULT = re.compile(r"\b(?:d office|par defaut|d emblee|en priorite)\b")
_INSTEAD = re.compile(r"\b(?:pas|plutot|au lieu|a la place|et non|plus que|par rapport|preferer|prefere)\b")
# « pourquoi on n'en fait pas pour Payplug ? » (a negated verb), « … de Payplug et pas de chez nous ? » (us set against
# the offer): no other offer is set against the previous one.
_NOT_SET_AGAINST = re.compile(r"\bne? (?:\w+ ){0,2}?pas\b|"
                              r"\bpas (?:de )?(?:chez )?(?:nous|moi|la cecaz|la caisse|la banque)\b")
_GIVE_WHAT = re.compile(r"\b(?:lui|leur|je|on) (?:donne|file|passe|communique|transmet)\w* "
                        r"(?:quoi|quel\w*|lequel|laquelle)\b"
                        r"|\b(?:quoi|quel\w*|lequel|laquelle) (?:je|on) (?:lui|leur) (?:donne|file|passe|communique)")


def asks_what_to_give(text: str) -> bool:
    """« je lui donne quoi à la place ? », « quel numéro je lui file ? » : ce qu'il faut donner au client."""
    return bool(_GIVE_WHAT.search(fold(text)))


def _named_lines(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], focus: Focus) -> Tuple[str, ...]:
    """« pourquoi pas la monétique pro ? » après des lignes données : ces lignes et celles que nomme le
    message (par son service, pour les offres du focus s'il en a), pour dire à quoi sert chacune."""
    if not named.get("services") or not focus.contacts:
        return ()
    lines = lines_named(cat, named, focus.offres)
    return tuple(dict.fromkeys((*focus.contacts, *lines))) if lines else ()


# « c'est qui qui le vend au client ? » : la vente est la « commercialisation » des missions (le CIF) ; pas un
# aspect des questions (« il vend déjà sur internet » est un fait du diagnostic).
# « qui vend SP+ ? », « je peux le vendre ? » ; not the merchant's own sales (« qui verse l'argent quand il vend avec
# Payplug ? », « un caviste qui vend en ligne », « qui vend ses bougies sur son site »).
_SELLS = re.compile(r"(?<!\bil )(?<!\belle )(?<!\bils )(?<!\belles )(?<!\bcommercant )(?<!\bcommercants )"
                    r"(?<!\bclient )(?<!\bclients )(?<!\bmarchand )(?<!\bcommercant qui )(?<!\bclient qui )"
                    r"\b(?:vend|vendent|vendre|vends)\b"
                    r"(?! (?:avec|sous|via|par|en|sur|a distance|ses|sa|son|leurs|des|du)\b)"
                    r"|\bcommercialis\w*")


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
    if any(not _simulates(cat, o) for o in offres) or set(named) - {"offres"}:
        return ()
    return tuple(key for key, role in cat.roles.items() if any("simulat" in fold(m) for m in role.missions))


def roles_doing(cat: Catalogue, text: str, shared: int = 2) -> Tuple[str, ...]:
    """« qui fait le diagnostic des besoins ? » : les rôles dont une mission partage au moins `shared` mots
    significatifs avec la question (section « Comment ouvrir les services ? » du document)."""
    words = content_words(text)
    return tuple(key for key, role in cat.roles.items()
                 if any(len(words & content_words(mission)) >= shared for mission in role.missions))


def _sellers(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« et qui le vend au client ? » : les rôles dont la mission est de vendre (commercialiser) ; () sinon."""
    return roles_for_aspect(cat, text, ()) if is_who_question(text) and _SELLS.search(fold(text)) else ()


# « qui s'occupe du diagnostic ? » : the verb says someone acts, the noun says what
_DOING = frozenset({"occupe", "occupent", "charge", "gere", "gerent", "fait", "font", "realise", "realisent"})


def the_one_doing(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« et qui décide alors ? » : une question d'un seul mot significatif, et le seul rôle dont une mission l'a (le
    réseau décide si l'ATC saisit le Lead) ; () sinon."""
    words = content_words(text) - _FILLER - _DOING
    if not is_who_question(text) or len(words) != 1:
        return ()
    doing = roles_doing(cat, " ".join(words), shared=1)
    return doing if len(doing) == 1 else ()


_ALL_OFFERS = re.compile(r"\b(?:offres|solutions|produits)\b|\bquoi comme (?:offre|solution|produit)s?\b|"
                         r"\b(?:offre|solution) (?:globale|complete|d ensemble)\b|\bgamme\b")
_PAYMENT_CONTEXT = re.compile(r"\b(?:e commerce|ecommerce|distance|en ligne|internet|encaiss\w*|paiements?|cartes?|"
                              r"cb|vente|vendre|web)\b")


# The offer for one situation of the client (a site or none): « avec ou sans site » asks for all of them.
SITUATION_FAMILIES = ("ask_no_website", "ask_choose_offer")
_EITHER_SITE = re.compile(r"\bavec ou sans (?:site|boutique|e commerce)\b|"
                          r"\b(?:site|boutique en ligne|e commerce) ou (?:pas|sans|non)\b|"
                          r"\bqu il ait un site ou (?:pas|non)\b")


def names_only_the_generic_card(named: Mapping[str, Tuple[str, ...]]) -> bool:
    """« encaisser des cb », « être réglé par carte bancaire » : the standard cards alone, named to say « card
    payments » rather than to ask about those cards."""
    return dict(named) == {"cartes": (STANDARD_CARDS,)}


def asks_all_offers(text: str) -> bool:
    """« la caisse propose quoi comme offres e-commerce ? » : toutes les offres d'encaissement à distance
    (la vue d'ensemble), même quand le NLU hésite."""
    folded = fold(text)
    return bool(_ALL_OFFERS.search(folded) and _PAYMENT_CONTEXT.search(folded))


# What the document says of a tool for one offer is in that offer's answer of the tool's family: OSC is where the
# CIF parametrizes the offer's contracts (none for Payplug, « full service »), a simulator prices them
# (« Comment ouvrir les services ? », « Quelle tarification ? »).
TOOL_FAMILY_FOR_OFFER = {"osc": "ask_contracts", "simuleasy": "ask_pricing", "simulupi": "ask_pricing"}
# Families that only ask what a tool is or does: for one offer, the tool's family for that offer answers.
_ABOUT_THE_TOOL = (SUBJECT_ONLY, CORRECTION, "ask_open_services", *DEFINITION_FAMILIES)


_CONTACT_VERB = re.compile(r"\b(?:je vois avec qui|voir avec qui|je m adresse a qui|a qui je m adresse|"
                           r"je (?:contacte|joins|appelle|sollicite)|qui (?:contacter|appeler|joindre|solliciter)|"
                           r"(?:je|on) (?:l |le |la |les )?(?:passe|transmets|envoie|adresse)\w* a qui|"
                           # « quelle équipe s'en charge ? », « vers quel service je l'envoie ? »
                           r"quel\w* (?:equipe|service|interlocuteur)s?)\b")


_NEEDS = re.compile(r"\b(?:faut|faudrait|besoin|necessaire|necessite\w*|exige\w*|requi\w*|obligatoire|oblige\w*|"
                    r"(?:doit|doivent) (?:il |elle |ils )?(?:(?:forcement|obligatoirement|absolument|vraiment|"
                    r"quand meme|tout de meme|toujours|bien|deja) )*avoir|suppose|impose)\b")
_SITE = re.compile(r"\b(?:site|sites|boutique en ligne|e shop|eshop|site web|site internet|site marchand)\b")


def closed_point(text: str) -> Optional[str]:
    """Le point d'une question fermée sur une offre (`SITE`, `WITHOUT_SITE`, `CONTRACT`), ou None. Le site peut ne
    faire que situer le commerçant : « sa boutique en ligne avec Payplug : il faut ouvrir un contrat ? » demande le
    contrat, « sans site : c'est moi qui lui vends JPEL ? » qui le vend."""
    if _WHO_DOES.search(fold(text)):
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
    return bool(_NO_SITE.search(fold(text))) and is_closed(without_merchant_clause(text))


def _site_point_again(text: str, point: str) -> str:
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
    r"^(?:(?:et|mais|ok|donc|ca vaut|ca marche|c est bon|valable|aussi|meme|y compris)\s+)*(?:pour|a) "
    r"(?:un|une|les|des|de|d) (?P<size>(?:tout |tres )?(?:petit|gros|grand|jeune|nouve|simple)\w* )?"
    r"(?P<kind>commercants?|clients?|artisans?|entreprises?|pme|tpe|associations?|auto entrepreneurs?|"
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
    return Resolution(_question("ask_offer_definition", {"offres": (offre,)}),
                      cat.say("verdict.oui") if every else None)


def closed_resolution(cat: Catalogue, point: str, offre: str) -> Resolution:
    """La question fermée `point` pour `offre` : oui ou non d'abord (catégorie de l'offre pour le site, avec ou sans
    site, ses contrats pour un contrat), puis ce qu'est l'offre, ce qui se fait sans site, ou ses contrats."""
    if point == SITE:
        o = cat.offres[offre]
        lead = cat.say(f"site.{o.categorie}", offre=o)
        return Resolution(_question("ask_offer_definition", {"offres": (offre,)}), lead, SITE)
    if point == WITHOUT_SITE:
        o = cat.offres[offre]
        # « sans site, SP+ ? » : no, and what the document offers without a site ; « sans site, JPEL ? » : yes
        family = "ask_no_website" if o.categorie == "page_paiement" else "ask_offer_definition"
        return Resolution(_question(family, {"offres": (offre,)}), cat.say(f"sans_site.{o.categorie}", offre=o),
                          WITHOUT_SITE)
    if point == SIMULATION:
        # « faut faire une simu ? » : yes when the offer's pricing goes through a simulator, then that pricing
        return Resolution(_question("ask_pricing", {"offres": (offre,)}),
                          cat.say("verdict.oui" if _simulates(cat, offre) else "verdict.non"), SIMULATION)
    return Resolution(_question("ask_contracts", {"offres": (offre,)}), contract_verdict(cat, offre), CONTRACT)


def _closed_for_each(cat: Catalogue, point: str, offres: Sequence[str]) -> Resolution:
    """La question fermée `point` (`CONTRACT` ou `SIMULATION`) pour plusieurs offres : « Oui. » ou « Non. » quand
    toutes ont la même réponse, sinon « Oui pour… ; non pour… », puis la réponse de chacune."""
    leads = {o: closed_resolution(cat, point, o) for o in offres}
    yes = [o for o, r in leads.items() if r.lead == cat.say("verdict.oui")]
    no = [o for o, r in leads.items() if r.lead == cat.say("verdict.non")]
    lead = cat.say("verdict.selon_offre", offres=yes, autres=no) if yes and no else \
        next(iter({r.lead for r in leads.values()})) if len({r.lead for r in leads.values()}) == 1 else None
    family = next(iter(leads.values())).question
    return Resolution(replace(family, offres=tuple(offres)) if family else None, lead, point)


def needs_a_site(text: str) -> bool:
    """« il lui faut un site pour ça ? », « JPEL nécessite une boutique en ligne ? » : l'offre suppose-t-elle un site ?
    """
    folded = fold(text)
    return bool(_NEEDS.search(folded) and _SITE.search(folded)) and not re.search(r"\b(?:creer|cree|creation)\b",
                                                                                   folded)


_WHAT_IS = re.compile(r"\b(?:c est quoi|qu est ce que?|ca consiste en quoi)\b")
_WHICH_OFFERS = re.compile(r"\b(?:pour )?(?:quel\w*|quoi comme) (?:offres?|solutions?|produits?|contrats?)\b")
_WHAT_FOR = re.compile(r"\b(?:sert|servent|servir) a quoi\b|\ba quoi (?:il|elle|ils|elles|ca|ce numero|cette ligne) "
                       r"sert\b|\bc est pour quoi\b|\bpour quoi faire\b|\bca correspond a quoi\b")


def lines_for_requests(cat: Catalogue, text: str, offres: Sequence[str]) -> Tuple[str, ...]:
    """Les lignes des offres `offres` dont une demande (`demandes` du catalogue, mots de leur objet) est dite
    dans `text` ; () si aucune (sans offre, rien : « un lead » seul relève du Lead Monexpert)."""
    folded = f" {fold(text)} "
    return tuple(cid for cid, contact in cat.contacts.items()
                 if set(contact.offres) & set(offres)
                 and any(f" {fold(word)} " in folded for word in contact.demandes))


# « on y touche pour un commerçant Payplug ? », « on s'en sert pour JPEL ? » after a tool: its use for that offer
# (« touche » is not the funds here).
# « c'est l'ATC qui s'en sert ? », « c'est le CIF qui l'utilise ? » : who uses the tool in focus
_WHO_USES_IT = re.compile(r"\bqui (?:s en |s y |l |en |y )(?:sert|utilise|touche|a besoin)\w*")
_USES_IT = re.compile(r"\b(?:on|il|elle|je|j|tu|le cif) (?:y|s en|l|en|s y) "
                      r"(?:touche|sert|utilise|passe|va|a besoin)\w*"
                      # « il sert aussi pour un client Payplug ? » after OSC
                      r"|\b(?:il|elle|ca) (?:sert|s utilise|marche|fonctionne|s applique)\b")


# « aussi », « pareil », « le même » : the same thing, asked of another subject.
_TOO = re.compile(r"\b(?:aussi|pareil|egalement|le meme|la meme|idem)\b")
# « ça sert à quoi ? », « c'est pour quoi faire ? » with nothing else: the purpose of what was just spoken of.
_BARE_PURPOSE = re.compile(r"^(?:(?:et|mais|du coup|ok|bon|euh) )*(?:(?:ca|ce|elle|il|ils) )?(?:sert|servent) a quoi"
                           r"(?: au juste| exactement| concretement)?$|^(?:(?:et|mais) )?a quoi (?:ca|ce|elle|il) sert"
                           r"(?: au juste| exactement)?$|^(?:(?:et|mais) )?c est pour quoi faire$")
# « ça sert à quoi cette adresse ? », « c'est pour quoi ce numéro ? » : what something is for, anywhere in the message
_WHAT_FOR = re.compile(r"\b(?:sert|servent) a quoi\b|\ba quoi (?:ca|ce|elle|il|ils|elles) sert\b|"
                       r"\bc est pour quoi\b|\ba quoi (?:ca )?correspond\w*\b")
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


_ASKS_A_LINE = re.compile(r"\bquel\w* (?:\w+ )?(?:num\w*|tel\w*|mails?|e mail|adresses?|lignes?|contacts?|"
                          r"coordonnees)\b|\b(?:une|un|des|leur|leurs|son|sa|ses)(?: autre)? "
                          r"(?:lignes?|num\w*|tel|mails?|contacts?|coordonnees)\b"
                          # « il appelle qui ? », « à qui il s'adresse ? » : whom to call is a line too
                          r"|\b(?:appel\w*|contact\w*|joindre|joint|ecri\w*|s adresse\w*) (?:a )?qui\b"
                          r"|\ba qui (?:il |je |on |elle )?(?:s adresse|appel\w*|ecri\w*|telephon\w*)\b")


def _tools_in_focus(focus: Focus) -> Tuple[str, ...]:
    """Les outils dont parlait la réponse précédente : ceux qu'elle présentait, sinon celui que gardait son rôle."""
    return (focus.outils if focus.intent in ("ask_tool", "ask_role") else ()) or focus.objets


# « il peut appeler le 08… samedi matin ? », « ils répondent samedi vers 10h ? » : calling or answering at a moment
_CALL_OR_ANSWER = re.compile(r"\b(?:appel\w*|joindre|joins|joint|joignables?|contact\w*|repond\w*|ouvert\w*|ouvre\w*|"
                             r"dispos?|disponibles?|bosse\w*|travaill\w*|decroch\w*)\b")


def _open_at_a_moment(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                      now: datetime) -> Optional[Resolution]:
    """« mon client sp+ peut appeler le 08 10 00 47 24 samedi matin ? », « je dois rappeler la monétique pro pour un
    client JPEL : ils répondent samedi vers 10h ? », « le 07… il répond là maintenant ? » : a closed question on
    calling a line quoted or named at a moment (now without one) is whether it is open then (`ask_is_open`), whatever
    else the message says of the situation; the merchant's lines only when he is the one calling. None otherwise."""
    moment = asked_moment(text, now)
    if (moment is None and not asks_now(text)) or not _CALL_OR_ANSWER.search(fold(text)) or not is_closed(text):
        return None
    if quoted := quoted_contacts(cat, text):
        return Resolution(_question("ask_is_open", {}, contacts=quoted, moment=moment))
    # « pour le lead d'un torréfacteur, je contacte l'équipe partenariat : je peux les appeler demain à 9h15 ? » : the
    # lead says why he calls, the line is the service named
    lines = {f: ids for f, ids in named.items() if f != "outils"}
    if lines and set(lines) <= {"offres", "services"}:
        return Resolution(_question("ask_is_open", lines, moment=moment,
                                    audience=CLIENT if audience_of(text) == CLIENT else None))
    return None


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
    return Resolution(_question("ask_support", {"offres": (handler,)}, audience=CLIENT), cat.say(verdict))


def _staff_verdict(cat: Catalogue, text: str, lines: Sequence[str]) -> Optional[str]:
    """« c'est pour nous ? » (`for_staff_verdict`) ou « c'est que pour nous ? », « c'est interne ? »
    (`only_staff_verdict`) sur ces lignes, selon ce que demande le message."""
    return (only_staff_verdict if asks_if_only_for_staff(text) else for_staff_verdict)(cat, lines)


# « on passe par le CIF ? », « faut passer par l'ATC ? » : someone the thing goes through
_THROUGH = re.compile(r"\bpass\w* par\b")
# The answer that is a rule (section « Quelle tarification ? ») besides the delegation scheme's own: where the
# simulation goes.
_RULE_ANSWERS = ("ask_simulation_filing",)
# « pk faut le suivre ? », « pourquoi on doit l'appliquer ? » : the rule in focus, taken up by a pronoun
_FOLLOWS_IT = re.compile(r"\b(?:le|la|l|les) (?:suivre|suit|respect\w*|appliqu\w*)\b")


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
    return cat.say("verdict.oui" if _simulates(cat, offre) else "verdict.non")


def _asks_nothing_else(text: str, point: str) -> bool:
    """Le message ne demande aucun autre aspect que le point de la question fermée (« et leur numéro ? » en demande
    un ; « et pour un sp+ on en ouvre ? » après une question de contrat ouvre un contrat, pas des horaires ; « et en
    sp+ faut en ouvrir un ? » : « faut » est le besoin que demande la question fermée)."""
    others = [f for f in aspects(text) if f not in (CONTRACT_ASPECT, NEED_ASPECT)]
    if point == CONTRACT and re.search(r"\bouvr\w*", fold(text)):
        others = [f for f in others if "ask_hours" not in f]
    return not others


def resolve(cat: Catalogue, reading: Question, text: str, focus: Focus, now: datetime,
            previous_text: str = "") -> Resolution:
    """Le message lu (`reading` : intention du NLU et sujets nommés, `text` : le message, `previous_text` : le message
    tapé avant lui) complété par le focus.

    - une question qui nomme un sujet porte sur lui seul (rien du sujet précédent n'est repris) ;
    - une question sans sujet porte sur les sujets et les contacts du focus ;
    - un sujet seul (« et sp+ ? ») ou une correction (« non, JPEL ») repose la question précédente ;
    - « pourquoi ? » justifie la réponse précédente (`about`), « pourquoi pas SP+ ? » compare ;
    - un jour ou une heure (« le samedi », « vers 17h45 ») est lu pour les questions d'horaires."""
    resolution = _resolve(cat, reading, text, focus, now, previous_text)
    # a line the message names is answered for itself (its label says it is internal)
    return resolution if named_subjects(reading) else _never_internal_for_the_client(cat, text, resolution)


def _joined_directly(cat: Catalogue, cards: Sequence[str]) -> Tuple[str, ...]:
    """Those of `cards` (catalogue keys) whose organisation the client joins directly, AMEX and ANCV
    (`affiliation_directe` of the catalogue, section « Quelle tarification ? »), in their order."""
    return tuple(c for c in cards if c in cat.cartes and cat.cartes[c].affiliation_directe)


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
    direct = _joined_directly(cat, cards)
    if not direct or len(direct) != len(cards):
        return None
    return Resolution(_question("ask_affiliation", {"cartes": direct}), cat.say("contacts.organisme_sans_coordonnees"))


def _joined_without_us(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]],
                       focus: Focus) -> Optional[Resolution]:
    """« pour les chèques-vacances, on passe par le CIF ? », « il doit passer par le CIF pour sa demande, si ? » after
    AMEX's affiliation: « Non. », the client joins the card's organisation himself (section « Quelle tarification ? »),
    for cards named with the role, else those of a focus without offer ; None otherwise."""
    cards = named.get("cartes", ()) if set(named) == {"cartes", "roles"} else \
        focus.cartes if set(named) == {"roles"} and not focus.offres else ()
    if not cards or not is_closed(text) or not (_THROUGH.search(fold(text)) or names_the_doer(text)) \
            or len(_joined_directly(cat, cards)) != len(cards):
        return None
    return Resolution(_question("ask_affiliation", {"cartes": tuple(cards)}), cat.say("verdict.non"))


def _never_internal_for_the_client(cat: Catalogue, text: str, resolution: Resolution) -> Resolution:
    """« et le commerçant il appelle qui alors ? » after an internal line (in focus, not named): the client lines of
    the offers that line serves, never the internal line itself (section « Comment assister mon client ? »). A
    question on a line's public (`AUDIENCE`, or a verdict on the line quoted: « le 09… c'est seulement pour les
    clients ? ») says itself whether it may be given."""
    question = resolution.question
    if question is None or not question.contacts or question.intent not in CONTACT_FAMILIES \
            or question.intent == AUDIENCE or audience_of(text) != CLIENT or resolution.lead \
            or quoted_contacts(cat, text):
        return resolution  # « pourquoi je ne peux pas le donner au client ? » : the reason, on that line
    lines = [cat.contacts[cid] for cid in question.contacts if cid in cat.contacts]
    served = tuple(dict.fromkeys(o for line in lines for o in line.offres))
    if not lines or not all(line.internal for line in lines) or not served:
        return resolution
    return Resolution(_question(question.intent, {"offres": served}, audience=CLIENT))


def _resolve(cat: Catalogue, reading: Question, text: str, focus: Focus, now: datetime,
             previous_text: str = "") -> Resolution:
    """`resolve`, before the check that no internal line answers a question for the client."""
    named = named_subjects(reading)
    if reading.intent != WHY and (kept := tuple(o for o in named.get("offres", ())
                                                if o not in set_aside_offers(cat, text))) \
            and kept != named.get("offres", ()):
        # « un bijoutier a un site mais Payplug ne lui convient pas, il part sur SP+ : qui lui fait signer ? » : SP+
        named = {**named, "offres": kept}
        reading = replace(reading, offres=kept)
    if set(named) <= {"offres", "cartes"} and asks_whom_to_call_to_join(text) \
            and (direct := _joined_directly(cat, named.get("cartes", ()))):
        # « mon client SP+ veut ajouter l'AMEX, il s'adresse à qui ? » : the card's organisation, in direct (section
        # « Quelle tarification ? »), whatever his offer
        return Resolution(_question("ask_affiliation", {"cartes": direct}))
    if (unlisted := _organisations_unlisted(cat, reading, text, named, focus)) is not None:
        return unlisted
    if (joined := _joined_without_us(cat, text, named, focus)) is not None:
        return joined
    if set(named) == {"offres"} and len(named["offres"]) == 1 and reading.intent != WHY and is_closed(text) \
            and _PROPOSED_BY_DEFAULT.search(fold(text)):
        # « et SP+, on le propose d'office ? » after a line: whether it is the offer proposed by default (Payplug),
        # not the previous question for SP+ (`cecaz.verdicts.default_verdict` says yes or no)
        return Resolution(_question("ask_choose_offer", named))
    if set(named) == {"roles"} and set(named["roles"]) <= set(focus.acteurs) and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE, "ask_role") and asks_if_alone(text):
        # « dc le cif la fixe seul » after JPEL's pricing: the same answer, opened by « Non » (`alone_verdict`), not
        # the pricing of every offer for the CIF
        return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts))
    if (at_a_moment := _open_at_a_moment(cat, text, named, now)) is not None:
        return at_a_moment
    if (sent := _sent_to_an_offer(cat, text)) is not None:
        return sent
    if (named_simulator := simulator_for_card(cat, text, named)) is not None:
        # « pour un client jpel qui prend les diners, on fait la simu sur simuleasy ? » : whether that simulator is the
        # card's, then the card's simulator
        return named_simulator
    if not named and (line := listed_line(text, focus)):
        # « redis-moi juste le deuxième » after two lines: that line, the same question; « le deuxième c'est
        # interne ? » : whether it is the staff's
        staff = _staff_verdict(cat, text, line) if asks_if_for_staff(text) else None
        return Resolution(_question(_coordinate_asked(text) or str(focus.intent), focus.subjects(), contacts=line),
                          staff)
    if not named and reading.intent in CONTACT_FAMILIES and reading.intent != AUDIENCE \
            and (others := other_lines(cat, text, focus)):
        # « y a une autre ligne pour lui ? » after a client line, read as a support question: the offer's other lines,
        # those to give him when he is the one calling
        audience = audience_of(text) or focus.audience
        if audience == CLIENT:
            others = tuple(c for c in others if cat.contacts[c].for_clients)
        if others:
            return Resolution(_question(str(focus.intent), {"offres": focus.offres}, contacts=others,
                                        audience=audience))
    if set(named) <= {"services"} and set(named.get("services", ())) <= GENERIC_SERVICES \
            and (listed := listed_subject(cat, text, focus, now)):
        # « la deuxième, qui assure son assistance ? » after the two payment-page offers: SP+ (and its assistance)
        named = {**named, **listed}
        reading = replace(reading, offres=listed.get("offres", ()), outils=listed.get("outils", ()))
    if not named and focus.offres and _WHICH_OFFER.search(fold(text)):
        # « ça concerne quelle offre ? » after the full service: the offer the answer was about.
        return Resolution(_question("ask_offer_definition", {"offres": focus.offres}))
    if claimed_for_focus := contract_claim(cat, text, named, focus):
        # « et il faut pas un contrat VAD, si ? » after JPEL: no, and JPEL's contracts (before the VAD's own answer)
        return claimed_for_focus
    if set(named.get("offres", ("vad",))) == {"vad"} and replaces_the_vad(text, focus):
        # « ok et on lui met quoi à la place ? » after the VAD contract, whatever DIET read: what the CECAZ proposes.
        return Resolution(_question("ask_vad", {"offres": ("vad",)}))
    if reading.intent == "ask_vad" and set(named) == {"offres"} and "vad" in named["offres"] \
            and set(named["offres"]) <= {"vad", "jpel"}:
        # « on peut encore ouvrir un contrat VAD ? », « qu'est-ce que JPEL apporte de plus qu'un contrat VAD ? » : the
        # document says one thing of the VAD contract (discouraged, why, JPEL instead); its words are its name.
        return Resolution(_question("ask_vad", {"offres": ("vad",)}))
    if set(named) <= {"offres", "cartes"} and set(named.get("offres", ("vad",))) == {"vad"} \
            and set(named.get("cartes", ())) <= {"standard"} and describes_keyed_entry(text) \
            and reading.intent not in (WHY, AUDIENCE) and not is_who_question(text):
        # (« les cb » only says which cards he takes)
        # « il prend les num de cb au tel et les tape lui-même, ça pose souci ? » read as a phone question: the
        # practice the document calls a VAD contract, and what it says of it.
        return Resolution(_question("ask_vad", {"offres": ("vad",)}))
    if (coordinates := _same_coordinate(cat, text, named, focus)) is not None:
        return coordinates
    if not named and (who := who_in_the_answer(cat, text, focus, now)):
        # « avec l'accord de qui ? » after JPEL's pricing: the network, named beside « accord » in that answer
        return Resolution(_question("ask_role", {"roles": (who,)}))
    if set(named) == {"roles"} and is_closed(text) and _WHO_USES_IT.search(fold(text)) \
            and (in_focus := focus.objets or focus.outils) and (users := _users(cat, {"outils": in_focus})):
        # « c'est l'ATC qui s'en sert ? » after OSC: no, the CIF (the role whose missions name the tool)
        verdict = "verdict.oui" if set(named["roles"]) <= set(users) else "verdict.non"
        return Resolution(_question("ask_role", {"roles": users[:1]}), cat.say(verdict))
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
        return Resolution(_question(family, offers_focus.subjects()), cat.say(doer.verdict))
    if not named and (kind := client_kind(cat, text, focus)) is not None:
        # « même pour un petit commerçant ? » after SP+ : yes (« pour tous les types de clients »), or whom it is for
        return kind
    if (placed := place_checked(cat, text, named, focus, now)) is not None:
        return placed
    if checked := detail_checked(cat, text, named, focus, now):
        return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts), checked)
    if "offres" not in named and (noted := offers_by_notion(cat, text)):
        named = {**named, "offres": noted}  # « c'est quoi le full service ? » : Payplug's notion
    if claimed := simulator_claim(cat, text, named, focus):
        return claimed
    if set(named) == {"offres"} and _THE_COMPANY.search(fold(text)) and not PAYMENT_PAGES.search(fold(text)) \
            and set(named["offres"]) == set(offers_by_notion(cat, text)) \
            and (is_who_question(text) or _ITS_NAME.search(fold(text))):
        # « la boîte qui fait les sites, c'est qui déjà ? » : the company said by what it does, not a role.
        return Resolution(_question("ask_offer_definition", named))
    if len(named.get("offres", ())) == 1 and set(named) <= {"offres", "services"} \
            and reading.intent in CONTACT_FAMILIES and reading.intent != AUDIENCE \
            and (pages := payment_pages_elsewhere(cat, text, Focus(offres=named["offres"]))):
        # « un client IZ a un souci sur sa page de paiement, il appelle qui ? » : the pages are Payplug's, and so is
        # their support.
        return Resolution(_question(reading.intent, {"offres": (pages,), "services": ("support",)}),
                          cat.say("pages.autre_offre", offre=cat.offres[named["offres"][0]], offres=[pages]))
    if "offres" not in named and (focus.intent in CONTACT_FAMILIES or reading.intent in CONTACT_FAMILIES
                                  or asks_whom_to_call_for_trouble(text)) and (
            pages := payment_pages_elsewhere(cat, text, focus, previous_text)):
        # « et si c'est la page de paiement qui bug ? » after IZ eCommerce's support: the pages are Payplug's, and
        # so is their support ; « donc si la page plante il appelle qui ? » after what IZ eCommerce is, too.
        # « et la page de paiement, c'est eux aussi ? » : no first, since it is another offer.
        phrase = "pages.autre_offre_non" if asks_who_does(cat, text, designated(cat, focus)) else "pages.autre_offre"
        family = next((f for f in (reading.intent, focus.intent) if f in CONTACT_FAMILIES and f != AUDIENCE),
                      "ask_support")
        return Resolution(_question(family, {"offres": (pages,), "services": ("support",)}),
                          cat.say(phrase, offre=cat.offres[focus.offres[0]], offres=[pages]))
    if "offres" not in named and focus.intent in FAMILIES and focus.intent not in (*CONTACT_FAMILIES, WHY) and (
            pages := payment_pages_elsewhere(cat, text, focus)) and asks_who_does(cat, text, designated(cat, focus)):
        # « et la page de paiement c eux aussi ? » after IZ eCommerce's pricing: no, what IZ eCommerce is (its pages
        # are Payplug's), and IZ eCommerce stays the subject (« et leur support ? » next is still theirs).
        return Resolution(_question("ask_offer_definition", {"offres": focus.offres[:1]}), cat.say("verdict.non"))
    if set(named) == {"offres"} and len(named["offres"]) == 1 and focus.offres and named["offres"] != focus.offres[:1] \
            and is_closed(text) and (pages := payment_pages_elsewhere(cat, text, focus)):
        # « et le paiement sur le site c'est pas sp+ ? » after IZ eCommerce: no (yes for Payplug), what IZ eCommerce
        # is (its pages are Payplug's), and it stays the subject.
        verdict = "verdict.oui" if named["offres"][0] == pages else "verdict.non"
        return Resolution(_question("ask_offer_definition", {"offres": focus.offres[:1]}), cat.say(verdict))
    if set(named) == {"offres"} and len(named["offres"]) == 1 and is_closed(text) and (
            pages := payment_pages_elsewhere(cat, text, Focus(offres=named["offres"]))) \
            and pages not in named["offres"] and _DOES.search(fold(text)):
        # « iz ecommerce ils gèrent aussi la page de paiement ? » : no, what IZ eCommerce is (its pages are Payplug's).
        return Resolution(_question("ask_offer_definition", named), cat.say("verdict.non"))
    # « c'est Payplug qui fait le support ? », not « et si c'est un client payplug ? » (the client's offer)
    as_doer = tuple(o for o in offers_named_as_doer(cat, text) if o not in offers_of_the_client(cat, text))
    rest = tuple(o for o in named.get("offres", ()) if o not in as_doer)
    if as_doer and rest != named.get("offres", ()) and (rest or focus.offres) \
            and not (asks_why(text) and not set(as_doer) & set(focus.offres)):
        # « c'est Payplug qui fait le support pour SP+ ? » : Payplug is who is asked about; SP+ (or the focus) the
        # subject ; « pk c'est iz qui fixe le prix du site ? » after SP+ asks the reason of what IZ does: IZ stays the
        # subject (« pk c'est payplug qui vire ? » after Payplug's transfers: the reason of that answer).
        named = {**{f: ids for f, ids in named.items() if f != "offres"}, **({"offres": rest} if rest else {})}
    if asks_next_step(text):
        # « et ensuite ? », « j'ai fini ma simu, je fais quoi ? » : the steps after the one reached (or, when nothing
        # says which process, the processes whose order the document gives).
        reached = step_reached(cat, text, named, focus, now)
        return Resolution(_question(NEXT_STEP, named or focus.subjects(), etape=reached))
    # « l'ATC il est obligé de saisir un lead ? » : the role who does it only says whose obligation
    tools = named.get("outils") if "outils" in named and set(named) <= {"outils", "roles"} else (
        focus.objets if not named and focus.intent == "ask_role" else ())  # the tool behind the role in focus
    if tools and asks_obligation(text) and not has_question_word(text) \
            and not (focus.offres and set(tools) <= SIMULATORS and asks_if_simulation_needed(text)) \
            and cat.reason(DEFAULT_FAMILY["tool"], [("tool", t) for t in tools]):
        # (« on doit passer par SimulEasy ? » after an offer: whether that offer goes through a simulation)
        # « et saisir un lead monexpert c'est obligatoire ? » : the rule the document gives for that tool (« pas
        # systématique »), whatever family DIET read; the verdict comes from that reason ; « donc c'est obligatoire
        # de le saisir ? » after who enters it: that tool.
        return Resolution(_question(WHY, {"outils": tools}, about=DEFAULT_FAMILY["tool"]))
    if not named and not focus.contacts and focus.objets and reading.intent in HOURS_FAMILIES \
            and _WHEN_DONE.search(fold(text)):
        # « et il le fait quand ? » after who enters the Lead Monexpert: when that is done (the condition the
        # document gives with the tool), not a line's opening hours
        return Resolution(_question(DEFAULT_FAMILY["tool"], {"outils": focus.objets[:1]}))
    if not named and focus.audience and _SINGULAR.search(fold(text)) \
            and (meant := the_line_meant(cat, text, focus)) != focus.contacts:
        # « il est ouvert le samedi celui-là ? » after the lines for staff: the line given first for that public.
        focus = replace(focus, contacts=meant[:1])
    elif not named and reading.intent in HOURS_FAMILIES and (asked_for := lines_for_the_public_asked(cat, focus)):
        # « ils bossent le samedi ? » after « c'est quoi notre ligne interne pour SP+ ? » : the lines asked for, not
        # the client lines the answer gave beside them.
        focus = replace(focus, contacts=asked_for)
    if not named and focus.intent == LINES_GIVEN and focus.cartes and not focus.offres \
            and reading.intent in CONTACT_FAMILIES and audience_of(text) != STAFF \
            and len(_joined_directly(cat, focus.cartes)) == len(focus.cartes):
        # « il contacte qui alors ? » after « non » to a line for a client who wants the AMEX: no line, he asks the
        # card's organisation himself
        return Resolution(_question("ask_affiliation", {"cartes": focus.cartes}))
    # « un collègue m'a dit que le 08 10 00 47 24, on pouvait s'en servir en interne ? » : the line quoted, else the
    # line named by its service (« le Service Clients SP PLUS, je peux l'appeler moi aussi ? »), else those in focus
    quoted_here = quoted_contacts(cat, text)
    lines = quoted_here or lines_meant(cat, named, focus)
    if lines and asks_if_staff_may_use(text) \
            and asked_moment(text, now) is None and not asks_now(text) \
            and ((may_use := staff_line_verdict(cat, lines)) or not has_alternative(text)):
        # « et moi je peux leur écrire ? » : yes for a line the document reserves to staff, then the coordinate (« je
        # peux les joindre vers 13h ? » asks the hours) ; « … ou c'est que pour les clients ? » without that yes: who
        # the line is for.
        subjects = focus.subjects() if lines == focus.contacts else {}
        return Resolution(_question(_coordinate_asked(text) or LINES_GIVEN, subjects, contacts=lines), may_use)
    if lines and asks_if_for_staff(text):
        # « c'est un numéro pour nous ? » after a line: yes for an internal line, no for a line to give the client
        subjects = focus.subjects() if lines == focus.contacts else {}
        return Resolution(_question(_coordinate_asked(text) or LINES_GIVEN, subjects, contacts=lines),
                          _staff_verdict(cat, text, lines))
    if quoted_here and named and set(named) <= {"services", "offres"} and _IS_THE_LINE.search(fold(text)) \
            and is_closed(text):
        # « je crois que le service client SP+ c'est le 09 69 37 80 30, c'est ça ? » : the named line's coordinate,
        # after yes or no (no: that number is another line's)
        asked = Question("ask_phone", offres=named.get("offres", ()), services=named.get("services", ()))
        theirs = {cid for cid, _ in select_contacts(cat, asked, next(iter(asked.offres), None))}
        family = "ask_email" if EMAIL.search(text) else "ask_phone"
        said = tuple(c for c in quoted_here if c in theirs)  # an address two lines share is either's
        return Resolution(_question(family, named, contacts=said), cat.say("verdict.oui" if said else "verdict.non"))
    if quoted_here and _ONLY_CLIENTS.search(fold(text)):
        # « je crois que le 09 69 37 80 30 c'est uniquement pour les clients ? » : no when the document gives it « pour
        # les clients et la CECAZ », or reserves it to staff
        return Resolution(_question(LINES_GIVEN, {}, contacts=quoted_here), only_clients_verdict(cat, quoted_here))
    if asks_call_cost(text) and (lines := lines_meant(cat, named, focus)):
        # « le service clients c'est payant ? », « il est gratuit ? » : the price of a call is on the phone line;
        # « lequel est payant ? » among several: the lines that have a price (« y en a un qui l'est ? » : yes, those)
        priced = tuple(c for c in lines if c in cat.contacts and cat.contacts[c].tarif_appel)
        if priced and len(lines) > 1 and _WHICH_OF_SEVERAL.search(fold(text)):
            lead = cat.say("verdict.oui") if _IS_THERE_ONE.search(fold(text)) else None
            return Resolution(_question("ask_phone", named or focus.subjects(), contacts=priced), lead)
        return Resolution(_question("ask_phone", named or focus.subjects(), contacts=lines),
                          call_cost_verdict(cat, text, lines))
    if not named and focus.contacts and focus.intent in CONTACT_FAMILIES and _FOR_WHOM.search(fold(text)):
        # « ok et c'est pour qui ? » after contact lines: who the lines are for.
        if others := other_lines(cat, text, focus):
            # « et l'autre c'est pour qui ? » after the line to give the client: whom the offer's other line serves,
            # then that line (the staff member asks what it is)
            family = focus.intent if focus.intent != AUDIENCE else LINES_GIVEN
            return Resolution(_question(str(family), focus.subjects(), contacts=others), whom_it_serves(cat, others))
        return Resolution(_question(AUDIENCE, focus.subjects(), contacts=focus.contacts, either_or=True))
    if not named and focus.contacts and focus.intent in CONTACT_FAMILIES and (
            _WHAT_FOR.search(fold(text)) or _WHICH_OFFERS.search(fold(text))):
        # « celui en 07, il sert à quoi ? » after a company's numbers, « c'est pour quelles offres ? » after a line:
        # what that line is for (its object and offers).
        which = quoted_contacts(cat, text, focus.contacts) or focus.contacts
        served = offers_served(cat, which)
        lead = cat.say("contacts.offres_servies", lignes=list(which), offres=list(served)) \
            if served and _WHICH_OFFERS.search(fold(text)) else None
        return Resolution(_question(LINES_GIVEN, focus.subjects(), contacts=which), lead)
    quoted = quoted_contacts(cat, text) if focus.intent == LINES_GIVEN else ()
    if quoted:
        # « assistance-monetiquepro@natixis.com, c'est pour qui ? », « le 08 du service client SP+ » : the number
        # or address names its line; the service or offer words around it only describe that line.
        theirs = {o for cid in quoted for o in cat.contacts[cid].offres}
        named = {f: ids for f, ids in named.items()
                 if f != "services" and not (f == "offres" and set(ids) <= theirs)}
    intent = reading.intent
    if intent not in FAMILIES and intent not in (SUBJECT_ONLY, CORRECTION) and has_question_word(text) \
            and (by_words := aspect_family(text, intent, [f for f in FAMILIES if _accepts(f, named)])):
        # « un hôtel en SP+ veut aussi les cartes chinoises : on tarife ça avec quoi ? » read as a fact for the
        # diagnostic: its question, which the aspect words say
        intent = by_words
    if quoted and _WHAT_FOR.search(fold(text)) and not audience_of(text) and not asks_if_shareable(text):
        # « partenariat-bpce@payplug.com, ça sert à quoi cette adresse ? » : what the quoted line handles
        return Resolution(_question("ask_support", {}, contacts=quoted))
    if intent == AUDIENCE and quoted and not asks_if_shareable(text) and not asks_if_staff_may_use(text) \
            and audience_of(text) is None and not _FOR_WHOM.search(fold(text)) \
            and (other := _coordinate_asked(_QUOTED_LINE.sub(" ", text))):
        # « le 07 57 95 38 07 répond jusqu'à quelle heure ? » read as the line's public: the quoted line's hours
        intent = other
    if intent != WHY and focus.contacts and set(named) == {"offres"} and asks_if_shareable(text) \
            and names_the_line_by_pronoun(text) and set(named["offres"]) <= set(offers_of_the_client(cat, text)):
        # « je peux l'envoyer tel quel à un commerçant SP+ ? » read as SP+'s phone, « un commerçant en jpel peut le
        # composer lui aussi ? » as what JPEL is: the line in focus
        intent = AUDIENCE
    if intent == SUBJECT_ONLY and focus.intent in FAMILIES and asks_why(text):
        intent = WHY  # « ok et pk on le met à la place de la VAD ? » : not the VAD's phone, a reason
    if named and set(named) <= {"cartes"} and intent in (*CONTACT_FAMILIES, AUDIENCE) and not asks_if_shareable(text):
        # « et pour les Diners, c'était lequel déjà ? » read as an e-mail question, « pour l'AMEX, l'organisme donne
        # quoi au commerçant ? » as a line's public: a card network has no line in the document; the previous
        # question for that card, or what the document says of the card.
        intent = SUBJECT_ONLY if focus.intent in FAMILIES and focus.intent not in CONTACT_FAMILIES else \
            DEFAULT_FAMILY["card"]
    if "roles" in named and intent not in (WHY, AUDIENCE) and (through := _GO_THROUGH.search(fold(text))) \
            and set(cat.find_in_text("role", through.group("who"))) & set(named["roles"]):
        # « pour vendre Payplug, je dois passer par un CIF ? » : what that role does (it sells the offers).
        return Resolution(_question("ask_role", {"roles": named["roles"]}))
    purpose = () if quoted else lines_for_requests(cat, text, named.get("offres") or focus.offres)
    # « qui saisit le lead monexpert ? » asks who does what a role's mission says, not whom to call about leads
    if purpose and (intent in CONTACT_FAMILIES or is_who_question(text) or _CONTACT_VERB.search(fold(text))) \
            and not (is_who_question(text) and roles_doing(cat, text)):
        # « pour une question sur la distribution de Payplug, je vois avec qui ? » : the line whose object is
        # those requests (« produit, distribution, traitement des leads »), whatever else DIET read.
        family = intent if intent in CONTACT_FAMILIES and intent != AUDIENCE else LINES_GIVEN
        offres = offers_served(cat, purpose)
        return Resolution(_question(family, {"offres": offres}, contacts=purpose))
    # « il faut forcément un site pour JPEL ? » is read as a why by DIET (« forcément ») but asks no reason.
    closed = closed_point(text) if intent != AUDIENCE and not (intent == WHY and asks_why(text)) else None
    if closed == CONTRACT and set(named.get("outils", ())) <= {"osc"}:
        named = {f: ids for f, ids in named.items() if f != "outils"}  # « il faut un paramétrage dans OSC ? »
    if closed == SIMULATION and (set(named) - {"offres", "outils"} or not set(named.get("outils", ())) <= SIMULATORS
                                 or names_the_doer(text)):
        # « faut faire une simu SimulEasy pour les diners ? » : the simulator or the card, not the offer; « et faut une
        # simu simuleasy quand même ? » after Payplug: whether that offer goes through a simulation
        closed = None
    if closed == CONTRACT and (set(named) - {"offres", "services", "roles"} or names_the_doer(text)):
        # « contrat amex ? » is the card's affiliation, « c'est le CIF qui les ouvre ? » asks a person (« le CIF doit
        # paramétrer quelque chose dans OSC ? » asks whether there is anything to set up); a service has no contract
        # (« contrat monétique » also names the Assistance monétique PRO).
        closed = None
    if closed and (offres := named.get("offres") or focus.offres):
        # « il lui faut un site pour ça ? », « faut ouvrir un contrat chez nous pour Payplug ? » : oui ou non first;
        # « pour les deux faut ouvrir un contrat ? » after SP+ and Payplug: for each.
        if len(offres) > 1 and closed in (CONTRACT, SIMULATION):
            return _closed_for_each(cat, closed, offres)
        return closed_resolution(cat, closed, offres[0])
    if intent == "ask_contracts" and set(named) <= {"cartes"} and _THE_OTHER_ONE.search(fold(text)) \
            and (set(focus.objets) | set(focus.outils)) & SIMULATORS:
        # « et celui pour les contrats standards il s'appelle comment ? » after SimulUPI: the other simulator, for
        # those contracts (« contrats standards » names the cards, not the contracts to open)
        return Resolution(_question("ask_simulator", {"cartes": named.get("cartes") or ("standard",)}))
    if intent == "ask_contracts" and contract_only_qualifies(text):
        # « la tarif d'un contrat SP+, je dois respecter quoi ? » : the contract says which, the other words what.
        # « pour tarifer un contrat Paiement Internet Sécurisé, le CIF utilise quel outil ? » : the role named does
        # the thing asked, it is not what the question is about.
        subjects = {f: ids for f, ids in named.items() if f != "roles"} or ({} if named else focus.subjects())
        # « et pour un contrat JPEL ? » after the pricing: no other aspect, the previous question for that contract.
        same = str(focus.intent) if named and is_elliptical(text) and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and _accepts(str(focus.intent), subjects) else intent
        # « pour un contrat Paiement Internet Sécurisé, qui fixe le prix ? » : a contract the catalogue does not name,
        # no subject; the aspect asked still decides (the pricing in general, not « pour quelle offre ? »).
        intent = next((f for found in aspects(text) for f in found
                       if f != intent and (not subjects or _accepts(f, subjects))), same)
    if set(named) == {"cartes"} and intent in FAMILIES and intent not in (WHY, AUDIENCE) \
            and not _accepts(intent, named):
        # « et pour des cartes cb normales on prend quoi ? » read as the offers' overview: a card is asked about
        # through the aspect its words name (its simulator), when one applies to a card; « et celui pour les contrats
        # standards il s'appelle comment ? » after a simulator: its simulator.
        by_focus = "ask_simulator" if set(focus.outils) & SIMULATORS or focus.intent in PRICING_FAMILIES else intent
        intent = next((f for found in aspects(text) for f in found if _accepts(f, named)), by_focus)
    if set(named) == {"outils"} and intent in ("ask_contracts", "ask_offer_definition", "ask_funds"):
        # « simulupi c'est pour quels contrats ? » : what the tool is for (its contracts), not « pour quelle offre ? ».
        intent = "ask_tool"
    if intent == "ask_offer_definition" and not named and _ALL_OFFERS.search(fold(text)):
        intent = "ask_offers_overview"  # « la caisse propose quoi comme offres ? » : toutes, pas une à choisir
    if intent in SITUATION_FAMILIES and not set(named) - {"cartes"} and _EITHER_SITE.search(fold(text)):
        # « combien de solutions pour payer à distance, avec ou sans site ? » : every case, so every offer.
        intent = "ask_offers_overview"
    if intent in PRICING_FAMILIES and not named and focus.cartes and not focus.offres:
        # « et c'est qui qui fixe les frais ? » after AMEX: that card's pricing (negotiated with the network for a
        # direct affiliation, a simulator otherwise), not every offer's.
        return Resolution(_question("ask_simulator", {"cartes": focus.cartes}))
    if intent in CONTACT_FAMILIES and intent != AUDIENCE and not named and focus.cartes and not focus.offres \
            and not focus.contacts and focus.intent in FAMILIES and focus.intent not in (*CONTACT_FAMILIES, WHY):
        # « ça sert à quoi ce numéro ? » after AMEX's affiliation: the number is the merchant's affiliation number (the
        # document gives no line for a card network), so the same question about the card.
        return Resolution(_question(focus.intent, {"cartes": focus.cartes}))
    if (makes := who_makes_the_simulation(cat, text, named, focus)):
        # « et c'est qui qui fait la simu ? » after a pricing (or its reason), read as the filing: the role that
        # prices with the simulators, whatever offer was in focus, when that offer's pricing uses one.
        return Resolution(_question("ask_role", {"roles": makes}))
    if intent in PRICING_FAMILIES and not named and not focus.offres and is_who_question(text) \
            and (doing := roles_doing(cat, text) or roles_for_aspect(cat, text, ())):
        # « qui établit la tarification de l'acceptation ? » : the role whose mission it is, not every offer's prices
        return Resolution(_question("ask_role", {"roles": doing}))
    if intent == "ask_role" and not named and not focus.roles and not focus.acteurs \
            and (doing := the_one_doing(cat, text)):
        # « qui fait le diagnostic ? » after JPEL's presentation, which names nobody: the role whose mission it is
        return Resolution(_question("ask_role", {"roles": doing}))
    cards = recommended_cards(cat, focus) if not named and focus.intent == RECOMMENDATION else ()
    if not named and (affiliated := affiliation_asked(cat, text, focus)):
        return Resolution(_question("ask_affiliation", {"cartes": affiliated[:1]}))
    if cards and focus.offres and intent in PRICING_FAMILIES and intent in FAMILIES:
        # « ça change quoi pour la tarif ? » after a recommendation with the Chinese cards: the offer's pricing, with
        # the simulator of those cards.
        return Resolution(_question("ask_pricing", {"offres": focus.offres, "cartes": cards}))
    where_after = _where_after(focus)
    where = where_family(text, None if named else where_after, intent)
    if where and (where != intent or (not named and where_after != focus.intent)) and (
            (intent in FAMILIES and intent not in (WHY, AUDIENCE)) or (intent == SUBJECT_ONLY and not named)):
        # « la simu je la mets où ? » read as a simulator question; « ça se paramètre où ? » after contracts; « et ça
        # va où après ? » after the pricing, read as a subject alone; « il est où ? » after who must follow the
        # delegation scheme: the scheme (a role is nowhere).
        subjects = named or ({"outils": focus.objets} if where_after == "ask_tool" else focus.subjects())
        return Resolution(_question(where, {f: ids for f, ids in subjects.items() if _accepts(where, {f: ids})}))
    if intent in FAMILIES and intent not in (WHY, AUDIENCE) and not named and asks_why(text) \
            and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE) \
            and all(focus.intent in families for families in aspects(text)):
        # « pourquoi c'est pas nous qui fixons le prix ? » after the pricing, read as a pricing question: the reason
        # of that answer; « pourquoi il ne reçoit pas ses virements ? » after it asks another aspect (DIET's).
        intent = WHY
    if intent in FAMILIES and intent not in (*CONTACT_FAMILIES, WHY, AUDIENCE) and asks_whom_to_call_for_trouble(text):
        intent = LINES_GIVEN
    if ("services" in named or quoted) and intent in FAMILIES and not FAMILIES[intent].about:
        # « le 08 du sce client sp+ c'est lequel déjà ? » read as a comparison of offers: a named service, or a
        # quoted number (« le 08 »), is a line.
        intent = next((f for families in aspects(text) for f in families if f in CONTACT_FAMILIES), LINES_GIVEN)
    if named.get("offres") and set(named.get("outils", ())) & SIMULATORS and intent in PRICING_FAMILIES:
        # « pour Payplug faut faire une simu SimulEasy ? » : the offer's pricing says whether a simulator is used.
        return Resolution(_question("ask_pricing", {"offres": named["offres"]}))
    by_tool = tool_for_offer(named, focus) if intent in _ABOUT_THE_TOOL or (
        focus.intent in ("ask_tool", "ask_role") and _USES_IT.search(fold(text))) else None
    if by_tool and not named.get("offres"):
        return Resolution(_question(by_tool, named), same_simulator_verdict(cat, text, named, focus))
    if by_tool:
        # « il sert aussi quand le client part chez Payplug ? » : no (full service), then what Payplug needs.
        used = tool_verdict(cat, by_tool, named["offres"][0]) if is_closed(text) else None
        if used == cat.say("verdict.oui") and names_the_doer(text):
            # « le paramétrage SP+ dans OSC, c'est pas l'ATC qui s'en charge ? » : it is done; whether by the one
            # named is for the doer check
            used = None
        return Resolution(_question(by_tool, {"offres": named["offres"]}), used)
    moment = asked_moment(text, now)
    if moment is None and focus.moment and _THAT_MOMENT.search(fold(text)):
        # « et le support payplug à cette heure-là ? » after « … vers 17h45 ? » : the same moment, open or not
        moment = focus.moment
        intent = "ask_is_open" if intent in HOURS_FAMILIES else intent
    if named and intent in FAMILIES and intent not in (WHY, AUDIENCE) and focus.intent in FAMILIES \
            and focus.intent != intent:
        if only_names_subjects(cat, text, named):
            intent = SUBJECT_ONLY  # « et celui du partenariat bpce ? » read as an e-mail question
        elif is_correcting(text) and not aspects(" ".join(_words_besides_names(cat, text, named))):
            intent = CORRECTION  # « en fait je cherchais le support » read as an opening-hours question
    if focus.point in (SITE, WITHOUT_SITE, CONTRACT) and set(named) <= {"offres"} and is_elliptical(text) \
            and is_closed(text) and _asks_nothing_else(text, focus.point) \
            and (offers := named.get("offres") or focus.offres):
        # « et d'acceptation ? » after « pour Payplug on ouvre un contrat d'acquisition ? », « et pour un sp+ on en
        # ouvre ? » : the same closed question, whatever DIET read.
        return closed_resolution(cat, _site_point_again(text, focus.point), offers[-1])
    if focus.point in (PUBLIC, PUBLIC_EITHER) and named and set(named) <= {"offres", "services"} \
            and is_elliptical(text) and (asks_if_shareable(text) or _BARE_MAY.search(fold(text))
                                         or only_names_subjects(cat, text, named)):
        # « et celui du support je peux ? » after « je peux le donner ? », « et celui du partenariat ? » read as its
        # e-mail, the coordinate the public was asked of: the same question
        intent = SUBJECT_ONLY
    if intent in (SUBJECT_ONLY, CORRECTION):
        if set(named) <= {"outils"} and focus.offres and focus.intent in CONTACT_FAMILIES \
                and (requested := lines_for_requests(cat, text, focus.offres)):
            # « non, je parlais de celui pour nous, pour un lead » after Payplug's support: the line for those
            # requests (the partnership team), the same question
            return Resolution(_question(str(focus.intent), {"offres": focus.offres}, contacts=requested,
                                        audience=audience_of(text)))
        if focus.point in (PUBLIC, PUBLIC_EITHER) and named and set(named) <= {"offres", "services"}:
            # « et l'équipe partenariat ? » after « le support Payplug, c'est pour le client ? » : for whom it is.
            either = focus.point == PUBLIC_EITHER
            if set(named) == {"offres"} and focus.contacts and not WORKS_FOR.search(fold(text)) \
                    and set(named["offres"]) <= set(offers_of_the_client(cat, text)) \
                    and all(c in cat.contacts and set(named["offres"]) <= set(cat.contacts[c].offres)
                            for c in focus.contacts):
                # « et pour un client sp+ ? » after « je lui file le num de la monétique pro ? » : the same line, for
                # that client, when it serves that offer too (the offer says whose client, not which line).
                return Resolution(_question(AUDIENCE, named, contacts=focus.contacts, either_or=either))
            # « et pour un client payplug ça marche aussi ? » after the public of the SP+ and JPEL line: no, first ;
            # « et à un client payplug aussi ? » (the line to hand over, to another offer's client) likewise.
            lead = works_too_verdict(cat, text, lines_in_focus(cat, focus), named.get("offres", ())) or (
                cat.say("verdict.non") if set(named) == {"offres"} and focus.contacts and is_closed(text)
                and set(named["offres"]) <= set(offers_of_the_client(cat, text)) else None)
            if lead:  # then that offer's lines, for whom the words say
                return Resolution(_question("ask_support", named, audience=audience_of(text) or focus.audience), lead)
            return Resolution(_question(AUDIENCE, named, either_or=either))
        if focus.point in (SITE, WITHOUT_SITE, CONTRACT) and named.get("offres") and set(named) == {"offres"}:
            # « et pour sp+ ? » after « il faut un site pour JPEL ? » : the same closed question for SP+.
            return closed_resolution(cat, _site_point_again(text, focus.point), named["offres"][-1])
        if not named and (moment or asks_now(text)) and (focus.intent in HOURS_FAMILIES or focus.contacts and (
                asked_moment(previous_text, now) or asks_now(previous_text))):
            # « et le dimanche ? » after a yes/no on the hours: the same lines, another moment (« et là,
            # maintenant ? » : now) ; also after lines given for a question that asked about a moment
            return Resolution(_question("ask_is_open", focus.subjects(), moment=moment, contacts=focus.contacts))
        others = () if named else other_lines(cat, text, focus)
        by_aspect = aspect_family(text, "", accepted_families(focus)) if not named and focus.intent else None
        if by_aspect and not others:
            # « et leur adresse ? » : no subject, but the words say the question, for the focus.
            contacts = focus.contacts if FAMILIES[by_aspect].contacts else ()
            # « et le client il appelle quoi ? » ; « en cas de souci je lui donne quel num ? » after an offer, no line
            audience = (audience_of(text) or focus.audience) if FAMILIES[by_aspect].contacts else None
            return Resolution(_question(by_aspect, focus.subjects(), contacts=contacts, audience=audience))
        if others:
            # « et pour nous côté caisse, y a une autre ligne ? » after a client line: another line, for us; « y a une
            # autre ligne pour lui ? » : another one to give him.
            return Resolution(_question(str(focus.intent), {"offres": focus.offres}, contacts=others,
                                        audience=audience_of(text) or focus.audience))
        using = () if named else (_roles_for_who(cat, text, focus.subjects()) or the_one_doing(cat, text)
                                  or _sellers(cat, text))
        if using:
            # « et qui l'utilise ? » after SimulUPI ; « et qui le vend au client ? » after a recommendation. The tool
            # stays in focus: « il sert aussi pour un client Payplug ? » next is about the tool.
            return Resolution(_question("ask_role", {"roles": using, "outils": focus.outils}))
        if not named and focus.acteurs and is_who_question(text) and not aspects(text):
            # « et qui fait le choix avec le client ? » after the default offer: the person the answer names first.
            return Resolution(_question("ask_role", {"roles": focus.acteurs[:1]}))
        which_for = None if named or focus.intent not in CONTACT_FAMILIES else asks_which_line(text)
        if which_for:
            # « et l'adresse à lui donner alors ? » after an internal line: the coordinate the words say, for him.
            family = _coordinate_asked(text) or str(focus.intent)
            return Resolution(_question(family, _for_audience(focus.subjects(), which_for), contacts=focus.contacts,
                                        audience=which_for))
        repeated = None if named else focus_family(text, focus)
        if repeated:
            contacts = focus.contacts if FAMILIES[repeated].contacts else ()
            return Resolution(_question(repeated, focus.subjects(), contacts=contacts))
        audience = None if named else audience_of(text)
        if audience and focus.intent in CONTACT_FAMILIES and focus.offres:
            # « et nous, côté caisse ? » after the line to give a client: the same question, for that audience.
            return Resolution(_question(str(focus.intent), {"offres": focus.offres}, audience=audience))
        if not named and focus.intent in FAMILIES and (advised := advice_verdict(cat, text, focus.offres)):
            # « et ça on le conseille ? » after the VAD contract: no, and why (the same answer).
            return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts), advised)
        if not named and as_doer and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE):
            # « et c'est Payplug qui vire, pas nous ? » after Payplug's funds: the company is who is asked about, the
            # answer in focus says who does it (`cecaz.doers.with_doer`)
            return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts))
        if not named:
            return Resolution(None)
        previous = focus.intent if focus.intent in FAMILIES else None
        first_asks = aspect_family(text, "", [f for f in FAMILIES if _accepts(f, named)]) \
            if intent == SUBJECT_ONLY and not previous else None
        # « bon, et pour revenir à Payplug, les encaissements » : the aspect said after the subject is the question
        first_asks = first_asks or (aspect_after_the_subject(cat, text, named) if intent == SUBJECT_ONLY else None)
        # « il sert aussi pour les diners ? » after a recommendation with the Chinese cards: its simulator
        reco_simulator = _kinds(named)[0] == "card" and focus.intent == RECOMMENDATION \
            and bool(_IT_SERVES.search(fold(text))) and same_simulator_verdict(cat, text, named, focus) is not None
        if first_asks and not reco_simulator:
            family = first_asks  # « c'est le même simulateur pour les cb et pour DFS ? » first: what its words ask
        elif "services" in named and previous in FAMILIES and not FAMILIES[str(previous)].contacts:
            family = LINES_GIVEN  # « et l'assistance pour JPEL c'est qui ? » after what JPEL is: its line
        elif previous and previous not in (WHY, AUDIENCE) and _accepts(previous, named):
            family = previous
        elif _kinds(named)[0] == "card" and (focus.intent in PRICING_FAMILIES or set(focus.outils) & SIMULATORS
                                             or reco_simulator):
            family = "ask_simulator"  # « et pour les cartes chinoises ? » after SimulEasy: which simulator
        else:
            family = DEFAULT_FAMILY[_kinds(named)[0]]
        if intent == CORRECTION and not _BOTH_MEANT.search(fold(text)):
            # « pas payplug, sp+ » names both: the one already in focus is the mistake (not in « non, je voulais les
            # deux : payplug et sp+ », « je parlais de SimulEasy et SimulUPI »); « …, pas du partenariat » says it.
            aside = corrected_away(cat, text)
            named = {f: kept for f, ids in named.items()
                     if (kept := tuple(i for i in ids if i not in getattr(focus, f) and i not in aside) or ids)}
            if (coordinate := _coordinate_asked(text, "", named)) and FAMILIES[family].contacts:
                family = coordinate  # « non, pour le mail je parlais du support Payplug » : the e-mail, for that line
        elif family in COORDINATE_FAMILIES and (coordinate := _coordinate_asked(text, "", named)) \
                and coordinate in COORDINATE_FAMILIES:
            family = coordinate  # « ok et le num à donner à un client sp+ ? » after an e-mail: the number
        subjects = dict(named)
        services_of_focus = {c.service for o in focus.offres if o in cat.offres for _, c in cat.contacts_for(o)}
        if set(named) == {"services"} and FAMILIES[family].contacts and (
                services_of_focus & set(named["services"]) or _POSSESSIVE.search(fold(text))):
            subjects["offres"] = focus.offres  # « et leur service client ? » : celui de l'offre en cours
        if _keeps_generic_service(named, family, focus):
            # « non, je voulais dire Payplug » after « le num de l'assistance SP+ » : Payplug's assistance too.
            subjects["services"] = focus.services
        lead = f"D’accord, pour {names(cat, named)} :" if intent == CORRECTION else None
        if moment is None and family in HOURS_FAMILIES and family == focus.intent:
            moment = focus.moment  # « et le support payplug ? » after « ils bossent le samedi ? »
        # « et à un client payplug ? » after « quel mail je donne à un client sp+ ? » : still for the client.
        audience = (audience_of(text) or focus.audience) if FAMILIES[family].contacts else None
        if lead is None and set(named) == {"offres"} and FAMILIES[family].contacts:
            # « et pour un client payplug ça marche aussi ? » after SP+'s lines: no, Payplug has its own lines.
            lead = works_too_verdict(cat, text, lines_in_focus(cat, focus), named["offres"])
        if lead is None and family in PRICING_FAMILIES:
            lead = same_simulator_verdict(cat, text, named, focus)
        question = _question(family, subjects, moment=moment, audience=audience)
        return Resolution(question, lead)
    if intent not in FAMILIES:
        return Resolution(_question(intent, named, moment=moment))
    found_aspects = aspects(text)
    if not named and not found_aspects and (intent == WHY or _BARE_PURPOSE.search(fold(text))) \
            and (earlier := aspect_of_the_object(cat, text, previous_text, focus)):
        # « faut faire une simu pour SP+ ? » → « ça sert à quoi ? », « qui fait les simulations ? » → « pourquoi il
        # doit en faire une ? » : « ça », « en » are the simulation the previous message named, not the offer or
        # the role of the answer; the reason of that aspect.
        return Resolution(_question(WHY, {f: ids for f, ids in focus.subjects().items() if _accepts(earlier, {f: ids})},
                                    about=earlier))
    if intent == WHY and not named and focus.regles \
            and (asks_obligation(text) or _FOLLOWS_IT.search(fold(text))
                 or any(found[0] == "ask_delegation" for found in found_aspects)
                 # « c'est pour quelle raison ? » after « la simulation doit être déposée dans MyGed » : the answer was
                 # the rule (not the simulator that qualified the simulation)
                 or (not found_aspects and focus.intent in _RULE_ANSWERS)
                 or (not found_aspects and any(found[0] == "ask_delegation" for found in aspects(previous_text)))) \
            and all(found == DEFINITION_FAMILIES or found[0] == "ask_delegation" for found in found_aspects):
        # « c'est obligatoire ? », « pk faut le suivre ? » after « … doit respecter le schéma délégataire » :
        # the reason of that rule ; « c'est quoi l'idée derrière ? » too when the question was what to respect.
        return Resolution(_question(WHY, {"outils": focus.regles[:1]}, about=DEFAULT_FAMILY["tool"]))
    said = named_subjects(reading).get("offres", ())  # IZ eCommerce too, named as the one who made the site
    # (after contact lines only: « pourquoi pas IZ eCommerce ? » after a recommendation compares the offers)
    why_lines = intent == WHY and focus.intent in CONTACT_FAMILIES
    # « pk payplug alors que c'est IZ qui a fait le site ? » after IZ eCommerce's presentation: the same reason
    why_site = intent == WHY and focus.intent not in (RECOMMENDATION, WHY) and len(said) > 1 \
        and bool(set(said) & set(focus.offres))
    site = next((o for o in said if o in cat.offres and cat.offres[o].pages_paiement in {*focus.offres, *said} - {o}),
                None) if why_lines or why_site else None
    if why_lines and site is None and set(said) <= set(focus.offres) and PAYMENT_PAGES.search(fold(previous_text)) \
            and not set(cat.find_in_text("offer", previous_text)) & set(focus.offres):
        # « pk payplug ? » after « et si c'est la page de paiement qui plante ? » about an IZ eCommerce site
        site = next((o for o, offre in cat.offres.items() if offre.pages_paiement in focus.offres), None)
    if site:
        # « pourquoi Payplug alors que c'est IZ qui a fait le site ? » : the pages of an IZ eCommerce site are
        # Payplug's; the reason of the previous answer follows.
        pages = str(cat.offres[site].pages_paiement)
        # outside contact lines, the site's offer stays in focus with its pages' (« et le prix du site ? » next)
        offres = (pages,) if why_lines else (site, pages)
        return Resolution(_question(WHY, {"offres": offres}, contacts=focus.contacts, about=focus.intent),
                          cat.say("pages.autre_offre", offre=cat.offres[site], offres=[pages]))
    if intent == WHY and not named and _AT_ALL.search(fold(text)) and found_aspects \
            and cat.reason(found_aspects[0][0], []):
        # « et pk faut une simu tout court ? » after the reason of one card's simulator: the reason of the aspect
        # itself, for every subject (the simulation of profitability, section « Quelle tarification ? »)
        return Resolution(_question(WHY, {}, about=found_aspects[0][0]))
    if intent == WHY and (names_the_doer(text) or focus.intent == RECOMMENDATION) and found_aspects \
            and set(named) <= {"offres", "roles"} \
            and (offers := focus.offres or named.get("offres", ())) \
            and (done := next((f[0] for f in found_aspects if f[0] in _OFFER_DOINGS), None)) \
            and cat.reason(done, [("offer", o) for o in offers]):
        # « pourquoi c'est Payplug qui contractualise ? », « pk c le cif qui signe et pas payplug », « pourquoi on
        # n'ouvre pas de contrat chez nous ? » after a recommendation: the reason of that aspect (who does it) for the
        # offer in focus (full service; the CIF for SP+), not of the recommendation; an offer set against it is not
        # the subject
        return Resolution(_question(WHY, {"offres": offers}, about=done))
    if intent == WHY:
        alternative = named.get("offres", (None,))[0]
        if alternative and alternative in focus.offres and focus.intent != RECOMMENDATION:
            alternative = None  # « pourquoi Payplug ? » après une réponse sur Payplug : la raison, pas une comparaison
        if alternative and focus.intent != RECOMMENDATION \
                and not _INSTEAD.search(_NOT_SET_AGAINST.sub(" ", fold(text))):
            alternative = None  # « et pour JPEL pourquoi il en faut une ? » : the same reason, for JPEL
        about = focus.intent
        if _BY_DEFAULT.search(fold(text)) and (named.get("offres") or focus.offres) and about != RECOMMENDATION:
            about = "ask_choose_offer"  # « pk pas SP+ d'office ? » after its contracts: the reason of the default offer
        if not named and about in FAMILIES and about != RECOMMENDATION:
            # « pk c'est déconseillé ? » after the pricing: the words name another aspect, whose reason the document
            # gives (the VAD contract's risk); « pourquoi il faut un simulateur ? » after contact lines likewise.
            about = next((found[0] for found in found_aspects if about not in found
                          and found not in (NEED_ASPECT, DEFINITION_FAMILIES) and cat.reason(found[0], [])), about)
        if set(named) == {"outils"} and set(named["outils"]) <= SIMULATORS and focus.intent in PRICING_FAMILIES \
                and focus.offres and not any(_simulates(cat, o) for o in focus.offres):
            # « pourquoi je peux pas lui faire une simu SimulEasy ? » after Payplug's pricing: that offer's prices are
            # not simulated (Payplug negotiates them), so the reason of that answer, not SimulEasy's.
            named = {}
        if named and not alternative and not (about in FAMILIES and _accepts(about, named)):
            # « pourquoi on n'en fait pas pour un client Payplug ? » after OSC: what the tool does for that offer;
            # « pourquoi l'argent vient de Payplug ? » : the aspect its words name; else « pourquoi pas SimulEasy ? » :
            # la raison de SimulEasy
            worded = [f for found in found_aspects if found not in (NEED_ASPECT, DEFINITION_FAMILIES)
                      for f in found if f in FAMILIES and _accepts(f, named)]
            about = tool_for_offer(named, focus) or next(iter(worded), None) or DEFAULT_FAMILY[_kinds(named)[0]]
        justified = focus.subjects() if alternative or not named else named
        person = focus.roles or focus.acteurs[:1]
        # « pourquoi pas le réseau directement ? » after the CIF and the network: the one named first against the other.
        compared = person[:1] if re.search(r"\bpas\b", fold(text)) else person
        other_person = set(named) == {"roles"} and not set(named["roles"]) & set(compared)
        person = compared if other_person else person
        if set(named) == {"roles"} and not focus.roles and focus.subjects() and focus.intent in FAMILIES \
                and focus.intent not in (WHY, AUDIENCE) and re.search(r"\bpas\b", fold(text)) \
                and not (person and _PERSON.search(fold(text))):
            # « pourquoi c'est pas le CIF ? » after an AMEX answer: the reason of that answer.
            return Resolution(_question(WHY, focus.subjects(), contacts=focus.contacts, about=focus.intent,
                                        recommendation=focus.recommendation))
        if person and (other_person or (not named and _PERSON.search(fold(text)) and not _HIMSELF.search(fold(text)))
                       or (not named and _NOT_US.search(fold(text)))):
            # « pourquoi lui ? », « pourquoi (lui et) pas l'ATC ? », « pourquoi pas moi en agence ? » : la personne de
            # la réponse précédente.
            others = named.get("roles", ()) if other_person else ()
            justified, about = {"roles": tuple(dict.fromkeys((*person, *others)))}, "ask_role"
            if others and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE, "ask_role"):
                # « pourquoi lui et pas le réseau ? » after JPEL's pricing: their missions on the pricing only.
                return Resolution(_question(WHY, justified, about=about, aspect=focus.intent))
        elif not named and about in FAMILIES and about != RECOMMENDATION and any(
                (r := cat.reason(about, [("tool", o)])) and r.sujet == f"tool/{o}" for o in focus.objets) \
                and not _own_reason(cat, about, focus) and not _ANY_SIMULATION.search(fold(text)):
            # « pk ? » after « l'ATC doit saisir un lead monexpert à chaque fois ? » : the reason of the tool the
            # question was about, not of the process its answer described; « pk pas ? » after « pour les chèques-
            # vacances je fais une simul simuleasy ? » : the card's own reason (no pricing by the CECAZ).
            justified = {"outils": focus.objets}
        elif not named and about in FAMILIES and about != RECOMMENDATION:
            # « pourquoi ? » after an AMEX answer that also named the CIF: the reason of the card; « on est
            # obligés de faire une simu ? » after JPEL's simulator: the reason of the simulation, not of JPEL.
            justified = {f: ids for f, ids in justified.items() if _accepts(about, {f: ids})}
        lines = _named_lines(cat, named, focus) if named and not alternative else ()
        # another aspect's reason is not about the lines just given, nor is the reason of a tool or a card named
        # (« pourquoi il faut passer par SimulUPI ? » after a recommendation that gave contact lines)
        contacts = lines or (focus.contacts if about == focus.intent and not set(named) - {"offres", "services"}
                             else ())
        return Resolution(_question(WHY, justified, contacts=contacts, about=about,
                                    alternative=alternative, recommendation=focus.recommendation))
    if intent in DEFINITION_FAMILIES and not named and focus.offres and focus.intent in CONTACT_FAMILIES \
            and focus.intent != AUDIENCE and is_elliptical(text) and audience_of(text) == STAFF and not aspects(text):
        intent = AUDIENCE  # « et en interne on a quoi ? » after the line to give a client, read as what the offer is
    if intent == AUDIENCE and not named and focus.offres and focus.intent in CONTACT_FAMILIES \
            and focus.intent != AUDIENCE and (is_elliptical(text) or _HAS_A_LINE.search(fold(text))) \
            and not asks_if_shareable(text) and (audience := audience_of(text)):
        # « ils ont une ligne pour nous, côté caisse ? » after Payplug's support: their lines for that public, not
        # the public of the line just given.
        # « et pour nous en interne ? » after the line to give a JPEL client: the same question, for that audience;
        # « et le mail de cette ligne interne ? » : the coordinate the words say; « ils ont quelqu'un pour nous ? »
        # after their hours: the whole line (who, how to reach them, when).
        family = _coordinate_asked(text) or (LINES_GIVEN if focus.intent in HOURS_FAMILIES else str(focus.intent))
        return Resolution(_question(family, {"offres": focus.offres}, audience=audience))
    if intent == AUDIENCE and named.get("offres") and set(named) == {"offres"} and _HAS_A_LINE.search(fold(text)) \
            and not asks_if_shareable(text) and (audience := audience_of(text)):
        # « on a une ligne interne pour jpel ? » : whether the offer has a line for that public (yes: its lines for
        # that public), not whether a line may be handed over.
        family = _coordinate_asked(text) or LINES_GIVEN
        known = any(cat.offres[o].contacts for o in named["offres"] if o in cat.offres)  # IZ eCommerce: none given
        verdict = "verdict.oui" if has_line_for(cat, named["offres"], audience) else "verdict.non"
        return Resolution(_question(family, named, audience=audience), cat.say(verdict) if known else None)
    if not named and focus.intent in CONTACT_FAMILIES and intent not in (*CONTACT_FAMILIES, AUDIENCE) \
            and (which_for := asks_which_line(text)):
        # « donc je file lequel au commerçant ? » read as a choice of offer: the lines just given, for that public.
        return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts, audience=which_for))
    if intent == AUDIENCE and (selling := _sellers(cat, text)):
        # « et c'est qui qui le vend au client ? » read as a line's public: the role that sells it.
        return Resolution(_question("ask_role", {"roles": selling}))
    if intent == AUDIENCE and (audience := asks_which_line(text)):
        # « c'est quoi notre ligne interne pour SP+ ? » : not « can I give it? » but which line, for that public.
        family = next((f for found in aspects(text) for f in found if f in CONTACT_FAMILIES and f != AUDIENCE),
                      LINES_GIVEN)
        subjects, contacts = (named, ()) if named else (_for_audience(focus.subjects(), audience), focus.contacts)
        return Resolution(_question(family, subjects, contacts=contacts, audience=audience))
    if named and intent in CONTACT_FAMILIES and intent != AUDIENCE and asks_us_or_them(text):
        # « le numéro de l'assistance SP+, il est pour nous ou pour nos clients ? » read as a phone question: whom the
        # line serves.
        intent = AUDIENCE
    if intent == AUDIENCE and not named and not focus.contacts and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and asks_who_does(cat, text, designated(cat, focus)):
        # « c'est l'organisme qui lui donne un numéro ? » after the ANCV's affiliation, read as a line's public: who
        # does it, on the previous answer (no line was given)
        return Resolution(_question(str(focus.intent), focus.subjects()))
    if intent == AUDIENCE:
        # « pour le client ou pour nous ? » asks who; « je le file au client ou pas ? » is still a yes or no
        # « le 07 57 95 38 07 c'est qui ? » asks who it is, not whether to give it
        either_or = bool(re.search(r"\b(?:ou(?! (?:pas|non)\b)|pour qui|a qui|qui peut|c est qui|qui c est|de qui)\b",
                                   fold(text)))
        clients_offers = set(named.get("offres", ())) & set(offers_of_the_client(cat, text))
        if focus.contacts and set(named) == {"offres"} and clients_offers == set(named["offres"]) and not any(
                o in cat.contacts[c].offres for c in focus.contacts if c in cat.contacts for o in clients_offers):
            # « et à un client payplug je peux le donner aussi ? » after SP+ and JPEL's assistance: not that client's
            # line; no, and the lines to give a client of that offer.
            family = focus.intent if focus.intent in CONTACT_FAMILIES and focus.intent != AUDIENCE else LINES_GIVEN
            # « et à un client jpel ? » next asks the same yes or no for that offer's client
            return Resolution(_question(family, named, audience=CLIENT), cat.say("verdict.non"), point=PUBLIC)
        if focus.contacts and set(named) == {"offres"} and names_the_line_by_pronoun(text) \
                and clients_offers == set(named["offres"]):
            # « je peux le filer à mon client JPEL ? » after the monétique pro: that line, and JPEL's client lines
            # when it cannot be given.
            return Resolution(_question(AUDIENCE, named, contacts=focus.contacts, either_or=either_or))
        if set(named) == {"offres"} and audience_of(text) == STAFF and asks_if_shareable(text) and (
                internal := tuple(c for o in named["offres"] if o in cat.offres for c in cat.offres[o].contacts
                                  if c in cat.contacts and cat.contacts[c].internal)):
            # « le num pour nous en interne sur jpel, je peux le donner au commerçant ? » : the line the words say (the
            # internal one), not every line of the offer.
            return Resolution(_question(AUDIENCE, named, contacts=internal))
        if named:
            subjects = named if either_or else _with_the_client_in_focus(text, named, focus)
            return Resolution(_question(AUDIENCE, subjects, either_or=either_or))
        # The coordinate the previous answer gave (an e-mail, a number) may also be that of a client line.
        coordinate = focus.intent if focus.intent in COORDINATE_FAMILIES else None
        # « et l'autre, je peux le donner ? » after the line to give the client: the offer's other line
        meant = other_lines(cat, text, focus) or the_line_meant(cat, text, focus)
        return Resolution(_question(AUDIENCE, focus.subjects(), contacts=meant, either_or=either_or, about=coordinate))
    if "services" in named and (FAMILIES[intent].contacts and set(named) <= {"services", "offres"} or set(
            named["services"]) - GENERIC_SERVICES and set(named) <= {"services", "offres", "cartes"}) \
            and asks_if_shareable(text):
        # « le client veut l'AMEX, je lui donne le num de la monétique pro pour s'affilier ? » read as the AMEX's
        # affiliation: the line named is what is asked about.
        # « et celui du partenariat, je peux le donner aussi ? », « mon client JPEL, je lui file le num de la monétique
        # pro ? » : who that service's line is for.
        return Resolution(_question(AUDIENCE, _with_the_client_in_focus(text, named, focus)))
    if FAMILIES[intent].contacts and not named and focus.contacts and asks_if_shareable(text):
        # « je peux lui donner ce numéro ? » read as a phone question: it asks who the line is for.
        return Resolution(_question(AUDIENCE, focus.subjects(), contacts=the_line_meant(cat, text, focus)))
    if intent == "ask_pricing" and not named and focus.contacts and focus.intent in CONTACT_FAMILIES \
            and (_CALL.search(fold(text)) or _CALL_COST.search(fold(text)) or not _OFFER_PRICING.search(fold(text))):
        # « ça coûte combien de les appeler ? » : the price of a call is on the phone line (« et ça se tarife
        # comment ? » after JPEL's assistance is JPEL's pricing).
        return Resolution(_question("ask_phone", focus.subjects(), contacts=focus.contacts))
    if set(named) == {"roles"} and len(named["roles"]) == 1 and focus.intent == "ask_role" and focus.roles \
            and named["roles"][0] not in focus.roles and is_closed(text) and _DOES_IT_TOO.search(fold(text)):
        # « l'ATC il peut le faire aussi ? » after « c'est le CIF qui s'en charge ? » : no, and what each one does.
        return Resolution(_question("ask_role", {"roles": (*focus.roles[:1], *named["roles"])}), cat.say("verdict.non"))
    if not named and focus.roles and _PERSON.search(fold(text)) and not is_who_question(text) and aspects(text) \
            and (others := roles_for_aspect(cat, text, focus.roles[:1])):
        # « il s'occupe aussi du pricing ? » after the ATC: no, the roles whose mission it is.
        return Resolution(_question("ask_role", {"roles": others}), cat.say("verdict.non") if is_closed(text) else None)
    if (focus.intent in CONTACT_FAMILIES or focus.contacts or contract_only_qualifies(text)) \
            and intent not in CONTACT_FAMILIES and audience_of(text) == CLIENT and asks_what_to_give(text):
        # « alors je lui donne quoi pour son contrat SP+ ? » after a line: the lines to give the client.
        subjects, contacts = (named, ()) if named else (focus.subjects(), focus.contacts)
        return Resolution(_question(LINES_GIVEN, subjects, contacts=contacts, audience=CLIENT))
    if not named and focus.intent:
        # « qui s'en sert ? » after SimulEasy: the role whose mission names it.
        using = _roles_for_who(cat, text, focus.subjects())
        if using:
            return Resolution(_question("ask_role", {"roles": using}))
        if selling := _sellers(cat, text):
            # « et c'est qui qui le vend au client ? » after an offer: the role whose mission is to sell it.
            return Resolution(_question("ask_role", {"roles": selling}))
        if is_who_question(text) and focus.acteurs and focus.intent not in CONTACT_FAMILIES and not aspects(text):
            # « et qui s'en occupe ? » after the pricing: the person the answer names first.
            return Resolution(_question("ask_role", {"roles": focus.acteurs[:1]}))
        before_detour = focus.avant
        if before_detour is not None and before_detour.offres and focus.roles and not focus.offres \
                and not focus.contacts \
                and intent not in accepted_families(focus) and _accepts(intent, {"offres": before_detour.offres}) \
                and any(intent in f for f in aspects(text)):
            # « et les fonds arrivent tous les jours ? » after a detour on the CIF from Payplug: a question on an offer,
            # which a role cannot answer, is on the offer the conversation was about
            return Resolution(_question(intent, {"offres": before_detour.offres}, moment=moment))
        intent = _family_for_focus(text, intent, focus, moment is not None or asks_now(text))
    if set(named) == {"services"} and intent not in (WHY, AUDIENCE) and not FAMILIES[intent].contacts \
            and (line_families := [f for f in next(iter(aspects(text)), ()) if f in CONTACT_FAMILIES]):
        # « une fois paramétrés, qui assure l'assistance de ces contrats ? » read as the opening of the services: the
        # service named, and the first aspect its words say, ask for a line
        intent = line_families[0]
    generic = set(named) == {"services"} and is_generic_service(text, named["services"])
    # « c'est BPCE qui gère l'assistance ? » after a line quoted by its number: the offers that line serves
    in_focus = focus.offres or offers_served(cat, focus.contacts)
    if (set(named) == {"services"} and in_focus and FAMILIES[intent].contacts
            and (generic or _POSSESSIVE.search(fold(text))
                 and _has_service_line(cat, named["services"], in_focus))):
        # « qui fait leur support ? » : celui de l'offre en cours ; « et la monétique pro, c'est quoi ses horaires ? »
        # after Payplug's support: that line has no Payplug part, it is asked for itself.
        named = {**named, "offres": in_focus}
    elif generic and not FAMILIES[intent].contacts:
        named = {}  # « qui assure le support pour… » : le support de quelle offre ?
    elif set(named) == {"services"} and set(named["services"]) <= GENERIC_SERVICES and FAMILIES[intent].contacts \
            and not generic:
        # « le numéro de l'équipe support » : a line, that of the offers whose line has that name (Payplug); « le mail
        # du support » alone keeps its service, and its offer is asked (the buttons keep the service).
        named = {**named, "offres": tuple(dict.fromkeys(
            o for c in cat.contacts.values() if c.service in named["services"] for o in c.offres))}
    if (selling := sells_it(cat, text, named)):
        # « qui vend SP+ ? » : the role that sells it ; « je peux le vendre moi-même ? » : no, that role.
        return Resolution(_question("ask_role", {"roles": selling}),
                          cat.say("verdict.non") if _I_CAN.search(fold(text)) and is_closed(text) else None)
    if named and (using := _roles_for_who(cat, text, named)):
        return Resolution(_question("ask_role", {"roles": using}))  # « qui utilise SimulUPI ? »
    if intent == "ask_role" and not named:
        doing = roles_doing(cat, text) or roles_for_aspect(cat, text, focus.roles)
        if doing:
            named = {"roles": doing}
    if intent == "ask_pricing" and "services" in named and _CALL.search(fold(text)):
        intent = "ask_phone"  # « combien coûte l'appel au service client SP+ ? » : the price is on the phone line
    if named and FAMILIES[intent].about and not set(_kinds(named)) & set(FAMILIES[intent].about):
        # « contrat diners, je tarife avec quoi ? » read as a contracts question: a card has no contract
        # of its own, the words also say the price.
        intent = next((f for families in aspects(text) for f in families if _accepts(f, named)), intent)
    if named and intent in DEFINITION_FAMILIES and (contact := _coordinate_asked(text, intent, named)):
        # « quel num je donne à un client JPEL ? » read as a presentation of JPEL: the words ask a line.
        intent = contact
    if named and intent in COORDINATE_FAMILIES and _WHICH_ONE.search(fold(text)) and (found := aspects(text)) \
            and not any(intent in f for f in found) and any(LINES_GIVEN in f for f in found):
        # « et celui de l'assistance JPEL, c'était lequel déjà ? » read as an e-mail question: no word says which
        # coordinate, the line does; all of it.
        intent = LINES_GIVEN
    worded = [f for families in aspects(text) for f in families if f in CONTACT_FAMILIES and f != AUDIENCE]
    lines_asked = [f for f in worded if _accepts(f, named)]
    if named and intent in FAMILIES and intent not in (*CONTACT_FAMILIES, WHY) and lines_asked \
            and asks_for_a_line(text) and not _accepts(intent, named) \
            and not any(intent in families for families in aspects(text)):
        # « sa boutique en ligne sous Payplug, les paiements ne passent plus : quel numéro je lui donne ? » read as
        # the choice of an offer, « on a une ligne interne chez Payplug pour nous ? » as site creation: the words ask
        # for a line of the offer named, and DIET's family does not take it
        intent = lines_asked[0]
    if named and intent in COORDINATE_FAMILIES and worded and intent not in worded and _TO_REACH.search(fold(text)):
        # « le support payplug on les joint comment ? » read as a phone question: the words ask for the whole line
        # (not « What is the Payplug support phone number? », whose only French word is the service's name)
        intent = worded[0]
    specific = [f for f in worded if f in (*COORDINATE_FAMILIES, *HOURS_FAMILIES)]
    if named and intent in COORDINATE_FAMILIES and specific and intent not in worded:
        # « les plages d'appel de l'assistance SP+ ? », « on les joint autrement que par téléphone ? » read as a phone
        # question: the coordinate the words ask for (hours, e-mail).
        intent = specific[0]
    if named and intent in CONTACT_FAMILIES and len({f if f in COORDINATE_FAMILIES else "hours" for f in specific}) > 1:
        intent = LINES_GIVEN  # « tel et mail de la monétique pro » : two coordinates asked, the whole line
    if named and intent in COORDINATE_FAMILIES and asks_now(text) and _accepts("ask_is_open", named):
        intent = "ask_is_open"  # « le service client SP+ prend des appels en ce moment ? » : yes or no, then the line
    if named and intent == CHOICE and aspects(text) and (by_words := aspect_family(
            text, intent, [f for f in FAMILIES if _accepts(f, named)])):
        # « quand je tarife un contrat SP+, faut que je respecte quoi ? » read as Payplug-or-SP+: the choice of an offer
        # has no aspect word of its own, the words say the question (the delegation scheme)
        intent = by_words
    if named and intent in CONTACT_FAMILIES and not any(set(f) & set(CONTACT_FAMILIES) for f in aspects(text)) \
            and not asks_whom_to_call_for_trouble(text):
        # « un client part sur SP+, qui fait le contrat ? » read as a support question: no word of contact
        # in it, the aspect words say the question; « avec JPEL qui tape la carte ? » : what the offer does.
        intent = aspect_family(text, intent, [f for f in FAMILIES if _accepts(f, named)]) or (
            "ask_offer_definition" if set(named) == {"offres"} and is_who_question(text) else intent)
    worded_aspects = aspects(text)
    if not named and intent in CONTACT_FAMILIES and worded_aspects \
            and not any(set(f) & set(CONTACT_FAMILIES) for f in worded_aspects):
        # « et l'impayé, c'est qui qui le supporte ? » after the VAD, read as its support: no word of contact, the
        # aspect words say the question, for the subject in focus
        of_its_own = [f for families in worded_aspects for f in families if f in FAMILIES and not FAMILIES[f].about]
        for_focus = aspect_family(text, intent, accepted_families(focus))
        if for_focus is not None:
            intent = for_focus
        elif of_its_own:
            intent = of_its_own[0]
    audience = audience_of(text) if FAMILIES[intent].contacts else None
    if set(named) == {"offres"} and intent == focus.intent and not focus.offres \
            and _keeps_generic_service(named, intent, focus):
        # « payplug », typed or clicked after « Pour quelle offre… ? » on « le mail du support » : that offer's support.
        named = {**named, "services": focus.services}
    if named:
        lead = same_simulator_verdict(cat, text, named, focus) if intent in PRICING_FAMILIES else None
        if audience is None and FAMILIES[intent].contacts and focus.audience == CLIENT and is_elliptical(text) \
                and set(named) == {"offres"} and set(named["offres"]) <= set(focus.offres):
            audience = CLIENT  # « et le mail pour celui en Payplug ? » after the lines to give two clients: still his
        return Resolution(_question(intent, named, moment=moment, audience=audience), lead)
    if audience is None and FAMILIES[intent].contacts and focus.audience == CLIENT and (
            _PERSON.search(fold(text)) or (intent in COORDINATE_FAMILIES and is_elliptical(text)
                                           and not _PERSONAL.search(fold(text)))):
        # « il a quoi comme num, lui ? » after « mon client peut les appeler ? » : the client's lines; « et par tel ? »
        # after « Non » to « le client peut écrire à partenariat-bpce@… ? », or after the address to give him: the
        # client's number (« et ils ont un tel aussi ? » : the line's own).
        audience = CLIENT
    carried = _for_audience(focus.subjects(), audience) if FAMILIES[intent].about else {}
    recommended = (focus.recommendation or {}).get("conclusion")
    if FAMILIES[intent].about and not _accepts(intent, carried) and recommended in cat.offres \
            and _accepts(intent, {"offres": (recommended,)}):
        # « et qui fait signer le contrat au client ? » after the Diners' simulator that followed a recommendation:
        # the card says nothing of contracts, the offer recommended does
        carried = {"offres": (recommended,)}
    contacts = focus.contacts if FAMILIES[intent].contacts else ()
    return Resolution(_question(intent, carried, moment=moment, contacts=contacts, audience=audience))


# « il peut le faire aussi ? », « elle peut s'en charger ? » : the action of the previous answer, by a pro-verb.
_DOES_IT_TOO = re.compile(r"\b(?:le|la|les|l) faire\b|\bs en (?:charger|occuper)\b|\bfaire (?:pareil|la meme chose)\b")
_CLIENT_OF = re.compile(r"\b(?:client|cliente|commercant|marchand)s? ((?:[\w+]+ ?){1,2})")


def same_simulator_verdict(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                           focus: Focus) -> Optional[str]:
    """« il sert aussi pour les diners ? » après le simulateur des cartes chinoises (ou après SimulUPI, ou une
    recommandation avec les cartes chinoises) : « Oui. » quand
    la carte nommée se simule avec le même simulateur que celle du focus (ou que le simulateur du focus), « Non. »
    sinon (section « Quelle tarification ? ») ; None pour une autre question."""
    tools = [t for t in _tools_in_focus(focus) if t in SIMULATORS]
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
    sinon, puis le simulateur de ces cartes (section « Quelle tarification ? ») ; None pour une autre question."""
    tools = [t for t in named.get("outils", ()) if t in SIMULATORS]
    cards = [c for c in named.get("cartes", ()) if c in cat.cartes and cat.cartes[c].simulateur]
    if len(tools) != 1 or not cards or set(named) - {"outils", "cartes", "offres"} \
            or not is_closed(without_merchant_clause(text)):
        return None
    same = all(cat.cartes[c].simulateur == tools[0] for c in cards)
    return Resolution(_question("ask_simulator", {"cartes": tuple(cards)}), cat.say("verdict.oui" if same else
                                                                                     "verdict.non"))


def offers_of_the_client(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« mon client JPEL », « un commerçant SP+ » : les offres qui qualifient le client (le client de cette offre),
    pas le sujet de la question."""
    return tuple(o for match in _CLIENT_OF.finditer(fold(text)) for o in cat.find_in_text("offer", match.group(1)))


def offers_by_notion(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """Les offres dont une notion propre (`notions` du catalogue : « full service », « clé en main ») est dite dans
    le message."""
    folded = f" {fold(text)} "
    return tuple(o for o, offre in cat.offres.items() if any(f" {fold(n)} " in folded for n in offre.notions))


# « la boîte qui fait les sites », « la société qui… » : a company said by what it does (an offer's notion).
_THE_COMPANY = re.compile(r"\b(?:boite|societe|entreprise|prestataire|partenaire|filiale|structure)s? qui\b")
_ITS_NAME = re.compile(r"\b(?:c (?:est )?laquelle|(?:elle )?s appelle comment|comment (?:elle )?s appelle|son nom)\b")


# « si la page plante » right after « et la page de paiement… ? » : the same page, its complement left out.
# « et si elle plante, le client appelle qui ? » right after the payment page: the page, by its pronoun.
_IT_FAILS = re.compile(r"\b(?:elle|elles) (?:ne )?(?:plante\w*|bug\w*|beug\w*|bloque\w*|marche (?:pas|plus)|"
                       r"fonctionne (?:pas|plus)|tombe en panne)\b")
_BARE_PAGE = re.compile(r"\b(?:la|cette|les|ces|sa|leur|leurs) pages?\b(?! (?:de|d|du|des)\b)")


# « ils gèrent aussi… ? », « iz fait les pages ? » : whether someone does something.
_DOES = re.compile(r"\b(?:gere\w*|occupe\w*|fai[st]|font|prenn?\w* en charge|assur\w*|propos\w*|fourni\w*|"
                   r"inclu\w*|compren\w*|c est eux|c est lui)\b")


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
    said = PAYMENT_PAGES.search(folded) or ((_BARE_PAGE.search(folded) or _IT_FAILS.search(folded))
                                            and (PAYMENT_PAGES.search(fold(previous)) or about_pages))
    return pages if said else None


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
        previous = compose(cat, _question(focus.intent, focus.subjects(), contacts=focus.contacts), now)
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


def who_answered(cat: Catalogue, text: str, question: Question, answer: Answer) -> Tuple[str, ...]:
    """« c'est qui qui tranche entre Payplug et SP+ ? » : les rôles que nomme la réponse à une question
    « qui … ? » qui n'en nommait pas, le premier nommé (« pourquoi lui ? », « il s'appuie sur quoi ? »
    parlent de lui)."""
    if question.roles or not is_who_question(text):
        return ()
    return tuple(cat.find_in_text("role", lead_lines(answer))[:1])  # who does it comes first


def _digits(phone: str) -> str:
    """Les chiffres d'un numéro, au format national (« +33 1 76… » → « 0176… »)."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits


_PHONE = re.compile(r"(?:\+\s?33|0)[\s.\-]?[1-9](?:[\s.\-]?\d{2}){4}")
_PREFIX = re.compile(r"\b(?:en|le|au|du|par|celui|celle) (0[1-9]|\+33)(?![\s.]?\d)")
# « celui qui finit par 06 26 » : the last digits of a number (folded text)
_SUFFIX = re.compile(r"\b(?:fini\w*|termin\w*) (?:par|en) (\d{2}(?: ?\d{2}){0,3})\b")


# « ils ont une ligne pour nous ? », « y a un numéro pour la caisse ? » : another line, for the public the words say.
_HAS_A_LINE = re.compile(r"\b(?:ont|a|avez|auraient|aurait|existe|y a|ya)\b(?: \w+){0,2}? (?:une?|des|d) (?:autres? )?"
                         r"(?:lignes?|numeros?|tel|contacts?|adresses?|mails?|interlocuteurs?)\b|\bquelqu un\b")


# « la demande », « le numéro d'affilié », « l'organisme » : the affiliation a card network asks for.
_AFFILIATION_STEP = re.compile(r"\b(?:demande\w*|affili\w*|organismes?)\b")
# « ils lui donnent quoi au final ? », « il récupère quoi auprès d'eux ? » : what the card's company hands over
_GIVEN = re.compile(r"\b(?:donne\w*|fourni\w*|recup\w*|obtien\w*|recoi\w*|recevoir|transmet\w*|envoie\w*)\b")


# « il le fait quand ? », « ça se fait à quel moment ? », « dans quel cas on le saisit ? » : when a thing is done
_WHEN_DONE = re.compile(r"\b(?:le|la|les|l|se|on|il|elle|ils)\s+(?:\w+\s+)?(?:fai[ts]|font|faire|saisi\w*|depos\w*|"
                        r"sign\w*|lanc\w*|utilis\w*)\s+quand\b|\ba quel moment\b|\bdans quels? cas\b|"
                        r"\bquand (?:est ce qu )?(?:il|on|elle|ils) (?:le |la |les |l )?"
                        r"(?:fai[ts]|font|faire|saisi\w*)")


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
    aside: set[str] = set()
    kept: set[str] = set()
    for clause in map(fold, re.split(r"[,;:.!?]|\bmais\b|\bdonc\b|\balors\b", text)):
        offers = set(cat.find_in_text("offer", clause))
        (aside if _SETS_ASIDE.search(clause) else kept).update(offers)
    return aside - kept if kept - aside else set()


# « il sert aussi pour les diners ? », « ça marche pour l'AMEX ? » : what the answer named, for something else
_IT_SERVES = re.compile(r"\b(?:il|elle|ca|celui ci|celui la)\s+(?:\w+\s+)?(?:sert|servira|marche|fonctionne|vaut|"
                        r"s applique|convient)\b")


# « la première », « le deuxième », « la dernière » : a position in the list the previous answer gave
# (not « la dernière »: an answer names other things after its list, MyGed after the simulators)
_ORDINAL = re.compile(r"\b(premiere?s?|1ere?|deuxieme|second|seconde|2e|2eme|2nde?|troisieme|3e|3eme)\b"
                      r"(?! (?:fois|temps|lieu|abord|question|message|reponse))")
_POSITION = {"premier": 0, "premiere": 0, "premiers": 0, "premieres": 0, "1er": 0, "1ere": 0, "deuxieme": 1,
             "second": 1, "seconde": 1, "2e": 1, "2eme": 1, "2nd": 1, "2nde": 1, "troisieme": 2, "3e": 2, "3eme": 2}
# « le premier numéro » : a position among lines is said by the number or the service, not by the order they happen
# to be listed in
_ORDINAL_LINE = re.compile(r"\b(?:premiere?s?|1ere?|deuxieme|second|seconde|2e|2eme|troisieme|3e|3eme|derniere?s?) "
                           r"(?:numeros?|num|tel|telephone|lignes?|mails?|adresses?|contacts?)\b")
_LISTED_KINDS: Tuple[Tuple[EntityKind, str], ...] = (("offer", "offres"), ("tool", "outils"))


def _listed_position(text: str) -> Optional[int]:
    """The position (0 for the first) the message says, unless it says it of a line (« le premier numéro »)."""
    found = _ORDINAL.search(fold(text))
    if found is None or _ORDINAL_LINE.search(fold(text)):
        return None
    return _POSITION.get(found.group(1), 0)


def answer_in_focus(cat: Catalogue, focus: Focus, now: datetime) -> Answer:
    """The last answer, composed again from the focus (its family, subjects and lines) at `now`."""
    return compose(cat, _question(str(focus.intent), focus.subjects(), contacts=focus.contacts), now)


def listed_subject(cat: Catalogue, text: str, focus: Focus, now: datetime) -> Dict[str, Tuple[str, ...]]:
    """« la deuxième, qui assure son assistance ? » after « les deux solutions de pages de paiement » (Payplug, then
    SP+), « et le premier c'est pour quoi ? » after the two simulators: the offer or tool (field → key) at that
    position among those the previous answer names, in its order ; {} when the message says no position, puts a
    line at a position (« le premier numéro »), or the previous answer lists fewer than two of a kind."""
    position = _listed_position(text)
    if position is None or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE):
        return {}
    answer = answer_in_focus(cat, focus, now)
    for kind, field in _LISTED_KINDS:
        items = cat.find_in_text(kind, answer.text)
        if len(items) >= 2 and position < len(items):
            return {field: (items[position],)}
    return {}


def listed_line(text: str, focus: Focus) -> Tuple[str, ...]:
    """« redis-moi juste le deuxième » after two lines (their order in the previous answer): the line at that position ;
    () when the message says no position, says it of a line (« le premier numéro » : said in the conversation's
    order, `cecaz.detour`), or the previous answer did not give several lines."""
    position = _listed_position(text)
    if position is None or focus.intent not in CONTACT_FAMILIES or focus.intent == AUDIENCE or len(focus.contacts) < 2:
        return ()
    return (focus.contacts[position],) if position < len(focus.contacts) else ()


# « celui pour les contrats standards », « et l'autre, pour les cartes chinoises ? » : another thing of the same kind
_THE_OTHER_ONE = re.compile(r"\b(?:celui|celle|ceux|l autre|lequel|laquelle)\b")


# « leur mail, c'est le même que celui de l'assistance SP+ côté CECAZ ? » : one coordinate set against another line's
_SAME_AS = re.compile(r"\b(?:le meme|la meme|les memes|identiques?|pareils?)\b")


def asks_if_same_coordinate(text: str, focus: Focus) -> bool:
    """« c'est le même ? », « c'est pareil ? » after lines' numbers or addresses (`_same_coordinate` answers it)."""
    return bool(focus.contacts) and focus.intent in COORDINATE_FAMILIES and bool(_SAME_AS.search(fold(text)))


def _same_coordinate(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                     focus: Focus) -> Optional[Resolution]:
    """« et leur mail, c'est le même que celui de l'assistance SP+ côté CECAZ ? » after a line: « Oui. » when the
    lines in focus and the line the message names (for the audience it says) share that coordinate, « Non. »
    otherwise, then that coordinate of both ; None when the message does not compare a coordinate with a named line
    (section « Comment assister mon client ? »)."""
    # « c'est le même ? » after two lines' addresses: the coordinate just given
    family = _coordinate_asked(text) or (focus.intent if focus.intent in COORDINATE_FAMILIES else None)
    attribute = COORDINATE_FAMILIES.get(family or "")
    if attribute is None or not focus.contacts or not _SAME_AS.search(fold(text)):
        return None
    others = [cid for cid in lines_meant(cat, named, focus) if cid not in focus.contacts]
    audience = audience_of(text)
    if audience is not None and (meant := [c for c in others if cat.contacts[c].internal == (audience == STAFF)]):
        others = meant
    values = {getattr(cat.contacts[c], attribute) for c in focus.contacts if c in cat.contacts} - {None}
    if not others and not named and len(focus.contacts) > 1 and is_closed(text):
        # « c'est le même ? » : whether the lines in focus share it
        verdict = "verdict.oui" if len(values) == 1 else "verdict.non"
        return Resolution(_question(str(family), {}, contacts=focus.contacts), cat.say(verdict))
    if not others:
        return None
    theirs = {getattr(cat.contacts[c], attribute) for c in others} - {None}
    verdict = "verdict.oui" if values & theirs else "verdict.non"
    return Resolution(_question(str(family), {}, contacts=(*focus.contacts, *others)), cat.say(verdict))


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
    doings = _OFFER_DOINGS if focus.offres and focus.intent != "ask_role" else ()
    named_aspect = tuple(f for families in aspects(text) for f in families if f in doings)
    families = (*named_aspect, str(focus.intent), *doings)
    for family in dict.fromkeys(families):
        answer = compose(cat, _question(family, focus.subjects()), now)
        found = doer_check(cat, text, answer.text, previous_texts=(previous_text,) if previous_text else ())
        if found is not None and found.statement in answer.text \
                and set(named.get("outils", ())) <= set(cat.find_in_text("tool", answer.text)):
            return family, found
    return None


# The answers on an offer that say who does what for it (section « Comment ouvrir les services ? »).
_OFFER_DOINGS = ("ask_contracts", "ask_funds", "ask_pricing")


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
            or audience_of(text) or _coordinate_asked(text):
        return None  # « par mail ? », « en interne ? » after a line ask for that line's coordinate or public
    return detail_verdict(cat, text, compose(cat, _question(str(focus.intent), focus.subjects()), now))


# « c'est pas dans OSC qu'on la met ? », « on la dépose sur SimulEasy ? » : a tool said as the place where the thing in
# focus goes (taken up by a pronoun, or by « c'est … que »)
_PLACE_OF_IT = re.compile(r"\b(?:dans|sur) (?:l |le |la )?\w+\b")
_TAKEN_UP = re.compile(r"\b(?:qu on|que|on|je|il|elle) (?:la|le|les|l)\b|"
                       r"\b(?:c est|cest|c) (?:pas |bien )?(?:dans|sur)\b")


def place_checked(cat: Catalogue, text: str, named: Mapping[str, Sequence[str]], focus: Focus,
                  now: datetime) -> Optional[Resolution]:
    """« c'est pas dans OSC qu'on la met ? » after « la simulation doit être déposée dans MyGed » : the previous answer
    again, opened by « Oui. » when one of its sentences puts the thing in that tool (« dans MyGed »), « Non. » when
    they put it elsewhere and never name that tool (section « Quelle tarification ? ») ; None when the message names no
    tool as a place or the answer puts nothing in a tool."""
    folded = fold(text)
    place = _PLACE_OF_IT.search(folded)
    if set(named) != {"outils"} or not place or not _TAKEN_UP.search(folded) or not is_closed(text) \
            or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE, *CONTACT_FAMILIES) \
            or set(named["outils"]) & set(focus.outils):
        return None
    asked = set(cat.find_in_text("tool", folded[place.start():]))
    answer = answer_in_focus(cat, focus, now)
    places = {tool for found in _PLACE_OF_IT.finditer(fold(answer.text))
              for tool in cat.find_in_text("tool", found.group())}
    # « on la fait sur SimulEasy ? » after « avec un simulateur (SimulEasy…) » : no place, the tool used
    if not asked or not places or not asked <= places and asked & set(cat.find_in_text("tool", answer.text)):
        return None
    verdict = "verdict.oui" if asked <= places else "verdict.non"
    return Resolution(_question(str(focus.intent), focus.subjects(), contacts=focus.contacts), cat.say(verdict))


def affiliation_asked(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """« et il fait la demande où ? », « c'est bien lui qui doit faire la demande ? », « et l'organisme lui donne
    quoi ? », « il récupère quoi auprès d'eux ? » after a recommendation with AMEX or ANCV, or an answer on those cards:
    those cards (catalogue keys), whose affiliation the client asks for directly from the card's company, which gives
    him the affiliation number (section « Quelle tarification ? ») ; () otherwise."""
    folded = fold(text)
    if not (_AFFILIATION_STEP.search(folded) or _GIVEN.search(folded) and has_question_word(text)):
        return ()
    cards = recommended_cards(cat, focus) if focus.intent == RECOMMENDATION else focus.cartes
    return _joined_directly(cat, cards)


def recommended_cards(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Les cartes de la recommandation en focus (faits du diagnostic, `moyens`, identifiants du catalogue) : AMEX et
    ANCV demandent une affiliation en direct, Union Pay International et DFS/Diners se simulent avec SimulUPI
    (section « Quelle tarification ? »)."""
    facts = (focus.recommendation or {}).get("facts") or {}
    moyens = facts.get("moyens") if isinstance(facts, Mapping) else None
    return tuple(c for c in (moyens if isinstance(moyens, list | tuple) else ()) if c in cat.cartes)


def has_line_for(cat: Catalogue, offres: Sequence[str], audience: Audience) -> bool:
    """Une des lignes des offres sert ce public (`public`, `cecaz_aussi` du catalogue, section « Comment assister
    mon client ? »)."""
    lines = [cat.contacts[c] for o in offres if o in cat.offres for c in cat.offres[o].contacts if c in cat.contacts]
    return any(c.serves_staff if audience == STAFF else c.for_clients for c in lines)


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
    if direct := _joined_directly(cat, cartes):
        return Resolution(_question("ask_affiliation", {"cartes": direct}), cat.say("verdict.non"))
    right = {str(cat.cartes[c].simulateur) for c in cartes if c in cat.cartes and cat.cartes[c].simulateur}
    if not right and (negotiated := tuple(o for o in offres if o in cat.offres and cat.offres[o].tarification
                                          and not _simulates(cat, o))):
        return Resolution(_question("ask_pricing", {"offres": negotiated}), cat.say("verdict.non"))
    if not right and any(_simulates(cat, o) for o in offres) and STANDARD_CARDS in cat.cartes:
        right = {str(cat.cartes[STANDARD_CARDS].simulateur)}
    if len(right) != 1:
        return None
    subjects = {field: ids for field, ids in (("offres", offres), ("cartes", cartes)) if ids}
    return Resolution(_question("ask_simulator", subjects), cat.say("verdict.oui" if claimed[0] in right
                                                                     else "verdict.non"))


def _asks_to_check(text: str) -> bool:
    """A closed question, or a claim reported to be checked (« on m'a dit que… », `cecaz.reported`)."""
    return is_closed(text) or reported(fold(text)) is not None


# « contrat VAD », « contrat SP+ », « un contrat monétique de type SP+ » : the offer whose contract is named (folded).
_CONTRACT_OF = re.compile(r"\bcontrats? (?:monetiques? )?(?:de type |type |de |d )?((?:[\w+]+ ?){1,3})")


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
    return Resolution(_question("ask_contracts", {"offres": context[:1]}), cat.say("verdict.non"), point=CONTRACT)


def _simulates(cat: Catalogue, offre: str) -> bool:
    """La tarification de l'offre passe par un simulateur de rentabilité (son texte de tarification le nomme,
    section « Quelle tarification ? »)."""
    return offre in cat.offres and "simul" in fold(cat.offres[offre].tarification or "")


# « je peux la donner ? », « ça je le file ? » : one line, unless « les », « leurs », « ces » say all of them;
# « celle-là » (`_SINGULAR`) : one line, whatever else the message says.
# « je peux leur envoyer un client ? », « ils le prennent aussi ? » : the people of a line, not its coordinates
_THE_TEAM = re.compile(r"\b(?:ils|elles|leur|eux)\b")
_ONE_LINE = re.compile(r"\b(?:la|le|l|ca|cela|celui|celle|cette|cet|ce (?:numero|mail|contact|tel))\b")
_ALL_LINES = re.compile(r"\b(?:les|leurs?|ces|ceux|celles|ils|elles|toutes?|tous)\b")


def the_line_meant(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """Les lignes du focus que désigne le message : toutes, sauf quand un pronom singulier (« je peux la donner ? »,
    « celui-là ») reprend la ligne que la question précédente demandait parmi celles de la réponse — celles du public
    qu'elle demandait (`Focus.audience` : la ligne interne pour les collaborateurs, les lignes clients pour le
    client), celle qui répond au jour demandé (`Focus.moment`, horaires du catalogue, section « Contacts ») ; toutes
    (`focus.contacts` tel quel) quand rien ne la distingue."""
    lines = tuple(c for c in focus.contacts if c in cat.contacts)
    folded = fold(text)
    if len(lines) >= 2 and focus.audience and _THE_TEAM.search(folded) \
            and (asked_for := lines_for_the_public_asked(cat, focus)):
        # « je peux leur envoyer un client ? » after « ils ont une ligne pour nous ? » : « leur » is the team whose
        # line was asked, not every line of the answer
        return asked_for
    if len(lines) < 2 or not (_SINGULAR.search(folded)
                              or (_ONE_LINE.search(folded) and not _ALL_LINES.search(folded))):
        return focus.contacts
    if focus.audience:
        meant = lines_for_the_public_asked(cat, focus)
    elif focus.moment and focus.moment.days:
        meant = tuple(c for c in lines if all(any(JOURS[d] in p.jours for p in cat.contacts[c].horaires)
                                              for d in focus.moment.days))
    else:
        meant = ()
    return meant or focus.contacts


def lines_for_the_public_asked(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Parmi les lignes de la réponse précédente, celles du public que la question demandait (`Focus.audience` : les
    lignes internes pour les collaborateurs, les lignes clients pour le client ; public du catalogue, section
    « Contacts ») ; () sans public demandé, ou quand elles sont toutes de ce public (rien à restreindre)."""
    if not focus.audience:
        return ()
    lines = tuple(c for c in focus.contacts if c in cat.contacts)
    theirs = tuple(c for c in lines if cat.contacts[c].internal == (focus.audience == STAFF))
    return theirs if len(theirs) < len(focus.contacts) else ()


def lines_in_focus(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Les lignes (identifiants de contacts) dont parlait la réponse précédente : celles qu'elle donnait, sinon
    celles des offres du focus."""
    return focus.contacts or tuple(c for o in focus.offres if o in cat.offres for c in cat.offres[o].contacts)


# « pk faut faire une simu ? », « pourquoi passer par un simulateur ? » : the simulation itself, not the simulator the
# previous answer named (folded text).
_ANY_SIMULATION = re.compile(r"\b(?:un|une|des|de|d) simu(?:l|lation|lations|lateur|lateurs)?\b")
# « le service client SP+ c'est le 09 69 37 80 30 ? », « le support payplug c'est bien le 07… ? » : a line said to be
# a named one (folded text).
_IS_THE_LINE = re.compile(r"\b(?:c est|cest|c|ce sont) (?:bien |toujours |encore )?(?:(?:le|la|l|leur|son|sa) )?"
                          r"(?:numero |num |tel |mail |adresse )?(?:\+?\d|(?:[\w-]+ ){1,4}(?:com|fr)\b)")
# « c'est uniquement pour les clients ? », « que pour les commerçants ? » : whether a line serves the clients only.
_ONLY_CLIENTS = re.compile(r"\b(?:uniquement|seulement|exclusivement|que|juste) (?:pour|aux?) "
                           r"(?:les |le |nos |mes |la )?(?:clients?|clientele|commercants?|marchands?)\b")


def quoted_contacts(cat: Catalogue, text: str, among: Sequence[str] = ()) -> Tuple[str, ...]:
    """Les lignes dont le message cite le numéro ou l'e-mail (« le 09 69 36 06 26, je peux le donner ? »),
    ou l'indicatif ou la fin du numéro (« celui en 07 », « celui qui finit par 06 26 » : parmi `among`, les lignes de
    la réponse précédente, sinon toutes, s'il n'en désigne qu'une) ; () sinon."""
    phones = {_digits(m) for m in _PHONE.findall(text)}
    emails = {m.lower() for m in EMAIL.findall(text)}
    found = [cid for cid, c in cat.contacts.items()
             if (c.telephone and _digits(c.telephone) in phones) or (c.email and c.email.lower() in emails)]
    if found:
        return tuple(found)
    ends = [(prefix, False) for prefix in _PREFIX.findall(fold(text))] + [
        (suffix.replace(" ", ""), True) for suffix in _SUFFIX.findall(fold(text))]
    for digits, last in ends:
        for pool in (among, tuple(cat.contacts)):
            # « celui en +33 » : the international form the document writes, not its national digits
            matching = [cid for cid in pool if cid in cat.contacts and (str.endswith if last else str.startswith)(
                re.sub(r"\s", "", cat.contacts[cid].telephone or "") if digits.startswith("+") else
                _digits(cat.contacts[cid].telephone or ""), digits)]
            if len(matching) == 1:
                return tuple(matching)
    return ()


def focus_for_message(cat: Catalogue, text: str, focus: Focus) -> Focus:
    """Le focus contre lequel lire le message : les lignes qu'il cite par leur numéro ou leur e-mail
    deviennent « les lignes dont on parle » (« et le 09 69 36 06 26, c'est pour qui ? »), le focus d'avant gardé
    comme `avant` ; sinon `focus`."""
    quoted = quoted_contacts(cat, text, focus.contacts)
    if not quoted:
        return focus
    # the answer before stays one level back: « et le 07… ? » then « et le premier, il est gratuit ? »
    earlier = replace(focus, avant=None) if focus.subjects() or focus.contacts else focus.avant
    return Focus(LINES_GIVEN, contacts=quoted, recommendation=focus.recommendation, acteurs=focus.acteurs,
                 avant=earlier)


def _own_reason(cat: Catalogue, family: str, focus: Focus) -> bool:
    """The document gives a reason for `family` on one of the focus's own subjects that the family answers for,
    besides the tool asked about (`Focus.objets`), not a general one."""
    own = [(kind, i) for kind, f in FIELDS.items() for i in getattr(focus, f)
           if i not in focus.objets and _accepts(family, {f: (i,)})]
    reason = cat.reason(family, own)
    return reason is not None and reason.sujet in {f"{kind}/{i}" for kind, i in own}


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
    if asked and asked <= SIMULATORS and in_answer and in_answer[0] in SIMULATORS and (
            len(asked) > 1 or in_answer[0] not in asked and answer.text.startswith(cat.say("verdict.non"))):
        # « on fait la simu sur SimulEasy ? » answered « Non. Pour Union Pay : SimulUPI. », « SimulEasy ou SimulUPI pour
        # les Diners ? » answered « SimulUPI » : the simulator the answer gives is the one « il sert aussi pour les
        # cartes chinoises ? », « c'est le même ? » ask about next
        return tuple(in_answer[:1])
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
    earlier = replace(focus, avant=None) if changed and (focus.subjects() or focus.contacts) else focus.avant
    return replace(new, avant=earlier)


def _after(focus: Focus, question: Question, answer: Answer, who: Sequence[str], acteurs: Sequence[str],
           regles: Sequence[str], point: Optional[str], objets: Sequence[str]) -> Focus:
    public = PUBLIC_EITHER if question.either_or else PUBLIC  # « pour qui ? » or « pour le client ou pour nous ? »
    if point == PUBLIC and question.intent != AUDIENCE and question.audience == CLIENT and focus.contacts \
            and focus.point in (PUBLIC, PUBLIC_EITHER):
        # « et à un client payplug je peux le donner aussi ? » : « Non » and Payplug's lines; the line asked about
        # stays the subject (« et à un client jpel ? » next asks the same of it)
        return replace(focus, point=PUBLIC, audience=CLIENT)
    if question.intent == AUDIENCE and answer.contacts and set(answer.contacts) != set(focus.contacts):
        # « l'assistance monétique pro, c'est pour qui ? » first: the lines asked about become the focus; « le client
        # peut écrire à partenariat-bpce@… ? » asked them for the client (« et par tel ? » : the client's number).
        return Focus(LINES_GIVEN, tuple(question.offres), services=tuple(question.services),
                     cartes=tuple(question.cartes), contacts=tuple(answer.contacts),
                     recommendation=focus.recommendation, audience=None if question.either_or else CLIENT, point=public)
    if question.intent == AUDIENCE and focus.contacts:
        # « je peux le donner au client ? » : the same lines, now asked for the client (« il a quoi comme num,
        # lui ? ») ; « et celle de la monétique pro ? » next asks the same of that line.
        return replace(focus, audience=CLIENT, point=public)
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
    if question.intent in (WHY, AUDIENCE, "bot_capabilities"):
        return focus  # a justification or a yes/no keeps talking about the same thing
    subjects = {f: tuple(getattr(question, f)) for f in FIELDS.values()}
    if answer.offre and not subjects["offres"]:
        subjects["offres"] = (answer.offre,)
    roles = subjects["roles"] or tuple(who)
    kept = tuple(objets) or ((focus.outils or focus.objets) if roles and not subjects["offres"] else ())
    contacts = tuple(answer.contacts)
    if question.intent in COORDINATE_FAMILIES and set(contacts) < set(focus.contacts) \
            and {f: v for f, v in subjects.items() if v} == focus.subjects():
        # « et par mail ? » gives only the lines that have an e-mail; « et pour le client il appelle quoi ? » next is
        # still about all the lines given before
        contacts = focus.contacts
    return Focus(question.intent, subjects["offres"], subjects["outils"], roles,
                 subjects["cartes"], subjects["services"], contacts, focus.recommendation,
                 tuple(acteurs), question.moment if question.intent in HOURS_FAMILIES else None, question.audience,
                 tuple(regles), point, question.etape[0] if question.etape else None, kept)


def after_recommendation(offre: Optional[str], facts: Mapping[str, Any], conclusion: str,
                         contacts: Tuple[str, ...]) -> Focus:
    """Le focus après une recommandation du diagnostic."""
    return Focus(intent=RECOMMENDATION, offres=(offre,) if offre else (), contacts=contacts,
                 recommendation={"facts": dict(facts), "conclusion": conclusion})
