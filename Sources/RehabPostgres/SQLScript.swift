import RehabCore

/// A script of our own SQL as single statements: PostgreSQL's extended protocol, which
/// postgres-nio speaks, takes one statement at a time. Splits at `;` outside quotes,
/// dollar-quoted bodies (`$$ … $$`, `$tag$ … $tag$`) and `--` comments.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var i = 0
        var dollarTag: String?
        var inQuote = false
        var inComment = false
        while i < characters.count {
            let c = characters[i]
            current.append(c)
            if inComment {
                if c == "\n" { inComment = false }
            } else if inQuote {
                if c == "'" { inQuote = false }
            } else if let tag = dollarTag {
                if c == "$", current.hasSuffix(tag) { dollarTag = nil }
            } else if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                inComment = true
            } else if c == "'" {
                inQuote = true
            } else if c == "$", let tag = Self.tag(characters, from: i) {
                dollarTag = tag
                current += String(tag.dropFirst())
                i += tag.count
                continue
            } else if c == ";" {
                let statement = String(current.dropLast()).trimmingSpaces
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            }
            i += 1
        }
        let rest = current.trimmingSpaces
        if !rest.isEmpty && !rest.split(separator: "\n").allSatisfy({ $0.hasPrefix("--") }) {
            statements.append(rest)
        }
        return statements
    }

    /// `$$` or `$name$` starting at `i`.
    private static func tag(_ characters: [Character], from i: Int) -> String? {
        var j = i + 1
        while j < characters.count, characters[j].isLetter || characters[j] == "_" { j += 1 }
        guard j < characters.count, characters[j] == "$" else { return nil }
        return String(characters[i...j])
    }
}
