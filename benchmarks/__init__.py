"""Benchmarks: ``python -m benchmarks.search`` (see benchmarks/search.py)."""
