"""scopesite: a support policy in YAML, built into a static support site."""
