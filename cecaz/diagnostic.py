"""Diagnostic guidé, sans Rasa : des faits recueillis sur le client à l'offre recommandée.

Quatre questions au plus, une à la fois : le client a-t-il un site ? s'il n'en a pas, veut-il en
créer un ? s'il en a un, la solution clé en main Payplug lui convient-elle ? veut-il accepter
d'autres moyens de paiement ? Les réponses sont lues dans les boutons comme dans le texte libre
(`observe`), fusionnées avec ce qui est déjà su (`update`), puis `recommend` décide et les textes
sont composés à partir du catalogue (`catalogue/phrases.yml`, chaque phrase avec l'énoncé du document
sur lequel elle repose : docs/fidelite.md). Le diagnostic ne recommande jamais la VAD."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any, Dict, Iterable, List, Mapping, Optional, Pattern, Sequence, Tuple, Union

from cecaz.aspects import asks_why
from cecaz.catalogue import Catalogue
from cecaz.contact_lines import contact_line
from cecaz.intents import INFORM_PAYMENT_METHODS, NLU_FALLBACK
from cecaz.phrasing import OFFER_CHOICES, Answer, delegation_lines, source_line, support_lines
from cecaz.reported import drafted_question
from cecaz.textnorm import LINE_DETAIL, OFFER_NOUN, OPENING, fold, has_question_word

OUI, NON, INCONNU = "oui", "non", "inconnu"
QUESTIONS = ("site", "creer_site", "payplug", "moyens")
# Moyens de paiement sur lesquels porte la dernière question (identifiants de cartes du catalogue).
CARTES = ("amex", "ancv", "upi", "dfs_diners")
# Conclusion → offre recommandée (None : l'offre dépend du diagnostic du CIF).
CONCLUSIONS: Dict[str, Optional[str]] = {
    "payplug": "payplug",
    "payplug_par_defaut": "payplug",
    "sp_plus": "sp_plus",
    "iz_ecommerce": "iz_ecommerce",
    "jpel": "jpel",
    "jpel_projet_inconnu": "jpel",
    "a_determiner": None,
}
# Intentions qui répondent au diagnostic ; les autres (questions factuelles…) l'interrompent.
ANSWER_INTENTS = frozenset({
    "start_diagnostic", "inform_has_site", "inform_no_site", "inform_wants_site",
    "inform_needs_modular", INFORM_PAYMENT_METHODS, "affirm", "deny", "dont_know", NLU_FALLBACK,
})
# Relances sur un sujet (« et pour l'amex ? ») : une réponse quand la question porte sur les cartes.
FOLLOW_UP_INTENTS = frozenset({"inform_subject", "correct_subject"})
INTENT_FACTS: Dict[str, Tuple[str, str]] = {
    "inform_has_site": ("site", OUI),
    "inform_no_site": ("site", NON),
    "inform_wants_site": ("creer_site", OUI),
    "inform_needs_modular": ("payplug", NON),
}
SHORT_ANSWERS = {"affirm": OUI, "deny": NON, "dont_know": INCONNU}

Value = Union[str, Tuple[str, ...]]


@dataclass(frozen=True)
class Facts:
    """Ce que l'on sait du client ; None : pas encore su.

    `site`, `creer_site`, `payplug` (la solution clé en main lui convient) valent oui / non /
    inconnu ; `moyens` : cartes voulues en plus des cartes « standards », () aucune,
    (INCONNU,) si le collaborateur ne sait pas."""

    site: Optional[str] = None
    creer_site: Optional[str] = None
    payplug: Optional[str] = None
    moyens: Optional[Tuple[str, ...]] = None

    def get(self, question: str) -> Optional[Value]:
        return getattr(self, question)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Facts:
        """Les faits lus dans des valeurs JSON (slots `diag_*`, focus) : question → valeur, listes comprises."""
        moyens = values.get("moyens")
        return cls(site=values.get("site"), creer_site=values.get("creer_site"), payplug=values.get("payplug"),
                   moyens=None if moyens is None else tuple(moyens))

    def to_values(self) -> Dict[str, Any]:
        """Question → valeur JSON (les cartes en liste), pour les slots et le focus."""
        return {q: list(v) if isinstance(v := self.get(q), tuple) else v for q in QUESTIONS}


def questions_needed(facts: Facts) -> List[str]:
    """Les questions utiles, dans l'ordre : la suite dépend de la réponse sur le site."""
    branch = {OUI: ["payplug"], NON: ["creer_site"]}.get(facts.site or "", [])
    return ["site", *branch, "moyens"]


def next_question(facts: Facts) -> Optional[str]:
    return next((q for q in questions_needed(facts) if facts.get(q) is None), None)


# --- lecture des réponses ------------------------------------------------------------------

