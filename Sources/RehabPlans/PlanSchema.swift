// The plan file schema (plans/SCHEMA.md) read into RehabCore.Plan: keys, types, ranges,
// references between sections, and the rules that span layers (safe_max <= limit).

import RehabCore

/// Where a layer's thresholds were written, for errors that only show after layering.
private struct PainPlace {
    var path: String
    var mark: Mark
}

/// One layer of thresholds (plan, variant or phase) and where each part of it was written:
/// "pain", "morning" and "by_activity.<activity>".
private struct ThresholdLayer {
    var variant: String? = nil
    var thresholds = ThresholdOverrides()
    var places: [String: PainPlace] = [:]
}

struct PlanSchema {
    var reader: SchemaReader
    /// The file name stem the plan id must equal; nil when reading bytes with no path.
    let expectedID: String?
    /// A mismatch with `expectedID` is only a warning: the file is checked on its own (`rehab
    /// plans check`), not read from a plan folder, where files are found by their name.
    var idMismatchIsWarning = false

    /// What each phase and variant said, kept even when another part of it failed, so the
    /// cross checks still run and report everything in one pass.
    private var phaseFacts: [PhaseFacts]?
    private var variantLayers: [ThresholdLayer] = []

    init(file: String, expectedID: String?) {
        reader = SchemaReader(file: file)
        self.expectedID = expectedID
    }

    static let topKeys = ["id", "names", "region", "summary", "sources", "phases"]
    static let thresholdKeys = ["pain", "morning", "worsening_window_hours", "load", "see_doctor"]
    /// Above this, walking and running are not judged as the sources judge them: tendon loading
    /// exercises may go to 5/10, walking and running stay at 3/10 (Silbernagel et al. 2007).
    static let runWalkSafeMax = 3

    mutating func plan(_ root: YAMLNode?) -> Plan? {
        guard
            let f = reader.topFields(
                root, of: .plan, required: Self.topKeys,
                optional: Self.thresholdKeys + [
                    "variants", "red_flags", "referrals", "advice", "exercises", "measures",
                ])
        else { return nil }

        let id = reader.identifier(f["id"], "id")
        if let id, let expectedID, id != expectedID, let node = f["id"] {
            if idMismatchIsWarning {
                reader.warn(
                    node.mark,
                    t(
                        "id: \(id) komt niet overeen met de bestandsnaam \(expectedID).yaml; goed "
                            + "voor een overgedragen planbestand (rehab start --plan-file), maar in "
                            + "een plannenmap moet het \(id).yaml heten",
                        "id: \(id) does not match the file name \(expectedID).yaml; fine for a plan "
                            + "file handed over (rehab start --plan-file), but in a plans folder it "
                            + "must be named \(id).yaml"))
            } else {
                reader.fail(node.mark, SchemaReader.idMismatch(id, expected: expectedID))
            }
        }
        let names = reader.text(f["names"], "names")
        let region: BodyRegion? = reader.choice(f["region"], "region", .region)
        let summary = reader.text(f["summary"], "summary")
        let sources = self.sources(f["sources"])
        let (thresholds, planPlaces) = self.thresholds(f, loadKeys: true)

        let exercises = self.exercises(f["exercises"])
        let phases = self.phases(f["phases"], library: exercises.map(\.id))
        let variants = self.variants(f["variants"])
        let redFlags = self.redFlags(f["red_flags"])
        let referrals = self.referrals(f["referrals"], flags: f["red_flags"])
        let advice = (reader.list(f["advice"], "advice") ?? []).enumerated().compactMap {
            reader.text($0.element, "advice[\($0.offset)]")
        }

        let measures = measureSchedule(f["measures"])
        checkLayers(plan: ThresholdLayer(thresholds: thresholds, places: planPlaces))

        guard let id, let names, let region, let summary, let phases, reader.errors.isEmpty else {
            return nil
        }
        var plan = Plan(
            id: id, names: names, region: region, summary: summary, sources: sources,
            thresholds: thresholds, variants: variants, redFlags: redFlags, referrals: referrals,
            advice: advice, exercises: exercises, phases: phases)
        plan.measures = measures
        return plan
    }

    // MARK: - Sections

    private mutating func sources(_ node: YAMLNode?) -> [String] {
        guard let nodes = reader.list(node, "sources"), let node else { return [] }
        if nodes.isEmpty {
            reader.fail(
                node.mark, t("sources: noem minstens één bron", "sources: list at least one source")
            )
        }
        return nodes.enumerated().compactMap { reader.string($0.element, "sources[\($0.offset)]") }
    }

