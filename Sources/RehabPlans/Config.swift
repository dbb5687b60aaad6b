// The user's config file, `$XDG_CONFIG_HOME/rehab/config.yaml`: read with the same YAML event
// reader and schema reader as plan files, so every problem has a file:line:column.

import Foundation
import RehabCore

public enum ConfigFile {
    /// A config file is a few lines; anything this big is not one.
    public static let maxBytes = 64 * 1024

    /// `$XDG_CONFIG_HOME/rehab/config.yaml` when XDG_CONFIG_HOME is absolute (the XDG spec says
    /// to ignore a relative one), else `$HOME/.config/rehab/config.yaml`.
    public static func path(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "rehab/config.yaml")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return join(home, ".config/rehab/config.yaml")
    }

    static func join(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }

    /// The settings in the file, or empty settings when there is no file.
    public static func load(path: String) throws(PlanFileErrors) -> Settings {
        func refuse(_ text: LocalizedText) -> PlanFileErrors {
            PlanFileErrors([PlanError(file: path, line: 1, column: 1, text: text)])
        }
        guard FileManager.default.fileExists(atPath: path) else { return Settings() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw refuse(
                t(
                    "kan het bestand niet lezen: geen toestemming of geen bestand",
                    "cannot read the file: no permission or not a file"))
        }
        guard data.count <= maxBytes else {
            throw refuse(
                t(
                    "het bestand is \(data.count) bytes; een configuratiebestand mag hoogstens "
                        + "64 KiB zijn",
                    "file is \(data.count) bytes; a config file may be at most 64 KiB"))
        }
        return try parse(bytes: [UInt8](data), file: path)
    }

    /// Validates config bytes; `file` only names them in errors. Reports every problem.
    public static func parse(bytes: [UInt8], file: String) throws(PlanFileErrors) -> Settings {
        if let bad = PlanFile.firstInvalidUTF8(bytes) {
            let mark = YAMLTree.position(ofByte: bad, in: bytes)
            throw PlanFileErrors([
                PlanError(
                    file: file, line: mark.line, column: mark.column,
                    text: t(
                        "ongeldige UTF-8; het configuratiebestand moet UTF-8 zijn",
                        "invalid UTF-8; the config file must be UTF-8"))
            ])
        }
        let root = try YAMLTree.root(bytes, file: file)
        guard let root, !root.isNull else { return Settings() }
        var reader = SchemaReader(file: file)
        let settings = read(root, &reader)
        guard reader.errors.isEmpty else { throw PlanFileErrors(reader.errors) }
        return settings
    }

    static func read(_ root: YAMLNode, _ reader: inout SchemaReader) -> Settings {
        var settings = Settings()
        guard let fields = reader.fields(root, "", required: [], optional: Settings.names) else {
            return settings
        }
        settings.language = reader.choice(fields["language"], "language", .language)
        settings.theme = reader.choice(fields["theme"], "theme", .theme)
        settings.units = units(fields["units"], &reader)
        settings.mouse = reader.bool(fields["mouse"], "mouse")
        settings.patient = fields["patient"].flatMap { node in
            guard let name = reader.string(node, "patient") else { return nil }
            do {
                return try Validate.name(name, field: "patient")
            } catch {
                reader.fail(
                    node.mark,
                    t(
                        "patient: geen naam (hoogstens 100 tekens)",
                        "patient: not a name (at most 100 characters)"))
                return nil
            }
        }
        if let node = fields["keys"] { settings.keys = keys(node, &reader) }
        return settings
    }

    static func units(_ node: YAMLNode?, _ reader: inout SchemaReader) -> DistanceUnit? {
        guard let node, let text = reader.string(node, "units") else { return nil }
        guard let unit = DistanceUnit(rawValue: text) else {
            reader.fail(
                node.mark,
                t(
                    "units: '\(text)' wordt niet ondersteund; rehab rekent in km, omdat de "
                        + "grenzen uit de bronnen (10 % per week, schoenen 600-800 km) in km zijn",
                    "units: '\(text)' is not supported; rehab counts in km, as the sources' "
                        + "thresholds (10 % a week, shoes 600-800 km) are in km"))
            return nil
        }
        return unit
    }

    /// A problem with one key of `keys.<action>` that only the app's key table can see (the
    /// key is already another action's), placed where the file gives that key, as every other
    /// config error is. Falls back to the action's line, then to the top of the file.
    public static func keyError(
        action: String, key: KeySpec, path: String, text: LocalizedText
    ) -> PlanError {
        var mark = Mark(line: 1, column: 1)
        if let data = FileManager.default.contents(atPath: path), data.count <= maxBytes,
            case .success(let root?) = YAMLTree.parse([UInt8](data)),
            case .mapping(let settings, _) = root,
            case .mapping(let actions, _)? = settings.first(where: { $0.key == "keys" })?.value,
            let entry = actions.first(where: { $0.key == action })
        {
            mark = entry.keyMark
            let nodes: [YAMLNode]
            if case .sequence(let list, _) = entry.value {
                nodes = list
            } else {
                nodes = [entry.value]
            }
            for node in nodes {
                if case .scalar(let text, _, let place) = node, KeySpec(text) == key {
                    mark = place
                    break
                }
            }
        }
        return PlanError(file: path, line: mark.line, column: mark.column, text: text)
    }

    /// `keys:` maps an action to one key or a list of keys.
    static func keys(_ node: YAMLNode, _ reader: inout SchemaReader) -> [String: [KeySpec]] {
        // KeySpec.forms in Dutch; the names are what the file writes.
        let namedKeys = KeySpec.NamedKey.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .mapping(let entries, _) = node else {
            reader.fail(
                node.mark,
                reader.expected(
                    "keys: ", t("een mapping van actie: [toetsen]", "a mapping of action: [keys]"),
                    node))
            return [:]
        }
        var result: [String: [KeySpec]] = [:]
        for entry in entries {
            let path = "keys.\(entry.key)"
            guard Settings.keyActions.contains(entry.key) else {
                reader.unknown(
                    entry.key, what: .action, among: Settings.keyActions, at: entry.keyMark,
                    "keys")
                continue
            }
            let nodes: [YAMLNode]
            if case .sequence(let list, _) = entry.value {
                nodes = list
            } else {
                nodes = [entry.value]
            }
            if nodes.isEmpty {
                reader.fail(
                    entry.value.mark,
                    t("\(path): geef minstens één toets", "\(path): give at least one key"))
            }
            var specs: [KeySpec] = []
            for node in nodes {
                guard let text = reader.string(node, path) else { continue }
                guard let spec = KeySpec(text) else {
                    reader.fail(
                        node.mark,
                        t(
                            "\(path): onbekende toets '\(text)'; gebruik één teken, space, "
                                + "ctrl-<letter>, f1-f12 of een van \(namedKeys)",
                            "\(path): unknown key '\(text)'; use \(KeySpec.forms)"))
                    continue
                }
                specs.append(spec)
            }
            result[entry.key] = specs
        }
        return result
    }
}
