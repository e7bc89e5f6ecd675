"""aiexposure: how exposed is your freelance or gig work to AI, and what to do about it."""

__version__ = "0.1.0"
