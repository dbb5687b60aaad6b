// Checking a measure's answers at every entry point (CLI, app, import): the answer scale, the
// items the instrument asks, and for the PSFS the activities named the first time.

/// Why answers to a measure were refused. Localised by `MeasurePhrase.error`.
public enum MeasureError: Error, Hashable, Sendable {
    case unknownInstrument(String, known: [String])
    case noAnswers(instrument: String)
    /// An argument that is not `ITEM=SCORE`.
    case notAnAnswer(String)
    case scoreOutOfRange(instrument: String, item: String, value: String, allowed: ClosedRange<Int>)
    case unknownStep(String, allowed: [String])
    case tooManyItems(instrument: String, count: Int, allowed: ClosedRange<Int>)
    case duplicateItem(instrument: String, item: String)
    case unknownItem(instrument: String, item: String, known: [String])
    case missingItems(instrument: String, items: [String])
    /// A later PSFS must score the activities named the first time, so the change compares like
    /// with like (Stratford et al. 1995).
    case notTheBaselineActivities(expected: [String], given: [String])
    /// GPE rates the change since the start, so it needs an earlier measurement.
    case needsBaseline(instrument: String)
    case itemNameTooLong(String, max: Int)
}

extension String {
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}

public enum MeasureInput {
    public static let maxItemName = 60

    /// Parses `ITEM=SCORE` arguments (the score after the last `=`, so an activity may contain
    /// one) or, for an instrument with named steps or a single item, a bare answer.
    public static func answers(_ arguments: [String], for instrument: Instrument)
        throws(MeasureError) -> [ItemAnswer]
    {
        guard !arguments.isEmpty else { throw .noAnswers(instrument: instrument.id) }
        if case .fixed(let items) = instrument.items, items.count == 1, arguments.count == 1,
            !arguments[0].contains("=")
        {
            return [try answer(item: items[0].id, text: arguments[0], instrument)]
        }
        var result: [ItemAnswer] = []
        for argument in arguments {
            guard let split = argument.lastIndex(of: "=") else { throw .notAnAnswer(argument) }
            let item = String(argument[..<split]).trimmingSpaces
            let text = String(argument[argument.index(after: split)...])
            guard !item.isEmpty else { throw .notAnAnswer(argument) }
            result.append(try answer(item: item, text: text, instrument))
        }
        return result
    }

    private static func answer(item: String, text: String, _ instrument: Instrument)
        throws(MeasureError) -> ItemAnswer
    {
        let trimmed = text.trimmingSpaces
        if !instrument.steps.isEmpty {
            if let index = instrument.steps.firstIndex(of: trimmed) {
                return ItemAnswer(item: item, score: instrument.scale.lowerBound + index)
            }
            // The GPE's Dutch steps too: "veel_beter" or "veel beter".
            if instrument.id == Instrument.gpe.id,
                let step = GPEStep.allCases.first(where: {
                    $0.names.nl == trimmed.lowercased().replacingUnderscores
                })
            {
                return ItemAnswer(item: item, score: step.score)
            }
            if Int(trimmed) == nil { throw .unknownStep(text, allowed: instrument.steps) }
        }
        guard let value = Int(trimmed), instrument.scale.contains(value) else {
            throw .scoreOutOfRange(
                instrument: instrument.id, item: item, value: text, allowed: instrument.scale)
        }
        return ItemAnswer(item: item, score: value)
    }

    /// Checks answers against the instrument and the patient's earlier measurements of it;
    /// returns them in the instrument's item order (PSFS: the baseline's order).
    /// `on`: the answers' date; a rating of change (GPE) needs a measurement on an earlier day.
    public static func check(
        _ answers: [ItemAnswer], for instrument: Instrument, earlier: [MeasureRecord], on day: Day
    ) throws(MeasureError) -> [ItemAnswer] {
        guard !answers.isEmpty else { throw .noAnswers(instrument: instrument.id) }
        let own = earlier.filter { $0.instrument == instrument.id }.sorted { $0.date < $1.date }
        if instrument.needsBaseline, !earlier.contains(where: { $0.date < day }) {
            throw .needsBaseline(instrument: instrument.id)
        }
        var seen = Set<String>()
        for a in answers {
            guard instrument.scale.contains(a.score) else {
                throw .scoreOutOfRange(
                    instrument: instrument.id, item: a.item, value: String(a.score),
                    allowed: instrument.scale)
            }
            guard a.item.count <= maxItemName else {
                throw .itemNameTooLong(a.item, max: maxItemName)
            }
            guard seen.insert(Naming.key(a.item)).inserted else {
                throw .duplicateItem(instrument: instrument.id, item: a.item)
            }
        }
        switch instrument.items {
        case .fixed(let items):
            let ids = items.map(\.id)
            for a in answers where !ids.contains(a.item) {
                throw .unknownItem(instrument: instrument.id, item: a.item, known: ids)
            }
            let missing = ids.filter { id in !answers.contains { $0.item == id } }
            guard missing.isEmpty else {
                throw .missingItems(instrument: instrument.id, items: missing)
            }
            return ids.compactMap { id in answers.first { $0.item == id } }
        case .patientSpecific(let allowed):
            guard let baseline = own.first else {
                guard allowed.contains(answers.count) else {
                    throw .tooManyItems(
                        instrument: instrument.id, count: answers.count, allowed: allowed)
                }
                return answers
            }
            let expected = baseline.answers.map(\.item)
            let given = Set(answers.map { Naming.key($0.item) })
            guard given == Set(expected.map(Naming.key)) else {
                throw .notTheBaselineActivities(expected: expected, given: answers.map(\.item))
            }
            // Stored under the baseline's spelling, so the per-activity change lines up.
            return expected.compactMap { name in
                answers.first { Naming.key($0.item) == Naming.key(name) }.map {
                    ItemAnswer(item: name, score: $0.score)
                }
            }
        }
    }
}
