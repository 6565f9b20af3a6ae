"""Podium's web app: pages with JSON twins, live updates, the results desk API."""

from podium.web.app import create_app

__all__ = ["create_app"]
