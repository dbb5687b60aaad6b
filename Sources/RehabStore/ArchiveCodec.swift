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
        let archive: Archive
        do {
            archive = try JSONDecoder().decode(Archive.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            // Foundation on Linux reports a number that does not fit its field (20.5 minutes)
            // as "not valid JSON" with no path; find the number so the message can name it.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let misfit = misfitNumber(in: json)
            {
                throw StoreError.importFailed(misfit)
            }
            throw StoreError.importFailed(describe(error))
        } catch {
            throw StoreError.importFailed("not a JSON document: \(error.localizedDescription)")
        }
        guard archive.format == "rehab-export" else {
            throw StoreError.importFailed(
                "format: expected rehab-export, found \(shown(archive.format))")
        }
        return archive
    }

    /// Fields that hold decimals; every other number in an archive is a whole number.
    static let decimalKeys: Set<String> = [
        "km", "starting_weekly_km", "start_km", "retire_km", "weekly_increase_pct",
        "session_spike_pct", "run", "walk", "run_minutes", "walk_minutes", "weekly_load",
        "starting_volume",
    ]

    /// The first number where a whole number belongs that is not one (or is too large), as
    /// "patients[0].sessions[1].minutes: 20.5 is not a whole number".
    static func misfitNumber(in json: String) -> String? {
        guard
            let root = try? JSONSerialization.jsonObject(
                with: Data(json.utf8), options: [.fragmentsAllowed])
        else { return nil }
        func walk(_ value: Any, _ path: String, _ key: String) -> String? {
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
                    return "\(path): \(shown(number.stringValue)) is not a whole number"
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

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let i = key.intValue {
                    text += "[\(i)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "document" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not a JSON document" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
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
        "pain", "start_km", "retire_km", "yaml",
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

    /// Reads what `csv(_:)` writes. Errors say the line and the column.
    public static func archive(csv: String) throws -> Archive {
        let rows = try CSVTable.parse(csv)
        guard let header = rows.first else { throw StoreError.importFailed("line 1: empty file") }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard columns.contains(name) else {
                throw StoreError.importFailed(
                    "line 1: unknown column \"\(ArchiveCodec.shown(name))\"")
            }
            guard index[name] == nil else {
                throw StoreError.importFailed(
                    "line 1: column \"\(ArchiveCodec.shown(name))\" twice")
            }
            index[name] = i
        }
        guard index["record"] != nil, index["patient"] != nil else {
            throw StoreError.importFailed("line 1: the columns record and patient are required")
        }
        var patients: [ArchivedPatient] = []
        var byName: [String: Int] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                throw StoreError.importFailed(
                    "line \(row.line): \(row.fields.count) fields, the header has "
                        + "\(header.fields.count)")
            }
            let cells = CSVRow(line: row.line, fields: row.fields, index: index)
            let record = try cells.text("record")
            let name = try cells.text("patient")
            if record == "patient" {
                guard !name.isEmpty else { throw cells.error("patient", "a name is needed") }
                var languageValue: Language?
                let language = try cells.text("language")
                if !language.isEmpty {
                    guard let l = Language(rawValue: language) else {
                        throw cells.error(
                            "language",
                            "expected nl or en, found \"\(ArchiveCodec.shown(language))\"")
                    }
                    languageValue = l
                }
                byName[name] = patients.count
                patients.append(
                    ArchivedPatient(
                        name: name, language: languageValue,
                        archived: try cells.bool("archived") ?? false))
                continue
            }
            guard let p = byName[name] else {
                throw cells.error("patient", "\"\(name)\" has no patient row above this line")
            }
            switch record {
            case "assignment":
                guard patients[p].assignment == nil else {
                    throw cells.error("record", "a second assignment for \"\(name)\"")
                }
                let overridesText = try cells.text("overrides")
                var overrides = PlanOverrides()
                if !overridesText.isEmpty {
                    do {
                        overrides = try OverridesDoc.overrides(json: overridesText)
                    } catch {
                        throw cells.error("overrides", "not a valid overrides JSON object")
                    }
                }
                patients[p].assignment = Assignment(
                    planID: try cells.required("plan"),
                    variantID: try cells.optionalText("variant"),
                    startDate: try cells.day("start_date"),
                    startingWeeklyKm: try cells.double("starting_weekly_km"),
                    overrides: overrides, phaseHistory: [])
            case "phase_change":
                guard patients[p].assignment != nil else {
                    throw cells.error(
                        "record", "a phase_change before the assignment of \"\(name)\"")
                }
                let reasonText = try cells.text("reason")
                guard let reason = PhaseChangeReason(rawValue: reasonText) else {
                    let allowed = PhaseChangeReason.allCases.map(\.rawValue).joined(separator: ", ")
                    throw cells.error(
                        "reason", "expected one of \(allowed), found \"\(reasonText)\"")
                }
                patients[p].assignment?.phaseHistory.append(
                    PhaseChange(
                        phase: try cells.required("phase"), date: try cells.day("date"),
                        reason: reason, note: try cells.optionalText("note")))
            case "session":
                let activityText = try cells.text("activity")
                guard let activity = Activity(rawValue: activityText) else {
                    let allowed = Activity.allCases.map(\.rawValue).joined(separator: ", ")
                    throw cells.error(
                        "activity", "expected one of \(allowed), found \"\(activityText)\"")
                }
                patients[p].sessions.append(
                    Session(
                        id: try cells.int64("id"), date: try cells.day("date"), activity: activity,
                        km: try cells.double("km"), minutes: try cells.requiredInt("minutes"),
                        painDuring: try cells.requiredInt("pain_during"),
                        painAfter: try cells.requiredInt("pain_after"),
                        lastedOver2h: try cells.bool("lasted_over_2h") ?? false,
                        flags: try cells.flags(), shoe: try cells.optionalText("shoe"),
                        note: try cells.text("note"), calfRaises: try cells.int("calf_raises"),
                        hopTest: try cells.int("hop_test"),
                        startTime: try cells.optionalText("start_time")))
            case "plan_file":
                guard patients[p].planFile == nil else {
                    throw cells.error("record", "a second plan_file for \"\(name)\"")
                }
                patients[p].planFile = StoredPlanFile(
                    planID: try cells.required("plan"), yaml: try cells.required("yaml"))
            case "morning":
                patients[p].mornings.append(
                    MorningCheck(
                        date: try cells.day("date"), pain: try cells.requiredInt("pain"),
                        flags: try cells.flags()))
            case "clearing":
                patients[p].clearings.append(
                    FlagClearing(
                        date: try cells.day("date"), reason: try cells.text("reason"),
                        cleared: try cells.flags().map { token in
                            guard let report = FlagReport(token: token) else {
                                throw cells.error("flags", "'\(token)' is not flag@YYYY-MM-DD")
                            }
                            return report
                        }))
            case "shoe":
                guard let start = try cells.double("start_km") else {
                    throw cells.error("start_km", "a number is needed")
                }
                guard let retire = try cells.double("retire_km") else {
                    throw cells.error("retire_km", "a number is needed")
                }
                patients[p].shoes.append(
                    Shoe(name: try cells.required("shoe"), startKm: start, retireKm: retire))
            default:
                throw cells.error(
                    "record",
                    "expected patient, assignment, phase_change, plan_file, session, morning, "
                        + "clearing or shoe, found \"\(record)\"")
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

    func error(_ column: String, _ message: String) -> StoreError {
        .importFailed("line \(line), column \(column): \(message)")
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
        guard !value.isEmpty else { throw error(column, "a value is needed") }
        return value
    }

    func day(_ column: String) throws -> Day {
        let value = try text(column)
        guard let day = Day(iso: value) else {
            throw error(
                column, "expected a date YYYY-MM-DD, found \"\(ArchiveCodec.shown(value))\"")
        }
        return day
    }

    func int(_ column: String) throws -> Int? {
        let value = try text(column)
        if value.isEmpty { return nil }
        // Digits only: Swift's Int("+18") would take a sign a person did not mean.
        guard CSVRow.isWhole(value), let n = Int(value) else {
            throw error(column, "expected a whole number, found \"\(ArchiveCodec.shown(value))\"")
        }
        return n
    }

    func requiredInt(_ column: String) throws -> Int {
        guard let n = try int(column) else { throw error(column, "a whole number is needed") }
        return n
    }

    func int64(_ column: String) throws -> Int64? {
        let value = try text(column)
        if value.isEmpty { return nil }
        guard CSVRow.isWhole(value), let n = Int64(value) else {
            throw error(column, "expected a whole number, found \"\(ArchiveCodec.shown(value))\"")
        }
        return n
    }

    func double(_ column: String) throws -> Double? {
        let value = try text(column)
        if value.isEmpty { return nil }
        // Dot decimals only: "7,25" from a Dutch spreadsheet is refused rather than misread.
        // Digits and one dot only: Double("0x10") is 16, Double("1e3") is 1000, "inf" and
        // "nan" parse too; none of them is what a spreadsheet cell means.
        guard CSVRow.isDecimal(value), let n = Double(value), n.isFinite else {
            throw error(
                column,
                "expected a number with a dot for decimals, found \"\(ArchiveCodec.shown(value))\"")
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
            throw error(column, "expected true or false, found \"\(ArchiveCodec.shown(other))\"")
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

/// An RFC 4180 reader: quoted fields may hold commas, quotes and line breaks; lines end with
/// CRLF, LF or CR. Each record keeps the line it starts on, for error messages.
enum CSVTable {
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func parse(_ text: String) throws -> [Record] {
        // Walked in place: a copy as [Unicode.Scalar] took four bytes per character of the
        // file on top of the file itself.
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        if i < scalars.endIndex, scalars[i] == "\u{FEFF}" { i = scalars.index(after: i) }
        /// The scalar after `index`, if any.
        func following(_ index: String.UnicodeScalarView.Index) -> Unicode.Scalar? {
            let next = scalars.index(after: index)
            return next < scalars.endIndex ? scalars[next] : nil
        }
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var wasQuoted = false
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
        }
        func endRecord() {
            endField()
            // A blank line (one empty unquoted field) is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }
        while i < scalars.endIndex {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if following(i) == "\"" {
                        field.append("\"")
                        i = scalars.index(i, offsetBy: 2)
                        continue
                    }
                    inQuotes = false
                    wasQuoted = true
                } else {
                    if c == "\n" || (c == "\r" && following(i) != "\n") {
                        line += 1
                    }
                    field.append(c)
                }
                i = scalars.index(after: i)
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw StoreError.importFailed(
                        "line \(line): a quote inside a field that does not start with one")
                }
                inQuotes = true
            case ",":
                endField()
            case "\r", "\n":
                if c == "\r", following(i) == "\n" { i = scalars.index(after: i) }
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !wasQuoted else {
                    throw StoreError.importFailed("line \(line): text after a closing quote")
                }
                field.append(c)
            }
            i = scalars.index(after: i)
        }
        if inQuotes {
            throw StoreError.importFailed("line \(recordLine): a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
