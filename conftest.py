"""Shared fixtures. Factories live in each app's tests/factories.py."""
