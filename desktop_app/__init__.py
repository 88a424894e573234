"""FineTune Desk: fine-tune language models with clicks."""

__version__ = "0.1.0"
