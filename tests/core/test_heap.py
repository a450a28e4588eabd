"""The web server's garbage collector: the start-up heap frozen, the thresholds raised."""

import gc

from praeventionsnetz.config import heap


def test_freeze_after_loading_every_view(monkeypatch):
    calls = []
    monkeypatch.delenv("GC_FREEZE", raising=False)
    monkeypatch.setattr(gc, "collect", lambda: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *t: calls.append(t))
    heap.freeze_startup_heap()
    assert calls == ["collect", "freeze", heap.THRESHOLDS]
    assert heap.THRESHOLDS[0] > 700  # CPython's default first threshold


def test_gc_freeze_0_leaves_the_collector_alone(monkeypatch):
    monkeypatch.setenv("GC_FREEZE", "0")
    monkeypatch.setattr(gc, "freeze", lambda: (_ for _ in ()).throw(AssertionError("frozen")))
    heap.freeze_startup_heap()


def test_wsgi_and_asgi_entries_freeze_the_heap():
    from pathlib import Path

    config = Path(heap.__file__).parent
    for entry in ("wsgi.py", "asgi.py"):
        assert "freeze_startup_heap()" in (config / entry).read_text()