    /// pain, morning, worsening_window_hours, load and see_doctor of a plan, variant or phase,
    /// with the places they were written. A phase's `load` also holds its metric, so there the
    /// caller reads it (`loadKeys: false`).
    private mutating func thresholds(_ f: Fields, loadKeys: Bool)
        -> (ThresholdOverrides, [String: PainPlace])
    {
        var overrides = ThresholdOverrides()
        var places: [String: PainPlace] = [:]
        if let node = f["pain"],
            let pain = reader.fields(
                node, f.path("pain"), required: [],
                optional: ThresholdDescriptor.section("pain").map(\.name) + ["by_activity"])
        {
            places["pain"] = PainPlace(path: f.path("pain"), mark: node.mark)
            readThresholds("pain", pain, into: &overrides)
            overrides.painByActivity = byActivity(
                pain["by_activity"], pain.path("by_activity"), places: &places)
        }
        if let node = f["morning"],
            let morning = reader.fields(
                node, f.path("morning"), required: [],
                optional: ThresholdDescriptor.section("morning").map(\.name))
        {
            places["morning"] = PainPlace(path: f.path("morning"), mark: node.mark)
            readThresholds("morning", morning, into: &overrides)
            if morning.entries.isEmpty {
                reader.fail(morning.mark, leaveOut(f.path("morning"), "safe_max", "limit"))
            }
        }
        readThresholds(nil, f, into: &overrides)
        if loadKeys, let node = f["load"],
            let load = reader.fields(
                node, f.path("load"), required: [],
                optional: ThresholdDescriptor.section("load").map(\.name))
        {
            readThresholds("load", load, into: &overrides)
        }
        if let node = f["see_doctor"],
            let doctor = reader.fields(
                node, f.path("see_doctor"), required: [],
                optional: ThresholdDescriptor.section("see_doctor").map(\.name))
        {
            readThresholds("see_doctor", doctor, into: &overrides)
        }
        return (overrides, places)
    }

    /// The thresholds of one plan-file mapping (`ThresholdDescriptor.section`), each checked
    /// against its allowed values; one that is not given keeps the layer below (nil).
    private mutating func readThresholds(
        _ section: String?, _ f: Fields, into t: inout ThresholdOverrides
    ) {
        for d in ThresholdDescriptor.section(section) {
            switch d.allowed {
            case .integer(let range):
                d.set(reader.int(f[d.name], f.path(d.name), range).map(Double.init), in: &t)
            default:
                d.set(reader.number(f[d.name], f.path(d.name), d.decimalRange), in: &t)
            }
        }
    }

    /// `pain.by_activity`: per activity of the vocabulary, its own safe_max and/or limit.
    private mutating func byActivity(
        _ node: YAMLNode?, _ path: String, places: inout [String: PainPlace]
    ) -> [Activity: ActivityPain] {
        guard let node else { return [:] }
        guard case .mapping(let entries, _) = node else {
            reader.fail(
                node.mark, reader.expected("\(path): ", t("een mapping", "a mapping"), node))
            return [:]
        }
        var result: [Activity: ActivityPain] = [:]
        for entry in entries {
            let entryPath = "\(path).\(entry.key)"
            guard let activity = Activity(rawValue: entry.key) else {
                reader.unknown(
                    entry.key, what: .activity, among: Activity.allCases.map(\.rawValue),
                    at: entry.keyMark, entryPath)
                continue
            }
            guard
                let f = reader.fields(
                    entry.value, entryPath, required: [], optional: ["safe_max", "limit"])
            else { continue }
            if f.entries.isEmpty {
                reader.fail(f.mark, leaveOut(entryPath, "safe_max", "limit"))
                continue
            }
            places["by_activity.\(entry.key)"] = PainPlace(path: entryPath, mark: f.mark)
            let pain = ActivityPain(
                safeMax: reader.int(f["safe_max"], f.path("safe_max"), Validate.painRange),
                limit: reader.int(f["limit"], f.path("limit"), Validate.painRange))
            if !pain.isEmpty { result[activity] = pain }
        }
        return result
    }

    private mutating func exercises(_ node: YAMLNode?) -> [Exercise] {
        var seen: [String: Mark] = [:]
        var result: [Exercise] = []
        for (i, item) in (reader.list(node, "exercises") ?? []).enumerated() {
            let path = "exercises[\(i)]"
            guard let f = reader.fields(item, path, required: ["id", "names"], optional: ["how"])
            else { continue }
            let id = unique(f, kind: .exercise, seen: &seen)
            let names = reader.text(f["names"], f.path("names"))
            let how = reader.text(f["how"], f.path("how"))
            if let id, let names { result.append(Exercise(id: id, names: names, how: how)) }
        }
        return result
    }

    private mutating func redFlags(_ node: YAMLNode?) -> [RedFlagQuestion] {
        var seen: [String: Mark] = [:]
        var result: [RedFlagQuestion] = []
        for (i, item) in (reader.list(node, "red_flags") ?? []).enumerated() {
            let path = "red_flags[\(i)]"
            guard
                let f = reader.fields(
                    item, path, required: ["id", "question"], optional: ["urgency", "emergency"])
            else { continue }
            let id = unique(f, kind: .redFlag, seen: &seen)
            let question = reader.text(f["question"], f.path("question"))
            let urgency = self.urgency(f, id: id)
            if let id, let question, let urgency {
                result.append(RedFlagQuestion(id: id, question: question, urgency: urgency))
            }
        }
        return result
    }

