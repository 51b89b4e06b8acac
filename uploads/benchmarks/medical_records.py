"""One person's medical records, written for the evaluation: lab reports, letters and imaging reports.

Anna Keller, her doctors, hospital and laboratory are invented; the documents follow the layout
and wording of real NHS ones (lab reports with flags and reference ranges, a discharge summary,
clinic letters, a GP summary), and their values agree across documents as one history would: iron
deficiency found in January, pneumonia in May, a cardiology review in September. They become PDFs
(text_pdf) when the evaluation runs, and are read back by the app's own PDF processing.
"""

_LAB = """Northfield Pathology Laboratory - Clinical Biochemistry and Haematology
Patient: KELLER, Anna    DOB: 14-Feb-1968    NHS No: 943 476 5919    Sex: F
Requested by: Dr R. Patel, Riverside Medical Practice    Location: GP surgery
"""

BLOOD_TESTS_JANUARY = [
    _LAB
    + """Collected: 09-Jan-2024 08:42    Received: 09-Jan-2024 11:05    Reported: 09-Jan-2024 16:10
Clinical details: tiredness for 3 months, heavy periods

FULL BLOOD COUNT
Test                          Result   Flag   Units       Reference range
Haemoglobin                   104      L      g/L         120 - 150
White cell count              6.4             x10^9/L     4.0 - 11.0
Platelets                     412      H      x10^9/L     150 - 400
Red cell count                4.02            x10^12/L    3.80 - 4.80
Haematocrit                   0.33     L      L/L         0.36 - 0.46
Mean cell volume (MCV)        76       L      fL          83 - 101
Mean cell haemoglobin (MCH)   24.1     L      pg          27.0 - 32.0
Neutrophils                   3.9             x10^9/L     2.0 - 7.0
Lymphocytes                   1.8             x10^9/L     1.0 - 3.0
Eosinophils                   0.2             x10^9/L     0.0 - 0.4

Film comment: microcytic hypochromic red cells with pencil cells. Picture consistent with
iron deficiency anaemia. Iron studies added to this sample.
""",
    _LAB
    + """Collected: 09-Jan-2024 08:42    Reported: 10-Jan-2024 12:30    (continued)

IRON STUDIES
Test                          Result   Flag   Units       Reference range
Ferritin                      6        L      ug/L        15 - 150
Serum iron                    5        L      umol/L      10 - 30
Transferrin saturation        7        L      %           20 - 50

HAEMATINICS
Vitamin B12                   312             ng/L        197 - 771
Serum folate                  6.8             ug/L        > 3.9

COELIAC SEROLOGY
Tissue transglutaminase IgA   < 0.5           U/mL        < 7.0      Negative
Total IgA                     1.9             g/L         0.7 - 4.0

Comment: Results indicate iron deficiency. Suggest oral iron replacement and consideration of
the cause of iron loss (menstrual history, gastrointestinal). Recheck full blood count and
ferritin after 8 to 12 weeks of treatment.
Authorised by: Dr H. Okafor, Consultant Haematologist
""",
]

