import RehabCore
import RehabSQLite
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

/// The runner's day (issue 16): what a week of daily use tripped over in the log form.
@Suite struct LogFormDailyUseTests {
    @Test func aDutchRunnerTypesADecimalComma() {
        var state = Fixture.state(Fixture.buildUp(), language: .nl)
        var keys: [Key] = [.char("n"), .tab, .tab] + chars("4,5") + [.tab] + chars("45")
        keys += [.tab, .char("2"), .tab, .char("3"), .enter]
        let effects = run(&state, keys)
        guard case .saveSession(_, let session) = effects.first else {
            Issue.record("nothing saved: \(effects)")
            return
        }
        #expect(session.km == 4.5)
    }

    @Test func anEnglishRunnerIsToldTheDotIsTheSeparator() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n"), .tab, .tab] + chars("4,5") + [.tab] + chars("45")
        keys += [.tab, .char("2"), .tab, .char("3"), .enter]
        #expect(run(&state, keys).isEmpty)
        guard case .log(let form) = state.top else { return }
        #expect(form.error?.message.hasSuffix("and a dot as separator") == true)
    }

    @Test func theErrorGoesOnceThePainIsChosen() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab, .tab] + chars("30") + [.enter])
        guard case .log(let missing) = state.top else { return }
        #expect(missing.error?.message == "Pain during: choose 0-10")
        _ = run(&state, [.char("2")])
        guard case .log(let chosen) = state.top else { return }
        #expect(chosen.error == nil)
        // Moving on without choosing keeps an error for a value still missing.
        _ = run(&state, [.tab, .enter])
        guard case .log(let after) = state.top else { return }
        #expect(after.error?.message == "Pain after: choose 0-10")
        #expect(after.focus == .painAfter)
        _ = run(&state, [.right])
        guard case .log(let arrowed) = state.top else { return }
        #expect(arrowed.error == nil)
        #expect(arrowed.painAfter == 1)
    }

    @Test func escOnAnEmptyFormLeavesAtOnce() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab, .escape])
        #expect(state.top == .today(scroll: 0))
        #expect(state.confirmation == nil)
    }

    @Test func escOnAFilledFormAsksFirstAndNoKeepsIt() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab] + chars("5") + [.escape])
        #expect(state.confirmation?.kind == .discardForm)
        #expect(state.confirmation?.selected == 1)
        // Enter on the preselected "no" keeps the form and what was typed.
        _ = run(&state, [.enter])
        guard case .log(let form) = state.top else {
            Issue.record("the form should stay")
            return
        }
        #expect(form.km.text == "5")
        _ = run(&state, [.escape, .char("y")])
        #expect(state.top == .today(scroll: 0))
    }

    @Test func escOnAMorningFormWithAScoreAsks() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("m"), .char("3"), .escape])
        #expect(state.confirmation?.kind == .discardForm)
        _ = run(&state, [.char("y")])
        #expect(state.top == .today(scroll: 0))
    }

    @Test func theOnlyShoeIsPreselectedOnFootAndNotOnABike() {
        var caseload = Fixture.buildUp()
        caseload.shoes[Fixture.sam.id] = [Shoe(name: "Pegasus")]
        var state = Fixture.state(caseload)
        _ = run(&state, [.char("n")])
        guard case .log(let walk) = state.top else { return }
        #expect(walk.activity == .walk)
        #expect(walk.shoe == 1)
        // The activity field: → to cycling (walk → cycle in the activity order)
        var toBike = state
        var steps = 0
        while case .log(let f) = toBike.top, f.activity != .cycle, steps < 20 {
            _ = run(&toBike, [.right])
            steps += 1
        }
        guard case .log(let bike) = toBike.top else { return }
        #expect(bike.activity == .cycle)
        #expect(bike.shoe == 0)
    }

    @Test func aShoeChosenByHandStaysWhenTheActivityChanges() {
        var caseload = Fixture.buildUp()
        caseload.shoes[Fixture.sam.id] = [Shoe(name: "Pegasus")]
        var state = Fixture.state(caseload)
        // Shift-Tab from the activity wraps to the hop test (build-up asks for it), the note,
        // then the shoe.
        _ = run(&state, [.char("n"), .backTab, .backTab, .backTab, .left])
        guard case .log(let none) = state.top else { return }
        #expect(none.shoe == 0)
        _ = run(&state, [.tab, .tab, .right, .left])
        guard case .log(let form) = state.top else { return }
        #expect(form.shoe == 0)
    }

    @Test func undoTakesBackChangesOneByOneNewestFirst() {
        var app = Fixture.app(Fixture.buildUp())
        // Log two sessions, then delete the older stored one from History.
        for km in ["3", "4"] {
            app.press(.char("n"), .tab, .tab)
            app.type(km)
            app.press(.tab)
            app.type("30")
            app.press(.tab, .char("1"), .tab, .char("1"), .enter)
        }
        #expect(app.state.undos.count == 2)
        let sessionsAfterLogging = app.state.followed?.history.sessions.count
        #expect(sessionsAfterLogging == 4)
        app.press(.tab, .tab)  // History
        app.press(.char("u"))
        #expect(app.state.followed?.history.sessions.count == 3)
        #expect(app.state.notice?.text == "Change undone; u takes back 1 more.")
        app.press(.char("u"))
        #expect(app.state.followed?.history.sessions.count == 2)
        app.press(.char("u"))
        #expect(app.state.notice?.text == "Nothing to undo.")
    }

    @Test func undoingADeleteThenAnEditFollowsTheSessionsNewID() {
        // An older day entered last holds the highest id, so the store numbers the restored
        // 03-01 walk anew (it reuses the highest id when that one is deleted).
        var caseload = Fixture.buildUp()
        caseload.histories[Fixture.sam.id]?.sessions.append(
            Session(
                date: day("2026-02-25"), activity: .walk, minutes: 20, painDuring: 1, painAfter: 1))
        var app = Fixture.app(caseload)
        app.press(.tab, .tab)  // History, newest first: the 03-01 walk is on top
        guard let original = app.state.followed?.history.sessions.last else { return }
        // Edit its minutes 30 → 35, then delete it.
        app.press(.char("e"), .tab, .tab, .tab, .backspace, .backspace)
        app.type("35")
        app.press(.enter)
        #expect(app.state.followed?.history.sessions.last?.minutes == 35)
        app.press(.char("d"), .char("y"))
        #expect(app.state.followed?.history.sessions.count == 2)
        app.press(.char("u"))  // the delete: stored again under a new id
        #expect(app.state.followed?.history.sessions.count == 3)
        app.press(.char("u"))  // the edit: reaches the session under its new id
        let restored = app.state.followed?.history.sessions.last
        #expect(restored?.minutes == original.minutes)
        #expect(restored?.id != original.id)
    }
}

