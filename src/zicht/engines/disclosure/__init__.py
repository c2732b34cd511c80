"""Disclosure control: no published figure may reveal a small group of victims.

Primary suppression hides counts of 1 to ``threshold - 1``; secondary suppression, one
mixed-integer program for the whole publication solved on HiGHS with attacker cuts added
in rounds, hides as few other cells as possible so that no combination of published
numbers (of this and earlier publications) narrows a hidden small count away from 0 or
from the threshold, or pins any hidden cell exactly. An independent audit checks the
result after every solve. Plain Python: no Django here.
"""

import importlib

# Names load from their submodule on first use (PEP 562): a caller that needs only the policy (the
# narrative check in every web worker) does not load the solver, pandas and the audit.
_SOURCES = {
    "AuditReport": ".audit", "Finding": ".audit", "audit_publication": ".audit",
    "FOOTNOTE": ".marks", "MARK": ".marks", "display_value": ".marks", "safe_percentage": ".marks",
    "InputError": ".microtable", "read_microtable": ".microtable",
    "Policy": ".policy", "TableSpec": ".policy",
    "AuditFailedError": ".protect", "protect_publication": ".protect",
    "Pattern": ".result", "ProtectedPublication": ".result", "ProtectedTable": ".result",
    "PublishedCell": ".result", "extend_pattern": ".result", "pattern_from_records": ".result",
    "pattern_to_records": ".result",
    "InfeasibleError": ".solver", "SolverTimeoutError": ".solver",
    "SubsetSum": ".subsets",
}


def __getattr__(name: str):
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source, __name__), name)
    globals()[name] = value
    return value


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
    "SubsetSum",
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
