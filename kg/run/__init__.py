"""Running the build: in this process or on a Dask cluster (engine, cluster), and the graph it writes as shards."""
