"""``python -m bot`` runs the ``chorus`` command."""

from bot.cli import main

main()
