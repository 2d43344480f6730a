"""Loading the catalogue's YAML, checking it, and resolving its references: load → validate → resolve."""
