/// A terminal colour: the terminal's own default, one of the 16 ANSI colours, or a 256 index.
public enum Color: Sendable, Hashable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)

    /// The palette number curses uses; -1 is the terminal's default colour.
    public var paletteIndex: Int {
        switch self {
        case .default: -1
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .brightBlack: 8
        case .brightRed: 9
        case .brightGreen: 10
        case .brightYellow: 11
        case .brightBlue: 12
        case .brightMagenta: 13
        case .brightCyan: 14
        case .brightWhite: 15
        case .indexed(let n): Int(n)
        }
    }
}

/// Text attributes of a cell.
public struct Style: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Style(rawValue: 1 << 0)
    public static let dim = Style(rawValue: 1 << 1)
    public static let reverse = Style(rawValue: 1 << 2)
    public static let underline = Style(rawValue: 1 << 3)
}

/// How text is drawn: colours plus attributes. Widgets take pens so a screen can theme them.
public struct Pen: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var style: Style

    public init(fg: Color = .default, bg: Color = .default, style: Style = []) {
        self.fg = fg
        self.bg = bg
        self.style = style
    }

    public static let plain = Pen()
    public static let bold = Pen(style: .bold)
    public static let reverse = Pen(style: .reverse)
    public static let dim = Pen(style: .dim)

    /// This pen with extra attributes added.
    public func adding(_ extra: Style) -> Pen {
        Pen(fg: fg, bg: bg, style: style.union(extra))
    }
}

/// One terminal cell. A wide glyph (CJK, emoji) sits in its first cell with width 2; the cell
/// to its right is a continuation cell (empty symbol, width 0) that the terminal fills for it.
public struct Cell: Sendable, Hashable {
    public var symbol: String
    public var width: Int
    public var fg: Color
    public var bg: Color
    public var style: Style

    public init(
        _ symbol: String = " ", width: Int = 1, fg: Color = .default, bg: Color = .default,
        style: Style = []
    ) {
        self.symbol = symbol
        self.width = width
        self.fg = fg
        self.bg = bg
        self.style = style
    }

    public init(_ symbol: String, width: Int = 1, pen: Pen) {
        self.init(symbol, width: width, fg: pen.fg, bg: pen.bg, style: pen.style)
    }

    public static let blank = Cell()

    public var pen: Pen {
        get { Pen(fg: fg, bg: bg, style: style) }
        set {
            fg = newValue.fg
            bg = newValue.bg
            style = newValue.style
        }
    }

    /// True for the right half of a wide glyph.
    public var isContinuation: Bool { width == 0 }

    static func continuation(pen: Pen) -> Cell { Cell("", width: 0, pen: pen) }
}
