"""One module per domain of app/models/: each declares its models in the privacy registry.

A module here takes part by existing (app/privacy/registry.py imports them all).
"""
