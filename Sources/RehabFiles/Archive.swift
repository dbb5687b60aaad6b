import Foundation
import RehabCore

/// The whole database as one document: what `rehab export --format json` writes and
/// `rehab import` reads. Field names are snake_case and stable; they do not follow the Swift
/// property names, so renaming a property in RehabCore cannot change the file format.
public struct Archive: Hashable, Sendable, Codable {
    public static let currentVersion = 1

    public var format: String = "rehab-export"
    public var version: Int
    public var patients: [ArchivedPatient]

    public init(version: Int = Archive.currentVersion, patients: [ArchivedPatient]) {
        self.version = version
        self.patients = patients
    }
}

extension Archive {
    /// A rehab export of a version this rehab reads.
    public func checkFormat() throws {
        guard format == "rehab-export" else {
            throw StoreError.importFailed(FormatPhrase.wrongFormat(format))
        }
        guard (1...Archive.currentVersion).contains(version) else {
            throw StoreError.importFailed(
                FormatPhrase.unsupportedVersion(version, newest: Archive.currentVersion))
        }
    }
}

public struct ArchivedPatient: Hashable, Sendable, Codable {
    public var name: String
    public var language: Language?
    public var archived: Bool
    public var assignment: Assignment?
    public var sessions: [Session]
    public var mornings: [MorningCheck]
    public var clearings: [FlagClearing]
    public var shoes: [Shoe]
    /// The plan file the plan was started from (`rehab start --plan-file`), if any.
    public var planFile: StoredPlanFile?
    /// Outcome measures and clinical notes (absent from exports made before they existed).
    public var measurements: [MeasureRecord] = []
    public var notes: [ClinicalNote] = []
    /// The discharge record (absent from exports made before it existed).
    public var discharge: Discharge?

    public init(
        name: String, language: Language? = nil, archived: Bool = false,
        assignment: Assignment? = nil, sessions: [Session] = [], mornings: [MorningCheck] = [],
        clearings: [FlagClearing] = [], shoes: [Shoe] = [], planFile: StoredPlanFile? = nil
    ) {
        self.name = name
        self.language = language
        self.archived = archived
        self.assignment = assignment
        self.sessions = sessions
        self.mornings = mornings
        self.clearings = clearings
        self.shoes = shoes
        self.planFile = planFile
    }

    enum CodingKeys: String, CodingKey {
        case name, language, archived, assignment, sessions, mornings, clearings, shoes
        case planFile = "plan_file"
        case measurements, notes, discharge
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false
        assignment = try c.decodeIfPresent(AssignmentDoc.self, forKey: .assignment)?.value
        sessions = try (c.decodeIfPresent([SessionDoc].self, forKey: .sessions) ?? []).map(\.value)
        mornings = try (c.decodeIfPresent([MorningDoc].self, forKey: .mornings) ?? []).map(\.value)
        clearings =
            try (c.decodeIfPresent([ClearingDoc].self, forKey: .clearings) ?? []).map(\.value)
        shoes = try (c.decodeIfPresent([ShoeDoc].self, forKey: .shoes) ?? []).map(\.value)
        planFile = try c.decodeIfPresent(PlanFileDoc.self, forKey: .planFile)?.value
        measurements =
            try (c.decodeIfPresent([MeasurementDoc].self, forKey: .measurements) ?? []).map(\.value)
        notes = try (c.decodeIfPresent([NoteDoc].self, forKey: .notes) ?? []).map(\.value)
        discharge = try c.decodeIfPresent(Discharge.self, forKey: .discharge)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encode(archived, forKey: .archived)
        try c.encodeIfPresent(assignment.map(AssignmentDoc.init), forKey: .assignment)
        try c.encode(sessions.map(SessionDoc.init), forKey: .sessions)
        try c.encode(mornings.map(MorningDoc.init), forKey: .mornings)
        try c.encode(clearings.map(ClearingDoc.init), forKey: .clearings)
        try c.encode(shoes.map(ShoeDoc.init), forKey: .shoes)
        try c.encodeIfPresent(planFile.map(PlanFileDoc.init), forKey: .planFile)
        try c.encode(measurements.map(MeasurementDoc.init), forKey: .measurements)
        try c.encode(notes.map(NoteDoc.init), forKey: .notes)
        try c.encodeIfPresent(discharge, forKey: .discharge)
    }
}

struct PlanFileDoc: Codable {
    var planID: String
    var yaml: String

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case yaml
    }

    init(_ f: StoredPlanFile) {
        planID = f.planID
        yaml = f.yaml
    }

    var value: StoredPlanFile { StoredPlanFile(planID: planID, yaml: yaml) }
}

// MARK: - Documents: the snake_case shape of each record

struct PhaseChangeDoc: Codable {
    var phase: String
    var date: Day
    var reason: PhaseChangeReason
    /// A forced advance's reason; absent in archives from before it was kept.
    var note: String?

    init(_ c: PhaseChange) {
        phase = c.phase
        date = c.date
        reason = c.reason
        note = c.note
    }

