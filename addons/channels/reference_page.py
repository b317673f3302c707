"""La page du document de référence servie par l'assistant (`/webhooks/webchat/reference`) : le document de
`docs/reference/` tel quel, une section par ancre (`cecaz.reference`), pour que les lignes « Source » des
réponses s'ouvrent à leur section. Rien ne vient d'Internet ; le texte est échappé (jamais du HTML du
document). Un lien du document d'origine (« disponible ici », « ici (page 3) ») n'est pas dans le document
de référence : la page le dit au lieu de faire semblant de l'ouvrir."""

from __future__ import annotations

import html
from typing import List, Sequence

from cecaz.catalogue import Catalogue
from cecaz.layout import INTERNAL_BADGE
from cecaz.reference import ABSENT_LINK, ABSENT_LINK_NOTE, ReferenceSection, reference_sections

TITLE = "Document de référence — encaissement des cartes à distance"


def _line(line: str) -> str:
    text = html.escape(line.lstrip("-•").strip() if line.lstrip().startswith(("-", "•")) else line)
    if ABSENT_LINK.search(line):
        text += f'<span class="absent-link">{html.escape(ABSENT_LINK_NOTE)}</span>'
    return text


def _lines(lines: Sequence[str]) -> List[str]:
    parts: List[str] = []
    in_list = False
    for line in lines:
        item = line.lstrip().startswith(("-", "•"))
        if item and not in_list:
            parts.append("<ul>")
        if not item and in_list:
            parts.append("</ul>")
        in_list = item
        parts.append(f"<li>{_line(line)}</li>" if item else f"<p>{_line(line)}</p>")
    if in_list:
        parts.append("</ul>")
    return parts


def _section(section: ReferenceSection) -> str:
    heading = section.heading or section.name
    badge = (f'<p><span class="badge-internal" role="note"><span aria-hidden="true">⚠</span> '
             f"{html.escape(INTERNAL_BADGE)}</span></p>") if section.internal else ""
    body = "\n".join(_lines(section.lines))
    return (f'<section id="{html.escape(section.anchor)}" aria-labelledby="h-{html.escape(section.anchor)}">\n'
            f'<h2 id="h-{html.escape(section.anchor)}">{html.escape(heading)}</h2>\n{badge}\n{body}\n</section>')


def page(cat: Catalogue) -> str:
    """La page HTML complète (styles de la page de discussion, aucun script)."""
    sections = reference_sections(cat)
    toc = "\n".join(f'<li><a href="#{html.escape(s.anchor)}">{html.escape(s.heading or s.name)}</a></li>'
                    for s in sections)
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{html.escape(TITLE)}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="webchat.css">
</head>
<body>
<main class="reference">
<header>
<h1>{html.escape(TITLE)}</h1>
<p>Copie du document fourni par la CECAZ, seule source des réponses de l’assistant.
<a href="./">Retour à la discussion</a></p>
<nav aria-label="Sections"><ol>
{toc}
</ol></nav>
</header>
{chr(10).join(_section(s) for s in sections)}
</main>
</body>
</html>
"""
