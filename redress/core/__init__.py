"""The pure core: calendar, clocks, the procedure engine and the decisions parser. No Django here."""
