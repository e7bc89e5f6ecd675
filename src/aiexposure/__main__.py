"""Allow `python -m aiexposure`."""

from aiexposure.cli import main

main()
