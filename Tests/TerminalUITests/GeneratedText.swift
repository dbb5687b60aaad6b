/// Seeded text for the tests that hold a fast path for printable ASCII to the walk by
/// grapheme: printable ASCII, and with `mixed` now and then one of the characters that make
/// text hard (controls, CR LF, combining marks, wide characters, emoji, bidi and zero-width
/// characters). A failure names its seed and replays exactly.
struct GeneratedText {
    private var state: UInt64
    private let mixed: Bool

    static let hard = [
        "\r\n", "\u{1B}", "e\u{301}", "日", "😀", "❤\u{FE0F}", "\u{7F}", "é", "\t", "\u{202E}",
        "\u{200B}",
    ]

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        mixed = seed % 2 == 1
    }

    /// A whole number below `bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// Up to `length` characters (fewer or more where a hard one is several).
    mutating func text(upTo length: Int) -> String {
        var text = ""
        for _ in 0..<next(length) {
            if mixed, next(4) == 0 {
                text += Self.hard[next(Self.hard.count)]
            } else {
                text.append(Character(Unicode.Scalar(UInt8(0x20 + next(0x5F)))))
            }
        }
        return text
    }
}
