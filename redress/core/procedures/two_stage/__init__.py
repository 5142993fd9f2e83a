"""Two-stage complaint handling codes (`housing-code`, `corporate-code`): `code` names one, `rules` builds its table."""
