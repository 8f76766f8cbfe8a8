"""How big the benchmark is: the issue's national scale by default, smaller with BENCH_SCALE."""

import math
import os
from dataclasses import asdict, dataclass

FULL_AREAS = 350
FULL_INDICATORS = 200
FULL_QUARTERS = 40
FULL_IMPORT_ROWS = 1_000_000
FULL_REQUESTS = 50
SEED = 20090401  # the day the Cheshire West and Chester LSP began


@dataclass(frozen=True)
class Scale:
    areas: int
    indicators: int
    quarters: int
    import_rows: int
    requests: int
    seed: int
    factor: float

    @property
    def observations(self) -> int:
        """Area-level synthetic figures (England and region rows come on top)."""
        return self.areas * self.indicators * self.quarters

    def as_dict(self) -> dict:
        return asdict(self) | {"observations": self.observations}


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def scale_from_env() -> Scale:
    """BENCH_SCALE shrinks areas and indicators by its square root each (so the observations
    shrink by the factor itself) and the import file by the factor; quarters stay at 40 unless
    BENCH_QUARTERS says otherwise, since direction of travel and forecasts need a history.
    BENCH_AREAS, BENCH_INDICATORS, BENCH_IMPORT_ROWS and BENCH_REQUESTS override each size."""
    factor = float(os.environ.get("BENCH_SCALE") or 1.0)
    root = math.sqrt(factor)
    areas = _int("BENCH_AREAS", max(12, round(FULL_AREAS * root)))
    indicators = _int("BENCH_INDICATORS", max(6, round(FULL_INDICATORS * root)))
    quarters = _int("BENCH_QUARTERS", FULL_QUARTERS)
    observations = areas * indicators * quarters
    import_rows = _int("BENCH_IMPORT_ROWS", max(200, round(FULL_IMPORT_ROWS * factor)))
    return Scale(
        areas=areas,
        indicators=indicators,
        quarters=max(quarters, 9),
        import_rows=min(import_rows, observations),
        requests=_int("BENCH_REQUESTS", FULL_REQUESTS if factor >= 0.5 else 10),
        seed=_int("BENCH_SEED", SEED),
        factor=factor,
    )
