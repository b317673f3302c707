"""Une réponse mise en forme : la structure que chaque canal rend en un seul message (page web : une carte ;
Teams : une carte adaptative ; REST : un texte Markdown, la structure dans `custom`). Rendus :
`addons/channels/render.py`.

Le cœur compose ses réponses en texte (cecaz/phrasing.py, le diagnostic, le relais…), sous une forme
fixe — celle que lit aussi tests/unit/test_faithfulness.py :

- les paragraphes sont séparés par une ligne vide ;
- un titre est une ligne qui finit par « : » ; les lignes qui le suivent, jusqu'au paragraphe suivant,
  sont sa rubrique ;
- un élément de liste commence par « • » ou « - » ;
- la ligne « Source : « … » ; « … » » nomme les sections du document de référence.

`read` lit ce texte en `Layout` sans rien ajouter ni retirer à ce qui est dit : chaque ligne dite est
une ligne de la structure, dans le même ordre (tests/unit/test_layout.py le vérifie sur toutes les réponses).
S'y ajoutent ce que le texte marque : les lignes à usage interne CECAZ (badge), les sections du
document de référence à ouvrir (ancres de la page du document) et ce que le document cite sans l'avoir
(la page 3 du schéma délégataire). `recommendation` met la fin d'un diagnostic en une réponse :
l'offre et pourquoi d'abord, le détail replié, le récapitulatif à copier, la proposition d'un autre
diagnostic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

ANSWER = "reponse"
RECOMMENDATION = "recommandation"
KINDS = (ANSWER, RECOMMENDATION)
FORMAT = "cecaz.layout/1"  # `format` of the dictionary form (REST `custom`, page web)

INTERNAL_BADGE = "Interne CECAZ — ne pas transmettre"
# What marks an internal line or part in the composed text (contact lines, parts, quoted passages).
INTERNAL_MARK = "usage interne cecaz"
SOURCE_PREFIX = "Source : "
RECAP_TITLE = "Récapitulatif à coller dans le dossier client"
DETAILS_TITLE = "Détails"
# Pages the document links to but does not contain: (words of the answer, name shown, what is said).
ABSENT_PAGES: Tuple[Tuple[str, str, str], ...] = (
    ("schéma délégataire", "Schéma délégataire (page 3)",
     "page citée par le document, absente du document de référence (pas de lien)"),
)
_BULLETS = ("• ", "- ")
_QUOTED = re.compile(r"«\s*([^»]+?)\s*»")


@dataclass(frozen=True)
class Line:
    """Une ligne dite : son texte (sans puce), si c'est un élément de liste, si elle est à usage interne
    CECAZ (à ne pas transmettre au client)."""

    text: str
    item: bool = False
    internal: bool = False


@dataclass(frozen=True)
class Section:
    """Une rubrique : son titre (sans le « : » final ; "" pour un paragraphe sans titre) et ses lignes ;
    `internal` : toute la rubrique est à usage interne ; `details` : repliée sous « Détails » ; `quote` : ses
    lignes citent le document mot pour mot (entre « », lues telles quelles, sans titre ni puce)."""

    title: str = ""
    lines: Tuple[Line, ...] = ()
    internal: bool = False
    details: bool = False
    quote: bool = False


@dataclass(frozen=True)
class Source:
    """Une section du document de référence : son nom (celui de catalogue/sources.yml) et son ancre dans
    la page du document ; sans ancre, `note` dit pourquoi il n'y a pas de lien."""

    name: str
    anchor: str = ""
    note: str = ""


