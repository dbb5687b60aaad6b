import RehabCore

/// The store's own validation of whole records, before SQLite's CHECKs see them, so a caller
/// gets a `ValidationError` naming the field instead of a bare constraint failure.
enum Check {
    /// Validate.name: NFC, code points counted as SQLite counts them, nothing invisible.
    static func name(_ text: String, field: String) throws -> String {
        try Validate.name(text, field: field)
    }

    static func text(_ text: String, field: String) throws {
        _ = try Validate.text(text, field: field)
    }

    static func integer(_ value: Int, field: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError(field: field, value: String(value), allowed: .integer(range))
        }
    }

    static func km(_ value: Double?, field: String) throws {
        guard let value else { return }
        guard value.isFinite, Validate.kmRange.contains(value),
            (value * 100).rounded() / 100 == value
        else {
            throw ValidationError(
                field: field, value: String(value), allowed: .decimal(Validate.kmRange, places: 2))
        }
    }

    static func flags(_ flags: [String]) throws {
        for flag in flags where !RedFlag.isWellFormed(flag) {
            throw ValidationError(field: "flags", value: flag, allowed: .flagID)
        }
    }

    static func identifier(_ text: String, field: String) throws {
        guard !text.isEmpty, text.unicodeScalars.count <= Validate.maxNameLength else {
            throw ValidationError(
                field: field, value: text, allowed: .nonEmptyTextUpTo(Validate.maxNameLength))
        }
    }

    static func session(_ s: Session) throws {
        try km(s.km, field: "km")
        try integer(s.minutes, field: "minutes", in: Validate.minutesRange)
        try Plausibility.check(km: s.km, minutes: s.minutes, activity: s.activity)
        try integer(s.painDuring, field: "pain_during", in: Validate.painRange)
        try integer(s.painAfter, field: "pain_after", in: Validate.painRange)
        try flags(s.flags)
        if let shoe = s.shoe { _ = try name(shoe, field: "shoe") }
        try text(s.note, field: "note")
        if let n = s.calfRaises { try integer(n, field: "calf_raises", in: 0...10_000) }
        if let n = s.hopTest { try integer(n, field: "hop_test", in: 0...10_000) }
        if let t = s.startTime { try utcTimestamp(t, field: "start_time") }
    }

    /// The shape the `session.start_time` CHECK allows, with real calendar values.
    static func utcTimestamp(_ text: String, field: String) throws {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        let refuse = ValidationError(field: field, value: text, allowed: .utcTimestamp)
        guard text.count == 20, text.hasSuffix("Z"), parts.count == 2,
            Day(iso: String(parts[0])) != nil
        else { throw refuse }
        let clock = parts[1].dropLast().split(separator: ":", omittingEmptySubsequences: false)
        let limits = [23, 59, 60]
        guard clock.count == 3,
            zip(clock, limits).allSatisfy({ part, limit in
                part.count == 2 && part.allSatisfy(\.isASCII)
                    && Int(part).map { (0...limit).contains($0) } == true
            })
        else { throw refuse }
    }

    static func morning(_ m: MorningCheck) throws {
        try integer(m.pain, field: "pain", in: Validate.painRange)
        try flags(m.flags)
    }

    static func clearing(_ c: FlagClearing) throws {
        try text(c.reason, field: "reason")
        try flags(c.cleared.map(\.flag))
    }

    static func shoe(_ s: Shoe) throws -> Shoe {
        var shoe = s
        shoe.name = try name(s.name, field: "shoe")
        guard s.startKm.isFinite, (0...100_000).contains(s.startKm) else {
            throw ValidationError(
                field: "start_km", value: String(s.startKm),
                allowed: .decimal(0...100_000, places: 2))
        }
        guard (600...800).contains(s.retireKm) else {
            throw ValidationError(
                field: "retire_km", value: String(s.retireKm),
                allowed: .decimal(600...800, places: 0))
        }
        return shoe
    }

    static func phaseChange(_ c: PhaseChange) throws {
        try identifier(c.phase, field: "phase")
        if let note = c.note { _ = try Validate.text(note, field: "phase_change.note") }
    }

    static func assignment(_ a: Assignment) throws {
        try identifier(a.planID, field: "plan")
        if let v = a.variantID { try identifier(v, field: "variant") }
        try km(a.startingWeeklyKm, field: "starting_weekly_km")
        for change in a.phaseHistory { try phaseChange(change) }
    }

    /// A one-line account of a validation error in both languages, for import messages.
    static func describe(_ e: ValidationError) -> LocalizedText { StoragePhrase.notAllowed(e) }
}

extension Check {
    /// A measurement's shape; a built-in measure is also checked against its scale, items and
    /// the patient's earlier answers (a questionnaire needs its file, which the caller has).
    static func measurement(_ m: MeasureRecord, earlier: [MeasureRecord]) throws -> MeasureRecord {
        guard RedFlag.isWellFormed(m.instrument) else {
            throw ValidationError(field: "instrument", value: m.instrument, allowed: .flagID)
        }
        guard (1...100).contains(m.answers.count) else {
            throw MeasureError.noAnswers(instrument: m.instrument)
        }
        var m = m
        for (i, a) in m.answers.enumerated() {
            m.answers[i].item = try name(a.item, field: "\(m.instrument) item")
            try integer(a.score, field: "\(m.instrument) '\(a.item)'", in: -1000...1000)
        }
        if let instrument = Instrument.builtIn.first(where: { $0.id == m.instrument }) {
            m.answers = try MeasureInput.check(
                m.answers, for: instrument, earlier: earlier, on: m.date)
        }
        return m
    }

    static func note(_ n: ClinicalNote) throws {
        guard !n.text.allSatisfy(\.isWhitespace) else {
            throw ValidationError(
                field: "note", value: n.text, allowed: .nonEmptyTextUpTo(Validate.maxTextLength))
        }
        try text(n.text, field: "note")
    }
}
