import RehabCore
import RehabStorage
import TerminalUI
import Testing

@testable import RehabTUI

@Suite struct LogFormTests {
    /// Today → n → fill every field with Tab → Enter.
    @Test func loggingASessionAsksToSaveExactlyWhatWasTyped() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n")]
        keys += [.tab, .tab] + chars("4.5")  // activity (walk, the phase's first), date, km
        keys += [.tab] + chars("45")  // minutes
        keys += [.tab, .char("2"), .tab, .char("3")]  // pain during, after
        keys += [.tab, .tab, .tab, .tab] + chars("easy") + [.enter]  // lasted, flags, shoe, note
        let effects = run(&state, keys)
        #expect(
            effects == [
                .saveSession(
                    patient: 1,
                    Session(
                        date: Fixture.today, activity: .walk, km: 4.5, minutes: 45, painDuring: 2,
                        painAfter: 3, note: "easy"))
            ])
        #expect(state.top == .today(scroll: 0))
        #expect(state.notice?.text == "logged: walking, 4.50 km, 45 min, 2/3 on 2026-03-02")
    }

    @Test func painTakesDigitsTenAndArrows() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab, .tab, .tab])
        guard case .log(let start) = state.top else {
            Issue.record("no form")
            return
        }
        #expect(start.focus == .painDuring)
        #expect(start.painDuring == nil)
        _ = run(&state, [.char("1"), .char("0")])
        guard case .log(let ten) = state.top else { return }
        #expect(ten.painDuring == 10)
        _ = run(&state, [.char("7"), .left, .left])
        guard case .log(let five) = state.top else { return }
        #expect(five.painDuring == 5)
        _ = run(&state, [.char("1"), .right])
        guard case .log(let two) = state.top else { return }
        #expect(two.painDuring == 2)
        // 0 clamps at the bottom, 10 at the top.
        _ = run(&state, [.char("0"), .left, .char("9"), .right, .right])
        guard case .log(let top) = state.top else { return }
        #expect(top.painDuring == 10)
    }

    @Test func badKilometresShowAnErrorNamingTheFieldAndSaveNothing() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n"), .tab, .tab] + chars("12,5") + [.tab] + chars("30")
        keys += [.tab, .char("1"), .tab, .char("1"), .enter]
        let effects = run(&state, keys)
        #expect(effects.isEmpty)
        guard case .log(let form) = state.top else {
            Issue.record("the form should stay open")
            return
        }
        #expect(form.focus == .km)
        #expect(
            form.error?.message
                == "Distance (km): '12,5' is not allowed; use a number from 0 to 300 with at most "
                + "2 decimals and a dot as separator")
        #expect(form.km.text == "12,5")
    }

    /// A "q" meant to quit (or any letter) does not end up in a number field; digits, a point
    /// and a comma do, and the note still takes letters.
    @Test func numberFieldsTakeOnlyNumbers() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab] + chars("q1x2,5") + [.tab] + chars("3m0"))
        guard case .log(let form) = state.top else {
            Issue.record("no form")
            return
        }
        #expect(form.km.text == "12,5")
        #expect(form.minutes.text == "30")
        #expect(form.touched)
    }

    @Test func missingPainAndMinutesAreNamedToo() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(run(&state, [.char("n"), .enter]).isEmpty)
        guard case .log(let noMinutes) = state.top else { return }
        #expect(noMinutes.error?.message.hasPrefix("Minutes: '' is not allowed") == true)
        _ = run(&state, chars("30") + [.enter])
        guard case .log(let noPain) = state.top else { return }
        #expect(noPain.error?.message == "Pain during: choose 0-10")
        #expect(noPain.focus == .painDuring)
    }

    @Test func aDateBeforeThePlanOrInTheFutureIsRefused() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n"), .tab] + Array(repeating: .backspace, count: 10)
        keys += chars("2026-03-03") + [.tab, .tab] + chars("30")
        keys += [.tab, .char("1"), .tab, .char("1"), .enter]
        #expect(run(&state, keys).isEmpty)
        guard case .log(let future) = state.top else { return }
        #expect(
            future.error?.message
                == "Date: '2026-03-03' is not allowed; use a date as YYYY-MM-DD, not after 2026-03-02"
        )
    }

    /// While the store has not answered yet ("saving…", e.g. over a clinic's network), the
    /// Stop screen already shows the flag just logged and its urgency: call 112 for a pop.
    @Test func theStopScreenShowsTheFlagBeingSaved() {
        var state = Fixture.state(Fixture.buildUp())
        var keys: [Key] = [.char("n"), .tab, .tab, .tab] + chars("30")
        keys += [.tab, .char("1"), .tab, .char("1"), .tab, .tab, .char(" "), .enter]
        let effects = run(&state, keys)
        #expect(effects.count == 1)
        let pop = FlagReport(flag: RedFlag.popLossOfFunction, date: Fixture.today)
        #expect(state.screens == [.stop(StopState(saving: [pop]))])
        #expect(state.followed?.status.openFlags.isEmpty == true, "not saved yet")
        let text = render(state).lines().map { $0.trimmingCharacters(in: " ") }
        #expect(text.contains { $0.hasPrefix("• 2026-03-02: Did you suddenly feel or hear a pop") })
        #expect(text.contains { $0.contains("Call 112") })
        // Cleared before the store answered: nothing is stored, and the user is told why.
        let cleared = run(&state, [.char("c")] + chars("GP: fine") + [.enter])
        #expect(cleared.isEmpty)
        #expect(
            state.notice?.text
                == "The report is still being saved; confirm the clearing again in a moment.")
        // A physio referral logged is no stop: no Stop screen for it.
        var referral = Fixture.state(ReferralTests.caseload())
        _ = run(&referral, [.char("m"), .char("1")])
        guard case .morning(let form) = referral.top,
            let row = form.flags.options.firstIndex(of: ReferralTests.referral)
        else {
            Issue.record("no morning form with the referral: \(referral.top)")
            return
        }
        let saved = run(&referral, Array(repeating: .tab, count: row + 1) + [.char(" "), .enter])
        guard case .saveMorning(_, let check)? = saved.first else {
            Issue.record("no save: \(saved)")
            return
        }
        #expect(check.flags == [ReferralTests.referral])
        if case .stop = referral.top { Issue.record("a referral opened the Stop screen") }
    }

    @Test func aRedFlagInALogGoesToTheStopScreen() {
        var app = Fixture.app(Fixture.buildUp())
        app.press(.char("n"), .tab, .tab, .tab)
        app.type("30")
        app.press(.tab, .char("1"), .tab, .char("1"), .tab, .tab, .char(" "), .enter)
        guard case .saveSession(_, let session) = app.effects.first else {
            Issue.record("no save: \(app.effects)")
            return
        }
        // itbs lists the 112 question first (seed 001): a pop with loss of function.
        #expect(session.flags == [RedFlag.popLossOfFunction])
        #expect(app.state.screens == [.stop(StopState())])
        #expect(app.state.followed?.status.verdict.level == .stop)
        // DESIGN 4 v2: the flag's urgency is the action (needs the engine v2 of issue 12).
        #expect(app.state.followed?.status.verdict.action == .emergency)
    }
}

