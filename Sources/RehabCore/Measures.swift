// Outcome measures: what an instrument is (its items, answer scale, scoring and the change that
// counts), one answered measurement, and the change between the first and the latest score.
// Pure: no files, no database. Questionnaire files (RehabPlans) build `Instrument`s too.

/// How an instrument turns item answers into one score.
public enum ScoringMethod: String, Sendable, Codable, CaseIterable {
    case sum, mean
}

/// The items an instrument asks: a fixed list, or the patient's own activities (PSFS).
public enum InstrumentItems: Hashable, Sendable {
    /// Every item must be answered, once.
    case fixed([InstrumentItem])
    /// The patient names `count` activities the first time; later the same ones are scored.
    case patientSpecific(ClosedRange<Int>)
}

public struct InstrumentItem: Hashable, Sendable {
    public var id: String
    public var text: LocalizedText

    public init(id: String, text: LocalizedText) {
        self.id = id
        self.text = text
    }
}

/// One outcome measure: PSFS, NPRS, GPE, or a questionnaire from a file.
public struct Instrument: Hashable, Sendable {
    public var id: String
    public var names: LocalizedText
    /// The citation (and for a questionnaire file, its licence).
    public var source: String
    /// Every item's answer, inclusive.
    public var scale: ClosedRange<Int>
    public var method: ScoringMethod
    /// The range of the score (sum or mean of the items).
    public var scoreRange: ClosedRange<Double>
    public var higherIsBetter: Bool
    /// The minimal clinically important difference in score points.
    public var mcid: Double
    /// A second MCID as a percentage of the first score (NPRS: 30 %). See `MeasureChange`.
    public var mcidPercent: Double?
    public var items: InstrumentItems
    /// Not asked at the first time: it rates the change since the start (GPE).
    public var needsBaseline: Bool
    /// Names of the answer steps, lowest first, when the answers are named (GPE).
    public var steps: [String]

    public init(
        id: String, names: LocalizedText, source: String, scale: ClosedRange<Int>,
        method: ScoringMethod, scoreRange: ClosedRange<Double>, higherIsBetter: Bool,
        mcid: Double, mcidPercent: Double? = nil, items: InstrumentItems,
        needsBaseline: Bool = false, steps: [String] = []
    ) {
        self.id = id
        self.names = names
        self.source = source
        self.scale = scale
        self.method = method
        self.scoreRange = scoreRange
        self.higherIsBetter = higherIsBetter
        self.mcid = mcid
        self.mcidPercent = mcidPercent
        self.items = items
        self.needsBaseline = needsBaseline
        self.steps = steps
    }

    /// The score of a set of answers: their sum or mean. Nil for no answers.
    public func score(_ answers: [ItemAnswer]) -> Double? {
        guard !answers.isEmpty else { return nil }
        let total = answers.reduce(0) { $0 + Double($1.score) }
        return method == .sum ? total : total / Double(answers.count)
    }
}

/// One item's answer: the item id (a questionnaire) or the activity the patient named (PSFS).
public struct ItemAnswer: Hashable, Sendable, Codable {
    public var item: String
    public var score: Int

    public init(item: String, score: Int) {
        self.item = item
        self.score = score
    }
}

/// One answered measure on one date.
public struct MeasureRecord: Hashable, Sendable, Codable {
    /// Storage id; nil until stored.
    public var id: Int64?
    public var date: Day
    /// `psfs`, `nprs`, `gpe` or a questionnaire file's id.
    public var instrument: String
    public var answers: [ItemAnswer]

    public init(id: Int64? = nil, date: Day, instrument: String, answers: [ItemAnswer]) {
        self.id = id
        self.date = date
        self.instrument = instrument
        self.answers = answers
    }
}

/// A physio's dated clinical note about a patient.
public struct ClinicalNote: Hashable, Sendable, Codable {
    public var id: Int64?
    public var date: Day
    public var text: String

    public init(id: Int64? = nil, date: Day, text: String) {
        self.id = id
        self.date = date
        self.text = text
    }
}

// MARK: - The three built-in measures

extension Instrument {
    /// Patient-Specific Functional Scale. The patient names up to five activities they find hard
    /// and scores each 0 (cannot do it) to 10 (as before the injury); the score is the mean.
    /// Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on
    /// individual patients: a report of a patient specific measure. Physiotherapy Canada
    /// 1995;47(4):258-263.
    /// MCID 2 points on the mean: Horn KK et al. 2012 (J Orthop Sports Phys Ther 42(1):30-42)
    /// report about 1.3 for the mean and 2.3 for one activity in lower-limb problems; Abbott &
    /// Schmitt 2014 about 2. We take 2, the more demanding: an improvement is only called
    /// important when it is large enough under either estimate, so a patient is not discharged
    /// or progressed on a change that may be noise.
    public static let psfs = Instrument(
        id: "psfs",
        names: LocalizedText(
            nl: "PSFS (patiëntspecifieke klachten)", en: "PSFS (patient-specific functional scale)"
        ),
        source: "Stratford et al. 1995 (Physiotherapy Canada 47:258); MCID 2 on the mean: "
            + "Horn et al. 2012 (JOSPT 42:30), Abbott & Schmitt 2014",
        scale: 0...10, method: .mean, scoreRange: 0...10, higherIsBetter: true, mcid: 2,
        items: .patientSpecific(1...5))

