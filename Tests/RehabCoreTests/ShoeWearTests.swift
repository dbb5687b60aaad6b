import Testing

@testable import RehabCore

/// Shoe wear after seed 001: shoes last 600-800 km; warn from 600, replace past the threshold.
@Suite struct ShoeWearTests {
    static let shoe = Shoe(name: "Pegasus", startKm: 0, retireKm: 700)

    @Test(arguments: [
        (599.0, ShoeState.fine), (599.99, .fine), (600.0, .worn), (700.0, .worn),
        (700.01, .retire), (701.0, .retire),
    ])
    func thresholdsAtTheDefaultRetireMark(km: Double, expected: ShoeState) {
        #expect(ShoeWear.state(of: Self.shoe, km: km) == expected)
        #expect(
            ShoeWear.warning(for: Self.shoe, km: km)?.state == (expected == .fine ? nil : expected))
    }

    @Test func aLowerRetireMarkComesSooner() {
        let shoe = Shoe(name: "Racer", retireKm: 650)
        #expect(ShoeWear.state(of: shoe, km: 650) == .worn)
        #expect(ShoeWear.state(of: shoe, km: 651) == .retire)
    }

    @Test func kilometresAreStartPlusRunsInThatShoe() {
        let day = Day(number: 20_000)
        let sessions = [
            Session(
                date: day, activity: .run, km: 10.1, minutes: 60, painDuring: 0, painAfter: 0,
                shoe: "pegasus"),
            Session(
                date: day, activity: .run, km: 0.2, minutes: 2, painDuring: 0, painAfter: 0,
                shoe: "Pegasus"),
            // A walk in the shoe and a run in another shoe do not count.
            Session(
                date: day, activity: .walk, km: 5, minutes: 60, painDuring: 0, painAfter: 0,
                shoe: "Pegasus"),
            Session(
                date: day, activity: .run, km: 8, minutes: 45, painDuring: 0, painAfter: 0,
                shoe: "Other"),
        ]
        let shoe = Shoe(name: "Pegasus", startKm: 589.7)
        // 589.7 + 10.1 + 0.2 = 600.0 exactly once rounded, so the warning starts here.
        #expect(ShoeWear.km(of: shoe, sessions: sessions) == 600.0)
        let warnings = ShoeWear.warnings(shoes: [shoe, Shoe(name: "Other")], sessions: sessions)
        #expect(warnings.map(\.shoe) == ["Pegasus"])
    }

    @Test func theRetireWarningComesFirstAndSaysMore() {
        let worn = ShoeWarning(shoe: "A", km: 612.5, retireKm: 700, state: .worn)
        let retire = ShoeWarning(shoe: "B", km: 702, retireKm: 700, state: .retire)
        #expect(
            worn.message.en == "Shoe 'A' is at 612.5 km: from 600 km the cushioning fades. "
                + "Have a new pair ready before 700 km.")
        #expect(retire.message.nl.contains("voorbij de vervanggrens van 700 km"))
        let list = ShoeWear.warnings(
            shoes: [Shoe(name: "A", startKm: 612.5), Shoe(name: "B", startKm: 702)], sessions: [])
        #expect(list.map(\.state) == [.retire, .worn])
    }
}