@Suite struct DecimalCommaTests {
    @Test(arguments: [
        ("4,5", true, 4.5), ("4.5", true, 4.5), ("12,25", true, 12.25), ("4.5", false, 4.5),
    ])
    func accepted(text: String, comma: Bool, value: Double) throws {
        #expect(try Validate.km(text, comma: comma) == value)
    }

    @Test(arguments: [("4,5", false), ("1,500", true), ("4,5,1", true), ("4.5,1", true)])
    func refused(text: String, comma: Bool) {
        #expect(throws: ValidationError.self) { try Validate.km(text, comma: comma) }
    }

    @Test func theDutchMessageSaysBothSeparatorsWork() throws {
        do {
            _ = try Validate.km("1,500", field: "km", comma: true)
            Issue.record("1,500 has three decimals")
        } catch {
            #expect(
                Messages(.nl).validation(error)
                    == "km: '1,500' is niet toegestaan; gebruik een getal van 0 tot en met 300, "
                    + "met hoogstens 2 decimalen en een komma of een punt als scheidingsteken")
        }
    }
}

/// Today: what is logged today, the exercises with a tick, and a "more" hint when text is cut.
@Suite struct TodayDailyUseTests {
    /// Sam in build-up with a walk and a morning check logged today.
    static func loggedToday(exercises: Bool) -> Caseload {
        var caseload = Fixture.buildUp()
        var history = caseload.histories[Fixture.sam.id] ?? History()
        history.sessions.append(
            Session(
                date: Fixture.today, activity: .walk, km: 4.5, minutes: 45, painDuring: 2,
                painAfter: 3))
        if exercises {
            history.sessions.append(
                Session(
                    date: Fixture.today, activity: .exercises, minutes: 20, painDuring: 1,
                    painAfter: 1))
        }
        history.mornings.append(MorningCheck(date: Fixture.today, pain: 1))
        caseload.histories[Fixture.sam.id] = history
        return caseload
    }

    func text(_ grid: Grid) -> String { grid.lines().joined(separator: "\n") }

