"""Tables as CSV or XLSX downloads; the caller has already applied suppression."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMATS = {"csv", "xlsx"}
MAX_CELL = 32_767  # Excel's limit for the text of one cell


def safe_filename(name: str) -> str:
    plain = (
        name.replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("ß", "ss")
        .replace("Ä", "Ae")
        .replace("Ö", "Oe")
        .replace("Ü", "Ue")
    )
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", plain).strip("_") or "export"


def _cell(value: Any) -> Any:
    """A value both writers take: text, a number, a date or None."""
    if value is None or isinstance(value, bool | int | Decimal | dt.date | dt.time):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            # Excel has no time zones: the local time, as the page shows it.
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    # Lazy translations, choices and model instances become their text.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL]
    # Spreadsheet programs run formulas from cells starting with these characters.
    if text[:1] in {"=", "+", "-", "@"} and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def table_response(
    *,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    filename: str,
    fmt: str,
    source: str = "",
) -> HttpResponse:
    """A download of a table; CSV uses ';' and UTF-8 with BOM so Excel opens it in German."""
    name = safe_filename(filename)
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Data")
        sheet.append([_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        if source:
            sheet.append([])
            sheet.append([_("Source: %(source)s") % {"source": source}])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow([_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    if source:
        writer.writerow([])
        writer.writerow([_("Source: %(source)s") % {"source": source}])
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _csv_value(value: Any) -> Any:
    value = _cell(value)
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", ",")
    return value
