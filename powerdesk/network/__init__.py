"""The station's grid: feeders, protective devices, transformers (台区), poles and defects."""
