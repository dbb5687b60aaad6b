import ArgumentParser
import RehabCore

// The command line's help in Dutch: argument-parser builds its help from the texts written at
// each command and option, in English, each time it shows help (or a usage error's help line).
// Those texts are written as `.translated("…")`, which looks them up here when help is shown
// in Dutch; `HelpPhrase.localized` says the library's own headings and built-in flags in Dutch
// too. A third language is one more table like this one. `HelpTranslationTests` fails for an
// English text with no Dutch beside it.

/// The language help is shown in: set before the command line is parsed, as the parser reads
/// the texts while it builds the commands. English unless help or a usage error is shown.
enum HelpLanguage {
    nonisolated(unsafe) static var current = Language.en

    static func translated(_ english: String) -> String {
        guard current == .nl else { return english }
        return HelpPhrase.dutch[english] ?? english
    }
}

extension String {
    /// A command's abstract or discussion, written in English, in the help's language.
    static func translated(_ english: String) -> String { HelpLanguage.translated(english) }
}

extension ArgumentHelp {
    /// An option's help, written in English, in the help's language.
    static func translated(_ english: String) -> ArgumentHelp {
        ArgumentHelp(HelpLanguage.translated(english))
    }
}

enum HelpPhrase {
    static let dutch = Dictionary(uniqueKeysWithValues: pairs)

