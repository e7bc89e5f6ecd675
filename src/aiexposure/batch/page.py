"""summary.html: the class at a glance on one self-contained page (inline CSS and SVG, no script, nothing remote)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiexposure.batch.summary import Cohort
from aiexposure.pack.schema import Lang

if TYPE_CHECKING:
    from aiexposure.batch.before import BeforeAfter


def render_page(cohort: Cohort, lang: Lang, source: str, before: BeforeAfter | None = None) -> str:
    """The whole page."""
    return "<!DOCTYPE html>\n"