    /// A red flag's `urgency` (required). The older `emergency: true|false` is still read, so
    /// plan files handed over before schema v2 load: true is `emergency`, false the built-in
    /// default of the id; `plans check` warns that it is deprecated.
    private mutating func urgency(_ f: Fields, id: String?) -> Urgency? {
        let choices = Urgency.allCases.reversed().map(\.rawValue).joined(separator: ", ")
        let urgency: Urgency? = reader.choice(f["urgency"], f.path("urgency"), .urgency)
        let emergency = reader.bool(f["emergency"], f.path("emergency"))
        guard let node = f["emergency"] else {
            if f["urgency"] == nil {
                reader.fail(
                    f.mark,
                    t(
                        "\(f.path): verplichte sleutel urgency ontbreekt (\(choices))",
                        "\(f.path): missing required key urgency (\(choices))"))
            }
            return urgency
        }
        guard let emergency else { return nil }
        let older: Urgency = emergency ? .emergency : RedFlag.defaultUrgency(id ?? "")
        if let urgency {
            if (urgency == .emergency) != emergency {
                reader.fail(
                    node.mark,
                    t(
                        "\(f.path("emergency")): \(emergency) spreekt urgency: "
                            + "\(urgency.rawValue) tegen; verwijder emergency (verouderd)",
                        "\(f.path("emergency")): \(emergency) contradicts urgency: "
                            + "\(urgency.rawValue); remove emergency (deprecated)"))
                return nil
            }
            reader.warn(
                node.mark,
                t(
                    "\(f.path("emergency")): verouderd; urgency alleen zegt het al",
                    "\(f.path("emergency")): deprecated; urgency alone says it"))
            return urgency
        }
        reader.warn(
            node.mark,
            t(
                "\(f.path("emergency")): verouderd; schrijf in plaats daarvan urgency: "
                    + "\(older.rawValue) (\(choices))",
                "\(f.path("emergency")): deprecated; write urgency: \(older.rawValue) instead "
                    + "(\(choices))"))
        return older
    }

    /// Physio referrals: questions that, answered yes, send the runner to the physio without
    /// stopping the plan (seed 003). Ids unique and distinct from the red flags' ids, because a
    /// report names one id and the engine must know whether it is a stop.
    private mutating func referrals(_ node: YAMLNode?, flags: YAMLNode?) -> [ReferralQuestion] {
        var flagIDs: [String: Mark] = [:]
        if case .sequence(let items, _) = flags {
            for case .mapping(let entries, _) in items {
                if let entry = entries.first(where: { $0.key == "id" }),
                    case .scalar(let text, _, let mark) = entry.value
                {
                    flagIDs[text] = flagIDs[text] ?? mark
                }
            }
        }
        var seen: [String: Mark] = [:]
        var result: [ReferralQuestion] = []
        for (i, item) in (reader.list(node, "referrals") ?? []).enumerated() {
            let path = "referrals[\(i)]"
            guard let f = reader.fields(item, path, required: ["id", "question"]) else { continue }
            var id = unique(f, kind: .referral, seen: &seen)
            if let name = id, let flag = flagIDs[name], let node = f["id"] {
                reader.fail(
                    node.mark,
                    t(
                        "\(f.path("id")): \(name) is ook een rode vlag (regel \(flag.line)); een "
                            + "vraag is een stop of een verwijzing, niet allebei",
                        "\(f.path("id")): \(name) is also a red flag (line \(flag.line)); a "
                            + "question is either a stop or a referral, not both"))
                id = nil
            }
            let question = reader.text(f["question"], f.path("question"))
            if let id, let question {
                result.append(ReferralQuestion(id: id, question: question))
            }
        }
        return result
    }

    private mutating func variants(_ node: YAMLNode?) -> [Variant] {
        var seen: [String: Mark] = [:]
        var result: [Variant] = []
        for (i, item) in (reader.list(node, "variants") ?? []).enumerated() {
            let path = "variants[\(i)]"
            guard
                let f = reader.fields(
                    item, path, required: ["id", "names", "expected_weeks"],
                    optional: ["description", "phases"] + Self.thresholdKeys)
            else { continue }
            let id = unique(f, kind: .variant, seen: &seen)
            let names = reader.text(f["names"], f.path("names"))
            let description = reader.text(f["description"], f.path("description"))
            let weeks = expectedWeeks(f["expected_weeks"], f.path("expected_weeks"))
            let changes = phaseOverrides(f["phases"], f.path("phases"))
            let (thresholds, places) = self.thresholds(f, loadKeys: true)
            if let id {
                variantLayers.append(
                    ThresholdLayer(variant: id, thresholds: thresholds, places: places))
            }
            if let id, let names, let weeks {
                result.append(
                    Variant(
                        id: id, names: names, description: description, expectedWeeks: weeks,
                        phases: changes, thresholds: thresholds))
            }
        }
        return result
    }

