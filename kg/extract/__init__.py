"""Extractors: from one parsed article to its facts (entities, events, positions, claims), with no RDF in sight."""
