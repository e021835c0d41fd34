"""Allow ``python -m generator``."""

from generator.cli.commands import main

main()
