"""Qui fait quoi : « c'est eux qui signent avec le client ? », « ils s'occupent aussi de la page de paiement ? »,
« l'ATC il fait aussi le diag ? », « et le support du site, c'est eux ? » — oui ou non d'abord (issue 11).

La question nomme quelqu'un (un rôle, une organisation, le client, le porteur de la carte, nous) ou le désigne
par un pronom (la personne ou l'organisation du focus), et une action. La phrase du catalogue qui dit cette action
(dans la réponse composée, sinon dans les missions des rôles, section « Comment ouvrir les services ? ») dit qui la
fait : « Oui. » si c'est la personne demandée, « Non. » sinon. Rien n'est écrit ici sur qui fait quoi ; seuls les
mots de l'action et leurs équivalents (« signer » : « contractualisation ») le sont. Fonctions pures, testées sans
Rasa (tests/unit/test_doers.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from cecaz.aspects import IT_IS_X_WHO, PASSIVE_DOER
from cecaz.catalogue import Catalogue
from cecaz.families import compose
from cecaz.merchant import MERCHANT_WORD, merchant_nouns
from cecaz.phrasing import Answer, Question, lead_lines
from cecaz.silent_topics import known_words
from cecaz.steps import asks_next_step
from cecaz.textnorm import (
    BY_THE_WAY,
    OPENING,
    PLACE,
    first_clause,
    fold,
    has_question_word,
    plain_lower,
    the_question_itself,
    without_describing_who,
)

CLIENT = "client"      # le commerçant, « notre client »
HOLDER = "porteur"     # le porteur de la carte, « le client final »
US = "cecaz"           # la CECAZ, « nous », « moi »
# « l'organisme concerné » (section « Quelle tarification ? ») : the card's organisation, whichever it is (AMEX, ANCV)
SOME_ORGANISATION = "org:*"

# Des mots de personnes qui ne sont ni des rôles ni des organisations du catalogue.
_PEOPLE: Tuple[Tuple[str, re.Pattern[str]], ...] = (
    (HOLDER, re.compile(r"\b(?:porteurs?|client final|clients finaux|acheteu(?:r|se)s?|consommat(?:eur|rice)s?|"
                        r"internautes?)\b")),
    (CLIENT, re.compile(r"\b(?:notre client|le client|du client|au client|son client|mon client|clientes?|client|"
                        r"commercante?s?|marchande?s?)\b(?! final)")),
    (US, re.compile(r"\b(?:cecaz|la caisse|nous|moi|la banque|notre banque)\b")),
    (SOME_ORGANISATION, re.compile(r"\borganismes?\b")),
)
_PRONOUN = re.compile(r"\b(?:il|ils|elle|elles|eux|lui)\b")
# « un camping veut accepter… », « mon client vend… », « une fleuriste a… » : a merchant described (folded text)
# « le commerçant », « mon client » : the merchant spoken of (not « le service client »)
_MERCHANT_SAID = re.compile(rf"\b(?:le|la|mon|ma|un|une|ce|cette|son|sa) {MERCHANT_WORD}\b")
_MERCHANT_DESCRIBED = re.compile(r"^(?:j ai |on a )?(?:un|une|mon|ma) (?P<trade>(?:\w+ ){1,2}?)"
                                 r"(?:veut|voudrait|souhaite|a|vend|prend|encaisse|propose|accepte|cherche)\b")
# « c'est eux qui… ? », « c'est à moi de… ? », « …, c'est eux ? », « ils s'occupent de… ? », « l'ATC il fait… ? »
_ASKS_WHO = re.compile(
    rf"^{OPENING}(?:"
    r"(?:.*? )?" + IT_IS_X_WHO.pattern + "|"
    # « les contrats sont paramétrés dans OSC par le conseiller en agence ? » : the doer after « par », in the passive
    r"(?:.*? )?" + PASSIVE_DOER.pattern + r"\s*$|"
    # « l'ATC peut faire la demande à sa place ? », « le CIF pourrait s'en charger ? » : someone able to do a thing
    r"(?P<able>(?:l |le |la |les )?\w+(?: \w+)?) (?:peut|peuvent|pourrait|pourraient) (?:pas )?"
    r"(?:(?:s en|s y|le|la|les|l|lui|y) )?\w+|"
    r"(?P<subject>(?:l |le |la |les )?\w+(?: \w+){0,2} )?(?:il|ils|elle|elles) "
    # « il me demande les tarifs » says what the client asks the speaker: context, not who does something
    # (« il n'a pas plutôt une adresse mail ? » : what he has, negated)
    # (« il coûte qqch l'appel ? » : the line's price, not someone doing something)
    r"(?!(?:n )?(?:y a|faut|est|sont|ont|a|avait|avaient|cout\w*)\b|me\b|m\b|te\b|t\b)\w+|"
    # « et le diag avant, c'est bien lui ? »
    # « c'est pas plutôt le CIF ? » after « qui négocie… ? » : who, with the action of the question before
    r"(?:.+?,? )?(?:c est|ce n est|ce sont|c) (?:pas |bien |toujours |encore |vraiment |aussi |egalement )?(?:plutot )?"
    r"(?P<last>eux|lui|elle|elles|nous|moi|(?:le |la |l |les |un |une )?\w+(?: \w+)?)"
    # « l'assistance c'est BPCE, non ? » : a tag that asks to confirm
    r"(?: aussi| encore| egalement| pareil)?(?: (?:non|nan|hein|si|ou pas|c est ca|c est bien ca|n est ce pas))?\s*$|"
    # « l'ATC fait la simu ? », « avant la signature l'ATC doit faire une simu ? » : a role named, then what it does
    # (a role only: `asked`) ; not what it is or has
    r"(?:(?:avant|apres|pour|dans|sur|en|au|a la|chez) (?:[\w+]+ ){1,4}?(?=(?:l|le|la|les) ))?"
    r"(?P<acting>(?:l |le |la |les )?\w+) "
    r"(?:(?:doit|doivent|devrait|devraient|va|vont) )?(?:(?:s en|s y|le|la|les|l|lui|y) )?"
    r"(?!(?:n |ne )?(?:y a|faut|est|sont|ont|a|avait|avaient|etait|sera|cout\w*|quoi|qui|ou|quand|comment)\b)[a-z]+)")
# « l'ATC procède-t-il à… ? », « et le CIF fait-il aussi… ? » : a role or a company before an inverted verb (typed
# text, lower case: the hyphens say the inversion); not « est-il », « a-t-il » (what it is or has)
_INVERTED = re.compile(r"^(?:(?:et|mais|donc|alors|ok)\W+)*(?P<who>(?:l'|le |la |les )?[\w+]+(?: [\w+]+)?),? "
                       r"(?!(?:est|sont|a|ont|etait|sera)-)[\w]+-(?:t-)?(?:il|elle|ils|elles)\b")
# « le premier », « l'autre » : someone said by their place in the conversation, not by name
_A_PLACE = re.compile(PLACE)
_TOPIC_THEN_PRONOUN = re.compile(r",\s*(?P<pronoun>ils|elles|il|elle)\s+(?:la|le|les|l['’]|s['’]en|en)\b")
_HYPOTHESIS = re.compile(r"^(?:et |mais |ok )?si (?:c est|c etait|ce sont) ")
# A reply that already starts with its yes or no (a line's public, opening hours).
# The reply already opens on its verdict: « Oui (le samedi) », « Ça dépend de la ligne… », « Je ne peux pas vous
# répondre : le document ne précise pas… » (cecaz/contact_lines.py).
_UNDECIDED = re.compile(r"^\W*(?:ça dépend|je ne peux pas vous répondre)\b", re.IGNORECASE)
# « … qui saisit sa carte » : the card is his own
_OWN_CARD = re.compile(r"\b(?:sa|ses|leur|leurs) (?:propres? )?(?:cartes?|cb|numeros? de carte)\b")
# « la CECAZ n'intervient pas dans cette négociation » : who is named does not do it.
_NEGATED = re.compile(r"\bn (?:\w+ ){0,2}?(?:pas|plus|jamais)\b|\baucun\w*\b")
# Les mots d'une action et ceux que le document emploie pour elle.
_SAME_ACTION: Dict[str, str] = {
    "sign": "contractualis", "contr": "contractualis", "occup": "charge assure", "gere": "charge assure",
    "diag": "diagnostic", "tape": "saisit", "tapen": "saisit", "saisi": "saisit", "prix": "tarif negoci",
    "fixe": "tarif negoci", "fixo": "tarif negoci", "vire": "virement", "verse": "virement", "affil": "affiliation",
    "param": "parametrage", "pilot": "pilote", "vend": "commercialisation", "demar": "demande",
    "discu": "negoci", "frais": "tarif", "commi": "tarif", "valid": "accord", "appro": "accord",
}
_FILLER = frozenset("""c est qui que quoi a de du des le la les l un une et ou aussi bien vraiment alors donc du coup
ok mais pour avec par sur dans son sa ses leur leurs ce cet cette ca il ils elle elles eux lui nous moi on y en se s
je tu t me m fait faire font fais doit doivent peut peuvent tout toute comme quand faut etre avoir est sont ont
encore deja meme""".split())


@dataclass(frozen=True)
class Doer:
    """La réponse à « c'est X qui… ? » : `verdict` (clé de phrase `verdict.oui` / `verdict.non`), `doer` (qui fait
    l'action d'après le document : « role:cif », « org:payplug », `CLIENT`, `HOLDER`, `US`), `statement` (la
    phrase qui le dit) et `asked` (qui la question nommait)."""

    verdict: str
    doer: str
    statement: str
    asked: FrozenSet[str] = frozenset()


# The catalogue reloads without a restart (a data edit): its actors' patterns and its roles' statements are built
# once per catalogue object, not once per message and word.
_INDEX: List[Tuple[Catalogue, Tuple[Tuple[str, re.Pattern[str]], ...], List[Tuple[str, Optional[str]]]]] = []


def _is_its_own_company(cat: Catalogue, key: str) -> bool:
    """Whether `key` is an offer whose company bears the same key (Payplug, IZ eCommerce: `organisation` in
    `catalogue/offres.yml`)."""
    return key in cat.offres and cat.offres[key].organisation == key


def _actor_patterns(cat: Catalogue) -> Tuple[Tuple[str, re.Pattern[str]], ...]:
    """(clé, motif) de chaque rôle (nom et alias) et de chaque organisation (nom), sur texte replié."""
    patterns: List[Tuple[str, re.Pattern[str]]] = []
    for key, role in cat.roles.items():
        patterns.append((f"role:{key}", _any_of((*role.alias, role.nom.split("(")[0]))))
    for key, org in cat.organisations.items():
        # a company that is also its own offer (Payplug, IZ eCommerce) is named by that offer's aliases too (« iz »)
        own = cat.offres[key].alias if _is_its_own_company(cat, key) else ()
        patterns.append((f"org:{key}", _any_of((org.nom.split("(")[0], *own))))
    return tuple(patterns)


def _any_of(names: Sequence[str]) -> re.Pattern[str]:
    """Un motif qui trouve l'un des noms, sur texte replié (les plus longs d'abord)."""
    folded = sorted({fold(n) for n in names} - {""}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in folded) + r")\b")


def _index(cat: Catalogue) -> Tuple[Tuple[Tuple[str, re.Pattern[str]], ...], List[Tuple[str, Optional[str]]]]:
    if not _INDEX or _INDEX[0][0] is not cat:
        _INDEX[:] = [(cat, _actor_patterns(cat), [])]
        # statements() finds who does what with the patterns just stored
        _INDEX[0][2].extend(statements(cat, role_statements(cat)))
    return _INDEX[0][1], _INDEX[0][2]


def actors_in(cat: Catalogue, text: str) -> List[Tuple[int, str]]:
    """Les personnes nommées dans `text`, (position dans le texte replié, clé), dans l'ordre d'apparition."""
    folded = f" {fold(text)} "
    found: List[Tuple[int, str]] = []
    for key, pattern in _index(cat)[0]:
        match = pattern.search(folded)
        if match:
            found.append((match.start(), key))
    taken = [p for p, _ in found]
    for key, pattern in _PEOPLE:
        for match in pattern.finditer(folded):
            if match.start() not in taken:
                found.append((match.start(), key))
                taken.append(match.start())
                break
    return sorted(found)


def _doer_of(cat: Catalogue, clause: str, default: Optional[str]) -> Optional[str]:
    """Qui fait l'action de la proposition : l'agent d'un passif (« prises en charge par Payplug »), sinon celui d'une
    mise en relief (« c'est alors le commerçant qui… »), sinon `default`
    (le rôle d'une ligne « - CIF : … »), sinon la première personne nommée."""
    # « … virements quotidiens en provenance de Payplug » : where the money comes from is who pays it
    passive = re.search(r"\b(?:par|en provenance de|en provenance du) (?:un |une |le |la |l )?(.+)", fold(clause))
    if passive:
        agents = actors_in(cat, passive.group(1))
        if agents and agents[0][0] <= 2:
            return agents[0][1]
    # « c'est alors le commerçant qui supporte le risque » : the cleft names the doer, whatever the line's head
    cleft = re.search(r"\bc est (?:\w+ )?(.+?) qui\b", fold(clause))
    if cleft and (named := actors_in(cat, cleft.group(1))):
        return named[0][1]
    if default:
        return default  # « - CIF : établit la tarification … en accord avec le réseau » : the CIF does it
    actors = actors_in(cat, clause)
    return actors[0][1] if actors else None


_A_SENTENCE = re.compile(r"\b(?:est|sont|a|ont|doit|doivent|peut|peuvent|fait|font)\b")


# « la tarification établie par le CIF » : a noun, its past participle and the agent (typed text)
_PARTICIPLE_BY = re.compile(r"\S+ (?P<participle>\w+(?:é|ée|és|ées|i|ie|ies|is|ise|ises|u|ue|ues|us)) par "
                            r"(?:un |une |le |la |l['’])?", re.IGNORECASE)


def statements(cat: Catalogue, text: str) -> List[Tuple[str, Optional[str]]]:
    """Les propositions d'une réponse (lignes, puis « ; » et « . ») avec qui les fait."""
    found: List[Tuple[str, Optional[str]]] = []
    for line in text.splitlines():
        body = line.strip().lstrip("-•").strip()
        head, sep, rest = body.partition(" : ")
        default = None
        # « Les conditions tarifaires sont négociées directement avec ces organismes : la CECAZ n'intervient pas… » :
        # two sentences, not a line's head (« CIF », « Équipe partenariat BPCE de Payplug ») and what it does
        if sep and _A_SENTENCE.search(fold(re.sub(r"\(.*?\)", " ", head))):
            sep, body = "", body.replace(" : ", " ; ", 1)
        if sep:
            heads = actors_in(cat, head)
            # « Équipe partenariat BPCE de Payplug : … » : the team is Payplug's (« de » says whose)
            padded = f" {fold(head)} "  # the positions of `actors_in`
            owner = next((key for at, key in heads if re.search(r"\bde\s*$", padded[:at])), None)
            default = owner or (heads[0][1] if heads else None)
            body = rest if default else body
        # « … contestée par le porteur de la carte, et c'est alors le commerçant qui supporte le risque » : each
        # coordinated clause has its own doer
        for clause in re.split(r";|\.\s|,\s+et\s+", body):
            if not clause.strip():
                continue
            # « …auprès de l'organisme concerné, qui lui fournit un numéro d'affilié » : the relative clause's doer is
            # the person just named before it
            main, _, relative = clause.partition(", qui ")
            participle = _PARTICIPLE_BY.search(main) if default and default.startswith("role:") else None
            if participle and (agents := actors_in(cat, main[participle.end():])) and agents[0][0] <= 2:
                # « - réseau : donne son accord sur la tarification établie par le CIF » : the role gives its accord,
                # the CIF « établit » ; each part is a statement of its own
                found.append((main[:participle.start("participle")].strip(), default))
                found.append((main[participle.start():].strip(), agents[0][1]))
                continue
            found.append((main.strip(), _doer_of(cat, main, default)))
            if relative.strip() and (before := actors_in(cat, main)):
                found.append((relative.strip(), before[-1][1]))
    return found


def role_statements(cat: Catalogue) -> str:
    """Les missions des rôles comme lignes « - CIF : … » (catalogue/mise_en_place.yml, section « Comment ouvrir les
    services ? »)."""
    return "\n".join(f"- {role.nom} : " + " ; ".join(role.missions) for role in cat.roles.values())


# « à sa place », « à la place du client » : instead of someone, not the « mise en place » (blanked, same length)
_INSTEAD = re.compile(r"\b(?:a|en) (?:sa|leur|ma|ta|notre|votre|la) place\b(?: (?:de|du|des|d) (?:\w+ )?\w+)?")


def _action_stems(cat: Catalogue, text: str, asked_span: Tuple[int, int]) -> FrozenSet[str]:
    folded = _INSTEAD.sub(lambda m: " " * len(m.group()), fold(text))
    words = (folded[:asked_span[0]] + " " + folded[asked_span[1]:]).split()
    stems = set()
    for word in words:
        # an offer's name (« lui vends JPEL ») says what is acted on, not the action
        if word in _FILLER or len(word) < 4 or actors_in(cat, word) or cat.find_in_text("offer", word):
            continue
        stems.add(word[:5])
        stems.update(_SAME_ACTION.get(word[:5], _SAME_ACTION.get(word[:4], "")).split())
    return frozenset(stems)


def _score(clause: str, stems: FrozenSet[str]) -> int:
    words = fold(clause).split()
    return sum(1 for stem in stems if any(w.startswith(stem) for w in words))


def _best_statements(pool: Sequence[Tuple[str, Optional[str]]], stems: FrozenSet[str]) -> List[Tuple[str, str]]:
    """The statements of `pool` (clause, doer) that have a doer and share the most action `stems` with the message,
    in their order; [] when none shares one."""
    scored = [(_score(clause, stems), clause, doer) for clause, doer in pool if doer]
    top = max((score for score, _, _ in scored), default=0)
    return [(clause, doer) for score, clause, doer in scored if score == top] if top else []


def _designated(pronoun: str, focus_actors: Sequence[str]) -> FrozenSet[str]:
    """« lui », « elle » après une organisation (AMEX, Payplug, qu'on dit « eux ») peut être le client (la
    commerçante) dont parlait la question précédente : les deux sont acceptés."""
    if pronoun in ("il", "lui", "elle") and all(a.startswith("org:") for a in focus_actors):
        return frozenset((*focus_actors, CLIENT))
    return frozenset(focus_actors)


# Qui une question « c'est X qui… ? » demande, et où elle le nomme dans le texte replié (`asked`).
WhoAsked = Tuple[FrozenSet[str], Tuple[int, int]]


# « moi en agence je peux faire signer SP+ à mon pro ? » : whether the speaker may do one of the roles' actions himself.
_I_MAY_DO = re.compile(rf"^{OPENING}(?:moi |nous )?(?:(?:en|cote) agence )?(?P<me>je|on|nous) "
                       r"(?:peux|peut|pouvons|pourrais|pourrait|dois|doit|devons)\b"
                       # « …, c'est moi en agence qui lui vends JPEL ? »
                       r"|\bc est (?P<me2>moi|nous)(?: (?:en|cote|a l) agence)? qui\b")
# « pour vendre SP+ à un client, je peux le faire moi en agence ? », « on peut s'en charger nous-mêmes ? » : the
# speaker, stressed, as the one who would do it (folded text)
_I_MYSELF = re.compile(r"\b(?:je|on|nous) (?:peux|peut|pouvons|pourrais|pourrait|dois|doit|devons) (?:le |la |les |l |"
                       r"m en |s en |nous en )?(?:faire|occuper|charger|vendre|proposer|monter|signer|gerer)\b"
                       r"(?: [\w+]+){0,3}? (?:moi|nous)(?: memes?)?\b|\b(?:moi|nous) (?:en|cote|a l) agence\b")


def asks_if_the_speaker_does_it(text: str) -> bool:
    """« pr vendre sp+ à un client, je peux le faire moi en agence ? » : whether the adviser himself may do what the
    message says (a question on who does it, `with_doer`), not a client to diagnose."""
    return bool(_I_MYSELF.search(fold(text)))


# « pour son tarif », « afin de… », « quand il… » : a purpose or a moment after what is done (folded text)
_PURPOSE = re.compile(r"\b(?:pour|pr|afin|quand|lorsqu\w*)\b")
_ROLE_ACTION = re.compile(r"\b(?:sign\w*|contractualis\w*|parametr\w*|pilot\w*|vend\w*|commercialis\w*|"
                          r"tarif\w*|diag\w*)\b")


def _the_merchant(words: str, previous_texts: Sequence[str]) -> bool:
    """« le camping » in « c'est le camping qui fait la demande ? » after « un camping veut prendre les
    chèques-vacances… » : the merchant a previous message described (folded words)."""
    noun = words.split()[-1] if words.split() else ""
    return any((found := _MERCHANT_DESCRIBED.match(fold(before))) and noun in found.group("trade").split()
               for before in previous_texts)


def asked(cat: Catalogue, text: str, focus_actors: Sequence[str],
          previous_texts: Sequence[str] = ()) -> Optional[WhoAsked]:
    """Qui la question demande (clés de `actors_in`, ou `focus_actors` pour un pronom ; le client quand elle reprend
    le commerçant qu'un des `previous_texts` décrivait) et où elle le nomme dans le texte replié ; None si elle n'a
    pas la forme « c'est X qui… ? » ou « je peux [action d'un rôle]… ? » (la CECAZ)."""
    folded = fold(text)
    # (« on doit respecter le schéma délégataire pour son tarif ? » : what must be done is what follows the verb, the
    # role's action after « pour » is not it)
    if (me := _I_MAY_DO.search(folded)) \
            and _ROLE_ACTION.search(_PURPOSE.split(folded[me.end():], maxsplit=1)[0] if me.group("me") else folded) \
            and not has_question_word(folded.replace(" qui ", " ", 1) if me.group("me2") else folded):
        # « …, c'est moi qui lui vends JPEL ? » : the action is what follows « qui », not the situation before it
        return frozenset({"cecaz"}), me.span("me") if me.group("me") else (0, me.end())
    if (inverted := _INVERTED.match(plain_lower(text))) \
            and (named := frozenset(key for _, key in actors_in(cat, inverted.group("who"))
                                    if key.startswith(("role:", "org:")))):
        # « l'ATC procède-t-il à la contractualisation ? » : whether the one named before the inverted verb does it
        return named, (len(fold(text[:inverted.start("who")])), len(fold(text[:inverted.end("who")])))
    # « et si c'est un client payplug ? » : a hypothesis on the subject, not who does the thing.
    match = None if _HYPOTHESIS.match(folded) else _ASKS_WHO.search(folded)
    # « c'est qui qui fait le diag ? », « il a quoi comme num ? » are open questions.
    # (« celui qui fait signer, c'est aussi lui qui paramètre ? » : the « qui » that describes asks nothing)
    # (the one asked about stays, for the description it takes up)
    # (« et quand SP+ est retenu, la tarification…, c'est le CIF qui l'établit ? » : the moment set first asks nothing)
    if not match or _open_question(folded, match) and (
            (again := _ASKS_WHO.search(tail := fold(the_question_itself(text)))) is None
            or _open_question(tail, again)):
        return None
    group = next((g for g in ("who", "last", "agent", "subject", "able", "acting") if match.group(g)), None)
    if group == "acting" and not any(key.startswith("role:") for _, key in actors_in(cat, match.group(group))):
        return None
    if group == "able" and not any(key.startswith(("role:", "org:")) for _, key in actors_in(cat, match.group(group))) \
            and not (_PRONOUN.fullmatch(match.group(group)) and any(a.startswith("role:") for a in focus_actors)):
        # a role or an organisation able to do a thing; « le client peut contester ? » asks what he may do (the
        # holder's right), « le client peut les appeler ? » is for `cecaz.audience`, « on peut… » for `_I_MAY_DO`;
        # « il peut aussi faire les paramétrages dans OSC ? » after the ATC's missions: that role
        return None
    # « un camping veut accepter les chèques-vacances : c'est lui qui fait la demande ? » : with nothing said before,
    # « il », « lui », « elle » is the merchant the message describes
    # (« un plombier sans site encaisse par JPEL : c'est lui qui saisit la carte ? » : his trade, `cecaz.merchant`)
    # (« c'est le commerçant qui supporte le risque ? » then « et avec jpel c'est toujours lui qui tape la carte » :
    # the merchant the message just before spoke of)
    # (« un kiné veut taper lui-même les cartes… », « c'est conseillé ? », « et avec jpel c'est toujours lui qui tape
    # la carte » : the merchant described by his trade two messages before)
    actors = focus_actors or ((CLIENT,) if _MERCHANT_DESCRIBED.match(folded) or merchant_nouns((text,))
                              or any(_MERCHANT_SAID.search(fold(before)) for before in previous_texts[:1])
                              or any(_MERCHANT_DESCRIBED.match(fold(before)) for before in previous_texts[:2]) else ())
    if group is None:  # « ils s'occupent aussi de… ? » : the pronoun is the subject
        pronoun = _PRONOUN.search(folded)
        return (_designated(pronoun.group(), actors), pronoun.span()) if pronoun and actors else None
    words = match.group(group)
    span = match.span(group)
    if _PRONOUN.fullmatch(words.strip()):  # « et lui il fait aussi… ? » : the stressed pronoun is who
        # « et l'ATC, c'est lui qui fait le diag ? » : it takes up the role the message names before it (not a company:
        # « pour un client payplug, c'est lui qui signe ? » is still the role in focus)
        before = frozenset(key for _, key in actors_in(cat, folded[:span[0]]) if key.startswith("role:"))
        return (before or _designated(words.strip(), actors), span) if before or actors else None
    if group == "subject" and _A_PLACE.fullmatch(words.strip()):
        # « et le premier, il fait aussi les paramétrages ? » once `cecaz.detour` went back to the first role: who the
        # focus designates, as a pronoun would
        return (_designated("il", actors), span) if actors else None
    if group == "subject" and not actors_in(cat, words.split()[-1]):
        # « la page de paiement, ils la gèrent eux aussi ? » : the thing first, taken up by « la », and who does it by
        # a pronoun after the comma
        topic = _TOPIC_THEN_PRONOUN.search(text.lower())
        pronoun = topic and re.search(rf"\b{topic.group('pronoun')}\b", folded[span[1]:])
        if pronoun and actors:
            return _designated(pronoun.group(), actors), (span[1] + pronoun.start(), span[1] + pronoun.end())
        return None  # « le support payplug est-il ouvert ? » : an inverted question, not « l'ATC il fait… ? »
    named = frozenset(key for _, key in actors_in(cat, words))
    if not named and _the_merchant(words, (text, *previous_texts)):
        named = frozenset({CLIENT})
    if CLIENT in named and _OWN_CARD.search(folded[span[1]:]):
        # « c'est le client qui tape lui-même sa carte ? » : the customer paying, the card holder, not the merchant
        named = (named - {CLIENT}) | {HOLDER}
    return (named, span) if named else None


def _open_question(folded: str, match: re.Match[str]) -> bool:
    """Whether `folded` asks an open question besides the « c'est X qui… » `match` of `_ASKS_WHO` (its « qui » and a
    « qui » that describes ask nothing)."""
    return has_question_word(without_describing_who(folded[:match.end("who")]) + " " + folded[match.end():]
                             if match.group("who") else without_describing_who(folded))


def offers_named_as_doer(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« c'est Payplug qui fait le support pour SP+ ? » : les offres dont la société est la personne demandée
    (« payplug »), pas le sujet de la question (SP+)."""
    match = _ASKS_WHO.search(fold(text))
    words = match and (match.group("who") or match.group("last"))
    if not words:
        return ()
    orgs = {key.split(":", 1)[1] for _, key in actors_in(cat, words) if key.startswith("org:")}
    return tuple(o for o in cat.offres if o in orgs and _is_its_own_company(cat, o))


def asks_who_does(cat: Catalogue, text: str, focus_actors: Sequence[str]) -> bool:
    """« c'est BPCE qui gère ? », « ils s'occupent aussi de la page de paiement ? » : une question fermée sur qui
    fait une action (sans dire laquelle, elle porte sur la réponse précédente)."""
    return asked(cat, text, focus_actors) is not None


def doer_check(cat: Catalogue, text: str, answer_text: str, focus_actors: Sequence[str] = (),
               previous_texts: Sequence[str] = ()) -> Optional[Doer]:
    """« c'est eux qui signent avec le client ? » (`focus_actors` : qui désigne un pronom, clés de `actors_in`) :
    la phrase de `answer_text` (sinon des missions des rôles) qui partage le plus de mots d'action avec la question
    (sans action, celle des `previous_texts`, voir `_doer`) dit qui fait ; None quand la question n'a pas cette forme
    ou qu'aucune phrase ne dit cette action."""
    return _doer(cat, text, answer_text, asked(cat, text, focus_actors), previous_texts)


# « gère », « s'occupe de » : handling in general, which says nothing of what is handled (folded text)
# and the thing handled after it (« gère l'authentification », « s'occupent aussi de la tokenisation »), not what the
# speaker adds (« c'est l'ATC qui s'en charge je crois ? »)
_HANDLES = re.compile(r"\b(?:gere|gerent|gerer|geres|occupe\w*|charge\w*|assure\w*)"
                      rf"(?= (?:(?:{BY_THE_WAY}|tout|toute|tous|toutes) )?"
                      r"(?:de|du|des|d|la|le|les|l|un|une)\b)")


def handles_what_the_document_never_says(cat: Catalogue, text: str, asked_span: Tuple[int, int]) -> bool:
    """« elle gère l'authentification 3D Secure ? » : the action asked is handling (« gère », « s'occupe de ») a thing
    whose words no word of the catalogue or of the document begins like (a silent topic, `known_words`): the document
    does not say who does it, so no yes or no."""
    folded = fold(text)
    handles = _HANDLES.search(folded, asked_span[1])
    if handles is None:
        return False  # (« c'est BPCE qui gère ? » : nothing said after the verb, the thing is the answer's)
    things = _action_stems(cat, folded[handles.end():], (0, 0))
    known = known_words(cat)
    return bool(things) and not any(known.begins(stem) for stem in things)


def _doer(cat: Catalogue, text: str, answer_text: str, question: Optional[WhoAsked],
          previous_texts: Sequence[str] = ()) -> Optional[Doer]:
    """`doer_check`, une fois que `asked` a lu qui la question nomme (`question`) ; sans mot d'action (« aussi »,
    « le faire », rien) et avec un rôle nommé (pas un pronom ni une société), l'action est celle du plus récent des
    `previous_texts` (messages d'avant, du plus récent au plus ancien) qui en dit une, sinon la première que la
    réponse attribue à quelqu'un."""
    if question is None:
        return None
    who, span = question
    stems = _action_stems(cat, text, span)
    if not stems and any(key.startswith("role:") for _, key in actors_in(cat, text)):
        # a role named, not « eux » or a company: « et l'ATC, il peut le faire aussi ? », « c'est pas le CIF ? »
        stems = next((found for before in previous_texts if (found := _action_stems(cat, before, (0, 0)))), stems)
        # « et c'est pas le réseau qui la fait ? » right after the pricing: the action that answer states first
        stems = stems or next((found for clause, doer in statements(cat, answer_text)
                               if doer and (found := _action_stems(cat, clause, (0, 0)))), stems)
    if not stems:
        return None
    for pool in (statements(cat, answer_text), _index(cat)[1]):
        if best := _best_statements(pool, stems):
            # « Le CIF … procède à la contractualisation » and « Payplug procède à la contractualisation » are both
            # in Payplug's answer: yes when one of the best statements has the person asked doing it.
            clause, doer = next(((c, d) for c, d in best if _is_among(d, who)), best[0])
            does_it = _is_among(doer, who) and not _NEGATED.search(fold(clause))
            return Doer("verdict.oui" if does_it else "verdict.non", doer, clause, who)
    return None


def who_does_it(cat: Catalogue, text: str, answer_text: str) -> Optional[str]:
    """Who `answer_text` says does the action `text` names (« on n'intervient pas dans la négociation ? » after
    Payplug's pricing : « org:payplug », who negotiates) : the doer (keys of `actors_in`, `CLIENT`, `HOLDER`, `US`) of
    its statement sharing the most action words with the message ; None when no statement of the answer says it."""
    best = _best_statements(statements(cat, answer_text), _action_stems(cat, text, (0, 0)))
    return best[0][1] if best else None


# « c'est avec eux qu'il les négocie ? », « c'est bien avec le client que Payplug contractualise ? » (folded text)
_WITH_WHOM = re.compile(r"\b(?:c est|cest|c) (?:bien |aussi |directement |vraiment |toujours )?avec (?P<who>.+?) "
                        r"(?:qu|que|qui)\b"
                        # « ils négocient les tarifs avec nous ? » : with us, the client, them
                        r"|\bavec (?P<whom>nous|moi|la caisse|la cecaz|(?:le|notre|mon|son) client|eux|lui|elle|"
                        r"ces organismes|l organisme)\b")


# « on intervient dans la négo avec eux ? » : whether we do it, not with whom it is done (`cecaz.verdicts.us_verdict`)
_WE_DO_IT = re.compile(rf"^{OPENING}(?:nous on|nous|on|la cecaz|la caisse)\b")


def partner_verdict(cat: Catalogue, text: str, answer_text: str, focus_actors: Sequence[str] = ()) -> Optional[str]:
    """« c'est avec eux qu'il les négocie ? » after the AMEX's affiliation (« Les conditions tarifaires sont négociées
    directement avec ces organismes », section « Quelle tarification ? ») : « Oui. » when the sentence of `answer_text`
    sharing the most action words with the message does it « avec » whom the question names (a pronoun: who
    `focus_actors` designate, keys of `actors_in`), « Non. » when with someone else; None without that form, when
    no sentence of the answer says with whom, or when the message asks whether we do it (« on intervient… avec
    eux ? »)."""
    match = _WITH_WHOM.search(fold(text))
    group = next((g for g in ("who", "whom") if match and match.group(g)), "who")
    words = match.group(group).strip() if match else ""
    who = _designated(words, focus_actors) if _PRONOUN.fullmatch(words) \
        else frozenset(key for _, key in actors_in(cat, words))
    if words in ("lui", "elle"):
        # « et ils négocient leurs tarifs avec elle ? » about a caviste : « elle » may be the merchant herself
        who = who | {CLIENT}
    if not match or not who or has_question_word(text) or _WE_DO_IT.match(fold(text)):
        return None
    with_whom = [(clause, "avec") for clause in re.split(r"(?<=[.;:])\s+", answer_text) if " avec " in fold(clause)]
    best = _best_statements(with_whom, _action_stems(cat, text, match.span(group)))
    partners = [key for _, key in actors_in(cat, fold(best[0][0]).split(" avec ", 1)[1])] if best else []
    if not partners:
        return None
    return cat.say("verdict.oui" if any(_is_among(p, who) for p in partners) else "verdict.non")


def _is_among(doer: str, who: FrozenSet[str]) -> bool:
    """The doer is one of those asked; « l'organisme concerné » is any organisation asked (AMEX's, ANCV's)."""
    return doer in who or (SOME_ORGANISATION in (doer, *who) and any(
        d.startswith("org:") for d in who) and doer.startswith("org:"))


def focus_actors(cat: Catalogue, roles: Sequence[str], offres: Sequence[str], cartes: Sequence[str]) -> Tuple[str, ...]:
    """Ceux que désigne un pronom après une réponse : ses rôles, sinon l'organisation de son offre ou de sa carte
    (« c'est eux qui signent ? » après Payplug : la société Payplug)."""
    if roles:
        return tuple(f"role:{r}" for r in roles)
    orgs = [cat.offres[o].organisation for o in offres if o in cat.offres and cat.offres[o].organisation]
    orgs += [c for c in cartes if c in cat.organisations]
    return tuple(f"org:{o}" for o in dict.fromkeys(orgs))


def _lead_verdict(cat: Catalogue, question: Optional[WhoAsked],
                  answer: Answer) -> Optional[str]:
    """« c'est BPCE qui gère ? » (`question` : ce qu'en lit `asked`) sans phrase de la réponse qui dise cette action :
    qui la réponse nomme au début (ses deux premières lignes, où elle dit qui fait la chose) ; « Oui. » si c'est la
    personne demandée, « Non. » si c'est un autre rôle ou une autre organisation, None si elle n'y nomme personne."""
    named = [key for _, key in actors_in(cat, lead_lines(answer)) if key.startswith(("role:", "org:"))]
    if question is None or not named:
        return None
    return cat.say("verdict.oui" if set(question[0]) & set(named) else "verdict.non")


def opens_on_a_verdict(text: str) -> bool:
    """La réponse s'ouvre déjà sur son verdict (« Oui (le samedi) », « **Non** », « Ça dépend de la ligne… »)."""
    return opens_on_yes_or_no(text) or bool(_UNDECIDED.match(text))


def opens_on_yes_or_no(text: str) -> bool:
    """La réponse s'ouvre sur « Oui » ou « Non » (« **Non (le mardi à 8h45) :** ») : un oui ou un non de plus la
    contredirait ou la répéterait ; pas « Ça dépend de la ligne… », que « les deux… ? » tranche encore."""
    return bool(re.match(r"^\W*(?:oui|non)\b", text, re.IGNORECASE))


_SOURCE = "\n\nSource : "


def followed_by(first: Answer, then: Answer) -> Answer:
    """`first`, then the body of `then`, their sources (« Source : … » lines) said once at the end."""
    bodies: List[str] = []
    sources: List[str] = []
    for part in (first.text, then.text):
        body, found, source = part.rpartition(_SOURCE)
        bodies.append(body if found else part)
        sources.extend(s for s in source.split(" ; ") if found and s not in sources)
    text = "\n\n".join(b.strip() for b in bodies) + (_SOURCE + " ; ".join(sources) if sources else "")
    return replace(first, text=text)


# « et le diag avant, c'est bien lui ? » after Payplug's contracts: the CIF's diagnostic and selling come before any
# offer is chosen (« Comment choisir entre Payplug et SP+ ? »), so they hold whatever the offer's company does after.
_BEFORE_THE_CHOICE = re.compile(r"\b(?:diag\w*|commercialis\w*|vend\w*)\b")


def _done_by_the_offers_company(cat: Catalogue, question: Question, answer: Answer) -> bool:
    """The answer's opening names the company of an offer asked about that is its own company (Payplug, IZ
    eCommerce): that company does what the answer says for it."""
    opening = {key for _, key in actors_in(cat, lead_lines(answer))}
    return any(f"org:{o}" in opening for o in question.offres if _is_its_own_company(cat, o))


class DoerReading(NamedTuple):
    """What `with_doer` makes of a « c'est X qui… ? » question: the question and answer to give, the yes or no said
    first (None: none), and the roles (ids of `catalogue/roles.yml`) the question asked about, by name or by a
    pronoun (() for another question or another one asked)."""

    question: Question
    answer: Answer
    verdict: Optional[str]
    roles_asked: Tuple[str, ...] = ()


def asks_the_step_after(text: str) -> bool:
    """« le CIF vient de faire signer le contrat SP+. Et après ? » : l'étape qui suit ce qui vient d'être fait, pas un
    « c'est le CIF qui… ? » à confirmer (« c'est lui qui fait l'étape suivante ? » en est un)."""
    return asks_next_step(text) and not IT_IS_X_WHO.search(fold(text))


def with_doer(cat: Catalogue, text: str, question: Question, answer: Answer, actors: Sequence[str],
              now: datetime, previous_texts: Sequence[str] = ()) -> DoerReading:
    """La question, la réponse et le oui / non d'une question « c'est X qui… ? » (`actors` : `focus_actors`) ;
    quand la question porte sur un rôle et que la phrase qui tranche vient des missions d'un rôle (« l'ATC fait
    aussi le diag ? » : le CIF), la réponse devient la présentation de celui-ci ; quand cette phrase n'est pas dans
    la réponse et ne dit pas un rôle, ou qu'aucune phrase ne dit l'action, le oui / non vient de qui la réponse nomme
    au début (`_lead_verdict`) ; `previous_texts` : les messages d'avant, dont l'action vaut pour « il peut le
    faire aussi ? ». Sans cette forme de question : inchangées, None."""
    if opens_on_a_verdict(answer.text):
        return DoerReading(question, answer, None)  # « Non, réservé aux collaborateurs… », « **Oui (le samedi) :** »
    if asks_the_step_after(text):
        return DoerReading(question, answer, None)
    who = asked(cat, text, actors, previous_texts)
    roles = tuple(sorted(key.split(":", 1)[1] for key in who[0] if key.startswith("role:"))) if who else ()
    if who is not None and handles_what_the_document_never_says(cat, text, who[1]):
        return DoerReading(question, answer, None, roles)
    doer = _doer(cat, text, answer.text, who, previous_texts)
    if doer is not None and doer.statement not in answer.text and _done_by_the_offers_company(cat, question, answer) \
            and doer.doer not in {key for _, key in actors_in(cat, answer.text)} \
            and not _BEFORE_THE_CHOICE.search(fold(text)):
        # « et pour un client Payplug, c'est aussi le CIF qui paramètre ? » : the answer for that offer opens on the
        # company that does it (Payplug, full service) and never names the CIF: a role's missions do not apply to it
        doer = None
    if doer is not None and doer.statement not in answer.text:
        about_a_role = bool(question.roles) or any(a.startswith("role:") for a in doer.asked)
        if doer.doer.startswith("role:") and about_a_role:
            question = Question("ask_role", roles=(doer.doer.split(":", 1)[1],))
            answer = compose(cat, question, now)
        elif doer.doer.startswith("role:") and ("cecaz" in doer.asked or doer.asked == {CLIENT}):
            # « c'est moi en agence qui lui vends JPEL ? » : the speaker asked, a role does it: the answer asked for,
            # then that role's presentation (the question stays: « pourquoi ? » next is about it)
            # (« c'est le commerçant qui fait la simulation ? » : the merchant asked, the CIF does it; not « elle
            # gère… ? » after an offer, where « elle » may be the merchant or the offer's company)
            answer = followed_by(answer, compose(cat, Question("ask_role", roles=(doer.doer.split(":", 1)[1],)), now))
        else:
            doer = None  # a yes or no the reply would not back up
    if doer is None:
        return DoerReading(question, answer, _lead_verdict(cat, who, answer), roles)
    return DoerReading(question, answer, cat.say(doer.verdict), roles)


def doer_taken_for_granted(cat: Catalogue, text: str) -> Optional[Tuple[str, str]]:
    """« l'ATC fait la simu SimulEasy, il la met où après ? » : the message first says that a role does something,
    then asks ; when the document gives that action to another role (its missions, `catalogue/mise_en_place.yml`),
    (the role named, the role that does it) as `catalogue` role keys, else None."""
    clause, _, rest = first_clause(text)
    if not rest or not has_question_word(rest) or has_question_word(clause):
        return None
    who = asked(cat, f"{clause} ?", ())
    named = [a.split(":", 1)[1] for a in who[0] if a.startswith("role:")] if who else []
    if not named:
        return None
    doer = _doer(cat, f"{clause} ?", "", who)
    if doer is None or doer.verdict != "verdict.non" or not doer.doer.startswith("role:"):
        return None
    return named[0], doer.doer.split(":", 1)[1]
