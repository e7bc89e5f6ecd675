"""The rules pack: its schema, reading and checking its YAML, its texts, and the pack compiled for scoring."""
