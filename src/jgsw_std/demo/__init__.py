"""Synthetic, clearly labelled warehouses for demos, tests and benchmarks."""
