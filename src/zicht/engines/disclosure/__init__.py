"""Disclosure control: no published figure may reveal a small group of victims.

Primary suppression hides counts of 1 to ``threshold - 1``; secondary suppression, one
mixed-integer program for the whole publication solved on HiGHS with attacker cuts added
in rounds, hides as few other cells as possible so that no combination of published
numbers (of this and earlier publications) narrows a hidden small count away from 0 or
from the threshold, or pins any hidden cell exactly. An independent audit checks the
result after every solve. Plain Python: no Django here.
"""

from .audit import AuditReport, Finding, audit_publication
from .marks import FOOTNOTE, MARK, display_value, safe_percentage
from .microtable import InputError, read_microtable
from .policy import Policy, TableSpec
from .protect import AuditFailedError, protect_publication
from .result import (
    Pattern,
    ProtectedPublication,
    ProtectedTable,
    PublishedCell,
    extend_pattern,
    pattern_from_records,
    pattern_to_records,
)
from .solver import InfeasibleError, SolverTimeoutError

__all__ = [
    "FOOTNOTE",
    "MARK",
    "AuditFailedError",
    "AuditReport",
    "Finding",
    "InfeasibleError",
    "InputError",
    "Pattern",
    "Policy",
    "ProtectedPublication",
    "ProtectedTable",
    "PublishedCell",
    "SolverTimeoutError",
    "TableSpec",
    "audit_publication",
    "display_value",
    "extend_pattern",
    "pattern_from_records",
    "pattern_to_records",
    "protect_publication",
    "read_microtable",
    "safe_percentage",
]
