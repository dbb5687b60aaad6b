import Foundation
import RehabCore
import RehabPlans
import TerminalUI
import Testing

@testable import RehabTUI

/// Physio referrals worded for the role (issue 16): a referral answered yes is an advisory
/// (see_physio), never a stop, so nobody is sent to "contact your GP" for it; a physio is told
/// to examine it and records what they found with e, which clears exactly that referral.
@Suite struct ReferralTests {
    static let calf: Plan = {
        let path = Fixture.root.appendingPathComponent("plans/calf_injury.yaml").path
        do { return try PlanFile.load(path: path) } catch {
            preconditionFailure("plans/calf_injury.yaml must load: \(error)")
        }
    }()
    static let referral = "gait_not_normal_after_2_days"

    /// Sam on the calf plan since 2026-02-27; yesterday's morning check said walking is still
    /// not normal.
    static func caseload() -> Caseload {
        var caseload = Caseload(patients: [Fixture.sam], catalog: [calf])
        let start = day("2026-02-27")
        caseload.assignments[Fixture.sam.id] = Assignment(
            planID: "calf_injury", variantID: "strain", startDate: start,
            phaseHistory: [PhaseChange(phase: "protect", date: start, reason: .start)])
        caseload.histories[Fixture.sam.id] =
            History(mornings: [
                MorningCheck(date: day("2026-02-28"), pain: 2),
                MorningCheck(date: day("2026-03-01"), pain: 2, flags: [referral]),
            ])
        return caseload
    }

    static func text(_ state: AppState) -> String {
        render(state).lines().joined(separator: "\n")
    }

    @Test func aReferralIsNotAStopAndTheRunnerIsSentToThePhysio() {
        let state = Fixture.state(Self.caseload())
        #expect(state.followed?.status.verdict.level == .amber)
        #expect(state.followed?.openReferrals.map(\.flag) == [Self.referral])
        #expect(state.top == .today(scroll: 0), "a referral must not open the Stop screen")
        let text = Self.text(state)
        #expect(text.contains("have your physio look at it"), "\(text)")
        #expect(!text.contains("GP") && !text.contains("doctor"), "\(text)")
    }

    @Test func aPhysioIsToldToExamineItAndRecordsWhatTheyFound() {
        var state = Fixture.state(Self.caseload())
        state.role = .physio
        let text = Self.text(state)
        #expect(text.contains("You are the physio: examine it"), "\(text)")
        #expect(!text.contains("GP") && !text.contains("doctor"), "\(text)")
        #expect(run(&state, [.char("e")]).isEmpty)
        let open = [FlagReport(flag: Self.referral, date: day("2026-03-01"))]
        #expect(state.confirmation?.kind == .examinedReferrals(open))
        #expect(Self.text(state).contains("You examined it: what did you find?"))
        // A reason is required, as for every clearing.
        #expect(run(&state, [.enter]).isEmpty)
        #expect(state.confirmation?.error != nil)
        let effects = run(&state, chars("normal gait, calf strain grade 1") + [.enter])
        #expect(
            effects == [
                .examinedReferrals(
                    patient: 1,
                    reason: "Examined by the physio: normal gait, calf strain grade 1",
                    flags: open)
            ])
    }

    @Test func theExaminationClearsTheReferralOnly() {
        var app = Fixture.app(Self.caseload())
        app.state.role = .physio
        app.press(.char("e"))
        app.type("walks normally")
        app.press(.enter)
        #expect(app.state.followed?.openReferrals.isEmpty == true)
        let clearing = app.state.followed?.history.clearings.last
        #expect(clearing?.reason == "Examined by the physio: walks normally")
        #expect(clearing?.cleared == [FlagReport(flag: Self.referral, date: day("2026-03-01"))])
        #expect(app.state.notice?.text == "Recorded: the referral is dealt with.")
        #expect(
            app.state.followed?.status.verdict.findings.contains { $0.code == .seePhysio } == false)
    }

    /// The question answered yes on two mornings: one referral on screen, and examining it
    /// clears both reports (one left would keep the referral open after it was dealt with).
    @Test func aReferralAnsweredTwiceIsClearedWhole() {
        var caseload = Self.caseload()
        caseload.histories[Fixture.sam.id]?.mornings.append(
            MorningCheck(date: day("2026-03-02"), pain: 2, flags: [Self.referral]))
        var app = Fixture.app(caseload)
        app.state.role = .physio
        #expect(app.state.followed?.openReferrals.count == 1)
        app.press(.char("e"))
        app.type("walks normally")
        app.press(.enter)
        #expect(app.state.followed?.openReferrals.isEmpty == true)
        #expect(
            app.state.followed?.history.clearings.last?.cleared == [
                FlagReport(flag: Self.referral, date: day("2026-03-01")),
                FlagReport(flag: Self.referral, date: day("2026-03-02")),
            ])
    }

    @Test func theChecklistWordsTheReferralForThePhysio() {
        var state = Fixture.state(Self.caseload())
        let asked = LogView.flagName(Self.referral, state)
        #expect(asked.hasPrefix("Two days after the injury"))
        state.role = .physio
        #expect(
            LogView.flagName(Self.referral, state)
                == "Referral to you as the physio (no doctor needed): " + asked)
        // A real red flag keeps its own words for everyone.
        #expect(!LogView.flagName("calf_swelling_warm_red", state).contains("Referral"))
    }

    @Test func openingAPatientFromTheListIsThePhysio() {
        var app = Clinic.app()
        #expect(app.state.role == .runner)
        app.press(.enter)
        #expect(app.state.role == .physio)
    }

    @Test func withoutAReferralESaysSo() {
        var state = Fixture.state(Fixture.buildUp())
        #expect(run(&state, [.char("e")]).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.notice == Notice("No physio referral is open.", isError: true))
    }
}
