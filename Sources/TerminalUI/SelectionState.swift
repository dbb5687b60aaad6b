/// Selection and scroll position of a list or table, kept by the caller between frames
/// (the widget is rebuilt every frame; this is not).
public struct SelectionState: Sendable, Hashable {
    public var selected: Int?
    /// Index of the first visible row.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    public mutating func selectNext(count: Int) {
        guard count > 0 else {
            selected = nil
            return
        }
        selected = min((selected ?? -1) + 1, count - 1)
    }

    public mutating func selectPrevious(count: Int) {
        guard count > 0 else {
            selected = nil
            return
        }
        selected = max((selected ?? 1) - 1, 0)
    }

    public mutating func selectFirst(count: Int) {
        selected = count > 0 ? 0 : nil
    }

    public mutating func selectLast(count: Int) {
        selected = count > 0 ? count - 1 : nil
    }

    /// Moves the selection by `rows` (negative = up), clamped, e.g. one page.
    public mutating func move(by rows: Int, count: Int) {
        guard count > 0 else {
            selected = nil
            return
        }
        selected = min(max((selected ?? 0) + rows, 0), count - 1)
    }

    /// Adjusts `offset` so the selection is visible in `visibleRows` rows and no empty rows
    /// show below the last item.
    public mutating func keepVisible(count: Int, visibleRows: Int) {
        guard visibleRows > 0 else { return }
        if let s = selected {
            let s = min(max(s, 0), max(0, count - 1))
            selected = count > 0 ? s : nil
            if s < offset { offset = s }
            if s >= offset + visibleRows { offset = s - visibleRows + 1 }
        }
        offset = min(max(0, offset), max(0, count - visibleRows))
    }

    /// The item a list or table that keeps this selection visible draws on its visible row
    /// `row` (0 = the top one, below any header); nil past the last item. A click is tested
    /// with the same arithmetic the widget draws with.
    public func item(atRow row: Int, count: Int, visibleRows: Int) -> Int? {
        guard row >= 0, row < visibleRows else { return nil }
        var shown = self
        shown.keepVisible(count: count, visibleRows: visibleRows)
        let index = shown.offset + row
        return index < count ? index : nil
    }
}

public typealias ListState = SelectionState
public typealias TableState = SelectionState
