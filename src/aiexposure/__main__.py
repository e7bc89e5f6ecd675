"""Allow `python -m aiexposure`."""

from aiexposure.cli.app import main

main()
