"""The container files name entry points that exist: the image cannot be built on the test
machines (no registry for base images), so its commands are checked against the project and
run without Docker elsewhere (tests/ops/test_serving.py, .ci/serve-check)."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = [
    "gunicorn",
    "-c",
    "python:praeventionsnetz.config.gunicorn",
    "praeventionsnetz.config.wsgi",
]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    lines = [line.strip() for line in joined.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def test_the_image_is_slim_runs_as_a_user_and_checks_its_health(dockerfile):
    instructions = _instructions(dockerfile)
    [base] = [arg for op, arg in instructions if op == "FROM"]
    assert re.fullmatch(r"python:3\.1[1-9]-slim.*", base)
    [user] = [arg for op, arg in instructions if op == "USER"]
    assert user not in {"root", "0"}
    [health] = [arg for op, arg in instructions if op == "HEALTHCHECK"]
    assert "/health/" in health
    [cmd] = [arg for op, arg in instructions if op == "CMD"]
    assert yaml.safe_load(cmd) == GUNICORN


def test_the_image_copies_what_exists(dockerfile):
    for op, arg in _instructions(dockerfile):
        if op == "COPY":
            *sources, _target = shlex.split(arg)
            for source in sources:
                assert (ROOT / source).exists(), source


def test_compose_runs_database_migrations_web_worker_and_proxy(compose):
    services = compose["services"]
    assert {"db", "migrate", "web", "worker", "proxy"} <= services.keys()
    assert services["web"]["command"] == GUNICORN
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["db"]["image"].startswith("postgres:")
    assert "reverse_proxy web:8000" in (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")


def test_compose_commands_are_commands_of_the_project(compose):
    commands = get_commands()
    for name, service in compose["services"].items():
        command = service.get("command")
        if not command:
            continue
        if command[0] == "praeventionsnetz":
            assert command[1] in commands, f"{name}: no command {command[1]}"
        else:
            assert command == GUNICORN, name
    importlib.import_module("praeventionsnetz.config.gunicorn")


def test_compose_keeps_secrets_in_files_and_the_files_on_a_volume(compose):
    environment = compose["x-app"]["environment"]
    assert "SECRET_KEY" not in environment
    assert environment["SECRET_KEY_FILE"].startswith("/run/secrets/")
    assert environment["DATABASE_PASSWORD_FILE"].startswith("/run/secrets/")
    assert "password" not in environment["DATABASE_URL"].split("@")[0].split("//")[1]
    assert "files:/var/lib/praeventionsnetz" in compose["x-app"]["volumes"]


def test_the_serve_target_and_the_image_start_the_same_server(dockerfile):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert " ".join(GUNICORN[1:]) in makefile
    assert " ".join(GUNICORN[1:]) in (ROOT / ".ci" / "serve-check").read_text(encoding="utf-8")
