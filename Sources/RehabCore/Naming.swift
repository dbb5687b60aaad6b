/// The one rule for names people type (patients, shoes), used by the store, the CLI and the
/// screens alike: stored in NFC, compared case-folded for every letter (not only A-Z, as
/// SQLite's NOCASE does), invisible characters refused, and a mixture of scripts (a Cyrillic
/// "а" in "Sаm") pointed out so a look-alike is not taken for the real name.
public enum Naming {
    /// NFC: "José" typed with a combining accent is stored as the composed "José".
    public static func normalized(_ text: String) -> String {
        // `_nfcCodeUnits` is the standard library's own normaliser (RehabCore has no
        // Foundation, whose precomposedStringWithCanonicalMapping does the same).
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// The form two names are compared in: NFC, lowercased for every letter, NFC again (a
    /// lowercase mapping may decompose).
    public static func key(_ name: String) -> String {
        normalized(normalized(name).lowercased())
    }

    /// Whether two names are the same name.
    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// True when `name` starts with `prefix` in the compared form.
    public static func hasPrefix(_ name: String, _ prefix: String) -> Bool {
        key(name).hasPrefix(key(prefix))
    }

    /// The first character no one can see or that changes how text around it is shown:
    /// control and format characters (zero-width space, bidi overrides, BOM), unassigned and
    /// private-use code points, line and paragraph separators. The joiners that emoji and
    /// some scripts need (U+200C, U+200D) and variation selectors are allowed.
    public static func invisible(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isInvisible)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator,
            .paragraphSeparator:
            return true
        default:
            return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// The scripts of the letters in `name`, when there is more than one; empty otherwise.
    /// Han, Hiragana and Katakana count as one (Japanese names mix them).
    public static func mixedScripts(_ name: String) -> [String] {
        var seen: [String] = []
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic {
            let script = Naming.script(scalar)
            if !seen.contains(script) { seen.append(script) }
        }
        return seen.count > 1 ? seen : []
    }

    static func script(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0000...0x024F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF5A:
            return "Latin"
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return "Greek"
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F:
            return "Cyrillic"
        case 0x0530...0x058F: return "Armenian"
        case 0x0590...0x05FF: return "Hebrew"
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF: return "Arabic"
        case 0x0900...0x097F: return "Devanagari"
        case 0x10A0...0x10FF: return "Georgian"
        case 0x0E00...0x0E7F: return "Thai"
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2FFFF:
            return "Han/Kana"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return "Hangul"
        default: return "other"
        }
    }
}
