"""Settings for `make bench`: the production settings, plus the benchmark's own URLconf (bench.urls).

The benchmark sets the environment (DEBUG off, a throwaway SECRET_KEY, plain HTTP on loopback) before
this module loads; see bench.config.
"""

import os

from followup.settings import *  # noqa: F403
from followup.settings import VAR_DIR

# The trivial view lives here, not in the product: the app itself has no benchmark-only endpoint.
ROOT_URLCONF = "bench.urls"
# collectstatic writes here, so a benchmark run never touches the project's own staticfiles/.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(VAR_DIR / "bench" / "staticfiles"))
