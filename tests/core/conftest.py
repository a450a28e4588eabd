import pytest


@pytest.fixture
def password_reset_link_object():
    """The URL arguments of a password-reset link that is not valid."""
    return {"uidb64": "MQ", "token": "abc-def"}