BLOOD_TESTS_MARCH = [
    _LAB
    + """Collected: 18-Mar-2024 09:15    Received: 18-Mar-2024 11:40    Reported: 18-Mar-2024 17:02
Clinical details: iron deficiency anaemia on ferrous fumarate, annual hypertension review

FULL BLOOD COUNT
Test                          Result   Flag   Units       Reference range
Haemoglobin                   127             g/L         120 - 150
White cell count              5.9             x10^9/L     4.0 - 11.0
Platelets                     301             x10^9/L     150 - 400
Mean cell volume (MCV)        84              fL          83 - 101
Mean cell haemoglobin (MCH)   27.4            pg          27.0 - 32.0

IRON STUDIES
Ferritin                      38              ug/L        15 - 150

Comment: Haemoglobin and red cell indices now within reference range; ferritin improving.
Continue iron for a further 3 months to replenish stores.
""",
    _LAB
    + """Collected: 18-Mar-2024 09:15    Reported: 18-Mar-2024 17:02    (continued)

RENAL PROFILE (U&E)
Test                          Result   Flag   Units       Reference range
Sodium                        139             mmol/L      133 - 146
Potassium                     5.6      H      mmol/L      3.5 - 5.3
Urea                          7.9             mmol/L      2.5 - 7.8
Creatinine                    98       H      umol/L      45 - 84
eGFR (CKD-EPI)                56       L      mL/min/1.73m2   > 90

LIVER FUNCTION TESTS
Bilirubin                     11              umol/L      0 - 21
Alanine aminotransferase      24              U/L         0 - 33
Alkaline phosphatase          88              U/L         30 - 130
Albumin                       41              g/L         35 - 50

Comment: Potassium is raised; the sample was not haemolysed. eGFR 56 is consistent with CKD
stage 3a if sustained. Please review medicines that raise potassium (ACE inhibitors such as
ramipril) and repeat U&E within 1 week.
""",
    _LAB
    + """Collected: 18-Mar-2024 09:15 (fasting)    Reported: 19-Mar-2024 10:48    (continued)

LIPID PROFILE
Test                          Result   Flag   Units       Reference range
Total cholesterol             6.4      H      mmol/L      < 5.0
HDL cholesterol               1.3             mmol/L      > 1.2
LDL cholesterol               4.3      H      mmol/L      < 3.0
Triglycerides                 1.7             mmol/L      < 1.7
Total cholesterol/HDL ratio   4.9

GLYCAEMIC CONTROL
HbA1c                         44       H      mmol/mol    20 - 41
Comment: HbA1c 42-47 mmol/mol indicates non-diabetic hyperglycaemia (prediabetes): increased
risk of type 2 diabetes. Offer referral to the diabetes prevention programme.

THYROID FUNCTION
TSH                           2.1             mU/L        0.27 - 4.20
Free T4                       14.2            pmol/L      12.0 - 22.0
Authorised by: Dr S. Lindqvist, Consultant Chemical Pathologist
""",
]

DISCHARGE_SUMMARY = [
    """St Brendan's General Hospital - Acute Medicine
INPATIENT DISCHARGE SUMMARY
Patient: Anna Keller    DOB: 14/02/1968    Hospital No: SBG-2291046
GP: Dr R. Patel, Riverside Medical Practice
Admitted: 2 May 2024 via the Emergency Department    Discharged: 7 May 2024
Ward: Cedar Ward    Consultant: Dr M. Adeyemi, Respiratory Medicine

Diagnosis: Community-acquired pneumonia, right lower lobe (CURB-65 score 1)
Complications: mild acute kidney injury (stage 1), resolved
Co-morbidities: hypertension; iron deficiency anaemia (January 2024); prediabetes;
osteoarthritis of the left knee

Presenting complaint: three days of fever, rigors and a cough productive of green sputum, with
breathlessness on walking and right-sided chest pain worse on deep breathing. On arrival she
was febrile (38.9 C), heart rate 112, respiratory rate 24, oxygen saturation 91% on air and
blood pressure 104/66. There were coarse crackles and bronchial breathing at the right base.
""",
    """INPATIENT DISCHARGE SUMMARY - Anna Keller, SBG-2291046 (continued)

Investigations on admission:
Chest X-ray: dense consolidation of the right lower lobe with air bronchograms; no effusion.
Blood tests: white cell count 15.2 x10^9/L (neutrophils 13.1), CRP 186 mg/L, sodium 134,
potassium 4.1, urea 9.4, creatinine 121 umol/L (baseline 98), lactate 1.6.
Blood cultures: no growth after 5 days. Urinary pneumococcal antigen: positive.
Sputum culture: Streptococcus pneumoniae, sensitive to amoxicillin and clarithromycin.

Treatment and progress: She was given intravenous co-amoxiclav 1.2 g three times a day with
oral clarithromycin 500 mg twice a day for 48 hours, then changed to oral co-amoxiclav. She
needed oxygen for the first two days. Intravenous fluids were given and ramipril was withheld
because of the acute kidney injury; creatinine returned to 99 by 6 May. Her CRP fell to 41 and
she was walking around the ward without breathlessness before discharge.
""",
    """INPATIENT DISCHARGE SUMMARY - Anna Keller, SBG-2291046 (continued)

Medicines on discharge:
Co-amoxiclav 625 mg three times a day until 9 May 2024 (NEW - completes 7 days of antibiotics)
Amlodipine 5 mg once a day (unchanged)
Ferrous fumarate 210 mg twice a day (unchanged)
Paracetamol 1 g up to four times a day when required (unchanged)
Ramipril 5 mg once a day - STOPPED during admission; not restarted on discharge

Allergies: codeine (vomiting)

Actions for the GP: please repeat U&E in one week and decide whether to restart ramipril
(potassium was 5.6 mmol/L in March). Please arrange a repeat chest X-ray in six weeks to
confirm that the consolidation has resolved.

Advice to the patient: finish the course of antibiotics. The cough may last for several weeks
and tiredness for longer. Return to the Emergency Department or call 111 if your breathing gets
worse, you cough up blood, or the fever comes back after the antibiotics are finished.
Signed: Dr J. Howell, FY2 doctor, for Dr M. Adeyemi    Date: 7 May 2024
""",
]

