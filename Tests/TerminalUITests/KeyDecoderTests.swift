import Testing

@testable import TerminalUI

// get_wch statuses and key codes as ncurses 6 defines them (curses.h), written out so the
// table also checks that the decoder uses the real numbers.
private let ok: Int32 = 0
private let err: Int32 = -1
private let keyCodeYes: Int32 = 0o400

@Suite struct KeyDecoderTests {
    @Test(
        arguments: [
            (97, Key.char("a")), (65, .char("A")), (32, .char(" ")), (0x3F, .char("?")),
            (0xE9, .char("é")), (0x65E5, .char("日")), (10, .enter), (13, .enter), (9, .tab),
            (27, .escape), (127, .backspace), (8, .backspace), (1, .ctrl("a")), (3, .ctrl("c")),
            (26, .ctrl("z")), (0, .ctrl("@")), (28, .ctrl("\\")),
        ] as [(UInt32, Key)])
    func characters(code: UInt32, key: Key) {
        #expect(KeyDecoder.decode(status: ok, code: code) == key)
    }

    @Test(
        arguments: [
            (0o403, Key.up), (0o402, .down), (0o404, .left), (0o405, .right), (0o406, .home),
            (0o550, .end), (0o523, .pageUp), (0o522, .pageDown), (0o527, .enter),
            (0o407, .backspace), (0o512, .delete), (0o541, .backTab), (0o632, .resize),
            (0o411, .function(1)), (0o414, .function(4)), (0o424, .function(12)),
            (0o534, .home), (0o540, .pageDown),
        ] as [(UInt32, Key)])
    func functionKeys(code: UInt32, key: Key) {
        #expect(KeyDecoder.decode(status: keyCodeYes, code: code) == key)
    }

    @Test func timeoutAndUnknownCodesAreNil() {
        #expect(KeyDecoder.decode(status: err, code: 97) == nil)
        #expect(KeyDecoder.decode(status: keyCodeYes, code: 0o777) == nil)
        #expect(KeyDecoder.decode(status: ok, code: 0xD800) == nil)
    }

    @Test func mousePresses() {
        // BUTTON1_PRESSED = 2; BUTTON4_PRESSED (wheel up) = 2 << 15 with mouse version 2.
        #expect(KeyDecoder.mouse(x: 3, y: 4, buttonMask: 2) == .mouse(x: 3, y: 4, button: 1))
        #expect(KeyDecoder.mouse(x: 0, y: 0, buttonMask: 2 << 15) == .mouse(x: 0, y: 0, button: 4))
        #expect(KeyDecoder.mouse(x: 0, y: 0, buttonMask: 1) == nil)  // a release
    }
}