@Suite struct StopTests {
    /// Sam with a red flag reported yesterday.
    static func flaggedCaseload() -> Caseload {
        var caseload = Fixture.buildUp()
        var history = caseload.histories[1] ?? History()
        history.mornings = [
            MorningCheck(
                date: day("2026-03-01"), pain: 2,
                flags: [RedFlag.locking])
        ]
        caseload.histories[1] = history
        return caseload
    }

    static func flagged() -> App<StoreRunner> { Fixture.app(flaggedCaseload()) }

    @Test func openFlagsStartOnTheStopScreen() {
        let app = StopTests.flagged()
        #expect(app.state.screens == [.stop(StopState())])
    }

    @Test func clearedByMyDoctorNeedsAConfirmationWithAReason() {
        var app = StopTests.flagged()
        app.press(.char("c"))
        let locking = FlagReport(flag: RedFlag.locking, date: day("2026-03-01"))
        #expect(app.state.confirmation?.kind == .clearFlags([locking]))
        app.press(.enter)
        #expect(app.effects.isEmpty)
        #expect(app.state.confirmation?.error == "Say who checked it.")
        app.type("GP: may continue")
        app.press(.enter)
        #expect(
            app.effects.first
                == .clearFlags(patient: 1, reason: "GP: may continue", reports: [locking]))
        #expect(app.state.confirmation == nil)
        #expect(app.state.followed?.status.openFlags == [])
        #expect(app.state.screens == [.today(scroll: 0)])
    }

    /// The clearing names the reports it covers (as `rehab clear-flags` does): one with no list
    /// would clear every report up to its date, so a red flag reported later the same day, or
    /// back-dated to before it, would never stop the plan.
    @Test func aFlagReportedAfterTheClearingStillStops() throws {
        var app = StopTests.flagged()
        app.press(.char("c"))
        app.type("GP: may continue")
        app.press(.enter)
        #expect(app.state.followed?.status.verdict.level != .stop)
        let stored = try app.runner.store.history(patientID: Fixture.sam.id).clearings
        #expect(
            stored.map(\.cleared) == [[FlagReport(flag: RedFlag.locking, date: day("2026-03-01"))]])
        // Later the same day the knee gives way: logged, and back to the stop screen.
        _ = try app.runner.store.addSession(
            patientID: Fixture.sam.id,
            Session(
                date: Fixture.today, activity: .walk, minutes: 20, painDuring: 2, painAfter: 2,
                flags: [RedFlag.givingWay]))
        let reloaded = try app.runner.store.history(patientID: Fixture.sam.id)
        let open = Engine.openFlags(history: reloaded, asOf: Fixture.today)
        #expect(open == [FlagReport(flag: RedFlag.givingWay, date: Fixture.today)])
    }

    @Test func escapeLeavesTheFlagsOpen() {
        var app = StopTests.flagged()
        app.press(.char("c"))
        app.type("x")
        app.press(.escape)
        #expect(app.effects.isEmpty)
        #expect(app.state.confirmation == nil)
        #expect(app.state.followed?.status.openFlags.count == 1)
    }
}

