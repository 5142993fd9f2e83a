"""Redress: case management for the statutory children's social care complaints procedure."""