    @Test func todaysLogsAreListed() {
        let grid = frame(Self.loggedToday(exercises: false), keys: [], width: 80, height: 40)
        #expect(
            text(grid).contains(
                "Logged today: walking, 4.50 km, 45 min, 2/3; morning check 1/10"))
        #expect(text(grid).contains("☐ Single-leg deadlift"))
        #expect(
            text(grid).contains(
                "x: tick off exercises (logs an exercises session; untick what you skipped)"))
    }

    @Test func anExercisesSessionTicksTheDaysExercises() {
        let grid = frame(Self.loggedToday(exercises: true), keys: [], width: 80, height: 40)
        #expect(text(grid).contains("☑ Single-leg deadlift"))
        #expect(!text(grid).contains("x: exercises done"))
    }

    @Test func xOpensAnExercisesSessionNamingTheExercises() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("x")])
        guard case .log(let form) = state.top else {
            Issue.record("no form")
            return
        }
        #expect(form.activity == .exercises)
        #expect(form.focus == .minutes)
        let all = [
            "Single-leg deadlift", "Step-down", "Single-leg squat", "Side plank",
            "Side-lying leg raise",
        ]
        #expect(form.exercises?.options == all)
        #expect(form.exercises?.chosen == all)
        #expect(form.fields.prefix(4) == [.activity, .date, .exercises, .km])
        #expect(form.painDuring == nil)
    }

    /// Per exercise: untick the ones skipped (↑ to the row, → to the exercise, space); the
    /// stored note opens with the ticked names and the user's own note follows; Today then
    /// ticks just those, and still offers x for the rest.
    @Test func skippedExercisesStayUnticked() throws {
        let caseload = Fixture.buildUp()
        var state = Fixture.state(caseload)
        var keys: [Key] = [.char("x")] + chars("25") + [.backTab, .backTab, .right, .char(" ")]
        keys += [.right, .right, .char(" "), .tab, .tab, .tab, .char("1"), .tab, .char("1")]
        keys += [.tab, .tab, .tab, .tab] + chars("knee ok") + [.enter]
        let effects = run(&state, keys)
        guard case .saveSession(_, let session) = effects.first else {
            Issue.record("no session saved: \(effects), \(state.top)")
            return
        }
        #expect(session.activity == .exercises)
        #expect(session.minutes == 25)
        #expect(
            session.note == "Single-leg deadlift, Single-leg squat, Side-lying leg raise · knee ok")

        var history = caseload.histories[Fixture.sam.id] ?? History()
        history.sessions.append(session)
        var after = caseload
        after.histories[Fixture.sam.id] = history
        let screen = text(frame(after, keys: [], width: 80, height: 40))
        #expect(screen.contains("☑ Single-leg deadlift"))
        #expect(screen.contains("☐ Step-down"))
        #expect(screen.contains("☑ Single-leg squat"))
        #expect(screen.contains("☐ Side plank"))
        #expect(screen.contains("x: tick off exercises"))

        // x again later that day: the two skipped ones are ticked, the rest not.
        var later = Fixture.state(after)
        _ = run(&later, [.char("x")])
        guard case .log(let again) = later.top else {
            Issue.record("no form")
            return
        }
        #expect(again.exercises?.chosen == ["Step-down", "Side plank"])
    }

    @Test func unTickingEveryExerciseIsRefusedByName() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("x")] + chars("25") + [.backTab, .backTab]
        for _ in 0..<5 { keys += [.char(" "), .right] }
        keys += [.tab, .tab, .tab, .char("1"), .tab, .char("1"), .enter]
        #expect(run(&state, keys).isEmpty)
        guard case .log(let form) = state.top else {
            Issue.record("the form should stay open")
            return
        }
        #expect(form.focus == .exercises)
        #expect(
            form.error?.message
                == "Exercises: tick at least one exercise (space), or log another activity")
    }

    @Test func cutTextSaysThereIsMoreAndScrolledToTheEndItDoesNot() {
        let top = frame(Self.loggedToday(exercises: false), keys: [], width: 80, height: 24)
        // Row 21 is the last row of text; the list of exercises goes on below it.
        #expect(top.lines()[21].hasSuffix("more: ↓ j  "))
        // (with the measures-due line above, the exercise list reaches the side plank here)
        #expect(top.lines()[21].hasPrefix("   ☐ Side plank: 3 × 30 s"))
        let end = frame(
            Self.loggedToday(exercises: false), keys: Array(repeating: .char("j"), count: 40),
            width: 80, height: 24)
        #expect(!text(end).contains("more: ↓ j"))
    }

    @Test func snapshots() {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(Self.loggedToday(exercises: true), keys: [], width: width, height: height),
                "today-logged-\(width)x\(height)")
            // The exercises form, Step-down unticked, the cursor on it.
            expectSnapshot(
                frame(
                    Fixture.buildUp(),
                    keys: [.char("x"), .backTab, .backTab, .right, .char(" ")],
                    width: width, height: height),
                "log-exercises-\(width)x\(height)")
        }
    }
}

