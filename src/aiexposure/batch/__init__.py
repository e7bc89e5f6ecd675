"""`aiexposure batch`: a class or cohort scored from a CSV or JSONL file, with results, summary and reports."""
