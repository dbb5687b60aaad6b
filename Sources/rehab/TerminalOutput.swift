import Foundation
import RehabCore

// Every line the CLI prints goes through here. Inside this module `print` is this function,
// not the standard library's: nothing a user typed reaches the terminal raw (see
// `TerminalText`). Data written for programs (export, plan files) uses `emitData` instead.

/// Prints like `Swift.print`, with control and bidi characters made visible.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(TerminalText.visible(text), terminator: "")
}

/// A message for stderr (the caller adds no "rehab: " prefix handling), made visible.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.visible(text).utf8))
}

/// An export or plan file on stdout: byte for byte when it goes to a pipe or a file (another
/// program reads it back), with control and bidi characters made visible on a terminal. JSON
/// is escaped losslessly either way.
func emitData(_ text: String, json: Bool = false) {
    let body = text.hasSuffix("\n") ? text : text + "\n"
    let out: String
    if json {
        out = TerminalText.jsonSafe(body)
    } else if isatty(STDOUT_FILENO) == 1 {
        out = TerminalText.visible(body)
    } else {
        out = body
    }
    Swift.print(out, terminator: "")
}
