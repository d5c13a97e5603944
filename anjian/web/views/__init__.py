"""HTML views of the workspace, one module per area."""
