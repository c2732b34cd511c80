"""Where intake hands an accepted delivery's cells to the figures store, without importing it.

Intake sits below figures in the layers (ADR 1212): figures reads intake's submissions, so intake may
not import figures. The figures app owns the observations table and registers its writer here when
Django starts (`FiguresConfig.ready`); intake calls it inside the submission's transaction. A missing
writer is a configuration error, never a silent delivery without figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

ObservationWriter = Callable[[object, Iterable], None]

_writer: ObservationWriter | None = None


def register_observation_writer(writer: ObservationWriter) -> None:
    """Install the function that stores a submission's cells (called once, by the figures app)."""
    global _writer
    _writer = writer


def write_observations(submission, cells: Iterable) -> None:
    """Store `cells` as the observations of `submission`, in the caller's transaction."""
    if _writer is None:
        raise RuntimeError(
            "No observation writer registered: add 'zicht.figures' to INSTALLED_APPS "
            "(its AppConfig.ready registers figures.services.store_observations)."
        )
    _writer(submission, cells)