_DET = r"(?: (?:encore|toujours|vraiment|de|d|du|un|une|son|sa|ses|propre|nouveau|nouvelle|le|la))*"
_SITE = r" (?:site|boutique en ligne|e ?shop)\b"
# « Payplug le branche pas », « ça l'intéresse pas » : des façons familières de dire qu'une offre ne plaît pas.
_APPEALS = r"branch\w*|interess\w*|emball\w*|bott\w*|tent\w*"
# Par fait, le premier motif qui reconnaît le texte (replié : minuscules, sans accents) l'emporte.
TEXT_FACTS: Tuple[Tuple[str, str, Pattern[str]], ...] = (
    ("site", NON, re.compile(rf"\b(?:pas|aucun|aucune|sans|ni|jamais|zero){_DET}{_SITE}"
                             # « s'il ferme son site », « il a fermé sa boutique en ligne » : il n'en a plus
                             # « s'il fermait son site » : the imperfect of a what-if too
                             rf"|\b(?:ferm\w*|supprim\w*|arret\w*|abandonn\w*|perd\w*){_DET}{_SITE}")),
    ("site", OUI, re.compile(
        r"\b(?:a|ait|avait|aurait|possede|dispose d|detient|avec)(?: deja| bien| aussi)?"
        rf" (?:un|une|son|sa|ses|plusieurs)(?: propre)?{_SITE}"
        r"|\b(?:shopify|wordpress|woocommerce|prestashop|wix|magento)\b"
        r"|\bsite (?:existant|deja)\b|(?<!lancer )(?<!lance )\bavec (?:un |son )?site\b"
        # « il vient de lancer sa boutique en ligne », « il a ouvert son e-shop l'an dernier » : done, it exists
        rf"|\b(?:vient|viens|venait|venons) d(?:e)? (?:lancer|ouvrir|creer|monter|mettre en ligne){_DET}{_SITE}"
        rf"|\b(?:a|avait) (?:deja )?(?:lance|ouvert|cree|monte|mis en ligne){_DET}{_SITE}"
        # « site ok, payplug non » : a list of facts
        r"|^ ?site (?:ok|oui)\b"
        # « s'il garde son site », « il conserve sa boutique en ligne » : le site existe
        r"|\b(?:garde|conserve)\w*(?: \w+)? (?:son|sa|le|la) (?:site|boutique en ligne|e ?shop)\b"
        # « son site tourne déjà », « son e-shop est en ligne » : le site existe
        r"|\b(?:son|sa|le|leur) (?:site|boutique en ligne|e ?shop)(?: \w+)? (?:tourne\w*|marche\w*|fonctionne\w*|"
        r"existe\w*|est (?:deja )?en ligne|est deja)\b")),
    ("creer_site", NON, re.compile(
        # « et s'il ne voulait pas en refaire ? » : the imperfect of a what-if too
        r"\bn(?:e)? (?:veu\w*|voul\w*|souhait\w*|compt\w*|pens\w*|envisag\w*|prevo\w*)(?: \w+)? pas (?:en |de |d )?"
        r"(?:creer|faire|monter|avoir|ouvrir|refaire|recreer|rouvrir|reouvrir|site)\b|\bn? ?en veut pas\b"
        r"|\b(?:pas de|sans|aucun) (?:vrai )?projet\b"
        r"|\bsans (?:en )?(?:creer|faire|monter|ouvrir|lancer)\b"
        r"|\bpas envie d (?:en )?(?:faire|creer|monter|ouvrir)\b|\bpas envie de (?:site|creer|faire)\b"
        # « aucune envie d'en faire un », « pas l'intention d'en ouvrir un »
        r"|\b(?:aucune?|pas(?: l)?|sans) (?:envie|intention|volonte|idee) d (?:en )?"
        r"(?:faire|creer|monter|ouvrir|lancer|avoir)\b"
        # « s'il veut finalement pas de site du tout »
        r"|\b(?:veu\w*|voul\w*|voudrai\w*|souhait\w*|compt\w*)(?: finalement| vraiment| en fait| toujours)? "
        r"(?:pas|plus|aucun)(?: \w+)? (?:de |d |en )?"
        r"(?:site|creer|faire|monter|ouvrir|lancer|refaire|recreer|rouvrir|reouvrir)\b"
        r"|\b(?:renonce\w*|abandonne\w*|laisse tomber|oublie)(?: \w+){0,3} (?:site|creer|creation|projet)\b")),
    ("creer_site", OUI, re.compile(
        # (not « il vient de lancer son site », « il a lancé son site » : done, it exists)
        r"(?<!vient de )(?<!viens de )(?<!venait de )(?<!vient d )(?<!viens d )(?<!venait d )(?<!\ba )(?<!\bavait )"
        r"\b(?:creer|creation|monter|ouvrir|lance\w*|faire)(?: finalement| quand meme| bien)?(?: dans| sur)?"
        rf"{_DET}{_SITE}"
        r"|\ben (?:creer|cree|crees|creent|monter|monte|faire|fasse|fassions|ouvrir|refaire|refasse|recreer|"
        r"recree|lancer|lance) un\b"
        # « s'il veut finalement se lancer avec un site ? », « il veut un site » : il n'en a pas, il en veut un
        r"|\b(?:veut|voudrait|souhaite|souhaiterait|compte|envisage|aimerait)(?: \w+){0,2} (?:un|son|d un|avoir un|"
        r"se lancer avec un|lancer un|passer a un)(?: propre| vrai)? (?:site|e ?shop|boutique en ligne)\b"
        # « s'il veut qu'on lui crée un site ? », « et si on lui fait son site ? » : a site made for him
        r"|\b(?:on|nous|ils) (?:lui )?(?:cree|creent|creer|fasse|fassent|fait|font|monte|montent|construi\w*|"
        rf"realis\w*|develop\w*)(?: \w+)?{_DET}{_SITE}"
        # « sans projet de site » is the opposite
        r"|(?<!\bsans )(?<!\bpas de )(?<!\baucun )(?<!\bvrai )\bprojet de (?:creation de )?site\b")),
    ("payplug", NON, re.compile(
        r"\bpayplug n(?:e)?(?: \w+){0,2} (?:convien\w*|conven\w*|va|irait|aille|allait|correspond\w*|colle\w*|suffi\w*|"
        rf"repond\w*|plai\w*|{_APPEALS})\b"
        r"|\bpayplug(?: \w+){0,2} (?:convien\w*|conven\w*|va|irait|aille|allait|correspond\w*|colle\w*|plai\w*|"
        rf"{_APPEALS}) (?:pas|plus)\b"
        r"(?! d autres?\b| de (?:carte|moyen))"
        # (« je parlais du support payplug, pas du partenariat » : « pas » says which subject, not a judgement)
        r"|\b(?:pas|plus) (?:de )?payplug\b"
        r"|\bpayplug(?: c est| est)? (?:pas(?! (?:du|de|des|d|la|le|les|l|un|une) (?!tout\b))|trop|non)\b"
        r"|\bmodul\w*|\bsur mesure\b"
        # « et si finalement il veut pas passer par payplug ? »
        r"|\b(?:pas|plus) (?:passer par|aller (?:sur|chez)|prendre|utiliser) payplug\b"
        r"|\bpayplug(?: \w+){0,2} (?:le|lui) fait pas\b|\bpas (?:ok|fan|chaud) (?:pour|de|avec) payplug\b"
        r"|\bpersonnalis\w*|\bplus (?:souple|flexible)\b|\badaptable\b"
        # « le clé en main le bride trop », « trop rigide pour lui » : un jugement contre l'offre clé en main
        r"|\bbrid\w*|\blimite\w* (?:trop|beaucoup)\b|\btrop (?:rigide|limit\w*|basique|ferme|contraignant\w*|"
        r"restrictif\w*|fige\w*)\b|\bpas assez (?:souple|flexible|complet|riche|ouvert)\b"
        r"|\bcle en main ne\b")),
    ("payplug", OUI, re.compile(
        r"\b(?:payplug|cle en main)(?: ca)?(?: lui)? (?:convien\w*|conven\w*|va|ira|irait|aille|allait|correspond\w*|"
        r"suffi\w*|plai\w*)\b(?!(?: \w+)? (?:pas|plus)\b(?! d autres?\b| de (?:carte|moyen)))"
        # (not « payplug c'est bien une filiale du groupe », where « bien » confirms what follows)
        r"|\bpayplug (?:c est )?(?:ok|bien|parfait)\b(?! (?:un|une|le|la|les|l|des|du|de|d|ce|cet|cette|son|sa|ses|"
        r"leur|leurs|lui|eux|elle|elles|ca|cela|celui|celle|par|chez|avec)\b)"
        r"|\brien contre payplug\b|(?<!\bpas )\b(?:ok|partant|d accord) (?:pour|avec) payplug\b"
        # « s'il garde son site avec Payplug », « il reste sur Payplug »
        r"|\b(?:garde|reste|continue|conserve)\w*(?: \w+){0,3} (?:avec|sur|chez) payplug\b")),
)
# The standard cards, as staff say them (« la carte bleue », « les CB classiques »).
_STANDARD_CARDS = r"(?:cb|cartes? bancaires?|cartes? standards?|cartes? bleues?|cartes? classiques?)"
NO_OTHER_MEANS = re.compile(
    r"\b(?:pas|aucun|aucune|rien)(?: \w+){0,2} (?:autre|autres)\b"
    rf"|\b(?:que|juste|seulement|uniquement)(?: \w+){{0,2}} {_STANDARD_CARDS}\b"
    # « il prend les cb », « il accepte des cartes bancaires » (une carte nommée en plus l'emporte : `observe`)
    rf"|\b(?:prend|accepte|encaisse)\w* (?:les |des |de la |la |le |du )?{_STANDARD_CARDS}\b"
    rf"|\b{_STANDARD_CARDS} (?:only|seulement|uniquement)\b"
    rf"|\b{_STANDARD_CARDS}(?: \w+){{0,2}} (?:suffi\w*|ca ira|c est tout)\b"
    # « site ok, payplug lui va, cartes cb » : the cards he takes, last of the facts listed
    rf"|\b(?:en |des |les )?(?:cartes? )?{_STANDARD_CARDS}\s*$")
