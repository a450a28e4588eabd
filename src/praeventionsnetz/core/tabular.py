"""Reading statistics tables (CSV, XLSX) into checked observation records.

Pure: bytes in, records and row errors out; no Django. Two layouts:
- long: one row per area, indicator and period (columns mapped by name);
- wide: one row per area (and period), one column per indicator.
Numbers are read in the German format by default ("1.234,5"); the decimal separator is a
setting because "1.234" means 1234 in German and 1.234 in English files.

Messages are `core.text.Message` objects (English msgid, named parameters); the caller
translates them where they are shown.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from praeventionsnetz.core.text import Message, gettext_noop

MISSING = {"", "-", "–", ".", "x", "X", "NA", "n/a", "k. A.", "k.A."}
PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:[-/ ]?(?:Q|q)(?P<quarter>[1-4]))?$")
QUARTER_WORDS_RE = re.compile(r"^(?P<quarter>[1-4])\.\s*Quartal\s+(?P<year>\d{4})$")


class TableError(ValueError):
    """The file as a whole cannot be read; `message` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it in a spreadsheet: header is row 1
    column: str
    message: Message | str

    def located(self) -> Message:
        """The message with its row (and column); `message` is a parameter of it."""
        if self.column:
            return Message(
                gettext_noop("Row %(row)s, column “%(column)s”: %(message)s"),
                {"row": self.row, "column": self.column, "message": self.message},
            )
        return Message(
            gettext_noop("Row %(row)s: %(message)s"), {"row": self.row, "message": self.message}
        )

    def __str__(self) -> str:
        return str(self.located())


def quoted(names: Iterable[str]) -> Message | str:
    """Names in quotation marks, separated by commas: “a”, “b”."""
    items: list[Message | str] = [
        Message(gettext_noop("“%(name)s”"), {"name": name}) for name in names
    ]
    return joined(items)


def joined(items: list[Message | str]) -> Message | str:
    """Items separated by commas; messages among them stay messages."""
    if all(isinstance(item, str) for item in items):
        return ", ".join(items)  # type: ignore[arg-type]
    result = items[-1]
    for item in reversed(items[:-1]):
        # Translators: joins the first item of a list with the rest, e.g. “a”, “b”, “c”.
        result = Message(gettext_noop("%(first)s, %(rest)s"), {"first": item, "rest": result})
    return result


@dataclass(frozen=True)
class Record:
    row: int
    area: str
    indicator: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# A file beyond these bounds is refused as a whole, before any row is checked, so that a
# preview takes seconds and its page stays small. Bigger tables are imported in parts.
MAX_ROWS = 50_000
MAX_COLUMNS = 500
MAX_CELL = 10_000  # characters
MAX_UNPACKED = 200 * 1024 * 1024  # an XLSX is a zip; this bounds what it may unpack to


def _too_many_rows(max_rows: int) -> TableError:
    return TableError(
        Message(
            gettext_noop(
                "The file has more than %(max)s data rows. Please split it into smaller files."
            ),
            {"max": f"{max_rows:,}".replace(",", ".")},
        )
    )


def read_table(content: bytes, file_name: str, *, max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """All cells as stripped strings; the header row names the columns.

    Any file — damaged, of another kind or too large — raises `TableError` with one short
    message; nothing else escapes.
    """
    name = file_name.lower()
    if name.endswith((".xlsx", ".xlsm")):
        frame = _read_xlsx(content, max_rows)
    elif name.endswith((".csv", ".txt")):
        frame = _read_csv(content, max_rows)
    else:
        raise TableError(Message(gettext_noop("Only CSV and XLSX files can be imported.")))
    if len(frame) > max_rows:
        raise _too_many_rows(max_rows)
    if len(frame.columns) > MAX_COLUMNS:
        raise TableError(
            Message(gettext_noop("The file has more than %(max)s columns."), {"max": MAX_COLUMNS})
        )
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if frame.empty:
        raise TableError(Message(gettext_noop("The file contains no data rows.")))
    frame = frame.apply(lambda col: col.astype(str).str.strip())
    _check_cells(frame)
    return frame


def _read_csv(content: bytes, max_rows: int) -> pd.DataFrame:
    text = _decode(content)
    try:
        with warnings.catch_warnings():
            # pandas takes a first data row longer than the header as index columns and
            # shifts every value; index_col=False makes it warn instead, and we refuse.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                io.StringIO(text),
                sep=_sniff(text),
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
                index_col=False,
                nrows=max_rows + 1,
            )
    except pd.errors.EmptyDataError as exc:
        raise TableError(Message(gettext_noop("The file is empty."))) from exc
    except pd.errors.ParserWarning as exc:
        raise _ragged(2) from exc
    except Exception as exc:  # pandas raises many kinds; the user needs one message
        line = re.search(r"line (\d+)", str(exc))
        if line:
            raise _ragged(int(line.group(1))) from exc
        raise TableError(Message(gettext_noop("The file cannot be read as a CSV table."))) from exc


