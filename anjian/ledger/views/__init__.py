"""Pages of the ledger: lists, task and hazard pages, inspections, units."""
