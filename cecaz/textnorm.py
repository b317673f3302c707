"""Normalisation du texte tapé par les collaborateurs (accents, apostrophes, casse)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import List, Tuple

# Same-length replacements only: NLU entity offsets must stay valid after normalisation.
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u2032"
_SPACES = "\u00a0\u202f\u2007\u2009"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# « premier », « 2e », « troisième », « dernière » : the ranks a message can designate a subject by, and the position
# each says (0 the first, -1 the last) ; one vocabulary for every reader of a rank (folded text)
RANK_POSITIONS = {"premier": 0, "premiere": 0, "premiers": 0, "premieres": 0, "1er": 0, "1ere": 0, "1re": 0,
                  "deuxieme": 1, "second": 1, "seconde": 1, "2e": 1, "2eme": 1, "2nd": 1, "2nde": 1,
                  "troisieme": 2, "3e": 2, "3eme": 2, "dernier": -1, "derniere": -1, "derniers": -1,
                  "dernieres": -1}
# longest first, so that an alternation never stops at a prefix (« premier » in « premiere »)
RANK = "|".join(sorted(RANK_POSITIONS, key=len, reverse=True))
# the ranks counted from the start (not « le dernier »)
ORDINAL = "|".join(sorted((w for w, p in RANK_POSITIONS.items() if p >= 0), key=len, reverse=True))
# « le premier », « la deuxième », « l'autre » : something said by its place in the conversation (folded text)
PLACE = rf"(?:le|la|l) (?:{RANK}|autre)"
# « l'autre », « pour l'autre des deux » : the one of two not taken just before ; not « l'autre jour », « l'autre
# solution » (folded text)
# a contact line by what it is: « numéro », « ligne », « hotline », « mail », « équipe »… (folded text) ; one list for
# every reader of a line named by its noun
LINE_NOUN = r"(?:hotline|hot line|ligne|numero|num|tel|telephone|assistance|support|equipe|gens|service|helpdesk|" \
            r"contact|mail|adresse)s?"
# what is asked for when a line is asked for: its number, its address, its contact details (folded text; not the
# team or the service, which name the line)
LINE_DETAIL = r"(?:num\w*|tel\w*|mails?|e mail|adresses?|coordonnees|contacts?|lignes?)"
# an offer or a firm said by its kind of thing (« la solution », « la boîte », folded text)
OFFER_NOUN = r"(?:solution|offre|formule|truc|produit)s?"
FIRM_NOUN = r"(?:societe|boite|entreprise|prestataire)s?"
THE_OTHER = r"l autre\b(?! (?:jour|fois|cas|option|solution|offre|moyen))"
# « ? », « ?? », « ? ? » : a message of question marks only, let through by `cecaz.input_guard` and read as « what? »
# by `cecaz.moves.read_move`
QUESTION_MARKS_ALONE = re.compile(r"[?¿？\s]*[?¿？][?¿？\s]*")
# « dans mon mail », « en copie », « en dessous » : written down in a message to the merchant (folded text)
# (« je peux la coller dans le compte rendu que j'envoie au commerçant ? », « je l'ajoute aussi en dessous ? »)
IN_WRITING = r"(?:(?:dans|sur|en|a) (?:le |la |un |une |mon |ma |son |sa |ce |cette )?" \
             r"(?:vieux |vieil |ancien |ancienne |dernier |derniere |autre |precedent |precedente )?" \
             r"(?:mail|e mail|message|courrier|courriel|reponse|sms|signature|copie|compte rendu|cr|recap\w*|" \
             r"synthese|devis|document)|(?:juste )?en (?:dessous|bas)|a la suite)"
# « je lui donne quoi ? », « je le file ? » : a line handed over to someone
# (folded words; « je dois passer par un CIF » goes through someone: it hands nothing over)
HAND_OVER = r"(?:donne|communique|transmet|transfer|file|refile)\w*|passe\w*\b(?! par\b)"
# « je le lui laisse ? », « je lui remets quel numéro ? » : left with him, only after « lui » or « leur » (not
# « laisser un message à l'équipe », « remettre le dossier »)
LEAVE_WITH = r"(?:laisse|remet)\w*"
# « lui donner », « leur laisser » : handed over or left with the merchant (folded)
HANDED_TO_HIM = rf"(?:lui|leur) (?:{HAND_OVER}|{LEAVE_WITH})"
# « et », « mais », « bon », « du coup »… : the connectors a message opens on before what it says (folded text).
# « … », "…", “…” : words quoted, the merchant's own (typed text, before folding removes the marks)
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")


def quoted_notes(text: str) -> List[re.Match[str]]:
    """The words quoted in `text` (typed, `QUOTED`) that are not a question (« post-it : « appeler la monétique pro
    avant samedi » » is a note ; « il me dit « vous êtes ouverts samedi ? » » quotes the merchant's question), in
    order."""
    return [q for q in QUOTED.finditer(text) if not q.group()[1:-1].rstrip().endswith("?")]


OPENING_WORD = r"(?:et|mais|donc|ok|alors|bon|ah|euh|du coup)"
OPENING = rf"(?:{OPENING_WORD}\s+)*"
# « il peut donc appeler », « accepte-t-il aussi… », « gère quand même la… » : adverbs said by the way, between a verb
# and what it bears on, which change neither (folded words)
BY_THE_WAY = r"(?:aussi|egalement|bien|deja|meme|vraiment|donc|alors|quand meme|du coup|toujours|directement)"
# « lui-même », « tout seul », « en direct » : the merchant (or the team) acting by himself, without us (folded)
BY_ONESELF = r"(?:lui|elle|eux|elles|soi) memes?|toute? seule?s?|en direct"
# « SimulEasy ou SimulUPI », « moi ou le CIF » : a choice between two things, read on the typed text in lower case
# (normalising would make « où » an « ou ») ; not « ou pas », « ou non »
_EITHER_OR = re.compile(r"\w\W+ou\W+(?!pas\b|non\b)\w")

# What something is for: « ça sert à quoi cette adresse ? », « c'est pour quoi ce numéro ? », « on s'en sert pour
# quoi ? », « on l'appelle pour quoi exactement ? », « elle traite quelles demandes ? », « pour quelles demandes ? »
# (folded text, anywhere in the message; « pourquoi », one word, asks a reason)
WHAT_FOR = re.compile(r"\b(?:sert|servent|servir|appelle\w*|contacte\w*|joint|joindre|ecri\w*|sollicite\w*) "
                      r"(?:\w+ ){0,2}(?:a quoi|pour quoi)\b|"
                      r"\ba quoi (?:il|elle|ils|elles|ca|ce|ce numero|cette \w+) (?:sert|servent)\b|"
                      r"\ba quoi (?:sert|servent) (?:chacun|chacune|l un|l une|les deux|ces)\b|"
                      r"\bc est pour quoi\b|\bpour quoi faire\b|\ba quoi (?:ca )?correspond\w*\b|"
                      r"\bca correspond a quoi\b|\b(?:traite\w*|gere\w*|prend\w* en charge|s occupe\w* de) quel\w* "
                      r"(?:demandes?|questions?|sujets?|cas|dossiers?)\b|"
                      r"\bpour quel(?:le)?s? (?:demandes?|sujets?|questions?)\b")


def says_either_or(text: str) -> bool:
    """« SimulEasy ou SimulUPI pour les Diners ? », « c'est moi ou le CIF ? » : the message offers a choice between two
    things (« ou » with a word on each side, not « où », « ou pas », « ou non »)."""
    return bool(_EITHER_OR.search(text.lower()))


@lru_cache(maxsize=4096)  # the characters of French text: a few hundred
def _strip_accent(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def normalize_same_length(text: str) -> str:
    """Text with accents stripped, apostrophes and spaces unified, controls blanked; same length."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char in _APOSTROPHES:
            out.append("'")
        elif char in _SPACES:
            out.append(" ")
        else:
            out.append(_strip_accent(char))
    return _CONTROL.sub(" ", "".join(out))


def plain_lower(text: str) -> str:
    """`normalize_same_length(text)` in lower case: the key the patterns are written on, offsets of `text` kept."""
    return normalize_same_length(text).lower()


# Teams typed on a phone: SMS spellings of function words, written as the folded text of the full word.
_TEAMS_SPELLINGS = {
    "cest": "c est", "sest": "s est", "nest": "n est", "jai": "j ai", "ya": "y a", "yen": "y en", "yaura": "y aura",
    "jsuis": "je suis", "chui": "je suis", "jsais": "je sais", "jpeux": "je peux", "jdois": "je dois",
    "jlui": "je lui", "jmets": "je mets", "jdis": "je dis", "jcompte": "je compte", "jle": "je le", "jla": "je la",
    "jvais": "je vais", "cad": "c est a dire",
    # « jdonne le support au client », « jpropose quoi » : the adviser's acts
    "jdonne": "je donne", "jfile": "je file", "jrefile": "je refile", "jpasse": "je passe",
    "jtransmets": "je transmets", "jcommunique": "je communique", "jpropose": "je propose",
    "jconseille": "je conseille", "jfais": "je fais", "jregarde": "je regarde",
    "dc": "donc", "qd": "quand", "pr": "pour", "pq": "pourquoi", "pk": "pourquoi", "pkoi": "pourquoi",
    "pourkoi": "pourquoi", "koi": "quoi", "kel": "quel", "kelle": "quelle", "kels": "quels", "ki": "qui",
    "ds": "dans", "tt": "tout", "tjr": "toujours", "tjrs": "toujours", "bcp": "beaucoup", "qqn": "quelqu un",
    "qqch": "quelque chose", "pb": "probleme", "pbm": "probleme", "pbs": "problemes", "num": "numero",
    "nums": "numeros", "slt": "salut", "bjr": "bonjour", "mrc": "merci", "dsl": "desole", "auj": "aujourd hui",
    "ajd": "aujourd hui", "msg": "message", "rdv": "rendez vous",
}
# « latc », « sil », « lamex », « quil » : an elided article or pronoun glued to the word of the document after it.
_GLUED = re.compile(r"\b(?:[ld](?=(?:amex|ancv|atc|acheteur|acquisition|acceptation|assistance|offre|"
                    r"equipe|outil|adresse|appel|appeler|appelle|utiliser|envoyer|agence|affiliation|affilie|autre|"
                    r"argent|accord|interne|iz|osc|heure|"
                    r"horaire|email|encaissement|impaye|ouverture|abonnement|etape|option)s?\b)"
                    r"|qu(?=(?:il|ils|on)\b)|s(?=(?:il|ils|en|y|occup\w*|adress\w*)\b)|[jn](?=(?:en|y)\b)"
                    # « jappelle qui », « jenvoie ou » : the subject « je » glued to its verb
                    r"|j(?=(?:appell?\w*|envoi\w*|ecri[st]\w*|utilise\w*|oriente\w*|indique\w*|ajoute\w*|expliqu\w*|"
                    r"annonce\w*|allais|avais|aurais|"
                    r"etais)\b))")
# « elle dit quelle a pas de site », « il veut savoir quelle doit faire quoi » : « qu'elle » typed without its
# apostrophe, before a verb (not the question word: « quelle ligne », « quelle est… »)
_QU_ELLE = re.compile(r"\bqu(?=elles? (?:a|ont|na|n|veut|veulent|voudrait|peut|peuvent|pourra|doit|doivent|prend|"
                      r"vend|fait|ait|aient|soit)\b)")
# « c koi », « c lequel » : « c » alone, not elided before its verb, stands for « c'est ».
_C_EST = re.compile(r"\bc\b(?= \w)(?! (?:est|etait|etaient|en|a|sera|serait)\b)")


# Question words typed fast (« pourqoui », « porquoi », « coment », « conbien ») : the word, with the slips allowed
# (letters changed, added, dropped or swapped) ; not the real words that lie as close (« commet », « pour qui »)
_SLIPPED = (("pourquoi", 2, frozenset({"pourqui", "pourvoi"})), ("comment", 1, frozenset({"commet", "commente"})),
            ("combien", 1, frozenset({"combine"})))


def _slips(word: str, target: str, most: int) -> bool:
    """`word` is `target` typed with at most `most` slips (optimal string alignment distance, first letters kept)."""
    if word[:1] != target[:1] or abs(len(word) - len(target)) > most:
        return False
    row = list(range(len(target) + 1))
    before: list[int] = []
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(target, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (a != b))
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, row = row, current
    return row[-1] <= most


@lru_cache(maxsize=4096)
def _question_word(word: str) -> str:
    for target, most, real in _SLIPPED:
        if word != target and word not in real and len(word) >= 5 and _slips(word, target, most):
            return target
    return word


def _teams_spelling(folded: str) -> str:
    words = [_TEAMS_SPELLINGS.get(w) or _question_word(w)
             for w in _QU_ELLE.sub("qu ", _GLUED.sub(r"\g<0> ", folded)).split()]
    return _C_EST.sub("c est", " ".join(words))


@lru_cache(maxsize=16384)  # the catalogue's names and phrases are folded again for every message
def fold(text: str) -> str:
    """Comparison key: lower case, no accents, punctuation other than '+' turned into spaces, Teams spellings
    written out (« cest » → « c est », « pk » → « pourquoi », « latc » → « l atc », « c koi » → « c est quoi »)."""
    text = re.sub(r"[^\w+]+", " ", plain_lower(text))
    return _teams_spelling(" ".join(text.split()))


# Short or frequent words that say nothing of the subject (French function words, question words).
_STOP = frozenset("""avec dans pour quoi quel quelle quels quelles comment combien sont elle elles ils nous vous
leur leurs cette ceux celle faire fait font peut peux doit dois client clients notre votre mon ton son
""".split())


# Teams short forms of the document's words (« le diag », « la simu ») : the word the document writes.
_SHORT_FORMS = {"diag": "diagnostic", "diags": "diagnostic", "simu": "simulation", "simus": "simulations"}


def content_words(text: str) -> set[str]:
    """Les mots significatifs d'un texte (repliés, quatre lettres au moins, hors mots-outils ; « diag » et « simu »
    comme le document les écrit)."""
    return {_SHORT_FORMS.get(w, w) for w in fold(text).split() if len(w) >= 4 and w not in _STOP}


# Un mot interrogatif fait une question ouverte (« quel contrat ouvrir ? », « qui le paramètre ? ») ; « ou pas »,
# « quand même » non.
# « il sert quand le client part chez Payplug ? », « c'est le CIF qui fait signer quand il part sur Payplug ? » : a
# condition inside the question, not « when? »
_CONDITION = (r"(?!(?<=\w quand) (?:(?:le|la|l|un|une|son|sa|mon|ma|notre|leur|ton) "
              r"(?:client|cliente|commercant|marchand|pro)s?|il|elle|ils|elles|on)\b)")
# « SP+ c'est quand Payplug ne convient pas » : a negated clause after « quand » is a condition too.
_NEGATED_CLAUSE = r"(?! (?:\w+\+? ){1,2}(?:ne|n|pas)\b)"
# « je le transmets tel quel ? » : « quel » after « tel » says how, it asks nothing
_QUESTION_WORD = re.compile(r"\b(?<!\btel )(?<!\btelle )(?<!\btels )(?<!\btelles )"
                            # « qu'est-ce qu'on lui propose ? » asks what (« est-ce qu'on… ? » alone asks whether)
                            r"(?:qu est ce (?=que?\b|qui\b)|"
                            r"quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|qui|quoi|comment|"
                            rf"combien|pourquoi|(?<!c est )quand(?! meme\b){_CONDITION}{_NEGATED_CLAUSE}|"
                            # « au cas où » : just in case, not where
                            r"(?<=c est )quand\s*$|(?<!\bau cas )ou)\b(?! (?:pas|non)\b)")  # « pk », « koi » : by fold


# « pour un client jpel qui veut prendre les diners, … ? » : « qui » opens a clause describing the merchant, or what
# is asked about (below).
# (« un kiné qui saisit lui-même la carte… » : a merchant by his trade, at the start of the message)
_DESCRIBING_WHO = re.compile(r"\b(?:un|une|mon|ma|le|la|ce|cette|son|sa|notre|leur|des|les|mes|nos|ses|leurs|au|aux) "
                           r"(?:client|cliente|commercant|commercante|marchand|marchande|pro|artisan|artisane)s?"
                           r"(?: \w+\+?)? qui\b|^(?:(?:j ai|on a) )?(?:un|une) \w+(?: \w+\+?)? qui\b|"
                           # « le CIF qui monte la tarif, il la fixe seul ? » : whoever is described at the start, then
                           # taken up by a pronoun (`cecaz.notions` names a role described so)
                           r"^(?:et |mais |ok )?(?:le|la|les|l) \w+ qui\b(?=.*\b(?:ils|elles|il|elle|lui|eux)\b)|"
                           # « les gens de Payplug qui s'occupent des banques, ils répondent demain ? » : a line
                           # described
                           r"\b(?:les|la|le|l) (?:gens|equipe|ligne|hotline|numero|service|assistance)(?: (?:de|du|d) "
                           r"\w+)?(?: internes?)? qui\b(?=.*\b(?:ils|elles|il|elle)\b)|"
                           # « SP+, ça marche pour un garage qui n'a pas de site ? », « une ligne pour les contrats JPEL
                           # qui coincent ? », « le lead d'un torréfacteur qui veut… » (not « pour un souci qui
                           # appeler ? »)
                           # (« pour un restaurant en sp+ qui veut les diners »)
                           # (« je vois demain un brasseur qui a déjà son site ; … » : « un », whatever comes before)
                           r"(?:\b(?:pour|avec|sur|d|de) (?:un|une|les|des|ses|leurs|nos|mes|ces|son|sa|mon|ma)|"
                           r"\b(?:un|une)) \w+(?: \w+\+?){0,2} qui (?=(?:ne |n )?(?:a|ont|veut|veulent|vend\w*|"
                           r"prend\w*|accepte\w*|souhaite\w*|cherche\w*|propose\w*|encaisse\w*|possede\w*|dispose\w*|coinc\w*|"
                           r"bloqu\w*|plant\w*|bug\w*|beug\w*|march\w*|fonctionn\w*)\b)|"
                           # « j'ai rendez-vous avec une caviste qui me demande : … » : who speaks to me, described
                           r"\b(?:un|une|mon|ma|le|la|ce|cette|des|les|mes) \w+(?: \w+\+?)? qui (?=(?:me|m|nous) \w)|"
                           # « un restaurant qui a un site et à qui Payplug ne plaît pas, faut une simu ? »
                           r"\bet (?:a|pour|chez|avec) qui\b(?= [\w+]+ (?:ne|n)\b)")


def has_question_word(text: str) -> bool:
    """« quel numéro je donne ? » en a un ; « je peux le donner ? », « c'est obligatoire ou pas ? », « c'est quand même
    payant ? » n'en ont pas ; « et quand ça convient pas ? » non plus, mais la situation seule, sans rien qui suive,
    demande ce qu'on fait alors : une question ouverte."""
    folded = fold(text)
    return bool(_QUESTION_WORD.search(folded) or _SITUATION_ALONE.match(folded) and not re.search(r"[,:;]", text))


# « et qd ça convient pas », « et lorsqu'il n'a pas de site ? » : a situation asked about, no clause after it (folded)
_SITUATION_ALONE = re.compile(rf"^{OPENING}(?:quand|lorsqu\w*) (?:[\w+]+ ){{0,5}}[\w+]+\s*$")


def without_describing_who(text: str) -> str:
    """`text` replié sans le « qui » qui ouvre une description (d'un commerçant : « pour un client jpel qui veut
    prendre les diners, on fait la simu sur simuleasy ? » ; de ce dont on parle : « une ligne pour les contrats JPEL qui
    coincent ? ») ni le moment posé avant la question, jusqu'à sa virgule (« quand un commerçant tape lui-même les
    cartes, la CECAZ le recommande ? ») : ce « qui », ce « quand » ne sont pas des mots interrogatifs, la question
    reste fermée."""
    # « je vois un fleuriste demain, qui a la main sur le contrat ? » : a « qui » right after a comma asks who (the
    # mark keeps the description's pattern from reaching across the comma)
    parts = re.split(r",\s*(?=qui\b)", the_question_itself(text), flags=re.IGNORECASE)
    return _DESCRIBING_WHO.sub(" ", " ¦ ".join(fold(part) for part in parts)).replace(" ¦", "")


def first_clause(text: str, breaks: str = ",;:") -> Tuple[str, str, str]:
    """« quand c'est signé, qui assure l'assistance ? » → (« quand c'est signé », « , », « qui assure… ») : `text`
    cut at its first comma, semicolon or colon (`breaks`); (text, "", "") without one. Typed text in, typed text out:
    the one place where a message is cut between what it sets first (a moment, a topic, a premise, a claim) and the
    rest."""
    cut = re.search(f"[{re.escape(breaks)}]", text)
    return (text[:cut.start()], cut.group(), text[cut.end():]) if cut else (text, "", "")


def the_question_itself(text: str) -> str:
    """« quand un commerçant tape les cartes, la CECAZ le recommande ? » → « la CECAZ le recommande ? » (typed text) ;
    « la solution sans site où le client saisit sa carte : faut-il un contrat ? » → « faut-il un contrat ? » : the
    moment, or the subject described, set before the question up to its comma or colon; « avant la signature le cif
    doit faire une simu », a brief moment typed without a comma → « le cif doit faire une simu » (folded, then: the
    offsets of the typed text are not kept). Unchanged when the moment is the question (« quand est-ce qu'ils ouvrent,
    le support ? ») or when too little follows to be a question of its own (« quand ils ouvrent, demain ? », « la
    ligne pour qui, celle-là ? »)."""
    head, separator, rest = first_clause(text, ",:")
    length = len(fold(rest).split())
    if separator and _CIRCUMSTANCE.match(fold(head)) and not _WHEN_ASKED.match(fold(head)) and length > 1:
        return rest
    if separator and _TOPIC.match(fold(head)) and length > 2:
        return rest
    if not separator and (moment := _BRIEF_MOMENT.match(fold(text))) and len(fold(text)[moment.end():].split()) > 2:
        return fold(text)[moment.end():]  # « avant la signature le cif doit faire une simu » typed without a comma
    return text




# « une fois les contrats paramétrés, », « après la simu, », « quand c'est signé, » : a moment set before the question
_CIRCUMSTANCE = re.compile(rf"^{OPENING}(?:une fois|apres|avant|quand|lorsqu\w*|des que)\b")
# « avant la signature », « après la simu » : a moment said by one noun, that needs no comma to end (folded text)
_BRIEF_MOMENT = re.compile(rf"^{OPENING}(?:avant|apres|des) (?:la|le|les|l) \w+ ")
# « la solution sans site où c'est le client qui saisit sa carte : … » : a subject named first, by a determiner
_TOPIC = re.compile(rf"^{OPENING}(?:le|la|les|l|un|une|ce|cet|cette|ces|mon|ma|mes|son|sa|"
                    r"ses|notre|nos|leur|leurs) ")
# « quand est-ce que… », « quand ça ? », « après quoi ? » : the moment is what is asked
_WHEN_ASKED = re.compile(rf"^{OPENING}(?:quand|apres|avant|lorsqu\w*)(?: est ce| ca\s*$| quoi\b|\s*$)")


def question_after_circumstance(text: str) -> str:
    """« une fois les contrats paramétrés, qui assure l'assistance ? » → « qui assure l assistance » (folded) : the
    question, without the moment set before it and its comma ; "" when the message sets no moment before a question
    word."""
    head, _, rest = first_clause(text)
    return fold(rest) if rest and _CIRCUMSTANCE.match(fold(head)) and has_question_word(rest) else ""
