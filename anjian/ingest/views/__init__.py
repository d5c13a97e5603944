"""Pages of the import: upload, preview, confirm, runs, the hazard table."""
