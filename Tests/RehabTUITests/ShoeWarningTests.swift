import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// Today warns about shoes from 600 km and more strongly past a shoe's retire mark, counting
/// the km the shoe had when it was added.
@Suite struct ShoeWarningTests {
    /// Pegasus came with 650 km and was never logged: worn from its start km alone. Old racers
    /// came with 590 km, may do 600, and ran 12 km on 1 March: past its mark. New: 10 km, fine.
    static func caseload() -> Caseload {
        var caseload = Fixture.buildUp()
        caseload.shoes[Fixture.sam.id] = [
            Shoe(name: "New", startKm: 10), Shoe(name: "Pegasus", startKm: 650),
            Shoe(name: "Old racers", startKm: 590, retireKm: 600),
        ]
        var history = caseload.histories[Fixture.sam.id] ?? History()
        history.sessions.append(
            Session(
                id: 99, date: day("2026-03-01"), activity: .run, km: 12, minutes: 70,
                painDuring: 1, painAfter: 1, shoe: "old RACERS"))
        caseload.histories[Fixture.sam.id] = history
        return caseload
    }

    @Test func wornAndRetiredShoesAreNamedWorstFirst() {
        let grid = render(Fixture.state(Self.caseload()))
        let text = grid.lines().map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        let retire = text.range(
            of: "Shoe 'Old racers' is at 602 km, past its retire mark of 600 km")
        let worn = text.range(of: "Shoe 'Pegasus' is at 650 km: from 600 km the cushioning fades.")
        #expect(retire != nil && worn != nil, "\(text)")
        if let retire, let worn { #expect(retire.lowerBound < worn.lowerBound) }
        #expect(!text.contains("'New'"))
        // The stronger warning has the red pen, the first one the amber pen.
        let rows = grid.lines()
        if let r = rows.firstIndex(where: { $0.contains("Shoe 'Old racers'") }),
            let w = rows.firstIndex(where: { $0.contains("Shoe 'Pegasus'") })
        {
            #expect(grid[1, r].pen == Theme.level(.red))
            #expect(grid[1, w].pen == Theme.level(.amber))
        } else {
            Issue.record("the warnings are not on screen")
        }
    }

    @Test func noShoesNoWarning() {
        let text = render(Fixture.state(Fixture.buildUp())).lines().joined()
        #expect(!text.contains("Shoe '"))
    }

    @Test func snapshots() {
        for (width, height) in ScreenSnapshots.sizes {
            expectSnapshot(
                frame(Self.caseload(), keys: [], width: width, height: height),
                "today-shoe-\(width)x\(height)")
        }
    }
}
