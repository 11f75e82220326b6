"""The knowledge base's page model: topic inventory, front matter and section checks, coverage."""
