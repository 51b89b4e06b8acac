"""The analyte table: the names reports print map to one analyte each, and nothing else maps at all."""

import re

import pytest

from uploads.labs.analytes import ANALYTES, analyte_by_slug, analyte_for

# The analytes the results pages and charts are built around.
NEEDED = {
    "haemoglobin",
    "tsh",
    "hba1c",
    "glucose",
    "ldl-cholesterol",
    "hdl-cholesterol",
    "total-cholesterol",
    "triglycerides",
    "creatinine",
    "egfr",
    "urea",
    "sodium",
    "potassium",
    "chloride",
    "bicarbonate",
    "calcium",
    "alt",
    "ast",
    "alp",
    "ggt",
    "bilirubin",
    "albumin",
    "total-protein",
    "crp",
    "esr",
    "ferritin",
    "iron",
    "transferrin-saturation",
    "vitamin-d",
    "vitamin-b12",
    "folate",
    "free-t4",
    "free-t3",
    "white-cells",
    "red-cells",
    "platelets",
    "haematocrit",
    "mcv",
    "mch",
    "neutrophils",
    "lymphocytes",
    "psa",
    "uric-acid",
    "magnesium",
    "phosphate",
    "inr",
}


def slug_for(name: str) -> str | None:
    analyte = analyte_for(name)
    return analyte.slug if analyte else None


def test_every_analyte_the_pages_need_is_in_the_table():
    assert NEEDED - {analyte.slug for analyte in ANALYTES} == set()


def test_slugs_are_lowercase_words_joined_by_hyphens_and_unique():
    slugs = [analyte.slug for analyte in ANALYTES]
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) for slug in slugs)
    assert len(slugs) == len(set(slugs))


def test_every_printed_name_in_the_table_maps_back_to_its_own_analyte():
    for analyte in ANALYTES:
        for name in (analyte.slug, analyte.name, *analyte.synonyms):
            assert analyte_for(name) is analyte, name


@pytest.mark.parametrize(
    ("printed", "slug"),
    [
        ("Hb", "haemoglobin"),
        ("Hgb", "haemoglobin"),
        ("Haemoglobin", "haemoglobin"),
        ("Hemoglobin", "haemoglobin"),
        ("WBC", "white-cells"),
        ("White blood cells", "white-cells"),
        ("Leucocytes", "white-cells"),
        ("Leukocytes", "white-cells"),
        ("Alanine aminotransferase", "alt"),
        ("ALT (SGPT)", "alt"),
        ("25-OH Vitamin D", "vitamin-d"),
        ("Vitamin D (25-OH)", "vitamin-d"),
        ("25(OH)D", "vitamin-d"),
        ("γ-GT", "ggt"),
        ("eGFR (CKD-EPI)", "egfr"),
        ("BUN", "urea-nitrogen"),
        ("Haematocrit", "haematocrit"),
        ("Hematocrit", "haematocrit"),
    ],
)
def test_abbreviations_and_british_and_american_spellings_map_to_the_analyte(printed, slug):
    assert slug_for(printed) == slug


@pytest.mark.parametrize("printed", ["HAEMOGLOBIN", "haemoglobin", "  Haemoglobin  ", "Haemoglobin:", "Hæmoglobin"])
def test_case_ligatures_spacing_and_a_trailing_colon_do_not_matter(printed):
    assert slug_for(printed) == "haemoglobin"


@pytest.mark.parametrize(
    ("printed", "slug"),
    [
        ("HEMOGLOBIN (g/dL)", "haemoglobin"),
        ("Glucose (fasting)", "glucose"),
        ("Free T4 [FT4]", "free-t4"),
        ("S-Sodium", "sodium"),
        ("Sodium, serum", "sodium"),
        ("Serum ferritin level", "ferritin"),
        ("Plasma glucose", "glucose"),
        ("Haemoglobin A1c level - IFCC standardised", "hba1c"),
    ],
)
def test_bracketed_qualifiers_specimen_words_and_a_dashed_qualifier_are_ignored(printed, slug):
    assert slug_for(printed) == slug


@pytest.mark.parametrize(
    ("printed", "slug"),
    [
        ("Non-HDL cholesterol", "non-hdl-cholesterol"),
        ("Adjusted calcium", "adjusted-calcium"),
        ("Calcium (adjusted)", "adjusted-calcium"),
        ("Haemoglobin A1c", "hba1c"),
        ("Direct bilirubin", None),
        ("Free PSA", None),
        ("Red cell folate", None),
        ("Cholesterol/HDL ratio", None),
    ],
)
def test_a_related_but_different_test_is_not_taken_for_its_neighbour(printed, slug):
    assert slug_for(printed) == slug


@pytest.mark.parametrize("printed", ["Ca", "CA 125", "CA 19-9", "TG", "TP", "Protein"])
def test_names_that_mean_different_tests_on_different_reports_are_left_out(printed):
    assert analyte_for(printed) is None


@pytest.mark.parametrize("printed", ["Haemoglobinn", "Sodum", "Lipase", "Patient", "Comment", "", "   ", "()"])
def test_misspelt_unknown_and_empty_names_map_to_nothing(printed):
    assert analyte_for(printed) is None


def test_an_analyte_is_found_by_its_slug_for_display():
    assert analyte_by_slug("ldl-cholesterol").name == "LDL cholesterol"
    assert analyte_by_slug("no-such-test") is None
