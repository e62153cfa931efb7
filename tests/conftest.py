"""Shared fixtures: the real model and the packaged rules, loaded once per test session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import quotes

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_c6d2c87ce24b5f97.txt"
GOLD_CANDIDATES = [REPO / "seeds" / "000_c6d2c87ce24b5f97.gold.json",
                   REPO.parent / "shared" / "gold" / "000_c6d2c87ce24b5f97.json"]


@pytest.fixture(scope="session")
def extractor() -> quotes.Extractor:
    return quotes.get_extractor()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    for path in GOLD_CANDIDATES:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.skip("seed gold not found")


def speaker_names(result: quotes.Result, quote: quotes.Quote) -> list[str]:
    """The speaker entity's name and aliases, lower-cased ([] when no speaker)."""
    speaker = result.speaker(quote.speaker)
    return [n.lower() for n in ([speaker.name, *speaker.aliases] if speaker else [])]
