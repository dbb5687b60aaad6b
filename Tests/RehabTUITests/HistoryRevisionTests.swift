import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// History marks a day whose verdict its next morning revised (DESIGN section 4, history).
@Suite struct HistoryRevisionTests {
    @Test func aWorseNextMorningRevisesYesterdaysRow() {
        var caseload = Fixture.demo()
        var history = caseload.histories[1] ?? History()
        // Yesterday's session was green on the day; this morning at 4 (the demo's mornings are 0
        // then) is 4 above the baseline: the day is revised to red.
        history.sessions.append(
            Session(
                date: Fixture.today.adding(days: -1), activity: .walk, minutes: 30, painDuring: 1,
                painAfter: 1))
        history.mornings.append(MorningCheck(date: Fixture.today, pain: 4))
        caseload.histories[1] = history
        let lines = frame(caseload, keys: [.backTab, .backTab], width: 80, height: 24).lines()
        let yesterday = "\(Fixture.today.adding(days: -1).iso) walking"
        let row = lines.first { $0.contains(yesterday) } ?? ""
        #expect(row.contains(" 1/1 red* "), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("* revised by the next morning") })

        // Without the worse morning nothing is marked and no note is drawn.
        var calm = caseload
        history.mornings.removeLast()
        calm.histories[1] = history
        let plain = frame(calm, keys: [.backTab, .backTab], width: 80, height: 24).lines()
        #expect(!plain.contains { $0.contains("revised") })
        #expect(!(plain.first { $0.contains(yesterday) } ?? "").contains("*"))
    }
}

/// The stop screen leads with what the most urgent flag asks (DESIGN section 4, actions).
@Suite struct StopUrgencyTests {
    func screen(_ flags: [String]) -> [String] {
        var caseload = Fixture.buildUp()
        var history = caseload.histories[1] ?? History()
        history.mornings = [
            MorningCheck(date: Fixture.today.adding(days: -1), pain: 2, flags: flags)
        ]
        caseload.histories[1] = history
        return frame(caseload, keys: [], width: 80, height: 24).lines()
    }

    @Test func possibleThrombosisMeansADoctorToday() {
        let lines = screen([RedFlag.calfSwellingWarmRed])
        #expect(lines.contains { $0.contains("Stop training and have a doctor see you today.") })
        #expect(lines.contains { $0.contains("Call 112.") })  // the general line stays
    }

    @Test func aPopMeans112First() {
        let lines = screen([RedFlag.locking, RedFlag.popLossOfFunction])
        #expect(lines.contains { $0.contains("Call 112 now.") })
        #expect(!lines.contains { $0.contains("contact your GP") })
    }

    @Test func aGPFlagSaysContactTheGP() {
        let lines = screen([RedFlag.locking])
        #expect(lines.contains { $0.contains("contact your GP") })
    }
}