    private mutating func expectedWeeks(_ node: YAMLNode?, _ path: String) -> ClosedRange<Int>? {
        guard let nodes = reader.list(node, path), let node else { return nil }
        guard nodes.count == 2 else {
            reader.fail(
                node.mark,
                t(
                    "\(path): verwacht twee getallen [van, tot], gevonden: \(nodes.count)",
                    "\(path): expected two numbers [from, to], found \(nodes.count)"))
            return nil
        }
        guard let from = reader.int(nodes[0], "\(path)[0]", 1...104),
            let to = reader.int(nodes[1], "\(path)[1]", 1...104)
        else { return nil }
        guard from <= to else {
            reader.fail(
                node.mark,
                t(
                    "\(path): \(from) is meer dan \(to); schrijf [van, tot]",
                    "\(path): \(from) is more than \(to); write [from, to]"))
            return nil
        }
        return from...to
    }

    /// What a variant changes per phase, keyed by phase id: lengths, run/walk schedule and exit
    /// criteria, each read and checked as on the phase itself, then against the phase.
    private mutating func phaseOverrides(_ node: YAMLNode?, _ path: String)
        -> [String: PhaseOverride]
    {
        guard let node else { return [:] }
        guard case .mapping(let entries, _) = node else {
            reader.fail(
                node.mark, reader.expected("\(path): ", t("een mapping", "a mapping"), node))
            return [:]
        }
        var result: [String: PhaseOverride] = [:]
        for entry in entries {
            let entryPath = "\(path).\(entry.key)"
            let phase = phaseFacts?.first { $0.id == entry.key }
            if let phaseFacts, phase == nil {
                reader.unknown(
                    entry.key, what: .phase, among: phaseFacts.map(\.id), at: entry.keyMark,
                    entryPath)
            }
            guard
                let f = reader.fields(
                    entry.value, entryPath, required: [],
                    optional: ["min_days", "max_days", "run_walk", "exit"])
            else { continue }
            if f.entries.isEmpty {
                reader.fail(
                    f.mark,
                    t(
                        "\(entryPath): geef min_days, max_days, run_walk of exit, of laat het weg",
                        "\(entryPath): give min_days, max_days, run_walk or exit, or leave it out"
                    ))
                continue
            }
            var change = PhaseOverride(
                minDays: reader.int(f["min_days"], f.path("min_days"), 0...365),
                maxDays: reader.int(f["max_days"], f.path("max_days"), 0...365))
            if let phase, let minDays = change.minDays ?? phase.minDays {
                if let maxDays = change.maxDays ?? phase.maxDays, maxDays < minDays {
                    reader.fail(
                        f.mark,
                        t(
                            "\(entryPath): max_days \(maxDays) is kleiner dan min_days \(minDays)",
                            "\(entryPath): max_days \(maxDays) is less than min_days \(minDays)"))
                }
            }
            if let stepsNode = f["run_walk"] {
                change.runWalk = runWalk(stepsNode, f.path("run_walk"), emptyAllowed: false)
            }
            if f["exit"] != nil {
                // The schedule the variant's runner follows decides whether run_walk_completed
                // can ever be met; an unreadable phase is not blamed on the variant.
                let hasRunWalk =
                    f["run_walk"] != nil ? !(change.runWalk ?? []).isEmpty : phase?.hasRunWalk
                change.exit = exitCriteria(
                    f, isLast: phase?.isLast ?? true, hasRunWalk: hasRunWalk ?? true)
            }
            result[entry.key] = change
        }
        return result
    }

    // MARK: - Phases

    private mutating func phases(_ node: YAMLNode?, library: [String]) -> [Phase]? {
        guard let nodes = reader.list(node, "phases"), let node else { return nil }
        if nodes.isEmpty {
            reader.fail(
                node.mark, t("phases: noem minstens één fase", "phases: list at least one phase"))
        }
        phaseFacts = []
        var seen: [String: Mark] = [:]
        var result: [Phase] = []
        for (i, item) in nodes.enumerated() {
            let isLast = i == nodes.count - 1
            if let phase = phase(
                item, "phases[\(i)]", library: library, isLast: isLast, seen: &seen)
            {
                result.append(phase)
            }
        }
        return result.count == nodes.count ? result : nil
    }