    /// Every help text in English (as written at its command or option, or as the library
    /// says its built-in flags) with its Dutch.
    static let pairs: [(String, String)] = [
        (
            "A rehab-plan tracker for runners coming back from an injury, and their physios.",
            """
            Een revalidatieplan-tracker voor hardlopers die terugkomen van een blessure, en hun fysiotherapeuten.
            """
        ),
        (
            """
            Pick an injury plan, log each day's sessions with pain scores, and get a verdict with its reasons: progress, hold, reduce or see a doctor. Data stays on this machine. Without a command, rehab opens the full-screen app.

            Every command takes --db, --lang, --patient and --plans. Environment: REHAB_DB, REHAB_LANG, REHAB_PATIENT, REHAB_TODAY=YYYY-MM-DD (fixes today), NO_COLOR. The manual page, rehab(1), has the files, exit status and examples.
            """,
            """
            Kies een blessureplan, log elke dag uw trainingen met pijnscores en krijg een oordeel met de redenen: opbouwen, aanhouden, terugschalen of naar een arts. De gegevens blijven op deze computer. Zonder commando opent rehab de app op het volle scherm.

            Elk commando kent --db, --lang, --patient en --plans. Omgeving: REHAB_DB, REHAB_LANG, REHAB_PATIENT, REHAB_TODAY=JJJJ-MM-DD (legt vandaag vast), NO_COLOR. De handleidingpagina, rehab(1), noemt de bestanden, de afsluitcodes en voorbeelden.
            """
        ),
        ("Show the version.", "Toon de versie."),
        ("Show help information.", "Toon deze hulp."),
        (
            "Add a demo patient with about two months of realistic history (runner's knee plan).",
            """
            Voeg een demopatiënt toe met ongeveer twee maanden echte geschiedenis (plan voor de runner's knee).
            """
        ),
        (
            """
            With --years, the demo runner gets that many years: training blocks between \
            injuries, the knee coming back, other injuries, shoes replaced. With --patients, \
            a demo clinic: that many patients (2 years each unless --years), each on a plan \
            of the catalogue. Every patient is written in one transaction.
            """,
            """
            Met --years krijgt de demohardloper zoveel jaren: trainingsblokken tussen \
            blessures, de knie die terugkomt, andere blessures, vervangen schoenen. Met \
            --patients een demopraktijk: zoveel patiënten (elk 2 jaar, tenzij --years), elk \
            op een plan uit de catalogus. Elke patiënt wordt in één transactie geschreven.
            """
        ),
        (
            """
            Database file, or a clinic's postgresql:// URL (default: $REHAB_DB, else $XDG_DATA_HOME/rehab/rehab.sqlite).
            """,
            """
            Databasebestand, of de postgresql://-URL van een praktijk (standaard: $REHAB_DB, anders $XDG_DATA_HOME/rehab/rehab.sqlite).
            """
        ),
        (
            "Language of messages: nl or en (default: $REHAB_LANG, config.yaml, LANG).",
            "Taal van de meldingen: nl of en (standaard: $REHAB_LANG, config.yaml, LANG)."
        ),
        (
            "Patient name (default: $REHAB_PATIENT, config.yaml, the only patient).",
            "Naam van de patiënt (standaard: $REHAB_PATIENT, config.yaml, de enige patiënt)."
        ),
        (
            """
            Plan files that add to or override the built-in ones (also read: $XDG_DATA_HOME/rehab/plans).
            """,
            """
            Planbestanden die de ingebouwde plannen aanvullen of vervangen (ook gelezen: $XDG_DATA_HOME/rehab/plans).
            """
        ),
        ("Years of history per patient (1-30).", "Jaren geschiedenis per patiënt (1-30)."),
        ("How many demo patients (1-5000).", "Hoeveel demopatiënten (1-5000)."),
        (
            "Seed of the generator (0-999999999, default 7): same seed, same history.",
            """
            Beginwaarde van de generator (0-999999999, standaard 7): zelfde waarde, zelfde geschiedenis.
            """
        ),
        ("The injury plan catalogue.", "De catalogus van blessureplannen."),
        (
            "List every plan: id, name, region, variants, phases.",
            "Toon elk plan: id, naam, lichaamsdeel, varianten, fasen."
        ),
        ("Machine-readable output.", "Uitvoer voor programma's (JSON)."),
        ("Show one plan in full.", "Toon één plan volledig."),
        ("Plan id (see 'rehab plans').", "Plan-id (zie 'rehab plans')."),
        (
            "Validate plan files; prints file:line:column: message for each error.",
            "Controleer planbestanden; toont bestand:regel:kolom: melding voor elke fout."
        ),
        ("Plan files to check.", "De planbestanden om te controleren."),
        (
            "Write the patient's tuned plan as a plan file (stdout or --output).",
            "Schrijf het aangepaste plan van de patiënt als planbestand (stdout of --output)."
        ),
        (
            "The plan id in the file (default: the file name, else PLAN_PATIENT).",
            "De plan-id in het bestand (standaard: de bestandsnaam, anders PLAN_PATIËNT)."
        ),
        (
            "Write to this file (0600) instead of stdout.",
            "Schrijf naar dit bestand (0600) in plaats van naar stdout."
        ),
        (
            "Replace --output if it exists (a symbolic link is replaced, not followed).",
            """
            Vervang --output als het bestaat (een symbolische koppeling wordt vervangen, niet gevolgd).
            """
        ),
        (
            "Show how the patient's plan differs from its template.",
            "Toon waarin het plan van de patiënt afwijkt van het sjabloon."
        ),
        (
            "List, add, rename, archive and delete patients.",
            "Patiënten tonen, toevoegen, hernoemen, archiveren en verwijderen."
        ),
        ("List patients with their plan and phase.", "Toon de patiënten met hun plan en fase."),
        ("Include archived patients.", "Ook gearchiveerde patiënten."),
        ("Add a patient.", "Voeg een patiënt toe."),
        ("The patient's name.", "De naam van de patiënt."),
        ("Rename a patient.", "Geef een patiënt een andere naam."),
        ("The patient's current name.", "De huidige naam van de patiënt."),
        ("The new name.", "De nieuwe naam."),
        (
            "Archive a patient (hidden from the list, nothing deleted); --undo restores.",
            "Archiveer een patiënt (niet meer in de lijst, niets verwijderd); --undo zet terug."
        ),
        ("Bring an archived patient back.", "Haal een gearchiveerde patiënt terug."),
        (
            "Delete a patient and everything stored about them (needs --yes).",
            "Verwijder een patiënt en alles wat over hem of haar is opgeslagen (vraagt --yes)."
        ),
        ("The patient's full name.", "De volledige naam van de patiënt."),
        (
            "Confirm: the deletion cannot be undone.",
            "Bevestig: verwijderen kan niet ongedaan worden gemaakt."
        ),
        (
            "Start a plan for the patient (today by default).",
            "Begin een plan voor de patiënt (standaard vandaag)."
        ),
        (
            "Start from a plan file (e.g. from 'rehab plans export'), kept in the database.",
            """
            Begin met een planbestand (bijvoorbeeld van 'rehab plans export'), bewaard in de database.
            """
        ),
        (
            "Variant (severity) of the plan; default the first.",
            "Variant (ernst) van het plan; standaard de eerste."
        ),
        ("Start date YYYY-MM-DD (default today).", "Begindatum JJJJ-MM-DD (standaard vandaag)."),
        (
            "Weekly running km before the plan; floors the weekly cap.",
            "Hardloopkilometers per week vóór het plan; de weekgrens komt daar nooit onder."
        ),
        (
            "Replace the plan the patient already follows.",
            "Vervang het plan dat de patiënt al volgt."
        ),
        (
            "Log a session: activity, distance, minutes and pain scores; prints the new verdict.",
            """
            Log een training: activiteit, afstand, minuten en pijnscores; toont het nieuwe oordeel.
            """
        ),
        (
            "run, walk, cycle, swim, aqua_jog, cross_trainer, strength, exercises or other.",
            "run, walk, cycle, swim, aqua_jog, cross_trainer, strength, exercises of other."
        ),
        (
            "Distance in km (0-300, at most 2 decimals).",
            "Afstand in km (0-300, hoogstens 2 decimalen)."
        ),
        ("Duration in minutes (1-1440).", "Duur in minuten (1-1440)."),
        ("Highest pain during, 0-10.", "Hoogste pijn tijdens, 0-10."),
        ("Highest pain after, 0-10.", "Hoogste pijn na afloop, 0-10."),
        ("Pain lasted more than 2 hours afterwards.", "De pijn hield daarna langer dan 2 uur aan."),
        (
            "A red flag or physio-referral id (repeatable); see 'rehab plans show'.",
            "Een alarmsignaal of een verwijsvraag (id, herhaalbaar); zie 'rehab plans show'."
        ),
        (
            "Shoe name (added on first use).",
            "Naam van de schoen (toegevoegd bij het eerste gebruik)."
        ),
        ("A note (up to 2000 characters).", "Een notitie (hoogstens 2000 tekens)."),
        ("Single-leg calf raises done in a test.", "Calf raises op één been in een test."),
        ("Single-leg hops done in a test.", "Sprongen op één been in een test."),
        ("Date YYYY-MM-DD (default today).", "Datum JJJJ-MM-DD (standaard vandaag)."),
        ("Print the new status as JSON.", "Toon de nieuwe stand als JSON."),
        (
            "The next-morning check: pain or stiffness on waking, 0-10.",
            "De ochtendcheck: pijn of stijfheid bij het opstaan, 0-10."
        ),
        ("Pain or stiffness on waking, 0-10.", "Pijn of stijfheid bij het opstaan, 0-10."),
        (
            "Record that a doctor has seen the red flags and you may continue.",
            "Leg vast dat een arts de alarmsignalen heeft gezien en dat u verder mag."
        ),
        (
            "Who cleared it and what they said, e.g. \"GP: may continue\".",
            "Wie het vrijgaf en wat die zei, bijvoorbeeld \"huisarts: mag verder\"."
        ),
        (
            "Verdict, phase, weekly load and cap, and readiness to advance.",
            "Oordeel, fase, weekbelasting en weekgrens, en of u klaar bent voor de volgende fase."
        ),
        (
            "Judge as of this date YYYY-MM-DD (default today).",
            "Oordeel op deze datum JJJJ-MM-DD (standaard vandaag)."
        ),
        (
            "Confirm the next phase (refused with the reasons if not ready, unless --force).",
            """
            Bevestig de volgende fase (geweigerd met de redenen als u nog niet klaar bent, tenzij --force).
            """
        ),
        (
            "Phase id to move to (a previous phase steps back).",
            "Fase-id om naartoe te gaan (een eerdere fase is een stap terug)."
        ),
        (
            "Move on even though the exit criteria are not met (needs --reason).",
            """
            Ga door, ook al is niet aan de eisen voor de volgende fase voldaan (vraagt --reason).
            """
        ),
        (
            "Why the exit criteria are overruled (required with --force; stored).",
            "Waarom de eisen worden overruled (verplicht bij --force; bewaard)."
        ),
        (
            "Weekly table and a text chart of load against the cap.",
            "Weektabel en een tekstgrafiek van de belasting tegen de weekgrens."
        ),
        (
            "How many weeks, ending with this week (1-520; default 8, none before the plan).",
            "Hoeveel weken, tot en met deze week (1-520; standaard 8, geen van vóór het plan)."
        ),
        (
            "Tune a patient's plan: thresholds, phase days, exercises, run/walk steps.",
            "Pas het plan van een patiënt aan: drempels, fasedagen, oefeningen, loop-wandelstappen."
        ),
        (
            """
            Changes are stored per patient and shown as differences from the template with
            'rehab tune --show' (or 'rehab plans diff'). Ranges are those of plans/SCHEMA.md.
            """,
            """
            Wijzigingen worden per patiënt bewaard en getoond als verschillen met het sjabloon met
            'rehab tune --show' (of 'rehab plans diff'). De bereiken zijn die van plans/SCHEMA.md.
            """
        ),
        (
            "Change thresholds (whole plan) and a phase's days; --show lists changes.",
            "Wijzig drempels (hele plan) en de dagen van een fase; --show toont de wijzigingen."
        ),
        ("Pain allowed during and after, 0-10.", "Toegestane pijn tijdens en na afloop, 0-10."),
        ("Pain above this is too much, 0-10.", "Pijn boven deze waarde is te veel, 0-10."),
        ("Pain may last this long, 1-72.", "Zo lang mag de pijn aanhouden (uren), 1-72."),
        ("Weekly load rise, 0-100 %.", "Stijging van de weekbelasting, 0-100 %."),
        ("Single-run spike, 0-100 %.", "Piek in één loop, 0-100 %."),
        ("Days without improvement, 1-60.", "Dagen zonder verbetering, 1-60."),
        ("Morning pain allowed, 0-10.", "Toegestane ochtendpijn, 0-10."),
        ("Morning pain above this is too much.", "Ochtendpijn boven deze waarde is te veel."),
        (
            "One activity's own pain allowed, ACTIVITY=0-10 (e.g. exercises=5); repeatable.",
            """
            Toegestane pijn voor één activiteit, ACTIVITEIT=0-10 (bijvoorbeeld exercises=5); herhaalbaar.
            """
        ),
        (
            "One activity's own pain limit, ACTIVITY=0-10; repeatable.",
            "Pijngrens voor één activiteit, ACTIVITEIT=0-10; herhaalbaar."
        ),
        (
            "The phase --min-days and --max-days apply to.",
            "De fase waarvoor --min-days en --max-days gelden."
        ),
        ("Minimum days in the phase, 0-365.", "Minimaal aantal dagen in de fase, 0-365."),
        ("Maximum days in the phase, 0-365.", "Maximaal aantal dagen in de fase, 0-365."),
        ("Show the differences from the template.", "Toon de verschillen met het sjabloon."),
        ("Machine-readable differences (with --show).", "De verschillen als JSON (met --show)."),
        (
            "Add, remove or change an exercise of a phase.",
            "Voeg een oefening van een fase toe, verwijder of wijzig er een."
        ),
        (
            "Add an exercise from the plan's library to a phase.",
            "Voeg een oefening uit de bibliotheek van het plan toe aan een fase."
        ),
        ("Phase id.", "Fase-id."),
        ("Exercise id (see 'rehab plans show').", "Oefening-id (zie 'rehab plans show')."),
        ("Sets, 1-10.", "Sets, 1-10."),
        ("Repetitions, 1-100 (or --hold).", "Herhalingen, 1-100 (of --hold)."),
        ("Hold in seconds, 1-600 (or --reps).", "Vasthouden in seconden, 1-600 (of --reps)."),
        ("Times a week, 1-14 (or --per-day).", "Keer per week, 1-14 (of --per-day)."),
        ("Times a day, 1-10 (or --per-week).", "Keer per dag, 1-10 (of --per-week)."),
        ("Remove an exercise from a phase.", "Verwijder een oefening uit een fase."),
        ("Exercise id.", "Oefening-id."),
        (
            "Change an exercise's sets, reps or frequency.",
            "Wijzig de sets, herhalingen of frequentie van een oefening."
        ),
        (
            "Change, add (step = count + 1) or remove a run/walk step of a phase.",
            """
            Wijzig een loop-wandelstap van een fase, voeg er een toe (stap = aantal + 1) of verwijder er een.
            """
        ),
        ("Step number, 1-based.", "Stapnummer, vanaf 1."),
        ("Run minutes, 0.5-120.", "Minuten hardlopen, 0.5-120."),
        ("Walk minutes, 0-10.", "Minuten wandelen, 0-10."),
        ("Session length in minutes, 5-180.", "Duur van de training in minuten, 5-180."),
        ("Sessions a week, 1-7.", "Trainingen per week, 1-7."),
        (
            "Sessions within the pain rules to pass the step, 1-10.",
            "Trainingen binnen de pijnregels om de stap te halen, 1-10."
        ),
        ("Remove the step.", "Verwijder de stap."),
        (
            "Drop every change: the plan follows the template again.",
            "Schrap alle wijzigingen: het plan volgt weer het sjabloon."
        ),
        (
            "A progress report (Markdown or self-contained HTML) for a GP or physio.",
            """
            Een voortgangsrapport (Markdown of op zichzelf staande HTML) voor huisarts of fysiotherapeut.
            """
        ),
        (
            "How many weeks, ending with this week (1-520, default 8).",
            "Hoeveel weken, tot en met deze week (1-520, standaard 8)."
        ),
        ("md or html (default md).", "md of html (standaard md)."),
        (
            "Questionnaire files folder (default $XDG_DATA_HOME/rehab/questionnaires).",
            "Map met vragenlijstbestanden (standaard $XDG_DATA_HOME/rehab/questionnaires)."
        ),
        (
            "Export every patient, plan, session, check, clearing and shoe as JSON or CSV.",
            """
            Exporteer elke patiënt, elk plan, elke training, check, vrijgave en schoen als JSON of CSV.
            """
        ),
        (
            "csv or json; else --output's ending (.csv, .json); else json with --all.",
            "csv of json; anders de extensie van --output (.csv, .json); anders json bij --all."
        ),
        (
            """
            Every table: patients, plans and overrides, phase changes, sessions, morning checks, flag clearings, shoes (JSON unless --format csv or an --output ending in .csv).
            """,
            """
            Elke tabel: patiënten, plannen en aanpassingen, fasewisselingen, trainingen, ochtendchecks, vrijgaven van alarmsignalen, schoenen (JSON, tenzij --format csv of een --output die op .csv eindigt).
            """
        ),
        (
            "Import an export (.json or .csv), or runs from .gpx/.tcx files or folders.",
            "Importeer een export (.json of .csv), of loopjes uit .gpx/.tcx-bestanden of -mappen."
        ),
        (
            """
            An export from 'rehab export' is imported whole or not at all. Run files give the date, distance and duration of each run; give the pain scores with --pain-during and --pain-after. A run with a start time that is already stored is skipped and counted. A file that cannot be read (or holds an impossible run) is listed and left out; the other runs are stored in one transaction and the exit code is 1. .fit files are not supported: export the run as .gpx or .tcx. On a clinic database as a patient's own login, the export's one patient goes into that login's record.
            """,
            """
            Een export van 'rehab export' wordt helemaal of helemaal niet geïmporteerd. Loopbestanden geven de datum, afstand en duur van elke loop; geef de pijnscores met --pain-during en --pain-after. Een loop met een begintijd die al is opgeslagen wordt overgeslagen en geteld. Een bestand dat niet te lezen is (of een onmogelijke loop bevat) wordt genoemd en weggelaten; de andere loopjes worden in één transactie opgeslagen en de afsluitcode is 1. .fit-bestanden worden niet ondersteund: exporteer de loop als .gpx of .tcx. Op een praktijkdatabase met de eigen login van een patiënt komt de ene patiënt uit de export in het dossier van die login.
            """
        ),
        (
            "An export file, or .gpx/.tcx run files and folders holding them.",
            "Een exportbestand, of .gpx/.tcx-loopbestanden en mappen met zulke bestanden."
        ),
        ("Runs: highest pain during, 0-10.", "Loopjes: hoogste pijn tijdens, 0-10."),
        ("Runs: highest pain after, 0-10.", "Loopjes: hoogste pijn na afloop, 0-10."),
        (
            "Runs: the shoe they were run in (added on first use).",
            "Loopjes: de schoen waarop ze gelopen zijn (toegevoegd bij het eerste gebruik)."
        ),
        (
            "Running shoes: kilometres per shoe, and when to replace them (600-800 km).",
            "Hardloopschoenen: kilometers per schoen, en wanneer u ze vervangt (600-800 km)."
        ),
        (
            "Each shoe with its running total, start km, retire threshold and state.",
            "Elke schoen met zijn totaal, beginstand in km, vervanggrens en toestand."
        ),
        (
            "Add a shoe; pick it per run with 'rehab log --shoe NAME'.",
            "Voeg een schoen toe; kies hem per loop met 'rehab log --shoe NAAM'."
        ),
        (
            "The shoe's name, e.g. \"Pegasus 40 blue\".",
            "De naam van de schoen, bijvoorbeeld \"Pegasus 40 blauw\"."
        ),
        (
            "Kilometres already on the shoe (0-100000, default 0).",
            "Kilometers die al op de schoen staan (0-100000, standaard 0)."
        ),
        (
            "Replace the shoe after this many km (600-800, default 700).",
            "Vervang de schoen na zoveel km (600-800, standaard 700)."
        ),
        (
            "Copy the database to FILE (0600) with SQLite's backup API; safe while rehab runs.",
            """
            Kopieer de database naar BESTAND (0600) met de back-up-API van SQLite; veilig terwijl rehab draait.
            """
        ),
        (
            "The copy to write (its folder is created 0700).",
            "De kopie om te schrijven (de map wordt aangemaakt met 0700)."
        ),
        (
            "Replace FILE when it exists (a symbolic link is replaced, not followed).",
            """
            Vervang BESTAND als het bestaat (een symbolische koppeling wordt vervangen, niet gevolgd).
            """
        ),
        (
            "The full-screen app (also what 'rehab' alone opens).",
            "De app op het volle scherm (ook wat 'rehab' alleen opent)."
        ),
        (
            """
            Clicks and the mouse wheel in the app (default: off, or 'mouse:' in config.yaml). Mouse mode takes the terminal's text selection away; Shift-drag usually still selects.
            """,
            """
            Klikken en het muiswiel in de app (standaard: uit, of 'mouse:' in config.yaml). De muismodus neemt het selecteren van tekst in de terminal over; met Shift slepen selecteert meestal nog wel.
            """
        ),
        (
            "Record an outcome measure: psfs, nprs, gpe or a questionnaire file's id.",
            "Leg een uitkomstmaat vast: psfs, nprs, gpe of de id van een vragenlijstbestand."
        ),
        (
            """
            rehab measure psfs "stairs=4" "running 5 km=2"   activities scored 0-10 (the first time 1-5 of them; later the same ones)
            rehab measure nprs 5                               average pain over the past week, 0-10
            rehab measure gpe much_better                      much_worse worse slightly_worse unchanged slightly_better better much_better (from the second time on)
            rehab measure knee_function q1=3 q2=2 q3=4 q4=1    a questionnaire file, every item
            """,
            """
            rehab measure psfs "stairs=4" "running 5 km=2"   activiteiten gescoord 0-10 (de eerste keer 1-5 ervan; daarna dezelfde)
            rehab measure nprs 5                               gemiddelde pijn in de afgelopen week, 0-10
            rehab measure gpe much_better                      much_worse worse slightly_worse unchanged slightly_better better much_better (vanaf de tweede keer)
            rehab measure knee_function q1=3 q2=2 q3=4 q4=1    een vragenlijstbestand, elk item
            """
        ),
        ("Print what was stored as JSON.", "Toon wat is opgeslagen als JSON."),
        ("psfs, nprs, gpe or a questionnaire id.", "psfs, nprs, gpe of de id van een vragenlijst."),
        (
            "ITEM=SCORE answers (nprs: one score; gpe: one step).",
            "Antwoorden als ITEM=SCORE (nprs: één score; gpe: één stap)."
        ),
        (
            "Outcome measures so far: the change since the first score and the MCID.",
            "De uitkomstmaten tot nu toe: de verandering sinds de eerste score en de MCID."
        ),
        (
            "The measures available: built-in ones and questionnaire files.",
            "De beschikbare uitkomstmaten: ingebouwde en vragenlijstbestanden."
        ),
        (
            "List the measures and questionnaire files.",
            "Toon de uitkomstmaten en vragenlijstbestanden."
        ),
        (
            "Validate questionnaire files (file:line:column errors).",
            "Controleer vragenlijstbestanden (fouten als bestand:regel:kolom)."
        ),
        ("Questionnaire files.", "Vragenlijstbestanden."),
        (
            "A discharge report (Markdown or HTML): measures before and after, phases, flags.",
            """
            Een ontslagrapport (Markdown of HTML): uitkomstmaten voor en na, fasen, alarmsignalen.
            """
        ),
        (
            "Discharge before the plan is complete (the physio's decision).",
            "Ontslag voordat het plan af is (het besluit van de fysiotherapeut)."
        ),
        ("Replace --output if it exists.", "Vervang --output als het bestaat."),
        (
            "Who discharges the patient, recorded with the date (default: your login name).",
            "Wie de patiënt ontslaat, vastgelegd met de datum (standaard: uw loginnaam)."
        ),
        (
            "Add a dated clinical note about the patient.",
            "Voeg een gedateerde klinische notitie over de patiënt toe."
        ),
        ("The note.", "De notitie."),
        (
            "The patient's clinical notes, oldest first.",
            "De klinische notities van de patiënt, oudste eerst."
        ),
        (
            "Set up a clinic database on PostgreSQL: roles, row-level security, people.",
            "Richt een praktijkdatabase in op PostgreSQL: rollen, beveiliging per rij, mensen."
        ),
        (
            """
            Give the database with --db or REHAB_DB as a postgresql:// URL, e.g. postgresql://OWNER@/clinic?host=/run/postgresql (the server's Unix socket). Run these as the database owner. A password is read from the URL, PGPASSWORD, or PGPASSFILE / ~/.pgpass (0600), and never printed.
            """,
            """
            Geef de database met --db of REHAB_DB als postgresql://-URL, bijvoorbeeld postgresql://EIGENAAR@/clinic?host=/run/postgresql (de Unix-socket van de server). Voer deze commando's uit als eigenaar van de database. Een wachtwoord wordt gelezen uit de URL, PGPASSWORD of PGPASSFILE / ~/.pgpass (0600), en nooit getoond.
            """
        ),
        (
            "Create the schema, the group roles and their row-level security.",
            "Maak het schema, de groepsrollen en hun beveiliging per rij aan."
        ),
        (
            "Give a physio a login (role rehab_physio).",
            "Geef een fysiotherapeut een login (rol rehab_physio)."
        ),
        (
            "Their login: lower-case letters, digits and _.",
            "Hun login: kleine letters, cijfers en _."
        ),
        (
            "Give the administration a login (role rehab_admin: people, no health data).",
            "Geef de administratie een login (rol rehab_admin: mensen, geen gezondheidsgegevens)."
        ),
        ("Add a patient with a login of their own.", "Voeg een patiënt toe met een eigen login."),
        (
            "Put a physio in a patient's care team (a patient may have several).",
            """
            Zet een fysiotherapeut in het zorgteam van een patiënt (een patiënt kan er meer hebben).
            """
        ),
        ("The physio's login.", "De login van de fysiotherapeut."),
        (
            "The clinic's access log: who viewed, changed or exported a patient's record.",
            """
            Het toegangslogboek van de praktijk: wie het dossier van een patiënt bekeek, wijzigde of exporteerde.
            """
        ),
        (
            """
            Only on a clinic database (--db or REHAB_DB as a postgresql:// URL). A physio sees the log of the patients in their care, a patient who looked at their own record, the administration (rehab_admin) all of it. Times are UTC. --patient narrows it to one patient.
            """,
            """
            Alleen op een praktijkdatabase (--db of REHAB_DB als postgresql://-URL). Een fysiotherapeut ziet het logboek van de patiënten in zorg, een patiënt wie het eigen dossier bekeek, de administratie (rehab_admin) alles. Tijden zijn in UTC. --patient beperkt het tot één patiënt.
            """
        ),
        (
            "Only rows from this day on (YYYY-MM-DD, UTC).",
            "Alleen regels vanaf deze dag (JJJJ-MM-DD, UTC)."
        ),
        ("Show subcommand help information.", "Toon de hulp van een subcommando."),
    ]
}