@dataclass(frozen=True)
class Recap:
    """Un texte brut à copier tel quel (dans le dossier client), sous son titre."""

    title: str
    text: str


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Layout:
    """Une réponse : `kind` (`ANSWER`, `RECOMMENDATION`), un titre (la recommandation), la phrase de tête
    (`lead`), les rubriques, les sources, le récapitulatif à copier, la question de fin (`closing`) et
    les boutons ; `feedback` : l'utilisateur peut dire si elle l'a aidé (👍 / 👎, `cecaz.feedback`)."""

    kind: str = ANSWER
    title: str = ""
    lead: Tuple[Line, ...] = ()
    sections: Tuple[Section, ...] = ()
    sources: Tuple[Source, ...] = ()
    recap: Optional[Recap] = None
    closing: str = ""
    buttons: Tuple[Button, ...] = field(default=())
    feedback: bool = False

    @property
    def has_internal(self) -> bool:
        return any(s.internal or any(line.internal for line in s.lines) for s in self.sections) or any(
            line.internal for line in self.lead)

    def said_lines(self) -> List[str]:
        """Tout ce que la réponse dit, ligne à ligne, dans l'ordre (titres et récapitulatif compris)."""
        found = [self.title] if self.title else []
        found += [line.text for line in self.lead]
        for section in self.sections:
            found += [section.title] if section.title else []
            found += [line.text for line in section.lines]
        if self.recap:
            found += [self.recap.title, *self.recap.text.splitlines()]
        return [*found, *([self.closing] if self.closing else [])]

    def texts(self) -> Iterator[str]:
        """Chaque texte affiché (pour la typographie) : lignes, titres, sources, boutons."""
        yield from (t for t in self.said_lines() if t)
        for source in self.sources:
            yield source.name
            if source.note:
                yield source.note
        yield from (b.title for b in self.buttons)

    def map_text(self, change: Callable[[str], str]) -> Layout:
        """La même réponse, `change` appliqué à chaque texte affiché (jamais aux ancres ni aux charges utiles)."""
        def lines(found: Sequence[Line]) -> Tuple[Line, ...]:
            return tuple(replace(line, text=change(line.text)) for line in found)

        return replace(
            self, title=change(self.title), lead=lines(self.lead),
            sections=tuple(replace(s, title=change(s.title), lines=lines(s.lines)) for s in self.sections),
            sources=tuple(replace(s, name=change(s.name), note=change(s.note)) for s in self.sources),
            recap=Recap(change(self.recap.title), change(self.recap.text)) if self.recap else None,
            closing=change(self.closing),
            buttons=tuple(replace(b, title=change(b.title)) for b in self.buttons))

    def to_dict(self) -> Dict[str, Any]:
        """La forme JSON (REST `custom`, page web) ; `from_dict` la relit."""
        def lines(found: Sequence[Line]) -> List[Dict[str, Any]]:
            return [{"text": line.text, "item": line.item, "internal": line.internal} for line in found]

        return {
            "format": FORMAT, "kind": self.kind, "title": self.title, "lead": lines(self.lead),
            "sections": [{"title": s.title, "internal": s.internal, "details": s.details, "quote": s.quote,
                          "lines": lines(s.lines)} for s in self.sections],
            "sources": [{"name": s.name, "anchor": s.anchor, "note": s.note} for s in self.sources],
            "recap": {"title": self.recap.title, "text": self.recap.text} if self.recap else None,
            "closing": self.closing,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
            "feedback": self.feedback,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Optional[Layout]:
        """La réponse d'un dictionnaire `to_dict`, ou None s'il n'en est pas un (champ manquant ou mal typé)."""
        try:
            if not isinstance(data, Mapping) or data.get("format") != FORMAT or data.get("kind") not in KINDS:
                return None

            def lines(found: Any) -> Tuple[Line, ...]:
                return tuple(Line(str(x["text"]), bool(x.get("item")), bool(x.get("internal"))) for x in found)

            recap = data.get("recap")
            return cls(
                kind=str(data["kind"]), title=str(data.get("title") or ""), lead=lines(data.get("lead") or ()),
                sections=tuple(Section(str(s.get("title") or ""), lines(s.get("lines") or ()), bool(s.get("internal")),
                                       bool(s.get("details")), bool(s.get("quote")))
                               for s in data.get("sections") or ()),
                sources=tuple(Source(str(s["name"]), str(s.get("anchor") or ""), str(s.get("note") or ""))
                              for s in data.get("sources") or ()),
                recap=Recap(str(recap["title"]), str(recap["text"])) if recap else None,
                closing=str(data.get("closing") or ""),
                buttons=tuple(Button(str(b["title"]), str(b["payload"])) for b in data.get("buttons") or ()),
                feedback=bool(data.get("feedback")))
        except (KeyError, TypeError, AttributeError):
            return None


# --- lecture du texte composé -----------------------------------------------------------------

def is_title(line: str) -> bool:
    """Un titre : une ligne qui finit par « : » (« Tarification : », « Oui (en ce moment) : »)."""
    return line.rstrip().endswith(" :")


def is_internal(text: str) -> bool:
    """Le texte porte la marque de l'usage interne (« usage interne CECAZ, à ne pas transmettre… »)."""
    return INTERNAL_MARK in text.lower()


def source_names(line: str) -> List[str]:
    """Les noms de sections de la ligne « Source : « A » ; « B » »."""
    return _QUOTED.findall(line[len(SOURCE_PREFIX):])


@dataclass
class _Open:
    title: str
    internal: bool
    lines: List[Line] = field(default_factory=list)
    quote: bool = False


def _opens_quote(line: str) -> bool:
    """Une ligne qui ouvre une citation du document (« … ») ; elle se ferme à la ligne qui finit par »."""
    return line.startswith("«")


def read(text: str, buttons: Sequence[Tuple[str, str]] = (), anchors: Optional[Mapping[str, str]] = None,
         kind: str = ANSWER) -> Layout:
    """La structure d'un texte composé (voir le module). La tête (`lead`) est la première ligne du texte quand
    elle n'est ni un titre ni un élément de liste ; la suite de son paragraphe est une rubrique sans titre.
    `anchors` : nom de section du document → ancre dans la page du document (`cecaz.reference.anchors`)."""
    anchors = dict(anchors or {})
    lead: List[Line] = []
    sections: List[_Open] = []
    sources: List[Source] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        current: Optional[_Open] = None
        quoting = False
        for raw in paragraph.splitlines():
            line = raw.strip()
            if not line:
                continue
            if quoting or (_opens_quote(line) and (current is not None or sections or lead)):
                # Quoted word for word: neither titles nor bullets inside, whatever the lines look like.
                if current is None or (not quoting and current.lines):
                    current = _Open("", False)
                    sections.append(current)
                current.quote = True
                current.lines.append(Line(line, False, current.internal or is_internal(line)))
                quoting = not line.endswith("»")
                continue
            if line.startswith(SOURCE_PREFIX + "«"):
                sources += [Source(name, anchors.get(name, "")) for name in source_names(line)
                            if name not in {s.name for s in sources}]
                continue
            if is_title(line):
                current = _Open(line[:-1].rstrip(), is_internal(line))
                sections.append(current)
                continue
            item = line.startswith(_BULLETS)
            said = line[2:].strip() if item else line
            internal = (current.internal if current else False) or is_internal(said)
            if not lead and not sections and not item:
                lead.append(Line(said, item, internal))
                continue
            if current is None:
                current = _Open("", False)
                sections.append(current)
            current.lines.append(Line(said, item, internal))
    if sections and not lead and not sections[0].lines:
        # A title with nothing under it (« Vouliez-vous dire : » above its buttons) is the lead sentence.
        first = sections.pop(0)
        lead.append(Line(f"{first.title} :", False, first.internal))
    folded = text.lower()
    sources += [Source(name, "", note) for words, name, note in ABSENT_PAGES
                if words in folded and "page 3" in folded]
    return Layout(kind=kind, lead=tuple(lead),
                  sections=tuple(Section(s.title, tuple(s.lines), s.internal, quote=s.quote) for s in sections),
                  sources=tuple(sources), buttons=tuple(Button(t, p) for t, p in buttons))


def recommendation(text: str, recap: str, closing: str = "", buttons: Sequence[Tuple[str, str]] = (),
                   anchors: Optional[Mapping[str, str]] = None) -> Layout:
    """La fin d'un diagnostic en une réponse. `text` (cecaz.diagnostic.recommendation_text) : sa première
    ligne (« Recommandation : SP+ ») est le titre, la suivante (pourquoi) la tête, le reste de son premier
    paragraphe (les offres possibles quand elle est à déterminer) reste visible ; les rubriques suivantes
    sont repliées sous « Détails ». `recap` (cecaz.diagnostic.recap_text) est à copier ; `closing` : la
    question qui propose un autre diagnostic, avec ses `buttons`."""
    head, _, rest = text.strip().partition("\n\n")
    title, _, head_rest = head.partition("\n")
    opening = read(head_rest, anchors=anchors)
    body = read(rest, buttons, anchors, RECOMMENDATION)
    return replace(body, title=title.strip(), lead=opening.lead,
                   sections=(*opening.sections, *(replace(s, details=True) for s in body.sections)),
                   recap=Recap(RECAP_TITLE, recap), closing=closing)