RADIOLOGY_REPORTS = [
    """St Brendan's General Hospital - Department of Radiology
Patient: Anna Keller    DOB: 14/02/1968    Hospital No: SBG-2291046
Referrer: Dr R. Patel (GP)

Examination: XR Chest PA    Date: 19 June 2024    Accession: RAD-24-118734
Clinical indication: right lower lobe pneumonia in May 2024. Follow-up film to confirm resolution.
Comparison: chest X-ray of 2 May 2024.

Findings: The previously seen consolidation in the right lower zone has resolved. The lungs are
clear with no focal abnormality. No pleural effusion or pneumothorax. The heart is not enlarged
(cardiothoracic ratio 0.46). The mediastinum and hila are normal. Bones unremarkable.

Conclusion: Complete radiological resolution of the right lower lobe pneumonia. No further
imaging is required.
Reported by: Dr K. Nakamura, Consultant Radiologist    Date reported: 20 June 2024
""",
    """St Brendan's General Hospital - Department of Radiology
Patient: Anna Keller    DOB: 14/02/1968    Hospital No: SBG-2291046

Examination: US Abdomen    Date: 3 July 2024    Accession: RAD-24-131205
Clinical indication: episodes of right upper quadrant pain after fatty meals for two months.

Findings:
Liver: normal size (15.2 cm). Diffusely increased echogenicity in keeping with mild hepatic
steatosis. No focal lesion. Portal vein patent with normal flow.
Gallbladder: several mobile calculi, the largest 9 mm. No wall thickening (2 mm) and no
pericholecystic fluid. Sonographic Murphy's sign negative.
Bile ducts: common bile duct 4 mm, not dilated. No intrahepatic duct dilatation.
Pancreas: head and body unremarkable; tail obscured by bowel gas.
Spleen: 10.1 cm, normal. Kidneys: right 10.8 cm, left 11.2 cm, no hydronephrosis or calculi.

Conclusion: Cholelithiasis without features of acute cholecystitis. Mild fatty liver.
Reported by: Dr A. Fitzgerald, Consultant Radiologist    Date reported: 3 July 2024
""",
]

MRI_KNEE = [
    """Meridian Imaging Centre - MRI Report
Patient: Anna Keller    DOB: 14/02/1968    Referrer: Mr D. Osei, Orthopaedic Surgeon

Examination: MRI left knee (non-contrast)    Date: 12 August 2024
Clinical history: medial knee pain for one year, worse on stairs, with locking and giving way.

Findings:
Menisci: complex tear of the posterior horn of the medial meniscus, with a horizontal component
extending to the inferior articular surface. The lateral meniscus is intact.
Ligaments: anterior and posterior cruciate ligaments intact. Medial and lateral collateral
ligaments intact.
Cartilage: moderate thinning of the articular cartilage of the medial femoral condyle and
medial tibial plateau with subchondral bone marrow oedema and small marginal osteophytes.
Patellofemoral compartment: mild chondral fissuring of the patella.
Joint fluid: small effusion. A Baker's (popliteal) cyst measures 24 x 11 mm.

Conclusion: 1. Complex tear of the posterior horn of the medial meniscus. 2. Moderate medial
compartment osteoarthritis. 3. Small joint effusion and Baker's cyst.
Reported by: Dr P. Serrano, Consultant Musculoskeletal Radiologist
""",
]

