"""The procedures Redress knows, each a module the engine loads: its clocks, events, rules table and judgements.

`registry.procedure_named` gives a `Procedure` by name; `shared` holds the events every procedure
includes with one meaning. This package's own import loads nothing, so a procedure's clocks can be
read by `redress.core.clocks` without the rules.
"""
