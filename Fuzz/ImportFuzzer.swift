// libFuzzer entry point for the import readers: every input is handed to the JSON and CSV
// archive readers and to the GPX/TCX run-file reader. Each must answer with a value or a thrown
// error and never crash (a trapping conversion such as Int(Double.infinity)), hang or touch
// memory it does not own. The first input byte picks the reader, so one corpus serves all
// three; REHAB_FUZZ_READER=json, csv or run sends every input to that one reader (for a
// run of its own). Built by scripts/fuzz-imports.sh (not a SwiftPM target; see FUZZING.md).

import Foundation
import RehabStore

/// The reader every input goes to, or nil to pick by the first byte.
let fixedReader: UInt8? = {
    switch ProcessInfo.processInfo.environment["REHAB_FUZZ_READER"] {
    case "json": 0
    case "csv": 1
    case "run": 2
    default: nil
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImports(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let body = Data(bytes.dropFirst())
    switch fixedReader ?? bytes[0] % 3 {
    case 0:
        let text = String(decoding: body, as: UTF8.self)
        if let archive = try? ArchiveCodec.archive(json: text) {
            // What was read writes back out and reads again: the codec's own round trip.
            _ = try? ArchiveCodec.archive(json: ArchiveCodec.json(archive))
        }
    case 1:
        let text = String(decoding: body, as: UTF8.self)
        if let archive = try? ArchiveCodec.archive(csv: text) {
            _ = try? ArchiveCodec.archive(csv: ArchiveCodec.csv(archive))
        }
    default:
        do {
            let run = try RunFile.parse(data: body, file: "fuzz")
            // A run that is read is a run the store would take.
            guard (1...1440).contains(run.minutes), run.km.map({ $0.isFinite }) ?? true else {
                fatalError("implausible run accepted: \(run)")
            }
        } catch {
            if error.reason.en.isEmpty || error.reason.nl.isEmpty {
                fatalError("a refusal without a reason")
            }
        }
    }
    return 0
}
