"""Static files: Django's app, without what Zicht never serves.

drf-spectacular-sidecar ships Swagger UI and Redoc with source maps (about 10 MB); WhiteNoise compresses
every collected file with gzip and Brotli, which took 40 s of CPU (minutes on a busy machine) at the
first `zicht serve`. Only Redoc's bundle is used (ADR 1113): the rest is not collected."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class ZichtStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "*.map", "drf_spectacular_sidecar/swagger-ui-dist/*"]
