"""`make report` : le rapport d'usage d'une période, lu dans la base des conversations (`cecaz.report`).

Écrit dans le dossier `--out` : `rapport.html` (autonome : graphiques en images intégrées, aucune
ressource extérieure), `rapport.md` (résumé), les graphiques en PNG et `rapport.json` (les chiffres).
La base est celle des serveurs : SQLite (`TRACKER_DB`) par défaut, ou, avec `--store postgresql`, celle du
profil de production (réglages `CECAZ_PG_*`, comme `make purge`). Rien ne quitte la machine. Une période sans
conversation (ou une base absente) est dite, sans échec (code 0) ; une base injoignable : code 1 ; une
période illisible : code 2."""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from addons.channels import WELCOME_PAYLOAD
from cecaz import settings
from cecaz.report import (
    NBSP,
    PARIS,
    Period,
    Report,
    aggregate,
    empty_text,
    intent_label,
    markdown,
    number,
    parse_period,
    percent,
    period_text,
    summary,
)
from ops.purge import STORES, engine_for, store_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "results" / "rapport"
# Events written shortly after the period's last message still belong to its turn (the bot's answer).
TURN_MARGIN_S = 300.0
UP_COLOUR, DOWN_COLOUR, MAIN_COLOUR, SECOND_COLOUR = "#2e7d32", "#c62828", "#b3003c", "#7f8c99"
Chart = Tuple[str, str, bytes]  # (title, file name, PNG)


def read_events(url: URL, period: Period) -> List[Tuple[str, Dict[str, Any]]]:
    """Les événements de la période (conversation, JSON de l'événement), dans l'ordre de la base ; [] si la
    base SQLite n'existe pas ou n'a pas encore de table `events` (jamais créée ici)."""
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return []
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("events"):
                return []
            rows = connection.execute(
                text("SELECT sender_id, data FROM events WHERE timestamp >= :start AND timestamp < :end ORDER BY id"),
                {"start": period.start.timestamp(), "end": period.end.timestamp() + TURN_MARGIN_S}).fetchall()
    finally:
        engine.dispose()
    return [(str(sender), json.loads(data)) for sender, data in rows if data]


# --- graphiques ---------------------------------------------------------------------------------

def _png(figure: Any) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return buffer.getvalue()


def _barh(title: str, items: Sequence[Tuple[str, float]], colour: str, unit: str = "") -> bytes:
    import matplotlib.pyplot as plt

    labels, values = [label for label, _ in items][::-1], [value for _, value in items][::-1]
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(items) + 1.4))
    bars = axes.barh(labels, values, color=colour)
    axes.bar_label(bars, labels=[f"{number(v, 1 if unit else 0)}{unit}" for v in values], padding=3)
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, max([*values, 1]) * 1.2)
    axes.xaxis.set_visible(False)
    return _png(figure)


