"""Pure helpers with no models: environment parsing, working days."""
