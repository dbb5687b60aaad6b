import RehabCore

// The discharge report (issue 18 item 5): `rehab discharge` and the app's discharge step write
// the same one, so it lives below both.

public enum DischargePhrase {
    private static func t(_ nl: String, _ en: EnglishText) -> LocalizedText {
        LocalizedText(nl: nl, en: en)
    }

    public static func notComplete(phase: String, number: Int, of: Int) -> LocalizedText {
        t(
            "het plan is nog niet af (fase \(number) van \(of): \(phase)); ontslag eerder is de beslissing van de fysio: gebruik --force",
            "the plan is not complete yet (phase \(number) of \(of): \(phase)); discharging early is the physio's decision: use --force"
        )
    }

    public static func measureFirst(_ ids: [String]) -> LocalizedText {
        let list = ids.joined(separator: ", ")
        return t(
            "meet eerst bij ontslag: \(list) (rehab measure ...); zonder eindmeting is er geen 'na'",
            "measure at discharge first: \(list) (rehab measure ...); without a final measure there is no 'after'"
        )
    }

    public static func title() -> LocalizedText { t("Ontslagverslag", "Discharge report") }
    public static func intro(patient: String, plan: String, start: Day, end: Day, forced: Bool)
        -> LocalizedText
    {
        let early = forced
        return t(
            "\(patient) volgde \(plan) van \(start.iso) tot \(end.iso)"
                + (early
                    ? "; ontslagen vóór het plan af was (beslissing van de fysio)."
                    : "; het plan is afgerond."),
            "\(patient) followed \(plan) from \(start.iso) to \(end.iso)"
                + (early
                    ? "; discharged before the plan was complete (the physio's decision)."
                    : "; the plan is complete."))
    }
    public static func measuresSection() -> LocalizedText {
        t("Uitkomstmaten: voor en na", "Outcome measures: before and after")
    }
    public static func columns() -> [LocalizedText] {
        [
            t("Meting", "Measure"), t("Voor", "Before"), t("Na", "After"),
            t("Verandering", "Change"), t("MCID", "MCID"), t("Betekenis", "Meaning"),
        ]
    }
    static func activitiesSection() -> LocalizedText {
        t("PSFS per activiteit", "PSFS per activity")
    }
    /// Kamper et al. 2009: only the top two steps count as an important improvement.
    static func gpeThreshold() -> LocalizedText {
        t("beter / veel beter", "better / much better")
    }
    static func phasesSection() -> LocalizedText { t("Fasen", "Phases") }
    static func flagsSection() -> LocalizedText { t("Alarmsignalen", "Red flags") }
    static func noFlags() -> LocalizedText {
        t("Geen alarmsignalen gemeld.", "No red flags were reported.")
    }
    public static func cleared(_ date: Day, reason: String) -> LocalizedText {
        t("vrijgegeven op \(date.iso): \(reason)", "cleared on \(date.iso): \(reason)")
    }
    static func stillOpen() -> LocalizedText { t("nog open", "still open") }
    public static func notesSection() -> LocalizedText {
        t("Notities van de fysio", "Physio's notes")
    }
    static func sourcesSection() -> LocalizedText {
        t("Bronnen van de maten", "Sources of the measures")
    }
    public static func reason(_ reason: PhaseChangeReason) -> LocalizedText {
        switch reason {
        case .start: t("start", "start")
        case .advance: t("door", "advanced")
        case .stepBack: t("terug", "stepped back")
        case .forced: t("door (geforceerd)", "advanced (forced)")
        }
    }
}

/// What the discharge report says, laid out as Markdown or HTML.
public struct DischargeReport {
    public let followed: FollowedPlan
    public let status: Status
    public let records: [MeasureRecord]
    public let notes: [ClinicalNote]
    /// The measures the report can name: the built-in ones and the practice's questionnaires.
    public let instruments: [Instrument]
    public let language: Language
    public let today: Day
    /// Discharged before the plan was complete (the physio's decision).
    public let forced: Bool

    public init(
        followed: FollowedPlan, status: Status, records: [MeasureRecord], notes: [ClinicalNote],
        instruments: [Instrument], language: Language, today: Day, forced: Bool
    ) {
        self.followed = followed
        self.status = status
        self.records = records
        self.notes = notes
        self.instruments = instruments
        self.language = language
        self.today = today
        self.forced = forced
    }

