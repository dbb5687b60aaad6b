import CNcursesw

/// A key press (or terminal event) as the app sees it.
public enum Key: Sendable, Hashable {
    case char(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case home, end, pageUp, pageDown
    /// A control chord; the character is the lowercase letter (Ctrl-A → "a") or the symbol.
    case ctrl(Character)
    case function(Int)
    case resize
    /// A mouse press at a cell; buttons 4 and 5 are the wheel.
    case mouse(x: Int, y: Int, button: Int)
}

/// Turns ncurses `get_wch` results into keys. Pure, so the table is testable without a
/// terminal.
public enum KeyDecoder {
    /// `status` is get_wch's return value (OK, KEY_CODE_YES or ERR); `code` the value it stored.
    /// Returns nil for ERR (timeout) and for codes with no meaning here. KEY_MOUSE needs
    /// getmouse and is decoded by the backend with `mouse(x:y:buttonMask:)`.
    public static func decode(status: Int32, code: UInt32) -> Key? {
        switch status {
        case OK: return character(code)
        case KEY_CODE_YES: return keyCode(Int32(truncatingIfNeeded: code))
        default: return nil
        }
    }

    /// A plain character from get_wch (status OK).
    public static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl("@")
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return nil }
            return .ctrl(Character(scalar))
        case 28...31:
            // Ctrl-\ ] ^ _
            guard let scalar = Unicode.Scalar(code + 64) else { return nil }
            return .ctrl(Character(scalar))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function key code from get_wch (status KEY_CODE_YES).
    public static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// A mouse event from getmouse: only presses count (wheel = buttons 4 and 5), with or
    /// without Shift, Ctrl or Alt. Releases, moves and events off the screen are nil.
    public static func mouse(x: Int, y: Int, buttonMask: UInt) -> Key? {
        guard x >= 0, y >= 0 else { return nil }
        let buttons: [(mmask_t, Int)] = [
            (rehab_button1_pressed(), 1), (rehab_button2_pressed(), 2),
            (rehab_button3_pressed(), 3), (rehab_button4_pressed(), 4),
            (rehab_button5_pressed(), 5),
        ]
        for (mask, button) in buttons where UInt(mask) & buttonMask != 0 {
            return .mouse(x: x, y: y, button: button)
        }
        return nil
    }
}
