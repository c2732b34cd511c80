"""Multiple systems estimation (MSE) of the hidden number of victims.

Pure Python (numpy/scipy); no Django. The report and dashboard call :func:`estimate`;
see docs/analyst/estimation.md for what the estimate assumes and how to read it.
"""

from .data import CaptureData, MSEInputError
from .estimate import METHODS, estimate
from .result import EstimateResult
from .sensitivity import SensitivityRow, sensitivity_table
from .simulate import SimulatedPopulation, simulate_population
from .strata import StrataResult, StratifiedCaptures, StratumEstimate, estimate_strata

__all__ = [
    "METHODS",
    "CaptureData",
    "EstimateResult",
    "MSEInputError",
    "SensitivityRow",
    "SimulatedPopulation",
    "StrataResult",
    "StratifiedCaptures",
    "StratumEstimate",
    "estimate",
    "estimate_strata",
    "sensitivity_table",
    "simulate_population",
]
