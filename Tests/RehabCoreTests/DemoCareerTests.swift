import Testing

@testable import RehabCore

// Long demo histories: realistic enough to benchmark with, valid enough to store.

private let today = day("2026-03-02")
private let knee = DemoHistory.Injury(plan: testPlan, variant: nil)

private func tenYears(seed: UInt64 = 3) -> DemoHistory.Story {
    DemoHistory.career(current: knee, injuries: [knee], years: 10, today: today, seed: seed)
}

@Test func careerIsTheSameForTheSameSeed() {
    #expect(tenYears().history == tenYears().history)
    #expect(tenYears().assignment == tenYears().assignment)
    #expect(tenYears(seed: 4).history != tenYears().history)
}

@Test func careerSpansTheYearsWithSeveralSessionsAWeek() throws {
    let story = tenYears()
    let sessions = story.history.sessions
    let first = try #require(sessions.first?.date)
    let last = try #require(sessions.last?.date)
    // Ten years of 365 days and two leap days back from today; the first week may be a rest.
    let start = today.adding(days: -3652)
    #expect(first >= start && first < start.adding(days: 7))
    #expect(last < today)
    let weeks = Double(start.days(to: today)) / 7
    #expect(Double(sessions.count) / weeks >= 3)
    #expect(Double(story.history.mornings.count) / Double(start.days(to: today)) >= 0.4)
    // One morning check per date, in order.
    let dates = story.history.mornings.map(\.date)
    #expect(dates == dates.sorted() && Set(dates).count == dates.count)
}

@Test func careerRecordsPassTheEntryRules() throws {
    let story = tenYears()
    for s in story.history.sessions {
        #expect((1...1440).contains(s.minutes), "\(s.date.iso) minutes \(s.minutes)")
        #expect((0...10).contains(s.painDuring) && (0...10).contains(s.painAfter))
        if let km = s.km {
            // At most two decimals, checked as the store's CHECK does: rounding changes nothing.
            #expect((0...300).contains(km) && (km * 100).rounded() / 100 == km)
        }
    }
    for m in story.history.mornings { #expect((0...10).contains(m.pain)) }
}

@Test func careerHasRecurrencesRedAndAmberDaysAndClearedFlags() {
    let story = tenYears()
    let changes = story.assignment.phaseHistory
    #expect(changes.map(\.date) == changes.map(\.date).sorted())
    #expect(changes.first?.reason == .start)
    // Each recurrence goes back to the first phase; the current episode is running today.
    let recurrences = changes.dropFirst().filter { $0.phase == "rest" }
    #expect(!recurrences.isEmpty)
    #expect(recurrences.allSatisfy { $0.reason == .stepBack })
    #expect(story.assignment.startDate == changes.first?.date)
    #expect(changes.last.map { $0.date <= today } == true)
    let sessions = story.history.sessions
    #expect(sessions.contains { max($0.painDuring, $0.painAfter) > 5 })
    #expect(sessions.contains { max($0.painDuring, $0.painAfter) == 4 })
    #expect(story.history.clearings.count == recurrences.count + 1)
}

@Test func careerShoesAreReplacedBefore600Km() throws {
    let story = tenYears()
    let runs = story.history.sessions.filter { $0.activity == .run }
    #expect(runs.allSatisfy { $0.shoe != nil })
    #expect(story.shoes.count > 3)
    for shoe in story.shoes {
        let km = ShoeWear.km(of: shoe, sessions: story.history.sessions)
        #expect(km < ShoeWear.wornFromKm, "\(shoe.name): \(km) km")
    }
}

@Test func clinicNamesAreDifferentAndRepeatable() {
    let names = DemoHistory.clinicNames(count: 2000, seed: 7)
    #expect(names.count == 2000)
    #expect(Set(names.map { $0.lowercased() }).count == 2000)
    #expect(DemoHistory.clinicNames(count: 2000, seed: 7) == names)
    #expect(DemoHistory.clinicNames(count: 5, seed: 8) != Array(names.prefix(5)))
}

@Test(arguments: [
    ("2026-03-02", true), ("1970-01-01", true), ("2024-02-29", true), ("2026-02-29", false),
    ("2026-3-02", false), ("2026-03-2", false), ("20260-3-02", false), ("2026-03-02 ", false),
    ("2026/03/02", false), ("２０２６-03-02", false), ("", false), ("2026-13-01", false),
    ("0000-01-01", false), ("+026-03-02", false), ("2026-0-302", false), ("2026-03-0a", false),
    ("2026-03-0/", false), ("2026-03-:2", false), ("2026-03-02\u{0}", false),
])
func isoDatesAreStrict(text: String, valid: Bool) {
    #expect((Day(iso: text) != nil) == valid)
    if valid { #expect(Day(iso: text)?.iso == text) }
}

@Test func verdictsOfManyDaysEqualOneCallPerDay() {
    let story = tenYears()
    let days = (0..<120).map { today.adding(days: -3 * $0) }
    let plan = testPlan
    let one = days.map {
        Engine.verdict(plan: plan, assignment: story.assignment, history: story.history, on: $0)
    }
    let many = Engine.verdicts(
        plan: plan, assignment: story.assignment, history: story.history, on: days)
    #expect(many == one)
    #expect(Set(one.map(\.level)).count >= 3)
}
