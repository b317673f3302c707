"""Filtre des messages entrants, avant la compréhension : ce qui est illisible, vide, trop long ou qui
imite une commande interne ne va pas plus loin, et l'utilisateur sait pourquoi.

Valable pour tous les canaux (REST, page web, Teams) : appliqué par `addons/resilience.py`."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import AbstractSet, Dict, FrozenSet, Iterable, Mapping, Optional

from cecaz.language import FRENCH_ONLY, mostly_non_latin
from cecaz.textnorm import QUESTION_MARKS_ALONE, fold

# The web page allows 1,000 characters; a question never needs more.
MAX_CHARS = 1000
# Beyond this, the text is refused before any regular expression runs on it: bounded work.
_HARD_LIMIT = 4 * MAX_CHARS

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_SPACES = re.compile(r"\s+")
# An internal command typed by hand (an intent name with an underscore, or any name followed by entities in
# braces): never a question, whatever its words happen to resemble; « /aide » or « / numéro payplug » are words.
_COMMAND = re.compile(r"/+\s*[A-Za-z][A-Za-z0-9]*(?:(?:_[A-Za-z0-9]+)+\s*(?:\{.*)?|\s*\{.*)", re.DOTALL)
NOT_UNDERSTOOD_PAYLOAD = "/nlu_fallback"  # the clarification: « Je n'ai pas compris votre question… » and the topics
# A button title is short: a longer message is never compared with the buttons shown.
MAX_TITLE_CHARS = 80
# 13 to 19 digits, grouped by spaces, dashes or dots as people type them.
_CARD_NUMBER = re.compile(r"(?<!\d)\d(?:[ .-]?\d){12,18}(?!\d)")

EXAMPLE = "par exemple « Quel est le numéro du support Payplug ? »"
EMPTY_REPLY = f"Votre message est vide. Posez votre question en quelques mots, {EXAMPLE}"
NO_WORDS_REPLY = ("Je n’ai reçu que des symboles ou des émojis, sans texte à comprendre. "
                  f"Posez votre question en quelques mots, {EXAMPLE}")

NOT_FRENCH_REPLY = f"{FRENCH_ONLY} Posez votre question en français, {EXAMPLE}"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # French thousands separator


def too_long_reply(length: int) -> str:
    return (f"Votre message est trop long ({_number(length)} caractères ; {_number(MAX_CHARS)} au plus) : "
            f"je ne l’ai pas lu. Posez votre question en une ou deux phrases, {EXAMPLE}")


@dataclass(frozen=True)
class Screened:
    """`text` : ce que la compréhension doit lire ; sinon `reply` : ce qu'on répond à la place."""

    text: Optional[str] = None
    reply: Optional[str] = None


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def mask_card_numbers(text: str) -> str:
    """Un numéro de carte tapé par erreur n'est ni compris, ni conservé, ni journalisé en entier."""
    def mask(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group())
        return f"[carte •••• {digits[-4:]}]" if _luhn_valid(digits) else match.group()

    return _CARD_NUMBER.sub(mask, text)


def clean(text: str) -> str:
    """Sans séquences ANSI, caractères de contrôle ni balises HTML ; espaces regroupés ; cartes masquées."""
    text = _ANSI.sub(" ", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text)
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    text = html.unescape(text)
    return mask_card_numbers(_SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip())


def offered_payloads(buttons: Iterable[Mapping[str, object]]) -> FrozenSet[str]:
    """Les payloads des boutons que l'assistant a montrés (tels qu'un clic les renvoie, nettoyés)."""
    return frozenset(clean(payload) for button in buttons
                     if isinstance(payload := button.get("payload"), str) and payload.startswith("/"))


def title_key(text: str) -> str:
    """Ce qui compte dans un titre de bouton tapé ou copié : ses mots, sans casse, accents ni ponctuation
    (« payplug ou sp+ » est « Payplug ou SP+ ? », « et s'il a un site » est « Et s’il a un site ? »)."""
    return fold(text)


def titles_to_payloads(buttons: Iterable[Mapping[str, object]]) -> Dict[str, str]:
    """Titre de bouton (`title_key`) → payload, pour des boutons montrés, les premiers d'abord : un titre
    déjà vu garde son payload (les boutons du dernier message passent avant les suggestions permanentes)."""
    found: Dict[str, str] = {}
    for button in buttons:
        title, payload = button.get("title"), button.get("payload")
        if isinstance(title, str) and isinstance(payload, str) and payload.startswith("/") and title_key(title):
            found.setdefault(title_key(title), clean(payload))
    return found


def may_be_a_title(raw: object) -> bool:
    """Le message est assez court pour être le titre d'un bouton (sinon, inutile de lire les boutons)."""
    return isinstance(raw, str) and len(raw) <= _HARD_LIMIT and 0 < len(clean(raw)) <= MAX_TITLE_CHARS


def screen(raw: object, offered: AbstractSet[str], titles: Optional[Mapping[str, str]] = None) -> Screened:
    """Décide ce qui est compris comme texte, et ce qui reçoit directement une réponse.

    Un texte « /intention… » n'est lu comme une commande que s'il est dans `offered` : les payloads
    des boutons que l'assistant a proposés dans cette conversation (`offered_payloads`), plus son
    message d'accueil. Tout autre texte en « / », dont les intentions internes de Rasa
    (`/session_start`, `/restart`, `/back`), est lu comme des mots.

    Le titre d'un bouton tapé ou copié (menu de commandes de Teams, copier-coller) vaut le clic :
    `titles` (`titles_to_payloads`) donne le payload des boutons que l'utilisateur a sous les yeux —
    ceux de la dernière réponse, puis les suggestions de l'accueil, que le menu de Teams reprend."""
    if not isinstance(raw, str):
        return Screened(reply=EMPTY_REPLY)
    if len(raw) > _HARD_LIMIT:
        return Screened(reply=too_long_reply(len(raw)))
    text = clean(raw)
    if len(text) > MAX_CHARS:
        return Screened(reply=too_long_reply(len(text)))
    if not text:
        return Screened(reply=EMPTY_REPLY)
    if QUESTION_MARKS_ALONE.fullmatch(text):
        return Screened(text="?")  # « ? » alone after an answer, in Teams : « what? », read as a repeat (`read_move`)
    if not any(ch.isalnum() for ch in text):
        return Screened(reply=NO_WORDS_REPLY)
    if mostly_non_latin(text):
        return Screened(reply=NOT_FRENCH_REPLY)
    if titles and len(text) <= MAX_TITLE_CHARS and (payload := titles.get(title_key(text))):
        return Screened(text=payload)  # the same message as the click
    if text.startswith("/") and text not in offered:
        if _COMMAND.fullmatch(text):
            return Screened(text=NOT_UNDERSTOOD_PAYLOAD)
        # Typed text that only looks like a command: read it as words, never as an intent.
        return screen(text.lstrip("/ "), offered)
    return Screened(text=text)
