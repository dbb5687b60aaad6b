// A plan's `measures:` schedule: which outcome measures are due at the start, every N days, at
// a phase change and at discharge (plans/SCHEMA.md, "Outcome measures").

import RehabCore

extension PlanSchema {
    /// Nil when the plan names no schedule (the default one applies).
    mutating func measureSchedule(_ node: YAMLNode?, path at: String = "measures")
        -> [ScheduledMeasure]?
    {
        guard let nodes = reader.list(node, at) else { return nil }
        var seen: [String: Mark] = [:]
        var result: [ScheduledMeasure] = []
        for (i, item) in nodes.enumerated() {
            let path = "\(at)[\(i)]"
            guard
                let f = reader.fields(item, path, required: ["id"], optional: ["at", "every_days"])
            else { continue }
            // A questionnaire's id is checked against its folder when it is asked, not here:
            // plan files are read without the practice's questionnaires.
            let id = reader.identifier(f["id"], f.path("id"))
            if let id, let mark = f["id"]?.mark {
                reader.once(id, at: mark, seen: &seen) { first in
                    t(
                        "\(f.path("id")): \(id) is twee keer ingepland (eerst op regel "
                            + "\(first.line))",
                        "\(f.path("id")): \(id) is scheduled twice (first at line "
                            + "\(first.line))")
                }
            }
            let at: [MeasureMoment] = (reader.list(f["at"], f.path("at")) ?? []).enumerated()
                .compactMap { reader.choice($0.element, f.path("at") + "[\($0.offset)]", .moment) }
            let every = reader.int(f["every_days"], f.path("every_days"), 1...365)
            if id == Instrument.gpe.id, at.contains(.start), let mark = f["at"]?.mark {
                reader.fail(
                    mark,
                    t(
                        "\(f.path("at")): gpe beoordeelt de verandering sinds de start en kan dus "
                            + "niet bij start gevraagd worden (Kamper et al. 2009)",
                        "\(f.path("at")): gpe rates the change since the start, so it cannot be "
                            + "asked at start (Kamper et al. 2009)"))
            }
            if f["at"] == nil, f["every_days"] == nil {
                reader.fail(
                    f.mark,
                    t(
                        "\(path): zeg wanneer: at (start, phase_change, discharge), every_days of "
                            + "allebei",
                        "\(path): say when: at (start, phase_change, discharge), every_days, or both"
                    ))
            }
            if let id { result.append(ScheduledMeasure(instrument: id, at: at, everyDays: every)) }
        }
        return result
    }
}