    private mutating func phase(
        _ node: YAMLNode, _ path: String, library: [String], isLast: Bool,
        seen: inout [String: Mark]
    ) -> Phase? {
        guard
            let f = reader.fields(
                node, path, required: ["id", "kind", "names", "min_days"],
                optional: [
                    "goal", "max_days", "allowed", "avoid", "sessions", "exercises", "run_walk",
                    "exit", "measures",
                ] + Self.thresholdKeys)
        else { return nil }
        let id = unique(f, kind: .phase, seen: &seen)
        let kind: PhaseKind? = reader.choice(f["kind"], f.path("kind"), .phaseKind)
        let names = reader.text(f["names"], f.path("names"))
        let goal = reader.text(f["goal"], f.path("goal"))
        let minDays = reader.int(f["min_days"], f.path("min_days"), 0...365)
        let maxDays = reader.int(f["max_days"], f.path("max_days"), 0...365)
        if let minDays, let maxDays, maxDays < minDays, let node = f["max_days"] {
            reader.fail(
                node.mark,
                t(
                    "\(f.path("max_days")): \(maxDays) is kleiner dan min_days \(minDays)",
                    "\(f.path("max_days")): \(maxDays) is less than min_days \(minDays)"))
        }
        let allowed: [Activity] = (reader.list(f["allowed"], f.path("allowed")) ?? [])
            .enumerated().compactMap {
                reader.choice($0.element, f.path("allowed") + "[\($0.offset)]", .activity)
            }
        let avoid: [Movement] = (reader.list(f["avoid"], f.path("avoid")) ?? [])
            .enumerated().compactMap {
                reader.choice($0.element, f.path("avoid") + "[\($0.offset)]", .movement)
            }
        let sessions = weeklySessions(f["sessions"], f.path("sessions"))
        let exercises = prescriptions(f["exercises"], f.path("exercises"), library: library)
        let runWalk = runWalk(f["run_walk"], f.path("run_walk"), emptyAllowed: true) ?? []
        // Steps as written, so a step with a bad value does not also make the exit's
        // run_walk_completed look unreachable.
        var hasRunWalk = false
        if case .sequence(let steps, _) = f["run_walk"] { hasRunWalk = !steps.isEmpty }
        var (thresholds, places) = self.thresholds(f, loadKeys: false)
        let (metric, startingVolume) = phaseLoad(f["load"], f.path("load"), into: &thresholds)
        if let id {
            phaseFacts?.append(
                PhaseFacts(
                    id: id, layer: ThresholdLayer(thresholds: thresholds, places: places),
                    minDays: minDays, maxDays: maxDays, isLast: isLast, hasRunWalk: hasRunWalk))
        }
        let exit = exitCriteria(f, isLast: isLast, hasRunWalk: hasRunWalk)
        let measures = measureSchedule(f["measures"], path: f.path("measures"))

        guard let id, let kind, let names, let minDays, let exit else { return nil }
        var phase = Phase(
            id: id, kind: kind, names: names, goal: goal, minDays: minDays, maxDays: maxDays,
            allowed: allowed, avoid: avoid, exercises: exercises, weeklySessions: sessions,
            runWalk: runWalk, loadMetric: metric, startingVolume: startingVolume,
            thresholds: thresholds, exit: exit)
        phase.measures = measures
        return phase
    }

    private mutating func weeklySessions(_ node: YAMLNode?, _ path: String) -> [Activity: Int] {
        guard let node else { return [:] }
        guard case .mapping(let entries, _) = node else {
            reader.fail(
                node.mark, reader.expected("\(path): ", t("een mapping", "a mapping"), node))
            return [:]
        }
        var result: [Activity: Int] = [:]
        for entry in entries {
            guard let activity = Activity(rawValue: entry.key) else {
                reader.unknown(
                    entry.key, what: .activity, among: Activity.allCases.map(\.rawValue),
                    at: entry.keyMark, "\(path).\(entry.key)")
                continue
            }
            result[activity] = reader.int(entry.value, "\(path).\(entry.key)", 1...14)
        }
        return result
    }

