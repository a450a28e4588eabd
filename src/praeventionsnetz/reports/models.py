"""Data of this capability; built in its own issue."""
