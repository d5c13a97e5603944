"""The grading and cadence configuration in force: the settings when given, the sourced defaults otherwise."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from anjian.prevention import grading


def lec_bands() -> tuple[grading.Band, ...]:
    """LEC bands from `ANJIAN_PREVENTION_LEC_BANDS` or the default."""
    rows = getattr(settings, "ANJIAN_PREVENTION_LEC_BANDS", None)
    return grading.bands_from_config(rows) if rows else grading.DEFAULT_LEC_BANDS


def ls_bands() -> tuple[grading.Band, ...]:
    """LS bands: `ANJIAN_PREVENTION_LS_BANDS` rows, or a named scheme in `ANJIAN_PREVENTION_LS_SCHEME` (A/B/C)."""
    rows = getattr(settings, "ANJIAN_PREVENTION_LS_BANDS", None)
    if rows:
        return grading.bands_from_config(rows)
    return grading.LS_SCHEMES[getattr(settings, "ANJIAN_PREVENTION_LS_SCHEME", "B")]


def check_cycles() -> Mapping[str, Mapping[str, str]]:
    """Cycle per control level and grade."""
    return getattr(settings, "ANJIAN_PREVENTION_CHECK_CYCLES", None) or grading.DEFAULT_CHECK_CYCLES


def guarantor_cycles() -> Mapping[str, str]:
    """Cycle per 包保 role."""
    return getattr(settings, "ANJIAN_PREVENTION_GUARANTOR_CYCLES", None) or grading.DEFAULT_GUARANTOR_CYCLES
