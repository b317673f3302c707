"""Un message, plusieurs parties : politesse en tête d'une question, plusieurs questions à la suite.

- `blank_leading_courtesy` efface (par des espaces, même longueur) une salutation ou un remerciement
  placé devant une question (« Bonjour, tu peux me rappeler ce qu'est SP+ ? »), pour que le NLU lise
  la question et non la salutation. Un message qui n'est que politesse reste tel quel.
- `blank_trailing_tag` efface de même la demande de confirmation qui finit une question (« ça marche sans site,
  c'est bien ça ? », « il faut pas de contrat VAD, si ? ») : le NLU lit ce qui est vérifié.
- `split_questions` coupe un message après chaque « ? » suivi d'une autre question (« C'est quoi SP+ ?
  Et leur numéro ? ») : chaque partie est traitée comme un message, dans l'ordre, et la seconde peut
  s'appuyer sur la première (focus de la conversation)."""

from __future__ import annotations

import re
from typing import Callable, List

from cecaz.textnorm import LINE_DETAIL, fold, has_question_word, plain_lower, without_describing_who

# Greeting, thanks or acknowledgement, with an optional addressee, then punctuation; repeated
# ("ok merci, …"). Written on text already normalised (no accents, straight apostrophes).
# « ah ok nickel. », « hmm je vois, », « super merci bcp, derniere question : » ; not « ah bon ? », a doubt.
_COURTESY = re.compile(
    r"(?:bonjour|bonsoir|salut|hello|coucou|hey|re|merci(?: beaucoup| bien| encore| bcp| infiniment)?|ok|okay|"
    r"d'accord|daccord|dac|super|parfait|top|genial|cool|nickel|excellent|tres bien|bien recu|"
    r"ah(?! bon)(?: oui| ok)?|oh|hmm*|"
    # only before punctuation: « ça marche sur n'importe quel terminal ? » is a question
    r"(?:je vois|ca marche|entendu|compris|(?:une |la )?derniere question)(?=\s*[,!.;:]))"
    r"(?: (?:a (?:tous|toi|vous)|tout le monde|madame|monsieur|l'assistant|le bot|cecaz))?"
    r"(?:\s*[,!.;:]+|\s+|$)", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Words a question must keep after the courtesy is blanked; "bonjour, ça va ?" stays small talk.
MIN_QUESTION_WORDS = 3


# « super », « ok merci », « top » : what acknowledges an answer (not a greeting: « bonjour » alone opens one)
_ACKNOWLEDGES = re.compile(r"\b(?:merci|ok|okay|d'accord|daccord|dac|super|parfait|top|genial|cool|nickel|excellent|"
                           r"tres bien|bien recu|entendu|compris|je vois|ca marche)\b")


def _courtesy_end(folded: str, start: int) -> int:
    """Where the run of courtesy words (`_COURTESY`) that begins at `start` in `folded` ends, spaces after it
    included ; `start` when none begins there."""
    end = start
    while (match := _COURTESY.match(folded, end)) and match.end() > end:
        end = match.end()
        end += len(folded[end:]) - len(folded[end:].lstrip())
    return end


def acknowledges(text: str) -> bool:
    """« super », « ok merci bcp ! », « top, nickel » : the whole message is courtesy words (`_COURTESY`) and one of
    them acknowledges the answer ; not « bonjour » alone, nor « ok et leur mail ? » (a question follows)."""
    folded = plain_lower(text).strip()
    end = _courtesy_end(folded, 0)
    return end > 0 and not folded[end:].strip(" !.?") and bool(_ACKNOWLEDGES.search(folded))


def blank_leading_courtesy(text: str) -> str:
    """`text` with its leading courtesy words replaced by spaces (same length, so NLU entity offsets
    stay valid), when at least `MIN_QUESTION_WORDS` words follow; otherwise `text` unchanged."""
    folded = plain_lower(text)
    end = _courtesy_end(folded, len(folded) - len(folded.lstrip()))
    if end == 0 or len(_WORD.findall(text[end:])) < MIN_QUESTION_WORDS:
        return text
    return " " * end + text[end:]


# A confirmation tag after what is checked (« ça marche sans site, c'est bien ça ? », « il faut pas de contrat, si ? »,
# « c'est eux qui signent, hein ? ») : the question is what comes before it. Not « oui ou non ? ».
_TAG = re.compile(r"(?:,|\s)\s*(?<!\bou )(?:"
                  # said without « ? » too: « dc sp+ c'est quand payplug convient pas c'est ça »
                  r"(?:c'?est (?:bien )?ca|c'?est bien le cas|c'?est (?:bien )?exact|c'?est correct|c'?est juste|"
                  r"c'?est bien (?:cela|ca)|n'est[- ]ce pas|pas vrai|on est d'accord|j'ai bon|je me trompe|hein)"
                  r"(?=\s*\?*\s*$)"
                  r"|(?:non|si|ok|exact|correct|vrai|right)(?=\s*\?+\s*$))")


def blank_trailing_tag(text: str) -> str:
    """`text` with a confirmation tag before its final « ? » replaced by spaces (same length, so NLU entity offsets
    stay valid), when at least `MIN_QUESTION_WORDS` words come before it; otherwise `text` unchanged."""
    match = _TAG.search(plain_lower(text))
    if match is None or len(_WORD.findall(text[:match.start()])) < MIN_QUESTION_WORDS:
        return text
    return text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]


