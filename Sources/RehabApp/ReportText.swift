// Escaping and the style sheet of the reports `rehab report`, `rehab discharge` and the app's
// discharge step write: the user's own text (names, notes) never becomes markup.

import RehabCore

public enum ReportText {
    /// Names, notes and plan text are the user's own: table pipes and line breaks would break
    /// the layout, and HTML (`<script>`, `<img onerror=…>`) or link syntax
    /// (`[x](javascript:…)`) would run or link in a Markdown viewer. HTML is escaped as
    /// entities, brackets, pipes and backslashes with a backslash.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&", "<", ">": out += html(String(character))
            // Without brackets no link or image can form; a backslash is escaped so the
            // text cannot undo these escapes.
            case "\\", "[", "]", "|": out += "\\" + String(character)
            case "\n", "\r\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for HTML content and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The lines of a report's HTML document up to and including `<body>`: language, charset,
    /// the escaped title and the style sheet.
    public static func htmlOpening(title: String, language: Language) -> [String] {
        [
            "<!DOCTYPE html>",
            "<html lang=\"\(language.rawValue)\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(html(title))</title>",
            "<style>\(style)</style>",
            "</head>",
            "<body>",
        ]
    }

    public static let style = """
        body{font-family:sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}\
        table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem;\
        text-align:right}td:first-child,th:first-child{text-align:left;white-space:nowrap}\
        tr.over td{font-weight:bold}svg.pain,svg.load{width:100%;height:auto}\
        .level.red,.level.stop{color:#b00}.level.amber{color:#a60}svg{display:block;margin:1rem 0}\
        .bar{fill:#4a7ab0}.bar.over{fill:#c0504d}.cap{stroke:#222;stroke-width:2}\
        .axis{stroke:#888}text{font-size:11px;fill:#222}\
        footer{margin-top:2rem;font-size:.85rem;color:#555}
        """
}
