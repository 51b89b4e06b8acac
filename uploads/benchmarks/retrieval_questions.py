"""The evaluation set: questions as a person asks them about their files, each with the page that answers it.

Written for the documents (medical_records, and the real sample PDFs of uploads/tests/data/pdf)
and never tuned to what retrieval returns: questions use a person's words ("flu jab", "torn",
"my appendix out"), not the page's, and a few need a date or a document's kind to pick the
right one of several similar pages (potassium is on three pages; only one is from March).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    text: str
    document: str
    page: int


QUESTIONS = [
    # Blood results, January 2024
    Question("Was I anaemic in January?", "Blood results Jan 2024.pdf", 1),
    Question("Were my red blood cells too small?", "Blood results Jan 2024.pdf", 1),
    Question("How low was my iron at the start of the year?", "Blood results Jan 2024.pdf", 2),
    Question("Did they test me for coeliac disease?", "Blood results Jan 2024.pdf", 2),
    Question("Is my vitamin B12 ok?", "Blood results Jan 2024.pdf", 2),
    # Blood tests, March 2024
    Question("Was my potassium normal in March?", "Blood tests 18 March 2024.pdf", 2),
    Question("How are my kidneys doing, what is my eGFR?", "Blood tests 18 March 2024.pdf", 2),
    Question("Is my cholesterol too high?", "Blood tests 18 March 2024.pdf", 3),
    Question("Am I diabetic?", "Blood tests 18 March 2024.pdf", 3),
    Question("What did my thyroid test show?", "Blood tests 18 March 2024.pdf", 3),
    Question("Did my haemoglobin come back up after the iron tablets?", "Blood tests 18 March 2024.pdf", 1),
    Question("Were my liver enzymes normal?", "Blood tests 18 March 2024.pdf", 2),
    # Discharge summary, May 2024
    Question("Why was I admitted to hospital in May?", "Discharge summary St Brendans.pdf", 1),
    Question("How bad was my oxygen level when I arrived at A&E?", "Discharge summary St Brendans.pdf", 1),
    Question("Which antibiotics did I get in hospital?", "Discharge summary St Brendans.pdf", 2),
    Question("How high was my CRP when I was admitted?", "Discharge summary St Brendans.pdf", 2),
    Question("Did the blood cultures grow anything?", "Discharge summary St Brendans.pdf", 2),
    Question("Which of my tablets were stopped when I left hospital?", "Discharge summary St Brendans.pdf", 3),
    Question("What should I do if my breathing gets worse at home?", "Discharge summary St Brendans.pdf", 3),
    # Radiology reports
    Question("Has the pneumonia cleared on the follow-up X-ray?", "Radiology reports 2024.pdf", 1),
    Question("Is my heart enlarged on the chest X-ray?", "Radiology reports 2024.pdf", 1),
    Question("Do I have gallstones, how big are they?", "Radiology reports 2024.pdf", 2),
    Question("Is my fatty liver serious?", "Radiology reports 2024.pdf", 2),
    Question("What size are my kidneys on the ultrasound?", "Radiology reports 2024.pdf", 2),
    # MRI of the left knee
    Question("What's wrong with my knee on the MRI?", "MRI left knee.pdf", 1),
    Question("Is my meniscus torn?", "MRI left knee.pdf", 1),
    Question("Is my ACL intact?", "MRI left knee.pdf", 1),
    Question("What is the cyst behind my knee?", "MRI left knee.pdf", 1),
    # Cardiology letter, September 2024
    Question("How well is my heart pumping?", "Cardiology letter Sept 2024.pdf", 1),
    Question("Did the heart monitor pick up atrial fibrillation?", "Cardiology letter Sept 2024.pdf", 1),
    Question("What was my average blood pressure over 24 hours?", "Cardiology letter Sept 2024.pdf", 2),
    Question("Should I start a statin?", "Cardiology letter Sept 2024.pdf", 2),
    Question("Do I need to keep seeing the cardiologist?", "Cardiology letter Sept 2024.pdf", 2),
    # GP summary record
    Question("What am I allergic to?", "GP summary record.pdf", 1),
    Question("Does heart disease run in my family?", "GP summary record.pdf", 1),
    Question("Did I have my appendix out?", "GP summary record.pdf", 1),
    Question("Which medicines am I taking at the moment?", "GP summary record.pdf", 2),
    Question("What is my BMI?", "GP summary record.pdf", 2),
    Question("When did I last have a flu jab?", "GP summary record.pdf", 3),
    Question("Have I had the shingles vaccine?", "GP summary record.pdf", 3),
    Question("Was my last mammogram clear?", "GP summary record.pdf", 3),
    # The real sample PDFs, which are not medical: they are the rest of this person's files
    Question("What is the capital of Austria?", "google-doc-document.pdf", 1),
    Question("Which currency does Indonesia use?", "google-doc-document.pdf", 1),
    Question("Should errors ever pass silently?", "google-doc-document.pdf", 1),
    Question("Where did I save the word habibi?", "habibi.pdf", 1),
]
