import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (German).

    LocaleMiddleware activates the request's language for the whole thread and leaves it
    active, so a page fetched in English would turn the next test's messages English.
    """
    translation.deactivate()
    yield
    translation.deactivate()