def _ragged(row: int) -> TableError:
    return TableError(
        Message(
            gettext_noop(
                "Row %(row)s has more cells than the header row; "
                "is a separator or quotation mark missing?"
            ),
            {"row": row},
        )
    )


def _read_xlsx(content: bytes, max_rows: int) -> pd.DataFrame:
    not_excel = TableError(
        Message(gettext_noop("The file is not an Excel workbook (XLSX) or it is damaged."))
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_excel from exc
    if unpacked > MAX_UNPACKED:
        raise TableError(Message(gettext_noop("The Excel workbook is too large to import.")))
    try:
        return pd.read_excel(
            io.BytesIO(content),
            dtype=str,
            keep_default_na=False,
            nrows=max_rows + 1,
            engine="openpyxl",
        )
    except Exception as exc:  # damaged zips and XML raise many kinds; the user needs one
        raise not_excel from exc


def _check_cells(frame: pd.DataFrame) -> None:
    for position, column in enumerate(frame.columns):
        lengths = frame.iloc[:, position].str.len()
        if len(lengths) and lengths.max() > MAX_CELL:
            row = int(lengths.to_numpy().argmax()) + 2
            raise TableError(
                Message(
                    gettext_noop(
                        "Row %(row)s, column “%(column)s”: the cell holds more than "
                        "%(max)s characters."
                    ),
                    {"row": row, "column": column, "max": f"{MAX_CELL:,}".replace(",", ".")},
                )
            )


# Byte order marks: a spreadsheet that saves "Unicode text" writes UTF-16 with one of these.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(content: bytes) -> str:
    text = None
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                text = None
            break
    if text is None and b"\x00" not in content:
        for encoding in ("utf-8", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None or "\x00" in text:
        # Zero bytes occur in no text table: a picture, an archive, a PDF, …
        raise TableError(
            Message(
                gettext_noop(
                    "The file is not a text table (CSV) in a known encoding (expected: UTF-8)."
                )
            )
        )
    return text


def _sniff(text: str) -> str:
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return ";" if sample.count(";") >= sample.count(",") else ","


def parse_number(text: str, *, decimal: str = ",") -> float | None:
    """A number in German (decimal=",") or English (decimal=".") notation; None if missing."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if raw in MISSING:
        return None
    thousands = "." if decimal == "," else ","
    if raw.count(decimal) > 1:
        raise ValueError(_not_a_number(text))
    cleaned = raw.replace(thousands, "").replace(decimal, ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
        raise ValueError(_not_a_number(text))
    value = float(cleaned)
    if not math.isfinite(value):  # "1e999" is infinite: no figure and no valid JSON
        raise ValueError(
            Message(gettext_noop("“%(text)s” is too large a number."), {"text": text.strip()})
        )
    return value


def parse_period(text: str) -> str:
    """'2024', '2024-Q1', '2024 Q1', '1. Quartal 2024' → '2024' or '2024-Q1'."""
    raw = text.strip()
    if raw.endswith(".0") and raw[:-2].isdigit():  # spreadsheets store years as floats
        raw = raw[:-2]
    match = PERIOD_RE.match(raw) or QUARTER_WORDS_RE.match(raw)
    if not match:
        raise ValueError
    year, quarter = match.group("year"), match.group("quarter")
    return f"{year}-Q{quarter}" if quarter else year


def _not_a_number(text: str) -> Message:
    return Message(gettext_noop("“%(text)s” is not a number."), {"text": text})


def period_year(period: str) -> int:
    return int(period[:4])


def _require(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c and c not in frame.columns]
    if missing:
        raise TableError(
            Message(
                gettext_noop("Columns missing: %(missing)s. Present: %(present)s."),
                {"missing": quoted(missing), "present": quoted(map(str, frame.columns))},
            )
        )


@dataclass(frozen=True)
class LongMapping:
    area: str = "gebiet"
    indicator: str = "indikator"
    period: str = "periode"
    value: str = "wert"
    numerator: str = "zaehler"
    denominator: str = "nenner"


@dataclass(frozen=True)
class WideMapping:
    area: str = "gebiet"
    period: str = "periode"  # empty: every row has `fixed_period`
    fixed_period: str = ""
    # file column -> indicator key; "key:zaehler"/"key:nenner" for a rate's parts
    columns: Mapping[str, str] = field(default_factory=dict)


AREA_MISSING = Message(gettext_noop("The area is missing."))


def _number(text: str, row: int, column: str, decimal: str, errors: list[RowError]):
    try:
        return parse_number(text, decimal=decimal)
    except ValueError as exc:
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else None
        errors.append(RowError(row, column, reason or _not_a_number(text)))
        return None


def _period(text: str, row: int, column: str, years: tuple[int, int], errors: list[RowError]):
    try:
        period = parse_period(text)
    except ValueError:
        message = gettext_noop("“%(text)s” is not a period (expected: 2024 or 2024-Q1).")
        errors.append(RowError(row, column, Message(message, {"text": text})))
        return None
    if not years[0] <= period_year(period) <= years[1]:
        message = gettext_noop("Period %(period)s lies outside %(first)s–%(last)s.")
        params = {"period": period, "first": years[0], "last": years[1]}
        errors.append(RowError(row, column, Message(message, params)))
        return None
    return period


def parse_long(
    frame: pd.DataFrame,
    mapping: LongMapping,
    *,
    decimal: str = ",",
    years: tuple[int, int] = (1900, 2100),
) -> Parsed:
    _require(frame, [mapping.area, mapping.indicator, mapping.period])
    has_value = mapping.value in frame.columns
    has_parts = mapping.numerator in frame.columns and mapping.denominator in frame.columns
    if not has_value and not has_parts:
        raise TableError(
            Message(
                gettext_noop(
                    "A column “%(value)s” or the columns “%(numerator)s” and “%(denominator)s” "
                    "are needed."
                ),
                {
                    "value": mapping.value,
                    "numerator": mapping.numerator,
                    "denominator": mapping.denominator,
                },
            )
        )
    parsed = Parsed()
    for i, row in enumerate(frame.to_dict("records")):
        number = i + 2
        errors_before = len(parsed.errors)
        area = row[mapping.area]
        indicator = row[mapping.indicator]
        if not area:
            parsed.errors.append(RowError(number, mapping.area, AREA_MISSING))
        if not indicator:
            parsed.errors.append(
                RowError(
                    number, mapping.indicator, Message(gettext_noop("The indicator is missing."))
                )
            )
        period = _period(row[mapping.period], number, mapping.period, years, parsed.errors)
        value = (
            _number(row[mapping.value], number, mapping.value, decimal, parsed.errors)
            if has_value
            else None
        )
        numerator = denominator = None
        if has_parts:
            numerator = _number(
                row[mapping.numerator], number, mapping.numerator, decimal, parsed.errors
            )
            denominator = _number(
                row[mapping.denominator], number, mapping.denominator, decimal, parsed.errors
            )
        if len(parsed.errors) == errors_before:
            if value is None and (numerator is None or denominator is None):
                parsed.errors.append(
                    RowError(number, mapping.value, Message(gettext_noop("The value is missing.")))
                )
                continue
            parsed.records.append(
                Record(number, area, indicator, period, value, numerator, denominator)
            )
    return parsed


def parse_wide(
    frame: pd.DataFrame,
    mapping: WideMapping,
    *,
    decimal: str = ",",
    years: tuple[int, int] = (1900, 2100),
) -> Parsed:
    if not mapping.columns:
        raise TableError(Message(gettext_noop("No column is mapped to an indicator.")))
    _require(
        frame, [mapping.area, mapping.period if not mapping.fixed_period else "", *mapping.columns]
    )
    parsed = Parsed()
    for i, row in enumerate(frame.to_dict("records")):
        number = i + 2
        area = row[mapping.area]
        if not area:
            parsed.errors.append(RowError(number, mapping.area, AREA_MISSING))
            continue
        period_text = mapping.fixed_period or row[mapping.period]
        period = _period(period_text, number, mapping.period, years, parsed.errors)
        if period is None:
            continue
        parts: dict[str, dict[str, float | None]] = {}
        for column, target in mapping.columns.items():
            key, _sep, part = target.partition(":")
            text = row[column]
            number_value = _number(text, number, column, decimal, parsed.errors)
            if number_value is None and text.strip() not in MISSING:
                continue  # error already recorded
            parts.setdefault(key, {})[part or "value"] = number_value
        for key, values in parts.items():
            value = values.get("value")
            numerator, denominator = values.get("zaehler"), values.get("nenner")
            if value is None and (numerator is None or denominator is None):
                continue  # an empty cell: no observation, not an error
            parsed.records.append(Record(number, area, key, period, value, numerator, denominator))
    return parsed
