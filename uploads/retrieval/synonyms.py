"""A person's words for what their records call by a clinical name: "sugar" is glucose and HbA1c, "kidneys" renal.

People ask in their own words ("how are my kidneys", "when was my flu jab"); reports answer in
the laboratory's and the clinic's ("eGFR", "creatinine", "influenza vaccine"), so BM25 finds no
shared word. LAY_TERMS is a small, general table of that everyday vocabulary (UK and US): organs
to the tests and adjectives reports use for them, common drug classes to their common members,
everyday names for procedures and conditions. It is medical vocabulary a person plausibly
types, not a list fitted to particular documents or questions.

It expands the question only, never the passages, and in index.OwnerIndex.scores the added
words count EXPANSION_WEIGHT of a word the person typed. Why the question only:
- the index keeps each passage's own words, so BM25's passage lengths and word rarity stay
  those of the text (expanding passages would add "kidney" to every report with "creatinine",
  and make every clinical page look longer and alike);
- a word the person typed still outweighs a related one (asking about "haemoglobin" should not
  rank a page of ferritins first), which a merge inside words() could not tell apart;
- a change to the table applies to the next question, with no index rebuilt.
"""

from uploads.retrieval.tokens import plain_words, words

# Added words count this much of a typed one: enough to bring the page that names the thing, not
# enough to outrank a page that has the person's own words. Under half, because a long clinical
# word counts twice (itself and its prefix token, as in words()): one added word must still weigh
# less than one typed word.
EXPANSION_WEIGHT = 0.4