    /// Numeric Pain Rating Scale: average pain over the past week, 0 (none) to 10 (worst
    /// imaginable). MCID 2 points or 30 %: Farrar JT et al. 2001 (Pain 94:149-158), where a
    /// fall of about 2 points or 30 % matched "much improved"; Salaffi F et al. 2004 (Eur J
    /// Pain 8:283-291), where the percentage held better across baselines. When they disagree
    /// the reading that protects the patient is taken: an improvement counts only when it
    /// reaches both (2 points and 30 %), a worsening already when it reaches either.
    public static let nprs = Instrument(
        id: "nprs",
        names: LocalizedText(
            nl: "NPRS (pijn gemiddeld afgelopen week)",
            en: "NPRS (average pain over the past week)"),
        source: "Farrar et al. 2001 (Pain 94:149); Salaffi et al. 2004 (Eur J Pain 8:283)",
        scale: 0...10, method: .sum, scoreRange: 0...10, higherIsBetter: false, mcid: 2,
        mcidPercent: 30, items: .fixed([InstrumentItem(id: "pain", text: nprsQuestion)]))

    static let nprsQuestion = LocalizedText(
        nl: "Hoeveel pijn had u gemiddeld in de afgelopen week? 0 = geen pijn, 10 = ergst denkbaar",
        en: "How much pain did you have on average over the past week? 0 = none, 10 = worst "
            + "imaginable")

    /// Global Perceived Effect on 7 steps, from much worse (-3) to much better (+3), rating the
    /// change since the start of treatment; so it is asked from the second time on.
    /// Kamper SJ, Maher CG, Mackay G. Global rating of change scales: a review of strengths and
    /// weaknesses and considerations for design. J Man Manip Ther 2009;17(3):163-170.
    /// Kamper et al. note that the middle steps are unreliable as a threshold; we count only
    /// "better" and "much better" as an important improvement, and any step below
    /// "unchanged" as a worsening worth a look (the reading that protects the patient).
    public static let gpe = Instrument(
        id: "gpe",
        names: LocalizedText(
            nl: "GPE (ervaren effect sinds de start)", en: "GPE (global perceived effect)"),
        source: "Kamper et al. 2009 (J Man Manip Ther 17:163)",
        scale: -3...3, method: .sum, scoreRange: -3...3, higherIsBetter: true, mcid: 2,
        items: .fixed([InstrumentItem(id: "effect", text: gpeQuestion)]), needsBaseline: true,
        steps: GPEStep.allCases.map(\.rawValue))

    static let gpeQuestion = LocalizedText(
        nl: "Hoe gaat het nu met uw klacht, vergeleken met de start van de behandeling?",
        en: "How is your complaint now, compared with the start of the treatment?")

    public static let builtIn: [Instrument] = [.psfs, .nprs, .gpe]
}

/// The seven answers of the GPE, much worse first.
public enum GPEStep: String, Sendable, CaseIterable {
    case muchWorse = "much_worse"
    case worse
    case slightlyWorse = "slightly_worse"
    case unchanged
    case slightlyBetter = "slightly_better"
    case better
    case muchBetter = "much_better"

    /// -3 (much worse) to +3 (much better).
    public var score: Int { (GPEStep.allCases.firstIndex(of: self) ?? 3) - 3 }

    public init?(score: Int) {
        guard (-3...3).contains(score) else { return nil }
        self = GPEStep.allCases[score + 3]
    }

    public var names: LocalizedText {
        switch self {
        case .muchWorse: LocalizedText(nl: "veel slechter", en: "much worse")
        case .worse: LocalizedText(nl: "slechter", en: "worse")
        case .slightlyWorse: LocalizedText(nl: "iets slechter", en: "slightly worse")
        case .unchanged: LocalizedText(nl: "onveranderd", en: "unchanged")
        case .slightlyBetter: LocalizedText(nl: "iets beter", en: "slightly better")
        case .better: LocalizedText(nl: "beter", en: "better")
        case .muchBetter: LocalizedText(nl: "veel beter", en: "much better")
        }
    }
}

// MARK: - Change

