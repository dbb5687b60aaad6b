/// What a patient recorded since the physio's last review, for "changed since my last review"
/// on the Patients screen and in `rehab patients`.
///
/// The last review is the physio's last clinical note (`rehab note`, the app's Notes screen):
/// it is the one dated act of review the store keeps. Records carry a date but no time, so a
/// record dated on the day of the note counts as changed: the note may have been written
/// before it, and a red flag logged that evening must not be hidden until the next note.
/// Without any note, everything recorded is new.
public struct ReviewChanges: Hashable, Sendable {
    /// The date of the last clinical note; nil when there is none.
    public var lastReview: Day?
    public var sessions: Int
    public var mornings: Int
    public var measures: Int
    /// Red flags reported (on sessions or morning checks) since the review, cleared or not,
    /// each once per day it was reported.
    public var redFlags: [FlagReport]

    public init(notes: [ClinicalNote], history: History, measures: [MeasureRecord]) {
        let last = notes.map(\.date).max()
        lastReview = last
        func new(_ day: Day) -> Bool { last.map { day >= $0 } ?? true }
        let sessions = history.sessions.filter { new($0.date) }
        let mornings = history.mornings.filter { new($0.date) }
        self.sessions = sessions.count
        self.mornings = mornings.count
        self.measures = measures.filter { new($0.date) }.count
        var flags: [FlagReport] = []
        for s in sessions { flags += s.flags.map { FlagReport(flag: $0, date: s.date) } }
        for m in mornings { flags += m.flags.map { FlagReport(flag: $0, date: m.date) } }
        redFlags = Array(Set(flags)).sorted { ($0.date, $0.flag) < ($1.date, $1.flag) }
    }

    /// Counted elsewhere (a store's own query); `redFlags` are sorted and counted once each.
    public init(
        lastReview: Day?, sessions: Int, mornings: Int, measures: Int, redFlags: [FlagReport]
    ) {
        self.lastReview = lastReview
        self.sessions = sessions
        self.mornings = mornings
        self.measures = measures
        self.redFlags = Array(Set(redFlags)).sorted { ($0.date, $0.flag) < ($1.date, $1.flag) }
    }

    /// Something was recorded since the last review (or there was never one and there is a
    /// record at all).
    public var isChanged: Bool { sessions + mornings + measures + redFlags.count > 0 }
}

/// A patient's discharge: the day, who discharged them, and whether it came before the plan
/// was complete (the physio's decision). One per patient; the Patients list says "discharged".
public struct Discharge: Hashable, Sendable, Codable {
    public var date: Day
    public var by: String
    public var early: Bool

    public init(date: Day, by: String, early: Bool = false) {
        self.date = date
        self.by = by
        self.early = early
    }
}
