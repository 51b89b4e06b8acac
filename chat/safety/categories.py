"""What counts as an emergency, and the one line of advice each gets on top of "call now"."""

from enum import StrEnum


class Category(StrEnum):
    CHEST_PAIN = "chest_pain"
    BREATHING = "breathing"
    STROKE = "stroke"
    BLEEDING = "bleeding"
    ANAPHYLAXIS = "anaphylaxis"
    SELF_HARM = "self_harm"
    POISONING = "poisoning"
    UNCONSCIOUS = "unconscious"
    SEIZURE = "seizure"
    BURN = "burn"
    PREGNANCY_BLEEDING = "pregnancy_bleeding"
    CHILD_UNRESPONSIVE = "child_unresponsive"
    MENINGITIS = "meningitis"


ADVICE = {
    Category.CHEST_PAIN: "Chest pain or pressure can be a heart attack. Stop, sit down, and don't drive yourself.",
    Category.BREATHING: "Severe trouble breathing needs help now. Sit upright and loosen tight clothing.",
    Category.STROKE: "These can be signs of a stroke. Note the time they started: every minute counts.",
    Category.BLEEDING: "Press firmly on the wound with a clean cloth and keep pressing until help arrives.",
    Category.ANAPHYLAXIS: "This may be a severe allergic reaction. Use an adrenaline auto-injector if there is one.",
    Category.SELF_HARM: "You don't have to go through this alone. Stay with someone, or call a crisis line now.",
    Category.POISONING: "Don't make anyone vomit. Keep the packet or bottle to show the emergency services.",
    Category.UNCONSCIOUS: "If someone is unresponsive, check their breathing and lay them on their side.",
    Category.SEIZURE: "Keep the person safe from injury, don't put anything in their mouth, and time the seizure.",
    Category.BURN: "Cool the burn under cool running water for 20 minutes; don't use ice or creams.",
    Category.PREGNANCY_BLEEDING: "Bleeding or severe pain in pregnancy needs to be seen by a doctor now.",
    Category.CHILD_UNRESPONSIVE: "A baby or child who is limp, blue or not breathing needs help at once.",
    Category.MENINGITIS: "Fever with a stiff neck or a rash that doesn't fade under a glass can be meningitis.",
}
