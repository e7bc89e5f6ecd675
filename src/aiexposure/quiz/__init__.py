"""`aiexposure quiz`: the interactive questions and the run around them."""