@Suite struct PlanActionTests {
    @Test func advancingIsRefusedWhenNotReady() {
        var state = Fixture.state(Fixture.buildUp())
        let effects = run(&state, [.tab, .char("a")])
        #expect(effects.isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.notice?.isError == true)
        #expect(state.notice?.text.hasPrefix("Not ready for the next phase yet. Not met: ") == true)
        #expect(state.notice?.text.contains("Green days in a row: ") == true)
    }

    /// Ten days of calm-down with three green walks of 30 minutes: every exit criterion holds.
    static func readyCaseload() -> Caseload {
        var caseload = Caseload(patients: [Fixture.sam], catalog: [Fixture.itbs])
        let start = day("2026-02-20")
        caseload.assignments[1] = Assignment(
            planID: "itbs", variantID: "acute", startDate: start,
            phaseHistory: [PhaseChange(phase: "calm_down", date: start, reason: .start)])
        let walks = ["2026-02-27", "2026-02-28", "2026-03-01"].map {
            Session(
                date: day($0), activity: .walk, km: 2.5, minutes: 30, painDuring: 1,
                painAfter: 1)
        }
        // v2: a walk counts as pain-free once its next morning is logged and not worse.
        let calm =
            (20...28).map { MorningCheck(date: day("2026-02-\($0)"), pain: 0) }
            + [1, 2].map { MorningCheck(date: day("2026-03-0\($0)"), pain: 0) }
        caseload.histories[1] = History(sessions: walks, mornings: calm)
        return caseload
    }

    @Test func advancingWhenReadyNeedsAConfirmation() {
        var state = Fixture.state(PlanActionTests.readyCaseload())
        #expect(state.followed?.status.readiness.ready == true)
        #expect(run(&state, [.tab, .char("a")]).isEmpty)
        #expect(state.confirmation != nil)
        // No, then yes.
        #expect(run(&state, [.char("n")]).isEmpty)
        #expect(state.confirmation == nil)
        let effects = run(&state, [.char("a"), .char("y")])
        #expect(
            effects == [
                .advance(
                    patient: 1,
                    PhaseChange(
                        phase: "build_up", date: Fixture.today,
                        reason: .advance))
            ])
    }

    @Test func steppingBackNeedsAConfirmationAndIsRefusedInTheFirstPhase() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(run(&state, [.tab, .char("b")]).isEmpty)
        #expect(state.confirmation != nil)
        let effects = run(&state, [.enter])
        #expect(
            effects == [
                .stepBack(
                    patient: 1,
                    PhaseChange(
                        phase: "calm_down", date: Fixture.today,
                        reason: .stepBack))
            ])
        var first = Fixture.state(PlanActionTests.readyCaseload())
        #expect(run(&first, [.tab, .char("b")]).isEmpty)
        #expect(first.confirmation == nil)
        #expect(first.notice?.text == "This is the first phase; there is none before it.")
    }
}

@Suite struct HistoryTests {
    @Test func rowsAreNewestFirstWithSessionsAboveTheMorningCheck() {
        let history = Fixture.buildUp().histories[1] ?? History()
        let rows = HistoryActions.entries(history).map(\.date.iso)
        #expect(rows == ["2026-03-01", "2026-03-01", "2026-02-27"])
        guard case .session = HistoryActions.entries(history)[0] else {
            Issue.record("the session of the day comes first")
            return
        }
    }

