"""Writers, one module per result kind, each with its formats in one table."""
