# The dysfunctions' personas (Luc Lenoir of finance, Hélène Hautier of HR): see dysfunction_personas.py.
from accord.departments.tests.dysfunction_personas import finance_contact, helene, hr, luc  # noqa: F401