    private mutating func prescriptions(_ node: YAMLNode?, _ path: String, library: [String])
        -> [Prescription]
    {
        var result: [Prescription] = []
        for (i, item) in (reader.list(node, path) ?? []).enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard
                let f = reader.fields(
                    item, itemPath, required: ["id", "sets"],
                    optional: ["reps", "hold_seconds", "per_day", "per_week"])
            else { continue }
            var id = reader.identifier(f["id"], f.path("id"))
            if let name = id, !library.contains(name), let node = f["id"] {
                reader.unknown(
                    name, what: .exercise, among: library, at: node.mark, f.path("id"))
                id = nil
            }
            let sets = reader.int(f["sets"], f.path("sets"), 1...10)
            let reps = reader.int(f["reps"], f.path("reps"), 1...100)
            let hold = reader.int(f["hold_seconds"], f.path("hold_seconds"), 1...600)
            let perDay = reader.int(f["per_day"], f.path("per_day"), 1...10)
            let perWeek = reader.int(f["per_week"], f.path("per_week"), 1...14)
            let ok1 = exactlyOne(f, "reps", "hold_seconds", itemPath)
            let ok2 = exactlyOne(f, "per_day", "per_week", itemPath)
            guard let id, let sets, ok1, ok2 else { continue }
            result.append(
                Prescription(
                    exercise: id, sets: sets, reps: reps, holdSeconds: hold, perDay: perDay,
                    perWeek: perWeek))
        }
        return result
    }

    private mutating func exactlyOne(_ f: Fields, _ a: String, _ b: String, _ path: String) -> Bool
    {
        switch (f[a] != nil, f[b] != nil) {
        case (true, false), (false, true):
            return true
        case (true, true):
            reader.fail(
                f.mark,
                t(
                    "\(path): geef \(a) of \(b), niet allebei",
                    "\(path): give \(a) or \(b), not both"))
        case (false, false):
            reader.fail(
                f.mark,
                t(
                    "\(path): \(a) of \(b) ontbreekt; geef er één",
                    "\(path): missing \(a) or \(b); give one of them"))
        }
        return false
    }

    /// A run/walk schedule; nil when a step could not be read, so a broken schedule is never
    /// used with a step missing.
    private mutating func runWalk(_ node: YAMLNode?, _ path: String, emptyAllowed: Bool)
        -> [RunWalkStep]?
    {
        guard let nodes = reader.list(node, path), let node else { return nil }
        if nodes.isEmpty && !emptyAllowed {
            reader.fail(
                node.mark,
                t(
                    "\(path): noem minstens één stap, of laat run_walk weg om het schema van de "
                        + "fase te houden",
                    "\(path): list at least one step, or leave run_walk out to keep the "
                        + "phase's schedule"))
            return nil
        }
        let steps = nodes.enumerated().compactMap {
            runWalkStep($0.element, "\(path)[\($0.offset)]")
        }
        return steps.count == nodes.count ? steps : nil
    }

    private mutating func runWalkStep(_ node: YAMLNode, _ path: String) -> RunWalkStep? {
        guard
            let f = reader.fields(
                node, path, required: ["run", "walk", "total"], optional: ["per_week", "pass"])
        else { return nil }
        let run = reader.number(f["run"], f.path("run"), 0.5...120)
        let walk = reader.number(f["walk"], f.path("walk"), 0...10)
        let total = reader.int(f["total"], f.path("total"), 5...180)
        let perWeek = reader.int(f["per_week"], f.path("per_week"), 1...7)
        let pass = reader.int(f["pass"], f.path("pass"), 1...10)
        guard let run, let walk, let total else { return nil }
        if Double(total) < run, let node = f["total"] {
            reader.fail(
                node.mark,
                t(
                    "\(f.path("total")): \(total) is korter dan één keer hardlopen van \(run)",
                    "\(f.path("total")): \(total) is shorter than one run of \(run)"))
            return nil
        }
        // A bad optional value was reported above; do not fall back to its default silently.
        if (f["per_week"] != nil && perWeek == nil) || (f["pass"] != nil && pass == nil) {
            return nil
        }
        return RunWalkStep(
            runMinutes: run, walkMinutes: walk, totalMinutes: total,
            sessionsPerWeek: perWeek ?? 3, sessionsToPass: pass ?? 3)
    }

    /// A phase's `load`: the metric and starting volume, plus the percentage overrides.
    private mutating func phaseLoad(
        _ node: YAMLNode?, _ path: String, into thresholds: inout ThresholdOverrides
    ) -> (LoadMetric, Double?) {
        guard let node,
            let f = reader.fields(
                node, path, required: [],
                optional: ["metric", "activity", "activities", "starting_volume"]
                    + ThresholdDescriptor.section("load").map(\.name))
        else { return (.km, nil) }
        readThresholds("load", f, into: &thresholds)
        let volume = reader.number(f["starting_volume"], f.path("starting_volume"), 0...1000)
        let metricName = reader.string(f["metric"], f.path("metric")) ?? "km"
        switch metricName {
        case "km":
            for key in ["activity", "activities"] {
                if let node = f[key] {
                    reader.fail(
                        node.mark,
                        t(
                            "\(f.path(key)): alleen toegestaan bij metric: minutes (km is "
                                + "hardlopen)",
                            "\(f.path(key)): only allowed with metric: minutes (km is running)"))
                }
            }
            return (.km, volume)
        case "minutes":
            return (minutesMetric(f, path) ?? .km, volume)
        default:
            if let node = f["metric"] {
                reader.unknown(
                    metricName, what: .metric, among: ["km", "minutes"], at: node.mark,
                    f.path("metric"))
            }
            return (.km, volume)
        }
    }

    /// `metric: minutes` of `activity: cycle` (one) or `activities: [walk, cycle]` (counted
    /// together, e.g. toward seed 004's 150 minutes of moderate activity a week).
    private mutating func minutesMetric(_ f: Fields, _ path: String) -> LoadMetric? {
        switch (f["activity"], f["activities"]) {
        case (nil, nil):
            reader.fail(
                f.mark,
                t(
                    "\(path): metric minutes heeft een activity of activities nodig",
                    "\(path): metric minutes needs an activity or activities"))
            return nil
        case (.some, .some):
            reader.fail(
                f.mark,
                t(
                    "\(path): geef activity of activities, niet allebei",
                    "\(path): give activity or activities, not both"))
            return nil
        case (let node?, nil):
            let activity: Activity? = reader.choice(node, f.path("activity"), .activity)
            return activity.map { .minutes([$0]) }
        case (nil, let node?):
            guard let items = reader.list(node, f.path("activities")) else { return nil }
            if items.isEmpty {
                reader.fail(
                    node.mark,
                    t(
                        "\(f.path("activities")): noem minstens één activiteit",
                        "\(f.path("activities")): list at least one activity"))
                return nil
            }
            var seen: Set<Activity> = []
            var activities: [Activity] = []
            for (i, item) in items.enumerated() {
                let itemPath = f.path("activities") + "[\(i)]"
                guard let activity: Activity = reader.choice(item, itemPath, .activity) else {
                    continue
                }
                if !seen.insert(activity).inserted {
                    reader.fail(
                        item.mark,
                        t(
                            "\(itemPath): \(activity.rawValue) staat er twee keer in",
                            "\(itemPath): \(activity.rawValue) is listed twice"))
                    continue
                }
                activities.append(activity)
            }
            return activities.count == items.count ? .minutes(activities) : nil
        }
    }

    /// Exit criteria; required (and not empty) on every phase but the last.
    private mutating func exitCriteria(_ f: Fields, isLast: Bool, hasRunWalk: Bool)
        -> ExitCriteria?
    {
        guard let node = f["exit"] else {
            if isLast { return ExitCriteria() }
            reader.fail(
                f.mark,
                t(
                    "\(f.path): verplichte sleutel exit ontbreekt (elke fase behalve de laatste)",
                    "\(f.path): missing required key exit (every phase but the last)"))
            return nil
        }
        guard
            let e = reader.fields(
                node, f.path("exit"), required: [],
                optional: [
                    "min_days", "green_days", "pain_free_walk_minutes", "weekly_load", "hop_test",
                    "calf_raises", "run_walk_completed",
                ])
        else { return nil }
        let exit = ExitCriteria(
            minDays: reader.int(e["min_days"], e.path("min_days"), 0...365),
            greenDays: reader.int(e["green_days"], e.path("green_days"), 1...60),
            painFreeWalkMinutes: reader.int(
                e["pain_free_walk_minutes"], e.path("pain_free_walk_minutes"), 1...240),
            weeklyLoad: reader.number(e["weekly_load"], e.path("weekly_load"), 0...1000),
            hopTest: reader.int(e["hop_test"], e.path("hop_test"), 1...200),
            calfRaises: reader.int(e["calf_raises"], e.path("calf_raises"), 1...200),
            runWalkCompleted: reader.bool(e["run_walk_completed"], e.path("run_walk_completed")))
        if exit.runWalkCompleted == true, !hasRunWalk, let node = e["run_walk_completed"] {
            reader.fail(
                node.mark,
                t(
                    "\(e.path("run_walk_completed")): de fase heeft geen run_walk-stappen",
                    "\(e.path("run_walk_completed")): the phase has no run_walk steps"))
        }
        if e.entries.isEmpty && !isLast {
            reader.fail(
                e.mark,
                t(
                    "\(e.path): geef minstens één criterium",
                    "\(e.path): give at least one criterion"))
            return nil
        }
        return exit
    }

    // MARK: - Cross checks

    /// Reads an item's id and reports a duplicate at its second place.
    private mutating func unique(_ f: Fields, kind: Noun, seen: inout [String: Mark]) -> String? {
        guard let id = reader.identifier(f["id"], f.path("id")), let node = f["id"] else {
            return nil
        }
        if let first = seen[id] {
            reader.fail(
                node.mark,
                t(
                    "\(f.path("id")): de id \(id) is al gebruikt voor een andere \(kind.name.nl) "
                        + "(eerst op regel \(first.line))",
                    "\(f.path("id")): duplicate \(kind.name) id \(id) (first at line "
                        + "\(first.line))"))
            return nil
        }
        seen[id] = node.mark
        return id
    }

    /// Rules that hold only once defaults, plan, variant and phase are layered: safe_max <=
    /// limit for pain, per activity and for the morning (errors), and walking and running at
    /// most 3/10 (a warning). Each points at the most specific layer that set a value involved.
    private mutating func checkLayers(plan: ThresholdLayer) {
        var reported: Set<Mark> = []
        var warned: [Mark: (path: String, activities: [Activity], safeMax: Int)] = [:]
        var warnOrder: [Mark] = []
        let activities = Set(
            ([plan] + variantLayers + (phaseFacts ?? []).map(\.layer)).flatMap {
                $0.thresholds.painByActivity.keys
            })
        for variant in [nil] + variantLayers.map({ Optional($0) }) {
            // The empty phase stands for "no phase override", so plan and variant clashes show
            // even when no phase could be read.
            for phase in (phaseFacts ?? []).map(\.layer) + [ThresholdLayer()] {
                let layers = [plan] + (variant.map { [$0] } ?? []) + [phase]
                let layered = layers.reduce(ThresholdOverrides()) { $0.merged(with: $1.thresholds) }
                    .applied(to: Thresholds())
                let setsPain: (ThresholdOverrides) -> Bool = {
                    $0.painSafeMax != nil || $0.painLimit != nil
                }
                if layered.painSafeMax > layered.painLimit,
                    let (place, note) = place(layers, variant, keys: ["pain"], sets: setsPain),
                    reported.insert(place.mark).inserted
                {
                    reader.fail(
                        place.mark,
                        aboveLimit(
                            place.path, "safe_max", layered.painSafeMax, layered.painLimit, note))
                }
                if layered.morningSafeMax > layered.morningLimit,
                    let (place, note) = place(
                        layers, variant, keys: ["morning"],
                        sets: { $0.morningSafeMax != nil || $0.morningLimit != nil }),
                    reported.insert(place.mark).inserted
                {
                    reader.fail(
                        place.mark,
                        aboveLimit(
                            place.path, "safe_max", layered.morningSafeMax, layered.morningLimit,
                            note))
                }
                for activity in Activity.allCases where activities.contains(activity) {
                    let (safeMax, limit) = layered.pain(for: activity)
                    guard safeMax > limit,
                        let (place, note) = place(
                            layers, variant, keys: ["by_activity.\(activity.rawValue)", "pain"],
                            sets: { setsPain($0) || $0.painByActivity[activity] != nil }),
                        reported.insert(place.mark).inserted
                    else { continue }
                    reader.fail(
                        place.mark,
                        aboveLimit(
                            place.path, "\(activity.rawValue) safe_max", safeMax, limit, note))
                }
                for activity in [Activity.run, .walk] {
                    let safeMax = layered.pain(for: activity).safeMax
                    guard safeMax > Self.runWalkSafeMax,
                        let (place, _) = place(
                            layers, variant, keys: ["by_activity.\(activity.rawValue)", "pain"],
                            sets: {
                                $0.painSafeMax != nil
                                    || $0.painByActivity[activity]?.safeMax != nil
                            })
                    else { continue }
                    if warned[place.mark] == nil { warnOrder.append(place.mark) }
                    var entry = warned[place.mark] ?? (place.path, [], safeMax)
                    if !entry.activities.contains(activity) { entry.activities.append(activity) }
                    warned[place.mark] = entry
                }
            }
        }
        for mark in warnOrder {
            guard let entry = warned[mark] else { continue }
            let names = entry.activities.map(\.rawValue)
            let one = entry.activities.count == 1
            let example = "by_activity: { exercises: { safe_max: \(entry.safeMax) } }"
            reader.warn(
                mark,
                t(
                    "\(entry.path): \(names.joined(separator: " en ")) \(one ? "krijgt" : "krijgen") "
                        + "safe_max \(entry.safeMax); wandelen en hardlopen blijven op "
                        + "\(Self.runWalkSafeMax)/10 (Silbernagel et al. 2007): verhoog alleen de "
                        + "belastende oefeningen, bijvoorbeeld \(example)",
                    "\(entry.path): \(names.joined(separator: " and ")) \(one ? "gets" : "get") "
                        + "safe_max \(entry.safeMax); walking and running stay "
                        + "at \(Self.runWalkSafeMax)/10 (Silbernagel et al. 2007): raise only the "
                        + "loading exercises, e.g. \(example)"))
        }
    }

    /// The place of the most specific layer that set something `sets` looks for, and the note
    /// " with variant X" when the value there clashes only with a variant's.
    private func place(
        _ layers: [ThresholdLayer], _ variant: ThresholdLayer?, keys: [String],
        sets: (ThresholdOverrides) -> Bool
    ) -> (PainPlace, LocalizedText?)? {
        guard let layer = layers.last(where: { sets($0.thresholds) }),
            let place = keys.lazy.compactMap({ layer.places[$0] }).first
        else { return nil }
        var note: LocalizedText?
        if let variant, sets(variant.thresholds), layer.variant != variant.variant {
            let id = variant.variant ?? ""
            note = t(" met variant \(id)", " with variant \(id)")
        }
        return (place, note)
    }

    // MARK: - Wording

    private func leaveOut(_ path: String, _ a: String, _ b: String) -> LocalizedText {
        t(
            "\(path): geef \(a) of \(b), of laat het weg",
            "\(path): give \(a) or \(b), or leave it out")
    }

    /// "pain: safe_max 5 is above limit 4 with variant fast; safe_max must be <= limit".
    private func aboveLimit(
        _ path: String, _ what: String, _ value: Int, _ limit: Int, _ note: LocalizedText?
    ) -> LocalizedText {
        t(
            "\(path): \(what) \(value) ligt boven limit \(limit)\(note?.nl ?? ""); safe_max moet "
                + "<= limit zijn",
            "\(path): \(what) \(value) is above limit \(limit)\(note?.en ?? ""); safe_max must be "
                + "<= limit")
    }
}

private struct PhaseFacts {
    var id: String
    var layer: ThresholdLayer
    var minDays: Int? = nil
    var maxDays: Int? = nil
    var isLast = true
    var hasRunWalk = false
}
