// The 24-hour rule of DESIGN section 4 (version 2): a session day's baseline from the mornings
// before it, its response from the mornings after it, and how long a worse response stays in
// force. Also the day's "new red" test that steps a schedule back and counts toward step-back.

/// The median of a few scores (the mean of the middle two for an even count).
func median(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1
        ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
}

/// A worse next morning: the response morning, its score, the baseline it was judged against
/// (nil when there was none and only the absolute limit applied) and its first-day level.
struct Response: Hashable {
    var sessionDay: Day
    var morning: Day
    var score: Int
    var baseline: Double?
    var level: Level
    /// The baseline a later morning must come down to for this response to be resolved: the
    /// lowest baseline of the session days the morning judges (`responseOn`), so a session
    /// logged on the day between two never lets a worse morning lapse sooner.
    var settlesAt: Double?

    init(sessionDay: Day, morning: Day, score: Int, baseline: Double?, level: Level) {
        self.sessionDay = sessionDay
        self.morning = morning
        self.score = score
        self.baseline = baseline
        self.level = level
        settlesAt = baseline
    }
}

extension Evaluation {
    /// The median of the mornings in the 7 days before `sessionDay` (at least 2 of them), else
    /// the session day's own morning, else none.
    func baseline(before sessionDay: Day) -> Double? {
        let week = log.mornings(
            from: sessionDay.adding(days: -7), through: sessionDay.adding(days: -1))
        if week.count >= 2 { return median(week.map(\.pain)) }
        return log.morning(on: sessionDay).map { Double($0.pain) }
    }

    /// The morning that judges `sessionDay`: the next day's, or the day after's when the next
    /// day has no morning check. DESIGN skips the second day when the next day had a session;
    /// we let that morning judge both days instead (the reading that protects: a later session
    /// never hides an earlier day's worse morning).
    func responseDay(of sessionDay: Day) -> Day? {
        let next = sessionDay.adding(days: 1)
        if log.morning(on: next) != nil { return next }
        let second = sessionDay.adding(days: 2)
        return log.morning(on: second) != nil ? second : nil
    }

    /// The morning that is `sessionDay`'s own response, as DESIGN section 4 has it: the next
    /// day's, or the day after's when the next day has neither a morning check nor a session.
    /// What a session earns (a run toward its step, a pain-free walk) needs this one; what judges
    /// it (`responseDay`) may be the later morning too.
    func ownResponseDay(of sessionDay: Day) -> Day? {
        let next = sessionDay.adding(days: 1)
        guard log.morning(on: next) == nil, !log.sessions(on: next).isEmpty else {
            return responseDay(of: sessionDay)
        }
        return nil
    }

    /// Whether a morning is a worse response to the session day before it, and how bad on its
    /// first day: 2 or more above the baseline, or above `morning.limit`, is red; 1 above amber.
    /// In osteoarthritis plans and maintenance phases (seed 004) a single worse response in 7
    /// days is amber; a second one is red, 1 point above its baseline as much as 2 (above
    /// `morning.limit` it is red all the same).
    func response(of sessionDay: Day) -> Response? {
        guard let day = responseDay(of: sessionDay), let check = log.morning(on: day) else {
            return nil
        }
        let thresholds = self.thresholds(on: sessionDay)
        let base = baseline(before: sessionDay)
        var level: Level?
        if let base {
            let rise = Double(check.pain) - base
            if rise >= 2 - loadTolerance {
                level = .red
            } else if rise >= 1 - loadTolerance {
                level = .amber
            }
        }
        let overLimit = check.pain > thresholds.morningLimit
        if overLimit { level = .red }
        guard var level else { return nil }
        if !overLimit, movementIsMedicine(on: sessionDay) {
            level = hadWorseResponse(from: day.adding(days: -7), before: day) ? .red : .amber
        }
        return Response(
            sessionDay: sessionDay, morning: day, score: check.pain, baseline: base, level: level)
    }

    /// A worse response first seen on a morning in `from` ..< `before`.
    func hadWorseResponse(from: Day, before: Day) -> Bool {
        for check in log.mornings(from: from, through: before.adding(days: -1)) {
            if responseOn(morning: check.date) != nil { return true }
        }
        return false
    }

