// Runs recorded by a watch or phone: GPX and TCX files read with libxml2's SAX parser into
// date, distance and duration. Pain scores are not in these files; the caller adds them.

import CXMLReader
import Foundation
import RehabCore

/// One run as a file describes it.
public struct RecordedRun: Hashable, Sendable {
    public var file: String
    /// The start as an instant, to the second, in UTC: "2026-03-01T07:12:03Z". Two files with
    /// the same start are the same run.
    public var startTime: String
    public var start: Date
    public var activity: Activity
    /// Rounded to 2 decimals; nil when the file has neither a summary distance nor positions.
    public var km: Double?
    public var minutes: Int

    /// The calendar day the run started on, where the runner is.
    public func day(in timeZone: TimeZone) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: start)
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(number: 0)
    }
}

/// Why a file could not be read as a run; the reason is in both languages.
public struct RunFileError: Error, Hashable, Sendable {
    public var file: String
    public var reason: LocalizedText

    public init(file: String, reason: LocalizedText) {
        self.file = file
        self.reason = reason
    }
}

public enum RunFile {
    /// A marathon recorded every second is a few MB; anything far bigger is not a run.
    public static let maxBytes = 64 << 20
    static let extensions = ["gpx", "tcx"]

    /// The run files in a folder and its subfolders, in name order, and how many .fit files
    /// were passed over; nil when the folder cannot be read.
    public static func files(inFolder folder: String) -> (runs: [String], fit: Int)? {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return nil }
        var runs: [String] = []
        var fit = 0
        while let name = walker.nextObject() as? String {
            let ext = (name as NSString).pathExtension.lowercased()
            if extensions.contains(ext) {
                runs.append((folder as NSString).appendingPathComponent(name))
            } else if ext == "fit" {
                fit += 1
            }
        }
        return (runs.sorted(), fit)
    }

    public static func read(path: String) throws(RunFileError) -> RecordedRun {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
            throw RunFileError(
                file: path,
                reason: LocalizedText(
                    nl: "bestand bestaat niet of is geen gewoon bestand",
                    en: "no such file, or not a regular file"))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes, let data = FileManager.default.contents(atPath: path) else {
            throw RunFileError(
                file: path,
                reason: size > maxBytes
                    ? LocalizedText(
                        nl: "bestand is groter dan 64 MiB; dat is geen enkele loop",
                        en: "file is larger than 64 MiB; that is not a single run")
                    : LocalizedText(nl: "kan het bestand niet lezen", en: "cannot read the file"))
        }
        return try parse(data: data, file: path)
    }

    /// Reads GPX or TCX bytes (told apart by their root element, not the file name).
    /// `libxml2` opens the parser's library (a test stands in a missing one).
    public static func parse(
        data: Data, file: String, libxml2: () -> Bool = { rehab_xml_load() == 1 }
    ) throws(RunFileError) -> RecordedRun {
        func refuse(_ nl: String, _ en: EnglishText) -> RunFileError {
            RunFileError(file: file, reason: LocalizedText(nl: nl, en: en))
        }
        // The DOCTYPE check below reads bytes as UTF-8: a file in another encoding is refused
        // by name before it could hide one.
        if let encoding = unsupportedEncoding(data) {
            throw refuse(
                "het bestand is \(encoding); sla het op als UTF-8",
                "the file is \(encoding); save it as UTF-8")
        }
        // Foundation's XMLParser, which read these files before, trapped on an element name
        // that is not valid UTF-8 (found by scripts/fuzz-imports.sh), and a name must become
        // a Swift string, so the bytes are checked first; a file declared Latin-1 is
        // converted by libxml2 and needs no check.
        if !declaresLatin1(data), let offset = firstInvalidUTF8(data) {
            let line = data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw refuse(
                "geen geldige UTF-8 op regel \(line) (byte \(offset + 1))",
                "not valid UTF-8 at line \(line) (byte \(offset + 1))")
        }
        // Foundation's XMLParser crashed (strlen of NULL) on a processing instruction without
        // data, e.g. `<?x?>` (found by scripts/fuzz-imports.sh). A run file needs none beyond
        // the XML declaration, so any other `<?` is refused.
        if let place = processingInstruction(in: data) {
            throw refuse(
                "een verwerkingsinstructie (<?…?>) bij byte \(place + 1) hoort niet in een "
                    + "loopbestand",
                "a processing instruction (<?…?>) at byte \(place + 1) does not belong in a run "
                    + "file")
        }
        // A run file never needs a DOCTYPE; refusing it rules out entity tricks.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil
            || data.range(of: Data("<!ENTITY".utf8)) != nil
        {
            throw refuse(
                "een DOCTYPE of ENTITY hoort niet in een loopbestand",
                "a DOCTYPE or ENTITY does not belong in a run file")
        }
        guard libxml2() else {
            throw refuse(
                "libxml2 ontbreekt op deze computer; installeer het pakket libxml2",
                "libxml2 is missing on this computer; install the libxml2 package")
        }
        let reader = TrackReader()
        let walk = XMLWalk.run(data, into: reader)
        if walk.ok != 1 || !reader.path.isEmpty || reader.root.isEmpty {
            let place = "\(walk.line):\(walk.column)"
            if reader.root.isEmpty {
                throw refuse(
                    "geen XML: het bestand is leeg of onleesbaar",
                    "not XML: the file is empty or unreadable")
            }
            if let open = reader.path.last {
                throw refuse(
                    "het bestand houdt op bij regel:kolom \(place) terwijl <\(open)> nog open is "
                        + "(afgebroken export?)",
                    "the file ends at line:column \(place) while <\(open)> is still open "
                        + "(a cut-off export?)")
            }
            let code = walk.error_code
            throw refuse(
                "geen geldige XML bij regel:kolom \(place) (XML-fout \(code))",
                "not valid XML at line:column \(place) (XML error \(code))")
        }
        switch reader.root {
        case "gpx": return try gpx(reader, file: file)
        case "TrainingCenterDatabase": return try tcx(reader, file: file)
        default:
            throw refuse(
                "geen GPX- of TCX-bestand (hoofdelement <\(reader.root)>)",
                "not a GPX or TCX file (root element <\(reader.root)>)")
        }
    }

    /// The name of the encoding when it is not UTF-8 (or its ASCII subset, or Latin-1 as
    /// some old exporters declare): by byte-order mark, by the zero bytes of UTF-16/32 text
    /// without one, or by the XML declaration's `encoding`.
    static func unsupportedEncoding(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(512))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0x00, 0x00, 0x00, 0x3C]) {
            return "UTF-32 (big-endian)"
        }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x3C, 0x00, 0x00, 0x00]) {
            return "UTF-32 (little-endian)"
        }
        if starts([0xFE, 0xFF]) || starts([0x00, 0x3C]) { return "UTF-16 (big-endian)" }
        if starts([0xFF, 0xFE]) || starts([0x3C, 0x00]) { return "UTF-16 (little-endian)" }
        if starts([0x4C, 0x6F, 0xA7, 0x94]) { return "EBCDIC" }
        let text = String(decoding: head, as: UTF8.self)
        guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"),
            let end = text.range(of: "?>"),
            let key = text[..<end.lowerBound].range(of: "encoding")
        else { return nil }
        let rest = text[key.upperBound..<end.lowerBound].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let name = rest.dropFirst().prefix { $0 != quote }
        let accepted = ["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1"]
        return accepted.contains(name.lowercased()) ? nil : String(name.prefix(40))
    }

    /// The offset of a `<?` that is not the XML declaration at the very start, if any.
    static func processingInstruction(in data: Data) -> Int? {
        let marker = Data("<?".utf8)
        var from = data.startIndex
        while let found = data.range(of: marker, in: from..<data.endIndex) {
            let offset = found.lowerBound - data.startIndex
            let declaration = data[found.lowerBound...].prefix(6)
            let isDeclaration =
                (offset == 0 || (offset == 3 && data.prefix(3) == Data([0xEF, 0xBB, 0xBF])))
                && declaration.prefix(5) == Data("<?xml".utf8)
                && declaration.count == 6
                && [0x20, 0x09, 0x0A, 0x0D].contains(declaration[declaration.startIndex + 5])
            if !isDeclaration { return offset }
            from = found.upperBound
        }
        return nil
    }

    static func declaresLatin1(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return false }
        let declaration = head[..<end.lowerBound]
        return declaration.contains("iso-8859-1") || declaration.contains("latin1")
    }

    /// The offset of the first byte that does not belong to valid UTF-8 (overlong forms,
    /// surrogates and code points past U+10FFFF included), if any.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                let minimum: UInt32
                switch b {
                case 0xC2...0xDF: (length, minimum) = (2, 0x80)
                case 0xE0...0xEF: (length, minimum) = (3, 0x800)
                case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
                default: return i
                }
                guard i + length <= bytes.count else { return i }
                var value = UInt32(b) & (0xFF >> UInt32(length + 1))
                for k in 1..<length {
                    let c = bytes[i + k]
                    guard c & 0xC0 == 0x80 else { return i }
                    value = value << 6 | UInt32(c & 0x3F)
                }
                guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value)
                else { return i }
                i += length
            }
            return nil
        }
    }

    // MARK: - Formats

    static func gpx(_ r: TrackReader, file: String) throws(RunFileError) -> RecordedRun {
        guard !r.points.isEmpty else {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "geen trackpunten: er staat geen tijd of afstand in om te importeren; "
                        + "noteer deze loop met 'rehab log'",
                    en: "no track points: no time or distance to import; log this run with "
                        + "'rehab log'"))
        }
        let times = r.points.compactMap(\.time)
        guard let first = times.min(), let last = times.max() else {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "de trackpunten hebben geen tijd, dus geen start en duur",
                    en: "the track points have no times, so no start and no duration"))
        }
        try checkTrack(r.points, file: file)
        let km = r.points.contains { $0.position != nil } ? trackKm(r.points) : nil
        return try run(
            file: file, start: first, seconds: last.timeIntervalSince(first), km: km,
            activity: activity(gpxType: r.gpxType))
    }

    static func tcx(_ r: TrackReader, file: String) throws(RunFileError) -> RecordedRun {
        guard r.activities == 1 else {
            throw RunFileError(
                file: file,
                reason: r.activities == 0
                    ? LocalizedText(
                        nl: "geen activiteit in dit bestand", en: "no activity in this file")
                    : LocalizedText(
                        nl: "\(r.activities) activiteiten in één bestand; exporteer één loop "
                            + "per bestand",
                        en: "\(r.activities) activities in one file; export one run per file"))
        }
        let times = r.points.compactMap(\.time)
        guard let start = r.activityID ?? r.lapStarts.min() ?? times.min() else {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "geen starttijd (Id, StartTime of trackpunttijden)",
                    en: "no start time (Id, StartTime or track point times)"))
        }
        try checkTrack(r.points, file: file)
        let laps = [
            (r.lapSeconds, "TotalTimeSeconds", "geen duur", "not a duration"),
            (r.lapMeters, "DistanceMeters", "geen afstand", "not a distance"),
        ]
        for (values, element, nl, en) in laps {
            for (i, value) in values.enumerated() where !value.isFinite || value < 0 {
                throw RunFileError(
                    file: file,
                    reason: LocalizedText(
                        nl: "ronde \(i + 1): \(element) \(value) is \(nl)",
                        en: "lap \(i + 1): \(element) \(value) is \(en)"))
            }
        }
        // The laps' summary is what the watch itself reports; the track is the fallback.
        var seconds: Double?
        if !r.lapSeconds.isEmpty { seconds = r.lapSeconds.reduce(0, +) }
        if seconds == nil, let first = times.min(), let last = times.max() {
            seconds = last.timeIntervalSince(first)
        }
        var meters: Double?
        if !r.lapMeters.isEmpty, r.lapMeters.count == r.lapStarts.count {
            meters = r.lapMeters.reduce(0, +)
        } else if let last = r.points.compactMap(\.meters).max() {
            meters = last
        }
        let km =
            meters.map { $0 / 1000 }
            ?? (r.points.contains { $0.position != nil } ? trackKm(r.points) : nil)
        return try run(
            file: file, start: start, seconds: seconds ?? 0, km: km,
            activity: activity(tcxSport: r.sport))
    }

    static func run(file: String, start: Date, seconds: Double, km: Double?, activity: Activity)
        throws(RunFileError) -> RecordedRun
    {
        // Checked before any conversion to Int: inf, nan or 1e300 seconds would trap there.
        guard seconds.isFinite, abs(seconds) <= Double(Validate.minutesRange.upperBound + 1) * 60
        else {
            let shown = abs(seconds) < 1e12 ? String(Int((seconds / 60).rounded())) : "\(seconds)"
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "duur \(shown) min valt buiten 1-1440 min",
                    en: "duration \(shown) min is outside 1-1440 min"))
        }
        let minutes = Int((seconds / 60).rounded())
        guard seconds > 0, minutes >= 1 else {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "geen duur (minder dan een halve minuut)",
                    en: "no duration (under half a minute)"))
        }
        guard Validate.minutesRange.contains(minutes) else {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "duur \(minutes) min valt buiten 1-1440 min",
                    en: "duration \(minutes) min is outside 1-1440 min"))
        }
        let rounded = km.map { ($0 * 100).rounded() / 100 }
        if let rounded, !rounded.isFinite || !Validate.kmRange.contains(rounded) {
            throw RunFileError(
                file: file,
                reason: LocalizedText(
                    nl: "afstand \(rounded) km valt buiten 0-300 km",
                    en: "distance \(rounded) km is outside 0-300 km"))
        }
        if let rounded, Plausibility.tooFast(km: rounded, minutes: minutes, activity: activity) {
            let reason = Phrase.implausibleSpeed(activity: activity, km: rounded, minutes: minutes)
            throw RunFileError(file: file, reason: reason)
        }
        let whole = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down))
        return RecordedRun(
            file: file, startTime: utcStamp(whole), start: whole, activity: activity,
            km: rounded, minutes: minutes)
    }

    // MARK: - Pieces

    /// Where the track is impossible: a position off the globe (or NaN), or a jump between two
    /// points faster than 50 m/s (180 km/h) over more than 200 m, or, without times, more than
    /// 10 km. Points are counted from 1 in file order.
    static func checkTrack(_ points: [TrackPoint], file: String) throws(RunFileError) {
        func refuse(_ nl: String, _ en: EnglishText) -> RunFileError {
            RunFileError(file: file, reason: LocalizedText(nl: nl, en: en))
        }
        var previous: (index: Int, point: TrackPoint)?
        for (i, point) in points.enumerated() {
            guard let p = point.position else { continue }
            guard p.lat.isFinite, p.lon.isFinite, (-90...90).contains(p.lat),
                (-180...180).contains(p.lon)
            else {
                throw refuse(
                    "trackpunt \(i + 1): positie \(p.lat), \(p.lon) ligt niet op aarde "
                        + "(breedte -90 tot 90, lengte -180 tot 180)",
                    "track point \(i + 1): position \(p.lat), \(p.lon) is not on Earth "
                        + "(latitude -90 to 90, longitude -180 to 180)")
            }
            defer { previous = (i, point) }
            guard let (j, before) = previous, before.segment == point.segment,
                let a = before.position
            else { continue }
            let meters = haversineMeters(a, p)
            let km = (meters / 10).rounded() / 100
            if let t0 = before.time, let t1 = point.time {
                let seconds = t1.timeIntervalSince(t0)
                if meters > 200, meters > 50 * max(seconds, 0) {
                    throw refuse(
                        "trackpunt \(j + 1) naar \(i + 1): een sprong van \(km) km in "
                            + "\(Int(max(seconds, 0))) s; dat kan niet (hoogstens 180 km/u)",
                        "track point \(j + 1) to \(i + 1): a jump of \(km) km in "
                            + "\(Int(max(seconds, 0))) s is impossible (at most 180 km/h)")
                }
            } else if meters > 10_000 {
                throw refuse(
                    "trackpunt \(j + 1) naar \(i + 1): een sprong van \(km) km zonder tijd",
                    "track point \(j + 1) to \(i + 1): a jump of \(km) km with no time")
            }
        }
    }

    /// Metres along the track, segment by segment (a pause between segments is not run).
    static func trackKm(_ points: [TrackPoint]) -> Double {
        var meters = 0.0
        var previous: TrackPoint?
        for point in points {
            if let p = previous, p.segment == point.segment, let a = p.position,
                let b = point.position
            {
                meters += haversineMeters(a, b)
            }
            previous = point
        }
        return meters / 1000
    }

    /// Great-circle distance on a sphere of the Earth's mean radius (IUGG, 6371.0088 km).
    static func haversineMeters(
        _ a: (lat: Double, lon: Double), _ b: (lat: Double, lon: Double)
    ) -> Double {
        let radius = 6_371_008.8
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad
        let dLon = (b.lon - a.lon) * rad
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, sqrt(h)))
    }

    static func activity(gpxType: String?) -> Activity {
        switch gpxType?.lowercased() {
        case "walking", "walk", "hiking": .walk
        case "cycling", "biking", "ride": .cycle
        case "swimming", "swim": .swim
        default: .run
        }
    }

    static func activity(tcxSport: String?) -> Activity {
        switch tcxSport {
        case "Biking": .cycle
        case "Other": .other
        default: .run
        }
    }

    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let year = String(c.year ?? 1970)
        return "\(year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):"
            + "\(two(c.second))Z"
    }

    /// ISO 8601 times as watches write them (RFC 3339): `YYYY-MM-DDThh:mm:ss`, an optional
    /// fraction of 1-9 digits, then `Z` or `±hh:mm`. Read by hand: ICU's date parser (behind
    /// ISO8601DateFormatter) crashed with a division by zero on a fraction of 80 digits (found
    /// by scripts/fuzz-imports.sh), and a run file is untrusted input.
    static func time(_ text: String) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard bytes.count >= 20, bytes.count <= 35 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ at: Int, is expected: Character) -> Bool {
            at < bytes.count && bytes[at] == expected.asciiValue
        }
        guard let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2),
            byte(7, is: "-"), let dayOfMonth = number(8, 2),
            byte(10, is: "T") || byte(10, is: "t"), let hour = number(11, 2),
            byte(13, is: ":"), let minute = number(14, 2), byte(16, is: ":"),
            let second = number(17, 2), hour < 24, minute < 60, second <= 60,
            let day = Day(year: year, month: month, day: dayOfMonth)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, is: ".") {
            var digits = 0
            var scale = 0.1
            index += 1
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                digits += 1
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard (1...9).contains(digits) else { return nil }
        }
        var offset = 0
        if byte(index, is: "Z") || byte(index, is: "z") {
            index += 1
        } else if byte(index, is: "+") || byte(index, is: "-") {
            guard let h = number(index + 1, 2), byte(index + 3, is: ":"),
                let m = number(index + 4, 2), h < 24, m < 60
            else { return nil }
            offset = (h * 60 + m) * 60 * (byte(index, is: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = day.number * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

struct TrackPoint {
    var segment: Int
    var position: (lat: Double, lon: Double)?
    var time: Date?
    /// TCX: distance so far, as the watch measured it.
    var meters: Double?
}

/// libxml2's SAX parser over a file's bytes, handing elements and text to a `TrackReader` in
/// document order.
enum XMLWalk {
    /// How libxml2 ended: `ok` 1 for a well-formed document, else where it stopped and why.
    static func run(_ data: Data, into reader: TrackReader) -> rehab_xml_result {
        var events = rehab_xml_events(
            start: { context, name, count, attributes in
                var pairs: [String: String] = [:]
                for i in 0..<Int(count) {
                    pairs[XMLWalk.string(attributes?[2 * i])] = XMLWalk.string(
                        attributes?[2 * i + 1])
                }
                XMLWalk.reader(context).start(XMLWalk.string(name), attributes: pairs)
            },
            end: { context, name in XMLWalk.reader(context).end(XMLWalk.string(name)) },
            characters: { context, bytes, length in
                guard let bytes else { return }
                let text = UnsafeRawBufferPointer(start: bytes, count: Int(length))
                XMLWalk.reader(context).characters(String(decoding: text, as: UTF8.self))
            })
        return data.withUnsafeBytes { raw in
            rehab_xml_parse(
                raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &events,
                Unmanaged.passUnretained(reader).toOpaque())
        }
    }

    /// The reader `run` handed libxml2 as the callbacks' context; never nil there.
    private static func reader(_ context: UnsafeMutableRawPointer?) -> TrackReader {
        guard let context else { preconditionFailure("libxml2 called back without a context") }
        return Unmanaged<TrackReader>.fromOpaque(context).takeUnretainedValue()
    }

    private static func string(_ text: UnsafePointer<CChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }
}

/// Collects what GPX and TCX files say about a run while `XMLWalk` reads them.
final class TrackReader {
    var root = ""
    var path: [String] = []
    var text = ""
    var points: [TrackPoint] = []
    var segment = 0
    var current: TrackPoint?
    var gpxType: String?
    // TCX
    var sport: String?
    var activities = 0
    var activityID: Date?
    var lapStarts: [Date] = []
    var lapSeconds: [Double] = []
    var lapMeters: [Double] = []
    var latitude: Double?
    var longitude: Double?

    func start(_ name: String, attributes: [String: String]) {
        if path.isEmpty { root = name }
        path.append(name)
        text = ""
        switch name {
        case "trkseg": segment += 1
        case "trkpt":
            let lat = attributes["lat"].flatMap(Double.init)
            let lon = attributes["lon"].flatMap(Double.init)
            let position = lat.flatMap { la in lon.map { (lat: la, lon: $0) } }
            current = TrackPoint(segment: segment, position: position)
        case "Activity":
            activities += 1
            if activities == 1 { sport = attributes["Sport"] }
        case "Lap" where activities == 1:
            if let start = attributes["StartTime"].flatMap(RunFile.time) { lapStarts.append(start) }
        case "Trackpoint" where activities == 1:
            current = TrackPoint(segment: segment)
            latitude = nil
            longitude = nil
        case "Track" where activities == 1: segment += 1
        default: break
        }
    }

    func characters(_ string: String) { text += string }

    func end(_ name: String) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (name, parent) {
        case ("time", "trkpt"), ("Time", "Trackpoint"): current?.time = RunFile.time(value)
        case ("type", "trk"): gpxType = value
        case ("trkpt", _):
            if let point = current { points.append(point) }
            current = nil
        case ("Id", "Activity") where activities == 1: activityID = RunFile.time(value)
        case ("TotalTimeSeconds", "Lap") where activities == 1:
            if let s = Double(value) { lapSeconds.append(s) }
        case ("DistanceMeters", "Lap") where activities == 1:
            if let m = Double(value) { lapMeters.append(m) }
        case ("DistanceMeters", "Trackpoint"): current?.meters = Double(value)
        case ("LatitudeDegrees", "Position"): latitude = Double(value)
        case ("LongitudeDegrees", "Position"): longitude = Double(value)
        case ("Trackpoint", _) where activities == 1:
            if var point = current {
                if let la = latitude, let lo = longitude { point.position = (la, lo) }
                points.append(point)
            }
            current = nil
        default: break
        }
        path.removeLast()
        text = ""
    }
}
