/// Display width of text in terminal cells, like wcwidth(3) but independent of the process
/// locale, so snapshots are the same under LANG=C and in the terminal.
public enum CellWidth {
    /// Cells taken by one grapheme: 0 (combining or control), 1, or 2 (East Asian wide, emoji).
    public static func of(_ character: Character) -> Int {
        // Printable ASCII, the most common case, without the Unicode tables.
        if isPrintableASCII(character) { return 1 }
        if let shown = shown(character) { return shown.count }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji presentation selector turns a narrow symbol (e.g. ❤) into a wide emoji.
        if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }),
            first.properties.isEmoji
        {
            return 2
        }
        var width = 0
        for scalar in scalars {
            width = max(width, of(scalar))
        }
        return width
    }

    /// Cells taken by one code point.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        for range in wideRanges where range.contains(v) {
            return 2
        }
        return 1
    }

    /// How a character that would otherwise be invisible is drawn: a control character in
    /// caret notation (ESC as `^[`, DEL as `^?`), a C1 control, bidi control or other format
    /// character as `<U+202E>`; nil for everything else. A grid draws text from anywhere (a
    /// patient's note, a plan file), so nothing in it may move the cursor, reorder the line or
    /// hide; tab and line feed are laid out before they get here.
    public static func shown(_ character: Character) -> String? {
        if isPrintableASCII(character) { return nil }
        guard !character.unicodeScalars.isEmpty,
            character.unicodeScalars.allSatisfy(isInvisibleControl)
        else { return nil }
        return character.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x00...0x1F: "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
            case 0x7F: "^?"
            default: "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4) + ">"
            }
        }.joined()
    }

    private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // Printable ASCII (0x20-0x7E), most of every text, needs no Unicode table lookup.
        case 0x09, 0x0A, 0x20...0x7E, 0x200C, 0x200D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default:
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator, .control: return true
            default: return false
            }
        }
    }

    /// Cells taken by a string.
    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Printable ASCII (U+0020-U+007E), most of any text, takes one cell a byte: no two of its
    /// characters join into one grapheme and none is wide, so the width needs neither grapheme
    /// breaking nor Unicode's tables (a table of 470 patients spent most of its time there).
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// The same for one character, by its bytes (`Character.asciiValue` compares with CR LF
    /// first, which costs more than the answer saves).
    static func isPrintableASCII(_ character: Character) -> Bool {
        let utf8 = character.utf8
        guard utf8.count == 1, let byte = utf8.first else { return false }
        return byte >= 0x20 && byte <= 0x7E
    }

    // East Asian Wide and Fullwidth blocks (Unicode 15, EastAsianWidth.txt, W and F),
    // merged into coarse ranges; emoji are covered by the emoji presentation property.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