QUESTION_WORDS = re.compile(
    r"^(?:comment|pourquoi|quel|quelle|quels|quelles|qui|quoi|c est quoi|combien|ou|est ce|"
    r"peux tu|pouvez vous|faut il|dois je)\b")


def is_answer(cat: Catalogue, text: str, intent: str, asked: Optional[str]) -> bool:
    """Le message répond-il au diagnostic ? Une question factuelle l'interrompt, sauf si le texte
    classé comme tel n'est pas une question et dit un fait (« non, il vend par téléphone, sans site »),
    s'il nomme des cartes quand on demande lesquelles (« et les chèques-vacances ? » est alors une
    réponse, pas une relance), ou si le diagnostic commence sur ce message (`asked` None) et qu'il dit un fait."""
    if intent in ANSWER_INTENTS:
        return True
    if asked == "moyens" and intent in FOLLOW_UP_INTENTS and cat.find_in_text("card", text):
        return True
    if asked is None or is_hypothetical(text):
        # The diagnostic starts on this message (« il a un site, payplug c'est non, on part sur quoi ? »), or a fact
        # changes in the middle of it (« et s'il décide de se faire faire un site au final ? »): what it says of the
        # client counts, question or not.
        return bool(observe(cat, text, intent, asked))
    is_question = "?" in text or bool(QUESTION_WORDS.match(fold(text)))
    return not is_question and bool(observe(cat, text, intent, asked))


def repeats_known_facts(seen: Mapping[str, Value], facts: Facts) -> bool:
    """What a message says of the client (`observe`) is all already known (« et elle fait comment sans site pour
    encaisser » once the diagnostic knows there is no site): nothing for the diagnostic to take."""
    return bool(seen) and all(facts.get(question) == value for question, value in seen.items())


_OFFER_REFUSED = re.compile(r"\bpayplug(?: il| elle| le client| lui)? (?:n |ne )?en veut (?:pas|plus)\b")
# « la solution clé en main de la filiale lui convient » : Payplug, described as the document describes it
_PAYPLUG_DESCRIBED = re.compile(rf"\b(?:(?:la|le|l|sa|son|cette|ce) {OFFER_NOUN} )?"
                                r"cle en main(?: (?:de|du) (?:la filiale|groupe|bpce|payplug))?\b|"
                                rf"\b(?:la|l) {OFFER_NOUN} (?:de la filiale|du groupe)\b")


def text_facts(text: str) -> Dict[str, str]:
    """Les faits sur le client que disent les mots du message (question du diagnostic → OUI / NON), sans
    l'intention lue par DIET ; un fait contradictoire (« pas de site… un site ») n'est pas retenu."""
    # « payplug il en veut pas » refuses Payplug, not a site to create
    folded = _OFFER_REFUSED.sub(" payplug non ", _PAYPLUG_DESCRIBED.sub("payplug", f" {fold(text)} "))
    found: Dict[str, str] = {}
    ambiguous = set()
    for fact, value, pattern in TEXT_FACTS:
        if pattern.search(folded):
            if fact in found and found[fact] != value and fact == "site":
                ambiguous.add(fact)  # « il n'a pas de site… il a un site » : on ne tranche pas
            found.setdefault(fact, value)
    if found.get("creer_site") == OUI and found.get("site") == OUI:
        ambiguous.add("site")  # « s'il veut se lancer avec un site » : the site is the one he wants, not one he has
    return {k: v for k, v in found.items() if k not in ambiguous}


