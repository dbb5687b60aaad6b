/// A run of text in one pen.
public struct Span: Sendable, Hashable {
    public var text: String
    public var pen: Pen

    public init(_ text: String, pen: Pen = .plain) {
        self.text = text
        self.pen = pen
    }
}

/// One line of styled text (no newlines inside).
public struct TextLine: Sendable, Hashable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ text: String, pen: Pen = .plain) {
        spans = [Span(text, pen: pen)]
    }

    public init(spans: [Span]) {
        self.spans = spans
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var text: String { spans.map(\.text).joined() }
    public var width: Int { CellWidth.of(text) }

    /// The line cut to `width` cells, its last cell(s) showing `ellipsis` in the pen of the
    /// text before it, when it is wider; as it is when it fits or the ellipsis leaves no room.
    public func truncated(to width: Int, ellipsis: String) -> TextLine {
        let ellipsisWidth = CellWidth.of(ellipsis)
        guard ellipsisWidth > 0, ellipsisWidth < width, self.width > width else { return self }
        var room = width - ellipsisWidth
        var cut: [Span] = []
        for span in spans where room > 0 {
            let text = TextFit.truncate(span.text, to: room)
            cut.append(Span(text, pen: span.pen))
            room -= CellWidth.of(text)
            if text != span.text { break }
        }
        cut.append(Span(ellipsis, pen: cut.last?.pen ?? spans.last?.pen ?? .plain))
        return TextLine(spans: cut)
    }

    /// Splits plain text at newlines.
    public static func lines(_ text: String, pen: Pen = .plain) -> [TextLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextLine(String($0), pen: pen)
        }
    }
}

public enum Alignment: Sendable, Hashable {
    case left, center, right
}

extension Pen {
    /// This pen with `overlay` on top: its colours win where set, attributes add up.
    public func patched(with overlay: Pen) -> Pen {
        Pen(
            fg: overlay.fg == .default ? fg : overlay.fg,
            bg: overlay.bg == .default ? bg : overlay.bg,
            style: style.union(overlay.style))
    }
}

/// Measuring and cutting text by display width.
public enum TextFit {
    /// The longest prefix of `text` that fits in `width` cells; when text had to be cut, the
    /// last cell(s) show `ellipsis` (pass "" to cut hard).
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "") -> String {
        guard width > 0 else { return "" }
        if CellWidth.of(text) <= width { return text }
        let ellipsisWidth = CellWidth.of(ellipsis)
        let room = ellipsisWidth < width ? width - ellipsisWidth : width
        if CellWidth.isPrintableASCII(text) {
            let cut = String(decoding: text.utf8.prefix(room), as: UTF8.self)
            return ellipsisWidth < width ? cut + ellipsis : cut
        }
        var result = ""
        var used = 0
        for character in text {
            let w = CellWidth.of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return ellipsisWidth < width ? result + ellipsis : result
    }

    /// `text` padded with spaces (or cut) to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let cut = truncate(text, to: width)
        let gap = max(0, width - CellWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut
                + String(repeating: " ", count: gap - left)
        }
    }

    /// A number with a fixed count of decimals, independent of the locale ("11.0", "-0.5").
    public static func fixed(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return value.isNaN ? "-" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        let padded = String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        return "\(sign)\(whole).\(padded)"
    }
}

extension Grid {
    /// Draws styled text from (x, y), clipped to `clip`. Returns the column after the text.
    @discardableResult
    public mutating func put(_ line: TextLine, x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in line.spans {
            column = put(span.text, x: column, y: y, pen: span.pen, clip: clip)
        }
        return column
    }

    /// Draws a line inside `rect`'s first row with the given alignment.
    public mutating func put(_ line: TextLine, in rect: Rect, alignment: Alignment) {
        guard !rect.isEmpty else { return }
        let gap = max(0, rect.width - line.width)
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + gap / 2
        case .right: x = rect.x + gap
        }
        put(line, x: x, y: rect.y, clip: rect)
    }
}
