"""Letters: what each letter of a procedure says, worked out from the complaint's history (pure Python).

`catalogue.CATALOGUE` holds every letter by (procedure, kind); `compose` fills one from the history,
the engine's report and the council's calendar, or refuses it (`LetterRefused`) naming what it lacks.
Rendering (Word, PDF) is at the edge, in `redress.documents.letters`.
"""