extension HelpPhrase {
    /// The words the library writes around the texts: headings, the pointer to more help,
    /// "default" and "values".
    static let frame: [(String, String)] = [
        ("OVERVIEW: ", "OVERZICHT: "), ("USAGE: ", "GEBRUIK: "), ("ARGUMENTS:", "ARGUMENTEN:"),
        ("OPTIONS:", "OPTIES:"), ("SUBCOMMANDS:", "SUBCOMMANDO'S:"),
        (
            "  See 'rehab help <subcommand>' for detailed help.",
            "  Zie 'rehab help <subcommando>' voor uitgebreide hulp."
        ),
        ("(default: ", "(standaard: "), ("(values: ", "(waarden: "),
    ]

    /// The names the library gives values (`--minutes <minutes>`, from the property), in
    /// Dutch; a name missing here stays English (a test lists any).
    static let placeholders: [String: String] = [
        "options": "opties", "subcommand": "subcommando", "db": "db", "lang": "taal",
        "patient": "patiënt", "patients": "patiënten", "plans": "plannen", "plan": "plan",
        "plan-file": "planbestand", "questionnaires": "vragenlijsten", "date": "datum",
        "since": "sinds", "output": "bestand", "file": "bestand", "files": "bestanden",
        "name": "naam", "old": "oud", "new": "nieuw", "format": "formaat", "weeks": "weken",
        "years": "jaren", "seed": "startwaarde", "reason": "reden", "text": "tekst",
        "note": "notitie", "by": "door", "to": "naar", "login": "login", "physio": "fysio",
        "activity": "activiteit", "km": "km", "minutes": "minuten", "pain": "pijn",
        "pain-during": "pijn-tijdens", "pain-after": "pijn-na", "flag": "vlag", "shoe": "schoen",
        "start-km": "start-km", "retire-km": "vervang-km", "weekly-km": "km-per-week",
        "variant": "variant", "phase": "fase", "id": "id", "instrument": "instrument",
        "answers": "antwoorden", "hop-test": "hoptest", "calf-raises": "kuitheffingen",
        "step": "stap", "run": "hardlopen", "walk": "wandelen", "total": "totaal",
        "per-week": "per-week", "pass": "halen", "min-days": "min-dagen",
        "max-days": "max-dagen", "pain-safe-max": "pijn-veilig-max", "pain-limit": "pijn-grens",
        "pain-lasting-hours": "pijn-uren", "morning-safe-max": "ochtend-veilig-max",
        "morning-limit": "ochtend-grens", "activity-safe-max": "activiteit-veilig-max",
        "activity-limit": "activiteit-grens", "weekly-increase-pct": "weekstijging-pct",
        "session-spike-pct": "piek-pct", "no-improvement-days": "dagen-zonder-verbetering",
        "exercise": "oefening", "sets": "sets", "reps": "herhalingen", "hold": "seconden",
        "per-day": "per-dag",
    ]

