"""The application tracker's data layer and CLI.

Use :func:`load_tracker` to read, validate and derive everything in one call.
"""

from .tracker import Tracker, load_tracker

__all__ = ["Tracker", "load_tracker"]
