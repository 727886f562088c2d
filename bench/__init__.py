"""`make bench`: how fast Followup does its job and how its cost grows (see the README's Benchmarks)."""
