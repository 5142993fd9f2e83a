"""The JSON API (django-ninja): /api/v1/, documented at /api/v1/docs, schema at /api/v1/openapi.json."""