    @Test func deleteNeedsAConfirmationAndUndoRestores() {
        var app = Fixture.app(Fixture.buildUp())
        app.press(.backTab, .backTab)
        guard case .history = app.state.top else {
            Issue.record("Shift-Tab twice from Today is History (Progress comes first)")
            return
        }
        let before = app.state.followed?.history.sessions ?? []
        // Delete starts on "No": a reflexive Enter deletes nothing.
        app.press(.char("d"), .enter)
        #expect(app.effects.isEmpty)
        app.press(.char("d"), .char("y"))
        let deleted = before.last { $0.date == day("2026-03-01") }
        #expect(app.effects == [.deleteSession(patient: 1, deleted?.id ?? -1)])
        #expect(app.state.followed?.history.sessions.count == 1)
        app.press(.char("u"))
        #expect(app.effects.last == .undo(patient: 1, .restoreSession(deleted!)))
        let after = app.state.followed?.history.sessions ?? []
        #expect(after.count == 2)
        #expect(
            after.map {
                Session(
                    date: $0.date, activity: $0.activity, km: $0.km,
                    minutes: $0.minutes, painDuring: $0.painDuring, painAfter: $0.painAfter)
            }
                == before.map {
                    Session(
                        date: $0.date, activity: $0.activity, km: $0.km,
                        minutes: $0.minutes, painDuring: $0.painDuring, painAfter: $0.painAfter)
                })
        app.press(.char("u"))
        #expect(app.state.notice?.text == "Nothing to undo.")
    }

    @Test func editingASessionUpdatesItAndUndoPutsItBack() {
        var app = Fixture.app(Fixture.buildUp())
        app.press(.backTab, .backTab, .char("e"))
        guard case .log(let form) = app.state.top else {
            Issue.record("e opens the form")
            return
        }
        #expect(form.minutes.text == "30")
        #expect(form.km.text == "2.50")
        app.press(.tab, .tab, .tab, .backspace, .backspace)
        app.type("35")
        app.press(.enter)
        guard case .updateSession(_, let changed) = app.effects.first else {
            Issue.record("\(app.effects)")
            return
        }
        #expect(changed.minutes == 35)
        #expect(changed.id == form.editing?.id)
        app.press(.char("u"))
        #expect(app.state.followed?.history.sessions.map(\.minutes) == [40, 30])
    }

    @Test func morningCheckFromTodaySavesAndRemembersHowToUndo() {
        var state = Fixture.state(Fixture.buildUp())
        let effects = run(&state, [.char("m"), .char("2"), .enter])
        #expect(effects == [.saveMorning(patient: 1, MorningCheck(date: Fixture.today, pain: 2))])
        #expect(state.undos.last == .removeMorning(Fixture.today))
    }
}

