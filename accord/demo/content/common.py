"""What the demo's texts share across languages: the complaint template type and `money`."""


def money(amount: int, language: str) -> str:
    whole = f"{amount:,}"
    if language == "en":
        return f"€{whole}"
    if language == "nl":
        return f"€ {whole.replace(',', '.')}"
    return f"{whole.replace(',', ' ')} €"


T = dict  # one complaint template
