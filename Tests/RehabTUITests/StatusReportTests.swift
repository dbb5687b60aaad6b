import RehabApp
import RehabCore
import Testing

@testable import RehabTUI

/// The status worded once (`StatusReport`) for `rehab status` and the Today screen.
@Suite struct StatusReportTests {
    /// Sam in the ITB plan's build-up phase (Fixture.buildUpRunner), or in the demo story when
    /// `demo`, with `sessions` added.
    func report(_ sessions: [Session], language: Language = .en, demo: Bool = false) throws
        -> StatusReport
    {
        var caseload = demo ? Fixture.demo() : Fixture.buildUp()
        var history = caseload.histories[1] ?? History()
        history.sessions += sessions
        caseload.histories[1] = history
        let followed = try #require(try caseload.load(patientID: 1, today: Fixture.today).followed)
        return StatusReport(status: followed.status, plan: followed.plan, language: language)
    }

    @Test func aQuietDaySaysEverythingIsWithinTheRules() throws {
        let report = try report([])
        #expect(report.levelWord == "GREEN")
        #expect(report.reasons == [Phrase.allGood().en])
        #expect(report.phase.hasPrefix("phase 2 of 3 · build-up · day 8 · "))
    }

    @Test func aPainfulSessionGivesItsReasonInBothLanguages() throws {
        let painful = Session(
            date: Fixture.today, activity: .walk, km: 3, minutes: 40, painDuring: 7, painAfter: 7)
        let en = try report([painful])
        let nl = try report([painful], language: .nl)
        #expect(en.level == .red && nl.level == .red)
        #expect(en.reasons.count == nl.reasons.count && !en.reasons.isEmpty)
        #expect(en.reasons != [Phrase.allGood().en])
        #expect(nl.levelWord == "ROOD")
    }

    @Test func aWeekOverItsCapSaysSoInTheLoadLine() throws {
        let long = Session(
            date: Fixture.today, activity: .run, km: 30, minutes: 200, painDuring: 0, painAfter: 0)
        let en = try report([long], demo: true)
        let cap = try #require(en.cap)
        #expect(en.thisWeek > cap)
        #expect(en.load.hasSuffix("(over the cap)"))
        #expect(try report([long], language: .nl, demo: true).load.hasSuffix("(boven de grens)"))
        #expect(try !report([], demo: true).load.contains("over the cap"))
    }
}
