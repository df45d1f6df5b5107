"""kg: machine-learning paper abstracts -> a knowledge graph of papers, methods, benchmarks and links."""

__version__ = "0.1.0"