    func say(_ text: LocalizedText) -> String { text.text(language) }

    /// The final measures still missing: only the discharge moment of the schedule (an overdue
    /// 14-day measure is answered by the discharge one). Without them there is no "after".
    public static func finalMeasuresDue(
        plan: Plan, assignment: Assignment, measurements: [MeasureRecord], today: Day
    ) -> [MeasureDue] {
        // The plan's schedule, and what the phase in force adds (its discharge moments too).
        let planWide = plan.measures ?? ScheduledMeasure.defaultSchedule
        let inForce =
            Engine.phaseAt(today, assignment: assignment).flatMap { change in
                plan.phases.first { $0.id == change.phase }?.measures
            } ?? []
        let schedule =
            planWide + inForce.filter { e in !planWide.contains { $0.instrument == e.instrument } }
        let atDischarge = schedule.compactMap {
            $0.at.contains(.discharge)
                ? ScheduledMeasure(instrument: $0.instrument, at: [.discharge]) : nil
        }
        return MeasureSchedule.due(
            schedule: atDischarge, assignment: assignment, measurements: measurements,
            today: today, discharging: true)
    }

    var courses: [MeasureCourse] {
        let ids = records.map(\.instrument).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        return ids.compactMap { id in
            instruments.first { $0.id == id }.flatMap { MeasureCourse.of($0, in: records) }
        }
    }

    /// One row per measure: name, before, after, change, MCID, meaning.
    var rows: [[String]] {
        courses.map { c in
            let i = c.instrument
            let first =
                c.points.first.map { "\(MeasureText.score($0.score, i, language)) (\($0.day.iso))" }
                ?? ""
            let last =
                c.points.last.map { "\(MeasureText.score($0.score, i, language)) (\($0.day.iso))" }
                ?? ""
            if i.id == Instrument.gpe.id {
                return [
                    i.names.text(language), "—", last, "—", say(DischargePhrase.gpeThreshold()),
                    c.meaning.map { say(MeasurePhrase.meaning($0)) } ?? "",
                ]
            }
            return [
                i.names.text(language), first, c.points.count > 1 ? last : "—",
                c.change.map { MeasureText.delta($0.delta, i) } ?? "—",
                MeasureText.mcid(i, language),
                c.change.map { say(MeasurePhrase.meaning($0.meaning)) } ?? "—",
            ]
        }
    }

    var phaseRows: [String] {
        let plan = followed.plan
        let history = followed.assignment.phaseHistory
        return history.enumerated().map { index, change in
            let name =
                plan.phases.first { $0.id == change.phase }?.names.text(language) ?? change.phase
            let end = index + 1 < history.count ? history[index + 1].date.iso : today.iso
            return
                "\(change.date.iso) – \(end): \(name) (\(say(DischargePhrase.reason(change.reason))))"
        }
    }

    var flagRows: [String] {
        let history = followed.history
        var reports: [FlagReport] = []
        for s in history.sessions { reports += s.flags.map { FlagReport(flag: $0, date: s.date) } }
        for m in history.mornings { reports += m.flags.map { FlagReport(flag: $0, date: m.date) } }
        return reports.sorted { ($0.date, $0.flag) < ($1.date, $1.flag) }.map { r in
            let name = followed.plan.redFlagName(r.flag).text(language)
            let clearing = history.clearings.first {
                $0.date >= r.date && ($0.cleared.isEmpty || $0.cleared.contains(r))
            }
            let state =
                clearing.map { say(DischargePhrase.cleared($0.date, reason: $0.reason)) }
                ?? say(DischargePhrase.stillOpen())
            return "\(r.date.iso): \(name) — \(state)"
        }
    }

    var intro: String {
        let plan = followed.plan.names.text(language)
        return say(
            DischargePhrase.intro(
                patient: followed.patient.name, plan: plan, start: followed.assignment.startDate,
                end: today, forced: forced))
    }

