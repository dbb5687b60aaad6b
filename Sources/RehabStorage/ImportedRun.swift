import Foundation
import RehabCore
import RehabFiles

/// A session built from a run file, with the start time that identifies it.
public struct ImportedRun: Hashable, Sendable {
    public var session: Session
    /// UTC, to the second: "2026-03-01T07:12:03Z".
    public var startTime: String

    public init(session: Session, startTime: String) {
        self.session = session
        self.startTime = startTime
    }
}

extension RecordedRun {
    /// The session to store for this run, once the runner has given the pain scores (on the
    /// command line, or asked by the app). The shoe only goes with runs; the note names the file.
    public func imported(painDuring: Int, painAfter: Int, shoe: String?, on day: Day)
        -> ImportedRun
    {
        let session = Session(
            date: day, activity: activity, km: km, minutes: minutes, painDuring: painDuring,
            painAfter: painAfter, shoe: activity == .run ? shoe : nil,
            note: URL(fileURLWithPath: file).lastPathComponent, startTime: startTime)
        return ImportedRun(session: session, startTime: startTime)
    }
}

/// What a run import did: runs stored and runs skipped because their start time was known.
public struct RunImportResult: Hashable, Sendable {
    public var added: Int
    public var duplicates: Int

    public init(added: Int, duplicates: Int) {
        self.added = added
        self.duplicates = duplicates
    }
}

extension ImportedRun {
    /// The sessions to store for `runs`, each with its start time, leaving out the ones whose
    /// start time is `known` or came earlier in the batch (counted as duplicates). Both stores
    /// import runs through it.
    public static func newSessions(_ runs: [ImportedRun], known: Set<String>)
        -> (sessions: [Session], duplicates: Int)
    {
        var seen = known
        var sessions: [Session] = []
        for run in runs where seen.insert(run.startTime).inserted {
            var session = run.session
            session.startTime = run.startTime
            sessions.append(session)
        }
        return (sessions, runs.count - sessions.count)
    }
}
