"""Reading the warehouse: fast YAML, positions, root discovery, the loader."""
