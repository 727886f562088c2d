"""Sample interviews as people really record them: the letters corpus test and `manage.py sample_letters`.

Panels of one to eight; rich, sparse and empty notes; notes typed in the first and third person and as
fragments; logistics and pay among the topics; names with honorifics, apostrophes, accents and non-Latin
scripts; markup typed into fields. Each person is (name, honorific, address style, what was discussed).
"""

import datetime as dt
from dataclasses import dataclass, field

from letters.compose import LetterFacts, Recipient, Sender


@dataclass(frozen=True)
class Case:
    company: str
    role: str
    people: tuple[tuple[str, str, str, str], ...]
    format: str = "video"
    topics: str = ""
    missed_point: str = ""
    why_role: str = ""
    contribution: str = ""
    decision_in_days: int | None = None
    since_we_spoke: str = ""
    day: dt.date = dt.date(2026, 3, 10)
    # Text a letter must carry to this person (by index): the note as spoken to them.
    expect: dict[int, str] = field(default_factory=dict)

    def facts(self, recipient: Recipient, *, day: dt.date | None = None) -> LetterFacts:
        day = day or self.day
        return LetterFacts(
            company=self.company,
            role=self.role,
            date=day,
            format=self.format,
            topics=self.topics,
            missed_point=self.missed_point,
            why_role=self.why_role,
            contribution=self.contribution,
            decision_date=day + dt.timedelta(days=self.decision_in_days)
            if self.decision_in_days is not None
            else None,
            other_people=tuple(r.name for r in self.recipients() if r.name != recipient.name),
            others_discussed=tuple(r.discussed for r in self.recipients() if r.name != recipient.name),
            since_we_spoke=self.since_we_spoke,
        )

    def recipients(self) -> list[Recipient]:
        return [
            Recipient(name=name, honorific=honorific, address_style=style, discussed=discussed)
            for name, honorific, style, discussed in self.people
        ]


F, N = "formal", "first_name"

SENDERS = (
    Sender(full_name="Alex Morgan", email="alex@example.com", signature="Alex Morgan\n+1 555 0142"),
    Sender(full_name="Zoë Ångström-Łukasz", email="zoe@example.org"),
    Sender(full_name="", email=""),
)

WHY = "The product solves a problem I have seen up close, and the team ships small changes often."
HOT_PATHS = "I can make hot paths faster and releases calmer: profiling, caching, careful rollouts."

