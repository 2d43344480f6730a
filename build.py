#!/usr/bin/env python3
"""营商环境改革措施目录 — entry point: load → validate → resolve → render → write.

Run ``python build.py --help`` for the commands.
"""

import sys

from reforms.cli import main

if __name__ == "__main__":
    sys.exit(main())
