"""bcalc: business cases for municipal employment investments, computed and checked."""

__version__ = "0.2.0"
