"""Rendu d'une réponse (`cecaz.layout.Layout`) dans chaque canal, en un seul message :

- REST : un texte en Markdown simple (tout ce que dit la réponse, récapitulatif compris), la structure
  dans `custom` (`rest_message`) ;
- page web : le même texte, et la structure que la page affiche en carte (`web_payload`) ;
- Teams : une carte adaptative (schéma 1.4, ce que Teams affiche), boutons `messageBack` (`adaptive_card`).

La typographie française (`cecaz.typography.french`) est appliquée ici, une fois, à la structure
(`typeset`) ; chaque forme rendue en découle. Un message qui n'a pas de structure (réponses du domaine,
mode dégradé, filtre d'entrée) est lu à partir de son texte (`cecaz.layout.read`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from cecaz.feedback import THUMBS
from cecaz.layout import DETAILS_TITLE, INTERNAL_BADGE, Layout, Line, Section, Source, read
from cecaz.typography import NARROW_NBSP, NBSP, french

CUSTOM_KEY = "cecaz"  # the structure's key in a message's `custom` (json_message of the actions)
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.4"  # the highest version Teams renders everywhere (desktop, web, mobile)
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
BADGE_ICON = "⚠"
COPY_TITLE = "Copier le récapitulatif"
SHOW_RECAP = "Voir le récapitulatif"
# The value of the Teams card action that asks for the recap as a code block (addons/channels/teams.py).
COPY_RECAP_ACTION = "copier_recapitulatif"
REFERENCE_PATH = "/webhooks/webchat/reference"
# What the renderers add themselves is written already typeset (the structure is typeset by `typeset`).
COLON = f"{NBSP}:"
SEMICOLON = f"{NARROW_NBSP};"


def quoted(name: str) -> str:
    return f"«{NBSP}{name}{NBSP}»"


def layout_of(message: Mapping[str, Any]) -> Layout:
    """La structure d'un message sortant de Rasa (`text`, `buttons`, `custom`) : celle qu'a composée le
    cœur (`custom["cecaz"]`), sinon celle que dit son texte."""
    custom = message.get("custom")
    composed = Layout.from_dict(custom.get(CUSTOM_KEY)) if isinstance(custom, Mapping) else None
    if composed is not None:
        return composed
    buttons = [(str(b.get("title")), str(b.get("payload") or b.get("title")))
               for b in message.get("buttons") or message.get("quick_replies") or [] if isinstance(b, Mapping)]
    return read(str(message.get("text") or ""), buttons)


def typeset(layout: Layout) -> Layout:
    """La réponse avec la typographie française dans chaque texte affiché (jamais dans les charges utiles, ni
    dans une citation du document, gardée mot pour mot)."""
    quotes = [s.lines for s in layout.sections if s.quote]
    shown = layout.map_text(french)
    if not quotes:
        return shown
    verbatim = iter(quotes)
    return replace(shown, sections=tuple(replace(s, lines=next(verbatim)) if s.quote else s for s in shown.sections))


# --- texte (REST, page web sans script) -----------------------------------------------------------

def _line_md(line: Line) -> str:
    badge = f"{BADGE_ICON} {INTERNAL_BADGE} · " if line.internal else ""
    return f"- {badge}{line.text}" if line.item else f"{badge}{line.text}"


def _lines_md(lines: Sequence[Line]) -> List[str]:
    """Les lignes en blocs Markdown : les éléments de liste qui se suivent forment une liste, une autre
    ligne est un paragraphe."""
    blocks: List[str] = []
    for line in lines:
        if line.item and blocks and blocks[-1].startswith("- "):
            blocks[-1] += "\n" + _line_md(line)
        else:
            blocks.append(_line_md(line))
    return blocks


def _section_md(section: Section) -> List[str]:
    if section.quote:  # quoted word for word: a Markdown quotation
        blocks = ["\n".join(f"> {line.text}" for line in section.lines)] if section.lines else []
    else:
        blocks = _lines_md([Line(line.text, line.item, line.internal and not section.internal)
                            for line in section.lines])
    if not section.title:
        return blocks
    badge = f"{BADGE_ICON} {INTERNAL_BADGE} · " if section.internal else ""
    title = f"**{badge}{section.title}{COLON}**"
    if blocks and blocks[0].startswith("- "):
        return [f"{title}\n{blocks[0]}", *blocks[1:]]
    return [title, *blocks]


def sources_text(sources: Sequence[Source]) -> str:
    """« Source : « A » ; « B » », puis ce qui est cité sans être dans le document (sans lien)."""
    named = f"{SEMICOLON} ".join(quoted(s.name) for s in sources if not s.note)
    absent = f"{SEMICOLON} ".join(f"{s.name}{COLON} {s.note}" for s in sources if s.note)
    return f"{SEMICOLON} ".join(part for part in (f"Source{COLON} {named}" if named else "", absent) if part)


def markdown(layout: Layout) -> str:
    """Toute la réponse en un texte Markdown simple : titre, tête, rubriques (listes « - »), lignes à usage
    interne annoncées par leur badge, sources, récapitulatif dans un bloc de code, question de fin."""
    blocks = [f"**{layout.title}**"] if layout.title else []
    blocks += _lines_md(layout.lead)
    for section in layout.sections:
        blocks += _section_md(section)
    if layout.sources:
        blocks.append(sources_text(layout.sources))
    if layout.recap:
        blocks += [f"**{layout.recap.title}{COLON}**", f"```text\n{layout.recap.text}\n```"]
    if layout.closing:
        blocks.append(layout.closing)
    return "\n\n".join(blocks)


def buttons_json(layout: Layout) -> List[Dict[str, str]]:
    return [{"title": b.title, "payload": b.payload} for b in layout.buttons]


def rest_message(recipient_id: str, layout: Layout) -> Dict[str, Any]:
    """Le message REST : le texte Markdown, les boutons, la structure dans `custom`."""
    shown = typeset(layout)
    message: Dict[str, Any] = {"recipient_id": recipient_id, "text": markdown(shown)}
    if shown.buttons:
        message["buttons"] = buttons_json(shown)
    message["custom"] = {CUSTOM_KEY: shown.to_dict()}
    return message


def web_payload(layout: Layout) -> Dict[str, Any]:
    """Le message de la page web (`bot_uttered`) : le texte, les suggestions, la structure à afficher et,
    si la réponse demande un avis, ses boutons 👍 / 👎 (`feedback`)."""
    shown = typeset(layout)
    replies = [{"content_type": "text", **b} for b in buttons_json(shown)]
    payload: Dict[str, Any] = {"text": markdown(shown), "quick_replies": replies, CUSTOM_KEY: shown.to_dict()}
    if shown.feedback:  # the page puts them on the answer: (icon, payload, accessible name)
        payload["feedback"] = [{"icon": icon, "payload": sent, "label": name} for icon, sent, name in THUMBS]
    return payload


# --- Teams : carte adaptative 1.4 -----------------------------------------------------------------

def _text_block(text: str, **style: Any) -> Dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _badge() -> Dict[str, Any]:
    return _text_block(f"{BADGE_ICON} {INTERNAL_BADGE}", weight="Bolder", color="Attention", size="Small")


def _line_blocks(lines: Iterable[Line], inside_internal: bool = False) -> List[Dict[str, Any]]:
    blocks: List[Dict[str, Any]] = []
    for line in lines:
        text = f"• {line.text}" if line.item else line.text
        if line.internal and not inside_internal:
            blocks.append({"type": "Container", "style": "attention", "spacing": "Small",
                           "items": [_badge(), _text_block(text, spacing="None")]})
        else:
            blocks.append(_text_block(text, spacing="Small"))
    return blocks


def _section_container(section: Section) -> Dict[str, Any]:
    items: List[Dict[str, Any]] = [_badge()] if section.internal else []
    if section.title:
        items.append(_text_block(section.title, weight="Bolder", spacing="Small"))
    if section.quote:
        items.append(_text_block("\n\n".join(line.text for line in section.lines), isSubtle=True, spacing="Small"))
    else:
        items += _line_blocks(section.lines, section.internal)
    container: Dict[str, Any] = {"type": "Container", "spacing": "Medium", "items": items}
    if section.internal:
        container["style"] = "attention"
    return container


def _sources_block(sources: Sequence[Source], public_url: Optional[str]) -> Dict[str, Any]:
    def named(s: Source) -> str:
        if s.anchor and public_url:
            return f"[{s.name}]({public_url.rstrip('/')}{REFERENCE_PATH}#{s.anchor})"
        return quoted(s.name)

    parts = [named(s) for s in sources if not s.note] + [f"{s.name}{COLON} {s.note}" for s in sources if s.note]
    return _text_block(f"Source{COLON} " + f"{SEMICOLON} ".join(parts), size="Small", isSubtle=True,
                       spacing="Medium")


def message_back(title: str, payload: str) -> Dict[str, Any]:
    """Un bouton de carte adaptative qui agit comme un `messageBack` : Teams affiche `title` dans la
    conversation et envoie `payload` au bot."""
    return {"type": "Action.Submit", "title": title,
            "data": {"msteams": {"type": "messageBack", "displayText": title, "text": payload,
                                 "value": {"payload": payload}}}}


def adaptive_card(layout: Layout, public_url: Optional[str] = None) -> Dict[str, Any]:
    """La réponse en une carte adaptative 1.4 : titre, tête, rubriques (badge et style « attention » pour
    l'usage interne), « Détails » repliés (Action.ToggleVisibility), récapitulatif à afficher et à copier
    (le bot le renvoie en bloc de code, que Teams propose de copier), sources (liens vers la page du
    document quand l'adresse publique est connue), question de fin, boutons `messageBack`, et 👍 / 👎
    quand la réponse demande un avis."""
    shown = typeset(layout)
    body: List[Dict[str, Any]] = []
    if shown.title:
        body.append(_text_block(shown.title, weight="Bolder", size="Medium"))
    body += _line_blocks(shown.lead)
    visible = [s for s in shown.sections if not s.details]
    folded = [s for s in shown.sections if s.details]
    body += [_section_container(s) for s in visible]
    if folded:
        body.append({"type": "ActionSet", "actions": [
            {"type": "Action.ToggleVisibility", "title": f"{DETAILS_TITLE} ({len(folded)} rubriques)",
             "targetElements": ["details"]}]})
        body.append({"type": "Container", "id": "details", "isVisible": False,
                     "items": [_section_container(s) for s in folded]})
    if shown.sources:
        body.append(_sources_block(shown.sources, public_url))
    if shown.recap:
        body.append(_text_block(shown.recap.title, weight="Bolder", spacing="Medium"))
        body.append({"type": "ActionSet", "actions": [
            {"type": "Action.ToggleVisibility", "title": SHOW_RECAP, "targetElements": ["recap"]},
            {"type": "Action.Submit", "title": COPY_TITLE,
             "data": {"msteams": {"type": "messageBack", "displayText": COPY_TITLE, "text": COPY_RECAP_ACTION,
                                  "value": {"action": COPY_RECAP_ACTION, "recap": shown.recap.text}}}}]})
        body.append({"type": "Container", "id": "recap", "isVisible": False, "style": "emphasis",
                     "items": [_text_block(line or " ", fontType="Monospace", spacing="None")
                               for line in shown.recap.text.splitlines()]})
    if shown.closing:
        body.append(_text_block(shown.closing, spacing="Medium"))
    if shown.feedback:  # 👍 / 👎 under the answer, apart from its own buttons (cecaz.feedback)
        body.append({"type": "ActionSet", "spacing": "Medium",
                     "actions": [message_back(f"{icon} {name}", payload) for icon, payload, name in THUMBS]})
    card: Dict[str, Any] = {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "body": body}
    if shown.buttons:
        card["actions"] = [message_back(b.title, b.payload) for b in shown.buttons]
    return card


def card_summary(layout: Layout) -> str:
    """Le texte court de l'activité Teams (notifications, aperçu) : le titre ou la tête."""
    shown = typeset(layout)
    first = shown.title or next((line.text for line in shown.lead), "") or next(
        (s.title or (s.lines[0].text if s.lines else "") for s in shown.sections), "")
    return first[:200]


def install_console() -> None:
    """`rasa shell` (`make shell`) : la structure d'une réponse n'est pas affichée en JSON dans le terminal
    (son texte dit déjà tout)."""
    from rasa.core.channels import console

    original = console._print_bot_output
    if getattr(original, "cecaz", False):
        return

    def without_structure(message: Dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        custom = message.get("custom")
        if isinstance(custom, dict) and set(custom) == {CUSTOM_KEY}:
            message = {key: value for key, value in message.items() if key != "custom"}
            if len(message) <= 1:  # {recipient_id}: the structure alone, already said by the text
                return None
        return original(message, *args, **kwargs)

    without_structure.cecaz = True  # type: ignore[attr-defined]
    console._print_bot_output = without_structure