# « ça lui va », « ça l'intéresse pas » : oui ou non à la question posée, sans la répéter.
_AGREES = r"(?:va|convient|colle|ira|suffit|marche|plait|interesse|branche|tente|botte)"
_PRONOUN_YES = re.compile(r"^(?:(?:oui|ouais|ok|bon|alors|si)\s+)*(?:ca|cela|c)\s+(?:lui\s+|l\s+|le\s+)?"
                          rf"(?:{_AGREES}|est bon|est ok|est parfait)\b(?!.*\bpas\b)")
_PRONOUN_NO = re.compile(rf"\b(?:ca|cela|c)\s+(?:ne\s+|n\s+)?(?:lui\s+|l\s+|le\s+)?{_AGREES}\s+pas\b|\bpas interesse\b")


def _pronoun_answer(text: str) -> Optional[str]:
    folded = fold(text)
    if _PRONOUN_NO.search(folded):
        return NON
    return OUI if _PRONOUN_YES.search(folded) else None


# Parler de créer un site, c'est ne pas en avoir ; parler de Payplug, c'est en avoir un (`update`).
_BRANCH_OF = {"creer_site": NON, "payplug": OUI}


def _contradicts(guess: Tuple[str, str], seen: Mapping[str, Value]) -> bool:
    """Le fait que DIET devine contredit-il la branche que disent les mots (« et s'il renonce au site ? »
    classé « il a un site ») ?"""
    fact, value = guess
    branches = {_BRANCH_OF[q] for q in seen if q in _BRANCH_OF}
    if fact == "site":
        return bool(branches - {value})
    return fact in _BRANCH_OF and bool(branches - {_BRANCH_OF[fact]})


def observe(cat: Catalogue, text: str, intent: str, asked: Optional[str],
            cartes: Iterable[str] = ()) -> Dict[str, Value]:
    """Les faits que dit un message : son intention, son texte libre, ses cartes, et la réponse
    courte (oui / non / je ne sais pas) à la question posée."""
    seen: Dict[str, Value] = dict(text_facts(text))
    wanted = [c for c in CARTES if c in {*cartes, *cat.find_in_text("card", text)}]
    if wanted:
        seen["moyens"] = tuple(wanted)
    elif NO_OTHER_MEANS.search(fold(text)):
        seen["moyens"] = ()
    if asked in ("payplug", "creer_site") and asked not in seen and (said := _pronoun_answer(text)):
        seen[asked] = said  # « ça lui va » quand on demande si Payplug lui convient
    # The intent is DIET's guess; when the words already answer the question asked, a guess about
    # another fact is noise (« non, la cb suffit » read as « Payplug ne convient pas »).
    if intent in INTENT_FACTS and not (asked in seen and INTENT_FACTS[intent][0] != asked) \
            and not _contradicts(INTENT_FACTS[intent], seen):
        fact, value = INTENT_FACTS[intent]
        seen.setdefault(fact, value)
    if asked and intent in SHORT_ANSWERS and (asked not in seen or intent == "dont_know"):
        if asked != "moyens":
            seen[asked] = SHORT_ANSWERS[intent]
        elif intent != "affirm":  # « oui » sans dire lesquels : on redemande
            seen[asked] = (INCONNU,) if intent == "dont_know" else ()
    return seen


def update(facts: Facts, seen: Dict[str, Value]) -> Facts:
    """Fusionne ce qui vient d'être dit ; une réponse peut en corriger une autre.

    Parler de créer un site, c'est ne pas en avoir ; parler de Payplug, c'est en avoir un.
    Les réponses de l'autre branche sont oubliées."""
    new = replace(facts, **seen)  # type: ignore[arg-type]  # keys are Facts fields, values checked by observe
    if "site" not in seen:
        if "creer_site" in seen:
            new = replace(new, site=NON)
        elif "payplug" in seen:
            new = replace(new, site=OUI)
    if new.site != OUI:
        new = replace(new, payplug=None)
    if new.site != NON:
        new = replace(new, creer_site=None)
    return new


# --- phrases sur les faits -----------------------------------------------------------------

def fact_phrase(cat: Catalogue, question: str, value: Value) -> str:
    """Ce que le collaborateur a dit du client, repris tel quel (phrases `faits.*` du catalogue)."""
    if question != "moyens":
        return cat.say(f"faits.{question}.{value}")
    if value == (INCONNU,):
        return cat.say("faits.moyens.inconnu")
    if not value:
        return cat.say("faits.moyens.aucun")
    return cat.say("faits.moyens.cartes", cartes=value)


def _facts_text(cat: Catalogue, facts: Facts, questions: Iterable[str]) -> str:
    return " ; ".join(fact_phrase(cat, q, facts.get(q) or ()) for q in questions)


@dataclass(frozen=True)
class Step:
    """Effet d'un message sur le diagnostic : les faits à jour, ce qu'il faut dire, et, s'il n'a
    rien appris, pourquoi (`not_understood`, `which_cards`, `already_running` : suffixe de la
    réponse `utter_diagnostic_…`)."""

    facts: Facts
    seen: Dict[str, Value]
    messages: Tuple[str, ...]
    probleme: Optional[str] = None


def offer_before_the_cards(facts: Facts) -> Optional[str]:
    """L'offre que les faits désignent déjà quand il ne reste que la question des autres moyens de
    paiement (qui ne change pas l'offre, seulement ce qui l'accompagne) ; None sinon."""
    if next_question(facts) != "moyens":
        return None
    return CONCLUSIONS[conclude(replace(facts, moyens=()))]


