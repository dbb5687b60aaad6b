import Foundation
import RehabCore
import RehabFiles

/// The run files at the paths of an import, for `rehab import` (its arguments) and the app's
/// Import screen (one typed path): a folder is searched with its subfolders, a .fit file is
/// refused on its own and counted in a folder, and every file that cannot be read is named
/// with the reason, so a path one front end takes the other takes too.
public struct RunSearch: Sendable, Hashable {
    /// The run files, in the order of the paths; a folder's in name order.
    public private(set) var files: [String] = []
    /// The exports (.json, .csv) among the paths, when exports are taken.
    public private(set) var exports: [String] = []
    /// The .fit files passed over in folders.
    public private(set) var fitSkipped = 0

    /// A path that cannot be taken, named in the text.
    public struct Refusal: WordedError, Hashable, Sendable {
        public var text: LocalizedText
    }

    /// Stops at the first path it cannot take. `takingExports`: the CLI imports an export too,
    /// so its refusal of another file names both kinds; the app reads runs only.
    public init(paths: [String], takingExports: Bool) throws(Refusal) {
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                guard let found = RunFile.files(inFolder: path) else {
                    throw Refusal(text: Phrase.unreadableFolder(path))
                }
                guard !found.runs.isEmpty else { throw Refusal(text: Phrase.noRunFiles(path)) }
                files += found.runs
                fitSkipped += found.fit
                continue
            }
            // A path that names nothing goes by its name: a missing .gpx is one file that
            // cannot be read, listed with the others.
            switch (path as NSString).pathExtension.lowercased() {
            case "gpx", "tcx": files.append(path)
            case "json", "csv":
                guard takingExports else { throw Refusal(text: Phrase.notARunFile(path)) }
                exports.append(path)
            case "fit": throw Refusal(text: Phrase.fitNotSupported(path))
            default:
                throw Refusal(
                    text: takingExports
                        ? Phrase.unsupportedImportFile(path) : Phrase.notARunFile(path))
            }
        }
    }

    /// Every file read, in order; one that cannot be read is a failure with its reason and the
    /// others go on. `progress` is told before each file how many are done (the CLI's bar).
    public func read(
        in timeZone: TimeZone, progress: ((_ done: Int, _ file: String) -> Void)? = nil
    ) -> RunsRead {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var read = RunsRead()
        for (index, file) in files.enumerated() {
            progress?(index, file)
            do {
                let run = try RunFile.read(path: file)
                let c = calendar.dateComponents([.hour, .minute], from: run.start)
                let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
                read.runs.append(FoundRun(run: run, day: run.day(in: timeZone), time: time))
            } catch {
                read.failures.append(error)
            }
        }
        return read
    }
}

/// What reading the files of a `RunSearch` gave.
public struct RunsRead: Sendable, Hashable {
    /// In the order of the files.
    public var runs: [FoundRun] = []
    public var failures: [RunFileError] = []
}

/// A run read from a file, with the day and start time where the runner is (the app's reducer
/// has no clock or time zone to work them out).
public struct FoundRun: Sendable, Hashable {
    public var run: RecordedRun
    public var day: Day
    /// Local start time, "07:12".
    public var time: String
}
