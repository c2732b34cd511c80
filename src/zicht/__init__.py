"""Zicht: software for regional human-trafficking monitors."""

__version__ = "0.1.0"