/// The frame around every screen: help order, the status bar's promises, the title's name.
@Suite struct ScreenChromeTests {
    func bar(_ state: AppState) -> String {
        KeyTable.hints(for: state).map { "\($0.key) \($0.action)" }.joined(separator: "  ")
    }

    @Test func helpStartsWithTheKeysOfTheScreenItWasOpenedFrom() {
        var state = Fixture.state(Fixture.demo())
        _ = run(&state, [.tab, .tab, .tab, .char("?")])  // Progress, then help
        let rows = HelpView.flow(state).rows(width: 78).compactMap { row -> String? in
            if case .text(let line, _) = row { return line.text } else { return nil }
        }
        // Title, blank, then Progress's own heading first.
        #expect(rows.first == "Keys")
        #expect(rows.dropFirst().first == "Progress")
        var today = Fixture.state(Fixture.demo())
        _ = run(&today, [.char("?")])
        let first = HelpView.flow(today).rows(width: 78).compactMap { row -> String? in
            if case .text(let line, _) = row { return line.text } else { return nil }
        }.dropFirst().first
        #expect(first == "Today")
    }

    @Test func escIsOfferedOnlyWhereItDoesSomething() {
        var state = Fixture.state(Fixture.demo())
        #expect(!bar(state).contains("Esc"))
        _ = run(&state, [.tab])
        #expect(!bar(state).contains("Esc"))
        _ = run(&state, [.char("n")])
        #expect(bar(state).contains("Esc back"))
        _ = run(&state, [.escape])
        _ = run(&state, [.char("?")])
        #expect(bar(state).contains("Esc back"))
    }

    @Test func typingADoctorsReasonShowsNoYesNoKeys() {
        var app = Fixture.app(Clinic.caseload(), patient: 2)
        #expect(app.state.top == .stop(StopState()))
        app.press(.char("c"))
        guard case .clearFlags(let reports)? = app.state.confirmation?.kind else {
            Issue.record("no clear-flags question: \(String(describing: app.state.confirmation))")
            return
        }
        #expect(!reports.isEmpty)
        let hints = bar(app.state)
        #expect(!hints.contains("y yes") && !hints.contains("n no"))
        #expect(hints.contains("↵"))
        app.type("Dr Jansen, no lock")
        #expect(app.state.confirmation?.reason.text == "Dr Jansen, no lock")
    }

    @Test func theTitleNamesThePatientBeingTuned() {
        var app = Fixture.app(Clinic.caseload(), patient: 1)
        app.press(.char("p"))
        // Kim is first (open flag): tune her plan while the app follows Sam.
        app.press(.char("g"), .char("t"))
        guard case .tune = app.state.top else {
            Issue.record("no Tune screen: \(app.state.top)")
            return
        }
        let title = render(app.state).lines()[0]
        #expect(title.contains("Kim"))
        #expect(!title.contains("Sam"))
    }
}

/// The morning check's red flags: the plan's own as a checklist, the rest behind "other".
@Suite struct MorningChecklistTests {
    static func form(_ state: AppState) -> MorningForm? {
        if case .morning(let form) = state.top { form } else { nil }
    }

