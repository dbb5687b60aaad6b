import Testing

@testable import TerminalUI

/// Compares a grid with expected rows; on a mismatch both are printed quoted, one row a line,
/// so trailing spaces show.
func expectLines(
    _ grid: Grid, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = grid.lines()
    let quote: ([String]) -> String = { $0.map { "\"\($0)\"" }.joined(separator: "\n") }
    #expect(
        actual == expected,
        "\nexpected:\n\(quote(expected))\nactual:\n\(quote(actual))",
        sourceLocation: sourceLocation)
}

/// A grid of the given size with one widget drawn over all of it.
func rendered(_ widget: some Widget, width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height)
    grid.render(widget, in: grid.area)
    return grid
}