    /// Help as the library wrote it, in `language`: the texts are already translated (the
    /// parser read them in `HelpLanguage.current`); this translates the library's own words
    /// and the names of values.
    static func localized(_ help: String, language: Language) -> String {
        guard language == .nl else { return help }
        // The built-in flags' help is in `pairs`, as the library writes it.
        let builtIn = [
            "Show help information.", "Show the version.", "Show subcommand help information.",
        ]
        let framed = (frame + builtIn.map { ($0, dutch[$0] ?? $0) }).reduce(help) { text, pair in
            text.replacingOccurrences(of: pair.0, with: pair.1)
        }
        return framed.split(separator: "\n", omittingEmptySubsequences: false)
            .map { relabelled(String($0)) }.joined(separator: "\n")
    }

    /// The library's column for an option's help (its `HelpGenerator.labelColumnWidth`).
    static let helpColumn = 26

    /// A line of help with its value names in Dutch. An option's or argument's line keeps its
    /// help at the help column: a longer name moves the help to the next line, as the library
    /// does with a label too long to leave room for it.
    static func relabelled(_ line: String) -> String {
        guard line.hasPrefix("  -") || line.hasPrefix("  <") else { return dutchNames(line) }
        let characters = Array(line)
        let sharesItsLine =
            characters.count > helpColumn && characters[helpColumn - 1] == " "
            && characters[helpColumn] != " "
        guard sharesItsLine else { return dutchNames(line) }
        var label = dutchNames(String(characters[..<helpColumn]))
        while label.hasSuffix(" ") { label.removeLast() }
        let help = dutchNames(String(characters[helpColumn...]))
        let padding = String(repeating: " ", count: helpColumn)
        guard label.count < helpColumn else { return label + "\n" + padding + help }
        return label + String(repeating: " ", count: helpColumn - label.count) + help
    }