    var value: PhaseChange { PhaseChange(phase: phase, date: date, reason: reason, note: note) }
}

struct AssignmentDoc: Codable {
    var planID: String
    var variantID: String?
    var startDate: Day
    var startingWeeklyKm: Double?
    var overrides: OverridesDoc?
    var phaseHistory: [PhaseChangeDoc]

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case variantID = "variant_id"
        case startDate = "start_date"
        case startingWeeklyKm = "starting_weekly_km"
        case overrides
        case phaseHistory = "phase_history"
    }

    init(_ a: Assignment) {
        planID = a.planID
        variantID = a.variantID
        startDate = a.startDate
        startingWeeklyKm = a.startingWeeklyKm
        overrides = a.overrides.isEmpty ? nil : OverridesDoc(a.overrides)
        phaseHistory = a.phaseHistory.map(PhaseChangeDoc.init)
    }

    var value: Assignment {
        Assignment(
            planID: planID, variantID: variantID, startDate: startDate,
            startingWeeklyKm: startingWeeklyKm, overrides: overrides?.value ?? PlanOverrides(),
            phaseHistory: phaseHistory.map(\.value))
    }
}

/// A patient's plan overrides; also the text of the `assignment.overrides` column.
struct OverridesDoc: Codable {
    var thresholds: ThresholdsDoc?
    var phaseDays: [String: PhaseDaysDoc]?
    var exercises: [String: [PrescriptionDoc]]?
    var runWalk: [String: [RunWalkDoc]]?

    enum CodingKeys: String, CodingKey {
        case thresholds
        case phaseDays = "phase_days"
        case exercises
        case runWalk = "run_walk"
    }

    init(_ o: PlanOverrides) {
        thresholds = o.thresholds.isEmpty ? nil : ThresholdsDoc(o.thresholds)
        phaseDays = o.phaseDays.isEmpty ? nil : o.phaseDays.mapValues(PhaseDaysDoc.init)
        exercises =
            o.exercises.isEmpty ? nil : o.exercises.mapValues { $0.map(PrescriptionDoc.init) }
        runWalk = o.runWalk.isEmpty ? nil : o.runWalk.mapValues { $0.map(RunWalkDoc.init) }
    }

    var value: PlanOverrides {
        PlanOverrides(
            thresholds: thresholds?.value ?? ThresholdOverrides(),
            phaseDays: (phaseDays ?? [:]).mapValues(\.value),
            exercises: (exercises ?? [:]).mapValues { $0.map(\.value) },
            runWalk: (runWalk ?? [:]).mapValues { $0.map(\.value) })
    }

    static func json(_ overrides: PlanOverrides) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(OverridesDoc(overrides)), as: UTF8.self)
    }

    static func overrides(json: String) throws -> PlanOverrides {
        try JSONDecoder().decode(OverridesDoc.self, from: Data(json.utf8)).value
    }
}

/// A patient's threshold overrides in an archive: one flat key per row of
/// `ThresholdDescriptor.all` (`pain_safe_max`, …; whole numbers as integers), and
/// `pain_by_activity`. A key left out keeps the plan's value; the morning keys came with
/// schema v2, so older archives without them still read.
struct ThresholdsDoc: Codable {
    var value: ThresholdOverrides

    struct ActivityPainDoc: Codable {
        var safeMax: Int?
        var limit: Int?

        enum CodingKeys: String, CodingKey {
            case limit
            case safeMax = "safe_max"
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let painByActivity = Key("pain_by_activity")
    }

    init(_ t: ThresholdOverrides) { value = t }

    /// An activity this version does not know is dropped rather than refused, so a newer
    /// archive's tuning of it cannot block the rest.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var t = ThresholdOverrides()
        for d in ThresholdDescriptor.all {
            let key = Key(d.archiveKey)
            if d.isDecimal {
                d.set(try c.decodeIfPresent(Double.self, forKey: key), in: &t)
            } else {
                d.set(try c.decodeIfPresent(Int.self, forKey: key).map(Double.init), in: &t)
            }
        }
        let docs = try c.decodeIfPresent([String: ActivityPainDoc].self, forKey: .painByActivity)
        for (name, doc) in docs ?? [:] {
            guard let activity = Activity(rawValue: name) else { continue }
            t.painByActivity[activity] = ActivityPain(safeMax: doc.safeMax, limit: doc.limit)
        }
        value = t
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for d in ThresholdDescriptor.all {
            guard let v = d.value(in: value) else { continue }
            if d.isDecimal {
                try c.encode(v, forKey: Key(d.archiveKey))
            } else {
                try c.encode(Int(v), forKey: Key(d.archiveKey))
            }
        }
        if !value.painByActivity.isEmpty {
            try c.encode(
                Dictionary(
                    uniqueKeysWithValues: value.painByActivity.map {
                        (
                            $0.key.rawValue,
                            ActivityPainDoc(safeMax: $0.value.safeMax, limit: $0.value.limit)
                        )
                    }), forKey: .painByActivity)
        }
    }
}

