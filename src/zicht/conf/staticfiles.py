"""Static files: Django's app, without what Zicht never serves.

drf-spectacular-sidecar ships Swagger UI and Redoc with source maps (about 10 MB); WhiteNoise compresses
every collected file with gzip and Brotli, which took 40 s of CPU (minutes on a busy machine) at the
first `zicht serve`. Only Redoc's bundle is used (ADR 1113): the rest is not collected.

The exclusion sits in the app-directories finder rather than in a replacement of the staticfiles app:
tools that look for ``django.contrib.staticfiles`` by name (the test live server serves static files
only then) keep working."""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

UNUSED = ["*.map", "drf_spectacular_sidecar/swagger-ui-dist/*", "swagger-ui-dist/*"]


class ZichtAppDirectoriesFinder(AppDirectoriesFinder):
    """Django's app-directories finder that never lists the unused bundles."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED])
