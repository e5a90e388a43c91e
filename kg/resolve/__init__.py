"""Resolution: which mentions name the same thing, within an article and across the corpus."""
