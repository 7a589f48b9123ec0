"""voices."""
