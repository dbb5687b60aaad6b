/// Something that draws itself into a rectangle of a grid. Widgets are values; they keep no
/// state between frames (selection and scrolling live in a separate state value).
public protocol Widget {
    func render(in area: Rect, on grid: inout Grid)
}

/// A widget whose drawing depends on, and may adjust, a state kept by the caller.
public protocol StatefulWidget {
    associatedtype State
    func render(in area: Rect, on grid: inout Grid, state: inout State)
}

extension Grid {
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, on: &self)
    }

    public mutating func render<W: StatefulWidget>(
        _ widget: W, in area: Rect, state: inout W.State
    ) {
        widget.render(in: area, on: &self, state: &state)
    }
}