def take_answer(cat: Catalogue, facts: Facts, text: str, intent: str, asked: Optional[str],
                cartes: Iterable[str] = ()) -> Step:
    seen = observe(cat, text, intent, asked, cartes)
    after = update(facts, seen)
    messages: List[str] = []
    others = [q for q in QUESTIONS if q != asked and after.get(q) is not None
              and (q in seen or after.get(q) != facts.get(q))]
    if others:
        corrected = any(facts.get(q) not in (None, after.get(q)) for q in others)
        messages.append(cat.say("diagnostic.corrige" if corrected else "diagnostic.note",
                                faits=_facts_text(cat, after, others)))
    messages += [cat.diagnostic.aide[q] for q in QUESTIONS
                 if seen.get(q) in (INCONNU, (INCONNU,)) and after.get(q) == seen[q]]
    offre = offer_before_the_cards(after)
    changed = offre != offer_before_the_cards(facts) and bool(others or is_hypothetical(text))
    if offre and (asked is None or changed):
        # « mon client a un site mais Payplug ne lui convient pas » : the offer first, the cards to refine it; again
        # when a correction or an « et si… » on the way changes it (« et s'il décide de se faire faire un site au
        # final ? » : IZ eCommerce now). A plain answer on the way is not repeated back.
        messages.append(cat.say("diagnostic.offre_des_maintenant", offre=cat.offres[offre]))
    elif next_question(after) == "creer_site" and (asked is None or (others and next_question(facts) != "creer_site")):
        # « pas de site, il vend par tel, on lui met quoi en place ? » : what each answer to the site-project question
        # leads to, before asking it (« Encaisser à distance sans site Internet », « Créer son site »).
        messages.append(cat.say("diagnostic.selon_le_projet"))
    probleme = None
    if not seen and asked:
        if intent == "start_diagnostic":
            probleme = "already_running"
        elif asked == "moyens" and intent == "affirm":
            probleme = "which_cards"
        else:
            probleme = "not_understood"
    return Step(after, seen, tuple(messages), probleme)


# --- « et si… » après une recommandation ----------------------------------------------------

# « et s'il… », « admettons que… », « dans le cas où… » : une hypothèse ouvre le message (texte replié).
WHAT_IF = re.compile(r"^(?:et |mais |ok |bon |alors )*(?:si|s il|s ils|s elle|admettons|imaginons|imagine|suppose|"
                     r"supposons|pour un client qui|dans le cas)\b")
HYPOTHETICAL = re.compile(WHAT_IF.pattern + r"|^(?:et |mais |ok |bon |alors )*sans\b"
                          r"|\b(?:finalement|en fait|aussi|en plus|egalement|plutot)\b")
ADDING = re.compile(r"\b(?:aussi|en plus|egalement|en outre)\b")
REMOVING = re.compile(r"\b(?:plus|sans|pas|retir\w*|enlev\w*|abandonn\w*|renonc\w*|oubli\w*)\b")


# « pardon pas l'amex, les diners », « c'est les chèques-vacances, pas l'amex » : the parts of a correction.
_CORRECTION_PARTS = re.compile(r"\bmais\b|\bplutot\b|\bc est\b|\bce sont\b|\bjuste\b")
_NEGATED = re.compile(r"\b(?:pas|non|ni)\b")


def corrected_cards(cat: Catalogue, text: str) -> Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]]:
    """(cartes retirées, cartes dites à la place) quand le message corrige une carte par une autre (« pardon pas
    l'amex, les diners ») : une partie nie une carte, une autre en nomme une autre ; None sinon."""
    removed: List[str] = []
    added: List[str] = []
    parts = (piece for chunk in re.split(r"[,;:.!?]", text) for piece in _CORRECTION_PARTS.split(fold(chunk)))
    for part in parts:
        cards = [c for c in cat.find_in_text("card", part) if c in CARTES]
        (removed if _NEGATED.search(part) else added).extend(cards)
    added = [c for c in added if c not in removed]
    if not removed or not added:
        return None
    return tuple(dict.fromkeys(removed)), tuple(dict.fromkeys(added))


# Réponses qui choisissent une offre : après elles, « et si Payplug ne lui convient pas ? » est un fait du diagnostic.
OFFER_CHOICE_FAMILIES = frozenset({"ask_choose_offer", "ask_no_website", "ask_site_creation", "ask_vad"})
# (« elle part sur SP+ : faut-il ouvrir des contrats ? » says the offer chosen, it does not ask for one)
_ASKS_OFFER = re.compile(r"\b(?:recommand\w*|conseill\w*|propos\w*|"
                         r"(?:part|pars|partons|partir|partirais) sur(?! (?:sp|payplug|jpel|iz|je paie|jepaie)\b)|"
                         r"opt\w*|"
                         r"quelle (?:offre|solution)|quelles (?:offres|solutions)|on fait quoi|je fais quoi|"
                         r"tu ferais quoi|il lui faut quoi|lui mettre|lui met\w* quoi|"
                         r"(?:met|mets|mettre) quoi en place|lui install\w*|solution\w* adapt\w*|"
                         # « on met quoi ? », « je prends quoi pour lui ? », « quoi comme offre ? »
                         r"(?:on|je) (?:lui )?(?:met|mets|mettrait|mettrais|prend|prends|choisit|choisis) quoi|"
                         r"quoi comme (?:offre|solution|produit))\b")


def known_facts(cat: Catalogue, text: str, cartes: Iterable[str] = ()) -> Facts:
    """Ce que les mots du message disent du client, sans l'intention de DIET (« il a un site mais Payplug ne lui
    convient pas » : un site, Payplug non)."""
    return update(Facts(), observe(cat, text, "", None, cartes))


# « qui lui fait signer ? », « qui le paramètre ? » (not « un site qui tourne »)
_ASKS_WHO_ACTS = re.compile(r"\bqui (?:lui |le |la |les |l |s en )?(?:fai[st]|font|sign\w*|vend\w*|tarif\w*|"
                            r"parametr\w*|occupe\w*|gere\w*|charge\w*|negoci\w*)\b")


_ALSO_FOR = re.compile(r"\b(?:aussi|pareil|egalement|meme chose) (?:pour|avec)\b")


