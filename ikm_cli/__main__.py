"""``python -m ikm_cli``: the same as the ``ikm`` command."""

import sys

from ikm_cli.main import main

sys.exit(main())