CASES = (
    # 1. The demo's games studio: third-person notes about the reader's team.
    Case(
        "Café Lumière Studios",
        "Tools Programmer",
        (
            ("Élodie Gagnon", "Ms.", F, "Cutting asset build times for the art team."),
            ("Kai Nakamura-Ruiz", "", N, "The profiler I wrote and how it could help their level editor."),
        ),
        topics="Build pipelines for game assets; my open-source profiler.",
        missed_point="I meant to say I have mentored two junior engineers through their first on-call.",
        why_role=WHY,
        contribution=HOT_PATHS,
        expect={1: "your level editor"},
    ),
    # 2. Logistics with the recruiter, work with the manager; a decision date.
    Case(
        "Bellweather Health",
        "Platform Engineer",
        (
            ("Tomás Ortega", "Mr.", F, "How the on-call rotation is shared across two time zones."),
            ("Yuki Tanaka", "Mrs.", F, "Start dates and the hybrid schedule."),
        ),
        topics="On-call load and the scheduling service's database.",
        missed_point="I did not mention that I led the migration of our search index without downtime.",
        why_role=WHY,
        contribution=HOT_PATHS,
        decision_in_days=10,
    ),
    # 3. Payments: "payment" is work, "salary" is pay.
    Case(
        "Kestrel & Finch",
        "Backend Engineer, Payments",
        (
            ("Prof. Ingrid Holm", "", F, "Double-entry ledgers and why they keep reconciliation simple."),
            ("Marcus Lee", "", N, "Making retries safe with idempotency keys on every write."),
        ),
        format="onsite",
        topics="Idempotent payment retries, ledger design, salary expectations, a pairing exercise on refunds.",
        contribution="I have built idempotent retry handling for a card processor, so retries never charge twice.",
        decision_in_days=7,
    ),
    # 4. A recruiter screen with pay and routine only.
    Case(
        "Northwind Analytics",
        "Senior Backend Engineer",
        (("Dana Whitfield", "Ms.", N, "Background, salary range, why Northwind."),),
        format="phone",
        topics="Background, salary range, why Northwind.",
    ),
    # 5. Empty notes, one person.
    Case("Acme Robotics", "Product Designer", (("Lena Park", "", F, ""),)),
    # 6. A panel of eight with rich topics and nothing per person.
    Case(
        "O'Brien Public Library Network",
        "Search Engineer",
        (
            ("Dr. Nnamdi Eze", "", F, "Ranking results for patrons searching by partial titles."),
            ("Rosa Lindqvist", "", N, "Testing search with screen-reader users."),
            ("Siobhán O'Neill", "Ms.", F, ""),
            ("Mateus D'Ávila", "", N, ""),
            ("李雷", "", F, ""),
            ("Ahmed Al-Farsi", "Mr.", F, "the timeline for the next round"),
            ("Ngozi Adichie-Okoro", "Dr.", N, ""),
            ("Björn Þórsson", "", F, "we talked about how they reindex the catalogue overnight"),
        ),
        format="onsite",
        topics="Catalogue search relevance; accessibility of the public site; relocation; salary band.",
        missed_point="my Elasticsearch certification",
        why_role="I want my work to serve everyone who walks into a public library.",
        contribution="I have tuned relevance for a catalogue of four million records, and I could do the same "
        "for partial-title searches.",
        decision_in_days=14,
        since_we_spoke="I wrote a short note on partial-title matching: https://alex.example/partial-titles",
        expect={7: "how you reindex the catalogue overnight"},
    ),
    # 7. Sparse: a topic but nothing else.
    Case("Harbor & Vine", "Account Executive", (("Jamie Ruiz", "", N, ""),), topics="Territory planning"),
    # 8. Notes typed in capitals and without punctuation.
    Case(
        "Glasswing",
        "Data Analyst",
        (("Priya Raman", "Dr.", F, "DASHBOARDS FOR THE SALES TEAM"),),
        topics="sql test, dashboards",
        missed_point="also, i know dbt well",
        contribution="i can turn the weekly sales report into a dashboard that updates itself",
    ),
    # 9. Markup typed into fields.
    Case(
        "Evil <Corp>",
        "Dev<b>Ops</b> Lead",
        (("Ann <i>Smith</i>", "", F, "<script>alert(1)</script> deploy pipelines"),),
        topics="{placeholder} and [brackets]",
        contribution="I can cut deploy time in half with <strong>caching</strong>.",
    ),
    # 10. A third-person note about the reader herself.
    Case(
        "Fernhill Schools Trust",
        "IT Manager",
        (("Margaret Okonjo", "Mrs.", F, "She explained how the trust manages laptops across nine schools."),),
        format="onsite",
        contribution="I rolled out device management to 2,000 laptops at a college.",
        expect={0: "you explained how the trust manages laptops"},
    ),
    # 11. Panel of three, all formal, honorifics typed into names.
    Case(
        "Meridian Capital Partners",
        "Risk Analyst",
        (
            ("Dr. Amara Singh", "", F, "Stress testing the credit portfolio."),
            ("Mr Tom Berg", "", F, "Their model validation process."),
            ("Ms. Ji-woo Lee", "", F, "How the desk reports exposures each morning."),
        ),
        topics="Stress tests, model validation, bonus structure",
        why_role="I want to work where risk is part of every decision, not an afterthought.",
        contribution="My stress-testing models caught two exposures before they became losses.",
        decision_in_days=5,
    ),
    # 12. Friendly, one person, first person notes.
    Case(
        "Sprout Kitchen",
        "Operations Coordinator",
        (("Bea Thompson", "", N, "I asked about how they schedule deliveries to the three kitchens."),),
        format="phone",
        missed_point="I forgot to mention that I speak Spanish and Portuguese.",
        contribution="Scheduling deliveries is what I did every day at my last job.",
    ),
    # 13. Only a decision date.
    Case(
        "Tallis Foundry", "Machinist", (("Gareth Hughes", "Mr.", F, ""),), format="onsite", decision_in_days=3
    ),
    # 14. Panel of four with no notes at all.
    Case(
        "Quill & Quire",
        "Copy Editor",
        (
            ("Harriet Vance", "Ms.", F, ""),
            ("Oscar Nilsen", "", N, ""),
            ("Aisling Byrne", "", N, ""),
            ("Ravi Shankar", "Dr.", F, ""),
        ),
    ),
    # 15. Logistics only.
    Case(
        "Blue Ridge Logistics",
        "Dispatcher",
        (("Carlos Mendes", "", F, "Shift hours and parking at the depot."),),
        topics="Shift hours, the notice period, relocation support",
    ),
    # 16. A contribution unrelated to the topic: no bridge.
    Case(
        "Lumen Optics",
        "Firmware Engineer",
        (("Hana Kobayashi", "", F, "Their plans for a new camera line next spring."),),
        contribution="I have ten years of experience writing drivers for image sensors.",
        missed_point="I hold two patents on low-power wake-up circuits.",
    ),
    # 17. A noun-phrase contribution.
    Case(
        "Redwood Legal",
        "Paralegal",
        (("Patricia O'Hara", "Ms.", F, "e-discovery tools"),),
        contribution="five years of e-discovery work on commercial disputes",
    ),
    # 18. Why the role only.
    Case(
        "Greenline Transit",
        "Transport Planner",
        (("Dev Patel", "", N, "Bus network redesign for the east side."),),
        why_role="I grew up depending on buses and want to make them better for everyone.",
        decision_in_days=21,
    ),
    # 19. A panel of five, mixed styles, some with discussion.
    Case(
        "Atlas Genomics",
        "Bioinformatician",
        (
            ("Dr. Léa Moreau", "", F, "Variant calling pipelines on long reads."),
            ("Sven Ødegaard", "", N, "How their cluster queue is shared between labs."),
            ("Aroha Ngata", "", N, ""),
            ("Kwame Mensah", "Mr.", F, "The interview process and next steps."),
            ("Ирина Смирнова", "", F, "Long-read assembly benchmarks."),
        ),
        topics="Long reads, pipelines, cluster scheduling, pension scheme",
        missed_point="I did not mention that I maintain a popular open-source aligner.",
        why_role="Genomics at this scale is what I have trained for.",
        contribution="I have cut variant-calling time by half on long-read data with better scheduling.",
        decision_in_days=9,
        since_we_spoke="I benchmarked our pipeline on the public long-read data set you mentioned.",
    ),
    # 20. Fragments full of lead-ins.
    Case(
        "Pinecrest Hotels",
        "Front Office Manager",
        (("Giulia Romano", "", N, "We talked about guest complaints on busy weekends."),),
        format="onsite",
        missed_point="One more thing: I meant to say that I trained a team of twelve.",
        contribution="Also, I cut check-in queues by a third at my last hotel.",
    ),
    # 21. Apostrophes everywhere.
    Case(
        "D'Angelo & O'Reilly's",
        "Sous Chef",
        (("Siobhán Ní Bhriain", "", N, "The kitchen's new tasting menu."),),
        format="onsite",
        contribution="I've run a tasting menu service for forty covers a night.",
    ),
    # 22. Japanese and Chinese names; no role noun.
    Case(
        "株式会社サクラ",
        "Localization Lead",
        (("田中 花子", "", F, "Translation memory for game text."), ("王芳", "", F, "")),
        topics="Translation memory, style guides",
        contribution="I built a style guide and glossary that cut review rounds in half.",
    ),
    # 23. A very long role and company.
    Case(
        "The International Federation of Red Cross and Red Crescent Societies",
        "Senior Humanitarian Information Management Officer for Regional Operations",
        (("Fatima Al-Sayed", "Ms.", F, "Data sharing between field offices."),),
        contribution="I have set up data sharing between six field offices during a flood response.",
        decision_in_days=30,
    ),
    # 24. A since-we-spoke note and nothing per person.
    Case(
        "Northwind Analytics",
        "Senior Backend Engineer",
        (("Priya Raman", "Dr.", F, ""), ("Aoife O'Connell", "", N, "")),
        topics="Event streaming, data contracts between teams.",
        contribution="My experience moving Airflow jobs to Kafka streams would shorten that migration.",
        since_we_spoke="I put together a one-page outline of how I would stage the move to streaming.",
        decision_in_days=4,
    ),
    # 25. Six people, discussion for each.
    Case(
        "Orbital Freight",
        "Senior Software Engineer",
        (
            (
                "Fatima Al-Sayed",
                "Ms.",
                F,
                "Caching route plans per depot and invalidating them on road closures.",
            ),
            ("Jonah Becker", "", N, "The format and timing of the next round."),
            ("Nadia Haddad", "", N, "Tracking parcels across carriers."),
            ("Pieter van der Berg", "Mr.", F, "Their Go services and how they test them."),
            ("Mei Chen", "", N, "On-call for the routing service."),
            ("Dr. Samuel Osei", "", F, "Route planning latency at peak."),
        ),
        topics="Route planning latency; a system design question about tracking parcels; hybrid working.",
        missed_point="I meant to say I have run Go services at ten thousand requests a second.",
        why_role=WHY,
        contribution=HOT_PATHS,
        decision_in_days=7,
    ),
    # 26. Seven people, friendly, sparse.
    Case(
        "Brightside Nonprofit",
        "Volunteer Coordinator",
        (
            ("Ama Boateng", "", N, ""),
            ("Luis García", "", N, ""),
            ("Eilidh MacLeod", "", N, "volunteer retention"),
            ("Tariq Aziz", "", N, ""),
            ("Noa Levi", "", N, ""),
            ("Chidi Okeke", "", N, ""),
            ("Marta Kowalska", "", N, ""),
        ),
        topics="Volunteer retention",
    ),
    # 27. A contribution sharing substance with one person's topic only.
    Case(
        "Solace Insurance",
        "Claims Analyst",
        (
            ("Helen Fry", "Ms.", F, "Fraud patterns in water damage claims."),
            ("George Ito", "", F, "The office move next year."),
        ),
        contribution="I built a fraud-scoring model that flagged suspicious claims a week earlier.",
        why_role="I like work where careful analysis saves people money.",
    ),
    # 28. Honorific in both the field and the name.
    Case(
        "Hollis University",
        "Research Software Engineer",
        (("Dr. Ruth Abernathy", "Dr.", F, "Packaging the lab's simulation code."),),
        contribution="I have packaged research code for conda and PyPI for three labs.",
    ),
    # 29. A missed point with pay in it, and a why with pay in it.
    Case(
        "Vega Retail",
        "Store Manager",
        (("Olivia Brown", "", N, "Staffing the holiday season."),),
        format="onsite",
        missed_point="I forgot to mention my salary expectations are flexible.",
        why_role="The bonus structure is good. I also love the brand.",
    ),
    # 30. A long, multi-sentence note for one person.
    Case(
        "Polaris Space",
        "Flight Software Engineer",
        (
            (
                "Yusuf Kaya",
                "",
                F,
                "He walked me through their fault protection design. We also discussed radiation testing. "
                "Then salary.",
            ),
        ),
        contribution="I wrote fault protection software for two cubesat missions.",
        decision_in_days=12,
        expect={0: "you walked me through your fault protection design"},
    ),
    # 31. Process only: the take-home.
    Case(
        "Inkwell",
        "Frontend Developer",
        (("Sam Rivera", "", N, "The take-home exercise."),),
        topics="Take-home exercise, next steps",
    ),
    # 32. A phone screen, formal, decision date, nothing else.
    Case("Crescent Bank", "Teller", (("Mrs. Adaeze Nwosu", "", F, ""),), format="phone", decision_in_days=2),
    # 33. A why phrased as a noun phrase.
    Case(
        "Greenfield Farms",
        "Agronomist",
        (("Tom Wright", "", N, "Soil sensors in the north fields."),),
        why_role="the chance to work outdoors on real crops",
        contribution="I have deployed soil sensor networks on three farms.",
    ),
    # 34. A panel of two with identical discussion notes.
    Case(
        "Marigold Design",
        "UX Researcher",
        (
            ("Isla Grant", "", N, "Research repositories."),
            ("Finn Grant", "", N, "Research repositories."),
        ),
        contribution="I set up a research repository that product teams actually used.",
    ),
    # 35. Accents in the company and role.
    Case(
        "Société Générale de Café",
        "Responsable qualité",
        (("Amélie Dubois", "Mme", F, "La torréfaction et le contrôle qualité."),),
        contribution="I ran quality control for a roaster producing two tonnes a week.",
    ),
    # 36. A note that is a list with logistics mixed in.
    Case(
        "Cobalt Cloud",
        "Site Reliability Engineer",
        (("Kenji Mori", "", F, "Postmortems, remote work policy, their SLO dashboards"),),
        topics="SLOs; postmortems; remote work; stock options",
        contribution="I introduced SLOs and error budgets at my last company.",
        since_we_spoke="I read your public postmortem on the March outage and have a thought on alerting.",
    ),
    # 37. Empty topic lines and whitespace.
    Case(
        "Hearth Homes",
        "Site Supervisor",
        (("Bill Carter", "", N, "   \n  "),),
        topics="\n\n , ;",
        missed_point="   ",
    ),
    # 38. A person's note in the first person plural.
    Case(
        "Nimbus Weather",
        "Data Scientist",
        (("Ingrid Sørensen", "", F, "We compared ensemble forecasts for wind farms."),),
        contribution="I have built ensemble models for solar output forecasting.",
        decision_in_days=6,
    ),
    # 39. Eight people, all with their own work topics, everything filled.
    Case(
        "Helix Biotech",
        "Lab Automation Engineer",
        (
            ("Dr. Clara Oswald", "", F, "Liquid handling robots for the screening lab."),
            ("Rahul Mehta", "", N, "Scheduling plate readers overnight."),
            ("Sophie Laurent", "Ms.", F, "Sample tracking with barcodes."),
            ("Daniel Kim", "", N, "Their LIMS integration."),
            ("Prof. Hans Müller", "", F, "Validation of automated assays."),
            ("Olu Adeyemi", "", N, "Error recovery when a robot jams."),
            ("Grace Liu", "", N, "Their on-call for the lab at weekends."),
            ("Mr. Ethan Brooks", "", F, "Training scientists to write protocols."),
        ),
        topics="Lab robots, scheduling, LIMS, salary, start date",
        missed_point="I did not mention that I wrote the scheduler our lab still uses.",
        why_role="I want scientists to spend their time on science, not on pipetting.",
        contribution="I have automated plate handling so a screening lab could run overnight unattended.",
        decision_in_days=10,
        since_we_spoke="I sketched how error recovery could work when a plate jams.",
    ),
    # 40. A name with only a first name; friendly.
    Case("Moonbeam Café", "Barista", (("Cher", "", N, "Latte art."),), format="onsite"),
    # 41. Formal name without an honorific, particles.
    Case(
        "Rijksmuseum Digital",
        "Collections Developer",
        (("Ludwig van Beethoven", "", F, "the collections API"),),
        contribution="I maintain an open-source IIIF image server.",
    ),
    # 42. A recruiter with the next-round format and a manager with nothing.
    Case(
        "Summit Outdoor",
        "E-commerce Manager",
        (("Jonah Becker", "", N, "The format and timing of the next round."), ("Rita Moreno", "Ms.", F, "")),
        topics="Checkout conversion; paid search budgets; notice period",
        contribution="I raised checkout conversion by 18 percent with a shorter form.",
    ),
)
