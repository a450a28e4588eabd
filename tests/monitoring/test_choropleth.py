from django.utils import translation
from django.utils.translation import gettext

from praeventionsnetz.monitoring.choropleth import SCHEMES, classify
from tests.messages import english, german, raises


def test_quantiles_put_equal_numbers_in_each_class():
    result = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], scheme="quantiles", k=5)
    assert result.counts == (2, 2, 2, 2, 2)
    assert result.classes[0] == 0
    assert result.classes[-1] == 4


def test_missing_values_get_no_class():
    result = classify([1.0, None, 3.0, 4.0], scheme="equal_interval", k=3)
    assert result.classes[1] is None
    assert sum(result.counts) == 3


def test_natural_breaks_find_the_gap():
    result = classify([1, 1.1, 1.2, 9, 9.1, 9.2], scheme="natural_breaks", k=2)
    assert result.classes == (0, 0, 0, 1, 1, 1)


def test_labels_are_german():
    result = classify([1.5, 2.5, 1000.25], scheme="equal_interval", k=2)
    assert german(result.labels(1)[0]).startswith("1,5 bis ")


def test_unknown_scheme_is_refused():
    with raises(ValueError, "Unbekannte Klassifikation"):
        classify([1, 2], scheme="magic")


def test_no_values_no_classes():
    assert classify([None, None]).counts == ()


def test_labels_and_schemes_are_english_msgids():
    result = classify([1.5, 2.0, 1234.5], k=2)
    assert english(result.labels(1)) == ["1,5 to 2,0", "2,0 to 1.234,5"]
    assert SCHEMES["natural_breaks"] == "Natural breaks (Jenks)"
    with translation.override("de"):
        assert gettext(SCHEMES["natural_breaks"]) == "Natürliche Brüche (Jenks)"
