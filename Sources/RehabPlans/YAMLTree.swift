// The YAML layer: libyaml's event stream turned into a small tree of nodes with positions.
//
// Yams keeps its event API private and its `compose` expands aliases while it builds the tree
// (hashing an aliased key can take minutes), so plan files are read event by event through the
// libyaml copy that ships inside Yams. Anchors, aliases and tags are refused as events, before
// anything could be expanded; nesting and duplicate keys are checked on the way.

import CYaml
import RehabCore

/// A 1-based position in a file; columns count Unicode scalars, as libyaml does.
struct Mark: Hashable, Comparable, Sendable {
    var line: Int
    var column: Int

    static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One key and its value in a mapping; plan files only use plain text keys.
struct YAMLEntry: Sendable {
    var key: String
    var keyMark: Mark
    var value: YAMLNode
}

indirect enum YAMLNode: Sendable {
    /// `plain` is false for quoted and block scalars: those are always text, never numbers.
    case scalar(String, plain: Bool, Mark)
    case sequence([YAMLNode], Mark)
    case mapping([YAMLEntry], Mark)

    var mark: Mark {
        switch self {
        case .scalar(_, _, let mark), .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// A plain empty, `~` or `null` scalar: YAML's way of saying nothing.
    var isNull: Bool {
        if case .scalar(let text, plain: true, _) = self {
            return ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }
}

/// A problem found while reading the YAML itself, before the plan schema is looked at.
struct YAMLProblem: Sendable {
    var mark: Mark
    var text: LocalizedText
}

struct YAMLProblems: Error {
    var list: [YAMLProblem]
}

enum YAMLTree {
    /// Plan files need about six levels; anything this deep is a mistake or an attack.
    static let maxDepth = 32

    /// The root of a plan, questionnaire or config file (nil when empty), or its problems as
    /// positioned errors in `file`.
    static func root(_ bytes: [UInt8], file: String) throws(PlanFileErrors) -> YAMLNode? {
        switch parse(bytes) {
        case .success(let node):
            return node
        case .failure(let problems):
            throw PlanFileErrors(
                problems.list.map {
                    PlanError(
                        file: file, line: $0.mark.line, column: $0.mark.column, text: $0.text)
                })
        }
    }

    /// Parses one YAML document from UTF-8 bytes. Returns the root (nil for an empty stream) or
    /// every problem found; a syntax error ends the reading, other problems do not.
    static func parse(_ bytes: [UInt8]) -> Result<YAMLNode?, YAMLProblems> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            let problem = YAMLProblem(
                mark: Mark(line: 1, column: 1), text: t("onvoldoende geheugen", "out of memory"))
            return .failure(YAMLProblems(list: [problem]))
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    builder.problems.append(syntaxProblem(parser, bytes))
                    break
                }
                let done = event.type == YAML_STREAM_END_EVENT
                let keepGoing = builder.take(event)
                yaml_event_delete(&event)
                if done || !keepGoing { break }
            }
            if !builder.problems.isEmpty { return .failure(YAMLProblems(list: builder.problems)) }
            return .success(builder.root)
        }
    }

    private static func syntaxProblem(_ parser: yaml_parser_t, _ bytes: [UInt8]) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            return YAMLProblem(
                mark: position(ofByte: parser.problem_offset, in: bytes),
                text: t("onleesbaar teken: \(problem)", "unreadable character: \(problem)"))
        }
        let mark = Mark(
            line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        // libyaml counts flow brackets while scanning ahead, so a very deep file fails here,
        // at the first bracket, before our own depth limit sees an event.
        if problem.hasPrefix("Maximum nesting level") {
            return YAMLProblem(mark: mark, text: tooDeep(1000))
        }
        // libyaml's own words (problem, context) are English only.
        var text = t("YAML-syntaxfout: \(problem)", "YAML syntax error: \(problem)")
        if let context = parser.context.map({ String(cString: $0) }) {
            let at = "\(parser.context_mark.line + 1):\(parser.context_mark.column + 1)"
            text.nl += " (\(context) op \(at))"
            text.en += " (\(context) at \(at))"
        }
        if parser.problem_mark.index < bytes.count, bytes[parser.problem_mark.index] == 0x09 {
            text.nl += "; spring in met spaties, niet met tabs"
            text.en += "; indent with spaces, not tabs"
        }
        return YAMLProblem(mark: mark, text: text)
    }

    /// Line and column (in Unicode scalars) of a byte offset in valid UTF-8.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> Mark {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Mark(line: line, column: column)
    }
}

/// Builds the tree from events, keeping a stack of open collections.
private struct Builder {
    enum Open {
        case sequence([YAMLNode], Mark)
        case mapping([YAMLEntry], Mark, pendingKey: YAMLNode?, seen: [String: Mark])
    }

