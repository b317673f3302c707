"""Construit l'application Teams : build/teams/cecaz-teams.zip (manifest.json, color.png, outline.png).

Le manifeste part de teams/manifest.json ; l'identifiant de l'application et celui du bot viennent de
MICROSOFT_APP_ID. Les icônes sont dessinées ici (couleur 192×192, contour 32×32 blanc sur fond
transparent). Les champs exigés par Teams sont vérifiés avant d'écrire l'archive.
Utilisé par `make teams-package` ; voir docs/teams.md."""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any, Dict, List

from PIL import Image, ImageDraw, ImageFont

from cecaz import settings

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "teams" / "manifest.json"
OUTPUT = ROOT / "build" / "teams" / "cecaz-teams.zip"
BRAND = (176, 0, 26)
WHITE = (255, 255, 255, 255)
COLOR_SIZE, OUTLINE_SIZE = 192, 32
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
SEMVER = re.compile(r"\d+\.\d+\.\d+")
HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
# Longueurs maximales du schéma du manifeste Teams.
MAX_LENGTHS = {("name", "short"): 30, ("name", "full"): 100, ("description", "short"): 80,
               ("description", "full"): 4000, ("developer", "name"): 32}


def color_icon() -> Image.Image:
    """Bulle de discussion blanche marquée « CE » sur le rouge de la marque."""
    image = Image.new("RGB", (COLOR_SIZE, COLOR_SIZE), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((28, 36, 164, 136), radius=26, fill=WHITE)
    draw.polygon([(56, 130), (56, 164), (92, 130)], fill=WHITE)
    draw.text((96, 86), "CE", fill=BRAND, font=ImageFont.load_default(size=56), anchor="mm")
    return image


def outline_icon() -> Image.Image:
    """La même bulle en trait blanc sur fond transparent, comme Teams l'exige."""
    image = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((3, 5, 28, 22), radius=5, outline=WHITE, width=2)
    draw.polygon([(8, 21), (8, 28), (14, 21)], fill=WHITE)
    return image


def build_manifest(template: Dict[str, Any], app_id: str) -> Dict[str, Any]:
    manifest = json.loads(json.dumps(template))
    manifest["id"] = app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
    return manifest


def _field(manifest: Dict[str, Any], *path: str) -> Any:
    value: Any = manifest
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def validate(manifest: Dict[str, Any], icons: Dict[str, Image.Image]) -> List[str]:
    """Les problèmes du manifeste et des icônes, en français ; liste vide si le paquet est valable."""
    errors = []
    required = [("manifestVersion",), ("version",), ("id",), ("developer", "name"), ("developer", "websiteUrl"),
                ("developer", "privacyUrl"), ("developer", "termsOfUseUrl"), ("name", "short"), ("name", "full"),
                ("description", "short"), ("description", "full"), ("icons", "color"), ("icons", "outline"),
                ("accentColor",)]
    errors += [f"champ obligatoire absent : {'.'.join(path)}" for path in required if not _field(manifest, *path)]
    errors += [f"{'.'.join(path)} dépasse {limit} caractères" for path, limit in MAX_LENGTHS.items()
               if len(str(_field(manifest, *path) or "")) > limit]
    errors += [f"developer.{key} doit être une adresse https" for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl")
               if not str(_field(manifest, "developer", key) or "").startswith("https://")]
    if not GUID.fullmatch(str(manifest.get("id", ""))):
        errors.append("id doit être un GUID (MICROSOFT_APP_ID)")
    if not SEMVER.fullmatch(str(manifest.get("version", ""))):
        errors.append("version doit être de la forme 1.0.0")
    if not HEX_COLOR.fullmatch(str(manifest.get("accentColor", ""))):
        errors.append("accentColor doit être une couleur #RRGGBB")
    if _field(manifest, "localizationInfo", "defaultLanguageTag") != "fr-fr":
        errors.append("localizationInfo.defaultLanguageTag doit être fr-fr")
    bots = manifest.get("bots") or []
    if not bots:
        errors.append("bots : aucun bot déclaré")
    for bot in bots:
        if not GUID.fullmatch(str(bot.get("botId", ""))):
            errors.append("bots[].botId doit être un GUID (MICROSOFT_APP_ID)")
        if "personal" not in (bot.get("scopes") or []):
            errors.append("bots[].scopes doit contenir personal")
    errors += _icon_errors(icons)
    return errors


def _icon_errors(icons: Dict[str, Image.Image]) -> List[str]:
    errors = []
    color, outline = icons.get("color"), icons.get("outline")
    if color is None or color.size != (COLOR_SIZE, COLOR_SIZE):
        errors.append(f"icône couleur : {COLOR_SIZE}×{COLOR_SIZE} pixels attendus")
    if outline is None or outline.size != (OUTLINE_SIZE, OUTLINE_SIZE):
        errors.append(f"icône contour : {OUTLINE_SIZE}×{OUTLINE_SIZE} pixels attendus")
    elif any(a and (r, g, b) != (255, 255, 255) for r, g, b, a in outline.convert("RGBA").getdata()):
        errors.append("icône contour : seulement du blanc sur fond transparent")
    return errors


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def build(app_id: str, output: Path = OUTPUT) -> Path:
    manifest = build_manifest(json.loads(TEMPLATE.read_text(encoding="utf-8")), app_id)
    icons = {"color": color_icon(), "outline": outline_icon()}
    errors = validate(manifest, icons)
    if errors:
        raise ValueError("manifeste Teams invalide :\n- " + "\n- ".join(errors))
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for kind, image in icons.items():
            archive.writestr(manifest["icons"][kind], png(image))
    return output


def main() -> int:
    """`make teams-package` : 0 si l'archive est écrite, 1 (message en français) sinon."""
    try:
        app_id = settings.load().teams.get("app_id", "")
    except settings.SettingsError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    if not app_id:
        print("Erreur : définissez MICROSOFT_APP_ID (identifiant de l'application du bot Azure).", file=sys.stderr)
        return 1
    try:
        path = build(app_id)
    except ValueError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print(f"✔ Application Teams : {path.relative_to(ROOT)} (à importer dans Teams ou le Centre d'administration)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
