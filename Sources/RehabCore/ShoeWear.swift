/// Running-shoe wear: kilometres per shoe and when to warn. Seed 001: most running shoes last
/// 600-800 km and lose cushioning before they look worn; replace them around 700 km.
public enum ShoeWear {
    /// From here on a shoe is worn: the first, gentle warning.
    public static let wornFromKm = 600.0
    /// The retire threshold a shoe may be given.
    public static let retireRange = 600.0...800.0
    public static let defaultRetireKm = 700.0
    /// Kilometres a shoe may already have when it is added.
    public static let startKmRange = 0.0...100_000.0

    /// A typed start km: 0-100000 with at most 2 decimals. `rehab shoes add --start-km` and
    /// the app's shoe form both check it here, so they refuse the same values alike.
    public static func startKm(_ text: String, field: String) throws(ValidationError) -> Double {
        try Validate.decimal(text, field: field, in: startKmRange, places: 2)
    }

    /// A typed retire mark: whole km within `retireRange` (the CLI's `--retire-km`, the form).
    public static func retireKm(_ text: String, field: String) throws(ValidationError) -> Double {
        Double(
            try Validate.integer(
                text, field: field,
                in: Int(retireRange.lowerBound)...Int(retireRange.upperBound)))
    }

    /// Kilometres on the shoe: its start km plus every run logged with it. Names match without
    /// regard to case, like the store's unique shoe names. Rounded to 2 decimals so a sum of
    /// logged distances (each with at most 2 decimals) compares exactly with a threshold.
    public static func km(of shoe: Shoe, sessions: [Session]) -> Double {
        km(of: [shoe], sessions: sessions)[0]
    }

    /// `km(of:sessions:)` for each shoe, in the order given, from one pass over the log: a
    /// name is put in its compared form once per spelling, not once per shoe and session (ten
    /// years of log with 19 shoes took most of the app's start).
    public static func km(of shoes: [Shoe], sessions: [Session]) -> [Double] {
        var keys: [String: String] = [:]
        var logged: [String: Double] = [:]
        for session in sessions where session.activity == .run {
            guard let spelling = session.shoe else { continue }
            let key = keys[spelling] ?? Naming.key(spelling)
            keys[spelling] = key
            // In log order, as a running total per shoe: the same sum as adding them one by one.
            logged[key, default: 0] += session.km ?? 0
        }
        return shoes.map { hundredths($0.startKm + (logged[Naming.key($0.name)] ?? 0)) }
    }

    /// To 2 decimals, so a sum of logged distances compares exactly with a threshold.
    private static func hundredths(_ km: Double) -> Double { (km * 100).rounded() / 100 }

    public static func state(of shoe: Shoe, km: Double) -> ShoeState {
        if km > shoe.retireKm { return .retire }
        if km >= wornFromKm { return .worn }
        return .fine
    }

    /// Nil while the shoe is fine; a warning from 600 km, a stronger one past its threshold.
    public static func warning(for shoe: Shoe, km: Double) -> ShoeWarning? {
        let state = state(of: shoe, km: km)
        guard state != .fine else { return nil }
        return ShoeWarning(shoe: shoe.name, km: km, retireKm: shoe.retireKm, state: state)
    }

    /// The warnings for every shoe, worst first, then in the order given.
    public static func warnings(shoes: [Shoe], sessions: [Session]) -> [ShoeWarning] {
        worstFirst(zip(shoes, km(of: shoes, sessions: sessions)))
    }

    /// The same from a store's running totals by shoe name (start km included), for when the
    /// log at hand is not the whole log; a shoe the totals miss stands at its start km.
    public static func warnings(shoes: [Shoe], totals: [String: Double]) -> [ShoeWarning] {
        worstFirst(shoes.map { ($0, hundredths(totals[$0.name] ?? $0.startKm)) })
    }

    private static func worstFirst(_ shoes: some Sequence<(Shoe, Double)>) -> [ShoeWarning] {
        let found = shoes.compactMap { warning(for: $0, km: $1) }
        return found.filter { $0.state == .retire } + found.filter { $0.state == .worn }
    }
}

public enum ShoeState: String, Sendable, Hashable, CaseIterable, Codable {
    case fine, worn, retire

    public var name: LocalizedText {
        switch self {
        case .fine: LocalizedText(nl: "goed", en: "fine")
        case .worn: LocalizedText(nl: "versleten", en: "worn")
        case .retire: LocalizedText(nl: "vervangen", en: "replace")
        }
    }
}

/// A shoe that needs attention, with what to say about it.
public struct ShoeWarning: Hashable, Sendable {
    public var shoe: String
    public var km: Double
    public var retireKm: Double
    /// `.worn` or `.retire`, never `.fine`.
    public var state: ShoeState

    public init(shoe: String, km: Double, retireKm: Double, state: ShoeState) {
        self.shoe = shoe
        self.km = km
        self.retireKm = retireKm
        self.state = state
    }

    public var message: LocalizedText {
        let km = ShoeWarning.whole(km)
        let limit = ShoeWarning.whole(retireKm)
        switch state {
        case .retire:
            return LocalizedText(
                nl: "Schoen '\(shoe)' staat op \(km) km, voorbij de vervanggrens van \(limit) km: "
                    + "de demping is op, ook als hij er nog goed uitziet. Loop verder op een "
                    + "nieuw paar.",
                en: "Shoe '\(shoe)' is at \(km) km, past its retire mark of \(limit) km: the "
                    + "cushioning is gone even if it still looks fine. Run on a new pair.")
        case .worn, .fine:
            return LocalizedText(
                nl: "Schoen '\(shoe)' staat op \(km) km: vanaf 600 km neemt de demping af. "
                    + "Zorg voor een nieuw paar voor \(limit) km.",
                en: "Shoe '\(shoe)' is at \(km) km: from 600 km the cushioning fades. "
                    + "Have a new pair ready before \(limit) km.")
        }
    }

    /// "612" or "612.5": kilometres as a runner reads them.
    static func whole(_ km: Double) -> String {
        let tenths = (km * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
