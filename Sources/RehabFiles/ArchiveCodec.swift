import Foundation
import RehabCore

/// Archive ⇄ text: JSON for programs, one CSV file for spreadsheets. Both are exact inverses.
public enum ArchiveCodec {
    // MARK: - JSON

    /// Pretty, sorted keys, snake_case names, ISO dates.
    public static func json(_ archive: Archive) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(archive), as: UTF8.self) + "\n"
    }

    /// Errors name the path of the bad field, e.g. `patients[0].sessions[2].pain_during`.
    public static func archive(json: String) throws -> Archive {
        try archive(json: json, placing: { $0 })
    }

    /// `placing` turns a path in `json` into the path a message names (a streamed piece's
    /// place in the whole file).
    static func archive(json: String, placing: (String) -> String) throws -> Archive {
        let archive: Archive
        do {
            archive = try JSONDecoder().decode(Archive.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            // Foundation on Linux reports a number that does not fit its field (20.5 minutes)
            // as "not valid JSON" with no path; find the number so the message can name it.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let misfit = misfitNumber(in: json, placing: placing)
            {
                throw StoreError.importFailed(misfit)
            }
            throw StoreError.importFailed(describe(error, placing: placing))
        } catch {
            throw StoreError.importFailed(FormatPhrase.notJSON(error.localizedDescription))
        }
        guard archive.format == "rehab-export" else {
            throw StoreError.importFailed(FormatPhrase.wrongFormat(shown(archive.format)))
        }
        return archive
    }

    /// Fields that hold decimals; every other number in an archive is a whole number.
    static let decimalKeys = Set(
        [
            "km", "starting_weekly_km", "start_km", "retire_km", "run", "walk", "run_minutes",
            "walk_minutes", "weekly_load", "starting_volume",
        ] + ThresholdDescriptor.all.filter(\.isDecimal).map(\.archiveKey))

    /// The first number where a whole number belongs that is not one (or is too large), as
    /// "patients[0].sessions[1].minutes: 20.5 is not a whole number".
    static func misfitNumber(in json: String, placing: (String) -> String = { $0 })
        -> LocalizedText?
    {
        guard
            let root = try? JSONSerialization.jsonObject(
                with: Data(json.utf8), options: [.fragmentsAllowed])
        else { return nil }
        func walk(_ value: Any, _ path: String, _ key: String) -> LocalizedText? {
            if let object = value as? [String: Any] {
                for name in object.keys.sorted() {
                    let inner = path.isEmpty ? name : path + "." + name
                    if let found = walk(object[name] as Any, inner, name) { return found }
                }
            } else if let array = value as? [Any] {
                for (i, item) in array.enumerated() {
                    if let found = walk(item, path + "[\(i)]", key) { return found }
                }
            } else if let number = value as? NSNumber, !(value is Bool),
                !decimalKeys.contains(key)
            {
                let d = number.doubleValue
                if !d.isFinite || d != d.rounded() || abs(d) > 9e15 {
                    return FormatPhrase.notAWholeNumber(
                        placing(path), shown(number.stringValue))
                }
            }
            return nil
        }
        return walk(root, "", "")
    }

    /// A value from the file as a message shows it: at most 40 characters.
    static func shown(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    static func describe(_ error: DecodingError, placing: (String) -> String = { $0 })
        -> LocalizedText
    {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let i = key.intValue {
                    text += "[\(i)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "document" : placing(text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FormatPhrase.missing(path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            return FormatPhrase.expectedType(path(context.codingPath), "\(type)")
        case .valueNotFound(let type, let context):
            return FormatPhrase.expectedTypeFoundNull(path(context.codingPath), "\(type)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return FormatPhrase.notJSON() }
            // `Day` says this of a bad date, Swift's decoding of a raw value the second
            // ("Cannot initialize Activity from invalid String value jog"); the English
            // keeps their words, the Dutch says the same in its own.
            let detail = context.debugDescription
            let notADate = "not a date YYYY-MM-DD: "
            if detail.hasPrefix(notADate) {
                return FormatPhrase.notADate(
                    path(context.codingPath), String(detail.dropFirst(notADate.count)))
            }
            if detail.hasPrefix("Cannot initialize "),
                let value = detail.range(of: " value ", options: .backwards)
            {
                return FormatPhrase.unknownValue(
                    path(context.codingPath), String(detail[value.upperBound...]), detail)
            }
            return FormatPhrase.badValue(path(context.codingPath), detail)
        @unknown default:
            return FormatPhrase.undecodable("\(error)")
        }
    }

    // MARK: - CSV

    /// The columns, in order. A row's `record` says which of them it uses.
    static let columns = [
        "record", "patient", "language", "archived",
        "plan", "variant", "start_date", "starting_weekly_km", "overrides",
        "phase", "date", "reason",
        "id", "activity", "km", "minutes", "pain_during", "pain_after", "lasted_over_2h",
        "flags", "shoe", "note", "calf_raises", "hop_test", "start_time",
        "pain", "start_km", "retire_km", "yaml", "instrument", "answers", "by", "early",
    ]

    /// Cells a person typed; a spreadsheet must not run them as formulas.
    static let textColumns: Set<String> = [
        "patient", "plan", "variant", "phase", "reason", "shoe", "note", "yaml",
    ]

    /// One file: a header row, then per patient a `patient` row followed by its `assignment`,
    /// `phase_change`, `plan_file`, `session`, `morning`, `clearing` and `shoe` rows. ISO dates, dot
    /// decimals, RFC 4180 quoting, CRLF line ends, flags joined with `;`, overrides as JSON.
    public static func csv(_ archive: Archive) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        func row(_ record: String, _ patient: String, _ cells: [String: String]) {
            var all = cells
            all["record"] = record
            all["patient"] = patient
            out +=
                columns.map { column in
                    let value = all[column] ?? ""
                    return quoted(textColumns.contains(column) ? defused(value) : value)
                }.joined(separator: ",") + "\r\n"
        }
        for p in archive.patients {
            row(
                "patient", p.name,
                ["language": p.language?.rawValue ?? "", "archived": bool(p.archived)])
            if let a = p.assignment {
                let overrides =
                    a.overrides.isEmpty ? "" : ((try? OverridesDoc.json(a.overrides)) ?? "")
                row(
                    "assignment", p.name,
                    [
                        "plan": a.planID, "variant": a.variantID ?? "",
                        "start_date": a.startDate.iso,
                        "starting_weekly_km": number(a.startingWeeklyKm), "overrides": overrides,
                    ])
                for c in a.phaseHistory {
                    row(
                        "phase_change", p.name,
                        [
                            "phase": c.phase, "date": c.date.iso, "reason": c.reason.rawValue,
                            "note": c.note ?? "",
                        ])
                }
            }
            if let f = p.planFile {
                row("plan_file", p.name, ["plan": f.planID, "yaml": f.yaml])
            }
            if let d = p.discharge {
                row(
                    "discharge", p.name,
                    ["date": d.date.iso, "by": d.by, "early": bool(d.early)])
            }
            for s in p.sessions {
                row(
                    "session", p.name,
                    [
                        "id": s.id.map(String.init) ?? "", "date": s.date.iso,
                        "activity": s.activity.rawValue, "km": number(s.km),
                        "minutes": String(s.minutes), "pain_during": String(s.painDuring),
                        "pain_after": String(s.painAfter), "lasted_over_2h": bool(s.lastedOver2h),
                        "flags": s.flags.joined(separator: ";"), "shoe": s.shoe ?? "",
                        "note": s.note, "calf_raises": s.calfRaises.map(String.init) ?? "",
                        "hop_test": s.hopTest.map(String.init) ?? "",
                        "start_time": s.startTime ?? "",
                    ])
            }
            for m in p.mornings {
                row(
                    "morning", p.name,
                    [
                        "date": m.date.iso, "pain": String(m.pain),
                        "flags": m.flags.joined(separator: ";"),
                    ])
            }
            for c in p.clearings {
                row(
                    "clearing", p.name,
                    [
                        "date": c.date.iso, "reason": c.reason,
                        "flags": c.cleared.map(\.token).joined(separator: ";"),
                    ])
            }
            for m in p.measurements {
                row(
                    "measurement", p.name,
                    [
                        "date": m.date.iso, "instrument": m.instrument,
                        "answers": MeasureCSV.answers(m.answers),
                    ])
            }
            for n in p.notes {
                row("note", p.name, ["date": n.date.iso, "note": n.text])
            }
            for s in p.shoes {
                row(
                    "shoe", p.name,
                    [
                        "shoe": s.name, "start_km": number(s.startKm),
                        "retire_km": number(s.retireKm),
                    ])
            }
        }
        return out
    }

    static func bool(_ value: Bool) -> String { value ? "true" : "false" }

    /// Shortest text that reads back as the same Double; whole numbers without ".0".
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A leading `'` keeps a spreadsheet from reading `=…`, `+…`, `-…` or `@…` as a formula;
    /// reading strips one leading `'`, so a cell that starts with `'` gets one too.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return "=+-@'\t\r".unicodeScalars.contains(first) ? "'" + text : text
    }

    static func undefused(_ text: String) -> String {
        text.hasPrefix("'") ? String(text.dropFirst()) : text
    }

    static func quoted(_ cell: String) -> String {
        let needs =
            cell.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
            || cell.hasPrefix(" ") || cell.hasSuffix(" ")
        guard needs else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads what `csv(_:)` writes, all at once (for files small enough to hold whole; `rehab
    /// import` streams through `CSVArchiveReader` instead). Errors say the line and the column.
    public static func archive(csv: String) throws -> Archive {
        var reader = try CSVArchiveReader(bytes: Array(csv.utf8))
        var patients: [ArchivedPatient] = []
        while let piece = try reader.next() {
            if piece.isFirst {
                patients.append(piece.patient)
            } else {
                patients[patients.count - 1].append(records: piece.patient)
            }
        }
        return Archive(patients: patients)
    }
}

/// One data row with typed access to its cells; every error names the line and the column.
struct CSVRow {
    var line: Int
    var fields: [String]
    var index: [String: Int]

    func error(_ column: String, _ message: LocalizedText) -> StoreError {
        .importFailed(FormatPhrase.cell(line, column, message))
    }

    /// The cell as written (formula guard removed); "" when the column is absent.
    func text(_ column: String) throws -> String {
        guard let i = index[column] else { return "" }
        let raw = fields[i]
        return ArchiveCodec.textColumns.contains(column) ? ArchiveCodec.undefused(raw) : raw
    }

    func optionalText(_ column: String) throws -> String? {
        let value = try text(column)
        return value.isEmpty ? nil : value
    }

    func required(_ column: String) throws -> String {
        let value = try text(column)
        guard !value.isEmpty else { throw error(column, FormatPhrase.valueNeeded()) }
        return value
    }

    func day(_ column: String) throws -> Day {
        let value = try text(column)
        guard let day = Day(iso: value) else {
            throw error(column, FormatPhrase.expectedDate(found: ArchiveCodec.shown(value)))
        }
        return day
    }

    func int(_ column: String) throws -> Int? { try whole(column) }

    /// An empty cell is nil.
    func whole<Number: FixedWidthInteger>(_ column: String) throws -> Number? {
        let value = try text(column)
        if value.isEmpty { return nil }
        // Digits only: Swift's Int("+18") would take a sign a person did not mean.
        guard CSVRow.isWhole(value), let n = Number(value) else {
            throw error(
                column, FormatPhrase.expectedWholeNumber(found: ArchiveCodec.shown(value)))
        }
        return n
    }

    func requiredInt(_ column: String) throws -> Int {
        guard let n = try int(column) else {
            throw error(column, FormatPhrase.wholeNumberNeeded())
        }
        return n
    }

    func int64(_ column: String) throws -> Int64? { try whole(column) }

    func double(_ column: String) throws -> Double? {
        let value = try text(column)
        if value.isEmpty { return nil }
        // Dot decimals only: "7,25" from a Dutch spreadsheet is refused rather than misread.
        // Digits and one dot only: Double("0x10") is 16, Double("1e3") is 1000, "inf" and
        // "nan" parse too; none of them is what a spreadsheet cell means.
        guard CSVRow.isDecimal(value), let n = Double(value), n.isFinite else {
            throw error(
                column, FormatPhrase.expectedDotDecimal(found: ArchiveCodec.shown(value)))
        }
        return n
    }

    static func isWhole(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.count <= 18
            && digits.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isWhole(String(parts[0])) else { return false }
        return parts.count == 1
            || (!parts[1].isEmpty
                && parts[1].unicodeScalars.allSatisfy { ("0"..."9").contains($0) })
    }

    func bool(_ column: String) throws -> Bool? {
        switch try text(column).lowercased() {
        case "": return nil
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        case let other:
            throw error(column, FormatPhrase.expectedBool(found: ArchiveCodec.shown(other)))
        }
    }

    func flags() throws -> [String] {
        let value = try text("flags")
        return value.isEmpty
            ? []
            : value.split(separator: ";", omittingEmptySubsequences: false)
                .map(String.init)
    }
}
