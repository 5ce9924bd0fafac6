"""The command-line interface: app.py is the boundary, one module per command."""
