"""Record linkage engine: encoding, matching and evaluation of case records, in pure Python.

A regular package (not a namespace package) so that setuptools' `packages.find` ships it in a wheel
and import-linter can name it in the engines' independence contract.
"""
