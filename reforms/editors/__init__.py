"""Editors' tools: importing a source document, scaffolding and diffing records, proposing themes, the field reference."""
