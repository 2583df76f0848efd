"""Output formats: each module renders one serialization, nothing else."""
