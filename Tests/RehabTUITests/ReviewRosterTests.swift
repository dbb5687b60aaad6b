import Foundation
import RehabApp
import RehabCore
import TerminalUI
import Testing

@testable import RehabTUI

/// "Changed since my last review" on the Patients screen (issue 18 item 6), against the
/// small practice of `Clinic`: the last review is the physio's last clinical note.
@Suite struct ReviewRosterTests {
    static func row(_ name: String, _ caseload: Caseload) -> RosterRow? {
        (try? caseload.roster(includeArchived: false, today: Fixture.today))?
            .first { $0.patient.name == name }
    }

    @Test func withoutANoteEverythingLoggedIsChanged() {
        let caseload = Clinic.caseload()
        let sam = Self.row("Sam", caseload)
        #expect(sam?.changes?.lastReview == nil)
        #expect(sam?.changes?.isChanged == true)
        #expect((sam?.changes?.sessions ?? 0) > 10, "the whole demo log is new")
        // Alex has logged nothing: nothing to review.
        #expect(Self.row("Alex", caseload)?.changes?.isChanged == false)
        let app = Clinic.app()
        let text = render(app.state).lines().joined(separator: "\n")
        #expect(text.contains("+ Kim") && text.contains("+ Sam") && !text.contains("+ Alex"))
        #expect(text.contains("+ = new since your last note"))
    }

    @Test func aNoteAfterTheLastLogClearsTheMark() {
        var caseload = Clinic.caseload()
        // Sam's demo log ends yesterday; the note is today.
        caseload.notes[Fixture.sam.id] = [ClinicalNote(date: Fixture.today, text: "reviewed")]
        let sam = Self.row("Sam", caseload)
        #expect(sam?.changes?.lastReview == Fixture.today)
        #expect(sam?.changes?.isChanged == false)
        var state = Fixture.state(caseload, patient: nil)
        // Sam is the second row (Kim's open flag first); his detail says nothing is new.
        _ = run(&state, [.down])
        let text = render(state).lines().joined(separator: "\n")
        #expect(!text.contains("+ Sam"))
        #expect(text.contains("nothing new since your note of 2026-03-02"))
    }

    @Test func aRedFlagAfterTheNoteComesEarlyEvenWhenCleared() {
        var caseload = Clinic.caseload()
        // Kim's locking of 03-01 was cleared by her GP the same day: no open flag any more.
        var kim = caseload.histories[Clinic.kim.id] ?? History()
        kim.clearings = [FlagClearing(date: day("2026-03-01"), reason: "GP: no locking")]
        caseload.histories[Clinic.kim.id] = kim
        caseload.notes[Clinic.kim.id] = [ClinicalNote(date: day("2026-02-20"), text: "start ok")]
        let row = Self.row("Kim", caseload)
        #expect(row?.openFlags.isEmpty == true)
        #expect(row?.changes?.redFlags == [FlagReport(flag: "locking", date: day("2026-03-01"))])
        // After red days, before everything else.
        #expect(row?.attention == 2)
        // Once the physio has written a note after it, the flag is reviewed: Kim ranks by her
        // verdict again.
        caseload.notes[Clinic.kim.id, default: []].append(
            ClinicalNote(date: day("2026-03-02"), text: "saw the GP letter"))
        let reviewed = Self.row("Kim", caseload)
        #expect(reviewed?.changes?.redFlags.isEmpty == true)
        #expect((reviewed?.attention ?? 0) > 0)
    }

    @Test func aDischargedPatientIsNoAlarmUnlessAFlagCameAfter() {
        var quiet = PatientsAttentionTests.row(
            1, "Ann", level: .amber, reason: .noRecentLog, daysSinceLog: 9)
        quiet.discharged = Discharge(date: day("2026-02-20"), by: "Joke")
        let green = PatientsAttentionTests.row(2, "Bo", level: .green)
        var flagged = PatientsAttentionTests.row(3, "Cas", level: .amber, daysSinceLog: 1)
        flagged.discharged = Discharge(date: day("2026-02-20"), by: "Joke")
        flagged.changes = ReviewChanges(
            notes: [ClinicalNote(date: day("2026-02-20"), text: "discharged")],
            history: History(mornings: [
                MorningCheck(date: day("2026-03-01"), pain: 4, flags: ["locking"])
            ]), measures: [])
        // Ann's silence after her discharge is no alarm; Cas's red flag after it is.
        #expect(
            RosterRow.byAttention([quiet, green, flagged]).map(\.patient.name)
                == ["Cas", "Bo", "Ann"])
        #expect(quiet.attention == 7 && flagged.attention == 2)
    }

    /// Before any note every old flag counts as unseen: a patient red today still comes first.
    @Test func aRedDayRanksAboveAnOldClearedFlagNobodyNotedYet() {
        let red = PatientsAttentionTests.row(1, "Ann", level: .red)
        var old = PatientsAttentionTests.row(2, "Bo", level: .green)
        old.changes = ReviewChanges(
            notes: [],
            history: History(mornings: [
                MorningCheck(date: day("2026-01-10"), pain: 1, flags: ["locking"])
            ]), measures: [])
        let quiet = PatientsAttentionTests.row(3, "Cas", level: .amber, daysSinceLog: 5)
        #expect(
            RosterRow.byAttention([quiet, old, red]).map(\.patient.name) == ["Ann", "Bo", "Cas"])
    }

    @Test func measuresDueStayOnTheRow() {
        let sam = Self.row("Sam", Clinic.caseload())
        #expect(sam?.measuresDue.isEmpty == false)
        #expect(sam?.measuresDue.allSatisfy { $0.overdue } == true)
    }
}

/// `rehab patients` ranks from the overviews and reviews as the Patients screen does from its
/// rows (`PatientAttention`): a physio finds the same patient first in either. Before, the
/// command knew only four groups (open flags, red, unseen flags, the rest by name).
@Suite struct CommandRankTests {
    @Test func theCommandsOrderIsTheScreens() throws {
        for var caseload in [Clinic.caseload(), HistoryEventTests.caseload()] {
            // Kim's flag cleared and reviewed: she ranks by her verdict like anyone else.
            var kim = caseload.histories[Clinic.kim.id] ?? History()
            kim.clearings.append(FlagClearing(date: day("2026-03-01"), reason: "GP: fine"))
            caseload.histories[Clinic.kim.id] = kim
            caseload.notes[Clinic.kim.id] = [ClinicalNote(date: Fixture.today, text: "seen")]
            var runner = caseload.runner()
            let screen = try runner.roster(includeArchived: false, today: Fixture.today)
            let overviews = try PatientOverview.roster(
                store: runner.store, includeArchived: false, today: Fixture.today
            ) { source in try runner.template(source) }
            let reviews = try PatientReview.loadAll(overviews, store: runner.store)
            let command = PatientAttention.ordered(Array(zip(overviews, reviews))) {
                PatientAttention($0.0, review: $0.1, today: Fixture.today)
            }
            #expect(command.map { $0.0.patient.name } == screen.map(\.patient.name))
            #expect(
                zip(command, screen).allSatisfy {
                    PatientAttention($0.0, review: $0.1, today: Fixture.today)
                        == $1.attentionFacts
                })
        }
    }
}
