import Foundation
import RehabCore
import Testing

@testable import RehabApp
@testable import RehabFiles
@testable import RehabStorage

/// Finding and reading the run files of an import, as `rehab import` and the app's Import
/// screen both do, on the edges: folders empty or holding a .fit, a .fit alone, files of
/// another kind, files that cannot be read, two files of one run.
@Suite struct RunSearchTests {
    static let runs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("EndToEndTests/Fixtures/runs").path
    static let utc = TimeZone(identifier: "UTC") ?? .current

    func refusal(_ paths: [String], takingExports: Bool = false) -> LocalizedText? {
        do {
            _ = try RunSearch(paths: paths, takingExports: takingExports)
            return nil
        } catch {
            return error.text
        }
    }

    @Test func anEmptyFolderIsRefusedByName() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        for exports in [false, true] {
            #expect(
                refusal([folder.path], takingExports: exports) == Phrase.noRunFiles(folder.path))
        }
        #expect(
            Phrase.noRunFiles(folder.path).en
                == "\(folder.path): no .gpx or .tcx files in this folder")
    }

    @Test func aFitFileAloneIsRefusedAndInAFolderCounted() throws {
        let fit = "\(Self.runs)/ok/watch.fit"
        #expect(refusal([fit]) == Phrase.fitNotSupported(fit))
        #expect(refusal([fit], takingExports: true) == Phrase.fitNotSupported(fit))

        let search = try RunSearch(paths: ["\(Self.runs)/ok"], takingExports: false)
        #expect(search.fitSkipped == 1)
        #expect(
            search.files.map { ($0 as NSString).lastPathComponent } == [
                "morning-run-again.gpx", "morning-run.gpx", "race.tcx", "treadmill.tcx",
            ])
        #expect(search.exports.isEmpty)
    }

    /// The CLI takes an export too, so its refusal of anything else names both kinds.
    @Test func otherFilesAreRefusedInTheWordsOfWhatIsTaken() throws {
        #expect(refusal(["plan.yaml"]) == Phrase.notARunFile("plan.yaml"))
        #expect(refusal(["export.json"]) == Phrase.notARunFile("export.json"))
        #expect(
            refusal(["plan.yaml"], takingExports: true) == Phrase.unsupportedImportFile("plan.yaml")
        )
        let cli = try RunSearch(
            paths: ["a.gpx", "export.JSON", "b.TCX", "c.csv"], takingExports: true)
        #expect(cli.files == ["a.gpx", "b.TCX"])
        #expect(cli.exports == ["export.JSON", "c.csv"])
        // The first path it cannot take stops the search, whatever came before.
        #expect(refusal(["a.gpx", "x.fit", "y.txt"]) == Phrase.fitNotSupported("x.fit"))
    }

    @Test func filesThatCannotBeReadAreListedWithTheirReasonAndTheOthersGoOn() throws {
        let missing = "\(Self.runs)/nowhere.gpx"
        let search = try RunSearch(
            paths: ["\(Self.runs)/bad", missing, "\(Self.runs)/ok/race.tcx"],
            takingExports: false)
        let read = search.read(in: Self.utc)
        #expect(read.runs.map(\.run.file) == ["\(Self.runs)/ok/race.tcx"])
        #expect(
            read.failures.map(\.file) == [
                "\(Self.runs)/bad/broken.gpx", "\(Self.runs)/bad/no-track.gpx", missing,
            ])
        #expect(
            read.failures.first?.reason.en
                == "the file ends at line:column 7:14 while <trkseg> is still open "
                + "(a cut-off export?)")
        #expect(read.failures.last?.reason.en == "no such file, or not a regular file")
        #expect(read.failures.last?.reason.nl == "bestand bestaat niet of is geen gewoon bestand")
    }

    /// Both are read: which one a log keeps is for the store (and the app), by start time.
    @Test func twoFilesWithTheSameStartAreBothReadInFileOrder() throws {
        let search = try RunSearch(
            paths: ["\(Self.runs)/ok/morning-run.gpx", "\(Self.runs)/ok/morning-run-again.gpx"],
            takingExports: false)
        let read = search.read(in: Self.utc)
        #expect(read.failures.isEmpty)
        #expect(
            read.runs.map { ($0.run.file as NSString).lastPathComponent } == [
                "morning-run.gpx", "morning-run-again.gpx",
            ])
        #expect(Set(read.runs.map(\.run.startTime)) == ["2026-02-28T07:00:00Z"])
        #expect(read.runs.map(\.time) == ["07:00", "07:00"])
        #expect(read.runs.map(\.day) == [day("2026-02-28"), day("2026-02-28")])
    }

    /// race.tcx starts at 23:30 UTC: the next day, and after midnight, in Amsterdam.
    @Test func eachRunIsDatedWhereTheRunnerIs() throws {
        let search = try RunSearch(paths: ["\(Self.runs)/ok/race.tcx"], takingExports: false)
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let found = try #require(search.read(in: amsterdam).runs.first)
        #expect(found.run.startTime == "2026-02-28T23:30:00Z")
        #expect(found.day == day("2026-03-01"))
        #expect(found.time == "00:30")
    }

    @Test func progressIsToldBeforeEachFile() throws {
        let search = try RunSearch(paths: ["\(Self.runs)/ok"], takingExports: false)
        var told: [Int] = []
        var names: [String] = []
        _ = search.read(in: Self.utc) { done, file in
            told.append(done)
            names.append(file)
        }
        #expect(told == [0, 1, 2, 3])
        #expect(names == search.files)
    }
}

