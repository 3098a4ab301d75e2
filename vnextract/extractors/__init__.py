"""Extractors: find spans (candidates with a rule id) and resolve them into contract records."""
