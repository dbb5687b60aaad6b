/// Short texts placed along one row at given columns: the labels of a time axis, coloured
/// bands (a phase per stretch of days), or a count under each bar.
public struct Strip: Widget, Sendable {
    public struct Segment: Sendable, Hashable {
        /// Columns from the left of the area.
        public var x: Int
        public var width: Int
        public var text: String
        public var pen: Pen
        /// Repeated over the segment's width before the text is drawn; nil leaves it blank.
        public var fill: String?

        public init(x: Int, width: Int, text: String, pen: Pen = .plain, fill: String? = nil) {
            self.x = x
            self.width = width
            self.text = text
            self.pen = pen
            self.fill = fill
        }
    }

    /// What to do with text wider than its segment.
    public enum Overflow: Sendable, Hashable {
        /// Cut it at the segment's end (bands, counts).
        case clip
        /// Let it run on to the right, unless it would touch the text drawn before it or pass
        /// the area's edge; then leave it out (labels on a crowded axis).
        case skipCrowded
    }

    public var segments: [Segment]
    public var overflow: Overflow
    /// Where text narrower than its segment sits in it.
    public var alignment: Alignment

    public init(_ segments: [Segment], overflow: Overflow = .clip, alignment: Alignment = .left) {
        self.segments = segments
        self.overflow = overflow
        self.alignment = alignment
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        // The column after the last text drawn, for skipCrowded.
        var end = Int.min
        for segment in segments {
            let box = Rect(x: row.x + segment.x, y: row.y, width: segment.width, height: 1)
                .intersection(row)
            if let fill = segment.fill, !box.isEmpty, let character = fill.first {
                grid.fill(box, with: character, pen: segment.pen)
            }
            let width = CellWidth.of(segment.text)
            guard width > 0 else { continue }
            switch overflow {
            case .clip:
                let text = TextFit.truncate(segment.text, to: segment.width)
                grid.put(TextLine(text, pen: segment.pen), in: box, alignment: alignment)
            case .skipCrowded:
                let fits = width <= segment.width
                let start =
                    fits ? row.x + segment.x + offset(width, in: segment.width) : row.x + segment.x
                guard start > end, start >= row.x, start + width <= row.right else { continue }
                end = grid.put(segment.text, x: start, y: row.y, pen: segment.pen, clip: row)
            }
        }
    }

    private func offset(_ width: Int, in room: Int) -> Int {
        switch alignment {
        case .left: 0
        case .center: (room - width) / 2
        case .right: room - width
        }
    }
}