    var stack: [Open] = []
    var root: YAMLNode?
    var problems: [YAMLProblem] = []
    var documents = 0

    /// Enough to show what is wrong; a billion-laughs file would otherwise list every alias.
    static let maxProblems = 20

    /// Returns false when reading must stop.
    mutating func take(_ event: yaml_event_t) -> Bool {
        guard problems.count < Builder.maxProblems else {
            let mark = problems.last?.mark ?? Mark(line: 1, column: 1)
            problems.append(
                YAMLProblem(
                    mark: mark,
                    text: t(
                        "te veel problemen; het lezen is gestopt",
                        "too many problems; stopped reading"
                    )))
            return false
        }
        let mark = Mark(
            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                problems.append(
                    YAMLProblem(
                        mark: mark,
                        text: t(
                            "een planbestand bevat één YAML-document, gevonden: een tweede",
                            "a plan file holds one YAML document, found a second")))
                return false
            }
        case YAML_ALIAS_EVENT:
            let name = text(event.data.alias.anchor) ?? ""
            problems.append(
                YAMLProblem(
                    mark: mark,
                    text: t(
                        "alias *\(name): ankers en aliassen zijn niet toegestaan",
                        "alias *\(name): anchors and aliases are not allowed")))
            add(.scalar("", plain: true, mark))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            refuse(anchor: s.anchor, tag: s.tag, at: mark)
            let value =
                s.value.map { pointer in
                    String(
                        decoding: UnsafeBufferPointer(start: pointer, count: s.length),
                        as: UTF8.self)
                } ?? ""
            add(.scalar(value, plain: s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil, mark))
        case YAML_SEQUENCE_START_EVENT:
            refuse(
                anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag,
                at: mark)
            guard open(.sequence([], mark), at: mark) else { return false }
        case YAML_MAPPING_START_EVENT:
            refuse(
                anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: mark
            )
            guard open(.mapping([], mark, pendingKey: nil, seen: [:]), at: mark) else {
                return false
            }
        case YAML_SEQUENCE_END_EVENT:
            if case .sequence(let nodes, let start) = stack.popLast() {
                add(.sequence(nodes, start))
            }
        case YAML_MAPPING_END_EVENT:
            if case .mapping(let entries, let start, _, _) = stack.popLast() {
                add(.mapping(entries, start))
            }
        default:
            break
        }
        return true
    }

    private mutating func open(_ collection: Open, at mark: Mark) -> Bool {
        guard stack.count < YAMLTree.maxDepth else {
            problems.append(
                YAMLProblem(
                    mark: mark,
                    text: tooDeep(YAMLTree.maxDepth)))
            return false
        }
        stack.append(collection)
        return true
    }

    private mutating func refuse(
        anchor: UnsafeMutablePointer<yaml_char_t>?,
        tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark
    ) {
        if let name = text(anchor) {
            problems.append(
                YAMLProblem(
                    mark: mark,
                    text: t(
                        "anchor &\(name): ankers en aliassen zijn niet toegestaan",
                        "anchor &\(name): anchors and aliases are not allowed")))
        }
        if let tag = text(tag) {
            problems.append(
                YAMLProblem(
                    mark: mark,
                    text: t(
                        "tag \(tag): tags zijn niet toegestaan", "tag \(tag): tags are not allowed")
                ))
        }
    }

    private mutating func add(_ node: YAMLNode) {
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var nodes, let start):
            nodes.append(node)
            stack.append(.sequence(nodes, start))
        case .mapping(var entries, let start, let pendingKey, var seen):
            guard let key = pendingKey else {
                stack.append(.mapping(entries, start, pendingKey: node, seen: seen))
                return
            }
            if case .scalar(let name, _, let keyMark) = key {
                if let first = seen[name] {
                    problems.append(
                        YAMLProblem(
                            mark: keyMark,
                            text: t(
                                "dubbele sleutel \(name) (eerst op regel \(first.line))",
                                "duplicate key \(name) (first at line \(first.line))")))
                } else {
                    seen[name] = keyMark
                    entries.append(YAMLEntry(key: name, keyMark: keyMark, value: node))
                }
            } else {
                problems.append(
                    YAMLProblem(
                        mark: key.mark,
                        text: t(
                            "sleutels moeten gewone namen zijn, geen lijsten of mappings",
                            "keys must be plain names, not lists or mappings")))
            }
            stack.append(.mapping(entries, start, pendingKey: nil, seen: seen))
        }
    }

    private func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Deeper nesting than `levels` is refused (libyaml's own limit, or ours).
func tooDeep(_ levels: Int) -> LocalizedText {
    t(
        "dieper genest dan \(levels) niveaus; planbestanden hebben er veel minder nodig",
        "nesting deeper than \(levels) levels; plan files need far fewer")
}
