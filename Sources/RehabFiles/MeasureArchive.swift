// Measures and clinical notes in the archive formats (JSON documents, a CSV cell); apart from
// the store so the file-format fuzzer builds without GRDB (scripts/fuzz-imports.sh).

import Foundation
import RehabCore

struct MeasurementDoc: Codable {
    var date: Day
    var instrument: String
    var answers: [ItemAnswer]

    init(_ m: MeasureRecord) {
        date = m.date
        instrument = m.instrument
        answers = m.answers
    }

    var value: MeasureRecord { MeasureRecord(date: date, instrument: instrument, answers: answers) }
}

struct NoteDoc: Codable {
    var date: Day
    var text: String

    init(_ n: ClinicalNote) {
        date = n.date
        text = n.text
    }

    var value: ClinicalNote { ClinicalNote(date: date, text: text) }
}

/// A measurement's answers in one CSV cell: a JSON array of {"item", "score"}.
enum MeasureCSV {
    static func answers(_ answers: [ItemAnswer]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(answers)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func answers(_ cells: CSVRow) throws -> [ItemAnswer] {
        let text = try cells.required("answers")
        guard let answers = try? JSONDecoder().decode([ItemAnswer].self, from: Data(text.utf8))
        else {
            throw cells.error("answers", FormatPhrase.badAnswers())
        }
        return answers
    }
}
