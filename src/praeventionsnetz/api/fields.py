"""Types for query parameters that the database must be able to hold."""

from typing import Annotated

from pydantic import AfterValidator


def _printable(value: str) -> str:
    # PostgreSQL text cannot hold NUL. No code, key or period contains a control character,
    # so each becomes U+FFFD: the request stays valid and simply matches nothing.
    return "".join(ch if ch >= " " else "\ufffd" for ch in value)


# A code, key or period as text: the OpenAPI schema stays a plain string.
Text = Annotated[str, AfterValidator(_printable)]
