import Foundation
import RehabCore
import Testing

@testable import RehabFiles

/// Run files as an attacker or a broken watch writes them: every one is refused with a reason
/// naming what is wrong, and none traps (inf, nan and 1e300 used to crash `RunFile.run`).
@Suite struct HostileRunFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        /// Fragments of the English reason.
        let mentions: [String]
        var testDescription: String { label }
    }

    static func tcx(lapSeconds: String, meters: String = "5000") -> [UInt8] {
        Array(
            """
            <TrainingCenterDatabase><Activities><Activity Sport="Running">
            <Id>2026-03-01T10:00:00Z</Id><Lap StartTime="2026-03-01T10:00:00Z">
            <TotalTimeSeconds>\(lapSeconds)</TotalTimeSeconds><DistanceMeters>\(meters)</DistanceMeters></Lap>
            </Activity></Activities></TrainingCenterDatabase>
            """.utf8)
    }

    static func gpx(_ points: [(lat: String, lon: String, time: String)]) -> [UInt8] {
        let body = points.map {
            #"<trkpt lat="\#($0.lat)" lon="\#($0.lon)"><time>\#($0.time)</time></trkpt>"#
        }
        return Array(("<gpx><trk><trkseg>" + body.joined() + "</trkseg></trk></gpx>").utf8)
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            out += bigEndian ? pair : pair.reversed()
        }
        return out
    }

    static let doctypeGPX = """
        <?xml version="1.0" encoding="UTF-16"?><!DOCTYPE gpx [<!ENTITY a "52">]>
        <gpx><trk><trkseg><trkpt lat="&a;" lon="5"><time>2026-03-01T06:00:00Z</time></trkpt>
        <trkpt lat="52.01" lon="5"><time>2026-03-01T06:10:00Z</time></trkpt></trkseg></trk></gpx>
        """

    static let cases: [Case] = [
        Case(
            label: "lap time inf", bytes: tcx(lapSeconds: "inf"),
            mentions: ["lap 1", "inf", "not a duration"]),
        Case(
            label: "lap time nan", bytes: tcx(lapSeconds: "nan"),
            mentions: ["lap 1", "nan", "not a duration"]),
        Case(
            label: "lap time 1e300", bytes: tcx(lapSeconds: "1e300"),
            mentions: ["duration", "1440"]),
        Case(
            label: "lap time -1e300", bytes: tcx(lapSeconds: "-1e300"),
            mentions: ["lap 1", "not a duration"]),
        Case(
            label: "negative lap seconds", bytes: tcx(lapSeconds: "-600"),
            mentions: ["lap 1", "-600", "not a duration"]),
        Case(
            label: "lap metres inf", bytes: tcx(lapSeconds: "1800", meters: "inf"),
            mentions: ["lap 1", "distancemeters", "not a distance"]),
        Case(
            label: "250 km in 10 min (TCX)", bytes: tcx(lapSeconds: "600", meters: "250000"),
            mentions: ["250", "10 min", "not plausible"]),
        Case(
            label: "245 km in 30 min (GPX)",
            bytes: gpx([("0", "0", "2026-03-01T06:00:00Z"), ("0", "2.2", "2026-03-01T06:30:00Z")]),
            mentions: ["track point 1 to 2", "jump", "244.63 km"]),
        Case(
            label: "latitude 500",
            bytes: gpx([("500", "5", "2026-03-01T06:00:00Z"), ("52", "5", "2026-03-01T06:30:00Z")]),
            mentions: ["track point 1", "500", "not on earth"]),
        Case(
            label: "NaN latitude",
            bytes: gpx([("52", "5", "2026-03-01T06:00:00Z"), ("NaN", "5", "2026-03-01T06:30:00Z")]),
            mentions: ["track point 2", "nan", "not on earth"]),
        Case(
            label: "longitude -inf",
            bytes: gpx([
                ("52", "-inf", "2026-03-01T06:00:00Z"), ("52", "5", "2026-03-01T06:30:00Z"),
            ]), mentions: ["track point 1", "not on earth"]),
        Case(
            label: "a 5 km jump in 10 s",
            bytes: gpx([
                ("52", "5", "2026-03-01T06:00:00Z"), ("52.045", "5", "2026-03-01T06:00:10Z"),
                ("52.046", "5", "2026-03-01T06:30:00Z"),
            ]), mentions: ["track point 1 to 2", "jump", "10 s"]),
        Case(
            label: "UTF-16 LE with a DOCTYPE",
            bytes: utf16(doctypeGPX, bigEndian: false, bom: true),
            mentions: ["utf-16 (little-endian)", "utf-8"]),
        Case(
            label: "UTF-16 BE without a BOM", bytes: utf16(doctypeGPX, bigEndian: true, bom: false),
            mentions: ["utf-16 (big-endian)"]),
        Case(
            label: "UTF-32 LE", bytes: [0xFF, 0xFE, 0x00, 0x00, 0x3C, 0, 0, 0], mentions: ["utf-32"]
        ),
        // Found by scripts/fuzz-imports.sh: Foundation's XMLParser trapped on this element name.
        Case(
            label: "invalid UTF-8 in an element name",
            bytes: Array("<gpx><trk><trkseg><trkpt".utf8) + [0xCD, 0xCD]
                + Array(#" lat="1" lon="1"/></trkseg></trk></gpx>"#.utf8),
            mentions: ["not valid utf-8", "line 1", "byte 25"]),
        Case(
            label: "an overlong slash",
            bytes: Array("<gpx>".utf8) + [0xC0, 0xAF] + Array("</gpx>".utf8),
            mentions: ["not valid utf-8", "byte 6"]),
        // Found by scripts/fuzz-imports.sh: Foundation's XMLParser read a NULL pointer here.
        Case(
            label: "a processing instruction without data",
            bytes: Array("<?xmlTotalTimeSecondsUT?>-7\u{0}F\"\u{1}\n<gpx px>\n".utf8),
            mentions: ["processing instruction", "byte 1"]),
        Case(
            label: "a processing instruction inside",
            bytes: Array("<?xml version=\"1.0\"?><gpx><?x?></gpx>".utf8),
            mentions: ["processing instruction", "byte 27"]),
        Case(
            label: "declared Shift_JIS",
            bytes: Array(#"<?xml version="1.0" encoding="Shift_JIS"?><gpx/>"#.utf8),
            mentions: ["shift_jis", "utf-8"]),
    ]

    @Test(arguments: cases)
    func refusedWithAReason(_ badCase: Case) {
        do {
            let run = try RunFile.parse(data: Data(badCase.bytes), file: "run")
            Issue.record("accepted: \(run)")
        } catch {
            let reason = error.reason.en.lowercased()
            for fragment in badCase.mentions {
                #expect(reason.contains(fragment.lowercased()), "'\(fragment)' not in: \(reason)")
            }
            #expect(!error.reason.nl.isEmpty)
        }
    }

    /// Times are read by hand: ICU's parser crashed (SIGFPE) on a fraction of 80 digits.
    @Test func timesAreReadStrictlyWithoutICU() {
        let long = "2026-02-28T23:43:00." + String(repeating: "4", count: 80) + "Z"
        #expect(RunFile.time(long) == nil)
        #expect(
            RunFile.time("2026-03-01T07:00:00.900+01:00")?.timeIntervalSince1970 == 1_772_344_800.9)
        #expect(RunFile.time("2026-03-01T06:00:00Z")?.timeIntervalSince1970 == 1_772_344_800)
        #expect(
            RunFile.time(" 2026-03-01T05:30:00-00:30\n")?.timeIntervalSince1970 == 1_772_344_800)
        for bad in [
            "2026-02-30T06:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T06:00:00",
            "2026-03-01 06:00:00Z",
            "2026-03-01T06:00:00.Z", "2026-03-01T06:00:00+0100", "+2026-03-01T06:00:00Z",
            "2026-03-01T06:00:00Zjunk",
        ] {
            #expect(RunFile.time(bad) == nil, "\(bad)")
        }
        let tcx = Array(
            """
            <TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2026-03-01T10:00:00Z</Id>
            <Lap StartTime="2026-03-01T10:00:00Z"><TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>
            <Track><Trackpoint><Time>\(long)</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>
            """.utf8)
        #expect((try? RunFile.parse(data: Data(tcx), file: "run"))?.km == 5)
    }

    /// A day-long watch file is 25 MB or so: over the 10,000,000 bytes libxml2 takes in one
    /// piece (it used to be refused as "not valid XML"), under the 64 MiB cap. Here 11 MB:
    /// 12,000 points 5 s apart, each padded as watches pad them with extensions.
    @Test func aFileOverTenMillionBytesUnderTheCapIsRead() throws {
        let start = Date(timeIntervalSince1970: 1_772_344_800)  // 2026-03-01T06:00:00Z
        let formatter = ISO8601DateFormatter()
        let padding = String(repeating: "x", count: 850)
        var lines = ["<gpx><trk><type>walking</type><trkseg>"]
        for i in 0..<12_000 {
            let lat = 52 + Double(i) * 0.00001
            let time = formatter.string(from: start.addingTimeInterval(Double(i * 5)))
            lines.append(
                #"<trkpt lat="\#(lat)" lon="5.0"><time>\#(time)</time>"#
                    + "<extensions><pad>\(padding)</pad></extensions></trkpt>")
        }
        lines.append("</trkseg></trk></gpx>")
        let data = Data(lines.joined(separator: "\n").utf8)
        #expect(data.count > 10_000_000)
        let run = try RunFile.parse(data: data, file: "day.gpx")
        // 11,999 × 5 s = 59,995 s = 999.9 min.
        #expect(run.minutes == 1000)
        #expect(run.activity == .walk)
    }

    /// Without libxml2 on the machine a run file is refused with what to install, in both
    /// languages; nothing is guessed from the bytes.
    @Test func aMissingLibxml2IsSaidPlainly() throws {
        let gpx = Data(
            "<?xml version=\"1.0\"?><gpx><trk><trkseg></trkseg></trk></gpx>".utf8)
        let error = #expect(throws: RunFileError.self) {
            try RunFile.parse(data: gpx, file: "run.gpx", libxml2: { false })
        }
        #expect(
            error?.reason.en == "libxml2 is missing on this computer; install the libxml2 package")
        #expect(error?.reason.nl.contains("installeer het pakket libxml2") == true)
    }
}
