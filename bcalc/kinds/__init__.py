"""The kinds of document bcalc reads, one pydantic model each."""
