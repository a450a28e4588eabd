"""Tables as CSV or XLSX downloads; the caller has already applied suppression."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = {"csv", "xlsx"}


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
    # Spreadsheet programs run formulas from cells starting with these characters.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"} and not _is_number(value):
        return "'" + value
    return value


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
        sheet.append(list(header))
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
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    if source:
        writer.writerow([])
        writer.writerow([_("Source: %(source)s") % {"source": source}])
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _csv_value(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", ",")
    return _cell(value)
