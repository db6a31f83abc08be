"""wijkcoop: the logic behind the book 'Samenwerken aan de wijk'."""

from wijkcoop._version import __version__

__all__ = ["__version__"]