/// Which runs read for an import a log takes, and one shoe for all of them as `rehab import`
/// gives it.
@Suite struct PlacedRunsTests {
    func found(
        _ file: String, _ iso: String, activity: Activity = .run, start: String? = nil
    ) -> FoundRun {
        let stamp = start ?? "\(iso)T07:00:00Z"
        let run = RecordedRun(
            file: file, startTime: stamp, start: Date(timeIntervalSince1970: 0),
            activity: activity, km: 5, minutes: 30)
        return FoundRun(run: run, day: day(iso), time: "07:00")
    }

    @Test func aRunInTheFutureIsRefusedByFileAndOneBeforeThePlanCounted() {
        let runs = [
            found("early.gpx", "2026-01-31"), found("first.gpx", "2026-02-01"),
            found("late.gpx", "2026-03-03"), found("today.gpx", "2026-03-02"),
            found("later.gpx", "2026-04-01"),
        ]
        let placed = PlacedRuns(runs, today: day("2026-03-02"), planStart: day("2026-02-01"))
        #expect(placed.importable.map(\.run.file) == ["first.gpx", "today.gpx"])
        #expect(placed.beforeStart == 1)
        #expect(placed.inFuture.map(\.file) == ["late.gpx", "later.gpx"])
        #expect(
            placed.inFuture.first?.reason.en
                == "the run is on 2026-03-03, after today (2026-03-02); is the watch's clock right?"
        )
        // Without a plan only the future is refused.
        let planless = PlacedRuns(runs, today: day("2026-03-02"), planStart: nil)
        #expect(planless.importable.count == 3)
        #expect(planless.beforeStart == 0)
    }

    @Test func twoRunsWithTheSameStartAreBothLeftForTheStoreToCount() {
        let start = "2026-02-28T07:00:00Z"
        let placed = PlacedRuns(
            [
                found("a.gpx", "2026-02-28", start: start),
                found("b.gpx", "2026-02-28", start: start),
            ],
            today: day("2026-03-02"), planStart: day("2026-02-01"))
        let (runs, _) = placed.imported(painDuring: 1, painAfter: 1, shoe: nil, known: [])
        #expect(runs.map(\.startTime) == [start, start])
        #expect(ImportedRun.newSessions(runs, known: []).duplicates == 1)
    }

    @Test func theShoeMatchesAKnownOneIgnoringCaseAndKeepsItsFirstSpelling() {
        let placed = PlacedRuns(
            [found("run.gpx", "2026-02-28"), found("ride.gpx", "2026-03-01", activity: .cycle)],
            today: day("2026-03-02"), planStart: nil)
        let known = [Shoe(name: "Old pair"), Shoe(name: "Gel-Kayano 30")]
        let (runs, newShoe) = placed.imported(
            painDuring: 2, painAfter: 3, shoe: "gel-KAYANO 30", known: known)
        #expect(runs.map(\.session.shoe) == ["Gel-Kayano 30", nil])
        #expect(runs.map(\.session.painDuring) == [2, 2])
        #expect(runs.map(\.session.painAfter) == [3, 3])
        #expect(runs.map(\.session.note) == ["run.gpx", "ride.gpx"])
        #expect(newShoe == nil)
    }

    @Test func anUnknownShoeIsAddedOnlyWhenARunWearsIt() {
        let run = found("run.gpx", "2026-02-28")
        let ride = found("ride.gpx", "2026-03-01", activity: .cycle)
        let today = day("2026-03-02")
        let worn = PlacedRuns([run, ride], today: today, planStart: nil)
            .imported(painDuring: 0, painAfter: 0, shoe: "Trail", known: [Shoe(name: "Road")])
        #expect(worn.newShoe == Shoe(name: "Trail"))
        #expect(worn.runs.map(\.session.shoe) == ["Trail", nil])
        let ridden = PlacedRuns([ride], today: today, planStart: nil)
            .imported(painDuring: 0, painAfter: 0, shoe: "Trail", known: [])
        #expect(ridden.newShoe == nil)
        #expect(ridden.runs.map(\.session.shoe) == [nil])
    }
}