    public func markdown() -> String {
        let e = ReportText.markdown
        var out: [String] = []
        out.append("# \(say(DischargePhrase.title())) · \(e(followed.patient.name))")
        out.append("")
        out.append(e(intro))
        out.append("")
        out.append("## \(say(DischargePhrase.measuresSection()))")
        out.append("")
        out.append("| " + DischargePhrase.columns().map { say($0) }.joined(separator: " | ") + " |")
        out.append("|" + String(repeating: " --- |", count: 6))
        for row in rows { out.append("| " + row.map(e).joined(separator: " | ") + " |") }
        let psfs = courses.first { $0.instrument.id == Instrument.psfs.id }
        if let psfs, !psfs.perItem.isEmpty {
            out.append("")
            out.append("## \(say(DischargePhrase.activitiesSection()))")
            out.append("")
            for item in psfs.perItem {
                out.append(
                    "- \(e(item.item)): \(item.first) → \(item.latest) (\(MeasureText.delta(Double(item.latest - item.first), .psfs)))"
                )
            }
        }
        out.append("")
        out.append("## \(say(DischargePhrase.phasesSection()))")
        out.append("")
        for row in phaseRows { out.append("- " + e(row)) }
        out.append("")
        out.append("## \(say(DischargePhrase.flagsSection()))")
        out.append("")
        let flags = flagRows
        if flags.isEmpty { out.append(say(DischargePhrase.noFlags())) }
        for row in flags { out.append("- " + e(row)) }
        if !notes.isEmpty {
            out.append("")
            out.append("## \(say(DischargePhrase.notesSection()))")
            out.append("")
            for n in notes {
                out.append(
                    "- \(n.date.iso): " + e(n.text).replacingOccurrences(of: "\n", with: " "))
            }
        }
        out.append("")
        out.append("## \(say(DischargePhrase.sourcesSection()))")
        out.append("")
        for c in courses {
            out.append("- \(e(c.instrument.names.text(language))): \(e(c.instrument.source))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func html() -> String {
        let title = "\(say(DischargePhrase.title())) · \(followed.patient.name)"
        var out = ReportText.htmlOpening(title: title, language: language)
        out.append("<h1>\(ReportText.html(title))</h1>")
        out.append("<p class=\"intro\">\(ReportText.html(intro))</p>")
        out.append("<h2>\(ReportText.html(say(DischargePhrase.measuresSection())))</h2>")
        out.append("<table>")
        out.append(
            "<tr>"
                + DischargePhrase.columns().map { "<th>\(ReportText.html(say($0)))</th>" }.joined()
                + "</tr>"
        )
        for row in rows {
            out.append("<tr>" + row.map { "<td>\(ReportText.html($0))</td>" }.joined() + "</tr>")
        }
        out.append("</table>")
        if let psfs = courses.first(where: { $0.instrument.id == Instrument.psfs.id }),
            !psfs.perItem.isEmpty
        {
            out.append("<h2>\(ReportText.html(say(DischargePhrase.activitiesSection())))</h2>")
            out.append("<ul>")
            for item in psfs.perItem {
                out.append("<li>\(ReportText.html(item.item)): \(item.first) → \(item.latest)</li>")
            }
            out.append("</ul>")
        }
        out.append("<h2>\(ReportText.html(say(DischargePhrase.phasesSection())))</h2>")
        out.append("<ul>" + phaseRows.map { "<li>\(ReportText.html($0))</li>" }.joined() + "</ul>")
        out.append("<h2>\(ReportText.html(say(DischargePhrase.flagsSection())))</h2>")
        let flags = flagRows
        if flags.isEmpty {
            out.append("<p>\(ReportText.html(say(DischargePhrase.noFlags())))</p>")
        } else {
            out.append("<ul>" + flags.map { "<li>\(ReportText.html($0))</li>" }.joined() + "</ul>")
        }
        if !notes.isEmpty {
            out.append("<h2>\(ReportText.html(say(DischargePhrase.notesSection())))</h2>")
            out.append(
                "<ul>"
                    + notes.map { "<li>\($0.date.iso): \(ReportText.html($0.text))</li>" }.joined()
                    + "</ul>"
            )
        }
        out.append("<h2>\(ReportText.html(say(DischargePhrase.sourcesSection())))</h2>")
        out.append(
            "<ul>"
                + courses.map {
                    "<li>\(ReportText.html($0.instrument.names.text(language))): \(ReportText.html($0.instrument.source))</li>"
                }.joined()
                + "</ul>")
        out.append("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }
}