_AFTER_QUESTION_MARK = re.compile(r"(?<=\?)\s+")
# « c'est combien payplug ? il me demande les tarifs » : what the client said to the speaker, the reason of the
# question before, not another one.
_REPORTED = re.compile(r"^(?:et |car |parce qu\w* |vu qu\w* )?(?:il|elle|ils|elles|(?:le|la|mon|ma|notre|son|sa) "
                       r"(?:client|cliente|commercant|commercante|pro))\s+(?:me|m|nous)\b", re.IGNORECASE)
# A part shorter than this is not a question of its own ("Payplug ? c'est quoi ?").
MIN_PART_WORDS = 2
MAX_PARTS = 3


# « le num du support payplug et ils bossent le samedi ? », « c'est quoi SP+, et qui le vend ? » : a second question
# joined to the first by « et », opening as a question does (a question word, a pronoun subject, « leur » + a thing,
# « faut »…) ; not « le numéro et l'adresse du support ? », « il faut un contrat et une simu ? » (one question on two
# things). Folded text.
# (« et qu'on équipe de JPEL » goes on describing: « que » opens a question only as « qu'est-ce », « que fait »)
# (« et pour quelles demandes faut-il l'appeler ? » : a preposition, then the question word)
_OPENS_A_QUESTION = re.compile(r"(?:(?:pour|de|sur|avec|a|par|chez|dans|en) (?=qu|lequel|laquelle|combien))?"
                               r"(?:qui|quoi|qu est ce|que (?:fait|font|faut|doit|dois)|quel\w*|lequel|laquelle|"
                               r"comment|ou|pourquoi|combien|est ce|c est|cest|c|il|ils|elle|elles|on|je|j|jpeux|"
                               r"leur|leurs|son|sa|ses|faut|peut|peuvent|doit|doivent)\b")
# The first of two joined questions asks something: a question word, an inverted verb (« faut-il », « est-il »), a
# closed question's opening (« faut… », « est-ce… », « je peux… ») or a request for a line (« le num du support… »)
# (not « mon client a un site et il veut SP+, tu conseilles quoi ? », a situation then one question). Folded text.
_ASKS = re.compile(r"^(?:(?:et|ok|bon|alors|sinon|pour (?:\w+ ){1,4}?)\s*)*(?:faut|est ce|c est|cest|c|peut on|on peut|"
                   r"je peux|jpeux|y a|il y a|ya|(?:le|la|les|l) " + LINE_DETAIL + r"|les horaires)\b")
