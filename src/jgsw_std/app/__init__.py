"""Use cases, one module per command: a request in, a result value out, no printing."""
