import pytest

from uploads.tests.labs.reports import JUNE, MARCH


@pytest.fixture
def alices_labs(alice, lab_report):
    return lab_report(alice, "march.pdf", MARCH), lab_report(alice, "june.pdf", JUNE)
