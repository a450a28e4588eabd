import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_matrix import ALL, EXCLUDED_PREFIXES, MATRIX

CASES = [(name, persona) for name in MATRIX for persona in ALL]


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= _url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _callbacks(resolver: URLResolver, namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from _callbacks(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_view_declares_what_it_needs():
    undeclared = [
        name
        for name, view in _callbacks(get_resolver())
        if not name.startswith(EXCLUDED_PREFIXES) and not hasattr(view, "access")
    ]
    assert not undeclared, f"views without @public or @requires: {undeclared}"


def test_every_url_pattern_is_in_the_access_matrix():
    names = {n for n in _url_names(get_resolver()) if not n.startswith(EXCLUDED_PREFIXES)}
    missing = names - set(MATRIX)
    assert not missing, f"URL patterns without an entry in tests/access_matrix.py: {missing}"


@pytest.mark.parametrize(("url_name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_get_answers_as_the_matrix_says(url_name, persona, request, client, quarter):
    builder, expected = MATRIX[url_name]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    if builder == "token":
        kwargs = {"token": request.getfixturevalue("token_object")}
    else:
        built = _object(builder, request, quarter) if builder else None
        # A builder gives an object (its pk is the argument) or the URL's kwargs.
        kwargs = built if isinstance(built, dict) else ({"pk": built.pk} if builder else {})
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == expected[persona]


def test_anonymous_is_sent_to_the_login_with_the_page_to_return_to(client):
    response = client.get(reverse("core:audit-log"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
    assert "next=/protokoll/" in response["Location"]


def test_unknown_area_is_404_in_german(client, db):
    response = client.get(reverse("site:area-detail", kwargs={"pk": 999999}))
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_admin_is_closed_to_every_role(client, planner, coordinator, steering, member):
    for user in (planner, coordinator, steering, member):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302, user
        assert "/admin/login/" in response["Location"]


def _object(builder, request, quarter):
    if builder == "area":
        return quarter
    return request.getfixturevalue(f"{builder}_object")
