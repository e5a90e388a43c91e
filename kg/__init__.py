"""newskg: news articles about diplomacy → a validated RDF knowledge graph where every fact keeps its source."""
