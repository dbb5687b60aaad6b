// Embeds the plan catalogue (plans/*.yaml) in the target it is applied to, at build time, so a
// `rehab` binary copied anywhere carries every plan. The texts are written verbatim into one
// generated Swift source by the rehab-embed-plans tool; nothing is parsed here.

import Foundation
import PackagePlugin

@main
struct EmbedCatalogue: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appendingPathComponent("plans")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { folder.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent(
            "EmbeddedCatalogue.swift")
        return [
            .buildCommand(
                displayName: "Embedding the plan catalogue",
                executable: try context.tool(named: "rehab-embed-plans").url,
                arguments: [output.path] + inputs.map(\.path),
                // The folder too: a plan added or removed changes it, and the list above.
                inputFiles: inputs + [folder],
                outputFiles: [output])
        ]
    }
}
