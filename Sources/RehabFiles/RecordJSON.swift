import Foundation
import RehabCore

// The JSON of a record's structured columns (overrides, flag lists, cleared reports,
// answers): a format like the archives', so it lives with them, and both stores write and
// read it through here.

/// The text forms of a record's structured columns, shared by the stores so both write and
/// read the same JSON.
public enum RecordJSON {
    public static func overrides(_ overrides: PlanOverrides) throws -> String {
        try OverridesDoc.json(overrides)
    }

    public static func overrides(json: String) throws -> PlanOverrides {
        try OverridesDoc.overrides(json: json)
    }

    public static func answers(_ answers: [ItemAnswer]) -> String { MeasureCSV.answers(answers) }

    public static func answers(json: String) throws -> [ItemAnswer] {
        try JSONDecoder().decode([ItemAnswer].self, from: Data(json.utf8))
    }

    /// Sessions as the JSON archive writes them, one array element a session (absent
    /// optionals left out): how the clinic hands many rows to its server in one statement.
    public static func sessions(_ sessions: [Session]) throws -> String {
        String(decoding: try JSONEncoder().encode(sessions.map(SessionDoc.init)), as: UTF8.self)
    }

    /// Morning checks as the JSON archive writes them, as `sessions(_:)`.
    public static func mornings(_ mornings: [MorningCheck]) throws -> String {
        String(decoding: try JSONEncoder().encode(mornings.map(MorningDoc.init)), as: UTF8.self)
    }

    public static func flags(_ flags: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(flags), as: UTF8.self)
    }

    /// A clearing's reports as stored: "flag@YYYY-MM-DD" items.
    public static func reports(json: String) throws -> [FlagReport] {
        try flags(json: json).map { token in
            guard let report = FlagReport(token: token) else {
                throw StoreError.importFailed(
                    FormatPhrase.at("flag_clearing.cleared", FormatPhrase.notAFlagReport(token)))
            }
            return report
        }
    }

    public static func flags(json: String) throws -> [String] {
        // Nearly every row has none; skip the JSON decoder for them.
        if json == "[]" { return [] }
        if let plain = plainStrings(json) { return plain }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    /// `["a","b"]` as the store writes flag lists, without Foundation's decoder (which costs
    /// more than the rest of a row on a clinic's list); nil for anything else (spaces,
    /// escapes, other values), which the decoder reads.
    static func plainStrings(_ json: String) -> [String]? {
        var utf8 = Substring(json).utf8
        guard utf8.popFirst() == UInt8(ascii: "["), utf8.popLast() == UInt8(ascii: "]") else {
            return nil
        }
        var result: [String] = []
        while !utf8.isEmpty {
            if !result.isEmpty {
                guard utf8.popFirst() == UInt8(ascii: ",") else { return nil }
            }
            guard utf8.popFirst() == UInt8(ascii: "\""),
                let end = utf8.firstIndex(of: UInt8(ascii: "\""))
            else { return nil }
            let text = utf8[..<end]
            // Escapes and control characters are left to the decoder.
            guard !text.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                return nil
            }
            result.append(String(Substring(text)))
            utf8 = utf8[utf8.index(after: end)...]
        }
        return result
    }
}
