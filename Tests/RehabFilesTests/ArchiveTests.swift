import Foundation
import RehabCore
import Testing

@testable import RehabFiles

@Suite struct ArchiveTests {
    let archive = Archive(patients: [trickyPatient, plainPatient])

    /// Schema v2 tuning (morning and per-activity thresholds) survives the archive; an archive
    /// written before it still reads.
    @Test func morningAndPerActivityThresholdsRoundTrip() throws {
        let overrides = PlanOverrides(
            thresholds: ThresholdOverrides(
                painSafeMax: 2, morningSafeMax: 4, morningLimit: 6,
                painByActivity: [
                    .exercises: ActivityPain(safeMax: 5), .walk: ActivityPain(limit: 4),
                ]))
        let json = try OverridesDoc.json(overrides)
        #expect(json.contains("\"morning_safe_max\":4"))
        #expect(try OverridesDoc.overrides(json: json) == overrides)
        let old = #"{"thresholds":{"pain_limit":4,"pain_safe_max":2}}"#
        #expect(
            try OverridesDoc.overrides(json: old)
                == PlanOverrides(thresholds: ThresholdOverrides(painSafeMax: 2, painLimit: 4)))
    }

    @Test func jsonRoundTripIsExact() throws {
        let json = try ArchiveCodec.json(archive)
        #expect(try ArchiveCodec.archive(json: json) == archive)
    }

    @Test func jsonUsesStableSnakeCaseNames() throws {
        let json = try ArchiveCodec.json(archive)
        for key in [
            "\"format\" : \"rehab-export\"", "\"version\" : 1", "\"pain_during\"",
            "\"lasted_over_2h\"", "\"plan_id\"", "\"phase_history\"",
            "\"start_date\" : \"2026-01-05\"",
            "\"phase_days\"", "\"build_up\"", "\"max_days\" : 28", "\"retire_km\" : 650",
            "\"km\" : 7.25", "\"weekly_increase_pct\" : 7.5", "\"run_walk\"",
        ] {
            #expect(json.contains(key), "\(key)")
        }
        #expect(!json.contains("painDuring"))
        #expect(!json.contains("buildUp"))
    }

    @Test func jsonErrorsNameThePath() throws {
        var json = try ArchiveCodec.json(archive)
        json = json.replacingOccurrences(
            of: "\"activity\" : \"cycle\"", with: "\"activity\" : \"jog\"")
        let error = #expect(throws: StoreError.self) { try ArchiveCodec.archive(json: json) }
        guard case .importFailed(let refusal) = error else {
            Issue.record("expected importFailed")
            return
        }
        let message = refusal.en
        #expect(message.hasPrefix("patients[0].sessions[1].activity"))
        #expect(throws: StoreError.self) {
            try ArchiveCodec.archive(json: #"{"format":"other","version":1,"patients":[]}"#)
        }
        expectImportRefused("patients[0].name: missing") {
            try ArchiveCodec.archive(
                json: #"{"format":"rehab-export","version":1,"patients":[{"archived":false}]}"#)
        }
    }

    @Test func csvRoundTripIsExact() throws {
        let csv = ArchiveCodec.csv(archive)
        #expect(try ArchiveCodec.archive(csv: csv) == archive)
    }

    @Test func csvIsSpreadsheetFriendly() throws {
        let csv = ArchiveCodec.csv(archive)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("record,patient,language,archived,plan,"))
        #expect(
            lines[1] == #"patient,"Zoë d'Ancona, ""Zo""",nl,false"#
                + String(repeating: ",", count: 29))
        #expect(
            lines[2].hasPrefix(#"assignment,"Zoë d'Ancona, ""Zo""",,,itbs,acute,2026-01-05,12.5,"#))
        #expect(csv.contains(",7.25,48,2,3,false,,\"Gel-Kayano, 30\","))
        #expect(csv.contains(",fever;giving_way,"))
        // Text that starts like a formula gets a leading apostrophe.
        #expect(csv.contains(",'=SUM(A1:A9) is not a formula here,"))
        #expect(csv.contains("\npatient,'-Sam,,true,"))
        // A run's start time, and a plan file whose formula-like line stays text.
        #expect(csv.contains(",2026-01-20T06:59:60Z,"))
        #expect(csv.contains("\nplan_file,\"Zoë d'Ancona, \"\"Zo\"\"\",,,itbs,"))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func csvErrorsGiveLineAndColumn() throws {
        let header = ArchiveCodec.columns.joined(separator: ",")
        func row(_ cells: [String: String]) -> String {
            ArchiveCodec.columns.map { cells[$0] ?? "" }.joined(separator: ",")
        }
        let patient = row(["record": "patient", "patient": "Sam"])
        let badPain = row([
            "record": "session", "patient": "Sam", "date": "2026-03-01", "activity": "run",
            "minutes": "30", "pain_during": "veel", "pain_after": "1",
        ])
        let text = [header, patient, badPain].joined(separator: "\n") + "\n"
        expectImportRefused(
            "line 3, column pain_during: expected a whole number, found \"veel\""
        ) { try ArchiveCodec.archive(csv: text) }

        let dutchDecimal = row([
            "record": "session", "patient": "Sam", "date": "2026-03-01", "activity": "run",
            "km": "\"7,25\"", "minutes": "30", "pain_during": "1", "pain_after": "1",
        ])
        let error = #expect(throws: StoreError.self) {
            try ArchiveCodec.archive(
                csv: [header, patient, dutchDecimal].joined(separator: "\r\n"))
        }
        #expect(error.map { "\($0)".contains("line 3, column km") } == true)

        let orphan = row(["record": "morning", "patient": "Ann", "date": "2026-03-01", "pain": "1"])
        let orphanError = #expect(throws: StoreError.self) {
            try ArchiveCodec.archive(csv: [header, patient, orphan].joined(separator: "\n"))
        }
        #expect(orphanError.map { "\($0)".contains("line 3, column patient") } == true)

        expectImportRefused("line 1: unknown column \"colour\"") {
            try ArchiveCodec.archive(csv: "record,patient,colour\n")
        }
        expectImportRefused("line 2: a quoted field is never closed") {
            try ArchiveCodec.archive(csv: header + "\npatient,\"Sam\n")
        }
    }

    @Test func csvLineNumbersCountBreaksInsideQuotes() throws {
        let header = ArchiveCodec.columns.joined(separator: ",")
        let patient = "patient,Sam" + String(repeating: ",", count: ArchiveCodec.columns.count - 2)
        // A note spanning three lines moves the next record to line 6.
        var cells = Array(repeating: "", count: ArchiveCodec.columns.count)
        func set(_ column: String, _ value: String) {
            if let i = ArchiveCodec.columns.firstIndex(of: column) { cells[i] = value }
        }
        set("record", "session")
        set("patient", "Sam")
        set("date", "2026-03-01")
        set("activity", "walk")
        set("minutes", "20")
        set("pain_during", "0")
        set("pain_after", "0")
        set("note", "\"een\ntwee\ndrie\"")
        let good = cells.joined(separator: ",")
        set("note", "")
        set("date", "2026-03-32")
        let bad = cells.joined(separator: ",")
        let text = [header, patient, good, bad].joined(separator: "\n")
        expectImportRefused(
            "line 6, column date: expected a date YYYY-MM-DD, found \"2026-03-32\""
        ) { try ArchiveCodec.archive(csv: text) }
    }
}

