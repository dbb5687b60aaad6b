// RehabPlans owns the plan files: YAML bytes → RehabCore.Plan, with every problem reported as
// `file:line:column: message`, and finding the catalogue directory. It must not import the store
// or the terminal; it reads files and nothing else.

/// One problem in a plan file, with its place. Messages are English: they are for the physio or
/// developer editing the file.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in one file, in file order.
public struct PlanFileErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [PlanError]

    public init(_ errors: [PlanError]) {
        // Stable sort: problems found at the same place keep the order they were found in.
        self.errors = errors.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset)
                < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
