"""Password rules beyond Django's own (OWASP ASVS 5, V6.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """ASVS: at least 64 characters must be allowed; longer than this is refused only so a
    megabyte 'password' cannot keep the hasher busy."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Dit wachtwoord is te lang: het mag hoogstens {self.max_length} tekens hebben.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Uw wachtwoord mag hoogstens {self.max_length} tekens hebben."
