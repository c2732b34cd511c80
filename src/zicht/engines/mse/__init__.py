"""Multiple systems estimation (MSE) of the hidden number of victims.

Pure Python (numpy/scipy); no Django. The report and dashboard call :func:`estimate`;
see docs/analyst/estimation.md for what the estimate assumes and how to read it.
"""

from .data import CaptureData, MSEInputError
from .estimate import METHODS, estimate
from .result import EstimateResult

__all__ = ["METHODS", "CaptureData", "EstimateResult", "MSEInputError", "estimate"]
