"""The RDF side of newskg: vocabulary, IRIs, the mapping from facts to triples, validation, loading and export."""
