import ArgumentParser
import Foundation
import RehabCore
import RehabStorage

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract:
            .translated(
                "Log a session: activity, distance, minutes and pain scores; prints the new verdict."
            ))
    @OptionGroup var global: GlobalOptions
    @Option(
        help: .translated(
            "run, walk, cycle, swim, aqua_jog, cross_trainer, strength, exercises or other."))
    var activity: String
    @Option(help: .translated("Distance in km (0-300, at most 2 decimals).")) var km: String?
    @Option(help: .translated("Duration in minutes (1-1440).")) var minutes: String
    @Option(name: .customLong("pain-during"), help: .translated("Highest pain during, 0-10."))
    var painDuring: String
    @Option(name: .customLong("pain-after"), help: .translated("Highest pain after, 0-10."))
    var painAfter: String
    @Flag(
        name: .customLong("lasted-over-2h"),
        help: .translated("Pain lasted more than 2 hours afterwards."))
    var lastedOver2h = false
    @Option(
        name: .customLong("flag"),
        help: .translated("A red flag or physio-referral id (repeatable); see 'rehab plans show'."))
    var flags: [String] = []
    @Option(help: .translated("Shoe name (added on first use).")) var shoe: String?
    @Option(help: .translated("A note (up to 2000 characters).")) var note: String?
    @Option(
        name: .customLong("calf-raises"),
        help: .translated("Single-leg calf raises done in a test."))
    var calfRaises: String?
    @Option(name: .customLong("hop-test"), help: .translated("Single-leg hops done in a test."))
    var hopTest: String?
    @Option(help: .translated("Date YYYY-MM-DD (default today).")) var date: String?
    @Flag(help: .translated("Print the new status as JSON.")) var json = false

    func run() throws {
        let context = try Context(global)
        // Every value is checked before the database is touched, so bad input changes nothing.
        let activity = try context.check { try Validate.activity(self.activity) }
        let km = try self.km.map { text in
            try context.check {
                try Validate.km(text, comma: context.language.writesDecimalComma)
            }
        }
        let minutes = try context.check { try Validate.minutes(self.minutes) }
        if Plausibility.tooFast(km: km, minutes: minutes, activity: activity), let km {
            throw context.fail(
                Phrase.implausibleSpeed(activity: activity, km: km, minutes: minutes))
        }
        let during = try context.check { try Validate.pain(painDuring, field: "pain-during") }
        let after = try context.check { try Validate.pain(painAfter, field: "pain-after") }
        let note = try context.check { try Validate.text(self.note ?? "", field: "note") }
        let shoe = try self.shoe.map { text in
            try context.check { try Validate.name(text, field: "shoe") }
        }
        let calfRaises = try context.integer(self.calfRaises, field: "calf-raises", in: 1...500)
        let hopTest = try context.integer(self.hopTest, field: "hop-test", in: 1...500)
        let day = try context.date(date)

        let store = try context.openStore()
        let followed = try context.followedPlan(store, loggingOn: day)
        let flagIDs = try checkedFlags(flags, plan: followed.plan, context: context)
        var session = Session(
            date: day, activity: activity, km: km, minutes: minutes, painDuring: during,
            painAfter: after, lastedOver2h: lastedOver2h, flags: flagIDs, shoe: shoe, note: note,
            calfRaises: calfRaises, hopTest: hopTest)
        var shoeBefore = ShoeState.fine
        try context.storing {
            if let shoe {
                // Shoe names match ignoring case; the first spelling stays.
                let known = try store.shoes(patientID: followed.patient.id)
                if let existing = known.first(where: { Naming.same($0.name, shoe) }) {
                    session.shoe = existing.name
                    shoeBefore =
                        storedShoe(existing.name, store: store, patientID: followed.patient.id)
                        .map { ShoeWear.state(of: $0.shoe, km: $0.km) } ?? .fine
                } else {
                    try store.addShoe(patientID: followed.patient.id, Shoe(name: shoe))
                }
            }
            try store.addSession(patientID: followed.patient.id, session)
        }
        let saved = Phrase.sessionLogged(sessionSummary(session, context: context), date: day)
        guard try context.sayStatus(afterSaving: saved, store: store, json: json) else { return }
        // Said once, by the run that takes the shoe over 600 km or past its retire mark;
        // `rehab status` and Today keep saying it after that.
        if let name = session.shoe,
            let (shoe, km) = storedShoe(name, store: store, patientID: followed.patient.id),
            let warning = ShoeWear.warning(for: shoe, km: km), warning.state != shoeBefore
        {
            print(context.say(warning.message))
        }
    }
}

