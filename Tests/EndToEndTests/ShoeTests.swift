import Foundation
import Testing

/// `rehab shoes`, `rehab shoes add` and the shoe line in `rehab status`.
@Suite struct ShoeTests {
    func runner() throws -> Rehab {
        let rehab = try Rehab()
        #expect(try rehab.run(["start", "itbs", "--date", "2026-02-23"]).status == 0)
        return rehab
    }

    @Test func listShowsRunningTotalsAndStates() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        #expect(try rehab.run(["shoes", "add", "Daily", "--start-km", "595"]).status == 0)
        #expect(
            try rehab.run(["shoes", "add", "Racer", "--start-km", "640", "--retire-km", "640"])
                .status == 0)
        let run = try rehab.run([
            "log", "--activity", "run", "--km", "5", "--minutes", "30", "--pain-during", "1",
            "--pain-after", "1", "--shoe", "daily", "--date", "2026-03-01",
        ])
        #expect(run.status == 0, "\(run)")
        let list = try rehab.run(["shoes"])
        #expect(list.status == 0)
        #expect(
            list.stdout == """
                shoe   km      start   retire at  state
                Daily  600.00  595.00  700        worn
                Racer  640.00  640.00  640        worn
                Shoe 'Daily' is at 600 km: from 600 km the cushioning fades. Have a new pair \
                ready before 700 km.
                Shoe 'Racer' is at 640 km: from 600 km the cushioning fades. Have a new pair \
                ready before 640 km.

                """)
        // One more kilometre in the racer takes it past its threshold.
        #expect(
            try rehab.run([
                "log", "--activity", "run", "--km", "1", "--minutes", "6", "--pain-during", "1",
                "--pain-after", "1", "--shoe", "Racer", "--date", "2026-03-02",
            ]).status == 0)
        let status = try rehab.run(["status"])
        #expect(
            status.stdout.contains(
                "Shoe 'Racer' is at 641 km, past its retire mark of 640 km: the cushioning is gone "
                    + "even if it still looks fine. Run on a new pair."))
        #expect(status.stdout.contains("Shoe 'Daily' is at 600 km"))
    }

    @Test func addRefusesBadValuesAndDuplicates() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        let low = try rehab.run(["shoes", "add", "A", "--retire-km", "599"])
        #expect(low.status == 1)
        #expect(low.stderr.contains("retire-km: '599' is not allowed"))
        #expect(low.stderr.contains("600"))
        let high = try rehab.run(["shoes", "add", "A", "--retire-km", "801"])
        #expect(high.status == 1)
        let negative = try rehab.run(["shoes", "add", "A", "--start-km=-1"])
        #expect(negative.status == 1)
        #expect(negative.stderr.contains("start-km: '-1' is not allowed"))
        let added = try rehab.run(["shoes", "add", "Pegasus"])
        #expect(added.stdout == "added shoe 'Pegasus': starts at 0.00 km, retire after 700 km\n")
        let twice = try rehab.run(["shoes", "add", "pegasus"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already a shoe called 'pegasus'"))
    }

    @Test func noShoesYetSaysHowToAddOne() throws {
        var rehab = try runner()
        defer { rehab.cleanUp() }
        rehab.language = "nl"
        let list = try rehab.run(["shoes"])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("nog geen schoenen"))
    }

    /// `rehab log --shoe` says it once, on the run that takes the shoe over a threshold.
    @Test func theRunThatCrossesAThresholdSaysSo() throws {
        let rehab = try runner()
        defer { rehab.cleanUp() }
        #expect(
            try rehab.run(["shoes", "add", "Daily", "--start-km", "590", "--retire-km", "610"])
                .status == 0)
        func log(_ km: String, _ date: String) throws -> Rehab.Result {
            try rehab.run([
                "log", "--activity", "run", "--km", km, "--minutes", "30", "--pain-during", "1",
                "--pain-after", "1", "--shoe", "daily", "--date", date,
            ])
        }
        let below = try log("5", "2026-02-26")
        #expect(below.status == 0, "\(below)")
        #expect(!below.stdout.contains("Shoe 'Daily'"))
        let worn = try log("5", "2026-02-27")  // 590 + 10: the start km count
        #expect(
            worn.stdout.hasSuffix(
                "Shoe 'Daily' is at 600 km: from 600 km the cushioning fades. Have a new pair "
                    + "ready before 610 km.\n"), "\(worn)")
        let again = try log("5", "2026-02-28")
        #expect(!again.stdout.contains("Shoe 'Daily'"), "said once, not on every run")
        let past = try log("6", "2026-03-01")
        #expect(
            past.stdout.hasSuffix(
                "Shoe 'Daily' is at 611 km, past its retire mark of 610 km: the cushioning is "
                    + "gone even if it still looks fine. Run on a new pair.\n"), "\(past)")
        // A walk in the shoe adds no km and says nothing; --json stays JSON.
        let walk = try rehab.run([
            "log", "--activity", "walk", "--minutes", "30", "--pain-during", "1",
            "--pain-after", "1", "--shoe", "Daily", "--json",
        ])
        #expect(walk.status == 0)
        #expect(walk.stdout.hasPrefix("{"))
    }
}
