"""`python -m desktop_app` and the `finetune-desk` entry point."""

from __future__ import annotations

import sys

from desktop_app.app import main

if __name__ == "__main__":
    sys.exit(main())
