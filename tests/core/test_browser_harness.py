"""The browser tests may skip only when no Chromium is installed and CI does not require it."""

from tests.browser.conftest import chromium_decision


def test_installed_chromium_is_used(tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("")
    assert chromium_decision(browser, required=True) == "use"
    assert chromium_decision(browser, required=False) == "use"


def test_missing_chromium_skips_locally_and_fails_in_ci(tmp_path):
    missing = tmp_path / "nicht-da"
    assert chromium_decision(missing, required=False) == "skip"
    assert chromium_decision(missing, required=True) == "fail"
