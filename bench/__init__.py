"""Benchmarks of actorgraph at scale: synthetic graphs, load, query, API, export, view."""