# Lay phrase → clinical words. A phrase matches the question's words in order, after the same
# normalising as words() (case, British spellings, plurals, common words dropped).
LAY_TERMS: dict[str, tuple[str, ...]] = {
    # Blood sugar and diabetes
    "sugar": ("glucose", "hba1c", "glycaemic", "glycated"),
    "blood sugar": ("glucose", "hba1c", "glycaemic", "glycated"),
    "diabetes": ("hba1c", "glucose", "glycaemic", "hyperglycaemia"),
    "diabetic": ("hba1c", "glucose", "glycaemic", "hyperglycaemia"),
    # Kidneys and water
    "kidney": ("renal", "creatinine", "egfr", "urea", "ckd", "nephrology"),
    "kidney stone": ("nephrolithiasis", "renal", "calculi"),
    "urine": ("urinary", "urinalysis", "dipstick"),
    "water pill": ("diuretic", "furosemide", "bendroflumethiazide", "indapamide"),
    "water tablet": ("diuretic", "furosemide", "bendroflumethiazide", "indapamide"),
    # Liver and gallbladder
    "liver": ("hepatic", "lft", "bilirubin", "alt", "ast"),
    "liver enzyme": ("alt", "ast", "alp", "ggt", "aminotransferase", "transaminase", "phosphatase"),
    "liver function": ("lft", "bilirubin", "alt", "ast", "alp", "albumin", "aminotransferase"),
    "fatty liver": ("steatosis", "hepatic", "nafld", "echogenicity"),
    "gallstone": ("cholelithiasis", "gallbladder", "calculi", "biliary"),
    "gallbladder": ("biliary", "cholecystitis", "cholelithiasis"),
    # Thyroid
    "thyroid": ("tsh", "t4", "t3", "thyroxine", "levothyroxine"),
    # Cholesterol
    "cholesterol": ("ldl", "hdl", "lipid", "triglyceride"),
    "cholesterol tablet": ("statin", "atorvastatin", "simvastatin"),
    # Blood count, anaemia and iron
    "blood count": ("fbc", "cbc", "haemoglobin", "platelet", "white cell", "red cell"),
    "anaemia": ("haemoglobin", "ferritin", "mcv"),
    "anaemic": ("haemoglobin", "ferritin", "mcv", "anaemia"),
    "iron": ("ferritin", "transferrin", "ferrous"),
    "red blood cell": ("rbc", "erythrocyte", "red cell", "mcv", "haematocrit"),
    "white blood cell": ("wbc", "white cell", "leucocyte", "neutrophil", "lymphocyte"),
    "infection marker": ("crp", "esr", "white cell", "procalcitonin"),
    "inflammation": ("crp", "esr"),
    "salt": ("sodium",),
    # Heart and circulation
    "heart": ("cardiac", "cardiology", "cardiovascular", "ecg", "echocardiogram"),
    "heart attack": ("myocardial", "infarction", "mi", "coronary"),
    "heart pumping": ("ejection fraction", "systolic", "ventricular function"),
    "heart monitor": ("holter", "ambulatory", "ecg"),
    "heart trace": ("ecg", "electrocardiogram"),
    "irregular heartbeat": ("arrhythmia", "atrial fibrillation", "palpitations", "ectopic"),
    "pulse": ("heart rate", "bpm"),
    "blood pressure": ("hypertension", "bp", "mmhg", "hypotension"),
    "blood thinner": ("anticoagulant", "warfarin", "apixaban", "rivaroxaban", "edoxaban", "clopidogrel"),
    "blood clot": ("thrombosis", "dvt", "embolism", "thrombus"),
    "stroke": ("cerebrovascular", "cva", "infarct", "tia"),
    # Lungs and breathing
    "lung": ("chest", "pulmonary", "respiratory", "lobe"),
    "breathing": ("respiratory", "breathlessness", "dyspnoea", "respiration"),
    "short of breath": ("breathlessness", "dyspnoea"),
    "breathless": ("breathlessness", "dyspnoea"),
    "chest infection": ("pneumonia", "respiratory tract infection", "consolidation"),
    "oxygen level": ("saturation", "spo2", "sats"),
    # Medicines
    "medicine": ("medication", "tablet", "capsule", "prescription"),
    "tablet": ("medication", "medicine", "capsule"),
    "pill": ("tablet", "capsule", "medication", "medicine"),
    "antibiotic": (
        "amoxicillin",
        "amoxiclav",
        "penicillin",
        "flucloxacillin",
        "clarithromycin",
        "erythromycin",
        "doxycycline",
        "trimethoprim",
        "nitrofurantoin",
        "cefalexin",
        "metronidazole",
        "ciprofloxacin",
    ),
    "painkiller": ("analgesic", "paracetamol", "ibuprofen", "naproxen", "codeine", "morphine"),
    "steroid": ("prednisolone", "corticosteroid", "hydrocortisone", "dexamethasone"),
    # Vaccines
    "jab": ("vaccine", "vaccination", "immunisation", "booster"),
    "shot": ("vaccine", "vaccination", "immunisation", "injection"),
    "flu": ("influenza",),
    "shingles": ("zoster", "shingrix"),
    # Hospital stays
    "left hospital": ("discharge", "discharged"),
    "leave hospital": ("discharge", "discharged"),
    "sent home": ("discharge", "discharged"),
    "went into hospital": ("admission", "admitted"),
    # Scans and imaging
    "x-ray": ("radiograph", "xr", "radiology"),
    "scan": ("ct", "mri", "ultrasound", "imaging"),
    "ultrasound": ("sonographic", "sonography"),
    # Bones, joints and muscles
    "broken": ("fracture",),
    "torn": ("tear", "rupture"),
    "kneecap": ("patella", "patellofemoral"),
    "wear and tear": ("osteoarthritis", "degenerative"),
    "arthritis": ("osteoarthritis",),
    "cartilage": ("chondral", "meniscus"),
    "acl": ("anterior cruciate ligament",),
    "bone density": ("dexa", "osteoporosis", "osteopenia"),
    # Operations and other conditions
    "appendix": ("appendicectomy", "appendectomy", "appendicitis"),
    "womb": ("uterus", "uterine"),
    "period": ("menstrual", "menstruation"),
    "stomach": ("abdomen", "abdominal", "gastric"),
    "tummy": ("abdomen", "abdominal"),
    "belly": ("abdomen", "abdominal"),
    "bowel": ("colon", "colorectal", "intestinal"),
    "heartburn": ("reflux", "gord", "dyspepsia"),
    "cancer": ("malignancy", "malignant", "carcinoma", "tumour", "neoplasm"),
    "lump": ("lesion", "nodule", "swelling"),
    "swelling": ("oedema", "effusion"),
    "tired": ("fatigue", "tiredness", "lethargy"),
    "weight": ("bmi",),
    "smear": ("cervical screening", "hpv"),
    "mammogram": ("breast screening", "mammography"),
    "allergic": ("allergy", "adverse reaction", "intolerance"),
    "allergy": ("adverse reaction", "intolerance"),
}


def _compiled() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """The table by each lay phrase's first word: (phrase's words, clinical words as words() gives them)."""
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for lay, clinical in LAY_TERMS.items():
        phrase = tuple(plain_words(lay))
        if not phrase:
            raise ValueError(f"lay term {lay!r} has no words that count")
        added = tuple(dict.fromkeys(word for term in clinical for word in words(term)))
        table.setdefault(phrase[0], []).append((phrase, added))
    return table


_BY_FIRST_WORD = _compiled()


def expansions(query: str) -> list[str]:
    """The clinical words (as words() gives them) for the lay phrases in query, once each, none it already has."""
    said = plain_words(query)
    added: dict[str, None] = {}
    for start, word in enumerate(said):
        for phrase, clinical in _BY_FIRST_WORD.get(word, ()):
            if tuple(said[start : start + len(phrase)]) == phrase:
                added.update(dict.fromkeys(clinical))
    if not added:
        return []
    had = set(words(query))
    return [word for word in added if word not in had]