/// The archive's threshold keys are written from the threshold table: pinned here by hand, as
/// archives written before the table had them, so old archives keep reading.
@Suite struct ArchiveThresholdKeysTests {
    @Test func everyThresholdUnderItsArchiveKey() throws {
        let all = ThresholdOverrides(
            painSafeMax: 2, painLimit: 4, painLastingHours: 12, worseningWindowHours: 48,
            weeklyIncreasePct: 7.5, sessionSpikePct: 12.5, noImprovementDays: 14,
            morningSafeMax: 1, morningLimit: 6,
            painByActivity: [.exercises: ActivityPain(safeMax: 5, limit: nil)])
        let json = try OverridesDoc.json(PlanOverrides(thresholds: all))
        #expect(
            json
                == "{\"thresholds\":{\"morning_limit\":6,\"morning_safe_max\":1,"
                + "\"no_improvement_days\":14,\"pain_by_activity\":{\"exercises\":{\"safe_max\":5}},"
                + "\"pain_lasting_hours\":12,\"pain_limit\":4,\"pain_safe_max\":2,"
                + "\"session_spike_pct\":12.5,\"weekly_increase_pct\":7.5,"
                + "\"worsening_window_hours\":48}}")
        #expect(try OverridesDoc.overrides(json: json) == PlanOverrides(thresholds: all))
    }

    @Test func anOlderArchiveWithoutMorningKeysStillReads() throws {
        let read = try OverridesDoc.overrides(
            json: "{\"thresholds\":{\"pain_limit\":4,\"session_spike_pct\":10,\"walking\":1}}")
        #expect(
            read == PlanOverrides(thresholds: ThresholdOverrides(painLimit: 4, sessionSpikePct: 10))
        )
    }

    @Test func aWholeNumberThresholdRefusesAFraction() {
        #expect(throws: DecodingError.self) {
            try OverridesDoc.overrides(json: "{\"thresholds\":{\"pain_limit\":4.5}}")
        }
    }
}
