// Questionnaire files: a practice adds a licensed questionnaire (VISA-A, LEFS, KOOS…) as a YAML
// file beside its plans, read into a RehabCore.Instrument with the same limits and
// `file:line:column` errors as plan files. The schema is in plans/SCHEMA.md ("Questionnaires").

import Foundation
import RehabCore

public enum QuestionnaireFile {
    /// Reads and validates `<folder>/<id>.yaml`; the id must equal the file name stem.
    public static func load(path: String) throws(PlanFileErrors) -> Instrument {
        let bytes = try PlanFile.read(path: path)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(bytes: bytes, file: path, expectedID: stem)
    }

    /// `rehab questionnaires check FILE`: every problem, in file order (empty when it is good).
    public static func check(path: String) -> [PlanError] {
        do {
            _ = try load(path: path)
            return []
        } catch {
            return error.errors
        }
    }

    public static func parse(bytes: [UInt8], file: String, expectedID: String?)
        throws(PlanFileErrors) -> Instrument
    {
        let root = try PlanFile.root(bytes, file: file) { _ in
            t(
                "ongeldige UTF-8; vragenlijstbestanden moeten UTF-8 zijn",
                "invalid UTF-8; questionnaire files must be UTF-8")
        }
        var schema = QuestionnaireSchema(reader: SchemaReader(file: file), expectedID: expectedID)
        let instrument = schema.instrument(root)
        guard let instrument, schema.reader.errors.isEmpty else {
            throw PlanFileErrors(schema.reader.errors)
        }
        return instrument
    }
}

struct QuestionnaireSchema {
    var reader: SchemaReader
    let expectedID: String?

    static let required = ["id", "names", "source", "scale", "scoring", "items"]
    static let maxItems = 100

    mutating func instrument(_ root: YAMLNode?) -> Instrument? {
        guard
            let f = reader.topFields(
                root, of: .questionnaire, required: Self.required, optional: ["languages"])
        else { return nil }
        let id = reader.identifier(f["id"], "id")
        if let id, let node = f["id"] {
            if let expectedID, id != expectedID {
                reader.fail(node.mark, SchemaReader.idMismatch(id, expected: expectedID))
            }
            if Instrument.builtIn.contains(where: { $0.id == id }) {
                reader.fail(
                    node.mark,
                    t(
                        "id: \(id) is een ingebouwde meting; geef de vragenlijst een andere id",
                        "id: \(id) is a built-in measure; give the questionnaire another id"))
            }
        }
        let names = reader.text(f["names"], "names")
        let source = reader.string(f["source"], "source")
        languages(f["languages"])
        let scale = self.scale(f["scale"])
        let items = self.items(f["items"])
        let scoring = self.scoring(f["scoring"], scale: scale, itemCount: items?.count)
        guard let id, let names, let source, let scale, let items, let scoring,
            reader.errors.isEmpty
        else { return nil }
        return Instrument(
            id: id, names: names, source: source, scale: scale, method: scoring.method,
            scoreRange: scoring.range, higherIsBetter: scoring.higherIsBetter, mcid: scoring.mcid,
            mcidPercent: scoring.mcidPercent, items: .fixed(items))
    }

    /// Every text is read in both languages; the list says so, and nothing else is allowed.
    private mutating func languages(_ node: YAMLNode?) {
        guard let nodes = reader.list(node, "languages") else { return }
        for (i, item) in nodes.enumerated() {
            let _: Language? = reader.choice(item, "languages[\(i)]", .language)
        }
    }

    private mutating func scale(_ node: YAMLNode?) -> ClosedRange<Int>? {
        guard let node, let f = reader.fields(node, "scale", required: ["min", "max"]) else {
            return nil
        }
        let min = reader.int(f["min"], "scale.min", -100...1000)
        let max = reader.int(f["max"], "scale.max", -100...1000)
        guard let min, let max else { return nil }
        guard min < max else {
            if let mark = f["max"]?.mark {
                reader.fail(
                    mark,
                    t(
                        "scale.max: \(max) moet boven scale.min \(min) liggen",
                        "scale.max: \(max) must be above scale.min \(min)"))
            }
            return nil
        }
        return min...max
    }

    private mutating func items(_ node: YAMLNode?) -> [InstrumentItem]? {
        guard let nodes = reader.list(node, "items"), let node else { return nil }
        guard !nodes.isEmpty else {
            reader.fail(
                node.mark, t("items: noem minstens één vraag", "items: list at least one item"))
            return nil
        }
        guard nodes.count <= Self.maxItems else {
            reader.fail(
                node.mark,
                t(
                    "items: \(nodes.count) vragen; hoogstens \(Self.maxItems)",
                    "items: \(nodes.count) items; at most \(Self.maxItems)"))
            return nil
        }
        var seen: [String: Mark] = [:]
        var result: [InstrumentItem] = []
        for (i, item) in nodes.enumerated() {
            let path = "items[\(i)]"
            guard let f = reader.fields(item, path, required: ["id", "text"]) else { continue }
            let id = reader.identifier(f["id"], f.path("id"))
            let text = reader.text(f["text"], f.path("text"))
            if let id, let mark = f["id"]?.mark {
                reader.once(id, at: mark, seen: &seen) { first in
                    t(
                        "\(f.path("id")): \(id) wordt twee keer gebruikt (eerst op regel "
                            + "\(first.line))",
                        "\(f.path("id")): \(id) is used twice (first at line \(first.line))")
                }
            }
            if let id, let text { result.append(InstrumentItem(id: id, text: text)) }
        }
        return result.count == nodes.count ? result : nil
    }

