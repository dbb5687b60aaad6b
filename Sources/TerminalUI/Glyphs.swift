import CNcursesw

/// The drawing characters, chosen once at start: Unicode box drawing and blocks when the locale
/// is UTF-8, plain ASCII otherwise (a non-UTF-8 terminal shows garbage for the former).
public struct Glyphs: Sendable, Hashable {
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String
    /// Nine levels from empty to full, for sparklines and bar tops.
    public var levels: [String]
    public var gaugeFilled: String
    public var gaugeEmpty: String
    public var gaugeOver: String
    /// Left-aligned eighths of a cell (index 1...7) for smooth gauges; empty for none.
    public var gaugePartials: [String]
    public var thresholdLine: String
    public var axisVertical: String
    public var ellipsis: String
    public var selection: String
    public var checked: String
    public var unchecked: String
    /// A list item's mark and the arrow of "A → B" in running text.
    public var bullet: String
    public var arrow: String

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        horizontal: "─", vertical: "│",
        levels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        gaugeFilled: "█", gaugeEmpty: "░", gaugeOver: "▓",
        gaugePartials: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"], thresholdLine: "─",
        axisVertical: "┤", ellipsis: "…", selection: "▶", checked: "☑", unchecked: "☐",
        bullet: "•", arrow: "→")

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        horizontal: "-", vertical: "|",
        levels: [" ", ".", ".", ":", ":", "+", "+", "#", "#"],
        gaugeFilled: "#", gaugeEmpty: "-", gaugeOver: "!", gaugePartials: [],
        thresholdLine: "-",
        axisVertical: "|", ellipsis: "~", selection: ">", checked: "[x]", unchecked: "[ ]",
        bullet: "*", arrow: "->")

    /// The set for a locale's character encoding name, as nl_langinfo(CODESET) reports it.
    public static func forCodeset(_ codeset: String) -> Glyphs {
        let name = String(codeset.uppercased().filter { $0 != "-" })
        return name == "UTF8" ? .unicode : .ascii
    }

    /// The codeset a locale name asks for, in POSIX precedence of the variables given
    /// (LC_ALL, then LC_CTYPE, then LANG): "nl_NL.UTF-8@euro" asks for "UTF-8".
    public static func requestedCodeset(_ environment: [String: String]) -> String? {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }
            .first { !$0.isEmpty }
        guard let name, let dot = name.firstIndex(of: ".") else { return nil }
        let rest = name[name.index(after: dot)...]
        return String(rest.prefix { $0 != "@" })
    }

    /// The locale to fall back to when the one asked for is not installed: a user who asked
    /// for UTF-8 has a UTF-8 terminal, so C.UTF-8 (always present with glibc) keeps the
    /// drawing characters; nil when plain ASCII was asked for.
    public static func fallbackLocale(_ environment: [String: String]) -> String? {
        guard let codeset = requestedCodeset(environment), forCodeset(codeset) == .unicode
        else { return nil }
        return "C.UTF-8"
    }

    /// The set for the locale the environment asks for (LC_ALL, LC_CTYPE, LANG), for output
    /// that is printed rather than drawn through ncurses.
    public static func forEnvironment(_ environment: [String: String]) -> Glyphs {
        forCodeset(requestedCodeset(environment) ?? "")
    }

    /// The set for the current locale. Call after setlocale(LC_ALL, "") (NcursesBackend does).
    public static func forCurrentLocale() -> Glyphs {
        guard let codeset = rehab_codeset() else { return .ascii }
        return forCodeset(String(cString: codeset))
    }
}
