"""Resolution: surface forms from many papers -> canonical entities with stable ids."""

from kg.resolve.resolver import Resolution, resolve

__all__ = ["Resolution", "resolve"]
