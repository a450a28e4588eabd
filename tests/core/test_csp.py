"""Content-Security-Policy and Permissions-Policy on every page; templates the policy allows."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from praeventionsnetz.config.settings import tile_source
from tests.access_matrix import MATRIX
from tests.core.test_access import _object

TEMPLATE_ROOT = Path(settings.PACKAGE_DIR)
TEMPLATES = sorted(
    p for p in TEMPLATE_ROOT.glob("*/templates/**/*.html") if "/admin/" not in str(p)
)


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("persona", ["anonymous", "planner"])
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_every_html_page_carries_the_csp_and_the_permissions_policy(
    url_name, persona, request, client, quarter
):
    builder, _expected = MATRIX[url_name]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    if builder == "token":
        kwargs = {"token": request.getfixturevalue("token_object")}
    else:
        built = _object(builder, request, quarter) if builder else None
        kwargs = built if isinstance(built, dict) else ({"pk": built.pk} if builder else {})
    response = client.get(reverse(url_name, kwargs=kwargs))
    csp = _directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_policy_allows_no_inline_code_and_no_foreign_host(client, db):
    csp = _directives(client.get(reverse("site:home")).headers["Content-Security-Policy"])
    for directive, sources in csp.items():
        assert "'unsafe-inline'" not in sources, directive
        assert "'unsafe-eval'" not in sources, directive
        assert all(s.startswith("'") or s == "data:" for s in sources), (directive, sources)
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_the_api_docs_page_carries_the_policy(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://localhost:8080/tiles/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("tiles/{z}/{x}/{y}.png", None),
    ],
)
def test_the_tile_server_becomes_an_image_source(url, source):
    assert tile_source(url) == source


def test_a_configured_tile_server_is_allowed_for_images(monkeypatch):
    import subprocess
    import sys

    code = (
        "import praeventionsnetz.config.settings as s;"
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {
        "DEBUG": "1",
        "MAP_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        "CSP_IMG_HOSTS": "https://bilder.example.org",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "https://*.tiles.example.org" in out
    assert "https://bilder.example.org" in out


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_ROOT)))
def test_templates_have_no_inline_script_style_or_handler(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it into a static file"
    assert "<style" not in text, "inline <style>: move it into app.css"
    assert "style=" not in text, "style attribute: use a class (or an SVG fill)"
    assert not INLINE_HANDLER.search(text), "inline event handler: use a static script"
    assert "javascript:" not in text, "javascript: URL: use a button and a static script"


def test_coverage_colours_live_in_the_stylesheet():
    from praeventionsnetz.offers.views.coverage import CLASSES

    css = (TEMPLATE_ROOT / "core/static/core/app.css").read_text(encoding="utf-8")
    for key, _label, background, text in CLASSES:
        rule = re.search(rf"\.heat--{key} \{{([^}}]*)\}}", css)
        assert rule, key
        assert f"background: {background}" in rule.group(1)
        assert f"color: {text}" in rule.group(1)
