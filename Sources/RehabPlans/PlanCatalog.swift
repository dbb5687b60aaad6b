// Loading every plan in a plan folder (the app and the CLI use PlanLibrary, which adds the
// built-in catalogue and lets folders override it).

import Foundation
import RehabCore

public enum PlanCatalog {
    /// Loads every `*.yaml` in the first directory that exists, sorted by plan id. A file with
    /// problems is left out and its errors returned; the other plans still load.
    public static func load(directories: [String]) -> (plans: [Plan], errors: [PlanError]) {
        guard let directory = directories.first(where: isDirectory) else {
            let tried = directories.joined(separator: ", ")
            return (
                [],
                [
                    PlanError(
                        file: directories.first ?? "plans", line: 1, column: 1,
                        text: t(
                            "geen plannenmap gevonden (geprobeerd: \(tried))",
                            "no plan directory found (tried: \(tried))"))
                ]
            )
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return (
                [],
                [
                    PlanError(
                        file: directory, line: 1, column: 1,
                        text: t(
                            "kan de inhoud van de plannenmap niet lezen",
                            "cannot list the plan directory"))
                ]
            )
        }
        var plans: [Plan] = []
        var errors: [PlanError] = []
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                plans.append(try PlanFile.load(path: path))
            } catch {
                errors += error.errors
            }
        }
        return (plans.sorted { $0.id < $1.id }, errors)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory)
            && directory.boolValue
    }
}
