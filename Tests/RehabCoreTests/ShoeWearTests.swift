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

    /// The one-pass totals for every shoe equal each shoe's own sum, kept here as the plain
    /// definition (start km plus every run whose shoe is the same name, ignoring case and
    /// composition), over generated logs with names spelt several ways.
    @Test(arguments: 1...20)
    func everyShoesTotalIsItsOwnSum(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let spellings = [
            "Pegasus", "pegasus", "PEGASUS", "\u{C9}cole", "E\u{301}cole", "\u{E9}cole", "Trail",
        ]
        let day = Day(number: 20_000)
        let sessions = (0..<300).map { n in
            Session(
                date: day.adding(days: n / 2), activity: random.next() % 4 == 0 ? .walk : .run,
                km: random.next() % 9 == 0 ? nil : Double(random.next() % 2_000) / 100,
                minutes: 30, painDuring: 0, painAfter: 0,
                shoe: random.next() % 7 == 0 ? nil : spellings[Int(random.next() % 7)])
        }
        let shoes = [
            Shoe(name: "PEGASUS", startKm: 12.5), Shoe(name: "\u{C9}COLE"), Shoe(name: "Trail"),
            Shoe(name: "Unused", startKm: 3),
        ]
        let reference = shoes.map { shoe in
            let logged = sessions.reduce(0.0) { total, s in
                guard s.activity == .run, s.shoe.map(Naming.key) == Naming.key(shoe.name) else {
                    return total
                }
                return total + (s.km ?? 0)
            }
            return ((shoe.startKm + logged) * 100).rounded() / 100
        }
        #expect(ShoeWear.km(of: shoes, sessions: sessions) == reference)
        #expect(shoes.map { ShoeWear.km(of: $0, sessions: sessions) } == reference)
        #expect(reference[1] > 0 && reference[3] == 3)
    }
}
