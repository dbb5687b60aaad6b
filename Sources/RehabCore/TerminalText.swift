/// The one output sanitiser: every text a user supplied (names, notes, reasons, plan text,
/// file names) passes through here before it reaches a terminal, so an escape sequence in a
/// note cannot clear the screen, set the window title or write the clipboard (OSC 52), and a
/// bidi override cannot reorder what is shown. Such characters are shown, not dropped: a
/// C0 control in caret notation (ESC as `^[`), DEL as `^?`, C1 controls, bidi controls and
/// other invisible format characters as `<U+202E>`. Tab and line feed pass.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard firstNeedingShowing(in: text) != nil else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            // A carriage return ending a line (CSV's CRLF) is harmless; alone it could
            // overwrite what was printed before it on the line.
            let lineEnd = scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n"
            guard needsShowing(scalar), !lineEnd else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: shown(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// JSON keeps its data: the same characters, written as `\uXXXX` escapes (valid JSON that
    /// decodes to the same string), so nothing raw reaches a terminal and nothing changes for
    /// a program reading it.
    public static func jsonSafe(_ json: String) -> String {
        guard firstNeedingShowing(in: json) != nil else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            if needsShowing(scalar), scalar.value <= 0xFFFF {
                out += "\\u" + Validate.hex(scalar).lowercased()
            } else if needsShowing(scalar) {
                out += shown(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The first scalar of `text` that needs showing, if any. Text of printable ASCII, tabs and
    /// line feeds (nearly all of it) is passed over a byte at a time, without decoding scalars.
    public static func firstNeedingShowing(in text: String) -> Unicode.Scalar? {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A }
        }
        if plain == true { return nil }
        return text.unicodeScalars.first(where: needsShowing)
    }

    public static func needsShowing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Printable ASCII, most of every text: no Unicode table lookup needed.
        case 0x20...0x7E, 0x200C, 0x200D: return false
        default:
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator, .control: return true
            default: return false
            }
        }
    }

    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F:
            return "^" + String(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))
        case 0x7F: return "^?"
        default: return "<U+" + Validate.hex(scalar) + ">"
        }
    }
}
