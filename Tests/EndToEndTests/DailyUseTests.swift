import Foundation
import Testing

/// The runner's and the physio's day (issue 16), through the real binary.
@Suite struct DailyUseCLITests {
    static func started(language: String = "en") throws -> Rehab {
        var rehab = try Rehab()
        rehab.language = language
        try rehab.run(["patients", "add", "Sam"])
        let start = try rehab.run(["start", "itbs", "--date", "2026-02-23"])
        #expect(start.status == 0, "\(start)")
        return rehab
    }

    @Test func aDutchRunnerLogsKilometresWithADecimalComma() throws {
        let rehab = try Self.started(language: "nl")
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            [
                "log", "--activity", "walk", "--km", "4,5", "--minutes", "45", "--pain-during",
                "1", "--pain-after", "1", "--lang", "nl",
            ])
        #expect(result.status == 0, "\(result)")
        let export = try rehab.run(["export", "--format", "csv"])
        #expect(export.stdout.contains("4.5"), "\(export)")
    }

    @Test func inEnglishTheCommaIsRefusedNamingTheSeparator() throws {
        let rehab = try Self.started()
        defer { rehab.cleanUp() }
        let before = rehab.databaseBytes()
        let result = try rehab.run(
            [
                "log", "--activity", "walk", "--km", "4,5", "--minutes", "45", "--pain-during",
                "1", "--pain-after", "1", "--lang", "en",
            ])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "rehab: km: '4,5' is not allowed; use a number from 0 to 300 with at most 2 "
                + "decimals "
                + "and a dot as separator\n")
        #expect(rehab.databaseBytes() == before)
    }

    @Test func inDutchTheMessageNamesBothSeparators() throws {
        let rehab = try Self.started(language: "nl")
        defer { rehab.cleanUp() }
        let result = try rehab.run(
            [
                "log", "--activity", "walk", "--km", "4,555", "--minutes", "45", "--pain-during",
                "1", "--pain-after", "1", "--lang", "nl",
            ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("een komma of een punt als scheidingsteken"), "\(result)")
    }
}

@Suite(.serialized, .enabled(if: TmuxScreen.tmux != nil, "tmux is not installed; skipping"))
struct DailyUseTmuxTests {
    @Test func aUTF8LocaleThatIsNotInstalledStillDrawsUnicode() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        // nl_NL.UTF-8 is not installed on the test machines (only C.utf8 is).
        screen.start(environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": "nl_NL.UTF-8"])
        let shown = screen.waitFor("Oordeel:", "Vandaag")
        #expect(shown.contains("rehab · "), "\(shown)")
        #expect(!shown.contains("rehab . "))
    }

    @Test func aPlainASCIILocaleStillGetsASCII() throws {
        let screen = try TmuxTests.demo()
        defer { screen.stop() }
        screen.start(environment: ["LANG": "C", "LC_ALL": "C"])
        let shown = screen.waitFor("Verdict:", "Today")
        #expect(shown.contains("rehab . "), "\(shown)")
    }
}

extension DailyUseTmuxTests {
    @Test func aLogFromAnotherShellShowsWithoutPressingR() throws {
        let rehab = try DailyUseCLITests.started()
        let screen = TmuxScreen(rehab)
        defer { screen.stop() }
        screen.start()
        screen.waitFor("Logged today: nothing yet")
        let logged = try rehab.run(
            [
                "log", "--activity", "walk", "--km", "3", "--minutes", "40", "--pain-during",
                "1", "--pain-after", "2",
            ])
        #expect(logged.status == 0, "\(logged)")
        // Polled once a second: well within the wait's ten seconds, and no key was sent.
        screen.waitFor("Logged today: walking, 3.00 km, 40 min, 1/2")
    }
}

extension DailyUseCLITests {
    /// Knee osteoarthritis started on Thursday 03-05 with one 40-minute ride: the report lists
    /// no week before the plan and does not call the part first week "too little".
    @Test func theReportStartsAtThePlansFirstWeek() throws {
        var rehab = try Rehab(today: "2026-03-18")
        defer { rehab.cleanUp() }
        rehab.language = "en"
        try rehab.run(["patients", "add", "Ann"])
        let start = try rehab.run(["start", "knee_osteoarthritis", "--date", "2026-03-05"])
        #expect(start.status == 0, "\(start)")
        try rehab.run(
            [
                "log", "--activity", "cycle", "--minutes", "40", "--pain-during", "1",
                "--pain-after", "1", "--date", "2026-03-06",
            ])
        let result = try rehab.run(["report", "--weeks", "4", "--format", "html"])
        #expect(result.status == 0, "\(result)")
        let html = result.stdout
        #expect(!html.contains("<td>2026-02-23</td>"))
        #expect(html.contains("<td>2026-03-02</td>"))
        let rows = html.components(separatedBy: "<tr>").filter { $0.hasPrefix("<td>2026-03-02") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains("too little") == false, "\(rows)")
        #expect(html.contains("<td>2026-03-09</td>"))
    }
}

extension DailyUseCLITests {
    @Test func aForcedAdvanceKeepsItsReasonThroughAnArchive() throws {
        let rehab = try Self.started()
        defer { rehab.cleanUp() }
        let forced = try rehab.run(
            ["advance", "--force", "--reason", "Physio: examined, walks 30 min pain-free"])
        #expect(forced.status == 0, "\(forced)")
        let csv = try rehab.run(["export", "--format", "csv"])
        #expect(csv.stdout.contains("Physio: examined, walks 30 min pain-free"), "\(csv)")
        let json = try rehab.run(["export", "--format", "json"])
        #expect(json.stdout.contains("Physio: examined, walks 30 min pain-free"))
    }
}

extension DailyUseCLITests {
    /// Issue 16: overruling the exit criteria needs its reason in the CLI as in the app; a
    /// forced move without one (or with only spaces) is a usage error and stores nothing.
    @Test func aForcedAdvanceWithoutAReasonIsRefusedAndStoresNothing() throws {
        let rehab = try Self.started()
        defer { rehab.cleanUp() }
        for arguments in [["advance", "--force"], ["advance", "--force", "--reason", "   "]] {
            let refused = try rehab.run(arguments)
            #expect(refused.status == 2, "\(arguments): \(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("--reason"), "\(refused)")
            #expect(refused.stderr.contains("nothing was stored"), "\(refused)")
            let status = try rehab.json(["status"])
            #expect(value(status, "phase", "id") as? String == "calm_down", "\(arguments)")
        }
        let csv = try rehab.run(["export", "--format", "csv"])
        #expect(!csv.stdout.contains("forced"), "\(csv.stdout)")
        // With a reason it goes ahead, and the not-ready refusal says how.
        let notReady = try rehab.run(["advance"])
        #expect(notReady.status == 1)
        #expect(notReady.stderr.contains("--force --reason"), "\(notReady)")
        let forced = try rehab.run(["advance", "--force", "--reason", "Physio: examined"])
        #expect(forced.status == 0, "\(forced)")
        #expect(value(try rehab.json(["status"]), "phase", "id") as? String == "build_up")
    }
}
