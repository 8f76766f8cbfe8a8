import pytest


@pytest.fixture(autouse=True)
def _no_axes_lockouts_between_tests(settings):
    settings.AXES_ENABLED = False
    # Tests create many users; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_kept_figures_between_tests():
    # Each test's database rolls back, so the figures' version can repeat between tests with
    # different figures: what the assessment keeps per process must not leak from one to the
    # next.
    from accord.scorecards.assess import forget_kept_figures

    forget_kept_figures()
    yield
