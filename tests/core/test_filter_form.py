from django import forms

from praeventionsnetz.core.forms import FilterForm


class PeriodFilter(FilterForm):
    periode = forms.ChoiceField(required=False)

    def __init__(self, data, *, periods):
        super().__init__(data)
        self.fields["periode"].choices = [(p, p) for p in periods]
        self.fields["periode"].initial = periods[-1]


def test_a_known_filter_is_taken():
    form = PeriodFilter({"periode": "2023"}, periods=["2023", "2024"])
    assert form.value("periode") == "2023"


def test_an_unknown_or_missing_filter_falls_back_to_the_default():
    assert PeriodFilter({"periode": "1850"}, periods=["2023", "2024"]).value("periode") == "2024"
    assert PeriodFilter({}, periods=["2023", "2024"]).value("periode") == "2024"


def test_export_format_is_csv_or_xlsx_or_none():
    assert PeriodFilter({"format": "xlsx"}, periods=["2024"]).export_format == "xlsx"
    assert PeriodFilter({"format": "pdf"}, periods=["2024"]).export_format is None
    assert PeriodFilter({}, periods=["2024"]).export_format is None
