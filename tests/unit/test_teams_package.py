"""`make teams-package` : archive Teams avec manifeste fr-fr, identifiant du bot, icônes aux bonnes tailles."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ops import teams_package

APP_ID = str(uuid.uuid4())


def test_archive_holds_a_valid_manifest_and_icons(tmp_path: Path) -> None:
    archive = zipfile.ZipFile(teams_package.build(APP_ID, tmp_path / "app.zip"))
    assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert "personal" in manifest["bots"][0]["scopes"]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "fr-fr"
    assert Image.open(io.BytesIO(archive.read("color.png"))).size == (192, 192)
    outline = Image.open(io.BytesIO(archive.read("outline.png"))).convert("RGBA")
    assert outline.size == (32, 32)
    assert {pixel[:3] for pixel in outline.getdata() if pixel[3]} == {(255, 255, 255)}


def test_bot_id_must_be_a_guid(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="GUID"):
        teams_package.build("mon-bot", tmp_path / "app.zip")
    assert not (tmp_path / "app.zip").exists()


@pytest.mark.parametrize("path, expected", [
    (("developer", "privacyUrl"), "developer.privacyUrl"),
    (("name", "short"), "name.short"),
    (("description", "full"), "description.full"),
])
def test_missing_required_fields_are_named(path: tuple, expected: str) -> None:
    manifest = teams_package.build_manifest(json.loads(teams_package.TEMPLATE.read_text()), APP_ID)
    del manifest[path[0]][path[1]]
    icons = {"color": teams_package.color_icon(), "outline": teams_package.outline_icon()}
    assert f"champ obligatoire absent : {expected}" in teams_package.validate(manifest, icons)


def test_wrong_language_scope_and_icons_are_reported() -> None:
    manifest = teams_package.build_manifest(json.loads(teams_package.TEMPLATE.read_text()), APP_ID)
    manifest["localizationInfo"]["defaultLanguageTag"] = "en-us"
    manifest["bots"][0]["scopes"] = ["team"]
    icons = {"color": Image.new("RGB", (96, 96)), "outline": Image.new("RGBA", (32, 32), (255, 0, 0, 255))}
    errors = teams_package.validate(manifest, icons)
    assert "localizationInfo.defaultLanguageTag doit être fr-fr" in errors
    assert "bots[].scopes doit contenir personal" in errors
    assert "icône couleur : 192×192 pixels attendus" in errors
    assert "icône contour : seulement du blanc sur fond transparent" in errors
