"""Everthread: cross-channel clienteling."""
