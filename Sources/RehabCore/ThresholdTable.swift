// Every single-valued threshold once, with everything the layers around the engine need to
// know about it: where it stands in a plan file and in an archive, the values it may take and
// what a physio reads beside it. Plan reading and writing, `rehab tune` and the Tune screen,
// archives and their checks loop over this table, so a new threshold is a field in
// `Thresholds`/`ThresholdOverrides` and one row here. (Per-activity pain is a map, not a row:
// `painByActivity` is handled where it is read.)

/// A threshold of `Thresholds` that has one value.
public enum ThresholdKey: String, CaseIterable, Sendable, Hashable {
    case painSafeMax, painLimit, painLastingHours, weeklyIncreasePct, sessionSpikePct
    case noImprovementDays, morningSafeMax, morningLimit, worseningWindowHours

    public var descriptor: ThresholdDescriptor { ThresholdDescriptor.table[self] }
}

/// One row of the table: names, allowed values, label and how to read and set the value.
public struct ThresholdDescriptor: Sendable {
    public let key: ThresholdKey
    /// The plan file's mapping it stands in (`pain`, `load`, …); nil at the top level.
    public let section: String?
    /// Its name inside that mapping.
    public let name: String
    /// Its name in an archive's `thresholds` (flat): `pain_safe_max`; with dashes, the
    /// `rehab tune set` option.
    public let archiveKey: String
    /// The values a plan file, `rehab tune` and an archive allow (plans/SCHEMA.md).
    public let allowed: ValidationError.Allowed
    /// What the Tune screen shows beside the value.
    public let label: LocalizedText
    /// Whether a physio tunes it per patient (`rehab tune`, the Tune screen).
    public let tunable: Bool
    private let value: @Sendable (Thresholds) -> Double
    private let overridden: @Sendable (ThresholdOverrides) -> Double?
    private let override: @Sendable (inout ThresholdOverrides, Double?) -> Void

    /// `pain.safe_max`: the dotted plan-file key, as tuning differences and messages name it.
    public var path: String { section.map { "\($0).\(name)" } ?? name }

    /// `pain-safe-max`: the option of `rehab tune set`.
    public var option: String { archiveKey.replacingDashes }

    public var isDecimal: Bool {
        if case .decimal = allowed { true } else { false }
    }

    /// The range as decimals (whole-number ranges widened to Double).
    public var decimalRange: ClosedRange<Double> { allowed.decimalRange }

    /// The value in a complete set of thresholds.
    public func value(in t: Thresholds) -> Double { value(t) }

    /// The override's value; nil when it keeps the layer below.
    public func value(in o: ThresholdOverrides) -> Double? { overridden(o) }

    /// Sets (nil: clears) the override; a whole-number threshold takes the value rounded.
    public func set(_ value: Double?, in o: inout ThresholdOverrides) { override(&o, value) }

    /// A typed value checked against the allowed values; `field` is the name the error shows.
    public func parse(_ text: String, field: String) throws(ValidationError) -> Double {
        try allowed.parse(text, field: field)
    }

    /// The value as a plan file, a tuning difference or an archive check writes it.
    public func format(_ value: Double) -> String {
        isDecimal ? formatNumber(value, decimals: 1) : String(Int(value.rounded()))
    }

    // MARK: - The table