    /// The worst worse response first seen on `morning`: it judges the session day before it,
    /// and the one before that when the day between has no morning check. When it judges both,
    /// the worse level (at the same level, the lower baseline) is the one shown, and the lower
    /// baseline decides how long it holds: a low baseline is the harder one to come back down
    /// to, and a session logged on the day between must not make an earlier day's worse
    /// morning lapse sooner (DESIGN's property).
    func responseOn(morning day: Day) -> Response? {
        if let memo = memo.responses[day.number] { return memo }
        var worst: Response?
        for back in 1...2 {
            let sessionDay = day.adding(days: -back)
            guard !log.sessions(on: sessionDay).isEmpty, responseDay(of: sessionDay) == day,
                var found = response(of: sessionDay)
            else { continue }
            guard let kept = worst else {
                worst = found
                continue
            }
            let settlesAt = [kept.settlesAt, found.settlesAt].compactMap { $0 }.min()
            // No baseline (only the absolute limit judged) counts as the highest.
            let lower = (found.baseline ?? .infinity) < (kept.baseline ?? .infinity)
            if found.level < kept.level || (found.level == kept.level && !lower) { found = kept }
            found.settlesAt = settlesAt
            worst = found
        }
        memo.responses[day.number] = .some(worst)
        return worst
    }

    /// Whether a later morning resolved `response` by `day`: at or below its baseline (the lower
    /// one when it judges two session days: `settlesAt`) and within `morning.safe_max`. Logging
    /// another session never resolves it, and neither does time (DESIGN section 4 sets no
    /// bound); the log reaches back far enough that any older response is surely resolved
    /// (`Engine.lowestMorningSafeMax`).
    func isResolved(_ response: Response, asOf day: Day) -> Bool {
        let bound = settlingScore(response, asOf: day)
        let key = SettleKey(morning: response.morning.number, bound: bound)
        let settled: Int
        if let memo = memo.settled[key] {
            settled = memo
        } else {
            let after = lowerBound(log.morningDays, response.morning.number + 1)
            let first = log.mornings[after...].first { Double($0.pain) <= bound + loadTolerance }
            settled = first?.date.number ?? Int.max
            memo.settled[key] = settled
        }
        return settled <= day.number
    }

    /// The score a later morning must come back to, by `day`, to resolve `response`: its
    /// baseline (`settlesAt`), at most `morning.safe_max`; `safe_max` when it had none.
    func settlingScore(_ response: Response, asOf day: Day) -> Double {
        let safe = Double(thresholds(on: day).morningSafeMax)
        return min(response.settlesAt ?? safe, safe)
    }

    /// The response findings in force on `day`, newest first: one first seen that morning at
    /// its own level, and every earlier one not yet resolved, held at amber. Looked for back
    /// from `day` only while one could still be unresolved: once a later morning scored
    /// `lowest`, within `safe_max`, and no morning before the next one looked at scored less,
    /// every response up to it has a baseline of at least `lowest` and is resolved (the
    /// store's reasoning, `Engine.lowestMorningSafeMax`), so a table of days does not go
    /// through the whole log for every row.
    func responseFindings(asOf day: Day) -> [Finding] {
        var findings: [Finding] = []
        if let new = responseOn(morning: day) { findings.append(finding(new)) }
        let safe = thresholds(on: day).morningSafeMax
        let lowestBefore = lowestMorningBefore
        var lowest = log.morning(on: day)?.pain ?? Int.max
        var i = lowerBound(log.morningDays, day.number)
        while i > 0, !(lowest <= safe && lowestBefore[i - 1] >= lowest) {
            i -= 1
            let check = log.mornings[i]
            if let old = responseOn(morning: check.date), !isResolved(old, asOf: day) {
                findings.append(finding(old, heldOn: day))
            }
            lowest = min(lowest, check.pain)
        }
        return findings
    }

    /// For each morning of the log, the lowest score of the mornings before it (`Int.max` for
    /// the first).
    var lowestMorningBefore: [Int] {
        if let memo = memo.lowestMorningBefore { return memo }
        var lowest = Int.max
        let found = log.mornings.map { check in
            defer { lowest = min(lowest, check.pain) }
            return lowest
        }
        memo.lowestMorningBefore = found
        return found
    }

    /// The finding of a worse morning: on its first day at its own level; held on a later
    /// `day` at amber, with the score a morning must come back to for it to end.
    func finding(_ response: Response, heldOn day: Day? = nil) -> Finding {
        Finding(
            code: .worseNextMorning, level: day == nil ? response.level : .amber,
            date: response.morning, seen: Double(response.score),
            limit: response.baseline ?? Double(thresholds(on: response.morning).morningLimit),
            until: day.map { settlingScore(response, asOf: $0) })
    }