    @Test func thePlansOwnFlagsComeFirstAndTheRestWaitBehindOther() throws {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("m")])
        let form = try #require(Self.form(state))
        #expect(
            Array(form.flags.options.prefix(form.ownFlags))
                == [
                    "pop_loss_of_function", "swelling_warmth_redness", "locking", "giving_way",
                    "fever",
                ])
        #expect(form.flagRows == 6)  // five of the ITB plan, then "other"
        #expect(!form.showOther)
    }

    @Test func tabWalksTheChecklistAndSpaceTicksTheRowInFocus() throws {
        var state = Fixture.state(Fixture.buildUp())
        // Pain 2, then the third row (locking) ticked.
        _ = run(&state, [.char("m"), .char("2"), .tab, .tab, .tab, .char(" ")])
        let form = try #require(Self.form(state))
        #expect(form.flags.chosen == ["locking"])
        let effects = run(&state, [.enter])
        #expect(
            effects == [
                .saveMorning(
                    patient: 1, MorningCheck(date: Fixture.today, pain: 2, flags: ["locking"]))
            ])
    }

    @Test func spaceOnOtherShowsTheRestAndTheyCanBeTicked() throws {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("m"), .char("1")] + Array(repeating: .tab, count: 6))
        #expect(try #require(Self.form(state)).onOther)
        _ = run(&state, [.char(" ")])
        let open = try #require(Self.form(state))
        #expect(open.showOther)
        #expect(open.flagRows == open.flags.options.count)
        #expect(open.flags.chosen.isEmpty)  // opening "other" ticks nothing
        _ = run(&state, [.char(" ")])  // the first flag of another injury
        let ticked = try #require(Self.form(state))
        #expect(ticked.flags.chosen == [ticked.flags.options[5]])
        // Wrapping past the last row comes back to the pain score.
        _ = run(&state, Array(repeating: .tab, count: ticked.flagRows - 5))
        #expect(try #require(Self.form(state)).focus == .pain)
    }

    @Test func snapshots() {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(
                    Fixture.buildUp(),
                    keys: [.char("m"), .char("2"), .tab, .tab, .char(" ")],
                    width: width, height: height),
                "morning-checklist-\(width)x\(height)")
            expectSnapshot(
                frame(
                    Fixture.buildUp(),
                    keys: [.char("m")] + Array(repeating: .tab, count: 6) + [.char(" ")],
                    width: width, height: height),
                "morning-other-\(width)x\(height)")
        }
    }
}

/// The exit tests a phase asks for are recorded in the log form (the CLI had only flags).
@Suite struct ExitTestFieldTests {
    @Test func buildUpAsksForTheHopTestAndTheFormStoresIt() throws {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n")])
        guard case .log(let form) = state.top else { return }
        #expect(form.fields.last == .hopTest)
        #expect(!form.fields.contains(.calfRaises))
        var keys: [Key] = [.tab, .tab, .tab] + chars("20") + [.tab, .char("1"), .tab, .char("1")]
        keys += Array(repeating: .backTab, count: 6)  // back from pain after, round to the end
        keys += chars("12") + [.enter]
        let effects = run(&state, keys)
        guard case .saveSession(_, let session) = effects.first else {
            Issue.record("not saved: \(effects) \(state.top)")
            return
        }
        #expect(session.hopTest == 12)
        #expect(session.calfRaises == nil)
    }

    @Test func aHopCountOutOfRangeIsNamed() throws {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n"), .tab, .tab, .tab] + chars("20")
        keys += [.tab, .char("1"), .tab, .char("1")] + Array(repeating: .backTab, count: 6)
        keys += chars("0") + [.enter]
        #expect(run(&state, keys).isEmpty)
        guard case .log(let form) = state.top else { return }
        #expect(form.focus == .hopTest)
        #expect(
            form.error?.message
                == "Hop test (hops): '0' is not allowed; use a whole number from 1 to 500")
    }

    @Test func aPhaseWithoutTestsShowsNoTestFields() throws {
        var caseload = Fixture.buildUp()
        let start = day("2026-02-23")
        caseload.assignments[Fixture.sam.id] = Assignment(
            planID: "itbs", variantID: "acute", startDate: start,
            phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)])
        var state = Fixture.state(caseload)
        _ = run(&state, [.char("n")])
        guard case .log(let form) = state.top else { return }
        #expect(
            form.fields == [
                .activity, .date, .km, .minutes, .painDuring, .painAfter, .lasted, .flags, .shoe,
                .note,
            ])
    }

    @Test func snapshot() {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(Fixture.buildUp(), keys: [.char("n")], width: width, height: height),
                "log-hop-test-\(width)x\(height)")
        }
    }
}

/// Another process wrote to the store: the app reloads what it shows by itself.
@Suite struct OutsideChangeTests {
    @Test func aFollowedPatientIsReloaded() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(update(&state, .storeChanged) == [.reload])
    }

    @Test func thePatientsScreenReloadsItsRowsToo() {
        var state = Fixture.state(Clinic.caseload(), patient: nil)
        #expect(update(&state, .storeChanged) == [.loadRoster(includeArchived: false)])
    }

    @Test func aFormBeingFilledKeepsItsValues() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab] + chars("5"))
        _ = update(&state, .storeChanged)
        guard case .log(let form) = state.top else {
            Issue.record("the form should stay open")
            return
        }
        #expect(form.km.text == "5")
    }
}