# « on lui propose payplug », « je lui mets sp+ d'office ? », « on part sur jpel ? » : an offer put forward for him
_PROPOSES = re.compile(r"\b(?:on|je|j) (?:lui |leur )?(?:propose\w*|conseille\w*|met|mets|installe\w*|part sur|"
                       r"oriente\w* (?:vers|sur))\b|\b(?:d office|d emblee|par defaut)\b")


def proposes_an_offer(text: str) -> bool:
    """« apiculteur sans site, cb, on lui propose payplug », « une librairie avec une boutique en ligne, on lui propose
    SP+ d'office ? » : le collaborateur soumet une offre pour la situation décrite (question fermée : oui ou non, puis
    l'offre qui convient), il ne demande pas laquelle choisir (« on lui propose quoi ? » lance le diagnostic)."""
    return bool(_PROPOSES.search(fold(text))) and not has_question_word(text)


# « le num du service client… », « c koi le mail de… » : a line asked for, first (folded text)
_A_LINE_ASKED = re.compile(rf"^{OPENING}(?:c (?:koi|quoi) |c est quoi )?(?:le|la|les|l|un|une|son|leur) "
                           rf"(?:{LINE_DETAIL}|horaires)\b")


def describes_the_client(cat: Catalogue, text: str, cartes: Iterable[str] = ()) -> bool:
    """« client avec un site, rien contre payplug, cb uniquement, tu recommandes quoi ? » : le message dit au moins
    deux faits du diagnostic et demande quelle offre proposer (ou ne demande rien d'autre), ou en dit trois ; le
    diagnostic les prend tous d'un coup."""
    if asks_why(text) or _ASKS_WHO_ACTS.search(fold(text)):
        # « pk on la propose avant la modulaire ? » asks the reason of a rule, « il part sur SP+ : qui lui fait
        # signer ? » who does something: not an offer for this client
        return False
    facts = known_facts(cat, text, cartes)
    said = sum(facts.get(q) is not None for q in QUESTIONS)
    if said < 3 and len(set(cat.find_in_text("offer", text))) == 1 and proposes_an_offer(text):
        return False  # « une librairie avec une boutique en ligne, on lui propose SP+ d'office ? » : yes or no
    # « il a un site, payplug lui plaît pas, il prend les cb » : three facts say enough, even without a question ;
    # « elle donne des cours en visio, pas de site et pas de projet de site » : two, said with nothing asked.
    # (« pas payplug, sp+ » corrects a subject: an offer other than Payplug named is not a client described)
    # (« il l'utilise aussi pour un client payplug » asks whether the last answer holds for another client)
    # (« j'ai un torréfacteur intéressé par Payplug, je vais lui dire que… » submits a claim to check)
    # (« le num du service client payant pr loffre modulable » asks for a line: « modulable » names SP+)
    asks_nothing = "?" not in text and not has_question_word(text) and not _ALSO_FOR.search(fold(text)) \
        and not _A_LINE_ASKED.match(fold(text)) \
        and not set(cat.find_in_text("offer", text)) - {"payplug"} and drafted_question(text) is None
    return said >= 3 or (said >= 2 and (bool(_ASKS_OFFER.search(fold(text))) or asks_nothing))


def starts_a_diagnostic(cat: Catalogue, text: str, cartes: Iterable[str], previous_family: Optional[str]) -> bool:
    """Le message se règle par le diagnostic, faits déjà dits : il décrit le client et demande l'offre
    (`describes_the_client`), ou, après une réponse qui choisissait une offre (`previous_family`), il en change un
    fait (« et si en fait Payplug ne lui convient pas ? » → SP+ tout de suite, puis la question des cartes)."""
    if describes_the_client(cat, text, cartes):
        return True
    return previous_family in OFFER_CHOICE_FAMILIES and is_hypothetical(text) and bool(
        observe(cat, text, "", None, cartes))


def is_hypothetical(text: str) -> bool:
    """« et s'il veut aussi AMEX ? », « finalement il n'a pas de site » : un fait changé, pas un
    nouveau client."""
    return bool(HYPOTHETICAL.search(fold(text)))


def what_if(cat: Catalogue, previous: Facts, text: str, intent: str, cartes: Iterable[str] = ()) -> Step:
    """Les faits de la dernière recommandation, avec ce que change le message ; les autres restent
    (« aussi » ajoute des cartes à celles déjà voulues, « ne veut plus », « sans » en retire).
    `Step.messages` : « Ce qui change : … »."""
    seen = observe(cat, text, intent, None, cartes)
    named = seen.get("moyens")
    before = tuple(c for c in previous.moyens or () if c in CARTES)
    correction = corrected_cards(cat, text)
    if correction:
        removed, added = correction  # « pardon pas l'amex, les diners » : one card instead of the other
        seen["moyens"] = tuple(dict.fromkeys((*(c for c in before if c not in removed), *added)))
    elif isinstance(named, tuple) and named and ADDING.search(fold(text)):
        seen["moyens"] = tuple(dict.fromkeys((*before, *named)))
    elif isinstance(named, tuple) and named and REMOVING.search(fold(text)):
        seen["moyens"] = tuple(c for c in before if c not in named)  # « et s'il ne veut plus l'amex ? »
    after = update(previous, seen)
    # Recomputed at once: a question the new branch needs and nobody answered stays « à vérifier ».
    missing = {q: (INCONNU,) if q == "moyens" else INCONNU for q in questions_needed(after) if after.get(q) is None}
    after = replace(after, **missing)  # type: ignore[arg-type]  # keys are Facts fields
    changed = [q for q in QUESTIONS if after.get(q) is not None and after.get(q) != previous.get(q)
               and q not in missing]
    if changed:
        message = cat.say("diagnostic.change", faits=_facts_text(cat, after, changed))
    else:
        message = cat.say("diagnostic.inchange")
    return Step(after, seen, (message,))


# --- questions composées à partir du catalogue ---------------------------------------------

def payplug_question(cat: Catalogue) -> Answer:
    """La question « Payplug convient-il ? », avec ce que le document dit de l'offre clé en main."""
    p = cat.offres["payplug"]
    text = "\n".join([f"Le client a un site : la solution clé en main {p.nom} lui convient-elle ?",
                      cat.say("diagnostic.payplug_cle_en_main"), cat.say("diagnostic.sinon_sp_plus")])
    return Answer(text, buttons=[(f"Oui, {p.nom} convient", "/affirm"),
                                 ("Non, besoin plus modulable", "/inform_needs_modular"),
                                 ("Je ne sais pas", "/dont_know")])