    /// The absolute morning levels: the latest morning in the 14 days up to `day` above
    /// `morning.limit` (red) or above `morning.safe_max` (amber).
    func morningFinding(asOf day: Day) -> Finding? {
        guard let latest = log.latestMorning(atMost: day),
            latest.date >= day.adding(days: -13)
        else { return nil }
        let t = thresholds(on: day)
        if latest.pain > t.morningLimit {
            return Finding(
                code: .morningAboveLimit, date: latest.date, seen: Double(latest.pain),
                limit: Double(t.morningLimit))
        }
        if latest.pain > t.morningSafeMax {
            return Finding(
                code: .morningAboveSafe, date: latest.date, seen: Double(latest.pain),
                limit: Double(t.morningSafeMax))
        }
        return nil
    }

    /// This ISO week's median morning at least 1 above last week's, both with 3 or more mornings
    /// (Silbernagel et al. 2007).
    func weekToWeekFinding(asOf day: Day) -> Finding? {
        let monday = day.weekStart
        let this = log.mornings(from: monday, through: day).map(\.pain)
        let last = log.mornings(from: monday.adding(days: -7), through: monday.adding(days: -1))
            .map(\.pain)
        guard this.count >= 3, last.count >= 3, let now = median(this), let before = median(last),
            now >= before + 1 - loadTolerance
        else { return nil }
        return Finding(code: .worseWeekToWeek, date: monday, seen: now, limit: before)
    }

    /// Whether a red finding starts on `day` (a session over its limit or with lasting pain,
    /// running where the phase forbids it, a red response morning, a morning over the limit):
    /// only such first days step a schedule back and count toward "two red days in 7".
    func startsRed(on day: Day) -> Bool {
        if let memo = memo.newRed[day.number] { return memo }
        let phase = self.phase(on: day)
        let t = thresholds(on: day)
        // The red session rules only: the amber ones (spikes, schedule) read the schedule
        // position, which this test helps build.
        let redSession = log.sessions(on: day).contains { session in
            max(session.painDuring, session.painAfter) > t.pain(for: session.activity).limit
                || session.lastedOver2h
                || (session.activity == .run && !phase.permits(.run))
        }
        let red =
            redSession
            || responseOn(morning: day)?.level == .red
            || (log.morning(on: day).map { $0.pain > thresholds(on: day).morningLimit } ?? false)
        memo.newRed[day.number] = red
        return red
    }
}

/// A logged day's verdict for History and the reports: as it stood on the day, and as its
/// response morning revised it (DESIGN section 4, history).
public struct DayVerdict: Hashable, Sendable {
    public var day: Day
    /// The verdict as of the day itself.
    public var verdict: Verdict
    /// The morning that judged the day's sessions as worse, when it has come.
    public var revisedBy: Day?
    /// The day's verdict with that morning's finding added.
    public var revised: Verdict?

    /// What a table should show: the revision where there is one.
    public var shown: Verdict { revised ?? verdict }
}

extension Engine {
    /// The verdicts of logged days as History and the reports show them, from one indexed
    /// history: each as of its own day, revised by the response morning that came by `today`.
    public static func dayVerdicts(
        plan: Plan, assignment: Assignment, history: History, on days: [Day], asOf today: Day
    ) -> [DayVerdict] {
        DayJudge(plan: plan, assignment: assignment, history: history).verdicts(
            on: days, asOf: today)
    }

    /// Judges logged days from one index of the history, kept for as long as the caller keeps
    /// the judge: History asks for the days on screen at every key, and indexing ten years of
    /// log each time cost more than the judging. The same verdicts as `dayVerdicts`.
    public struct DayJudge {
        let evaluation: Evaluation

        public init(plan: Plan, assignment: Assignment, history: History) {
            evaluation = Evaluation(plan: plan, assignment: assignment, history: history)
        }

        public func verdicts(on days: [Day], asOf today: Day) -> [DayVerdict] {
            days.map { day in
                let verdict = evaluation.verdict(on: day)
                guard let response = evaluation.response(of: day), response.morning <= today
                else {
                    return DayVerdict(day: day, verdict: verdict)
                }
                let finding = evaluation.finding(response)
                return DayVerdict(
                    day: day, verdict: verdict, revisedBy: response.morning,
                    revised: Verdict(findings: verdict.findings + [finding]))
            }
        }
    }
}
