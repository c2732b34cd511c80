"""Multiple systems estimation (MSE) of the hidden number of victims.

Pure Python (numpy/scipy); no Django. See docs/analyst/estimation.md.
"""

from .data import CaptureData, MSEInputError

__all__ = ["CaptureData", "MSEInputError"]
