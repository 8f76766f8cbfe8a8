"""The national-scale performance benchmark's pieces: the deterministic synthetic data set, the
databases' raw bulk loads, and the pandas and DuckDB reference implementations of the assessment
that Accord's own `assess()` is timed against and checked equal to."""
