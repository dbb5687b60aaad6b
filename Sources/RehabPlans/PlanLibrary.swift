// Where plans come from: the catalogue built into the binary, then plan folders that add plans
// or override built-in ones by id (the user's folder, then `--plans DIR`, which wins).

import Foundation
import RehabCore

/// One plan file of the built-in catalogue: its name (the file name without `.yaml`, which
/// must equal the plan id) and its text exactly as in `plans/`.
public struct EmbeddedPlanFile: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The catalogue as it was in `plans/` when the binary was built. `files` is written at build
/// time by the EmbedCatalogue plugin (Plugins/EmbedCatalogue).
public enum EmbeddedCatalogue {
    /// The built-in file for a plan id.
    public static func file(_ id: String) -> EmbeddedPlanFile? {
        files.first { $0.name == id }
    }

    /// How built-in files are named in messages: `<built-in>/itbs.yaml`.
    static func displayPath(_ name: String) -> String { "<built-in>/\(name).yaml" }
}

/// Where a plan was read from.
public enum PlanOrigin: Equatable, Sendable, CustomStringConvertible {
    /// The catalogue built into the binary.
    case builtIn
    /// A plan file in a plan folder (its path).
    case file(String)

    public var description: String {
        switch self {
        case .builtIn: "built-in"
        case .file(let path): path
        }
    }
}

/// A plan and where it was read from.
public struct LocatedPlan: Sendable {
    public let plan: Plan
    public let origin: PlanOrigin
    /// Lower-priority places that have a plan of the same id, which this one overrides.
    public let overrides: [PlanOrigin]
}

/// The plans a command can use: plan folders (first wins) over the built-in catalogue.
public struct PlanLibrary: Sendable {
    /// Plan folders, highest priority first. A folder that does not exist is skipped.
    public var folders: [String]
    /// Whether the built-in catalogue is the last place looked in.
    public var includesBuiltIn: Bool

    public init(folders: [String], includesBuiltIn: Bool = true) {
        self.folders = folders
        self.includesBuiltIn = includesBuiltIn
    }

    /// `--plans DIR` when given, then the user's folder, then the built-in catalogue.
    public static func standard(explicit: String?, environment: [String: String]) -> PlanLibrary {
        var folders: [String] = []
        if let explicit, !explicit.isEmpty { folders.append(explicit) }
        folders.append(userFolder(environment: environment))
        return PlanLibrary(folders: folders)
    }

    /// `$XDG_DATA_HOME/rehab/plans` when XDG_DATA_HOME is absolute (the XDG spec says to ignore
    /// a relative one), else `$HOME/.local/share/rehab/plans`.
    static func userFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("rehab/plans")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/rehab/plans")
    }

    /// Every place that has a plan of this id, highest priority first.
    func origins(of id: String) -> [PlanOrigin] {
        guard Identifier.isValid(id) else { return [] }
        var found: [PlanOrigin] = []
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("\(id).yaml")
            if FileManager.default.fileExists(atPath: path) { found.append(.file(path)) }
        }
        if includesBuiltIn, EmbeddedCatalogue.file(id) != nil { found.append(.builtIn) }
        return found
    }

    /// One plan by id, reading only the file that provides it; nil when no place has it.
    public func plan(_ id: String) throws(PlanFileErrors) -> LocatedPlan? {
        let found = origins(of: id)
        guard let origin = found.first else { return nil }
        return LocatedPlan(
            plan: try Self.read(origin, id: id), origin: origin, overrides: Array(found.dropFirst())
        )
    }

    /// Every plan, sorted by id. A file with problems is left out and its errors returned (a
    /// plan it would have overridden is used instead); the other plans still load.
    public func all() -> (plans: [LocatedPlan], errors: [PlanError]) {
        var byID: [String: [PlanOrigin]] = [:]
        var order: [String] = []
        func add(_ id: String, _ origin: PlanOrigin) {
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append(origin)
        }
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                continue
            }
            for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
                add(
                    String(name.dropLast(5)),
                    .file((folder as NSString).appendingPathComponent(name)))
            }
        }
        if includesBuiltIn {
            for file in EmbeddedCatalogue.files { add(file.name, .builtIn) }
        }
        var plans: [LocatedPlan] = []
        var errors: [PlanError] = []
        for id in order {
            let origins = byID[id] ?? []
            for (index, origin) in origins.enumerated() {
                do {
                    let plan = try Self.read(origin, id: id)
                    plans.append(
                        LocatedPlan(
                            plan: plan, origin: origin,
                            overrides: Array(origins.dropFirst(index + 1))))
                    break
                } catch {
                    errors += error.errors
                }
            }
        }
        return (plans.sorted { $0.plan.id < $1.plan.id }, errors)
    }

    /// Folders the library looks in that do not exist, other than the user's default one (which
    /// need not): a mistyped `--plans DIR` is worth saying.
    public func missingFolders(environment: [String: String]) -> [String] {
        let user = Self.userFolder(environment: environment)
        return folders.filter { folder in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
            return folder != user && !(exists && isDirectory.boolValue)
        }
    }

    static func read(_ origin: PlanOrigin, id: String) throws(PlanFileErrors) -> Plan {
        switch origin {
        case .file(let path):
            return try PlanFile.load(path: path)
        case .builtIn:
            guard let file = EmbeddedCatalogue.file(id) else {
                throw PlanFileErrors([
                    PlanError(
                        file: EmbeddedCatalogue.displayPath(id), line: 1, column: 1,
                        text: t("geen ingebouwd plan met deze naam", "no such built-in plan"))
                ])
            }
            return try PlanFile.parse(
                bytes: Array(file.text.utf8), file: EmbeddedCatalogue.displayPath(file.name),
                expectedID: file.name)
        }
    }
}
