"""Settings for the test suite: the product's own, with a fast password hasher."""

from powerdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test session keeps its classifier in memory: nothing a test teaches it reaches var/.
CLASSIFIER_DIR = None
ETR_DIR = None  # restoration-time models in memory, retrained as the history changes
