"""The model: answers checked against the pack, the scores they give, and what a report says."""
