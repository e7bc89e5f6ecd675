"""The command's entry point keeps the garbage collector off while it starts, and loading the pack turns it on."""

from __future__ import annotations

import gc
import sys

import pytest

from aiexposure.cli.entry import run
from aiexposure.cli.settings import Settings


@pytest.fixture(autouse=True)
def collector_restored() -> object:
    yield None
    gc.unfreeze()
    gc.enable()


def test_loading_the_pack_sets_start_up_aside_and_turns_the_collector_on() -> None:
    gc.disable()  # as the entry point leaves it
    Settings().pack()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up made is no longer walked by every collection


def test_a_run_that_found_the_collector_on_freezes_nothing() -> None:
    # tests and scripts that call main() directly keep their collector as it was
    gc.unfreeze()
    Settings().pack()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_entry_point_leaves_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real = Settings.pack

    def pack(self: Settings) -> object:
        seen.append(gc.isenabled())  # off while the command starts
        return real(self)

    monkeypatch.setattr(Settings, "pack", pack)
    monkeypatch.setattr(sys, "argv", ["aiexposure", "assess", "--role", "writer", "--format", "json"])
    run()
    assert seen == [False]
    assert gc.isenabled()
    assert '"role": "writer"' in capsys.readouterr().out


def test_the_entry_point_turns_the_collector_on_after_a_mistake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["aiexposure", "assess", "--role", "astronaut"])
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 2
    assert gc.isenabled()