    struct Scoring {
        var method: ScoringMethod
        var range: ClosedRange<Double>
        var higherIsBetter: Bool
        var mcid: Double
        var mcidPercent: Double?
    }

    /// The score's range must be what the scale and the items give, so a file cannot claim a
    /// range its answers cannot reach (the chart and the MCID band depend on it).
    private mutating func scoring(_ node: YAMLNode?, scale: ClosedRange<Int>?, itemCount: Int?)
        -> Scoring?
    {
        guard let node,
            let f = reader.fields(
                node, "scoring", required: ["method", "min", "max", "higher_is_better", "mcid"],
                optional: ["mcid_percent"])
        else { return nil }
        let method: ScoringMethod? = reader.choice(f["method"], "scoring.method", .scoringMethod)
        let min = reader.number(f["min"], "scoring.min", -100_000...100_000)
        let max = reader.number(f["max"], "scoring.max", -100_000...100_000)
        let higher = reader.bool(f["higher_is_better"], "scoring.higher_is_better")
        let mcid = reader.number(f["mcid"], "scoring.mcid", 0...100_000)
        let percent = reader.number(f["mcid_percent"], "scoring.mcid_percent", 1...100)
        guard let method, let min, let max, let higher, let mcid else { return nil }
        if let scale, let itemCount {
            let count = Double(method == .sum ? itemCount : 1)
            let expected = (Double(scale.lowerBound) * count, Double(scale.upperBound) * count)
            let range = "\(scale.lowerBound)-\(scale.upperBound)"
            let how =
                method == .sum
                ? t(
                    "\(counted(itemCount, "vraag", "vragen")) × schaal \(range)",
                    "\(itemCount) items × scale \(range)")
                : t("het gemiddelde van schaal \(range)", "the mean of scale \(range)")
            if min != expected.0, let mark = f["min"]?.mark {
                reader.fail(mark, mismatch("scoring.min", min, how, expected.0))
            }
            if max != expected.1, let mark = f["max"]?.mark {
                reader.fail(mark, mismatch("scoring.max", max, how, expected.1))
            }
        }
        if mcid == 0 || (max > min && mcid > max - min), let mark = f["mcid"]?.mark {
            reader.fail(
                mark,
                t(
                    "scoring.mcid: \(format(mcid)) moet boven 0 liggen en hoogstens het bereik "
                        + "van de score zijn, \(format(max - min))",
                    "scoring.mcid: \(format(mcid)) must be above 0 and at most the score's span "
                        + "\(format(max - min))"))
        }
        guard min < max else { return nil }
        return Scoring(
            method: method, range: min...max, higherIsBetter: higher, mcid: mcid,
            mcidPercent: percent)
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// "scoring.min: 5 does not match 10 items × scale 0-10, which gives 0".
    private func mismatch(_ path: String, _ value: Double, _ how: LocalizedText, _ expected: Double)
        -> LocalizedText
    {
        t(
            "\(path): \(format(value)) past niet bij \(how.nl), wat \(format(expected)) geeft",
            "\(path): \(format(value)) does not match \(how), which gives \(format(expected))")
    }
}

/// Where questionnaire files are found: `--questionnaires DIR`, else
/// `$XDG_DATA_HOME/rehab/questionnaires` (or `~/.local/share/rehab/questionnaires`).
public struct QuestionnaireLibrary: Sendable {
    public var folder: String
    /// Whether the folder was named explicitly (then a missing folder is an error).
    public var explicit: Bool

    public init(folder: String, explicit: Bool) {
        self.folder = folder
        self.explicit = explicit
    }

    public static func standard(explicit: String?, environment: [String: String])
        -> QuestionnaireLibrary
    {
        if let explicit, !explicit.isEmpty {
            return QuestionnaireLibrary(folder: explicit, explicit: true)
        }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return QuestionnaireLibrary(folder: base + "/rehab/questionnaires", explicit: false)
    }

    /// The `.yaml` files in the folder, sorted by name; none when it does not exist.
    public var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    public var folderExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The questionnaires that load, and the problems of those that do not.
    public func all() -> (instruments: [Instrument], errors: [PlanError]) {
        var instruments: [Instrument] = []
        var errors: [PlanError] = []
        for file in files {
            do {
                instruments.append(try QuestionnaireFile.load(path: file))
            } catch {
                errors += error.errors
            }
        }
        return (instruments, errors)
    }
}