def charts(report: Report) -> List[Chart]:
    """Les graphiques du rapport (libellés en français), en PNG : par jour, familles, diagnostics, taux, avis."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    found: List[Chart] = []
    figure, axes = plt.subplots(figsize=(8, 3.4))
    days = [f"{day:%d/%m}" for day, _, _ in report.per_day]
    positions = range(len(days))
    axes.bar([p - 0.2 for p in positions], [c for _, c, _ in report.per_day], width=0.4, color=MAIN_COLOUR,
             label="Conversations")
    axes.bar([p + 0.2 for p in positions], [m for _, _, m in report.per_day], width=0.4, color=SECOND_COLOUR,
             label="Messages")
    axes.set_xticks(list(positions), days)
    axes.set_title("Conversations et messages par jour", loc="left", fontsize=12, fontweight="bold")
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    found.append(("Conversations et messages par jour", "par-jour.png", _png(figure)))
    if report.families:
        found.append(("Familles de questions les plus fréquentes", "familles.png",
                      _barh("Familles de questions les plus fréquentes (questions)", report.families[:10],
                            MAIN_COLOUR)))
    if report.offers:
        found.append(("Diagnostics : offres recommandées", "diagnostics.png",
                      _barh("Diagnostics : offres recommandées", report.offers, MAIN_COLOUR)))
    rates = report.rates
    found.append(("Repli, clarification et recherche dans le document", "taux.png", _barh(
        "Part des messages tapés (%)",
        [("Repli (non compris)", rates.percent(rates.fallback)),
         ("Clarification", rates.percent(rates.clarification)),
         ("Recherche dans le document", rates.percent(rates.document_search))], SECOND_COLOUR, unit=" %")))
    if report.feedback:
        figure, axes = plt.subplots(figsize=(8, 0.45 * len(report.feedback) + 1.6))
        labels = [label for label, _, _ in report.feedback][::-1]
        ups = [up for _, up, _ in report.feedback][::-1]
        downs = [down for _, _, down in report.feedback][::-1]
        for values, left, colour, name in ((ups, [0] * len(ups), UP_COLOUR, "Utile"),
                                           (downs, ups, DOWN_COLOUR, "Pas utile")):
            bars = axes.barh(labels, values, left=left, color=colour, label=name)
            axes.bar_label(bars, labels=[number(v) if v else "" for v in values], label_type="center", color="white")
        axes.set_title("Avis par famille de questions", loc="left", fontsize=12, fontweight="bold")
        axes.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncol=2)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.get_major_locator().set_params(integer=True)
        found.append(("Avis par famille de questions", "avis.png", _png(figure)))
    return found


# --- page HTML ----------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 960px; padding: 24px;
       color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 4px; } h2 { font-size: 1.2rem; margin-top: 32px; color: #b3003c; }
.period { color: #555; margin-top: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; padding: 0;
           list-style: none; }
.figures li { border: 1px solid #ddd; border-radius: 8px; padding: 10px 12px; }
.figures strong { display: block; font-size: 1.5rem; }
figure { margin: 16px 0; } figure img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
td.n { text-align: right; } .group { margin-bottom: 14px; } .closest { color: #555; }
code { background: #f3f3f3; padding: 0 3px; border-radius: 3px; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _code(text: str) -> str:
    """`intent_label` en HTML : ce qui est entre accents graves en <code>."""
    parts = _e(text).split("`")
    return "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))


def page(report: Report, images: Sequence[Chart], generated: datetime) -> str:
    """Le rapport en une page HTML autonome (graphiques intégrés en data: URI, aucun script)."""
    rates = report.rates
    up, down = report.thumbs
    figures = [("Conversations", number(report.conversations)), ("Messages", number(report.messages)),
               ("Diagnostics terminés", number(report.diagnostics)),
               ("Repli", percent(rates.percent(rates.fallback))),
               ("Clarification", percent(rates.percent(rates.clarification))),
               ("Recherche dans le document", percent(rates.percent(rates.document_search))),
               ("Avis utiles / pas utiles", f"{number(up)} / {number(down)}"),
               ("Questions sans réponse", number(report.unanswered))]
    body = [f"<h1>Rapport de l’assistant CECAZ — {_e(report.period.label)}</h1>",
            f'<p class="period">Période{NBSP}: {_e(period_text(report.period))}. Produit le '
            f"{generated.astimezone(PARIS):%d/%m/%Y à %H:%M}.</p>",
            '<h2>Chiffres clés</h2><ul class="figures">',
            *(f'<li><span>{_e(label)}</span><strong>{_e(value)}</strong></li>' for label, value in figures), "</ul>",
            "<h2>Graphiques</h2>"]
    for title, _, png in images:
        data = base64.b64encode(png).decode()
        body.append(f'<figure><img src="data:image/png;base64,{data}" alt="{_e(title)}">'
                    f"<figcaption>{_e(title)}</figcaption></figure>")
    body.append("<h2>Avis par famille de questions</h2>")
    if report.feedback:
        body += ["<table><thead><tr><th>famille</th><th>utile</th><th>pas utile</th></tr></thead><tbody>",
                 *(f'<tr><td>{_e(label)}</td><td class="n">{number(u)}</td><td class="n">{number(d)}</td></tr>'
                   for label, u, d in report.feedback), "</tbody></table>"]
    else:
        body.append("<p>Aucun avis sur la période.</p>")
    body += ["<h2>Questions sans réponse ou jugées inutiles, regroupées</h2>",
             "<p>Les plus fréquentes d’abord, chaque groupe avec l’intention dont il était le plus proche : à "
             "reprendre comme exemples d’entraînement.</p>"]
    if not report.groups:
        body.append("<p>Aucune.</p>")
    body.append('<ol class="groups">')
    for group in report.groups:
        reasons = ", ".join(f"{reason}{NBSP}: {number(count)}" for reason, count in group.reasons)
        items = "".join(f"<li>«{NBSP}{_e(text)}{NBSP}»{f' ×{number(count)}' if count > 1 else ''}</li>"
                        for text, count in group.texts)
        items += "".join(f"<li>ce qui manquait{NBSP}: «{NBSP}{_e(comment)}{NBSP}»</li>" for comment in group.comments)
        body.append(f'<li class="group"><strong>{number(group.count)} question(s)</strong> ({_e(reasons)}) '
                    f'<span class="closest">— intention la plus proche{NBSP}: {_code(intent_label(group.closest))}'
                    f"</span><ul>{items}</ul></li>")
    body.append("</ol>")
    return ("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Rapport de l’assistant CECAZ — {_e(report.period.label)}</title>"
            f"<link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def write(report: Report, out: Path, generated: datetime) -> List[Path]:
    """Écrit la page HTML, le résumé Markdown, les graphiques et les chiffres JSON dans `out`."""
    out.mkdir(parents=True, exist_ok=True)
    images = charts(report)
    for _, name, png in images:
        (out / name).write_bytes(png)
    written = [out / "rapport.html", out / "rapport.md", out / "rapport.json"]
    written[0].write_text(page(report, images, generated), encoding="utf-8")
    written[1].write_text(markdown(report, [(title, name) for title, name, _ in images]), encoding="utf-8")
    written[2].write_text(json.dumps(summary(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return written


def main(argv: Optional[Sequence[str]] = None) -> int:
    """`python -m ops.report --period 7j --out results/rapport` ; codes : 0 (rapport écrit, ou rien à
    rapporter), 1 (base injoignable), 2 (période ou réglage inutilisable)."""
    parser = argparse.ArgumentParser(description="Rapport d'usage de l'assistant sur une période.")
    parser.add_argument("--period", default="7j", help="7j, 2026-11-30, 2026-11-01..2026-11-30, ou deux instants ISO")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dossier où écrire le rapport")
    parser.add_argument("--store", choices=STORES, default="sqlite",
                        help="sqlite : profil embarqué (TRACKER_DB) ; postgresql : profil de production (CECAZ_PG_*)")
    args = parser.parse_args(argv)
    try:
        config = settings.load()
        period = parse_period(args.period, datetime.now(PARIS))
    except (settings.SettingsError, ValueError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    url = store_url(config, args.store)
    where = url.render_as_string(hide_password=True)
    try:
        events = read_events(url, period)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        print(f"Erreur : base des conversations injoignable ({where}) : {reason}", file=sys.stderr)
        return 1
    report = aggregate(events, period, automatic=(WELCOME_PAYLOAD,))
    if report.empty:
        print(empty_text(period, where))
        return 0
    written = write(report, args.out, datetime.now(PARIS))
    print(f"✔ Rapport « {period.label} » : {report.conversations} conversation(s), {report.messages} message(s), "
          f"{len(report.groups)} groupe(s) de questions à revoir.\n  " + "\n  ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