@Suite struct FirstRunTests {
    @Test func languageRolePickerQuestionsThenThePlanStarts() {
        var app = Fixture.app(Caseload(catalog: [Fixture.itbs]), patient: nil)
        guard case .language = app.state.top else {
            Issue.record("a fresh database starts with the language")
            return
        }
        app.press(.up, .enter)  // Nederlands
        #expect(app.state.language == .nl)
        app.press(.escape)  // back to the language
        app.press(.down, .enter, .enter)  // English, runner
        #expect(app.state.language == .en)
        #expect(app.effects == [.loadCatalog])
        app.type("itb")
        app.press(.right, .enter)  // the recurrent variant
        guard case .questions(let questions) = app.state.top else {
            Issue.record("the red-flag questions come before the start")
            return
        }
        // itbs asks five: the 112 question (seed 001) first.
        #expect(questions.questions.count == 5)
        app.press(.char("n"), .char("n"), .char("n"), .char("n"), .char("n"))
        #expect(
            app.effects.last
                == .startPlan(
                    StartRequest(
                        planID: "itbs", variantID: "recurrent", date: Fixture.today,
                        newPatientName: "Alex", language: .en)))
        #expect(app.state.screens == [.today(scroll: 0)])
        #expect(app.state.patient?.name == "Alex")
        #expect(app.state.followed?.status.phase.phase.id == "calm_down")
        #expect(app.state.notice?.text == "Plan started: Runner's knee (ITB syndrome).")
    }

    @Test func anyYesStopsWithoutStartingAPlan() {
        var app = Fixture.app(Caseload(catalog: [Fixture.itbs]), patient: nil)
        app.press(.enter, .enter, .enter)
        app.press(.char("n"), .char("n"), .char("y"))
        #expect(app.state.top == .stop(StopState(screening: ["locking"], planID: "itbs")))
        #expect(!app.effects.contains { if case .startPlan = $0 { true } else { false } })
        app.press(.char("c"))
        #expect(app.state.confirmation == nil)
        app.press(.escape)
        guard case .picker = app.state.top else {
            Issue.record("Esc goes back to the picker")
            return
        }
    }

    @Test func aPhysioNamesThePatientFirst() {
        var app = Fixture.app(Caseload(catalog: [Fixture.itbs]), patient: nil)
        app.press(.enter, .down, .enter)
        guard case .patientName = app.state.top else {
            Issue.record("physio → name")
            return
        }
        // A name field offers typing keys, not the log form's pain digits and ticks.
        let hints = KeyTable.hints(for: app.state).map(\.key)
        #expect(hints.contains("↵") && !hints.contains("0-9") && !hints.contains("Space"))
        app.press(.enter)
        #expect(app.state.notice?.isError == true)
        app.type("Robin")
        app.press(.enter, .enter, .char("n"), .char("n"), .char("n"), .char("n"), .char("n"))
        #expect(app.state.patient?.name == "Robin")
    }

    @Test func pickerFiltersAsYouTypeAndGroupsByRegion() {
        let calf = Plan(
            id: "calf_injury", names: LocalizedText(nl: "Kuitblessure", en: "Calf injury"),
            region: .calf, summary: LocalizedText(nl: "", en: ""), phases: [])
        let plans = [Fixture.itbs, calf]
        // Grouped by region: calf comes before the outer knee.
        #expect(
            Picking.matches(plans, filter: "", language: .en).map(\.id)
                == ["calf_injury", "itbs"])
        #expect(Picking.matches(plans, filter: "knie", language: .nl).map(\.id) == ["itbs"])
        #expect(Picking.matches(plans, filter: "outer knee", language: .en).map(\.id) == ["itbs"])
        // Word starts only: "itb" is inside "Kuitblessure" but does not start a word there.
        #expect(Picking.matches(plans, filter: "itb", language: .nl).map(\.id) == ["itbs"])
        #expect(
            Picking.matches(plans, filter: "KUIT", language: .nl).map(\.id)
                == ["calf_injury"])
        #expect(Picking.matches(plans, filter: "achilles", language: .en).isEmpty)
    }

    @Test func severalPatientsWithoutAChoiceStartOnTheChooser() {
        var caseload = Fixture.buildUp()
        caseload.patients.append(PatientRecord(id: 2, name: "Kim", language: nil, archived: false))
        var app = Fixture.app(caseload, patient: nil)
        #expect(app.state.top == .patients(SelectionState(selected: 0)))
        app.press(.enter)
        #expect(app.effects == [.selectPatient(1)])
        #expect(app.state.screens == [.today(scroll: 0)])
        #expect(app.state.patient?.name == "Sam")
    }
}

@Suite struct KeyTableTests {
    @Test func helpListsEveryBinding() {
        var state = Fixture.state(Fixture.buildUp(), height: 200)
        _ = run(&state, [.char("?")])
        #expect(state.top == .help(scroll: 0))
        let text = render(state).lines().joined(separator: "\n")
        for binding in KeyTable.bindings {
            #expect(text.contains(binding.help.text(.en)), "\(binding.command)")
        }
        _ = run(&state, [.char("?")])
        #expect(state.top == .today(scroll: 0))
    }

    @Test func typingGoesIntoTextFieldsNotCommands() {
        var state = Fixture.state(Fixture.buildUp())
        _ = run(&state, [.char("n"), .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab])
        // In the note, q and ? are letters.
        let effects = run(&state, chars("q?n"))
        #expect(effects.isEmpty)
        guard case .log(let form) = state.top else { return }
        #expect(form.note.text == "q?n")
    }

    @Test func tinyTerminalOnlyQuits() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(update(&state, .resized(Size(width: 50, height: 15))) == [.reload])
        #expect(run(&state, [.char("n")]).isEmpty)
        #expect(state.top == .today(scroll: 0))
        #expect(run(&state, [.char("q")]) == [.quit])
        #expect(state.isQuitting)
    }

    @Test func statusBarComesFromTheTable() {
        let state = Fixture.state(Fixture.buildUp())
        let hints = KeyTable.hints(for: state).map { "\($0.key) \($0.action)" }
        // Esc closes nothing on Today, the bottom of the stack, so the bar does not offer it.
        #expect(hints == ["n log", "m morning", "Tab screen", "q quit", "N notes", "? help"])
    }
}
