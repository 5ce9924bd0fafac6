"""The plan's indicators: one pure function per metric name (see registry)."""