/// An exercise added in Tune starts with the dose the plans give it, not a made-up 3 × 10.
@Suite struct TuneStartingDoseTests {
    @Test func aSidePlankAddedToCalmDownIsTheNearestPhasesHold() {
        // ITB: build-up (phase 2) holds 30 s, return to running (phase 3) 45 s.
        let dose = Tuning.startingDose(
            "side_plank", phase: 0, plan: Fixture.itbs, catalog: [Fixture.itbs])
        #expect(dose == Prescription(exercise: "side_plank", sets: 3, holdSeconds: 30, perWeek: 3))
        let late = Tuning.startingDose(
            "side_plank", phase: 2, plan: Fixture.itbs, catalog: [])
        #expect(late.holdSeconds == 45)
    }

    @Test func anExerciseNoPlanPrescribesGetsThePlainDose() {
        let dose = Tuning.startingDose("no_such", phase: 0, plan: Fixture.itbs, catalog: [])
        #expect(dose == Prescription(exercise: "no_such", sets: 3, reps: 10, perWeek: 3))
    }
}

/// The physio's Patients list: the main reason, since when, and who needs attention first.
@Suite struct PatientsAttentionTests {
    static func row(
        _ id: Int64, _ name: String, level: Level?, reason: ReasonCode? = nil, since: String? = nil,
        flags: Int = 0, daysSinceLog: Int? = 1
    ) -> RosterRow {
        var row = RosterRow(
            patient: PatientRecord(id: id, name: name, language: .en, archived: false))
        if level != nil { row.planID = "itbs" }
        row.level = level
        row.reason = reason
        row.since = since.map(day)
        row.openFlags = Array(repeating: LocalizedText(nl: "x", en: "x"), count: flags)
        row.daysSinceLog = daysSinceLog
        return row
    }

    @Test func flagsThenRedThenSilentThenOverdueThenAmberThenGreenThenNoPlan() {
        let rows = [
            Self.row(1, "Ann", level: .green),
            Self.row(2, "Bo", level: nil),
            Self.row(3, "Cas", level: .amber, reason: .painAfterAboveSafe, since: "2026-03-01"),
            Self.row(4, "Dee", level: .amber, reason: .phaseOverdue, since: "2026-02-20"),
            Self.row(5, "Eli", level: .amber, reason: .noRecentLog, daysSinceLog: 5),
            Self.row(6, "Fay", level: .red, reason: .painAboveLimit, since: "2026-03-01"),
            Self.row(7, "Gus", level: .stop, reason: .redFlag, since: "2026-02-28", flags: 1),
            Self.row(8, "Hal", level: .amber, reason: .morningAboveSafe, since: "2026-02-25"),
        ]
        #expect(
            RosterRow.byAttention(rows).map(\.patient.name)
                == ["Gus", "Fay", "Eli", "Dee", "Hal", "Cas", "Ann", "Bo"])
    }

    @Test func theSelectedFlaggedPatientSaysTheReasonAndSinceWhen() {
        var app = Fixture.app(Clinic.caseload(), patient: nil)
        app.press(.char("g"))
        let lines = render(app.state).lines()
        #expect(lines[3].contains("× red flag"))
        #expect(lines[19] == " Open red flags: knee locks" + String(repeating: " ", count: 53))
        #expect(
            lines[20].hasPrefix(
                " STOP since 2026-03-01: Warning sign reported on 2026-03-01: Does the knee loc"),
            "\(lines.joined(separator: "\n"))")
        // The review line: Kim has no note yet, so her session and its flag are new.
        #expect(lines[21].hasPrefix(" no note yet: everything is new: 1 session, 1 red flag"))
    }
}

/// Advancing although the exit criteria are not met: only with a reason, which is stored.
@Suite struct ForceAdvanceTests {
    @Test func aReasonIsAskedAndTravelsWithTheChange() throws {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.tab, .char("a")])  // Plan; not ready after eight days
        #expect(
            state.notice?.text.hasSuffix("A physio can advance anyway with F and a reason.") == true
        )
        _ = run(&state, [.char("F")])
        #expect(
            state.confirmation?.kind
                == .forceAdvance(
                    PhaseChange(phase: "return_to_running", date: Fixture.today, reason: .forced)))
        #expect(run(&state, [.enter]).isEmpty)  // no reason yet
        #expect(state.confirmation?.error == "Say who checked it.")
        _ = run(&state, chars("Physio: hop test done in clinic"))
        let effects = run(&state, [.enter])
        #expect(
            effects == [
                .advance(
                    patient: 1,
                    PhaseChange(
                        phase: "return_to_running", date: Fixture.today, reason: .forced,
                        note: "Physio: hop test done in clinic"))
            ])
    }

    @Test func anOpenRedFlagBlocksForcing() {
        var state = Fixture.state(Clinic.caseload(), patient: 2)
        _ = run(&state, [.tab, .char("F")])
        #expect(state.confirmation == nil)
        #expect(state.notice?.isError == true)
    }

    @Test func theReasonIsStoredAndReadBack() throws {
        let store = try Store.inMemory()
        let id = try store.addPatient(name: "Sam").id
        let start = day("2026-02-23")
        try store.startPlan(
            patientID: id,
            Assignment(
                planID: "itbs", variantID: "acute", startDate: start,
                phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)]))
        let forced = PhaseChange(
            phase: "build_up", date: day("2026-03-02"), reason: .forced,
            note: "Physio: examined, walking pain-free")
        try store.addPhaseChange(patientID: id, forced)
        #expect(try store.assignment(patientID: id)?.phaseHistory.last == forced)
    }
}

