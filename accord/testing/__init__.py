"""Test helpers shared by the apps' tests: a real SMTP server and a real browser (fixtures in conftest)."""
