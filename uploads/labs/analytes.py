"""The analytes a lab report may show, each with the names reports print for it.

A report names a test in its laboratory's words: "Hb", "Hgb", "Haemoglobin", "HEMOGLOBIN (g/dL)",
"ALT (SGPT)", "S-Sodium", "Cholesterol, total". analyte_for() maps such a name to one analyte by
exact lookup after normalising case, accents, punctuation and spacing, then (if that finds
nothing) without bracketed qualifiers or one after a spaced dash ("HbA1c level - IFCC
standardised"), and without specimen words such as "serum" or "level" at either end.
Nothing is guessed: a name not in the table, or only similar to one, maps to nothing, and the
parser then leaves the row out. Widening the table is how more reports get read.

Names that mean different things on different reports are left out on purpose: "Ca" (also the
tumour markers CA 125 and CA 19-9), "TG" (also thyroglobulin), "TP" (also Treponema pallidum
serology), "Protein" alone (also urine protein). Related but different measurements get their
own analyte or none: adjusted calcium is not calcium, urea nitrogen (BUN) is not urea, free PSA
is not PSA, red cell folate is not folate, direct bilirubin is not bilirubin.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Analyte:
    slug: str
    name: str
    # Names as reports print them; the display name and the slug are looked up as well.
    synonyms: tuple[str, ...] = ()


ANALYTES: tuple[Analyte, ...] = (
    # Full blood count
    Analyte(
        "haemoglobin",
        "Haemoglobin",
        ("Hb", "Hgb", "HGB", "Hemoglobin", "Haemoglobin concentration", "Haemoglobin estimation"),
    ),
    Analyte(
        "white-cells",
        "White blood cells",
        (
            "WBC",
            "WCC",
            "White cell count",
            "White blood cell count",
            "White blood cells",
            "Total white cell count",
            "Total WBC",
            "Leucocytes",
            "Leukocytes",
            "Leucocyte count",
            "Leukocyte count",
        ),
    ),
    Analyte(
        "red-cells",
        "Red blood cells",
        ("RBC", "Red cell count", "Red blood cell count", "Red blood cells", "Erythrocytes", "Erythrocyte count"),
    ),
    Analyte("platelets", "Platelets", ("PLT", "Plt", "Platelet count", "Thrombocytes", "Thrombocyte count")),
    Analyte("haematocrit", "Haematocrit", ("Hct", "HCT", "Hematocrit", "PCV", "Packed cell volume")),
    Analyte("mcv", "Mean cell volume", ("MCV", "Mean corpuscular volume")),
    Analyte(
        "mch",
        "Mean cell haemoglobin",
        ("MCH", "Mean cell hemoglobin", "Mean corpuscular haemoglobin", "Mean corpuscular hemoglobin"),
    ),
    Analyte(
        "mchc",
        "Mean cell haemoglobin concentration",
        (
            "MCHC",
            "Mean cell hemoglobin concentration",
            "Mean corpuscular haemoglobin concentration",
            "Mean corpuscular hemoglobin concentration",
        ),
    ),
    Analyte("rdw", "Red cell distribution width", ("RDW", "RDW-CV", "Red blood cell distribution width")),
    Analyte(
        "neutrophils",
        "Neutrophils",
        ("Neutrophil count", "Neut", "Neuts", "Absolute neutrophil count", "ANC", "Neutrophils absolute"),
    ),
    Analyte("lymphocytes", "Lymphocytes", ("Lymphocyte count", "Lymph", "Lymphs", "Lymphocytes absolute")),
    Analyte("monocytes", "Monocytes", ("Monocyte count", "Mono", "Monos")),
    Analyte("eosinophils", "Eosinophils", ("Eosinophil count", "Eos")),
    Analyte("basophils", "Basophils", ("Basophil count", "Baso")),
    Analyte("esr", "Erythrocyte sedimentation rate", ("ESR", "Sed rate", "Sedimentation rate")),
    # Kidneys and electrolytes
    Analyte("sodium", "Sodium", ("Na", "Na+")),
    Analyte("potassium", "Potassium", ("K", "K+")),
    Analyte("chloride", "Chloride", ("Cl", "Cl-")),
    Analyte(
        "bicarbonate", "Bicarbonate", ("HCO3", "Total CO2", "CO2", "Carbon dioxide", "Total carbon dioxide", "Bicarb")
    ),
    Analyte("urea", "Urea", ()),
    Analyte("urea-nitrogen", "Urea nitrogen", ("BUN", "Blood urea nitrogen")),
    Analyte("creatinine", "Creatinine", ("Creat", "Cr")),
    Analyte(
        "egfr",
        "eGFR",
        (
            "Estimated GFR",
            "GFR estimated",
            "Estimated glomerular filtration rate",
            "eGFR CKD-EPI",
            "eGFR (CKD-EPI)",
            "eGFR MDRD",
            "GFR",
        ),
    ),
    Analyte("uric-acid", "Uric acid", ("Urate", "Serum urate")),
    # Bone
    Analyte("calcium", "Calcium", ("Total calcium",)),
    Analyte(
        "adjusted-calcium",
        "Adjusted calcium",
        ("Corrected calcium", "Albumin adjusted calcium", "Calcium adjusted", "Calcium corrected", "Adj calcium"),
    ),
    Analyte("phosphate", "Phosphate", ("Phosphorus", "Inorganic phosphate", "PO4", "Phos")),
    Analyte("magnesium", "Magnesium", ("Mg",)),
    # Liver
    Analyte(
        "alt",
        "Alanine aminotransferase",
        ("ALT", "SGPT", "ALAT", "ALT (SGPT)", "Alanine transaminase", "ALT/SGPT", "Alanine aminotransferase (ALT)"),
    ),
    Analyte(
        "ast",
        "Aspartate aminotransferase",
        ("AST", "SGOT", "ASAT", "AST (SGOT)", "Aspartate transaminase", "AST/SGOT"),
    ),
    Analyte("alp", "Alkaline phosphatase", ("ALP", "Alk phos", "Alk. phos.", "Alkaline phosphatase total")),
    Analyte(
        "ggt",
        "Gamma-glutamyl transferase",
        (
            "GGT",
            "GGTP",
            "Gamma GT",
            "γ-GT",
            "Gamma glutamyl transferase",
            "Gamma-glutamyl transpeptidase",
            "Gamma glutamyltransferase",
        ),
    ),
    Analyte("bilirubin", "Bilirubin", ("Total bilirubin", "Bilirubin total", "Bilirubin, total", "Bili", "TBIL")),
    Analyte("albumin", "Albumin", ("Alb",)),
    Analyte("total-protein", "Total protein", ("Protein total", "Protein, total", "Total proteins")),
    # Inflammation
    Analyte("crp", "C-reactive protein", ("CRP", "C reactive protein", "hs-CRP", "High sensitivity CRP")),
    # Iron and vitamins
    Analyte("ferritin", "Ferritin", ()),
    Analyte("iron", "Iron", ("Fe", "Serum iron")),
    Analyte(
        "transferrin-saturation",
        "Transferrin saturation",
        ("TSAT", "Transferrin sat", "Iron saturation", "Saturation of transferrin", "Transferrin saturation %"),
    ),
    Analyte(
        "vitamin-d",
        "Vitamin D",
        (
            "25-OH Vitamin D",
            "25(OH)D",
            "25(OH) Vitamin D",
            "25-hydroxyvitamin D",
            "25-hydroxy vitamin D",
            "25 hydroxy vitamin D",
            "Total 25-OH vitamin D",
            "Vitamin D 25-OH",
            "Vitamin D (25-OH)",
            "Vitamin D total",
            "Vitamin D, 25-Hydroxy",
            "Vitamin D, 25-Hydroxy, Total",
            "Vit D",
            "Calcidiol",
        ),
    ),
    Analyte("vitamin-b12", "Vitamin B12", ("B12", "Vit B12", "Cobalamin", "Serum B12")),
    Analyte("folate", "Folate", ("Serum folate", "Folic acid")),
    # Diabetes
    Analyte(
        "glucose",
        "Glucose",
        (
            "Fasting glucose",
            "Glucose fasting",
            "Glucose, fasting",
            "Fasting plasma glucose",
            "FPG",
            "Random glucose",
            "Glucose random",
            "Blood glucose",
            "Blood sugar",
        ),
    ),
    Analyte(
        "hba1c",
        "HbA1c",
        (
            "Hb A1c",
            "A1c",
            "Haemoglobin A1c",
            "Hemoglobin A1c",
            "Glycated haemoglobin",
            "Glycated hemoglobin",
            "Glycosylated haemoglobin",
            "Glycosylated hemoglobin",
            "HbA1c IFCC",
            "HbA1c DCCT",
        ),
    ),
    # Lipids
    Analyte(
        "total-cholesterol",
        "Total cholesterol",
        ("Cholesterol", "Cholesterol total", "Cholesterol, total", "Chol", "Serum cholesterol", "Total chol"),
    ),
    Analyte(
        "ldl-cholesterol",
        "LDL cholesterol",
        (
            "LDL",
            "LDL-C",
            "LDL chol",
            "LDL calc",
            "LDL cholesterol calculated",
            "LDL cholesterol (calculated)",
            "Calculated LDL cholesterol",
            "Low density lipoprotein cholesterol",
            "LDL-cholesterol",
        ),
    ),
    Analyte(
        "hdl-cholesterol",
        "HDL cholesterol",
        ("HDL", "HDL-C", "HDL chol", "High density lipoprotein cholesterol", "HDL-cholesterol"),
    ),
    Analyte("non-hdl-cholesterol", "Non-HDL cholesterol", ("Non HDL cholesterol", "Non-HDL-C", "Non-HDL chol")),
    Analyte("triglycerides", "Triglycerides", ("Triglyceride", "Trigs", "Triglycerides fasting")),
    # Thyroid
    Analyte("tsh", "TSH", ("Thyroid stimulating hormone", "Thyrotropin", "Thyroid-stimulating hormone")),
    Analyte("free-t4", "Free T4", ("FT4", "Free thyroxine", "T4 free", "Thyroxine free", "Free T4 (FT4)")),
    Analyte("free-t3", "Free T3", ("FT3", "Free triiodothyronine", "T3 free", "Triiodothyronine free")),
    # Prostate
    Analyte("psa", "PSA", ("Prostate specific antigen", "Prostate-specific antigen", "Total PSA", "PSA total")),
    # Clotting
    Analyte("inr", "INR", ("International normalised ratio", "International normalized ratio", "PT INR", "INR ratio")),
    Analyte("prothrombin-time", "Prothrombin time", ("PT", "Prothrombin time PT")),
)

# Specimen and wording that reports put before or after a test's name without changing the test.
_LEADING_QUALIFIERS = ("whole blood", "serum", "plasma", "blood", "se", "pl", "s", "p", "b")
_TRAILING_QUALIFIERS = ("serum", "plasma", "blood", "level", "levels", "concentration")

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DASHED_QUALIFIER = re.compile(r"\s+[-–—]\s+.*$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def analyte_for(name_as_printed: str) -> Analyte | None:
    """The analyte a printed test name stands for, or None when the table has no such name."""
    return _lookup(name_as_printed)


def analyte_by_slug(slug: str) -> Analyte | None:
    return _BY_SLUG.get(slug)


@lru_cache(maxsize=4096)
def _lookup(name: str) -> Analyte | None:
    for key in _keys(name):
        if key in _BY_NAME:
            return _BY_NAME[key]
    return None


def _keys(name: str) -> list[str]:
    """The forms of a printed name to look up, most literal first."""
    whole = _normalised(name)
    unbracketed = _normalised(_BRACKETED.sub(" ", name))
    undashed = _normalised(_DASHED_QUALIFIER.sub("", _BRACKETED.sub(" ", name)))
    keys = [whole, unbracketed, undashed]
    keys += [_without_qualifiers(key) for key in keys]
    return [key for key in keys if key]


def _normalised(name: str) -> str:
    """Lower case, accents dropped, æ and Greek gamma spelled out, every run of punctuation or space one space."""
    for letter, spelled in (("γ", "gamma "), ("Γ", "gamma "), ("æ", "ae"), ("Æ", "ae")):
        name = name.replace(letter, spelled)
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def _without_qualifiers(key: str) -> str:
    for word in _LEADING_QUALIFIERS:
        key = key.removeprefix(word + " ")
    for word in _TRAILING_QUALIFIERS:
        key = key.removesuffix(" " + word)
    return key


def _names_table() -> dict[str, Analyte]:
    table: dict[str, Analyte] = {}
    for analyte in ANALYTES:
        for name in (analyte.slug, analyte.name, *analyte.synonyms):
            key = _normalised(name)
            if table.setdefault(key, analyte) is not analyte:
                raise ValueError(f"{name!r} names both {table[key].slug} and {analyte.slug}")
    return table


_BY_NAME = _names_table()
_BY_SLUG = {analyte.slug: analyte for analyte in ANALYTES}