/// Whether a change matters clinically.
public enum ChangeMeaning: String, Sendable, Codable {
    /// An improvement at least the MCID (by every MCID the instrument has).
    case improved
    /// A worsening at least the MCID (by any MCID the instrument has).
    case worse
    /// Smaller than the MCID either way.
    case noImportantChange = "no_important_change"
}

/// The change from the first score to the latest.
public struct MeasureChange: Hashable, Sendable {
    public var first: Double
    public var latest: Double
    /// latest - first, as measured (negative is a fall).
    public var delta: Double
    /// The change toward better: delta, or -delta where lower is better.
    public var improvement: Double
    /// |delta| as a percentage of the first score; nil when the first score is 0.
    public var percent: Double?
    public var meaning: ChangeMeaning

    /// Judges a change against the instrument's MCID. With both a point and a percentage MCID
    /// (NPRS), an improvement must reach both and a worsening either: where the two disagree
    /// the patient is protected from a claimed improvement that may not be real and from a
    /// worsening that would go unnoticed (Farrar et al. 2001; Salaffi et al. 2004).
    public static func judge(first: Double, latest: Double, instrument: Instrument)
        -> MeasureChange
    {
        let delta = latest - first
        let improvement = instrument.higherIsBetter ? delta : -delta
        let percent = first == 0 ? nil : abs(delta) / abs(first) * 100
        // A hair of tolerance so a mean like 2.0000000001 short of 2 is not lost to rounding.
        let epsilon = 1e-9
        let byPoints = abs(improvement) + epsilon >= instrument.mcid
        let byPercent: Bool
        if let mcidPercent = instrument.mcidPercent {
            // From a first score of 0 any worsening is an unbounded percentage.
            byPercent = (percent ?? (delta == 0 ? 0 : .infinity)) + epsilon >= mcidPercent
        } else {
            byPercent = byPoints
        }
        let meaning: ChangeMeaning
        if improvement > 0, byPoints, byPercent {
            meaning = .improved
        } else if improvement < 0, byPoints || byPercent {
            meaning = .worse
        } else {
            meaning = .noImportantChange
        }
        return MeasureChange(
            first: first, latest: latest, delta: delta, improvement: improvement,
            percent: percent, meaning: meaning)
    }

    /// A GPE answer is itself a rating of change: "better" and "much better" count as an
    /// important improvement, any step below "unchanged" as a worsening (Kamper et al. 2009).
    public static func judgeGPE(_ step: GPEStep) -> ChangeMeaning {
        switch step {
        case .better, .muchBetter: .improved
        case .muchWorse, .worse, .slightlyWorse: .worse
        case .unchanged, .slightlyBetter: .noImportantChange
        }
    }
}

/// One score on one day.
public struct MeasurePoint: Hashable, Sendable {
    public var day: Day
    public var score: Double
}

/// One PSFS activity's first and latest score.
public struct ItemCourse: Hashable, Sendable {
    public var item: String
    public var first: Int
    public var latest: Int
}

/// One instrument's course: every score in date order and the change since the first.
public struct MeasureCourse: Hashable, Sendable {
    public var instrument: Instrument
    public var points: [MeasurePoint]
    /// Nil before a second measurement (and always for GPE, which rates change itself).
    public var change: MeasureChange?
    /// GPE: the meaning of the latest answer.
    public var meaning: ChangeMeaning?
    /// PSFS: each activity's first and latest score.
    public var perItem: [ItemCourse]

    /// The course of `instrument` in `measurements` (other instruments are ignored).
    public static func of(_ instrument: Instrument, in measurements: [MeasureRecord])
        -> MeasureCourse?
    {
        let own = measurements.filter { $0.instrument == instrument.id }
            .sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        let points = own.compactMap { m in
            instrument.score(m.answers).map { MeasurePoint(day: m.date, score: $0) }
        }
        guard let first = points.first, let last = points.last else { return nil }
        var course = MeasureCourse(
            instrument: instrument, points: points, change: nil, meaning: nil, perItem: [])
        if instrument.id == Instrument.gpe.id {
            course.meaning = GPEStep(score: Int(last.score)).map(MeasureChange.judgeGPE)
        } else if points.count > 1 {
            course.change = MeasureChange.judge(
                first: first.score, latest: last.score, instrument: instrument)
        }
        if case .patientSpecific = instrument.items, let firstAnswers = own.first?.answers,
            let lastAnswers = own.last?.answers, own.count > 1
        {
            course.perItem = firstAnswers.compactMap { a in
                lastAnswers.first { Naming.key($0.item) == Naming.key(a.item) }.map {
                    ItemCourse(item: a.item, first: a.score, latest: $0.score)
                }
            }
        }
        return course
    }
}
