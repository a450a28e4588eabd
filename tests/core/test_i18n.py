from pathlib import Path

import polib
from django.urls import reverse

LOCALE = Path(__file__).parents[2] / "src/praeventionsnetz/locale/de/LC_MESSAGES"


def test_german_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries()


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    compiled = {(e.msgid, e.msgstr) for e in mo if not e.msgid_plural}
    source = {(e.msgid, e.msgstr) for e in po if not e.msgid_plural and e.msgid}
    assert source <= compiled, "run `make messages`: django.mo is older than django.po"


def test_pages_are_german_by_default_with_umlauts(client, quarter):
    page = client.get(reverse("site:home")).content.decode()
    assert '<html lang="de">' in page
    assert "Zum Inhalt springen" in page
    assert "Stadtteile in Teststadt" in page
    assert "Schlüssel" in page


def test_english_can_be_chosen(client, quarter):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    page = client.get(reverse("site:home")).content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page


def test_german_even_when_the_browser_asks_for_english(client, quarter):
    page = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert '<html lang="de">' in page.decode()