# Titre du bouton de chaque carte de `CARTES`, dans l'ordre affiché.
CARD_BUTTON_TITLES = {"amex": "American Express (AMEX)", "ancv": "Chèques-vacances ANCV",
                      "upi": "UnionPay (cartes chinoises)", "dfs_diners": "DFS/Diners"}


def card_payload(carte: str) -> str:
    """Le bouton « cette carte » : `/inform_payment_methods{"card":"amex"}` (entité `card` du NLU)."""
    return f"/{INFORM_PAYMENT_METHODS}" + json.dumps({"card": carte}, separators=(",", ":"))


def other_cards_buttons() -> List[Tuple[str, str]]:
    """Les boutons de la question « autres moyens de paiement ? » : aucun, chaque carte, je ne sais pas.

    Envoyés par une action, jamais par une réponse du domaine : Rasa lirait le JSON des payloads comme
    des variables à remplacer et journaliserait une erreur par bouton."""
    return [("Non, aucun", "/deny"), *((CARD_BUTTON_TITLES[c], card_payload(c)) for c in CARTES),
            ("Je ne sais pas", "/dont_know")]


# --- décision ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recommendation:
    conclusion: str  # clé de `CONCLUSIONS` et de la section `diagnostic.pourquoi` du catalogue
    offre: Optional[str]
    contrats: Tuple[str, ...]  # à ouvrir côté BPCE ; vide : aucun, ou le document n'en cite pas
    simulateurs: Tuple[str, ...]  # outils du CIF pour tarifier ces contrats ; vide : ce n'est pas le CIF qui tarifie
    contacts: Tuple[str, ...]  # contacts à donner au client
    internes: Tuple[str, ...]  # lignes réservées aux collaborateurs pour vérifier ce que le document ne dit pas


def conclude(facts: Facts) -> str:
    if next_question(facts) is not None:
        raise ValueError(f"diagnostic incomplet : {facts}")
    if facts.site == OUI:
        return {OUI: "payplug", NON: "sp_plus", INCONNU: "payplug_par_defaut"}[str(facts.payplug)]
    if facts.site == NON:
        return {OUI: "iz_ecommerce", NON: "jpel", INCONNU: "jpel_projet_inconnu"}[str(facts.creer_site)]
    return "a_determiner"


def wanted_cards(facts: Facts) -> Tuple[str, ...]:
    return tuple(c for c in facts.moyens or () if c in CARTES)


def cards_to_check(facts: Facts) -> Tuple[str, ...]:
    """Les cartes sur lesquelles la recommandation dit ce que le document dit et ne dit pas : celles
    voulues, ou toutes quand on ne sait pas."""
    return CARTES if facts.moyens == (INCONNU,) else wanted_cards(facts)


def recommend(cat: Catalogue, facts: Facts) -> Recommendation:
    """L'offre et ce qu'elle demande. Les contrats sont ceux de l'offre : le document ne dit pas si
    l'offre accepte UnionPay ou DFS/Diners, ni AMEX ou ANCV, donc aucun contrat ni simulateur n'est
    ajouté pour ces cartes (la recommandation le dit, et ce qu'il faudrait si le CIF le confirme)."""
    conclusion = conclude(facts)
    offre = CONCLUSIONS[conclusion]
    contrats = tuple(cat.offres[offre].contrats or ()) if offre else ()
    standard = cat.cartes["standard"].simulateur
    simulateurs = (standard,) if contrats and standard else ()
    contacts = tuple(cid for cid, c in cat.contacts_for(offre) if c.for_clients) if offre else ()
    internes: Tuple[str, ...] = ()
    if offre and cards_to_check(facts):  # « à vérifier » : the lines the document gives the staff
        internes = product_staff_lines(cat, offre)
    return Recommendation(
        conclusion=conclusion, offre=offre, contrats=contrats, simulateurs=simulateurs,
        contacts=contacts, internes=internes)


# --- textes --------------------------------------------------------------------------------

def _contract_lines(cat: Catalogue, rec: Recommendation) -> List[str]:
    """Qui contractualise, les contrats à ouvrir (ou ce que le document en dit), où arrivent les fonds."""
    if rec.offre is None:
        return []
    o = cat.offres[rec.offre]
    contrats = cat.say("contrats.a_ouvrir", offre=o) if rec.contrats else ""
    return [o.contractant or "", contrats, o.note_contrats or "", o.fonds or ""]


def _pricing_lines(cat: Catalogue, rec: Recommendation) -> List[str]:
    if rec.offre is None:
        return []
    return [cat.offres[rec.offre].tarification or "", *(delegation_lines(cat) if rec.simulateurs else [])]


def _steps(cat: Catalogue, rec: Recommendation) -> List[str]:
    steps = [cat.say("etapes.cif")]
    if rec.contrats:
        steps.append(cat.say("etapes.cif_contrats"))
    return [*steps, cat.say("etapes.atc")]


def _other_means_lines(cat: Catalogue, facts: Facts, rec: Recommendation) -> List[str]:
    """Pour chaque carte voulue (toutes si on ne sait pas) : ce que le document dit (affiliation pour nos
    TPE, SimulUPI pour un contrat UnionPay ou DFS/Diners) et ce qu'il ne dit pas (si l'offre les
    accepte), à vérifier avec le CIF."""
    cartes = cards_to_check(facts)
    offres = (rec.offre,) if rec.offre else OFFER_CHOICES
    lines = [cat.say("moyens.a_verifier")] if facts.moyens == (INCONNU,) else []
    direct = list(cat.joined_directly(cartes))
    if direct:
        lines += [cat.say("moyens.affiliation", cartes=direct), cat.say("affiliation.hors_tpe", offres=offres)]
    special = [c for c in cartes if cat.cartes[c].simulateur]
    if special:
        lines.append(cat.say("moyens.cartes", cartes=special, offres=offres))
        if rec.contrats or rec.offre is None:  # the CIF prices the acquisition contracts
            lines.append(cat.say("moyens.contrat_simulupi"))
    return lines


