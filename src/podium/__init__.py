"""Podium: the live Olympic medal table and results desk."""

from podium.core import NotFound, Podium

__all__ = ["NotFound", "Podium"]