/// Progress for a new plan: its first week on the left, "all" as wide as eight weeks.
@Suite struct ProgressNewPlanTests {
    /// Sam on the build-up fixture: the plan began 2026-02-09, so three weeks to 03-02.
    static func progress(_ span: ProgressState.Span) -> ProgressWindow {
        let state = Fixture.state(Fixture.buildUp())
        guard let followed = state.followed else { preconditionFailure("a plan") }
        var progress = ProgressState(series: ProgressView.series(followed, today: Fixture.today))
        progress.span = span
        return ProgressView.window(progress, width: 80)
    }

    @Test func eightWeeksStartAtThePlansFirstWeek() {
        let window = Self.progress(.eightWeeks)
        #expect(window.total == 4)  // 02-09, 02-16, 02-23, 03-02
        #expect(window.axis.weeks == 8)
        #expect(window.from == day("2026-02-09"))
        #expect(window.index(0) == 0 && window.index(3) == 3 && window.index(4) == nil)
        #expect(window.maxBack == 0)
    }

    @Test func allIsNotSqueezedForAShortHistory() {
        let all = Self.progress(.all)
        let eight = Self.progress(.eightWeeks)
        #expect(all.axis == eight.axis)
        #expect(all.from == day("2026-02-09"))
    }
}

/// History lists phase changes (a forced one with its reason), clearings, and a morning's
/// red flags by name; the events are a record, not editable.
@Suite struct HistoryEventTests {
    static func caseload() -> Caseload {
        var caseload = Fixture.buildUp()
        caseload.assignments[Fixture.sam.id]?.phaseHistory.append(
            PhaseChange(
                phase: "return_to_running", date: day("2026-03-01"), reason: .forced,
                note: "physio: hops fine"))
        var history = caseload.histories[Fixture.sam.id] ?? History()
        history.mornings.append(MorningCheck(date: day("2026-02-25"), pain: 2, flags: ["locking"]))
        history.clearings.append(FlagClearing(date: day("2026-02-26"), reason: "GP: no lock"))
        caseload.histories[Fixture.sam.id] = history
        return caseload
    }

    @Test func eventsAreListedNewestFirstAboveTheirDay() {
        let state = Fixture.state(Self.caseload())
        guard let followed = state.followed else { return }
        let rows = HistoryActions.entries(followed).map {
            HistoryView.cells($0, verdict: nil, state: state, messages: state.messages)[0...1]
                .joined(separator: " ")
        }
        #expect(
            rows == [
                "2026-03-01 ▶ on to Return to running, forced: physio: hops fine",
                "2026-03-01 walking", "2026-03-01 morning check", "2026-02-27 walking",
                "2026-02-26 ✓ red flags cleared: GP: no lock",
                "2026-02-25 morning check ⚑ knee locks",
                "2026-02-23 ▶ on to Strengthen hip and glutes",
                "2026-02-09 ▶ start: Let it settle",
            ])
    }

    @Test func anEventCannotBeEditedOrDeleted() {
        var state = Fixture.state(Self.caseload())
        _ = run(&state, [.tab, .tab])
        #expect(run(&state, [.char("e")]).isEmpty)
        #expect(state.notice?.isError == true)
        #expect(run(&state, [.char("d")]).isEmpty)
        #expect(state.confirmation == nil)
    }
}

extension HistoryEventTests {
    @Test func slashFindsTheNextRowHoldingTheText() {
        var state = Fixture.state(Self.caseload())
        _ = run(&state, [.tab, .tab, .char("/")] + chars("gp") + [.enter])
        #expect(state.top == .history(SelectionState(selected: 4)))
        #expect(state.listSearch == nil)
        // Letters typed while searching are text, not commands ("n" would log a session).
        _ = run(&state, [.char("/")] + chars("knee") + [.enter])
        #expect(state.top == .history(SelectionState(selected: 5)))
        _ = run(&state, [.char("/")] + chars("zumba") + [.enter])
        #expect(state.notice?.text == "Nothing found for 'zumba'.")
        #expect(state.top == .history(SelectionState(selected: 5)))
    }
}

