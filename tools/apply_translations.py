"""Fill the German catalogue from tools/translations_de.py; fail on anything untranslated."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from translations_de import DE

PO = Path(__file__).parent.parent / "src/praeventionsnetz/locale/de/LC_MESSAGES/django.po"


def main() -> int:
    po = polib.pofile(str(PO))
    po.metadata["Language"] = "de"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    missing = []
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if entry.msgid_plural:
            value = DE.get((entry.msgid, entry.msgid_plural))
            if value is None:
                # Never keep gettext's guess from a similar old entry.
                entry.msgstr_plural = {0: "", 1: ""}
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            value = DE.get((entry.msgctxt, entry.msgid)) if entry.msgctxt else DE.get(entry.msgid)
            if value is None:
                entry.msgstr = ""
                missing.append(entry.msgid)
                continue
            entry.msgstr = value
    po.save()
    if missing:
        print("Untranslated:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
