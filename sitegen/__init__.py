"""sitegen: static, searchable incident archives for Arabic news."""

__version__ = "0.1.0"
