"""Tracker dashboards: derived views of the tracker data rendered into site pages."""
