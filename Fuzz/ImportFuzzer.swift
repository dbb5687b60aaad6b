// libFuzzer entry point for the import readers: every input is handed to the JSON and CSV
// archive readers (the whole decode and the streaming reader `rehab import` uses, which must
// agree) and to the GPX/TCX run-file reader. Each must answer with a value or a thrown
// error and never crash (a trapping conversion such as Int(Double.infinity)), hang or touch
// memory it does not own. The first input byte picks the reader, so one corpus serves all
// three; REHAB_FUZZ_READER=json, csv or run sends every input to that one reader (for a
// run of its own). Built by scripts/fuzz-imports.sh (not a SwiftPM target; see FUZZING.md).

import Foundation
import RehabCore
import RehabFiles

/// The reader every input goes to, or nil to pick by the first byte.
let fixedReader: UInt8? = {
    switch ProcessInfo.processInfo.environment["REHAB_FUZZ_READER"] {
    case "json": 0
    case "csv": 1
    case "run": 2
    default: nil
    }
}()

/// The pieces a streaming reader hands out, put back together.
func joined(_ next: () throws -> ArchivePiece?) throws -> Archive {
    var patients: [ArchivedPatient] = []
    while let piece = try next() {
        if piece.isFirst || patients.isEmpty {
            patients.append(piece.patient)
        } else {
            let last = patients.count - 1
            patients[last].sessions += piece.patient.sessions
            patients[last].mornings += piece.patient.mornings
            patients[last].clearings += piece.patient.clearings
            patients[last].shoes += piece.patient.shoes
            patients[last].measurements += piece.patient.measurements
            patients[last].notes += piece.patient.notes
        }
    }
    return Archive(patients: patients)
}

/// What only a streaming reader refuses, on purpose: a JSON key given twice (read whole, the
/// last one wins unseen), a CSV patient's rows apart or its header rows after its records.
let streamingRefusals = [
    "given twice", "after another patient's rows", "right under the patient row",
]

/// A file the whole decode reads (in a version this rehab reads) must stream to the same
/// patients.
func compare(whole: Archive?, streamed: Result<Archive, any Error>, _ format: String) {
    guard let whole, (try? whole.checkFormat()) != nil else { return }
    switch streamed {
    case .success(let archive):
        if archive.patients != whole.patients {
            fatalError("\(format): the streamed archive differs from the whole one")
        }
    case .failure(StoreError.importFailed(let message))
    where streamingRefusals.contains(where: message.en.contains):
        break
    case .failure(let error):
        fatalError("\(format): read whole, refused streamed: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImports(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let body = Data(bytes.dropFirst())
    switch fixedReader ?? bytes[0] % 3 {
    case 0:
        let text = String(decoding: body, as: UTF8.self)
        let whole = try? ArchiveCodec.archive(json: text)
        if let whole {
            // What was read writes back out and reads again: the codec's own round trip.
            _ = try? ArchiveCodec.archive(json: ArchiveCodec.json(whole))
        }
        // The reader `rehab import` uses, in pieces of 2 records: it must read what the whole
        // decode reads, the same (or refuse a key given twice, which the whole decode lets
        // the last one win).
        let streamed = Result { () throws -> Archive in
            var reader = try JSONArchiveReader(bytes: Array(text.utf8), limit: 2)
            return try joined { try reader.next() }
        }
        compare(whole: whole, streamed: streamed, "JSON")
    case 1:
        let text = String(decoding: body, as: UTF8.self)
        let whole = try? ArchiveCodec.archive(csv: text)
        if let whole {
            _ = try? ArchiveCodec.archive(csv: ArchiveCodec.csv(whole))
        }
        let streamed = Result { () throws -> Archive in
            var reader = try CSVArchiveReader(bytes: Array(text.utf8), limit: 2)
            return try joined { try reader.next() }
        }
        compare(whole: whole, streamed: streamed, "CSV")
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