    /// In the order the Tune screen lists them and tuning differences name them.
    public static let all: [ThresholdDescriptor] = [
        whole(
            .painSafeMax, "pain", "safe_max", "pain_safe_max", Validate.painRange,
            LocalizedText(nl: "Pijn toegestaan tot", en: "Pain allowed up to"),
            \.painSafeMax, \.painSafeMax),
        whole(
            .painLimit, "pain", "limit", "pain_limit", Validate.painRange,
            LocalizedText(nl: "Te veel pijn boven", en: "Too much pain above"), \.painLimit,
            \.painLimit),
        whole(
            .painLastingHours, "pain", "lasting_hours", "pain_lasting_hours", 1...72,
            LocalizedText(nl: "Pijn mag duren (uur)", en: "Pain may last (hours)"),
            \.painLastingHours, \.painLastingHours),
        decimal(
            .weeklyIncreasePct, "load", "weekly_increase_pct", "weekly_increase_pct", 0...100,
            LocalizedText(nl: "Stijging per week (%)", en: "Weekly increase (%)"),
            \.weeklyIncreasePct, \.weeklyIncreasePct),
        decimal(
            .sessionSpikePct, "load", "session_spike_pct", "session_spike_pct", 0...100,
            LocalizedText(nl: "Piek in één loop (%)", en: "Single-run spike (%)"),
            \.sessionSpikePct, \.sessionSpikePct),
        whole(
            .noImprovementDays, "see_doctor", "no_improvement_days", "no_improvement_days",
            1...60,
            LocalizedText(nl: "Geen verbetering na (dagen)", en: "No improvement after (days)"),
            \.noImprovementDays, \.noImprovementDays),
        whole(
            .morningSafeMax, "morning", "safe_max", "morning_safe_max", Validate.painRange,
            LocalizedText(nl: "Ochtendpijn toegestaan tot", en: "Morning pain allowed up to"),
            \.morningSafeMax, \.morningSafeMax),
        whole(
            .morningLimit, "morning", "limit", "morning_limit", Validate.painRange,
            LocalizedText(nl: "Ochtendpijn te veel boven", en: "Morning pain too much above"),
            \.morningLimit, \.morningLimit),
        // Read from the next morning's check (seed 002); plan files set it, physios do not
        // tune it per patient.
        whole(
            .worseningWindowHours, nil, "worsening_window_hours", "worsening_window_hours",
            1...72,
            LocalizedText(nl: "Verslechtering binnen (uur)", en: "Worsening within (hours)"),
            \.worseningWindowHours, \.worseningWindowHours, tunable: false),
    ]

    /// The rows of one plan-file mapping, in table order.
    public static func section(_ name: String?) -> [ThresholdDescriptor] {
        all.filter { $0.section == name }
    }

    static let table = Table()

    /// `all` by key, built once.
    struct Table: Sendable {
        private let rows: [ThresholdKey: ThresholdDescriptor] = Dictionary(
            uniqueKeysWithValues: ThresholdDescriptor.all.map { ($0.key, $0) })

        subscript(key: ThresholdKey) -> ThresholdDescriptor {
            // Every key has a row (ThresholdTableTests); the first row keeps this total.
            rows[key] ?? ThresholdDescriptor.all[0]
        }
    }

    private static func whole(
        _ key: ThresholdKey, _ section: String?, _ name: String, _ archiveKey: String,
        _ range: ClosedRange<Int>, _ label: LocalizedText,
        _ value: KeyPath<Thresholds, Int> & Sendable,
        _ override: WritableKeyPath<ThresholdOverrides, Int?> & Sendable, tunable: Bool = true
    ) -> ThresholdDescriptor {
        ThresholdDescriptor(
            key: key, section: section, name: name, archiveKey: archiveKey,
            allowed: .integer(range), label: label, tunable: tunable,
            value: { Double($0[keyPath: value]) },
            overridden: { $0[keyPath: override].map(Double.init) },
            override: { o, v in o[keyPath: override] = v.map { Int($0.rounded()) } })
    }

    private static func decimal(
        _ key: ThresholdKey, _ section: String?, _ name: String, _ archiveKey: String,
        _ range: ClosedRange<Double>, _ label: LocalizedText,
        _ value: KeyPath<Thresholds, Double> & Sendable,
        _ override: WritableKeyPath<ThresholdOverrides, Double?> & Sendable
    ) -> ThresholdDescriptor {
        ThresholdDescriptor(
            key: key, section: section, name: name, archiveKey: archiveKey,
            allowed: .decimal(range, places: 1), label: label, tunable: true,
            value: { $0[keyPath: value] }, overridden: { $0[keyPath: override] },
            override: { o, v in o[keyPath: override] = v })
    }
}

extension ValidationError.Allowed {
    /// The range as decimals (whole-number ranges widened to Double; 0...0 for the others).
    public var decimalRange: ClosedRange<Double> {
        switch self {
        case .decimal(let range, _): range
        case .integer(let range): Double(range.lowerBound)...Double(range.upperBound)
        default: 0...0
        }
    }

    /// A typed number checked against these values; `field` is the name the error shows.
    public func parse(_ text: String, field: String) throws(ValidationError) -> Double {
        switch self {
        case .integer(let range):
            return Double(try Validate.integer(text, field: field, in: range))
        case .decimal(let range, let places):
            return try Validate.decimal(text, field: field, in: range, places: places)
        default:
            throw ValidationError(field: field, value: text, allowed: self)
        }
    }
}

extension String {
    fileprivate var replacingDashes: String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
