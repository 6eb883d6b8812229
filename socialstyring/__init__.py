"""Socialstyring: economic steering of Denmark's specialised social area."""

__version__ = "0.1.0"
