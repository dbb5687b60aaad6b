import Testing

@testable import TerminalUI

// getmouse's bstate bits as ncurses 6 defines them with NCURSES_MOUSE_VERSION 2 (curses.h),
// written out so the table also checks the decoder uses the real masks.
private let button1Released: UInt = 0x1
private let button1Pressed: UInt = 0x2
private let button1Clicked: UInt = 0x4
private let button1DoubleClicked: UInt = 0x8
private let button2Pressed: UInt = 0x40
private let button3Pressed: UInt = 0x800
private let button4Pressed: UInt = 0x10000  // wheel up
private let button5Pressed: UInt = 0x200000  // wheel down
private let control: UInt = 0x2000000
private let shift: UInt = 0x4000000
private let alt: UInt = 0x8000000
private let moved: UInt = 0x1000_0000  // REPORT_MOUSE_POSITION
private let keyMouse: UInt32 = 0o631
private let keyCodeYes: Int32 = 0o400

/// KEY_MOUSE + getmouse → Key: the pure half of the backend's mouse reading.
@Suite struct MouseDecodingTests {
    @Test(
        arguments: [
            (button1Pressed, 1), (button2Pressed, 2), (button3Pressed, 3), (button4Pressed, 4),
            (button5Pressed, 5),
        ] as [(UInt, Int)])
    func eachButtonsPressIsAMouseKeyAtItsCell(mask: UInt, button: Int) {
        #expect(
            KeyDecoder.mouse(x: 17, y: 9, buttonMask: mask) == .mouse(x: 17, y: 9, button: button))
    }

    @Test func theCellIsPassedThroughAsTerminalColumnAndRow() {
        // getmouse counts from 0, as the grid does: the top-left cell is (0, 0).
        #expect(
            KeyDecoder.mouse(x: 0, y: 0, buttonMask: button1Pressed)
                == .mouse(x: 0, y: 0, button: 1))
        #expect(
            KeyDecoder.mouse(x: 79, y: 23, buttonMask: button1Pressed)
                == .mouse(x: 79, y: 23, button: 1))
    }

    @Test func modifiersDoNotHideThePress() {
        for modifier in [control, shift, alt, control | shift] {
            #expect(
                KeyDecoder.mouse(x: 3, y: 4, buttonMask: button1Pressed | modifier)
                    == .mouse(x: 3, y: 4, button: 1))
        }
        #expect(
            KeyDecoder.mouse(x: 3, y: 4, buttonMask: button5Pressed | control)
                == .mouse(x: 3, y: 4, button: 5))
    }

    @Test func releasesClicksAndMovesAreNotPresses() {
        // The backend asks for presses only; anything else that slips through is dropped, so
        // one click never acts twice (press, then release or a resolved click).
        for mask in [button1Released, button1Clicked, button1DoubleClicked, moved, 0, shift] {
            #expect(KeyDecoder.mouse(x: 3, y: 4, buttonMask: mask) == nil, "mask \(mask)")
        }
    }

    @Test func eventsOffTheScreenAreDropped() {
        #expect(KeyDecoder.mouse(x: -1, y: 4, buttonMask: button1Pressed) == nil)
        #expect(KeyDecoder.mouse(x: 4, y: -1, buttonMask: button1Pressed) == nil)
    }

    @Test func keyMouseItselfIsNoKey() {
        // KEY_MOUSE only says "call getmouse"; the decoder must not turn the code into a key.
        #expect(KeyDecoder.decode(status: keyCodeYes, code: keyMouse) == nil)
    }

    @Test func aScriptedBackendHandsMouseKeysOnInOrder() {
        var backend = MemoryBackend(
            width: 80, height: 24,
            keys: [.mouse(x: 1, y: 2, button: 1), .down, .mouse(x: 1, y: 2, button: 5)])
        #expect(backend.readKey(timeoutMs: 0) == .mouse(x: 1, y: 2, button: 1))
        #expect(backend.readKey(timeoutMs: 0) == .down)
        #expect(backend.readKey(timeoutMs: 0) == .mouse(x: 1, y: 2, button: 5))
    }
}

/// The hit-testing arithmetic widgets share with their drawing.
@Suite struct ClickGeometryTests {
    @Test func aVisibleRowMapsToTheItemDrawnThere() {
        // 30 items, 10 rows, item 25 selected: the widget scrolls to show items 16-25.
        let selection = SelectionState(selected: 25, offset: 0)
        #expect(selection.item(atRow: 0, count: 30, visibleRows: 10) == 16)
        #expect(selection.item(atRow: 9, count: 30, visibleRows: 10) == 25)
        #expect(selection.item(atRow: 10, count: 30, visibleRows: 10) == nil)
        #expect(selection.item(atRow: -1, count: 30, visibleRows: 10) == nil)
        // Rows below the last item are empty.
        #expect(SelectionState(selected: 0).item(atRow: 3, count: 3, visibleRows: 10) == nil)
    }

    @Test func theItemUnderARowIsTheOneTheListDraws() {
        var grid = Grid(size: Size(width: 10, height: 4))
        let items = (0..<12).map { TextLine("item \($0)") }
        var state = SelectionState(selected: 7)
        let area = Rect(x: 0, y: 0, width: 10, height: 4)
        let before = state
        List(items).render(in: area, on: &grid, state: &state)
        for row in 0..<4 {
            let index = before.item(atRow: row, count: items.count, visibleRows: 4)
            #expect(index.map { "item \($0)" } == grid.lines()[row].trimmingTrailingSpaces())
        }
    }

    @Test func theTableBodyIsBelowItsHeader() {
        let area = Rect(x: 1, y: 1, width: 20, height: 5)
        #expect(Table.body(of: area) == Rect(x: 1, y: 2, width: 20, height: 4))
    }

    @Test func buttonFramesAreWhereTheButtonsAreDrawn() {
        let dialog = Dialog(title: "Sure?", message: "Delete it?", buttons: ["Yes", "No"])
        let area = Rect(x: 0, y: 0, width: 40, height: 10)
        var grid = Grid(size: Size(width: 40, height: 10))
        dialog.render(in: area, on: &grid)
        let frames = dialog.buttonFrames(in: area)
        #expect(frames.count == 2)
        for (frame, label) in zip(frames, ["[ Yes ]", "[ No ]"]) {
            let row = Array(grid.lines()[frame.y])
            let drawn = String(row[frame.x..<frame.right])
            #expect(drawn == label)
        }
        #expect(frames[0].right < frames[1].x)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
