"""Pydantic models of the data contract (see DOMAIN.md, "The data contract")."""
