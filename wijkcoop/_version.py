"""The one place that holds the book's and the package's version."""

__version__ = "1.1.0"
