// Build tool behind the EmbedCatalogue plugin: writes a Swift source holding each plan file's
// text as a string literal, byte for byte. Usage: rehab-embed-plans OUTPUT FILE.yaml...
// Only Foundation; it must not import the project's modules (it runs before they are built).

import Foundation

/// A Swift string literal whose UTF-8 is exactly `text`'s.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rehab-embed-plans: error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else { fail("usage: rehab-embed-plans OUTPUT FILE.yaml...") }
var entries: [String] = []
for path in arguments.dropFirst().sorted() where path.hasSuffix(".yaml") {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    // Plan files must be UTF-8; decoding would otherwise replace bytes and the copy would differ.
    guard let text = String(data: data, encoding: .utf8),
        Data(text.utf8) == data
    else { fail("\(path): not valid UTF-8; plan files must be UTF-8") }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    entries.append("        EmbeddedPlanFile(name: \(literal(name)), text: \(literal(text))),")
}
let source = """
    // Generated at build time by the EmbedCatalogue plugin from plans/*.yaml; do not edit.

    extension EmbeddedCatalogue {
        /// Every plan file of the catalogue, sorted by name (the file name without .yaml).
        public static let files: [EmbeddedPlanFile] = [
    \(entries.joined(separator: "\n"))
        ]
    }

    """
do {
    // Only rewrite a changed file, so an unchanged catalogue does not rebuild RehabPlans.
    if FileManager.default.contents(atPath: output) != Data(source.utf8) {
        try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
} catch {
    fail("cannot write \(output): \(error)")
}
