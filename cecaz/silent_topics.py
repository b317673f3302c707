"""Ce que le document ne nomme nulle part, demandé (issue 11, sujets où le document se tait) : « SP+ accepte-t-il les
paiements par Apple Pay ? », « c'est quoi le préavis pour résilier Payplug ? », « depuis quelle année est-elle dans le
groupe ? ». Un mot de la chose demandée n'est ni dans le catalogue (`catalogue/*.yml`) ni dans le document de
référence (`docs/reference/`) : la réponse le dit d'abord, sans oui ni non, au lieu de laisser croire que la réponse de
la famille y répond.

Lu sur le texte replié (`cecaz.textnorm.fold`) ; fonctions pures, testées sans Rasa (tests/unit/test_silent_topics.py).
Silence `sujets_absents` de `catalogue/sources.yml`."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Optional, Tuple

from cecaz.catalogue import Catalogue, EntityKind, per_catalogue
from cecaz.document_search import REFERENCE_DIR, reference_files
from cecaz.textnorm import BY_THE_WAY, fold

# What a question asks for: what an offer accepts, handles, allows (« accepte-t-il les paiements par Apple Pay »), a
# thing asked for by its noun (« c'est quoi le préavis », « quelle est la durée minimale », « y a-t-il un
# engagement ») ; the thing follows, up to the end of its clause (folded text)
_ASKS_FOR = re.compile(
    r"\b(?P<verb>accept\w*|gere|gerent|permet\w*|inclu\w*|compatibles?(?: avec)?|fonctionn\w* avec|"
    r"march\w* (?:avec|sur)|prend\w* en charge)(?: (?:t )?(?:il|elle|ils|elles|on))?"
    rf"(?: {BY_THE_WAY})*"
    r"|\b(?:c est quoi|quels? (?:est|sont)|quelles? (?:est|sont))"
    r"|\b(?P<which>quel|quelle|quels|quelles)\b"  # (« quels justificatifs » : the whole word, then its noun)
    r"|\b(?:combien de|y a t il|y a t elle|il y a|existe t il|faut il|il faut|faudrait il)")
# (« … pour une boulangerie qui vend des gâteaux » : what describes the merchant is not the thing asked)
# (« un paramétrage dans OSC après la signature » : when and where it is done is not the thing either)
_CLAUSE_END = re.compile(r" (?:et|mais|ou|si|car|parce que|alors que|sinon|qui|dont|apres|avant|pendant|lors|depuis|"
                         r"dans|chez|vers|quand|lorsqu\w*)\b")
# Words of every question that say nothing of the thing asked (folded, four letters or more)
_GENERAL = frozenset("""
aussi alors avec bien ceux celle celui cela cette chez comme comment dans deja depuis donc elle elles encore entre
etre faire fait faut font leur leurs lors meme mais moins notre nous peut peux plus pour quand quel quelle quels
quelles quoi sans selon sont sous tout toute tous toutes tres vers vraiment votre vous client clients cliente
commercant commercante commercants marchand chose choses truc trucs machin exactement genre type types sorte
difference differences avantage avantages interet role roles mission missions rapport lien liens demarche etape
etapes procedure process facon maniere moyen moyens raison raisons principe fonctionnement detail details info infos
information informations exemple point points question questions souci soucis probleme problemes besoin besoins
suite regle regles condition conditions modalite modalites fois cas jour jours semaine semaines heure heures
matin soir midi demain hier aujourd actuellement maintenant toujours jamais souvent quelque quelqu chaque autre autres
temps duree delai delais premier premiere deuxieme second seconde dernier derniere personne gens equipe service
services ligne lignes numero numeros adresse mail mails telephone contact contacts interlocuteur interne
internes externe
cote apres avant pendant depuis contre environ ensuite enfin surtout plutot sinon forcement obligatoirement
necessairement systematiquement automatiquement directement seulement uniquement egalement absolument rapidement
coup terminal terminaux appareil societe entreprise organisme idee logique objectif sens moment importe nimporte mots
possible possibles necessaire necessaires obligatoire obligatoires indispensable oblige obligee obliges
""".split())
# Function words: never the thing asked, and where a noun phrase stops (« apple pay » goes on with a short word)
_FUNCTION = frozenset("""a au aux de des du d en et l la le les ou par pour sur un une avec dans sans chez
son sa ses leur leurs ce cet cette il elle on y se s ne n pas""".split())


@dataclass(frozen=True)
class KnownWords:
    """The folded words of the catalogue and of the reference document (`words`), their five-letter stems (`stems`),
    and the words by their first letter (`by_initial`, for the searches a word's first letter narrows)."""

    words: FrozenSet[str]
    stems: FrozenSet[str]
    by_initial: Mapping[str, Tuple[str, ...]]

    def begins(self, prefix: str) -> bool:
        """Some known word begins with `prefix` (a non-empty folded word)."""
        return any(w.startswith(prefix) for w in self.by_initial.get(prefix[:1], ()))


@per_catalogue
def known_words(cat: Catalogue) -> KnownWords:
    """Every word the document uses, in the catalogue or in the reference document (not the catalogue's silences,
    which name what the document does not say), computed once per catalogue read."""
    document = " ".join(path.read_text(encoding="utf-8") for path in reference_files(REFERENCE_DIR))
    words = frozenset(fold(cat.json(exclude={"silences"})).split()) | frozenset(fold(document).split())
    by_initial: Dict[str, List[str]] = {}
    for word in sorted(words):
        by_initial.setdefault(word[:1], []).append(word)
    return KnownWords(words, frozenset(w[:5] for w in words if len(w) >= 5),
                      {initial: tuple(group) for initial, group in by_initial.items()})


def _is_known(cat: Catalogue, word: str) -> bool:
    """A word of the catalogue, a form of one (same first five letters), or one typed with a slip (« tarfication »)."""
    known = known_words(cat)
    if word[:1] in "ldjsnmt" and (word[1:] in _FUNCTION or word[1:] in _DETERMINERS or len(word) >= 5
                                  and _is_known(cat, word[1:])):
        return True  # « dune », « lassitance », « denvoyer » : an elided article or pronoun glued to its word
    if word in known.words or word[:5] in known.stems or len(word) >= 3 and known.begins(word):
        return True
    return len(word) >= 5 and bool(difflib.get_close_matches(word, known.by_initial.get(word[:1], ()), n=1,
                                                             cutoff=0.85))


# the subjects a thing may name (« les cartes amex », « le support ») : the catalogue's
_NAMED_KINDS: Tuple[EntityKind, ...] = ("offer", "tool", "card", "role", "service")
# « les paiements par Apple Pay », « le délai de rétractation » : what goes on with the noun asked (folded words)
_LINKS = frozenset("de d du des par en".split())
# « passer », « envoyer », « choisir » : a verb says what is done with the thing, not the thing (folded word)
_INFINITIVE = re.compile(r"(?:er|ir|re)$")
# (« il faut quelles attestations ? » : « quelles » after what asks, as a determiner)
_DETERMINERS = frozenset("""un une le la les l des du mon ma mes son sa ses notre nos leur leurs ce cet cette
ces quel quelle quels quelles""".split())


def _thing_asked(folded: str, asked: re.Match[str]) -> List[str]:
    """The noun phrase the question asks for, right after what asks it (folded words) : after « quel », its noun ;
    after a verb, its noun (« accepte Google Pay »), with its determiner if any, past « de » and an infinitive
    (« permet de prendre une empreinte ») ; after « c'est quoi », « y a-t-il », a
    determiner then the noun ; then « de », « par », « en » and their
    word (« paiements par apple pay »), or a short word (« pay ») ; [] when no noun follows so (« c'est quoi sp+ en
    deux mots », « ça marche sur n'importe quel tpe »)."""
    words = _CLAUSE_END.split(folded[asked.end():], maxsplit=1)[0].split()
    if asked.group("verb") and len(words) > 2 and words[0] in ("de", "d") and _INFINITIVE.search(words[1]):
        words = words[2:]  # « permet de prendre une empreinte de carte » : what is taken
    if words and words[0] in _DETERMINERS:
        words = words[1:]
    elif not asked.group("which") and not asked.group("verb"):
        return []  # (« c'est quoi sp+ en deux mots » : the subject, no thing asked)
    if not words or words[0] in _FUNCTION:
        return []
    thing = words[:1]
    rest = words[1:]
    while rest:
        if rest[0] in _LINKS and len(rest) > 1 and rest[1] not in _FUNCTION:
            thing += rest[:2]
            rest = rest[2:]
        elif rest[0] in _LINKS and len(rest) > 2 and rest[1] in _DETERMINERS and rest[2] not in _FUNCTION:
            thing += rest[:3]
            rest = rest[3:]
        elif len(rest[0]) <= 3 and rest[0] not in _FUNCTION and rest[0] not in _DETERMINERS:
            thing.append(rest.pop(0))
        else:
            break
    return thing


def silent_topic(cat: Catalogue, text: str) -> Optional[str]:
    """The thing a question asks for when one of its words is nowhere in the catalogue (« Apple Pay », « préavis »),
    as typed ; None when the question asks for no thing by its noun (`_thing_asked`), or when every word of the thing
    is the document's (or a slip of one: « tarfication »), a name of the catalogue (offer, tool, card, role, line, with
    its typos), or a word every question uses (`_GENERAL`)."""
    # (each clause of the typed text: « …veut accepter l'AMEX : comment ça se passe ? » asks nothing of « passe »)
    found = next(((match, clause) for clause in map(fold, re.split(r"[,;:?!.]", text))
                  if (match := _ASKS_FOR.search(clause))), None)
    if found is None:
        return None
    thing = _thing_asked(found[1], found[0])
    named = {w for kind in _NAMED_KINDS for key in cat.find_in_text(kind, " ".join(thing), typos=True)
             for w in fold(key.replace("_", " ")).split()}
    unknown = [i for i, word in enumerate(thing)
               if len(word) >= 4 and word not in _FUNCTION and word not in _GENERAL and word not in named
               and not _INFINITIVE.search(word) and not _is_known(cat, word)]
    if not unknown:
        return None
    return _as_typed(text, thing[unknown[0]:])


def _as_typed(text: str, words: List[str]) -> str:
    """`words` (folded) as the message typed them (« Apple Pay »), else folded."""
    tokens = [(t, folded) for t in re.finditer(r"[^\s,;:?!.]+", text) for folded in fold(t.group()).split()]
    for i in range(len(tokens) - len(words) + 1):
        if [folded for _, folded in tokens[i:i + len(words)]] == words:
            # (« l'authentification 3D Secure » : the thing, without its elided article)
            return re.sub(r"^[ldjsnmt]['’]", "", text[tokens[i][0].start():tokens[i + len(words) - 1][0].end()])
    return " ".join(words)


def silence_lead(cat: Catalogue, text: str, closest: bool = True) -> Optional[str]:
    """« Sur « Apple Pay » : le document ne dit rien… » (phrases `silence.sujet`, `silence.rien`, then with `closest`
    `silence.proche`, « Ce qu'il dit de plus proche : ») when the question asks for something the document never
    names (`silent_topic`); None otherwise."""
    topic = silent_topic(cat, text)
    if not topic:
        return None
    said = f"{cat.say('silence.sujet', sujet=topic)} {cat.say('silence.rien')}"
    return f"{said} {cat.say('silence.proche')}" if closest else said