# « et » between two parts, with its comma if any (folded text); what follows it is read by `_OPENS_A_QUESTION`
_AND = re.compile(r"(?:\s*[,;]\s*|\s+)et ")
_ASKED_AFTER_A_COMMA = re.compile(r",\s*(?:qui|quel\w*|comment|o[uù]|pourquoi|combien)\b")
_INVERTED = re.compile(r"\w-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
# what goes on with the first part after « et » : a preposition, a clitic pronoun (folded text)
_GOES_ON = re.compile(r"(?:de|d|du|des|en|a|au|aux|pour|par|avec|sur|sans|chez|me|m|te|t|nous|vous|lui|le|la|les|se|s|"
                      r"y|ne|n)\b")
# a second question without an opening question word is short (« et l'argent arrive comment »)
# The user event's metadata key that numbers the parts of a message cut by `split_questions` after the first (1, 2…)
PART_METADATA = "partie"
MAX_OWN_QUESTION_WORDS = 6
# A part joined by « et » is a question of its own only with this many words at least
MIN_JOINED_WORDS = 3


def _joined_questions(piece: str, stands_alone: Callable[[str], bool]) -> List[str]:
    """`piece` cut where « et » joins two questions (at least `MIN_JOINED_WORDS` words each), the first asking
    something and standing alone (`stands_alone`), the second opening as a question does (it may lean on the first:
    « et qui le vend ? ») : « faut une simu pr les diners et on la met ou apres » → two parts."""
    folded = _folded(piece)
    for match in _AND.finditer(folded):
        first, second = piece[:match.start()].strip(), piece[match.end():].strip()
        # « … et l'argent arrive comment ? » : a short second question by its own question word; not « … et
        # d'acceptation sp plus, c quoi ? », « … en CB et en UnionPay. Qu'est-ce qu'on lui propose ? », « elle me dit
        # que … et me demande qui elle doit appeler » (a complement or the same verb's subject going on)
        own = len(_WORD.findall(second)) <= MAX_OWN_QUESTION_WORDS and not _GOES_ON.match(folded, match.end()) \
            and not re.search(r"[.?!]\s", second) and has_question_word(without_describing_who(second))
        if not (_OPENS_A_QUESTION.match(folded, match.end()) or own):
            continue
        # (« pour un ébéniste qui vend sur devis, … » : the « qui » that describes asks nothing)
        # (« pour un client Payplug, qui négocie les tarifs » : after a comma, « qui » asks)
        asks = has_question_word(without_describing_who(first)) or _INVERTED.search(first) \
            or _ASKS.match(fold(first)) or _ASKED_AFTER_A_COMMA.search(first.lower())
        if len(_WORD.findall(first)) >= MIN_JOINED_WORDS and len(_WORD.findall(second)) >= MIN_JOINED_WORDS \
                and asks and stands_alone(first):
            return [first, second[:1].upper() + second[1:]]
    return [piece]


def _folded(text: str) -> str:
    """`text` lowered without accents, apostrophes and hyphens as spaces, same length (offsets stay valid)."""
    return plain_lower(text).replace("'", " ").replace("-", " ")


def split_questions(text: str, stands_alone: Callable[[str], bool] = lambda part: True) -> List[str]:
    """The questions of `text` in order: cut after a « ? » followed by at least `MIN_PART_WORDS` words
    that `stands_alone` accepts (« Et le numéro de leur support ? » names what it asks; « c'est quoi la
    raison ? » only goes on with the first question), and where « et » joins two questions that each stand alone
    (« c'est quoi SP+ et qui le vend au client ? »), at most `MAX_PARTS` parts (the rest stays with the
    last one). A command (« /intent ») is never cut. Shape: non-empty list of non-empty strings; `[text]`
    when there is nothing to cut."""
    if text.lstrip().startswith("/"):
        return [text]
    parts: List[str] = []
    # (the second of two questions joined by « et » is one, even when it leans on the first: « et qui le vend ? »)
    pieces = [(joined, index > 0) for piece in _AFTER_QUESTION_MARK.split(text.strip())
              for index, joined in enumerate(_joined_questions(piece, stands_alone))]
    for piece, joined in pieces:
        short = len(_WORD.findall(piece)) < MIN_PART_WORDS or not (joined or stands_alone(piece)) \
            or bool(_REPORTED.match(plain_lower(piece).replace("'", " ")))
        if parts and (short or len(parts) == MAX_PARTS or len(_WORD.findall(parts[-1])) < MIN_PART_WORDS):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [part for part in parts if part] or [text]


# A message that stops on a word that cannot end a question was sent too early ("quel simulateur
# pour les", "mon client veut accepter les…"): the next short message finishes it.
# Not « un », « qui », « ou », « a » : « il veut en créer un », « c'est pour qui », « il est où », « il en a » end a
# message ; « en » does not (« quel mail je donne à un commerçant en » + « sp+ »), save in an imperative
# (« parle-m'en »).
_DANGLING = frozenset("""le la les l d de des du au aux pour par avec sur sous chez dans entre et
mon ma mes ton ta tes son sa ses notre nos votre vos leurs ce cet cette ces quel quelle quels quelles
qu c en""".split())
_APOSTROPHES = ("'", "\u2019")
_ELLIPSIS = re.compile(r"(?:\u2026|\.\.\.|-)\s*$")
_BE = frozenset("est sont es etes suis sommes c".split())
_DEMONSTRATIVE_PRONOUNS = frozenset("celui celle ceux celles".split())
_DEMONSTRATIVES = frozenset("ce cet cette ces".split())
# A completion is short and asks nothing by itself; « et là, maintenant ? » starts a question of its own.
MAX_COMPLETION_WORDS = 5
_OWN_START = re.compile(r"^\s*(?:et|mais|ok|sinon|alors)\b", re.IGNORECASE)


def looks_cut_off(text: str) -> bool:
    """True when `text` ends mid-sentence: an ellipsis, a dash, or a word that cannot end a question."""
    if text.rstrip().endswith("?") or text.lstrip().startswith("/"):
        return False
    words = _WORD.findall(plain_lower(text))
    if not words:
        return False
    last = words[-1].split("'")[-1]
    # « ils sont la », « il est gratuit celui la », « et a cette heure la » typed without the accent: « là », which
    # ends a question
    there = last == "la" and len(words) > 1 and (
        words[-2] in _BE or words[-2] in _DEMONSTRATIVE_PRONOUNS or (len(words) > 2 and words[-3] in _DEMONSTRATIVES))
    imperative = last == "en" and re.search(r"[-'\u2019]en\s*$", text) is not None
    return bool(_ELLIPSIS.search(text)) or (last in _DANGLING and not there and not imperative) \
        or text.rstrip().endswith(_APOSTROPHES)


def may_complete(text: str) -> bool:
    """True when `text` could be the end of a cut-off message: at most `MAX_COMPLETION_WORDS` words,
    not a command. (Read the previous message only then: it costs a tracker read.)"""
    return not text.lstrip().startswith("/") and not _OWN_START.match(text) \
        and 0 < len(_WORD.findall(text)) <= MAX_COMPLETION_WORDS


def completed(previous: str, text: str) -> str | None:
    """The whole message when `previous` was cut off and `text` finishes it (« quel simulateur pour les »
    + « cartes union pay »), else None. The ellipsis or dash that marked the cut is dropped."""
    if not (may_complete(text) and looks_cut_off(previous)):
        return None
    head = _ELLIPSIS.sub("", previous.rstrip()).rstrip()
    glue = "" if head.endswith(_APOSTROPHES) else " "
    return f"{head}{glue}{text.strip()}"