    /// Every `<name>` of `placeholders` in `text` in Dutch.
    static func dutchNames(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"),
            let close = rest[open...].firstIndex(of: ">")
        {
            let name = String(rest[rest.index(after: open)..<close])
            result += rest[..<open] + "<" + (placeholders[name] ?? name) + ">"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Help asked for together with options every command takes (`rehab --lang nl --help`,
    /// `rehab help log --lang nl`, `rehab plans -h --lang nl`): the help without them, as the
    /// language was read from them already. The library would give them and the help to a
    /// default command (the app, `plans list`), or refuse them after `help`. Only where a word
    /// surely asks for help: `--help` or `-h`, or `help` first (a patient may be named "help").
    static func withoutGlobalOptions(_ arguments: [String]) -> [String] {
        guard !arguments.contains("--") else { return arguments }
        var rest: [String] = []
        var i = 0
        while i < arguments.count {
            let taken = GlobalOptions.wordsTaken(arguments, at: i)
            if taken == nil { rest.append(arguments[i]) }
            i += taken ?? 1
        }
        let asksForHelp = rest.first == "help" || rest.contains("--help") || rest.contains("-h")
        return asksForHelp ? rest : arguments
    }

    /// True when the command line asks for help, so the texts are read in the user's
    /// language from the start (any other command pays nothing for looking the language up).
    static func isRequested(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains {
            ["--help", "-h", "help", "--experimental-dump-help"].contains($0)
        }
    }
}
