"""Static files in production: hashed and compressed once `redress collectstatic` has filled
REDRESS_STATIC_ROOT; until then (or with no REDRESS_STATIC_ROOT) the plain names, which WhiteNoise
serves straight from the app folders. No page fails for want of a manifest."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage

NO_STATIC_ROOT = (
    "REDRESS_STATIC_ROOT is not set: set it to the folder collectstatic should fill"
    " (outside the project folder, e.g. /var/lib/redress/static), then run collectstatic again"
)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # whitenoise is untyped
    """The manifest storage, falling back to unhashed names while there is no manifest to read."""

    def path(self, name: str) -> str:
        if not self.location:
            raise ImproperlyConfigured(NO_STATIC_ROOT)
        return str(super().path(name))

    def read_manifest(self) -> Any:
        if not self.location:
            return None
        return super().read_manifest()

    def create_compressor(self, **kwargs: Any) -> Any:
        """Gzip only: `brotli` comes with WeasyPrint (via fonttools) and WhiteNoise would then also write
        Brotli copies at its slowest setting, a minute of collectstatic for the API docs' bundle alone."""
        return super().create_compressor(**kwargs, use_brotli=False)

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        return str(super().stored_name(name))
