"""Tests that cross the apps; each app's own tests live beside it in plenary/<app>/tests/."""
