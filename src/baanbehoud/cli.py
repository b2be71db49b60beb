"""The `baanbehoud` console script: Django's management commands with our settings preset.

`uv run baanbehoud demo`, `uv run baanbehoud migrate`, `uv run baanbehoud signals ...` all
go through here. DJANGO_SETTINGS_MODULE may still be set to choose another preset.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    # The production processes (the app server, the worker, the scheduler): production settings
    # unless told otherwise.
    preset = "production" if args[:1] in (["serve"], ["worker"], ["scheduler"]) else "dev"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"baanbehoud.config.settings.{preset}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["baanbehoud", *args])


if __name__ == "__main__":
    main()