struct PhaseDaysDoc: Codable {
    var minDays: Int?
    var maxDays: Int?

    enum CodingKeys: String, CodingKey {
        case minDays = "min_days"
        case maxDays = "max_days"
    }

    init(_ d: PhaseDays) {
        minDays = d.minDays
        maxDays = d.maxDays
    }

    var value: PhaseDays { PhaseDays(minDays: minDays, maxDays: maxDays) }
}

struct PrescriptionDoc: Codable {
    var exercise: String
    var sets: Int
    var reps: Int?
    var holdSeconds: Int?
    var perDay: Int?
    var perWeek: Int?

    enum CodingKeys: String, CodingKey {
        case exercise, sets, reps
        case holdSeconds = "hold_seconds"
        case perDay = "per_day"
        case perWeek = "per_week"
    }

    init(_ p: Prescription) {
        exercise = p.exercise
        sets = p.sets
        reps = p.reps
        holdSeconds = p.holdSeconds
        perDay = p.perDay
        perWeek = p.perWeek
    }

    var value: Prescription {
        Prescription(
            exercise: exercise, sets: sets, reps: reps, holdSeconds: holdSeconds, perDay: perDay,
            perWeek: perWeek)
    }
}

struct RunWalkDoc: Codable {
    var runMinutes: Double
    var walkMinutes: Double
    var totalMinutes: Int
    var sessionsPerWeek: Int
    var sessionsToPass: Int

    enum CodingKeys: String, CodingKey {
        case runMinutes = "run_minutes"
        case walkMinutes = "walk_minutes"
        case totalMinutes = "total_minutes"
        case sessionsPerWeek = "sessions_per_week"
        case sessionsToPass = "sessions_to_pass"
    }

    init(_ s: RunWalkStep) {
        runMinutes = s.runMinutes
        walkMinutes = s.walkMinutes
        totalMinutes = s.totalMinutes
        sessionsPerWeek = s.sessionsPerWeek
        sessionsToPass = s.sessionsToPass
    }

    var value: RunWalkStep {
        RunWalkStep(
            runMinutes: runMinutes, walkMinutes: walkMinutes, totalMinutes: totalMinutes,
            sessionsPerWeek: sessionsPerWeek, sessionsToPass: sessionsToPass)
    }
}

struct SessionDoc: Codable {
    var id: Int64?
    var date: Day
    var activity: Activity
    var km: Double?
    var minutes: Int
    var painDuring: Int
    var painAfter: Int
    var lastedOver2h: Bool?
    var flags: [String]?
    var shoe: String?
    var note: String?
    var calfRaises: Int?
    var hopTest: Int?
    var startTime: String?

    enum CodingKeys: String, CodingKey {
        case id, date, activity, km, minutes
        case painDuring = "pain_during"
        case painAfter = "pain_after"
        case lastedOver2h = "lasted_over_2h"
        case flags, shoe, note
        case calfRaises = "calf_raises"
        case hopTest = "hop_test"
        case startTime = "start_time"
    }

    init(_ s: Session) {
        id = s.id
        date = s.date
        activity = s.activity
        km = s.km
        minutes = s.minutes
        painDuring = s.painDuring
        painAfter = s.painAfter
        lastedOver2h = s.lastedOver2h
        flags = s.flags
        shoe = s.shoe
        note = s.note
        calfRaises = s.calfRaises
        hopTest = s.hopTest
        startTime = s.startTime
    }

    var value: Session {
        Session(
            id: id, date: date, activity: activity, km: km, minutes: minutes,
            painDuring: painDuring, painAfter: painAfter, lastedOver2h: lastedOver2h ?? false,
            flags: flags ?? [], shoe: shoe, note: note ?? "", calfRaises: calfRaises,
            hopTest: hopTest, startTime: startTime)
    }
}

struct MorningDoc: Codable {
    var date: Day
    var pain: Int
    var flags: [String]?

    init(_ m: MorningCheck) {
        date = m.date
        pain = m.pain
        flags = m.flags
    }

    var value: MorningCheck { MorningCheck(date: date, pain: pain, flags: flags ?? []) }
}

struct ClearingDoc: Codable {
    var date: Day
    var reason: String
    /// Optional on reading: an export without it clears everything up to its date.
    var cleared: [FlagReport]?

    init(_ c: FlagClearing) {
        date = c.date
        reason = c.reason
        cleared = c.cleared
    }

    var value: FlagClearing { FlagClearing(date: date, reason: reason, cleared: cleared ?? []) }
}

struct ShoeDoc: Codable {
    var name: String
    var startKm: Double
    var retireKm: Double

    enum CodingKeys: String, CodingKey {
        case name
        case startKm = "start_km"
        case retireKm = "retire_km"
    }

    init(_ s: Shoe) {
        name = s.name
        startKm = s.startKm
        retireKm = s.retireKm
    }

    var value: Shoe { Shoe(name: name, startKm: startKm, retireKm: retireKm) }
}