extension Context {
    /// After a save: the status as it is now, as JSON, or as the line that says what was saved
    /// and the brief status. True when it printed text, after which a command may say more.
    @discardableResult
    func sayStatus(afterSaving saved: LocalizedText, store: any RehabRepository, json: Bool)
        throws -> Bool
    {
        let updated = try afterSaving { try followedPlan(store, judging: today) }
        let status = updated.status(on: today)
        if json {
            try printJSON(StatusJSON(status, followed: updated, messages: messages))
            return false
        }
        print(say(saved))
        print(StatusText(status: status, followed: updated, context: self).render(brief: true))
        return true
    }
}

/// A shoe and the km on it by the store's totals (its start km included), found by name
/// without regard to case.
func storedShoe(
    _ name: String, store: any RehabRepository, patientID: Int64
) -> (shoe: Shoe, km: Double)? {
    guard let shoes = try? store.shoes(patientID: patientID),
        let shoe = shoes.first(where: { Naming.same($0.name, name) }),
        let totals = try? store.shoeKm(patientID: patientID)
    else { return nil }
    return (shoe, ((totals[shoe.name] ?? shoe.startKm) * 100).rounded() / 100)
}

func sessionSummary(_ s: Session, context: Context) -> String {
    var parts = [s.activity.name.text(context.language)]
    if let km = s.km { parts.append("\(formatNumber(km, decimals: 2)) km") }
    parts.append("\(s.minutes) min")
    parts.append("\(s.painDuring)/\(s.painAfter)")
    return parts.joined(separator: ", ")
}

/// Flags must be ids the plan or rehab knows, so a typo cannot silently fail to stop the plan.
func checkedFlags(_ flags: [String], plan: Plan, context: Context) throws -> [String] {
    // A physio referral is answered the same way; the engine judges it as see_physio.
    let known = Array(
        Set(RedFlag.builtIn.keys).union(plan.redFlags.map(\.id)).union(plan.referrals.map(\.id))
    ).sorted()
    return try flags.map { flag in
        try context.check { try Validate.flag(flag, known: known) }
    }
}

struct Morning: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "morning",
        abstract: .translated("The next-morning check: pain or stiffness on waking, 0-10."))
    @OptionGroup var global: GlobalOptions
    @Argument(help: .translated("Pain or stiffness on waking, 0-10.")) var pain: String
    @Option(
        name: .customLong("flag"),
        help: .translated("A red flag or physio-referral id (repeatable); see 'rehab plans show'."))
    var flags: [String] = []
    @Option(help: .translated("Date YYYY-MM-DD (default today).")) var date: String?
    @Flag(help: .translated("Print the new status as JSON.")) var json = false

    func run() throws {
        let context = try Context(global)
        let score = try context.check { try Validate.pain(self.pain, field: "pain") }
        let day = try context.date(date)
        let store = try context.openStore()
        let followed = try context.followedPlan(store, loggingOn: day)
        let flagIDs = try checkedFlags(flags, plan: followed.plan, context: context)
        let replaced = try context.storing {
            try store.setMorningCheck(
                patientID: followed.patient.id, MorningCheck(date: day, pain: score, flags: flagIDs)
            )
        }
        try context.sayStatus(
            afterSaving: Phrase.morningSaved(pain: score, date: day, replaced: replaced),
            store: store, json: json)
    }
}

struct ClearFlags: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear-flags",
        abstract: .translated("Record that a doctor has seen the red flags and you may continue."))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Who cleared it and what they said, e.g. \"GP: may continue\"."))
    var reason: String

    func run() throws {
        let context = try Context(global)
        let reason = try context.check { try Validate.text(self.reason, field: "reason") }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw context.fail(Phrase.reasonRequired())
        }
        let store = try context.openStore()
        let followed = try context.followedPlan(store)
        // The clearing names exactly the reports it covers: a flag reported after it stays open.
        let open = Engine.openReports(history: followed.history, asOf: context.today)
        guard !open.isEmpty else { throw context.fail(Phrase.noOpenFlags()) }
        try context.storing {
            try store.addClearing(
                patientID: followed.patient.id,
                FlagClearing(date: context.today, reason: reason, cleared: open))
        }
        print(context.say(Phrase.flagsCleared(Set(open.map(\.flag)).count)))
    }
}
