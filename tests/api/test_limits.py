"""The area API answers bounded pages, revalidates with ETag/Last-Modified, and anonymous
API and search use is rate-limited (429 with Retry-After)."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils.http import http_date

from praeventionsnetz.api.areas import MAX_PAGE
from praeventionsnetz.areas.models import Area


@pytest.fixture
def limits(settings):
    """Rate limits switched on (they are off for the rest of the suite), counting afresh."""
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_SCOPES = {"api": 3, "offers:search": 2}
    settings.RATELIMIT_WINDOW = 60
    caches[settings.RATELIMIT_CACHE].clear()
    return settings


# --- page size -------------------------------------------------------------------------------


def test_a_page_of_more_than_100_areas_is_refused(client, district):
    assert client.get("/api/areas", {"limit": 1000}).status_code == 422
    assert client.get("/api/areas", {"limit": MAX_PAGE}).status_code == 200


def test_the_default_page_is_the_largest(client, district):
    schema = client.get("/api/openapi.json").json()
    limit = next(
        p for p in schema["paths"]["/api/areas"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert (limit["schema"]["default"], limit["schema"]["maximum"]) == (MAX_PAGE, MAX_PAGE)


# --- conditional GET -------------------------------------------------------------------------


def test_an_unchanged_area_list_is_answered_with_304(client, district, other_district):
    first = client.get("/api/areas", {"level": "stadtraum"})
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/api/areas", {"level": "stadtraum"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/api/areas", {"level": "stadtraum"}, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304


def test_a_changed_area_gets_a_new_etag(client, district, other_district):
    etag = client.get("/api/areas", {"level": "stadtraum"})["ETag"]
    Area.objects.filter(pk=district.pk).update(name="Nordraum neu", updated_at=_later(district))
    changed = client.get("/api/areas", {"level": "stadtraum"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Nordraum neu" in {f["properties"]["name"] for f in changed.json()["features"]}


def test_other_filters_or_pages_have_other_etags(client, district, other_district):
    one = client.get("/api/areas", {"level": "stadtraum", "limit": 1})
    two = client.get("/api/areas", {"level": "stadtraum", "limit": 1, "offset": 1})
    assert one["ETag"] != two["ETag"]
    assert one.json()["features"] != two.json()["features"]


def test_one_area_is_answered_with_304_until_it_changes(client, district):
    url = f"/api/areas/{district.pk}"
    first = client.get(url)
    assert first["Last-Modified"] == http_date(int(district.updated_at.timestamp()))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Area.objects.filter(pk=district.pk).update(updated_at=_later(district))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def _later(area):
    import datetime as dt

    return area.updated_at + dt.timedelta(seconds=5)


# --- rate limits -----------------------------------------------------------------------------


def test_anonymous_api_use_beyond_the_limit_gets_429_with_retry_after(client, district, limits):
    statuses = [client.get("/api/areas").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = client.get("/api/areas")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Zu viele Anfragen. Bitte warten Sie ")


def test_each_address_has_its_own_limit(client, district, limits):
    for _ in range(3):
        client.get("/api/areas", REMOTE_ADDR="10.0.0.1")
    assert client.get("/api/areas", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/areas", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_proxy_the_forwarded_address_counts(client, district, limits):
    limits.PROXY_COUNT = 1
    for _ in range(3):
        client.get("/api/areas", HTTP_X_FORWARDED_FOR="192.0.2.7, 10.0.0.9")
    assert client.get("/api/areas", HTTP_X_FORWARDED_FOR="10.0.0.9").status_code == 429
    assert client.get("/api/areas", HTTP_X_FORWARDED_FOR="10.0.0.8").status_code == 200


def test_anonymous_search_beyond_the_limit_gets_429(client, db, limits):
    url = reverse("offers:search")
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert refused.content.decode().startswith("Zu viele Anfragen.")


def test_logged_in_users_and_other_pages_are_not_limited(client, planner, district, limits):
    for _ in range(5):
        assert client.get(reverse("site:home")).status_code == 200
    client.force_login(planner)
    assert {client.get("/api/areas").status_code for _ in range(5)} == {200}


def test_a_scope_set_to_zero_is_not_limited(client, district, limits):
    limits.RATELIMIT_SCOPES = {"api": 0, "offers:search": 2}
    assert {client.get("/api/areas").status_code for _ in range(5)} == {200}
