"""Allow `python -m aiexposure`."""

from aiexposure.cli.entry import run

run()