CARDIOLOGY_LETTER = [
    """Department of Cardiology, St Brendan's General Hospital
Consultant: Dr E. Marchetti    Clinic date: 25 September 2024
Dear Dr Patel,
Re: Anna Keller, DOB 14/02/1968, Hospital No SBG-2291046

Diagnoses: 1. Benign ventricular ectopics. 2. Hypertension, not yet controlled.
3. Structurally normal heart.

Thank you for referring Mrs Keller with palpitations, a feeling of missed beats in the evenings,
and raised blood pressure readings at home. She has no chest pain and no blackouts.
Her ECG today shows sinus rhythm at 72 beats per minute with normal intervals.
Echocardiogram: normal left ventricular size and systolic function, ejection fraction 58%. Mild
concentric left ventricular hypertrophy. Trivial mitral regurgitation; the valves are otherwise
normal. Normal right heart.
24-hour Holter monitor: sinus rhythm throughout, heart rate 54 to 121. Isolated ventricular
ectopics (under 1% of beats) that matched her symptoms. No atrial fibrillation and no pauses.
""",
    """Anna Keller, SBG-2291046 - cardiology clinic letter (continued)

Ambulatory blood pressure monitoring over 24 hours: daytime average 148/92 mmHg, night-time
average 131/80 mmHg. This confirms hypertension that is not controlled on amlodipine 5 mg.

Plan:
1. Increase amlodipine to 10 mg once a day.
2. Restart ramipril at 2.5 mg once a day if her potassium and kidney function are stable on
repeat testing; recheck U&E two weeks after restarting.
3. Her QRISK3 10-year cardiovascular risk is 12%, and her LDL cholesterol was 4.3 mmol/L. I
would recommend starting statin therapy with atorvastatin 20 mg at night.
4. The ectopic beats are benign; reducing caffeine and alcohol may help. No treatment is needed.
I have not arranged further cardiology follow-up and have discharged her back to your care.
Please re-refer if the palpitations change in character or she has syncope.

Yours sincerely,
Dr E. Marchetti, Consultant Cardiologist
""",
]

GP_SUMMARY = [
    """Riverside Medical Practice - Patient Summary Record
Patient: Anna Keller    DOB: 14-Feb-1968    NHS No: 943 476 5919
Usual GP: Dr R. Patel    Printed: 2 December 2024

Active problems:
Essential hypertension (diagnosed 2019)
Iron deficiency anaemia (January 2024)
Non-diabetic hyperglycaemia (March 2024)
Osteoarthritis of left knee (2021); medial meniscal tear on MRI (August 2024)
Gallstones (July 2024), awaiting surgical opinion
Past problems:
Appendicectomy (1989)
Carpal tunnel decompression, right hand (2015)
Community-acquired pneumonia, hospital admission (May 2024)

Allergies and adverse reactions:
Codeine - vomiting (2016)
Elastoplast adhesive dressings - blistering skin reaction

Family history: mother with type 2 diabetes; father had a myocardial infarction aged 61.
Social: ex-smoker (stopped 2010, 15 pack-years). Alcohol about 6 units a week. Works as a
primary school teacher.
""",
    """Riverside Medical Practice - Patient Summary Record - Anna Keller (continued)

Current repeat medication:
Amlodipine 10 mg tablets - one tablet once a day (dose increased 30 September 2024)
Ramipril 2.5 mg capsules - one capsule once a day (restarted 14 October 2024)
Atorvastatin 20 mg tablets - one tablet at night (started 30 September 2024)
Ferrous fumarate 210 mg tablets - one tablet twice a day (course ended June 2024)
Paracetamol 500 mg tablets - two tablets up to four times a day when required
Naproxen 250 mg tablets - STOPPED October 2024 (kidney function and blood pressure)

Recent observations:
Blood pressure 134/84 mmHg (25 November 2024)
Weight 78.4 kg, height 1.65 m, BMI 28.8 (25 November 2024)
U&E 21 October 2024: potassium 4.8 mmol/L, creatinine 90 umol/L, eGFR 63
""",
    """Riverside Medical Practice - Patient Summary Record - Anna Keller (continued)

Immunisations:
Seasonal influenza vaccine - 10 October 2024
COVID-19 vaccine (autumn booster) - 10 October 2024
Pneumococcal polysaccharide vaccine (PPV23) - 14 October 2024
Shingles vaccine (Shingrix), first dose - 14 November 2024; second dose due in 2 to 6 months
Tetanus, diphtheria and polio booster (Revaxis) - 2012

Screening:
Cervical screening - 2022: HPV not detected; next invitation 2027
Breast screening (mammography) - 11 March 2023: no evidence of cancer; next invitation 2026
Bowel cancer screening (FIT kit) - 2024: no blood detected
NHS Health Check - March 2024: QRISK3 12%
""",
]

# File names as a person saves them.
RECORDS = {
    "Blood results Jan 2024.pdf": BLOOD_TESTS_JANUARY,
    "Blood tests 18 March 2024.pdf": BLOOD_TESTS_MARCH,
    "Discharge summary St Brendans.pdf": DISCHARGE_SUMMARY,
    "Radiology reports 2024.pdf": RADIOLOGY_REPORTS,
    "MRI left knee.pdf": MRI_KNEE,
    "Cardiology letter Sept 2024.pdf": CARDIOLOGY_LETTER,
    "GP summary record.pdf": GP_SUMMARY,
}
