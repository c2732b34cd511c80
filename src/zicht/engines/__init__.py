"""Pure-Python computational cores (no Django; enforced by import-linter).

- ``mse``: multiple systems estimation of the hidden number.
- ``disclosure``: primary and secondary cell suppression with an attacker audit.
- ``linkage``: Bloom-filter encoding at the partner and matching at the monitor.
- ``trends``: changes between years with exact intervals and honest wording.
"""
