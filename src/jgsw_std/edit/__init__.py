"""Writing the warehouse: the only place that changes YAML files.

Every write goes through :mod:`jgsw_std.edit.safe`: the result is validated
first, stays inside ``data/``, keeps the file's encoding (UTF-8 with or without
BOM), line endings and comments, and replaces the file atomically. ruamel.yaml
(round trip, YAML 1.2) is imported only here, and only inside functions, so
that commands which never write start fast.
"""
