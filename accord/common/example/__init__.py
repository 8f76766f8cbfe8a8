"""The example partnership: Cheshire West and Chester as the seed papers describe it."""

from accord.common.example.demo_users import (
    DEMO_PASSWORD,
    demo_password,
    demo_sign_ins,
    ensure_demo_users,
    format_sign_ins,
)
from accord.common.example.loader import ExampleAlreadyLoaded, load_example

__all__ = [
    "DEMO_PASSWORD",
    "ExampleAlreadyLoaded",
    "demo_password",
    "demo_sign_ins",
    "ensure_demo_users",
    "format_sign_ins",
    "load_example",
]