def _client_contact_lines(cat: Catalogue, rec: Recommendation) -> List[str]:
    if rec.offre is None:
        return [cat.say("contacts.selon_offre")]
    return [*support_lines(cat, rec.offre), *(contact_line(cat.contacts[cid], bullet="") for cid in rec.contacts)]


def product_staff_lines(cat: Catalogue, offre: str) -> Tuple[str, ...]:
    """Identifiants des lignes que le document réserve aux collaborateurs pour le produit de l'offre
    (celui de ses pages de paiement pour IZ eCommerce : Payplug) ; inférences `lignes_internes_du_produit`
    et `pages_iz_questions_payplug` (sources.yml). Vide si le document n'en donne pas."""
    produit = cat.offres[offre].pages_paiement or offre
    return tuple(cid for cid, c in cat.contacts_for(produit) if c.internal)


def staff_lines(cat: Catalogue, offre: str, internes: Sequence[str]) -> List[str]:
    """Pour le collaborateur seulement : la phrase qui présente les lignes `internes` (identifiants de
    contacts) réservées pour le produit de l'offre, puis une ligne par contact ; [] sans ligne."""
    if not internes:
        return []
    o = cat.offres[offre]
    intro = cat.say("interne.lignes_pages" if o.pages_paiement else "interne.lignes_produit", offre=o)
    return [intro, *(contact_line(cat.contacts[cid], bullet="", purpose=True) for cid in internes)]


def _staff_lines(cat: Catalogue, rec: Recommendation) -> List[str]:
    return staff_lines(cat, rec.offre, rec.internes) if rec.offre else []


def _vad_line(cat: Catalogue, facts: Facts) -> Optional[str]:
    return None if facts.site == OUI else cat.say("recommandation.vad")


def _section(title: str, lines: Iterable[str], bullet: str = "• ") -> str:
    kept = [line[:1].upper() + line[1:] for line in lines if line]
    return title + "\n" + "\n".join(bullet + line for line in kept) if kept else ""


STAFF_PART = "Pour vous seulement (usage interne CECAZ, à ne pas transmettre au client) :"


def recommendation_text(cat: Catalogue, facts: Facts, rec: Recommendation) -> str:
    """La recommandation détaillée : offre et pourquoi, contrats, tarification, étapes, autres moyens de
    paiement, contacts à donner au client, puis, à part, les lignes réservées au collaborateur."""
    pourquoi = cat.diagnostic.pourquoi[rec.conclusion]
    if rec.offre:
        head = cat.say("recommandation.offre", offre=cat.offres[rec.offre]) + "\n" + pourquoi
    else:
        options = [f"• {cat.say('offre.pour_qui', offre=cat.offres[o])}" for o in OFFER_CHOICES]
        head = "\n".join([cat.say("recommandation.a_determiner"), pourquoi, *options])
    parts = [
        head,
        _section("Contractualisation et contrats :", _contract_lines(cat, rec)),
        _section("Tarification :", _pricing_lines(cat, rec)),
        _section("Prochaines étapes :", _steps(cat, rec)),
        _section("Autres moyens de paiement :", _other_means_lines(cat, facts, rec)),
        _section("Contacts à donner au client :", _client_contact_lines(cat, rec)),
        _vad_line(cat, facts) or "",
        _section(STAFF_PART, _staff_lines(cat, rec)),
        source_line(cat, "choisir", "ouvrir", "tarification", "assister",
                    *([cat.offres[rec.offre].source] if rec.offre else [])),
    ]
    return "\n\n".join(part for part in parts if part)


def recap_text(cat: Catalogue, facts: Facts, rec: Recommendation) -> str:
    """Récapitulatif en texte brut, à coller dans le dossier client (sans les lignes internes)."""
    situation = [cat.say("recap.fait", faits=fact_phrase(cat, q, facts.get(q) or ())) for q in questions_needed(facts)]
    offre = cat.say("recap.offre", offre=cat.offres[rec.offre]) if rec.offre else cat.say("recap.a_determiner")
    contractant, contrats, note, _ = _contract_lines(cat, rec) or ["", "", "", ""]
    parts = [
        cat.say("recap.titre"),
        _section("Situation du client :", situation, "- "),
        f"{offre} {cat.diagnostic.pourquoi[rec.conclusion]}",
        _section("Contrats et tarification :", [contractant, contrats or note, *_pricing_lines(cat, rec)[:1]], "- "),
        _section("Prochaines étapes :", _steps(cat, rec) + _other_means_lines(cat, facts, rec), "- "),
        _section("Contacts à donner au client :", _client_contact_lines(cat, rec), "- "),
    ]
    return "\n\n".join(part for part in parts if part)


def check_catalogue(cat: Catalogue) -> List[str]:
    """Les problèmes de la section `diagnostic` du catalogue et de ce que le diagnostic y lit."""
    problems = []
    d = cat.diagnostic
    if set(d.pourquoi) != set(CONCLUSIONS):
        problems.append(f"diagnostic.pourquoi : conclusions attendues {sorted(CONCLUSIONS)}, "
                        f"trouvées {sorted(d.pourquoi)}")
    if set(d.aide) != set(QUESTIONS):
        problems.append(f"diagnostic.aide : questions attendues {sorted(QUESTIONS)}, trouvées {sorted(d.aide)}")
    problems += [f"offre inconnue « {o} »" for o in {*CONCLUSIONS.values(), "vad"} if o and o not in cat.offres]
    problems += [f"carte inconnue « {c} »" for c in (*CARTES, "standard") if c not in cat.cartes]
    problems += [f"rôle inconnu « {r} »" for r in ("cif", "atc") if r not in cat.roles]
    if "cif" in cat.roles and len(cat.roles["cif"].missions) < 3:
        problems.append("rôle cif : trois missions attendues (diagnostic, mise en place, OSC et contractualisation)")
    return problems