/// The red-flag questions when a physio sets a plan up for a patient are worded for the role.
@Suite struct PhysioQuestionsTests {
    @Test func aPhysioIsAskedToAskThePatientOrAnswerFromTheirExamination() {
        var app = Fixture.app(Clinic.caseload(), patient: nil)
        // Alex (no plan) is the last row: set up a plan, choose the ITB plan.
        app.press(.char("G"), .char("s"))
        app.type("itb")
        app.press(.enter)
        guard case .questions = app.state.top else {
            Issue.record("the red-flag questions: \(app.state.top)")
            return
        }
        let text = render(app.state).lines().joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        #expect(text.contains("Ask Alex, or answer from your own examination."), "\(text)")
        #expect(!text.contains("a doctor should look first"))
    }
}

extension PhysioQuestionsTests {
    @Test func aFlagThePhysioExaminedIsRecordedWithTheStart() throws {
        var app = Fixture.app(Clinic.caseload(), patient: nil)
        app.press(.char("G"), .char("s"))
        app.type("itb")
        app.press(.enter)
        app.press(.char("e"), .char("n"), .char("n"), .char("n"), .char("e"))
        guard case .setup(let form) = app.state.top else {
            Issue.record("the set-up form: \(app.state.top)")
            return
        }
        #expect(form.examined == ["pop_loss_of_function", "fever"])
        app.press(.enter)
        let start = try #require(
            try app.runner.store.assignment(patientID: Clinic.alex.id)?.phaseHistory.first)
        #expect(
            start.note
                == "Red flags examined by the physio before the start, not present: "
                + "pop_loss_of_function, fever")
    }

    @Test func aRunnerHasNoExaminedKey() {
        var state = Fixture.state(Fixture.buildUp(), patient: nil)
        state.screens = [
            .questions(
                QuestionsState(planID: "itbs", variantID: nil, questions: Fixture.itbs.redFlags))
        ]
        _ = run(&state, [.char("e")])
        guard case .questions(let questions) = state.top else { return }
        #expect(questions.answers.isEmpty && questions.examined.isEmpty)
    }
}

/// A save the store refuses (a full or locked disk, a lost clinic connection) loses nothing:
/// the form comes back as typed with the reason, the undo history has no entry for the save
/// that did not happen, and Enter tries again.
@Suite struct RefusedSaveTests {
    @Test func aRefusedSessionComesBackAsTyped() throws {
        var caseload = Fixture.buildUp()
        caseload.refusingWrites = "cannot save: the database is locked"
        var app = Fixture.app(caseload)
        let undos = app.state.undos.count
        app.press(.char("n"), .tab, .tab, .tab)
        app.type("30")
        app.press(.tab, .char("2"), .tab, .char("1"))
        guard case .log(let typed) = app.state.top else {
            Issue.record("no form")
            return
        }
        app.press(.enter)
        guard case .log(let back) = app.state.top else {
            Issue.record("the form is gone: \(app.state.top)")
            return
        }
        #expect(back == typed)
        #expect(
            app.state.notice?.text
                == "Not saved; what you typed is still here, Enter tries again: cannot save: "
                + "the database is locked")
        #expect(app.state.notice?.isError == true)
        #expect(app.state.undos.count == undos)
        #expect(app.state.unsaved == nil)

        // The disk is fine again: Enter saves the same session.
        app.runner.refusing?.fault = nil
        app.press(.enter)
        #expect(app.state.top == .today(scroll: 0))
        let stored = try app.runner.store.history(patientID: Fixture.sam.id).sessions.last
        #expect(stored?.minutes == 30 && stored?.painDuring == 2 && stored?.painAfter == 1)
    }

    @Test func aRefusedMorningComesBackAsTyped() {
        var caseload = Fixture.buildUp()
        caseload.refusingWrites = "connection to the clinic lost"
        var app = Fixture.app(caseload)
        app.press(.char("m"), .char("4"), .enter)
        guard case .morning(let back) = app.state.top else {
            Issue.record("the form is gone: \(app.state.top)")
            return
        }
        #expect(back.pain == 4)
        #expect(app.state.notice?.text.hasSuffix("connection to the clinic lost") == true)
    }
}
