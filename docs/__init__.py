"""The documentation (a package only so that its conftest.py does not take
the place of tests/conftest.py, which tests import as ``conftest``).
"""
