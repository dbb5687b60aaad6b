import RehabCore

/// What a status says, in the reader's language, worded once for both front ends: `rehab
/// status` prints it as lines and the app's Today screen draws it with colours and a gauge.
/// Each front end adds what only it has (the key or command that logs the morning check).
public struct StatusReport: Sendable, Hashable {
    /// "phase 2 of 3 · load build-up · day 12 · Building up".
    public var phase: String
    public var level: Level
    /// The level as a word in capitals ("GREEN") and what it asks ("progress").
    public var levelWord: String
    public var actionWord: String
    public var advice: String
    /// The verdict's reasons, or the one line saying everything is within the rules.
    public var reasons: [String]
    /// This week's load against its cap, worded ("60 of 90 min running …", marked when over).
    public var load: String
    public var thisWeek: Double
    public var cap: Double?
    public var suggestions: [String]

    public init(status: Status, plan: Plan, language: Language) {
        let m = Messages(language)
        let current = status.phase
        phase =
            Phrase.phaseLine(
                number: current.number, of: current.of,
                kind: current.phase.kind.name.text(language), day: current.day
            ).text(language) + " · " + current.phase.names.text(language)
        let verdict = status.verdict
        level = verdict.level
        levelWord = m.level(verdict.level).uppercased()
        actionWord = m.action(verdict.action)
        advice = m.actionAdvice(verdict.action)
        reasons =
            verdict.findings.isEmpty
            ? [Phrase.allGood().text(language)]
            : verdict.findings.map { m.reason($0, plan: plan, underStop: verdict.isStop) }
        load = Self.loadText(status, language: language)
        thisWeek = status.load.thisWeek
        cap = status.load.cap
        suggestions = status.suggestions.map { m.suggestion($0, plan: plan) }
    }

    static func loadText(_ status: Status, language: Language) -> String {
        let load = status.load
        let unit = load.metric.unit
        let text: LocalizedText
        if let cap = load.cap {
            text =
                load.scheduleSetsLoad
                ? Phrase.scheduleLoadOfCap(
                    formatNumber(load.thisWeek, decimals: 0), formatNumber(cap, decimals: 0),
                    lastWeek: status.runWalk?.completed == true)
                : Phrase.loadOfCap(formatNumber(load.thisWeek), formatNumber(cap), unit: unit)
        } else if load.scheduleSetsLoad {
            text = Phrase.scheduleSetsLoad(formatNumber(load.thisWeek), unit: unit)
        } else {
            text = Phrase.noCapYet(formatNumber(load.thisWeek), unit: unit)
        }
        let over = load.overCap ? " (" + Phrase.overCapMark().text(language) + ")" : ""
        return text.text(language) + over
    }
}
