"""Realistic handover notes from shop floors, gyms, hotels and contact centres: the good ones
pass clean, the others get exactly the findings (and redactions) a coach would point out.

Each case names the rules it expects, with the field they concern; a good note expects none.
The demo stories are here: Priya's styling handover for Amara Osei, Chloe's chat note for
Daniel Novak's boots exchange, Mei Lin Chen's late check-in, and a gym lead worried by price.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from everthread.notes.assessment import NoteText, Quality, note_assess

LONDON = ZoneInfo("Europe/London")
# Thursday 12 March 2026, 09:00: "Saturday" below is the 14th.
NOW = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=LONDON)


def due(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


@dataclass(frozen=True)
class Case:
    story: str
    note: NoteText
    # (rule id, field) of every finding expected; a good note expects none.
    expected: frozenset[tuple[str, str]] = frozenset()
    # Kinds removed, in the order they appear across the fields.
    redacted: tuple[str, ...] = ()
    words_removed: tuple[str, ...] = field(default=())


GOOD = [
    Case(
        "retail: Priya's styling handover for Amara Osei",
        NoteText(
            wants=(
                "A dress for her sister's wedding on 14 June: emerald or navy, wrap style, "
                "size 12, budget around £250."
            ),
            promised="We will hold the emerald wrap dress in 12 at Manchester until Saturday.",
            promised_by="Priya Shah",
            tried=(
                "Emerald wrap dress in 10 (tight across the shoulders) and 12 (good fit); "
                "the navy in 12 was too long for her heels."
            ),
            next_step="Call Amara to confirm she is collecting the emerald 12, or release it.",
            next_step_owner="Tom Reilly",
            next_step_due=due(14, 10),
            body=(
                "Prefers WhatsApp after 6pm. Loved the Christian Louboutin heels and may come "
                "back for them with the dress."
            ),
        ),
    ),
    Case(
        "contact centre: Chloe's chat note for Daniel Novak's boots exchange",
        NoteText(
            wants=(
                "Exchange the Hale Chelsea boots from order HF-100482 for EU 43; the EU 42 "
                "pinch at the toe."
            ),
            promised=(
                "I'll send the EU 43 by tracked delivery within 48 hours of the 42s "
                "arriving back at the warehouse."
            ),
            promised_by="Chloe Martin",
            tried=(
                "Checked stock: EU 43 in black available online. Sent a prepaid returns label "
                "by email."
            ),
            next_step="Email Daniel the tracking number once the 42s are scanned at the warehouse.",
            next_step_owner="Online service queue",
            next_step_due=due(17, 12),
            body="Web chat. Daniel prefers email to phone calls.",
        ),
    ),
    Case(
        "hotel: Mei Lin Chen's late check-in, pillows and anniversary",
        NoteText(
            wants=(
                "Late check-in around 23:30 on Friday; feather-free pillows (allergy); it is "
                "their wedding anniversary."
            ),
            promised=(
                "Front desk will keep the room for a late arrival and put feather-free pillows "
                "in it before arrival."
            ),
            tried="Checked the booking: king room, two nights, paid in advance.",
            next_step=(
                "Night manager to check the pillows are swapped and leave an anniversary card "
                "in the room."
            ),
            next_step_owner="Night manager",
            next_step_due=due(13, 22),
            body="Booked through our website; prefers email.",
        ),
    ),
    Case(
        "fitness: a lead for whom price is a worry",
        NoteText(
            wants=(
                "Strength training before a half marathon in May; interested in the off-peak "
                "membership."
            ),
            promised="Sam will email the off-peak price and a free guest pass by tomorrow at 10.",
            tried="Toured the gym floor and the studio; tried a rowing machine.",
            next_step="Call to answer questions about the contract and book an induction.",
            next_step_owner="Sam Patel",
            next_step_due=due(19, 18),
            body="Price is a worry for them; asked whether there is a three-month option.",
        ),
    ),
    Case(
        "retail: trousers taken up",
        NoteText(
            wants="The navy suit trousers taken up 2 cm to sit on his brogues.",
            promised="Alterations will be ready on Thursday after 2pm.",
            promised_by="Marek Nowak",
            tried="Pinned the hem at 2 cm with his shoes on; he was happy with the break.",
            next_step="Text him when the trousers are back from alterations.",
            next_step_owner="Menswear team",
            next_step_due=due(19, 15),
        ),
    ),
    Case(
        "retail: a stated access need",
        NoteText(
            wants=(
                "She uses a wheelchair and asked for a step-free fitting room for her "
                "appointment on Saturday."
            ),
            promised="I'll book the large fitting room by the lift for 11:00 on Saturday.",
            promised_by="Priya Shah",
            next_step="Book the large fitting room and send her the confirmation.",
            next_step_owner="Priya Shah",
            next_step_due=due(12, 17),
        ),
    ),
    Case(
        "contact centre: click and collect missing an item",
        NoteText(
            wants="The missing belt from her click and collect order HF-100517.",
            promised="We will send the belt by first-class post within two working days.",
            promised_by="Chloe Martin",
            tried="Checked the parcel contents with the store: the belt was not packed.",
            next_step="Confirm the belt has been dispatched and send her the tracking number.",
            next_step_owner="Online service queue",
            next_step_due=due(14, 12),
            body="She was upset that the parcel was incomplete; we refunded the postage.",
        ),
    ),
    Case(
        "contact centre: refund timing",
        NoteText(
            wants="A refund for the returned linen shirt (£89).",
            promised="Refund of £89 will show on her card in 3-5 working days.",
            promised_by="Chloe Martin",
            tried="Return was scanned at the warehouse on Monday; refund issued today.",
            next_step="Check the refund has reached her and email her if it has not.",
            next_step_owner="Chloe Martin",
            next_step_due=due(19, 10),
        ),
    ),
    Case(
        "hotel: a severe nut allergy at dinner",
        NoteText(
            wants=(
                "Guest has a severe nut allergy and asked for the chef to confirm the tasting "
                "menu is safe."
            ),
            promised="The chef will call the room before 6pm to go through the menu.",
            promised_by="Ana Ruiz",
            next_step="Chef to confirm each course and mark the table card.",
            next_step_owner="Head chef",
            next_step_due=due(12, 18),
        ),
    ),
    Case(
        "fitness: an injury and low-impact classes",
        NoteText(
            wants="Low-impact classes while her knee recovers from an injury.",
            promised="I'll send the timetable for Pilates and aqua classes tonight.",
            promised_by="Jordan Lee",
            tried="Showed her the bike studio; she said cycling is comfortable.",
            next_step="Check in after her first aqua class and ask how the knee feels.",
            next_step_owner="Jordan Lee",
            next_step_due=due(16, 19),
        ),
    ),
    Case(
        "fitness: a membership freeze for a pregnancy she told us about",
        NoteText(
            wants="She told us she is pregnant and wants to freeze her membership from April.",
            promised="We will freeze the membership from 1 April at no charge.",
            promised_by="Jordan Lee",
            next_step="Set the freeze on her account and email the confirmation.",
            next_step_owner="Membership team",
            next_step_due=due(13, 17),
        ),
    ),
    Case(
        "contact centre: a failed delivery rebooked",
        NoteText(
            wants="His parcel redelivered; he was out for both attempts.",
            promised="Courier will redeliver on Saturday between 9am and 1pm.",
            tried="Rebooked with the courier and added a safe-place note for the porch.",
            next_step="Check the tracking on Saturday afternoon and call him if it failed again.",
            next_step_owner="Online service queue",
            next_step_due=due(14, 15),
        ),
    ),
    Case(
        "retail: a bridal appointment",
        NoteText(
            wants="A second bridal fitting with her mother, to choose between the two lace gowns.",
            promised="We will hold both gowns in her size until 21 March.",
            promised_by="Priya Shah",
            tried="First fitting: she preferred the long sleeves but not the train.",
            next_step="Confirm the second fitting time with her by phone.",
            next_step_owner="Bridal team",
            next_step_due=due(13, 12),
        ),
    ),
    Case(
        "hotel: a corporate invoice",
        NoteText(
            wants="One invoice for the three rooms, addressed to her company.",
            promised="Reservations will email the combined invoice by end of day.",
            next_step="Send the combined invoice and note the company's VAT number.",
            next_step_owner="Reservations",
            next_step_due=due(12, 17),
        ),
    ),
    Case(
        "retail: a partner collecting",
        NoteText(
            wants="A cashmere scarf in grey, gift-wrapped for his husband's birthday.",
            promised="We will keep the wrapped scarf at the till until Friday close.",
            promised_by="Tom Reilly",
            next_step="Hand over the scarf when his husband collects; ID not needed, it is paid.",
            next_step_owner="Tom Reilly",
            next_step_due=due(13, 17),
            body="He mentioned his husband will collect on his way home from work.",
        ),
    ),
    Case(
        "contact centre: frustration in her own words",
        NoteText(
            wants="To know why her order shows as delivered when nothing arrived.",
            promised="I'll open a courier investigation and update her within 48 hours.",
            promised_by="Chloe Martin",
            tried="Checked the courier's proof of delivery: photo shows a different door.",
            next_step="Chase the courier investigation and offer a replacement if it is lost.",
            next_step_owner="Chloe Martin",
            next_step_due=due(14, 9),
            body="She said she was frustrated because this is the second time.",
        ),
    ),
    Case(
        "retail: black, navy and a Christian Louboutin wish",
        NoteText(
            wants="The black wrap dress in a 12, or navy if the black sells out.",
            promised="We will call her when the black 12 arrives on Tuesday.",
            promised_by="Priya Shah",
            next_step="Check Tuesday's delivery for the black wrap dress in 12.",
            next_step_owner="Womenswear team",
            next_step_due=due(17, 11),
            body="Also has her eye on the Christian Louboutin heels in 38.",
        ),
    ),
    Case(
        "fitness: a black belt after sparring",
        NoteText(
            wants="He's a black belt and wants sparring sessions twice a week.",
            promised="Coach Ellis will send the sparring timetable this evening.",
            next_step="Book his first sparring session on Tuesday or Thursday evening.",
            next_step_owner="Ellis Grant",
            next_step_due=due(13, 18),
        ),
    ),
    Case(
        "hotel: halal breakfast requested",
        NoteText(
            wants="Asked for halal options at breakfast for the whole stay.",
            promised="The kitchen will have halal sausages and eggs ready from tomorrow.",
            next_step="Tell the breakfast team about room 214's halal request.",
            next_step_owner="Breakfast team",
            next_step_due=due(12, 21),
        ),
    ),
    Case(
        "retail: a language preference",
        NoteText(
            wants="Running shoes for a 10k; prefers to speak Polish.",
            promised="Kasia will do a gait check with her on Thursday at 5pm.",
            next_step="Kasia to meet her at the running wall and do the gait check.",
            next_step_owner="Kasia Nowak",
            next_step_due=due(19, 17),
        ),
    ),
    Case(
        "contact centre: a price match",
        NoteText(
            wants="A price match on the wool coat she saw for £40 less at another retailer.",
            promised="I'll refund the £40 difference today if the other price is confirmed.",
            promised_by="Chloe Martin",
            tried="Checked the other retailer's site: same coat, same size, £40 cheaper.",
            next_step="Process the £40 refund and email her the confirmation.",
            next_step_owner="Chloe Martin",
            next_step_due=due(12, 16),
        ),
    ),
    Case(
        "fitness: an over-60s class",
        NoteText(
            wants="Member is 68 and asked about the over-60s strength classes.",
            promised="We will save him a place in Monday's 10am class.",
            promised_by="Jordan Lee",
            next_step="Add him to Monday's class list and text him the studio number.",
            next_step_owner="Jordan Lee",
            next_step_due=due(13, 12),
        ),
    ),
    Case(
        "hotel: a diabetic guest's request",
        NoteText(
            wants="Guest is diabetic and asked for sugar-free options at breakfast.",
            promised="Breakfast team will add sugar-free yoghurt and jam from tomorrow.",
            next_step="Brief the breakfast team before the 7am shift.",
            next_step_owner="Ana Ruiz",
            next_step_due=due(13, 6, 30),
        ),
    ),
    Case(
        "retail: maternity wear",
        NoteText(
            wants="Maternity jeans in a 12 and a nursing bra; her baby is due in August.",
            promised="We will order the 12 from Leeds for collection on Saturday.",
            promised_by="Tom Reilly",
            next_step="Check the Leeds transfer has arrived and text her.",
            next_step_owner="Tom Reilly",
            next_step_due=due(14, 10),
        ),
    ),
    Case(
        "contact centre: a customer who raised his voice, described plainly",
        NoteText(
            wants="A replacement for the cracked mirror delivered yesterday.",
            promised="We will deliver a replacement on Monday and collect the cracked one.",
            promised_by="Chloe Martin",
            tried="He raised his voice and asked for a manager; Ana took the call and apologised.",
            next_step="Book the replacement and collection with the courier.",
            next_step_owner="Online service queue",
            next_step_due=due(12, 15),
        ),
    ),
]

BAD = [
    Case(
        "retail: an opinion and a next step nobody owns",
        NoteText(
            wants="A coat for winter walks, waterproof, size 14.",
            tried="Tried the parka and the trench. She seemed difficult about the price.",
            next_step="Call when the parka is back in her size.",
            next_step_due=due(18, 12),
        ),
        frozenset(
            {("opinion-guessed-feeling", "tried"), ("next-step-owner-missing", "next_step_owner")}
        ),
    ),
    Case(
        "retail: an accusation about a return",
        NoteText(
            wants="A refund on the suede boots without a receipt.",
            tried="I think she's lying about the receipt; the boots have been worn.",
            next_step="Manager to decide on the refund when she comes back in.",
            next_step_owner="Store manager",
            next_step_due=due(13, 12),
        ),
        frozenset({("accusation", "tried")}),
    ),
    Case(
        "contact centre: a card read out on the phone, and mind-reading",
        NoteText(
            wants="To pay the balance on her made-to-measure suit.",
            tried="Customer was clearly annoyed about the wait.",
            next_step="Take the payment through the secure payment link instead.",
            next_step_owner="Chloe Martin",
            next_step_due=due(12, 12),
            body="She read out 4111 1111 1111 1111, cvv 123 before I could stop her.",
        ),
        frozenset({("opinion-guessed-feeling", "tried")}),
        redacted=("card number", "security code"),
        words_removed=("4111 1111 1111 1111", "123"),
    ),
    Case(
        "fitness: a member's app password written down",
        NoteText(
            wants="Help logging into the app to book classes.",
            tried="Reset the app log-in; her new password is hunter2 until she changes it.",
            next_step="Check she can book a class in the app after the reset.",
            next_step_owner="Front desk",
            next_step_due=due(12, 18),
        ),
        redacted=("password",),
        words_removed=("hunter2",),
    ),
    Case(
        "retail: a guess about pregnancy",
        NoteText(
            wants="A loose summer dress for a holiday in Portugal.",
            tried="She looks pregnant, so I showed her the maternity range.",
            next_step="Text her when the linen dresses arrive on Tuesday.",
            next_step_owner="Womenswear team",
            next_step_due=due(17, 12),
        ),
        frozenset({("assumes-pregnancy", "tried")}),
    ),
    Case(
        "fitness: a guess about what a lead can afford",
        NoteText(
            wants="Information about personal training packages.",
            tried="Showed him the 10-session pack. Probably can't afford it.",
            next_step="Send him the package prices by email.",
            next_step_owner="Sam Patel",
            next_step_due=due(13, 12),
        ),
        frozenset({("assumes-ability-to-pay", "tried")}),
    ),
    Case(
        "hotel: a guess about nationality",
        NoteText(
            wants="Directions to the station and a taxi for 6am.",
            tried="Seems foreign, so I wrote the directions down.",
            next_step="Book the 6am taxi and leave a wake-up call for 5:15.",
            next_step_owner="Night manager",
            next_step_due=due(12, 23),
        ),
        frozenset({("assumes-ethnicity", "tried")}),
    ),
    Case(
        "hotel: a label about religion",
        NoteText(
            wants="Dinner for two at 8pm in the restaurant.",
            body="He's obviously Muslim, so no wine on the table.",
            next_step="Reserve a table for two at 8pm.",
            next_step_owner="Restaurant",
            next_step_due=due(12, 19),
        ),
        frozenset({("assumes-religion", "body")}),
    ),
    Case(
        "contact centre: shouting in capitals",
        NoteText(
            wants="CUSTOMER IS FURIOUS ABOUT THE DELAY and wants a refund of the delivery charge.",
            tried="Refunded the £4.95 delivery charge!!!",
            next_step="Email the refund confirmation to the customer.",
            next_step_owner="Online service queue",
            next_step_due=due(12, 12),
        ),
        frozenset({("shouting-capitals", "wants"), ("exclamation-marks", "tried")}),
    ),
    Case(
        "retail: internal shorthand",
        NoteText(
            wants="Cust wants the olive chinos in 32R, OOS here.",
            tried="Checked Leeds and online: none in 32R.",
            next_step="Ring her when the 32R is back in stock at Manchester.",
            next_step_owner="Menswear team",
            next_step_due=due(20, 12),
        ),
        frozenset({("shorthand", "wants")}),
    ),
    Case(
        "contact centre: a vague next step without a time",
        NoteText(
            wants="An update on the faulty kettle he returned two weeks ago.",
            tried="Return is with the supplier for testing.",
            next_step="Follow up",
            next_step_owner="Online service queue",
        ),
        frozenset({("vague-next-step", "next_step"), ("next-step-due-missing", "next_step_due")}),
    ),
    Case(
        "retail: a promise with no date and no name",
        NoteText(
            wants="The trench coat in beige, size 10.",
            promised="Hold the beige trench in 10 for her.",
            next_step="Phone her when the beige trench arrives from the warehouse.",
            next_step_owner="Womenswear team",
            next_step_due=due(16, 11),
        ),
        frozenset({("promise-date-missing", "promised"), ("promise-owner-missing", "promised_by")}),
    ),
    Case(
        "contact centre: mockery",
        NoteText(
            wants="Refund for shoes she says fell apart after one wear lol",
            tried="Total Karen about the returns policy.",
            next_step="Send the shoes to quality control and decide on the refund.",
            next_step_owner="Returns team",
            next_step_due=due(16, 12),
        ),
        frozenset({("mocking", "wants"), ("insult-label", "tried")}),
    ),
    Case(
        "retail: a note too short to act on",
        NoteText(wants="Dress.", next_step="As discussed."),
        frozenset(
            {
                ("too-short", ""),
                ("vague-reference", "next_step"),
                ("next-step-owner-missing", "next_step_owner"),
                ("next-step-due-missing", "next_step_due"),
            }
        ),
    ),
    Case(
        "hotel: a draft with only free text",
        NoteText(body="Guest called about the spa; will call back after speaking to her sister."),
        frozenset({("wants-missing", "wants"), ("next-step-missing", "next_step")}),
    ),
    Case(
        "contact centre: bank details for a refund",
        NoteText(
            wants="Her refund paid to a different account because her card has expired.",
            tried="She gave sort code 20-00-00 and account number 55779911 for a bank transfer.",
            next_step="Ask finance to pay the refund by bank transfer.",
            next_step_owner="Finance queue",
            next_step_due=due(13, 12),
        ),
        redacted=("bank details", "bank details"),
        words_removed=("20-00-00", "55779911"),
    ),
    Case(
        "hotel: an IBAN for a deposit refund",
        NoteText(
            wants="The €200 deposit refunded to her German bank account.",
            promised="Accounts will refund the deposit within 5 working days.",
            body="IBAN DE89 3704 0044 0532 0130 00, account in her name.",
            next_step="Send the refund request to accounts with the booking reference.",
            next_step_owner="Accounts",
            next_step_due=due(12, 16),
        ),
        redacted=("bank details",),
        words_removed=("DE89 3704 0044 0532 0130 00",),
    ),
    Case(
        "fitness: a card PIN",
        NoteText(
            wants="To pay for a 10-class pass at the desk.",
            tried="Card declined twice; she told me her PIN 4821 in case I could try again.",
            next_step="Take payment through the app when she is next in.",
            next_step_owner="Front desk",
            next_step_due=due(14, 9),
        ),
        redacted=("PIN",),
        words_removed=("4821",),
    ),
    Case(
        "fitness: a lead written off",
        NoteText(
            wants="Asked about the corporate membership for her office.",
            tried="Total time waster, no intention of joining.",
            next_step="Send the corporate rates to her work email.",
            next_step_owner="Sam Patel",
            next_step_due=due(13, 12),
        ),
        frozenset({("insult", "tried")}),
    ),
    Case(
        "contact centre: a complaint belittled",
        NoteText(
            wants="Delivery charge refunded for a late parcel.",
            tried="Moaning about the delivery again.",
            next_step="Refund the £4.95 and email her.",
            next_step_owner="Online service queue",
            next_step_due=due(12, 17),
        ),
        frozenset({("belittling-complaint", "tried")}),
    ),
    Case(
        "retail: a next step already overdue",
        NoteText(
            wants="The leather tote in tan, reserved for collection.",
            next_step="Call her to say the tan tote is ready to collect.",
            next_step_owner="Accessories team",
            next_step_due=due(10, 12),
        ),
        frozenset({("next-step-due-past", "next_step_due")}),
    ),
    Case(
        "hotel: an outburst judged, not described",
        NoteText(
            wants="A quieter room away from the lift.",
            tried="He kicked off at reception when the room wasn't ready.",
            next_step="Move him to a room on the fourth floor, away from the lift.",
            next_step_owner="Front desk",
            next_step_due=due(12, 15),
        ),
        frozenset({("outburst", "tried")}),
    ),
    Case(
        "hotel: a guess about drink",
        NoteText(
            wants="A late check-out tomorrow at 2pm.",
            tried="Seemed drunk at check-in, so I kept it short.",
            next_step="Confirm the late check-out with housekeeping.",
            next_step_owner="Front desk",
            next_step_due=due(12, 20),
        ),
        frozenset({("assumes-health", "tried")}),
    ),
    Case(
        "fitness: guesses about age",
        NoteText(
            wants="Gentle classes two mornings a week.",
            tried="She looks about 70, probably retired, so I suggested daytime classes.",
            next_step="Send her the daytime timetable.",
            next_step_owner="Jordan Lee",
            next_step_due=due(13, 12),
        ),
        frozenset({("assumes-age", "tried")}),
    ),
    Case(
        "retail: a judgement and a label",
        NoteText(
            wants="Exchange a shirt bought in the sale.",
            tried="Difficult customer, he was rude to Tom at the till.",
            next_step="Exchange the shirt for a 16 collar when it arrives.",
            next_step_owner="Menswear team",
            next_step_due=due(17, 12),
        ),
        frozenset({("judgement-label", "tried")}),
    ),
    Case(
        "contact centre: suspicion written as fact",
        NoteText(
            wants="A refund for a dress she says never arrived.",
            tried="Caller was pretending to be the account holder; could not confirm the postcode.",
            next_step="Send the account holder a security email before any refund.",
            next_step_owner="Fraud team",
            next_step_due=due(12, 16),
        ),
        frozenset({("accusation", "tried")}),
    ),
]

CASES = GOOD + BAD


def test_the_corpus_is_broad_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.story for case in CASES}) == len(CASES)
    for sector in ("retail", "fitness", "hotel", "contact centre"):
        assert sum(case.story.startswith(sector) for case in CASES) >= 6


@pytest.mark.parametrize("case", GOOD, ids=[case.story for case in GOOD])
def test_good_notes_pass_clean(case: Case) -> None:
    assessment = note_assess(case.note, now=NOW)

    assert [(f.rule, f.field, f.excerpt) for f in assessment.findings] == []
    assert assessment.redactions == ()
    assert assessment.score == 4
    assert assessment.passed(Quality.SENSITIVE)
    assert assessment.missing_for_final == ()
    assert assessment.note == case.note


@pytest.mark.parametrize("case", BAD, ids=[case.story for case in BAD])
def test_notes_that_fall_short_get_exactly_their_findings(case: Case) -> None:
    assessment = note_assess(case.note, now=NOW)

    assert {(f.rule, f.field) for f in assessment.findings} == case.expected
    assert tuple(r.kind for r in assessment.redactions) == case.redacted
    stored = json.dumps(assessment.as_dict())
    for words in case.words_removed:
        assert words not in stored
    for finding in assessment.findings:
        assert finding.message
        if finding.excerpt:
            assert f"'{finding.excerpt}'" in finding.message
